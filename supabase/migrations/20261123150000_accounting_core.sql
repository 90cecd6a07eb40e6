-- Double-entry accounting core: currencies and dated exchange rates, a chart of
-- accounts seeded per organisation, fiscal periods that can be closed, and journal
-- entries whose lines must balance at commit (DESIGN.md invariant 3). Posted entries
-- are immutable; corrections are reversing entries. Documents post through
-- private.post_journal(); accountants post manual entries through post_journal_entry().

-- Global reference data: readable by signed-in users only, never by anon.
create table public.currencies (
  code text primary key check (code ~ '^[A-Z]{3}$'),
  name text not null,
  decimals smallint not null default 2 check (decimals between 0 and 4)
);
alter table public.currencies enable row level security;
create policy currencies_select on public.currencies for select to authenticated using (true);
revoke insert, update, delete on public.currencies from anon, authenticated;
insert into public.currencies (code, name, decimals) values
  ('USD', 'US dollar', 2), ('EUR', 'Euro', 2), ('GBP', 'Pound sterling', 2), ('CHF', 'Swiss franc', 2),
  ('CAD', 'Canadian dollar', 2), ('AUD', 'Australian dollar', 2), ('JPY', 'Japanese yen', 0), ('SEK', 'Swedish krona', 2),
  ('NOK', 'Norwegian krone', 2), ('DKK', 'Danish krone', 2), ('PLN', 'Polish złoty', 2), ('CZK', 'Czech koruna', 2),
  ('CNY', 'Chinese yuan', 2), ('INR', 'Indian rupee', 2), ('BRL', 'Brazilian real', 2), ('MXN', 'Mexican peso', 2),
  ('ZAR', 'South African rand', 2), ('SGD', 'Singapore dollar', 2), ('HKD', 'Hong Kong dollar', 2), ('NZD', 'New Zealand dollar', 2);

-- Entered or imported by accountants, never fetched: units of the org's base currency per unit of `currency`.
create table public.exchange_rates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  currency text not null references public.currencies (code),
  rate_date date not null,
  rate numeric(18, 8) not null check (rate > 0),
  created_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, currency, rate_date)
);
alter table public.exchange_rates enable row level security;

-- The rate in force on a date (the latest entered on or before it); 1 for the base currency.
create function private.exchange_rate(p_org_id uuid, p_currency text, p_date date) returns numeric
language plpgsql stable security definer set search_path = '' as $$
declare
  v_rate numeric;
begin
  if p_currency = (select o.base_currency from public.organizations o where o.id = p_org_id) then
    return 1;
  end if;
  select r.rate into v_rate from public.exchange_rates r
  where r.org_id = p_org_id and r.currency = p_currency and r.rate_date <= p_date
  order by r.rate_date desc limit 1;
  if v_rate is null then
    raise exception 'No exchange rate for % on or before %', p_currency, p_date
      using errcode = '23514', hint = 'Enter the rate under Accounting → Exchange rates';
  end if;
  return v_rate;
end;
$$;

create type public.gl_account_type as enum ('asset', 'liability', 'equity', 'income', 'expense');

create table public.gl_accounts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  code text not null check (code ~ '^[0-9A-Za-z.-]{1,20}$'),
  name text not null check (length(btrim(name)) between 1 and 200),
  type public.gl_account_type not null,
  -- The role an account plays in automatic postings (one account per role and org).
  role text check (role is null or role in ('bank', 'receivable', 'payable', 'inventory', 'grni', 'tax_receivable',
    'tax_payable', 'sales', 'service_sales', 'cogs', 'purchases', 'stock_adjustment', 'fx_gain', 'fx_loss',
    'retained_earnings', 'customer_credit', 'sales_returns')),
  parent_id uuid,
  reconcilable boolean not null default false,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, code),
  foreign key (org_id, parent_id) references public.gl_accounts (org_id, id)
);
alter table public.gl_accounts enable row level security;
create unique index gl_accounts_role_idx on public.gl_accounts (org_id, role) where role is not null;

