-- Invoices, credit notes, payments and their allocations (order-to-cash, second half).
-- An invoice is made from an order (what was ordered or only what was delivered, per the
-- product's invoicing policy) or stand-alone, once per idempotency key; posting numbers it
-- (INV/CN gapless per org and fiscal year), fixes the day's exchange rate and posts its
-- journal entry in the same transaction. Payments post straight away with their
-- allocations; what is not allocated stays as the customer's credit. What an invoice
-- still owes, and whether it is open, partially paid, paid or overdue, is derived by the
-- database (invoice_balances).

create type public.invoice_kind as enum ('invoice', 'credit_note');

create table public.invoices (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  number text,
  kind public.invoice_kind not null default 'invoice',
  account_id uuid not null,
  sales_order_id uuid,
  -- Credit notes: the invoice they credit (if any).
  credited_invoice_id uuid,
  status public.document_status not null default 'draft',
  invoice_date date not null default current_date,
  due_date date,
  -- '' (the default) means the order's, else the customer's, else the base currency.
  currency text not null default '' check (currency ~ '^[A-Z]{3}$'),
  -- Units of base currency per unit of `currency`, fixed from the dated rates when posted.
  exchange_rate numeric(18, 8) not null default 1 check (exchange_rate > 0),
  -- Kept from the lines by a trigger.
  subtotal numeric(18, 2) not null default 0,
  tax_total numeric(18, 2) not null default 0,
  total numeric(18, 2) not null default 0,
  -- Payments and credit notes allocated to it (its currency); for a credit note, how much of it was used.
  amount_paid numeric(18, 2) not null default 0 check (amount_paid >= 0),
  -- Retries and double clicks of one request make one invoice.
  idempotency_key text check (idempotency_key is null or length(idempotency_key) between 8 and 200),
  journal_entry_id uuid,
  -- The PDF of the posted invoice, rendered once (Storage bucket "invoices").
  pdf_path text,
  sent_at timestamptz,
  notes text check (notes is null or length(notes) <= 5000),
  posted_at timestamptz,
  posted_by uuid references auth.users (id) on delete set null,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, number),
  unique (org_id, idempotency_key),
  foreign key (org_id, account_id) references public.accounts (org_id, id),
  foreign key (org_id, sales_order_id) references public.sales_orders (org_id, id),
  foreign key (org_id, credited_invoice_id) references public.invoices (org_id, id),
  foreign key (org_id, journal_entry_id) references public.journal_entries (org_id, id),
  check ((status = 'posted') = (number is not null and posted_at is not null)),
  check (kind = 'credit_note' or credited_invoice_id is null),
  check (due_date is null or due_date >= invoice_date),
  check (amount_paid <= greatest(total, 0))
);
alter table public.invoices enable row level security;
create index invoices_org_idx on public.invoices (org_id, status, invoice_date desc);
create index invoices_account_idx on public.invoices (org_id, account_id, invoice_date);
create index invoices_order_idx on public.invoices (org_id, sales_order_id) where sales_order_id is not null;
create index invoices_credited_idx on public.invoices (org_id, credited_invoice_id) where credited_invoice_id is not null;
-- Aging reads the posted documents that still owe something.
create index invoices_open_idx on public.invoices (org_id, due_date) where status = 'posted' and amount_paid < total;

create table public.invoice_lines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  invoice_id uuid not null,
  position int not null default 0,
  sales_order_line_id uuid,
  -- Credit note lines: the invoice line they credit.
  credited_line_id uuid,
  product_id uuid,
  description text not null check (length(btrim(description)) between 1 and 500),
  quantity numeric(18, 4) not null check (quantity > 0),
  unit_price numeric(18, 4) not null default 0 check (unit_price >= 0),
  discount_pct numeric(5, 2) not null default 0 check (discount_pct between 0 and 100),
  tax_rate numeric(6, 3) not null default 0 check (tax_rate between 0 and 100),
  net_amount numeric(18, 2) generated always as (round(quantity * unit_price * (1 - discount_pct / 100), 2)) stored,
  tax_amount numeric(18, 2) generated always as
    (round(round(quantity * unit_price * (1 - discount_pct / 100), 2) * tax_rate / 100, 2)) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, invoice_id) references public.invoices (org_id, id) on delete cascade,
  foreign key (org_id, credited_line_id) references public.invoice_lines (org_id, id),
  foreign key (org_id, sales_order_line_id) references public.sales_order_lines (org_id, id),
  foreign key (org_id, product_id) references public.products (org_id, id)
);
alter table public.invoice_lines enable row level security;
create index invoice_lines_invoice_idx on public.invoice_lines (org_id, invoice_id, position);
create index invoice_lines_order_line_idx on public.invoice_lines (org_id, sales_order_line_id) where sales_order_line_id is not null;
create index invoice_lines_product_idx on public.invoice_lines (org_id, product_id);
create index invoice_lines_credited_idx on public.invoice_lines (org_id, credited_line_id) where credited_line_id is not null;

create type public.payment_direction as enum ('incoming', 'outgoing');

