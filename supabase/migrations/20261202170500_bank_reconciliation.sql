-- Bank accounts, imported statement lines and their reconciliation. Statements come in
-- as CSV (the app maps the columns, the database validates every row); a line already
-- imported is recognised by its fingerprint and skipped, so importing a file twice, or
-- two overlapping files, never doubles a line. Lines are matched to payments, or to an
-- open invoice or bill (which records the payment from the line); suggestions rank
-- candidates by amount, reference and date; the accountant confirms.

create table public.bank_accounts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 100),
  -- The chart's account the money is booked on (an asset, e.g. 1000 Bank).
  gl_account_id uuid not null,
  bank_name text check (bank_name is null or length(bank_name) <= 100),
  -- Shown masked in lists; kept for matching statement files to the account.
  account_number text check (account_number is null or length(account_number) <= 50),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, name),
  -- One bank account per ledger account, so the ledger balance is the bank's.
  unique (org_id, gl_account_id),
  foreign key (org_id, gl_account_id) references public.gl_accounts (org_id, id)
);
alter table public.bank_accounts enable row level security;

create table public.bank_statement_imports (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  bank_account_id uuid not null,
  file_name text not null check (length(btrim(file_name)) between 1 and 200),
  rows_total int not null default 0,
  rows_imported int not null default 0,
  rows_duplicate int not null default 0,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, bank_account_id) references public.bank_accounts (org_id, id) on delete cascade
);
alter table public.bank_statement_imports enable row level security;
create index bank_statement_imports_account_idx on public.bank_statement_imports (org_id, bank_account_id, created_at desc);

create table public.bank_statement_lines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  bank_account_id uuid not null,
  import_id uuid,
  booking_date date not null,
  -- Signed, in the bank account's currency: money in is positive.
  amount numeric(18, 2) not null check (amount <> 0),
  description text check (description is null or length(description) <= 500),
  counterparty text check (counterparty is null or length(counterparty) <= 200),
  reference text check (reference is null or length(reference) <= 200),
  -- Same date, amount, texts and occurrence in the file: the same bank line.
  fingerprint text not null,
  payment_id uuid,
  matched_at timestamptz,
  matched_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  unique (bank_account_id, fingerprint),
  foreign key (org_id, bank_account_id) references public.bank_accounts (org_id, id) on delete cascade,
  foreign key (org_id, import_id) references public.bank_statement_imports (org_id, id) on delete set null (import_id),
  foreign key (org_id, payment_id) references public.payments (org_id, id),
  check ((payment_id is null) = (matched_at is null))
);
alter table public.bank_statement_lines enable row level security;
create index bank_statement_lines_account_idx on public.bank_statement_lines (org_id, bank_account_id, booking_date);
create index bank_statement_lines_unmatched_idx on public.bank_statement_lines (org_id, bank_account_id) where payment_id is null;
-- A payment is matched to one statement line at most.
create unique index bank_statement_lines_payment_idx on public.bank_statement_lines (payment_id) where payment_id is not null;

-- Bank accounts book on an asset account of their own org; lines are written only by
-- the import and the match RPCs (which set private.posting).
create function private.bank_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(current_setting('private.posting', true), '') = 'on' then
    return coalesce(new, old);
  end if;
  if tg_op = 'DELETE' and not exists (select 1 from public.organizations o where o.id = old.org_id) then
    return old;
  end if;
  if tg_table_name = 'bank_accounts' then
    if tg_op <> 'DELETE' and not exists (select 1 from public.gl_accounts g
        where g.id = new.gl_account_id and g.org_id = new.org_id and g.type = 'asset') then
      raise exception 'A bank account books on an asset account of the chart' using errcode = '23514';
    end if;
    return coalesce(new, old);
  end if;
  -- Nested: plpgsql resolves old.payment_id only on the table that has it.
  if tg_table_name = 'bank_statement_lines' and tg_op = 'DELETE' then
    if old.payment_id is null then
      return old;
    end if;
  end if;
  raise exception 'Import statements with import_bank_statement() and match lines with match_bank_line()'
    using errcode = '42501';