create function private.seed_chart_of_accounts(p_org_id uuid) returns void
language sql security definer set search_path = '' as $$
  insert into public.gl_accounts (org_id, code, name, type, role, reconcilable) values
    (p_org_id, '1000', 'Bank', 'asset', 'bank', true),
    (p_org_id, '1100', 'Accounts receivable', 'asset', 'receivable', true),
    (p_org_id, '1200', 'Inventory', 'asset', 'inventory', false),
    (p_org_id, '1300', 'Input tax receivable', 'asset', 'tax_receivable', false),
    (p_org_id, '1500', 'Equipment', 'asset', null, false),
    (p_org_id, '2000', 'Accounts payable', 'liability', 'payable', true),
    (p_org_id, '2100', 'Goods received not invoiced', 'liability', 'grni', true),
    (p_org_id, '2200', 'Sales tax payable', 'liability', 'tax_payable', false),
    (p_org_id, '2300', 'Customer credits and prepayments', 'liability', 'customer_credit', true),
    (p_org_id, '3000', 'Owner''s equity', 'equity', null, false),
    (p_org_id, '3900', 'Retained earnings', 'equity', 'retained_earnings', false),
    (p_org_id, '4000', 'Product sales', 'income', 'sales', false),
    (p_org_id, '4100', 'Service revenue', 'income', 'service_sales', false),
    (p_org_id, '4900', 'Sales returns and allowances', 'income', 'sales_returns', false),
    (p_org_id, '4950', 'Exchange gains', 'income', 'fx_gain', false),
    (p_org_id, '5000', 'Cost of goods sold', 'expense', 'cogs', false),
    (p_org_id, '5100', 'Purchases (non-stock)', 'expense', 'purchases', false),
    (p_org_id, '5200', 'Inventory adjustments', 'expense', 'stock_adjustment', false),
    (p_org_id, '6000', 'Salaries and wages', 'expense', null, false),
    (p_org_id, '6100', 'Rent', 'expense', null, false),
    (p_org_id, '6200', 'Office and software', 'expense', null, false),
    (p_org_id, '6900', 'Exchange losses', 'expense', 'fx_loss', false)
  on conflict do nothing;
$$;
revoke all on function private.seed_chart_of_accounts(uuid) from public;

create function private.organizations_seed_chart() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.seed_chart_of_accounts(new.id);
  return null;
end;
$$;
create trigger organizations_seed_chart after insert on public.organizations
  for each row execute function private.organizations_seed_chart();
select private.seed_chart_of_accounts(o.id) from public.organizations o;

-- The org's account for a posting role.
create function private.gl_account(p_org_id uuid, p_role text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  select a.id into v_id from public.gl_accounts a where a.org_id = p_org_id and a.role = p_role;
  if v_id is null then
    raise exception 'The chart of accounts has no % account', p_role using errcode = '23514';
  end if;
  return v_id;
end;
$$;

create extension if not exists btree_gist with schema extensions;

create table public.fiscal_periods (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 50),
  start_date date not null,
  end_date date not null,
  closed_at timestamptz,
  closed_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  check (end_date >= start_date)
);
alter table public.fiscal_periods enable row level security;
-- Periods of an org never overlap.
alter table public.fiscal_periods add constraint fiscal_periods_no_overlap
  exclude using gist (org_id with =, daterange(start_date, end_date, '[]') with &&);

create type public.journal_status as enum ('draft', 'posted');

create table public.journal_entries (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  number text,
  entry_date date not null default current_date,
  description text not null check (length(btrim(description)) between 1 and 500),
  status public.journal_status not null default 'draft',
  -- What caused it: 'manual', 'reversal', or a document table ('invoices', 'goods_receipts', ...).
  source_type text not null default 'manual' check (source_type ~ '^[a-z_]{1,40}$'),
  source_id uuid,
  reversal_of uuid,
  posted_at timestamptz,
  posted_by uuid references auth.users (id) on delete set null,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, number),
  foreign key (org_id, reversal_of) references public.journal_entries (org_id, id),
  check ((status = 'posted') = (number is not null and posted_at is not null))
);
alter table public.journal_entries enable row level security;
create index journal_entries_org_date_idx on public.journal_entries (org_id, entry_date);
create index journal_entries_source_idx on public.journal_entries (org_id, source_type, source_id);
-- A document posts once; it is corrected by reversal, not by a second posting.
create unique index journal_entries_one_per_source_idx on public.journal_entries (org_id, source_type, source_id)
  where source_id is not null and source_type <> 'reversal';
create unique index journal_entries_one_reversal_idx on public.journal_entries (reversal_of) where reversal_of is not null;