create table public.payments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  number text not null,
  direction public.payment_direction not null,
  -- The customer (incoming) or supplier (outgoing).
  account_id uuid not null,
  -- Where the money went in or out: the bank or cash account of the chart.
  gl_account_id uuid not null,
  payment_date date not null default current_date,
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  exchange_rate numeric(18, 8) not null default 1 check (exchange_rate > 0),
  amount numeric(18, 2) not null check (amount > 0),
  -- Kept by the allocations.
  allocated_amount numeric(18, 2) not null default 0 check (allocated_amount >= 0),
  reference text check (reference is null or length(reference) <= 200),
  notes text check (notes is null or length(notes) <= 5000),
  idempotency_key text check (idempotency_key is null or length(idempotency_key) between 8 and 200),
  journal_entry_id uuid,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, number),
  unique (org_id, idempotency_key),
  foreign key (org_id, account_id) references public.accounts (org_id, id),
  foreign key (org_id, gl_account_id) references public.gl_accounts (org_id, id),
  foreign key (org_id, journal_entry_id) references public.journal_entries (org_id, id),
  check (allocated_amount <= amount)
);
alter table public.payments enable row level security;
create index payments_org_idx on public.payments (org_id, payment_date desc);
create index payments_account_idx on public.payments (org_id, account_id);
create index payments_gl_account_idx on public.payments (org_id, gl_account_id);

-- Vendor bills carry their totals and what was paid, like invoices.
alter table public.vendor_bills
  add column subtotal numeric(18, 2) not null default 0,
  add column tax_total numeric(18, 2) not null default 0,
  add column total numeric(18, 2) not null default 0,
  add column amount_paid numeric(18, 2) not null default 0 check (amount_paid >= 0),
  add column journal_entry_id uuid,
  add constraint vendor_bills_journal_entry_fk foreign key (org_id, journal_entry_id) references public.journal_entries (org_id, id),
  add constraint vendor_bills_paid_check check (amount_paid <= total);
update public.vendor_bills b set subtotal = t.subtotal, tax_total = t.tax_total, total = t.subtotal + t.tax_total
from (select l.vendor_bill_id, sum(l.net_amount) as subtotal, sum(l.tax_amount) as tax_total
      from public.vendor_bill_lines l group by 1) t
where t.vendor_bill_id = b.id;
create index vendor_bills_open_idx on public.vendor_bills (org_id, due_date) where status = 'posted' and amount_paid < total;

-- Money matched to documents: a payment or a credit note (the source) settles an invoice
-- or a vendor bill (the target), in the document's currency.
create table public.payment_allocations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  payment_id uuid,
  credit_note_id uuid,
  invoice_id uuid,
  vendor_bill_id uuid,
  amount numeric(18, 2) not null check (amount > 0),
  allocated_on date not null default current_date,
  journal_entry_id uuid,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, payment_id) references public.payments (org_id, id),
  foreign key (org_id, credit_note_id) references public.invoices (org_id, id),
  foreign key (org_id, invoice_id) references public.invoices (org_id, id),
  foreign key (org_id, vendor_bill_id) references public.vendor_bills (org_id, id),
  foreign key (org_id, journal_entry_id) references public.journal_entries (org_id, id),
  check (num_nonnulls(payment_id, credit_note_id) = 1),
  check (num_nonnulls(invoice_id, vendor_bill_id) = 1)
);
alter table public.payment_allocations enable row level security;
create index payment_allocations_payment_idx on public.payment_allocations (org_id, payment_id) where payment_id is not null;
create index payment_allocations_credit_note_idx on public.payment_allocations (org_id, credit_note_id) where credit_note_id is not null;
create index payment_allocations_invoice_idx on public.payment_allocations (org_id, invoice_id, allocated_on) where invoice_id is not null;
create index payment_allocations_bill_idx on public.payment_allocations (org_id, vendor_bill_id, allocated_on) where vendor_bill_id is not null;

-- Defaults: currency and due date from the order or the customer.
create function private.invoice_defaults() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(new.currency, '') = '' then
    select coalesce(s.currency, a.currency, o.base_currency) into new.currency
    from public.organizations o
    left join public.accounts a on a.id = new.account_id
    left join public.sales_orders s on s.id = new.sales_order_id
    where o.id = new.org_id;
  end if;
  return new;
end;
$$;
create trigger invoices_defaults before insert on public.invoices
  for each row execute function private.invoice_defaults();

-- Editing rules: drafts change freely (not their totals, status or number); posted
-- invoices, payments and allocations never change (correct them with credit notes and
-- reversals). The RPCs set private.posting for their own writes.
create function private.finance_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_row jsonb := to_jsonb(coalesce(new, old));
  v_status text;
begin
  if coalesce(current_setting('private.posting', true), '') = 'on' then
    return coalesce(new, old);
  end if;
  if tg_op = 'DELETE' and not exists (select 1 from public.organizations o where o.id = old.org_id) then
    return old;
  end if;
  if tg_table_name in ('payments', 'payment_allocations') then
    raise exception 'Record payments and allocations with their actions; posted ones never change' using errcode = '42501',
      hint = 'Reverse the payment''s journal entry and record it again';
  end if;
  v_status := case tg_table_name
    when 'invoices' then case when tg_op = 'INSERT' then 'draft' else to_jsonb(old) ->> 'status' end
    when 'invoice_lines' then (select i.status::text from public.invoices i where i.id = (v_row ->> 'invoice_id')::uuid)
  end;
  if tg_table_name = 'invoices' and tg_op <> 'DELETE' and ((v_row ->> 'status') <> 'draft' or (v_row ->> 'number') is not null
      or (v_row ->> 'amount_paid')::numeric <> 0 or (v_row ->> 'journal_entry_id') is not null or (v_row ->> 'pdf_path') is not null) then
    raise exception 'Post, credit or pay invoices with their actions' using errcode = '42501';
  end if;
  if v_status <> 'draft' then
    raise exception 'This invoice is % and can no longer change', v_status using errcode = '42501',
      hint = 'Issue a credit note instead';
  end if;
  return coalesce(new, old);