end;
$$;
create trigger bank_accounts_guard before insert or update or delete on public.bank_accounts
  for each row execute function private.bank_guard();
create trigger bank_statement_imports_guard before insert or update or delete on public.bank_statement_imports
  for each row execute function private.bank_guard();
create trigger bank_statement_lines_guard before insert or update or delete on public.bank_statement_lines
  for each row execute function private.bank_guard();
create trigger bank_accounts_touch before update on public.bank_accounts for each row execute function private.touch_updated_at();
create trigger bank_accounts_audit after insert or update or delete on public.bank_accounts for each row execute function private.audit_row();
create trigger bank_statement_imports_audit after insert or update or delete on public.bank_statement_imports for each row execute function private.audit_row();
create trigger bank_statement_lines_audit after insert or update or delete on public.bank_statement_lines for each row execute function private.audit_row();

create function private.is_iso_date(p_text text) returns boolean
language plpgsql immutable set search_path = '' as $$
begin
  if coalesce(p_text, '') !~ '^\d{4}-\d{2}-\d{2}$' then
    return false;
  end if;
  perform p_text::date;
  return true;
exception when others then
  return false;
end;
$$;
revoke all on function private.is_iso_date(text) from public;

-- Imports mapped rows [{booking_date, amount, description?, counterparty?, reference?}].
-- Every row is checked first; any bad row refuses the whole file with the row numbers
-- (1-based) and what is wrong, so nothing is half-imported. Known lines are skipped.
create function public.import_bank_statement(p_bank_account_id uuid, p_file_name text, p_rows jsonb)
returns public.bank_statement_imports
language plpgsql security definer set search_path = '' as $$
declare
  v_account public.bank_accounts;
  v_import public.bank_statement_imports;
  v_errors jsonb;
  v_total int;
  v_imported int;
begin
  select * into v_account from public.bank_accounts b where b.id = p_bank_account_id;
  if not found or not private.is_member(v_account.org_id) then
    raise exception 'Bank account not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_account.org_id, '{owner,admin,accountant}', 'import bank statements');
  if jsonb_typeof(p_rows) <> 'array' or jsonb_array_length(p_rows) = 0 then
    raise exception 'The statement has no rows' using errcode = '22023';
  end if;
  if jsonb_array_length(p_rows) > 20000 then
    raise exception 'A statement file holds at most 20,000 rows' using errcode = '22023';
  end if;
  select jsonb_agg(jsonb_build_object('row', r.n, 'message', r.message) order by r.n) into v_errors
  from (
    select x.n, case
        when not private.is_iso_date(x.row ->> 'booking_date') then 'the date is not a date (YYYY-MM-DD)'
        when coalesce(x.row ->> 'amount', '') !~ '^-?\d{1,15}(\.\d{1,2})?$' then 'the amount is not a number with at most two decimals'
        when (x.row ->> 'amount')::numeric = 0 then 'the amount is zero'
        when length(coalesce(x.row ->> 'description', '')) > 500 or length(coalesce(x.row ->> 'counterparty', '')) > 200
          or length(coalesce(x.row ->> 'reference', '')) > 200 then 'a text is too long'
      end as message
    from jsonb_array_elements(p_rows) with ordinality x(row, n)
  ) r where r.message is not null;
  if v_errors is not null then
    raise exception 'The statement has % bad row(s); nothing was imported', jsonb_array_length(v_errors)
      using errcode = '22023', detail = v_errors::text;
  end if;

  perform set_config('private.posting', 'on', true);
  insert into public.bank_statement_imports (org_id, bank_account_id, file_name)
  values (v_account.org_id, v_account.id, left(btrim(p_file_name), 200)) returning * into v_import;
  with parsed as (
    select (x.row ->> 'booking_date')::date as booking_date, (x.row ->> 'amount')::numeric as amount,
      nullif(btrim(x.row ->> 'description'), '') as description, nullif(btrim(x.row ->> 'counterparty'), '') as counterparty,
      nullif(btrim(x.row ->> 'reference'), '') as reference, x.n
    from jsonb_array_elements(p_rows) with ordinality x(row, n)
  ), keyed as (
    select p.*, md5(concat_ws('|', p.booking_date, p.amount, p.description, p.counterparty, p.reference)) || '#' ||
      row_number() over (partition by p.booking_date, p.amount, p.description, p.counterparty, p.reference order by p.n) as fingerprint
    from parsed p
  )
  insert into public.bank_statement_lines (org_id, bank_account_id, import_id, booking_date, amount, description,
    counterparty, reference, fingerprint)
  select v_account.org_id, v_account.id, v_import.id, k.booking_date, k.amount, k.description, k.counterparty,
    k.reference, k.fingerprint
  from keyed k order by k.n
  on conflict (bank_account_id, fingerprint) do nothing;
  get diagnostics v_imported = row_count;
  v_total := jsonb_array_length(p_rows);
  update public.bank_statement_imports i set rows_total = v_total, rows_imported = v_imported,
      rows_duplicate = v_total - v_imported
    where i.id = v_import.id returning * into v_import;
  perform set_config('private.posting', 'off', true);
  return v_import;