create table public.journal_lines (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.organizations (id) on delete cascade,
  entry_id uuid not null,
  gl_account_id uuid not null,
  debit numeric(18, 2) not null default 0 check (debit >= 0),
  credit numeric(18, 2) not null default 0 check (credit >= 0),
  -- The document's own currency and amount (signed, debit positive) when it is not the base currency.
  currency text references public.currencies (code),
  amount_currency numeric(18, 2),
  -- Customer or supplier of receivable/payable lines (aging, statements).
  partner_id uuid,
  description text check (description is null or length(description) <= 500),
  foreign key (org_id, entry_id) references public.journal_entries (org_id, id) on delete cascade,
  foreign key (org_id, gl_account_id) references public.gl_accounts (org_id, id),
  foreign key (org_id, partner_id) references public.accounts (org_id, id),
  check ((debit = 0) <> (credit = 0))
);
alter table public.journal_lines enable row level security;
create index journal_lines_entry_idx on public.journal_lines (entry_id);
create index journal_lines_account_idx on public.journal_lines (org_id, gl_account_id);
create index journal_lines_partner_idx on public.journal_lines (org_id, partner_id) where partner_id is not null;

-- Invariant 3, checked at commit: every posted entry balances and has two lines or more.
create function private.check_journal_balanced() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_entry uuid := coalesce(case when tg_table_name = 'journal_lines' then (to_jsonb(coalesce(new, old)) ->> 'entry_id')::uuid end,
    (to_jsonb(coalesce(new, old)) ->> 'id')::uuid);
  v_debit numeric;
  v_credit numeric;
  v_lines int;
begin
  if not exists (select 1 from public.journal_entries e where e.id = v_entry and e.status = 'posted') then
    return null;
  end if;
  select coalesce(sum(l.debit), 0), coalesce(sum(l.credit), 0), count(*) into v_debit, v_credit, v_lines
  from public.journal_lines l where l.entry_id = v_entry;
  if v_debit <> v_credit or v_lines < 2 then
    raise exception 'Journal entry does not balance: debits % and credits % over % lines', v_debit, v_credit, v_lines
      using errcode = '23514';
  end if;
  return null;
end;
$$;
create constraint trigger journal_lines_balanced after insert or update or delete on public.journal_lines
  deferrable initially deferred for each row execute function private.check_journal_balanced();
create constraint trigger journal_entries_balanced after insert or update on public.journal_entries
  deferrable initially deferred for each row execute function private.check_journal_balanced();

-- Posted entries never change; drafts change freely; nothing posts into a closed period.
create function private.guard_journal() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_entry public.journal_entries;
  v_entry_id uuid;
begin
  if tg_op = 'DELETE' and not exists (select 1 from public.organizations o where o.id = old.org_id) then
    return old;
  end if;
  if tg_table_name = 'journal_entries' then
    if tg_op = 'INSERT' then
      if new.status = 'posted' and coalesce(current_setting('private.posting', true), '') <> 'on' then
        raise exception 'Post entries with post_journal_entry()' using errcode = '42501';
      end if;
      return new;
    end if;
    if old.status = 'posted' then
      raise exception 'Journal entry % is posted: reverse it instead', old.number using errcode = '42501';
    end if;
    if tg_op = 'UPDATE' and new.status = 'posted' and coalesce(current_setting('private.posting', true), '') <> 'on' then
      raise exception 'Post entries with post_journal_entry()' using errcode = '42501';
    end if;
    return coalesce(new, old);
  end if;
  v_entry_id := coalesce(new.entry_id, old.entry_id);
  select * into v_entry from public.journal_entries e where e.id = v_entry_id;
  if v_entry.status = 'posted' and coalesce(current_setting('private.posting', true), '') <> 'on' then
    raise exception 'Journal entry % is posted: reverse it instead', v_entry.number using errcode = '42501';
  end if;
  return coalesce(new, old);
end;
$$;
create trigger journal_entries_guard before insert or update or delete on public.journal_entries
  for each row execute function private.guard_journal();
create trigger journal_lines_guard before insert or update or delete on public.journal_lines
  for each row execute function private.guard_journal();

create function private.check_period_open(p_org_id uuid, p_date date) returns void
language plpgsql stable security definer set search_path = '' as $$
declare
  v_name text;
begin
  select p.name into v_name from public.fiscal_periods p
  where p.org_id = p_org_id and p.closed_at is not null and p_date between p.start_date and p.end_date;
  if v_name is not null then
    raise exception 'Period % is closed: nothing can be posted on %', v_name, p_date using errcode = '23514';
  end if;