end;
$$;
create trigger invoices_guard before insert or update or delete on public.invoices
  for each row execute function private.finance_guard();
create trigger invoice_lines_guard before insert or update or delete on public.invoice_lines
  for each row execute function private.finance_guard();
create trigger payments_guard before insert or update or delete on public.payments
  for each row execute function private.finance_guard();
create trigger payment_allocations_guard before insert or update or delete on public.payment_allocations
  for each row execute function private.finance_guard();

-- An invoice's totals follow its lines.
create function private.invoice_totals() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_invoice uuid := coalesce(new.invoice_id, old.invoice_id);
  v_posting text := coalesce(current_setting('private.posting', true), '');
begin
  perform set_config('private.posting', 'on', true);
  update public.invoices i set subtotal = t.subtotal, tax_total = t.tax_total, total = t.subtotal + t.tax_total
  from (select coalesce(sum(l.net_amount), 0) as subtotal, coalesce(sum(l.tax_amount), 0) as tax_total
        from public.invoice_lines l where l.invoice_id = v_invoice) t
  where i.id = v_invoice and i.status = 'draft';
  perform set_config('private.posting', v_posting, true);
  return null;
end;
$$;
create trigger invoice_lines_totals after insert or update or delete on public.invoice_lines
  for each row execute function private.invoice_totals();

create trigger invoices_touch before update on public.invoices for each row execute function private.touch_updated_at();
create trigger invoice_lines_touch before update on public.invoice_lines for each row execute function private.touch_updated_at();
create trigger invoices_audit after insert or update or delete on public.invoices for each row execute function private.audit_row();
create trigger invoice_lines_audit after insert or update or delete on public.invoice_lines for each row execute function private.audit_row();
create trigger payments_audit after insert or update or delete on public.payments for each row execute function private.audit_row();
create trigger payment_allocations_audit after insert or update or delete on public.payment_allocations for each row execute function private.audit_row();

-- What each invoice still owes and its payment status, derived (overdue depends on today).
create view public.invoice_balances with (security_invoker = on) as
select i.id, i.org_id, i.number, i.kind, i.account_id, i.sales_order_id, i.status, i.invoice_date, i.due_date,
  i.currency, i.exchange_rate, i.total, i.amount_paid, i.total - i.amount_paid as amount_due,
  case
    when i.status <> 'posted' then i.status::text
    when i.amount_paid >= i.total then 'paid'
    when i.kind = 'invoice' and i.due_date < current_date then 'overdue'
    when i.amount_paid > 0 then 'partially_paid'
    else 'open'
  end as payment_status
from public.invoices i;

create view public.vendor_bill_balances with (security_invoker = on) as
select b.id, b.org_id, b.number, b.supplier_id, b.purchase_order_id, b.status, b.bill_date, b.due_date,
  b.currency, b.exchange_rate, b.total, b.amount_paid, b.total - b.amount_paid as amount_due,
  case
    when b.status <> 'posted' then b.status::text
    when b.amount_paid >= b.total then 'paid'
    when b.due_date < current_date then 'overdue'
    when b.amount_paid > 0 then 'partially_paid'
    else 'open'
  end as payment_status
from public.vendor_bills b;

-- Draft lines of an invoice made from an order: per line, what the product's invoicing
-- policy allows (ordered or delivered quantities) less what was already invoiced; with
-- p_only_delivered, only delivered quantities whatever the policy.
create function private.add_order_lines_to_invoice(p_invoice public.invoices, p_only_delivered boolean) returns int
language plpgsql security definer set search_path = '' as $$
declare
  v_count int;
begin
  insert into public.invoice_lines (org_id, invoice_id, position, sales_order_line_id, product_id, description,
    quantity, unit_price, discount_pct, tax_rate)
  select p_invoice.org_id, p_invoice.id, l.position, l.id, l.product_id, l.description, q.quantity, l.unit_price,
    l.discount_pct, l.tax_rate
  from public.sales_order_lines l
  left join public.products p on p.id = l.product_id
  cross join lateral (select case
      when p_only_delivered and p.kind is distinct from 'service' then l.delivered_quantity
      when p.invoicing_policy = 'delivered' and p.kind <> 'service' then l.delivered_quantity
      else l.quantity end - l.invoiced_quantity as quantity) q
  where l.sales_order_id = p_invoice.sales_order_id and q.quantity > 0
  order by l.position, l.id;
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;

-- Posting: number, due date, the day's rate, totals, invoiced quantities on the order,
-- and the journal entry (receivable against income and tax; mirrored for credit notes).
-- A credit note of an invoice settles what that invoice still owes.
create function private.post_invoice(p_invoice_id uuid) returns public.invoices
language plpgsql security definer set search_path = '' as $$
declare
  v_invoice public.invoices;
  v_base text;
  v_rate numeric;
  v_terms int;
  v_lines jsonb;
  v_receivable numeric;
  v_sign int;
  v_entry uuid;
  v_credited public.invoices;
  v_settle numeric;