end;
$$;

-- Candidates for a statement line, best first: posted payments on the bank's ledger
-- account not matched yet (same direction and amount), and open invoices (money in) or
-- bills (money out) whose amount due equals the line's amount. Score: exact amount 50,
-- document number in the line's texts 40, date proximity up to 10.
create function public.suggest_bank_matches(p_line_id uuid)
returns table (kind text, id uuid, number text, partner_name text, document_date date, amount numeric, score int)
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_line public.bank_statement_lines;
  v_account public.bank_accounts;
  v_text text;
begin
  select * into v_line from public.bank_statement_lines l where l.id = p_line_id;
  if not found then
    raise exception 'Statement line not found' using errcode = 'P0002';
  end if;
  select * into v_account from public.bank_accounts b where b.id = v_line.bank_account_id;
  v_text := upper(concat_ws(' ', v_line.description, v_line.counterparty, v_line.reference));
  return query
  select c.kind, c.id, c.number, c.partner_name, c.document_date, c.amount,
    (50 + case when position(upper(c.number) in v_text) > 0 then 40 else 0 end
        + greatest(0, 10 - abs(c.document_date - v_line.booking_date) / 3))::int as score
  from (
    select 'payment'::text as kind, p.id, p.number, a.name as partner_name, p.payment_date as document_date, p.amount
    from public.payments p join public.accounts a on a.id = p.account_id
    where p.org_id = v_line.org_id and p.gl_account_id = v_account.gl_account_id and p.currency = v_account.currency
      and p.amount = abs(v_line.amount)
      and p.direction = case when v_line.amount > 0 then 'incoming' else 'outgoing' end::public.payment_direction
      and not exists (select 1 from public.bank_statement_lines m where m.payment_id = p.id)
    union all
    select 'invoice', i.id, i.number, a.name, i.invoice_date, i.total - i.amount_paid
    from public.invoices i join public.accounts a on a.id = i.account_id
    where v_line.amount > 0 and i.org_id = v_line.org_id and i.kind = 'invoice' and i.status = 'posted'
      and i.currency = v_account.currency and i.total - i.amount_paid = v_line.amount
    union all
    select 'vendor_bill', b.id, b.number, a.name, b.bill_date, b.total - b.amount_paid
    from public.vendor_bills b join public.accounts a on a.id = b.supplier_id
    where v_line.amount < 0 and b.org_id = v_line.org_id and b.status = 'posted'
      and b.currency = v_account.currency and b.total - b.amount_paid = -v_line.amount
  ) c
  order by score desc, abs(c.document_date - v_line.booking_date), c.number
  limit 20;
end;
$$;

-- Confirms a match: to an existing payment, or to an invoice or bill, in which case the
-- payment is recorded from the line (its date, amount and texts) on the bank's account.
create function public.match_bank_line(p_line_id uuid, p_payment_id uuid default null, p_invoice_id uuid default null,
  p_vendor_bill_id uuid default null)