end;
$$;

-- Posts a balanced entry for a document in one go. p_lines: [{account_role | gl_account_id,
-- debit | credit, partner_id?, currency?, amount_currency?, description?}]; zero lines are skipped.
create function private.post_journal(p_org_id uuid, p_date date, p_description text, p_source_type text, p_source_id uuid,
  p_lines jsonb, p_reversal_of uuid default null)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_entry uuid;
  v_line jsonb;
  v_debit numeric;
  v_credit numeric;
begin
  perform private.check_period_open(p_org_id, p_date);
  perform set_config('private.posting', 'on', true);
  insert into public.journal_entries (org_id, entry_date, description, status, source_type, source_id, reversal_of,
    number, posted_at, posted_by)
  values (p_org_id, p_date, p_description, 'posted', p_source_type, p_source_id, p_reversal_of,
    private.next_document_number(p_org_id, 'JE', p_date), now(), (select auth.uid()))
  returning id into v_entry;
  for v_line in select * from jsonb_array_elements(p_lines) loop
    v_debit := round(coalesce((v_line ->> 'debit')::numeric, 0), 2);
    v_credit := round(coalesce((v_line ->> 'credit')::numeric, 0), 2);
    -- A negative amount flips sides (e.g. a gain instead of a loss).
    if v_debit < 0 then v_credit := v_credit - v_debit; v_debit := 0; end if;
    if v_credit < 0 then v_debit := v_debit - v_credit; v_credit := 0; end if;
    if v_debit = v_credit then
      continue;
    end if;
    insert into public.journal_lines (org_id, entry_id, gl_account_id, debit, credit, currency, amount_currency, partner_id, description)
    values (p_org_id, v_entry,
      coalesce((v_line ->> 'gl_account_id')::uuid, private.gl_account(p_org_id, v_line ->> 'account_role')),
      greatest(v_debit - v_credit, 0), greatest(v_credit - v_debit, 0),
      v_line ->> 'currency', (v_line ->> 'amount_currency')::numeric, (v_line ->> 'partner_id')::uuid, v_line ->> 'description');
  end loop;
  perform set_config('private.posting', 'off', true);
  return v_entry;
end;
$$;

-- Accountants post their manual draft entries (balanced, period open, gapless JE number).
create function public.post_journal_entry(p_entry_id uuid) returns public.journal_entries
language plpgsql security definer set search_path = '' as $$
declare
  v_entry public.journal_entries;
begin
  select * into v_entry from public.journal_entries e where e.id = p_entry_id for update;
  if not found or not private.is_member(v_entry.org_id) then
    raise exception 'Journal entry not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_entry.org_id, '{owner,admin,accountant}', 'post journal entries');
  if v_entry.status = 'posted' then
    raise exception 'Journal entry % is already posted', v_entry.number using errcode = '23514';
  end if;
  perform private.check_period_open(v_entry.org_id, v_entry.entry_date);
  perform set_config('private.posting', 'on', true);
  update public.journal_entries e set status = 'posted', posted_at = now(), posted_by = (select auth.uid()),
      number = private.next_document_number(e.org_id, 'JE', e.entry_date)
    where e.id = p_entry_id returning * into v_entry;
  perform set_config('private.posting', 'off', true);
  return v_entry;
end;
$$;

-- Corrections are reversals: a mirrored posted entry on the given date.
create function public.reverse_journal_entry(p_entry_id uuid, p_date date default current_date, p_reason text default null)
returns public.journal_entries
language plpgsql security definer set search_path = '' as $$
declare
  v_entry public.journal_entries;
  v_new uuid;
begin
  select * into v_entry from public.journal_entries e where e.id = p_entry_id;
  if not found or not private.is_member(v_entry.org_id) then
    raise exception 'Journal entry not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_entry.org_id, '{owner,admin,accountant}', 'reverse journal entries');
  if v_entry.status <> 'posted' then
    raise exception 'Only posted entries are reversed; delete a draft instead' using errcode = '23514';
  end if;
  if exists (select 1 from public.journal_entries e where e.reversal_of = p_entry_id) then
    raise exception 'Journal entry % is already reversed', v_entry.number using errcode = '23514';
  end if;
  v_new := private.post_journal(v_entry.org_id, p_date,
    left(format('Reversal of %s: %s', v_entry.number, coalesce(nullif(btrim(p_reason), ''), v_entry.description)), 500),
    'reversal', p_entry_id,
    (select jsonb_agg(jsonb_build_object('gl_account_id', l.gl_account_id, 'debit', l.credit, 'credit', l.debit,
       'currency', l.currency, 'amount_currency', -l.amount_currency, 'partner_id', l.partner_id, 'description', l.description))
     from public.journal_lines l where l.entry_id = p_entry_id),
    p_entry_id);
  select * into v_entry from public.journal_entries where id = v_new;
  return v_entry;