begin
  select * into v_invoice from public.invoices i where i.id = p_invoice_id for update;
  if not found then
    raise exception 'Invoice not found' using errcode = 'P0002';
  end if;
  if v_invoice.status <> 'draft' then
    raise exception 'Invoice % is already %', v_invoice.number, v_invoice.status using errcode = '23514';
  end if;
  if not exists (select 1 from public.invoice_lines l where l.invoice_id = p_invoice_id) then
    raise exception 'An invoice needs at least one line' using errcode = '23514';
  end if;
  if v_invoice.total <= 0 then
    raise exception 'An invoice''s total must be greater than zero' using errcode = '23514';
  end if;
  select o.base_currency into v_base from public.organizations o where o.id = v_invoice.org_id;
  v_rate := case when v_invoice.currency = v_base then 1
                 else private.exchange_rate(v_invoice.org_id, v_invoice.currency, v_invoice.invoice_date) end;
  select coalesce(s.payment_terms_days, a.payment_terms_days, 30) into v_terms
  from public.accounts a left join public.sales_orders s on s.id = v_invoice.sales_order_id
  where a.id = v_invoice.account_id;
  v_sign := case when v_invoice.kind = 'invoice' then 1 else -1 end;

  -- Income per line (services to service revenue; credit notes to returns), tax, and the
  -- receivable as their sum so the entry balances to the cent in base currency.
  select jsonb_agg(jsonb_build_object(
      'account_role', case when v_invoice.kind = 'credit_note' then 'sales_returns'
                           when p.kind = 'service' then 'service_sales' else 'sales' end,
      'credit', v_sign * round(l.net_amount * v_rate, 2),
      'description', l.description)), sum(round(l.net_amount * v_rate, 2))
    into v_lines, v_receivable
  from public.invoice_lines l left join public.products p on p.id = l.product_id
  where l.invoice_id = p_invoice_id;
  v_lines := v_lines || jsonb_build_array(jsonb_build_object('account_role', 'tax_payable',
    'credit', v_sign * round(v_invoice.tax_total * v_rate, 2), 'description', 'Sales tax'));
  v_receivable := v_receivable + round(v_invoice.tax_total * v_rate, 2);

  perform set_config('private.posting', 'on', true);
  update public.invoices i set status = 'posted', posted_at = now(), posted_by = (select auth.uid()), exchange_rate = v_rate,
      due_date = coalesce(i.due_date, i.invoice_date + v_terms),
      number = private.next_document_number(i.org_id, case when i.kind = 'invoice' then 'INV' else 'CN' end, i.invoice_date)
    where i.id = p_invoice_id returning * into v_invoice;
  v_lines := v_lines || jsonb_build_array(jsonb_build_object('account_role', 'receivable',
    'debit', v_sign * v_receivable, 'partner_id', v_invoice.account_id,
    'currency', case when v_invoice.currency <> v_base then v_invoice.currency end,
    'amount_currency', case when v_invoice.currency <> v_base then v_sign * v_invoice.total end));
  v_entry := private.post_journal(v_invoice.org_id, v_invoice.invoice_date,
    format('%s %s', case when v_invoice.kind = 'invoice' then 'Invoice' else 'Credit note' end, v_invoice.number),
    'invoices', v_invoice.id, v_lines);
  perform set_config('private.posting', 'on', true);
  update public.invoices i set journal_entry_id = v_entry where i.id = p_invoice_id returning * into v_invoice;

  update public.sales_order_lines o set invoiced_quantity = o.invoiced_quantity + v_sign * t.quantity
  from (select l.sales_order_line_id, sum(l.quantity) as quantity from public.invoice_lines l
        where l.invoice_id = p_invoice_id and l.sales_order_line_id is not null group by 1) t
  where o.id = t.sales_order_line_id;

  if v_invoice.kind = 'credit_note' and v_invoice.credited_invoice_id is not null then
    select * into v_credited from public.invoices i where i.id = v_invoice.credited_invoice_id for update;
    v_settle := least(v_invoice.total, v_credited.total - v_credited.amount_paid);
    if v_settle > 0 then
      insert into public.payment_allocations (org_id, credit_note_id, invoice_id, amount, allocated_on)
      values (v_invoice.org_id, v_invoice.id, v_credited.id, v_settle, v_invoice.invoice_date);
      update public.invoices i set amount_paid = i.amount_paid + v_settle where i.id in (v_invoice.id, v_credited.id);
      select * into v_invoice from public.invoices i where i.id = p_invoice_id;
    end if;
  end if;
  perform set_config('private.posting', 'off', true);
  return v_invoice;
end;
$$;

create function public.post_invoice(p_invoice_id uuid) returns public.invoices
language plpgsql security definer set search_path = '' as $$
declare
  v_org uuid;
begin
  select i.org_id into v_org from public.invoices i where i.id = p_invoice_id;
  if v_org is null or not private.is_member(v_org) then
    raise exception 'Invoice not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_org, '{owner,admin,accountant}', 'post invoices');
  return private.post_invoice(p_invoice_id);
end;
$$;

-- The one entry point the create-invoice edge function calls, as the caller: makes the
-- invoice (from an order or from the given lines) and posts it, in one transaction,
-- once per idempotency key. A repeated key returns the invoice it made; concurrent
-- repeats wait for the first on the key's unique index and then return that invoice.
-- p_lines (stand-alone): [{product_id?, description, quantity, unit_price, discount_pct?, tax_rate?}].
create function public.create_invoice(p_org_id uuid, p_idempotency_key text, p_sales_order_id uuid default null,
  p_account_id uuid default null, p_lines jsonb default null, p_only_delivered boolean default false,
  p_invoice_date date default null, p_due_date date default null, p_currency text default null,
  p_notes text default null, p_post boolean default true)