returns public.bank_statement_lines
language plpgsql security definer set search_path = '' as $$
declare
  v_line public.bank_statement_lines;
  v_account public.bank_accounts;
  v_payment public.payments;
  v_partner uuid;
begin
  select * into v_line from public.bank_statement_lines l where l.id = p_line_id for update;
  if not found or not private.is_member(v_line.org_id) then
    raise exception 'Statement line not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_line.org_id, '{owner,admin,accountant}', 'reconcile bank statements');
  if v_line.payment_id is not null then
    raise exception 'This line is already matched' using errcode = '23514';
  end if;
  if num_nonnulls(p_payment_id, p_invoice_id, p_vendor_bill_id) <> 1 then
    raise exception 'Match a line to one payment, invoice or bill' using errcode = '22023';
  end if;
  select * into v_account from public.bank_accounts b where b.id = v_line.bank_account_id;
  if p_payment_id is not null then
    select * into v_payment from public.payments p where p.id = p_payment_id and p.org_id = v_line.org_id;
    if not found then
      raise exception 'Payment not found' using errcode = 'P0002';
    end if;
    if v_payment.gl_account_id <> v_account.gl_account_id or v_payment.currency <> v_account.currency
       or v_payment.amount <> abs(v_line.amount)
       or v_payment.direction <> (case when v_line.amount > 0 then 'incoming' else 'outgoing' end)::public.payment_direction then
      raise exception 'Payment % does not match the line (account, currency, direction or amount)', v_payment.number
        using errcode = '23514';
    end if;
  else
    if p_invoice_id is not null then
      select i.account_id into v_partner from public.invoices i where i.id = p_invoice_id and i.org_id = v_line.org_id;
    else
      select b.supplier_id into v_partner from public.vendor_bills b where b.id = p_vendor_bill_id and b.org_id = v_line.org_id;
    end if;
    if v_partner is null then
      raise exception 'Document not found' using errcode = 'P0002';
    end if;
    if (p_invoice_id is not null) <> (v_line.amount > 0) then
      raise exception 'Money in settles invoices; money out settles bills' using errcode = '23514';
    end if;
    v_payment := public.record_payment(v_line.org_id,
      case when v_line.amount > 0 then 'incoming' else 'outgoing' end::public.payment_direction, v_partner,
      abs(v_line.amount), v_line.booking_date, v_account.currency, v_account.gl_account_id,
      left(coalesce(v_line.reference, v_line.description), 200),
      jsonb_build_array(case when p_invoice_id is not null
        then jsonb_build_object('invoice_id', p_invoice_id, 'amount', v_line.amount)
        else jsonb_build_object('vendor_bill_id', p_vendor_bill_id, 'amount', -v_line.amount) end),
      'bank-line:' || v_line.id::text);
  end if;
  perform set_config('private.posting', 'on', true);
  update public.bank_statement_lines l set payment_id = v_payment.id, matched_at = now(), matched_by = (select auth.uid())
    where l.id = p_line_id returning * into v_line;
  perform set_config('private.posting', 'off', true);
  return v_line;
end;
$$;

-- Undoes a match (the payment stays; reverse its journal entry if it was wrong).
create function public.unmatch_bank_line(p_line_id uuid) returns public.bank_statement_lines
language plpgsql security definer set search_path = '' as $$
declare
  v_line public.bank_statement_lines;
begin
  select * into v_line from public.bank_statement_lines l where l.id = p_line_id for update;
  if not found or not private.is_member(v_line.org_id) then
    raise exception 'Statement line not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_line.org_id, '{owner,admin,accountant}', 'reconcile bank statements');
  perform set_config('private.posting', 'on', true);
  update public.bank_statement_lines l set payment_id = null, matched_at = null, matched_by = null
    where l.id = p_line_id returning * into v_line;
  perform set_config('private.posting', 'off', true);
  return v_line;
end;
$$;