end;
$$;

create function public.close_fiscal_period(p_period_id uuid) returns public.fiscal_periods
language plpgsql security definer set search_path = '' as $$
declare
  v_period public.fiscal_periods;
begin
  select * into v_period from public.fiscal_periods p where p.id = p_period_id for update;
  if not found or not private.is_member(v_period.org_id) then
    raise exception 'Period not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_period.org_id, '{owner,admin,accountant}', 'close periods');
  if exists (select 1 from public.journal_entries e where e.org_id = v_period.org_id and e.status = 'draft'
             and e.entry_date between v_period.start_date and v_period.end_date) then
    raise exception 'Post or delete the draft entries of % first', v_period.name using errcode = '23514';
  end if;
  perform set_config('private.posting', 'on', true);
  update public.fiscal_periods p set closed_at = now(), closed_by = (select auth.uid()) where p.id = p_period_id
    returning * into v_period;
  perform set_config('private.posting', 'off', true);
  return v_period;
end;
$$;

create function private.guard_fiscal_period() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'DELETE' and not exists (select 1 from public.organizations o where o.id = old.org_id) then
    return old;
  end if;
  if tg_op <> 'INSERT' and old.closed_at is not null then
    raise exception 'Period % is closed', old.name using errcode = '42501';
  end if;
  if tg_op <> 'DELETE' and new.closed_at is not null and (tg_op = 'INSERT' or old.closed_at is null)
     and coalesce(current_setting('private.posting', true), '') <> 'on' then
    raise exception 'Close a period with close_fiscal_period()' using errcode = '42501';
  end if;
  return coalesce(new, old);
end;
$$;
create trigger fiscal_periods_guard before insert or update or delete on public.fiscal_periods
  for each row execute function private.guard_fiscal_period();

create trigger gl_accounts_touch before update on public.gl_accounts for each row execute function private.touch_updated_at();
create trigger exchange_rates_audit after insert or update or delete on public.exchange_rates for each row execute function private.audit_row();
create trigger gl_accounts_audit after insert or update or delete on public.gl_accounts for each row execute function private.audit_row();
create trigger fiscal_periods_audit after insert or update or delete on public.fiscal_periods for each row execute function private.audit_row();
create trigger journal_entries_audit after insert or update or delete on public.journal_entries for each row execute function private.audit_row();
create trigger journal_lines_audit after insert or update or delete on public.journal_lines for each row execute function private.audit_row();

revoke all on function private.exchange_rate(uuid, text, date), private.gl_account(uuid, text), private.check_period_open(uuid, date),
  private.post_journal(uuid, date, text, text, uuid, jsonb, uuid) from public;
revoke execute on function public.post_journal_entry(uuid), public.reverse_journal_entry(uuid, date, text), public.close_fiscal_period(uuid)
  from public, anon;
grant execute on function public.post_journal_entry(uuid), public.reverse_journal_entry(uuid, date, text), public.close_fiscal_period(uuid)
  to authenticated;

-- Policies (DESIGN.md "Finance"): owners, admins and accountants write; managers and
-- viewers read; other roles see nothing of the books (balances reach them through
-- reports later).
create policy exchange_rates_select on public.exchange_rates for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy exchange_rates_write on public.exchange_rates for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')));
create policy gl_accounts_select on public.gl_accounts for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,viewer}')));
create policy gl_accounts_write on public.gl_accounts for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')));
create policy fiscal_periods_select on public.fiscal_periods for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,viewer}')));
create policy fiscal_periods_write on public.fiscal_periods for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')));
create policy journal_entries_select on public.journal_entries for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,viewer}')));
create policy journal_entries_write on public.journal_entries for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')));
create policy journal_lines_select on public.journal_lines for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,viewer}')));
create policy journal_lines_write on public.journal_lines for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')));