returns public.invoices
language plpgsql security definer set search_path = '' as $$
declare
  v_invoice public.invoices;
  v_order public.sales_orders;
  v_line jsonb;
  v_position int := 0;
begin
  if not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  perform private.require_role(p_org_id, '{owner,admin,accountant}', 'create invoices');
  if p_idempotency_key is null or length(p_idempotency_key) not between 8 and 200 then
    raise exception 'An idempotency key of 8 to 200 characters is required' using errcode = '22023';
  end if;
  if (p_sales_order_id is null) = (p_lines is null) then
    raise exception 'Invoice either a sales order or the given lines' using errcode = '22023';
  end if;

  if p_sales_order_id is not null then
    select * into v_order from public.sales_orders s where s.id = p_sales_order_id and s.org_id = p_org_id;
    if not found then
      raise exception 'Sales order not found' using errcode = 'P0002';
    end if;
  elsif p_account_id is null or not exists (select 1 from public.accounts a where a.id = p_account_id and a.org_id = p_org_id) then
    raise exception 'A stand-alone invoice needs a customer of the organisation' using errcode = '22023';
  end if;
  insert into public.invoices (org_id, idempotency_key, account_id, sales_order_id, invoice_date, due_date, currency, notes)
  values (p_org_id, p_idempotency_key, coalesce(v_order.account_id, p_account_id), v_order.id,
    coalesce(p_invoice_date, current_date), p_due_date, coalesce(upper(p_currency), ''), nullif(btrim(p_notes), ''))
  on conflict (org_id, idempotency_key) do nothing
  returning * into v_invoice;
  if v_invoice.id is null then
    select * into v_invoice from public.invoices i where i.org_id = p_org_id and i.idempotency_key = p_idempotency_key;
    return v_invoice;
  end if;

  if p_sales_order_id is not null then
    select * into v_order from public.sales_orders s where s.id = p_sales_order_id and s.org_id = p_org_id for update;
    if not found then
      raise exception 'Sales order not found' using errcode = 'P0002';
    end if;
    if v_order.status not in ('confirmed', 'partially_delivered', 'delivered') then
      raise exception 'Sales order % is % and cannot be invoiced', coalesce(v_order.number, 'draft'),
        replace(v_order.status::text, '_', ' ') using errcode = '23514';
    end if;
    if private.add_order_lines_to_invoice(v_invoice, p_only_delivered) = 0 then
      raise exception 'Nothing on % is left to invoice%', v_order.number,
        case when p_only_delivered then ' from what was delivered' else '' end using errcode = '23514';
    end if;
  else
    if jsonb_typeof(p_lines) <> 'array' or jsonb_array_length(p_lines) = 0 then
      raise exception 'A stand-alone invoice needs at least one line' using errcode = '22023';
    end if;
    for v_line in select * from jsonb_array_elements(p_lines) loop
      v_position := v_position + 1;
      insert into public.invoice_lines (org_id, invoice_id, position, product_id, description, quantity, unit_price,
        discount_pct, tax_rate)
      values (p_org_id, v_invoice.id, v_position, (v_line ->> 'product_id')::uuid, v_line ->> 'description',
        (v_line ->> 'quantity')::numeric, (v_line ->> 'unit_price')::numeric,
        coalesce((v_line ->> 'discount_pct')::numeric, 0), coalesce((v_line ->> 'tax_rate')::numeric, 0));
    end loop;
  end if;
  if p_post then
    v_invoice := private.post_invoice(v_invoice.id);
  else
    select * into v_invoice from public.invoices i where i.id = v_invoice.id;
  end if;
  return v_invoice;
end;
$$;

-- A draft credit note for a posted invoice: all of it, or p_lines [{invoice_line_id, quantity}].
create function public.credit_invoice(p_invoice_id uuid, p_lines jsonb default null, p_reason text default null)
returns public.invoices
language plpgsql security definer set search_path = '' as $$
declare
  v_invoice public.invoices;
  v_credit public.invoices;
  v_over text;