-- The reconciliation of one bank account as of a date: the statement's balance (sum of
-- its lines), the ledger's balance (its chart account, base currency when the bank's
-- currency is the base), what is not matched on either side, and the difference.
create function public.bank_reconciliation(p_bank_account_id uuid, p_as_of date default current_date)
returns table (statement_balance numeric, ledger_balance numeric, unmatched_lines int, unmatched_lines_amount numeric,
  unreconciled_payments int, unreconciled_payments_amount numeric, difference numeric)
language sql stable security invoker set search_path = '' as $$
  with account as (select * from public.bank_accounts b where b.id = p_bank_account_id),
  statement as (
    select coalesce(sum(l.amount), 0) as balance,
      count(*) filter (where l.payment_id is null)::int as unmatched,
      coalesce(sum(l.amount) filter (where l.payment_id is null), 0) as unmatched_amount
    from public.bank_statement_lines l, account a where l.bank_account_id = a.id and l.booking_date <= p_as_of
  ),
  ledger as (
    select coalesce(sum(coalesce(j.amount_currency, j.debit - j.credit)), 0) as balance
    from public.journal_lines j join public.journal_entries e on e.id = j.entry_id, account a
    where j.org_id = a.org_id and j.gl_account_id = a.gl_account_id and e.status = 'posted' and e.entry_date <= p_as_of
  ),
  open_payments as (
    select count(*)::int as n, coalesce(sum(case when p.direction = 'incoming' then p.amount else -p.amount end), 0) as amount
    from public.payments p, account a
    where p.org_id = a.org_id and p.gl_account_id = a.gl_account_id and p.payment_date <= p_as_of
      and not exists (select 1 from public.bank_statement_lines m where m.payment_id = p.id)
  )
  select s.balance, l.balance, s.unmatched, s.unmatched_amount, o.n, o.amount, s.balance - l.balance
  from statement s, ledger l, open_payments o
  where exists (select 1 from account)
$$;

revoke all on function private.bank_guard() from public;
revoke execute on function public.import_bank_statement(uuid, text, jsonb), public.suggest_bank_matches(uuid),
  public.match_bank_line(uuid, uuid, uuid, uuid), public.unmatch_bank_line(uuid), public.bank_reconciliation(uuid, date)
  from public, anon;
grant execute on function public.import_bank_statement(uuid, text, jsonb), public.suggest_bank_matches(uuid),
  public.match_bank_line(uuid, uuid, uuid, uuid), public.unmatch_bank_line(uuid), public.bank_reconciliation(uuid, date)
  to authenticated;

-- Policies (DESIGN.md "Finance"): owners, admins and accountants write; managers and viewers read.
create policy bank_accounts_select on public.bank_accounts for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,viewer}')));
create policy bank_accounts_write on public.bank_accounts for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')));
create policy bank_statement_imports_select on public.bank_statement_imports for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,viewer}')));
create policy bank_statement_imports_write on public.bank_statement_imports for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')));
create policy bank_statement_lines_select on public.bank_statement_lines for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,viewer}')));
create policy bank_statement_lines_write on public.bank_statement_lines for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')));

-- Every organisation starts with its main bank account on 1000 Bank, in its base currency
-- (the trigger is named to fire after organizations_seed_chart: AFTER triggers run by name).
create function private.organizations_seed_bank_account() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform set_config('private.posting', 'on', true);
  insert into public.bank_accounts (org_id, name, gl_account_id, currency)
  select new.id, 'Main bank account', g.id, new.base_currency
  from public.gl_accounts g where g.org_id = new.id and g.role = 'bank'
  on conflict do nothing;
  perform set_config('private.posting', 'off', true);
  return null;
end;
$$;
create trigger organizations_seed_chart_then_bank_account after insert on public.organizations
  for each row execute function private.organizations_seed_bank_account();
select set_config('private.posting', 'on', true);
insert into public.bank_accounts (org_id, name, gl_account_id, currency)
select o.id, 'Main bank account', g.id, o.base_currency
from public.organizations o join public.gl_accounts g on g.org_id = o.id and g.role = 'bank'
on conflict do nothing;
select set_config('private.posting', 'off', true);
revoke all on function private.organizations_seed_bank_account() from public;