begin
  select * into v_invoice from public.invoices i where i.id = p_invoice_id;
  if not found or not private.is_member(v_invoice.org_id) then
    raise exception 'Invoice not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_invoice.org_id, '{owner,admin,accountant}', 'issue credit notes');
  if v_invoice.kind <> 'invoice' or v_invoice.status <> 'posted' then
    raise exception 'Only posted invoices can be credited' using errcode = '23514';
  end if;
  insert into public.invoices (org_id, kind, account_id, sales_order_id, credited_invoice_id, currency, notes)
  values (v_invoice.org_id, 'credit_note', v_invoice.account_id, v_invoice.sales_order_id, v_invoice.id,
    v_invoice.currency, coalesce(nullif(btrim(p_reason), ''), format('Credit for %s', v_invoice.number)))
  returning * into v_credit;
  insert into public.invoice_lines (org_id, invoice_id, position, sales_order_line_id, credited_line_id, product_id,
    description, quantity, unit_price, discount_pct, tax_rate)
  select l.org_id, v_credit.id, l.position, l.sales_order_line_id, l.id, l.product_id, l.description,
    coalesce((r.value ->> 'quantity')::numeric, l.quantity), l.unit_price, l.discount_pct, l.tax_rate
  from public.invoice_lines l
  left join jsonb_array_elements(coalesce(p_lines, '[]')) r on (r.value ->> 'invoice_line_id')::uuid = l.id
  where l.invoice_id = p_invoice_id and (p_lines is null or r.value is not null);
  if not exists (select 1 from public.invoice_lines l where l.invoice_id = v_credit.id) then
    raise exception 'Choose at least one line of % to credit', v_invoice.number using errcode = '22023';
  end if;
  -- Never credit more of a line than was invoiced, counting earlier credit notes.
  select string_agg(format('%s (invoiced %s, credited %s)', l.description, l.quantity::float8, c.quantity::float8), '; ')
    into v_over
  from public.invoice_lines l
  join (select c.credited_line_id, sum(c.quantity) as quantity from public.invoice_lines c
        join public.invoices ci on ci.id = c.invoice_id
        where ci.credited_invoice_id = p_invoice_id and ci.status <> 'cancelled' group by 1) c on c.credited_line_id = l.id
  where l.invoice_id = p_invoice_id and c.quantity > l.quantity;
  if v_over is not null then
    raise exception 'Cannot credit more than was invoiced: %', v_over using errcode = '23514';
  end if;
  select * into v_credit from public.invoices i where i.id = v_credit.id;
  return v_credit;
end;
$$;

-- Journal for money moving between a payment and a document at two rates: the bank or
-- holding side at the payment's rate, the document side at the document's, the
-- difference a realised exchange gain or loss.
create function private.fx_difference_line(p_difference numeric) returns jsonb
language sql immutable set search_path = '' as $$
  select case when p_difference > 0 then jsonb_build_object('account_role', 'fx_gain', 'credit', p_difference)
              when p_difference < 0 then jsonb_build_object('account_role', 'fx_loss', 'debit', -p_difference)
              else null end
$$;

-- Settles documents from a payment's unallocated amount (incoming: invoices; outgoing:
-- vendor bills). Same partner, same currency, never more than either side has left.
create function private.allocate(p_payment public.payments, p_allocations jsonb, p_on date) returns numeric
language plpgsql security definer set search_path = '' as $$
declare
  v_item jsonb;
  v_amount numeric;
  v_target_id uuid;
  v_invoice public.invoices;
  v_bill public.vendor_bills;
  v_doc_rate numeric;
  v_total numeric := 0;
  v_doc_base numeric := 0;
  v_lines jsonb := '[]';
  v_holding numeric;
begin
  for v_item in select * from jsonb_array_elements(coalesce(p_allocations, '[]')) loop
    v_amount := round((v_item ->> 'amount')::numeric, 2);
    if v_amount is null or v_amount <= 0 then
      raise exception 'Allocated amounts must be greater than zero' using errcode = '22023';
    end if;
    if p_payment.direction = 'incoming' then
      v_target_id := (v_item ->> 'invoice_id')::uuid;
      select * into v_invoice from public.invoices i where i.id = v_target_id and i.org_id = p_payment.org_id for update;
      if not found or v_invoice.kind <> 'invoice' or v_invoice.status <> 'posted' then
        raise exception 'Payments settle posted invoices of the organisation' using errcode = '23514';
      end if;
      if v_invoice.account_id <> p_payment.account_id or v_invoice.currency <> p_payment.currency then
        raise exception 'Invoice % is for another customer or currency', v_invoice.number using errcode = '23514';
      end if;
      if v_amount > v_invoice.total - v_invoice.amount_paid then
        raise exception 'Invoice % has only % % left to pay', v_invoice.number,
          (v_invoice.total - v_invoice.amount_paid), v_invoice.currency using errcode = '23514';
      end if;
      insert into public.payment_allocations (org_id, payment_id, invoice_id, amount, allocated_on)
      values (p_payment.org_id, p_payment.id, v_invoice.id, v_amount, p_on);
      update public.invoices i set amount_paid = i.amount_paid + v_amount where i.id = v_invoice.id;
      v_doc_rate := v_invoice.exchange_rate;
      v_lines := v_lines || jsonb_build_array(jsonb_build_object('account_role', 'receivable',
        'credit', round(v_amount * v_doc_rate, 2), 'partner_id', p_payment.account_id,
        'description', format('Payment %s for %s', p_payment.number, v_invoice.number)));
    else
      v_target_id := (v_item ->> 'vendor_bill_id')::uuid;
      select * into v_bill from public.vendor_bills b where b.id = v_target_id and b.org_id = p_payment.org_id for update;
      if not found or v_bill.status <> 'posted' then
        raise exception 'Payments settle posted vendor bills of the organisation' using errcode = '23514';
      end if;
      if v_bill.supplier_id <> p_payment.account_id or v_bill.currency <> p_payment.currency then
        raise exception 'Bill % is from another supplier or in another currency', v_bill.number using errcode = '23514';
      end if;
      if v_amount > v_bill.total - v_bill.amount_paid then
        raise exception 'Bill % has only % % left to pay', v_bill.number, (v_bill.total - v_bill.amount_paid),
          v_bill.currency using errcode = '23514';
      end if;
      insert into public.payment_allocations (org_id, payment_id, vendor_bill_id, amount, allocated_on)
      values (p_payment.org_id, p_payment.id, v_bill.id, v_amount, p_on);
      update public.vendor_bills b set amount_paid = b.amount_paid + v_amount where b.id = v_bill.id;
      v_doc_rate := v_bill.exchange_rate;
      v_lines := v_lines || jsonb_build_array(jsonb_build_object('account_role', 'payable',
        'debit', round(v_amount * v_doc_rate, 2), 'partner_id', p_payment.account_id,
        'description', format('Payment %s for %s', p_payment.number, v_bill.number)));
    end if;
    v_total := v_total + v_amount;
    v_doc_base := v_doc_base + round(v_amount * v_doc_rate, 2);
  end loop;
  if v_total > p_payment.amount - p_payment.allocated_amount then
    raise exception 'Allocations (%) exceed what payment % has left (%)', v_total, p_payment.number,
      p_payment.amount - p_payment.allocated_amount using errcode = '23514';
  end if;
  update public.payments p set allocated_amount = p.allocated_amount + v_total where p.id = p_payment.id;
  -- Allocating money already held (a customer's credit, a supplier's advance) moves it
  -- from the holding account at the payment's rate; the difference is exchange gain or loss.
  if v_total > 0 and coalesce(current_setting('private.allocating_held', true), '') = 'on' then
    v_holding := round(v_total * p_payment.exchange_rate, 2);
    v_lines := v_lines || jsonb_build_array(
      case when p_payment.direction = 'incoming'
        then jsonb_build_object('account_role', 'customer_credit', 'debit', v_holding, 'partner_id', p_payment.account_id)
        else jsonb_build_object('account_role', 'payable', 'credit', v_holding, 'partner_id', p_payment.account_id) end);
    v_lines := v_lines || coalesce(jsonb_build_array(private.fx_difference_line(
      case when p_payment.direction = 'incoming' then v_holding - v_doc_base else v_doc_base - v_holding end)), '[]');
  end if;
  perform set_config('private.allocation_lines', v_lines::text, true);
  return v_total;
end;
$$;

-- Records a posted payment with its allocations in one step (gapless RCPT/PAY number),
-- and its journal entry: bank against the settled receivables or payables at their own
-- rates, the rest as the customer's credit (or the supplier's advance), exchange
-- differences realised. A repeated idempotency key returns the payment it made.
create function public.record_payment(p_org_id uuid, p_direction public.payment_direction, p_account_id uuid,
  p_amount numeric, p_payment_date date default null, p_currency text default null, p_gl_account_id uuid default null,
  p_reference text default null, p_allocations jsonb default '[]', p_idempotency_key text default null,
  p_notes text default null)
returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  v_payment public.payments;
  v_base text;
  v_date date := coalesce(p_payment_date, current_date);
  v_currency text;
  v_rate numeric;
  v_bank uuid;
  v_lines jsonb;
  v_bank_base numeric;
  v_doc_base numeric := 0;
  v_rest numeric;
  v_entry uuid;
begin
  if not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  perform private.require_role(p_org_id, '{owner,admin,accountant}', 'record payments');
  if p_idempotency_key is not null then
    select * into v_payment from public.payments p where p.org_id = p_org_id and p.idempotency_key = p_idempotency_key;
    if found then
      return v_payment;
    end if;
  end if;
  if p_amount is null or p_amount <= 0 or round(p_amount, 2) <> p_amount then
    raise exception 'The amount must be greater than zero, in cents' using errcode = '22023';
  end if;
  if not exists (select 1 from public.accounts a where a.id = p_account_id and a.org_id = p_org_id) then
    raise exception 'Customer or supplier not found' using errcode = 'P0002';
  end if;
  select o.base_currency into v_base from public.organizations o where o.id = p_org_id;
  v_currency := upper(coalesce(nullif(btrim(p_currency), ''), v_base));
  v_rate := case when v_currency = v_base then 1 else private.exchange_rate(p_org_id, v_currency, v_date) end;
  v_bank := coalesce(p_gl_account_id, private.gl_account(p_org_id, 'bank'));
  if not exists (select 1 from public.gl_accounts g where g.id = v_bank and g.org_id = p_org_id and g.type = 'asset' and g.active) then
    raise exception 'Payments go through an active asset (bank or cash) account' using errcode = '23514';
  end if;

  perform set_config('private.posting', 'on', true);
  insert into public.payments (org_id, number, direction, account_id, gl_account_id, payment_date, currency,
    exchange_rate, amount, reference, notes, idempotency_key)
  values (p_org_id, private.next_document_number(p_org_id, case when p_direction = 'incoming' then 'RCPT' else 'PAY' end, v_date),
    p_direction, p_account_id, v_bank, v_date, v_currency, v_rate, p_amount, nullif(btrim(p_reference), ''),
    nullif(btrim(p_notes), ''), p_idempotency_key)
  returning * into v_payment;
  perform private.allocate(v_payment, p_allocations, v_date);
  select * into v_payment from public.payments p where p.id = v_payment.id;
  v_lines := current_setting('private.allocation_lines')::jsonb;
  select coalesce(sum(coalesce((l ->> 'credit')::numeric, 0) + coalesce((l ->> 'debit')::numeric, 0)), 0) into v_doc_base
  from jsonb_array_elements(v_lines) l;
  v_bank_base := round(p_amount * v_rate, 2);
  v_rest := p_amount - v_payment.allocated_amount;
  if p_direction = 'incoming' then
    v_lines := v_lines || jsonb_build_array(jsonb_build_object('gl_account_id', v_bank, 'debit', v_bank_base,
      'currency', case when v_currency <> v_base then v_currency end,
      'amount_currency', case when v_currency <> v_base then p_amount end));
    if v_rest > 0 then
      v_lines := v_lines || jsonb_build_array(jsonb_build_object('account_role', 'customer_credit',
        'credit', round(v_rest * v_rate, 2), 'partner_id', p_account_id, 'description', 'Unallocated: customer credit'));
    end if;
    v_lines := v_lines || coalesce(jsonb_build_array(private.fx_difference_line(
      v_bank_base - v_doc_base - case when v_rest > 0 then round(v_rest * v_rate, 2) else 0 end)), '[]');
  else
    v_lines := v_lines || jsonb_build_array(jsonb_build_object('gl_account_id', v_bank, 'credit', v_bank_base,
      'currency', case when v_currency <> v_base then v_currency end,
      'amount_currency', case when v_currency <> v_base then -p_amount end));
    if v_rest > 0 then
      v_lines := v_lines || jsonb_build_array(jsonb_build_object('account_role', 'payable',
        'debit', round(v_rest * v_rate, 2), 'partner_id', p_account_id, 'description', 'Unallocated: advance to supplier'));
    end if;
    v_lines := v_lines || coalesce(jsonb_build_array(private.fx_difference_line(
      v_doc_base + case when v_rest > 0 then round(v_rest * v_rate, 2) else 0 end - v_bank_base)), '[]');
  end if;
  v_entry := private.post_journal(p_org_id, v_date,
    format('%s %s', case when p_direction = 'incoming' then 'Customer payment' else 'Supplier payment' end, v_payment.number),
    'payments', v_payment.id, v_lines);
  perform set_config('private.posting', 'on', true);
  update public.payments p set journal_entry_id = v_entry where p.id = v_payment.id returning * into v_payment;
  perform set_config('private.posting', 'off', true);
  return v_payment;
end;
$$;

-- Allocates what a posted payment has left (a customer's credit or a supplier's advance)
-- to more documents later.
create function public.allocate_payment(p_payment_id uuid, p_allocations jsonb, p_date date default null)
returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  v_payment public.payments;
  v_lines jsonb;
begin
  select * into v_payment from public.payments p where p.id = p_payment_id for update;
  if not found or not private.is_member(v_payment.org_id) then
    raise exception 'Payment not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_payment.org_id, '{owner,admin,accountant}', 'allocate payments');
  perform set_config('private.posting', 'on', true);
  perform set_config('private.allocating_held', 'on', true);
  perform private.allocate(v_payment, p_allocations, coalesce(p_date, current_date));
  perform set_config('private.allocating_held', 'off', true);
  v_lines := current_setting('private.allocation_lines')::jsonb;
  if exists (select 1 from jsonb_array_elements(v_lines) l
             where coalesce((l ->> 'debit')::numeric, 0) <> 0 or coalesce((l ->> 'credit')::numeric, 0) <> 0) then
    perform private.post_journal(v_payment.org_id, coalesce(p_date, current_date),
      format('Allocation of payment %s', v_payment.number), 'payment_allocations', gen_random_uuid(), v_lines);
    perform set_config('private.posting', 'on', true);
  end if;
  select * into v_payment from public.payments p where p.id = p_payment_id;
  perform set_config('private.posting', 'off', true);
  return v_payment;
end;
$$;

revoke all on function private.invoice_defaults(), private.finance_guard(), private.invoice_totals(),
  private.add_order_lines_to_invoice(public.invoices, boolean), private.post_invoice(uuid),
  private.fx_difference_line(numeric), private.allocate(public.payments, jsonb, date) from public;
revoke execute on function public.post_invoice(uuid),
  public.create_invoice(uuid, text, uuid, uuid, jsonb, boolean, date, date, text, text, boolean),
  public.credit_invoice(uuid, jsonb, text),
  public.record_payment(uuid, public.payment_direction, uuid, numeric, date, text, uuid, text, jsonb, text, text),
  public.allocate_payment(uuid, jsonb, date) from public, anon;
grant execute on function public.post_invoice(uuid),
  public.create_invoice(uuid, text, uuid, uuid, jsonb, boolean, date, date, text, text, boolean),
  public.credit_invoice(uuid, jsonb, text),
  public.record_payment(uuid, public.payment_direction, uuid, numeric, date, text, uuid, text, jsonb, text, text),
  public.allocate_payment(uuid, jsonb, date) to authenticated;

-- Policies (DESIGN.md "Finance"): owners, admins and accountants write; managers, sales
-- (invoices and balances) and viewers read; support reads balances through reports;
-- warehouse staff see nothing.
create policy invoices_select on public.invoices for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,accountant,viewer}')));
create policy invoices_write on public.invoices for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')));
create policy invoice_lines_select on public.invoice_lines for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,accountant,viewer}')));
create policy invoice_lines_write on public.invoice_lines for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')));
create policy payments_select on public.payments for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,viewer}')));
create policy payments_write on public.payments for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')));
create policy payment_allocations_select on public.payment_allocations for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,viewer}')));
create policy payment_allocations_write on public.payment_allocations for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,accountant}')));

alter publication supabase_realtime add table public.invoices, public.payments;
