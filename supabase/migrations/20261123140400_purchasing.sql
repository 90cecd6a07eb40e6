-- Purchasing: purchase orders to suppliers (parties of the customer master), goods
-- receipts that post stock and update the moving-average cost, and vendor bills matched
-- to what was received. Numbers are taken when a document is confirmed or posted;
-- posted documents are immutable (DESIGN.md invariants 4 and 5). Journal postings come
-- with accounting; these documents already carry what it needs (quantities, costs,
-- taxes, currency and rate, dates).

create type public.purchase_order_status as enum ('draft', 'sent', 'partially_received', 'received', 'closed', 'cancelled');
create type public.document_status as enum ('draft', 'posted', 'cancelled');

create table public.purchase_orders (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  number text,
  supplier_id uuid not null,
  warehouse_id uuid not null,
  status public.purchase_order_status not null default 'draft',
  currency text not null default '' check (currency ~ '^[A-Z]{3}$'),
  -- Units of the organisation's base currency per unit of the order's currency, entered when they differ.
  exchange_rate numeric(18, 8) not null default 1 check (exchange_rate > 0),
  order_date date not null default current_date,
  expected_date date,
  supplier_reference text check (supplier_reference is null or length(supplier_reference) <= 100),
  notes text check (notes is null or length(notes) <= 5000),
  -- Raised automatically by a reorder alert (kept for traceability).
  source text check (source is null or length(source) <= 100),
  confirmed_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, number),
  foreign key (org_id, supplier_id) references public.accounts (org_id, id),
  foreign key (org_id, warehouse_id) references public.warehouses (org_id, id),
  check ((status = 'draft') = (number is null) or status = 'cancelled')
);
alter table public.purchase_orders enable row level security;
create index purchase_orders_org_idx on public.purchase_orders (org_id, status, order_date desc);
create index purchase_orders_supplier_idx on public.purchase_orders (org_id, supplier_id);
create index purchase_orders_warehouse_idx on public.purchase_orders (org_id, warehouse_id);

create table public.purchase_order_lines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  purchase_order_id uuid not null,
  position int not null default 0,
  product_id uuid not null,
  description text check (description is null or length(description) <= 500),
  quantity numeric(18, 4) not null check (quantity > 0),
  unit_cost numeric(18, 4) not null check (unit_cost >= 0),
  tax_rate numeric(6, 3) not null default 0 check (tax_rate between 0 and 100),
  received_quantity numeric(18, 4) not null default 0 check (received_quantity >= 0),
  billed_quantity numeric(18, 4) not null default 0 check (billed_quantity >= 0),
  net_amount numeric(18, 2) generated always as (round(quantity * unit_cost, 2)) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, purchase_order_id) references public.purchase_orders (org_id, id) on delete cascade,
  foreign key (org_id, product_id) references public.products (org_id, id)
);
alter table public.purchase_order_lines enable row level security;
create index purchase_order_lines_po_idx on public.purchase_order_lines (org_id, purchase_order_id, position);
create index purchase_order_lines_product_idx on public.purchase_order_lines (org_id, product_id);

create table public.goods_receipts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  number text,
  purchase_order_id uuid not null,
  warehouse_id uuid not null,
  status public.document_status not null default 'draft',
  received_date date not null default current_date,
  supplier_reference text check (supplier_reference is null or length(supplier_reference) <= 100),
  notes text check (notes is null or length(notes) <= 5000),
  posted_at timestamptz,
  posted_by uuid references auth.users (id) on delete set null,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, number),
  foreign key (org_id, purchase_order_id) references public.purchase_orders (org_id, id),
  foreign key (org_id, warehouse_id) references public.warehouses (org_id, id),
  check ((status = 'posted') = (number is not null and posted_at is not null))
);
alter table public.goods_receipts enable row level security;
create index goods_receipts_org_idx on public.goods_receipts (org_id, status, received_date desc);
create index goods_receipts_po_idx on public.goods_receipts (org_id, purchase_order_id);
create index goods_receipts_warehouse_idx on public.goods_receipts (org_id, warehouse_id);

create table public.goods_receipt_lines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  goods_receipt_id uuid not null,
  purchase_order_line_id uuid not null,
  quantity numeric(18, 4) not null check (quantity > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (goods_receipt_id, purchase_order_line_id),
  foreign key (org_id, goods_receipt_id) references public.goods_receipts (org_id, id) on delete cascade,
  foreign key (org_id, purchase_order_line_id) references public.purchase_order_lines (org_id, id)
);
alter table public.goods_receipt_lines enable row level security;
create index goods_receipt_lines_receipt_idx on public.goods_receipt_lines (org_id, goods_receipt_id);
create index goods_receipt_lines_po_line_idx on public.goods_receipt_lines (org_id, purchase_order_line_id);

create table public.vendor_bills (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  number text,
  supplier_id uuid not null,
  purchase_order_id uuid,
  status public.document_status not null default 'draft',
  supplier_invoice_number text check (supplier_invoice_number is null or length(supplier_invoice_number) <= 100),
  bill_date date not null default current_date,
  due_date date,
  currency text not null default '' check (currency ~ '^[A-Z]{3}$'),
  exchange_rate numeric(18, 8) not null default 1 check (exchange_rate > 0),
  notes text check (notes is null or length(notes) <= 5000),
  posted_at timestamptz,
  posted_by uuid references auth.users (id) on delete set null,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, number),
  foreign key (org_id, supplier_id) references public.accounts (org_id, id),
  foreign key (org_id, purchase_order_id) references public.purchase_orders (org_id, id),
  check ((status = 'posted') = (number is not null and posted_at is not null)),
  check (due_date is null or due_date >= bill_date)
);
alter table public.vendor_bills enable row level security;
create index vendor_bills_org_idx on public.vendor_bills (org_id, status, bill_date desc);
create index vendor_bills_supplier_idx on public.vendor_bills (org_id, supplier_id);
create index vendor_bills_po_idx on public.vendor_bills (org_id, purchase_order_id);
-- One posted bill per supplier invoice number.
create unique index vendor_bills_supplier_invoice_idx on public.vendor_bills (org_id, supplier_id, supplier_invoice_number)
  where status = 'posted' and supplier_invoice_number is not null;

create table public.vendor_bill_lines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  vendor_bill_id uuid not null,
  purchase_order_line_id uuid,
  product_id uuid,
  description text not null check (length(btrim(description)) between 1 and 500),
  quantity numeric(18, 4) not null check (quantity > 0),
  unit_price numeric(18, 4) not null check (unit_price >= 0),
  tax_rate numeric(6, 3) not null default 0 check (tax_rate between 0 and 100),
  net_amount numeric(18, 2) generated always as (round(quantity * unit_price, 2)) stored,
  tax_amount numeric(18, 2) generated always as (round(round(quantity * unit_price, 2) * tax_rate / 100, 2)) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, vendor_bill_id) references public.vendor_bills (org_id, id) on delete cascade,
  foreign key (org_id, purchase_order_line_id) references public.purchase_order_lines (org_id, id),
  foreign key (org_id, product_id) references public.products (org_id, id)
);
alter table public.vendor_bill_lines enable row level security;
create index vendor_bill_lines_bill_idx on public.vendor_bill_lines (org_id, vendor_bill_id);
create index vendor_bill_lines_po_line_idx on public.vendor_bill_lines (org_id, purchase_order_line_id);
create index vendor_bill_lines_product_idx on public.vendor_bill_lines (org_id, product_id);

-- Defaults: currency from the supplier or the org, the receiving warehouse from the PO,
-- the due date from the supplier's payment terms.
create function private.purchasing_defaults() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_table_name in ('purchase_orders', 'vendor_bills') and coalesce(new.currency, '') = '' then
    select coalesce(a.currency, o.base_currency) into new.currency
    from public.organizations o left join public.accounts a on a.id = new.supplier_id where o.id = new.org_id;
  end if;
  -- Nested: plpgsql resolves new.due_date only on tables that have it.
  if tg_table_name = 'vendor_bills' then
    if new.due_date is null then
      select new.bill_date + a.payment_terms_days into new.due_date from public.accounts a where a.id = new.supplier_id;
    end if;
  end if;
  return new;
end;
$$;
create trigger purchase_orders_defaults before insert on public.purchase_orders
  for each row execute function private.purchasing_defaults();
create trigger vendor_bills_defaults before insert on public.vendor_bills
  for each row execute function private.purchasing_defaults();

-- Editing rules. Header and lines of a PO change only while it is a draft (status moves
-- through the RPCs); receipts and bills are immutable once posted. The RPCs below set
-- private.posting for their own writes.
create function private.purchasing_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_status text;
  v_row jsonb := to_jsonb(coalesce(new, old));
begin
  if coalesce(current_setting('private.posting', true), '') = 'on' then
    return coalesce(new, old);
  end if;
  -- The whole organisation is being deleted.
  if tg_op = 'DELETE' and not exists (select 1 from public.organizations o where o.id = old.org_id) then
    return old;
  end if;
  v_status := case tg_table_name
    when 'purchase_orders' then case when tg_op = 'INSERT' then 'draft' else to_jsonb(old) ->> 'status' end
    when 'purchase_order_lines' then (select p.status::text from public.purchase_orders p where p.id = (v_row ->> 'purchase_order_id')::uuid)
    when 'goods_receipts' then case when tg_op = 'INSERT' then 'draft' else to_jsonb(old) ->> 'status' end
    when 'goods_receipt_lines' then (select g.status::text from public.goods_receipts g where g.id = (v_row ->> 'goods_receipt_id')::uuid)
    when 'vendor_bills' then case when tg_op = 'INSERT' then 'draft' else to_jsonb(old) ->> 'status' end
    when 'vendor_bill_lines' then (select b.status::text from public.vendor_bills b where b.id = (v_row ->> 'vendor_bill_id')::uuid)
  end;
  if tg_op = 'INSERT' and tg_table_name in ('purchase_orders', 'goods_receipts', 'vendor_bills') then
    if (v_row ->> 'status') <> 'draft' or (v_row ->> 'number') is not null then
      raise exception 'New documents start as drafts without a number' using errcode = '23514';
    end if;
    return new;
  end if;
  if v_status <> 'draft' then
    raise exception 'This document is % and can no longer change', v_status using errcode = '42501',
      hint = 'Cancel it or post a correcting document';
  end if;
  if tg_op = 'UPDATE' and tg_table_name in ('purchase_orders', 'goods_receipts', 'vendor_bills')
     and ((v_row ->> 'status') <> 'draft' or (v_row ->> 'number') is not null) then
    raise exception 'Confirm, post or cancel documents with their actions' using errcode = '42501';
  end if;
  if tg_table_name = 'purchase_order_lines' and tg_op <> 'DELETE'
     and ((v_row ->> 'received_quantity')::numeric <> 0 or (v_row ->> 'billed_quantity')::numeric <> 0) then
    raise exception 'Received and billed quantities come from receipts and bills' using errcode = '42501';
  end if;
  return coalesce(new, old);
end;
$$;
create trigger purchase_orders_guard before insert or update or delete on public.purchase_orders
  for each row execute function private.purchasing_guard();
create trigger purchase_order_lines_guard before insert or update or delete on public.purchase_order_lines
  for each row execute function private.purchasing_guard();
create trigger goods_receipts_guard before insert or update or delete on public.goods_receipts
  for each row execute function private.purchasing_guard();
create trigger goods_receipt_lines_guard before insert or update or delete on public.goods_receipt_lines
  for each row execute function private.purchasing_guard();
create trigger vendor_bills_guard before insert or update or delete on public.vendor_bills
  for each row execute function private.purchasing_guard();
create trigger vendor_bill_lines_guard before insert or update or delete on public.vendor_bill_lines
  for each row execute function private.purchasing_guard();

create trigger purchase_orders_touch before update on public.purchase_orders for each row execute function private.touch_updated_at();
create trigger purchase_order_lines_touch before update on public.purchase_order_lines for each row execute function private.touch_updated_at();
create trigger goods_receipts_touch before update on public.goods_receipts for each row execute function private.touch_updated_at();
create trigger goods_receipt_lines_touch before update on public.goods_receipt_lines for each row execute function private.touch_updated_at();
create trigger vendor_bills_touch before update on public.vendor_bills for each row execute function private.touch_updated_at();
create trigger vendor_bill_lines_touch before update on public.vendor_bill_lines for each row execute function private.touch_updated_at();
create trigger purchase_orders_audit after insert or update or delete on public.purchase_orders for each row execute function private.audit_row();
create trigger purchase_order_lines_audit after insert or update or delete on public.purchase_order_lines for each row execute function private.audit_row();
create trigger goods_receipts_audit after insert or update or delete on public.goods_receipts for each row execute function private.audit_row();
create trigger goods_receipt_lines_audit after insert or update or delete on public.goods_receipt_lines for each row execute function private.audit_row();
create trigger vendor_bills_audit after insert or update or delete on public.vendor_bills for each row execute function private.audit_row();
create trigger vendor_bill_lines_audit after insert or update or delete on public.vendor_bill_lines for each row execute function private.audit_row();

-- The PO's status follows its lines: partially received, received, closed (received and billed).
create function private.refresh_purchase_order_status(p_po_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_ordered numeric;
  v_received numeric;
  v_fully_billed boolean;
begin
  select sum(l.quantity), sum(least(l.received_quantity, l.quantity)), bool_and(l.billed_quantity >= l.received_quantity)
    into v_ordered, v_received, v_fully_billed
  from public.purchase_order_lines l where l.purchase_order_id = p_po_id;
  update public.purchase_orders p set status = case
      when v_received >= v_ordered and v_fully_billed then 'closed'
      when v_received >= v_ordered then 'received'
      when v_received > 0 then 'partially_received'
      else 'sent' end::public.purchase_order_status
  where p.id = p_po_id and p.status in ('sent', 'partially_received', 'received', 'closed');
end;
$$;

create function public.confirm_purchase_order(p_po_id uuid) returns public.purchase_orders
language plpgsql security definer set search_path = '' as $$
declare
  v_po public.purchase_orders;
begin
  select * into v_po from public.purchase_orders p where p.id = p_po_id for update;
  if not found or not private.is_member(v_po.org_id) then
    raise exception 'Purchase order not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_po.org_id, '{owner,admin,manager,accountant}', 'confirm purchase orders');
  if v_po.status <> 'draft' then
    raise exception 'Purchase order % is already %', v_po.number, v_po.status using errcode = '23514';
  end if;
  if not exists (select 1 from public.purchase_order_lines l where l.purchase_order_id = p_po_id) then
    raise exception 'A purchase order needs at least one line' using errcode = '23514';
  end if;
  if v_po.currency <> (select o.base_currency from public.organizations o where o.id = v_po.org_id) and v_po.exchange_rate = 1 then
    raise exception 'Enter the exchange rate for % before confirming', v_po.currency using errcode = '23514';
  end if;
  perform set_config('private.posting', 'on', true);
  update public.purchase_orders p set status = 'sent', confirmed_at = now(),
      number = private.next_document_number(p.org_id, 'PO', p.order_date)
    where p.id = p_po_id returning * into v_po;
  perform set_config('private.posting', 'off', true);
  return v_po;
end;
$$;

create function public.cancel_purchase_order(p_po_id uuid) returns public.purchase_orders
language plpgsql security definer set search_path = '' as $$
declare
  v_po public.purchase_orders;
begin
  select * into v_po from public.purchase_orders p where p.id = p_po_id for update;
  if not found or not private.is_member(v_po.org_id) then
    raise exception 'Purchase order not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_po.org_id, '{owner,admin,manager,accountant}', 'cancel purchase orders');
  if v_po.status not in ('draft', 'sent') or exists (
    select 1 from public.goods_receipts g where g.purchase_order_id = p_po_id and g.status = 'posted') then
    raise exception 'Only purchase orders with nothing received can be cancelled' using errcode = '23514';
  end if;
  perform set_config('private.posting', 'on', true);
  update public.purchase_orders p set status = 'cancelled' where p.id = p_po_id returning * into v_po;
  perform set_config('private.posting', 'off', true);
  return v_po;
end;
$$;

-- A draft receipt for everything still outstanding on a PO (staff then adjust quantities).
create function public.create_goods_receipt(p_po_id uuid) returns public.goods_receipts
language plpgsql security invoker set search_path = '' as $$
declare
  v_po public.purchase_orders;
  v_receipt public.goods_receipts;
begin
  select * into v_po from public.purchase_orders p where p.id = p_po_id;
  if not found then
    raise exception 'Purchase order not found' using errcode = 'P0002';
  end if;
  if v_po.status not in ('sent', 'partially_received') then
    raise exception 'Purchase order % is % and cannot be received', coalesce(v_po.number, 'draft'), v_po.status using errcode = '23514';
  end if;
  insert into public.goods_receipts (org_id, purchase_order_id, warehouse_id)
    values (v_po.org_id, v_po.id, v_po.warehouse_id) returning * into v_receipt;
  insert into public.goods_receipt_lines (org_id, goods_receipt_id, purchase_order_line_id, quantity)
  select v_po.org_id, v_receipt.id, l.id, l.quantity - l.received_quantity
  from public.purchase_order_lines l where l.purchase_order_id = p_po_id and l.quantity > l.received_quantity;
  return v_receipt;
end;
$$;

-- Posting a receipt: a gapless GRN number, one receipt movement per line at the PO's
-- cost in base currency (moving average), received quantities and the PO status.
create function public.post_goods_receipt(p_receipt_id uuid) returns public.goods_receipts
language plpgsql security definer set search_path = '' as $$
declare
  v_receipt public.goods_receipts;
  v_po public.purchase_orders;
  v_line record;
begin
  select * into v_receipt from public.goods_receipts g where g.id = p_receipt_id for update;
  if not found or not private.is_member(v_receipt.org_id) then
    raise exception 'Goods receipt not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_receipt.org_id, '{owner,admin,manager,warehouse,accountant}', 'post goods receipts');
  if v_receipt.status <> 'draft' then
    raise exception 'Goods receipt % is already %', v_receipt.number, v_receipt.status using errcode = '23514';
  end if;
  select * into v_po from public.purchase_orders p where p.id = v_receipt.purchase_order_id for update;
  if v_po.status not in ('sent', 'partially_received') then
    raise exception 'Purchase order % is % and cannot be received', coalesce(v_po.number, 'draft'), v_po.status using errcode = '23514';
  end if;
  if not exists (select 1 from public.goods_receipt_lines r where r.goods_receipt_id = p_receipt_id) then
    raise exception 'A goods receipt needs at least one line' using errcode = '23514';
  end if;
  perform set_config('private.posting', 'on', true);
  for v_line in
    select r.id, r.quantity, l.id as po_line_id, l.product_id, l.unit_cost, p.kind
    from public.goods_receipt_lines r
    join public.purchase_order_lines l on l.id = r.purchase_order_line_id
    join public.products p on p.id = l.product_id
    where r.goods_receipt_id = p_receipt_id and l.purchase_order_id = v_po.id
    order by l.product_id
  loop
    if v_line.kind <> 'service' then
      insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, unit_cost,
        document_type, document_id, document_line_id)
      values (v_receipt.org_id, v_line.product_id, v_receipt.warehouse_id, 'receipt', v_line.quantity,
        round(v_line.unit_cost * v_po.exchange_rate, 4), 'goods_receipt', v_receipt.id, v_line.id);
    end if;
    update public.purchase_order_lines l set received_quantity = l.received_quantity + v_line.quantity where l.id = v_line.po_line_id;
  end loop;
  if exists (select 1 from public.goods_receipt_lines r left join public.purchase_order_lines l
             on l.id = r.purchase_order_line_id and l.purchase_order_id = v_po.id
             where r.goods_receipt_id = p_receipt_id and l.id is null) then
    raise exception 'A receipt line belongs to another purchase order' using errcode = '23514';
  end if;
  update public.goods_receipts g set status = 'posted', posted_at = now(), posted_by = (select auth.uid()),
      number = private.next_document_number(g.org_id, 'GRN', g.received_date)
    where g.id = p_receipt_id returning * into v_receipt;
  perform private.refresh_purchase_order_status(v_po.id);
  perform set_config('private.posting', 'off', true);
  return v_receipt;
end;
$$;

-- Posting a bill: billed quantities may not exceed received ones beyond the org's
-- tolerance (settings.bill_quantity_tolerance_pct, default 0).
create function public.post_vendor_bill(p_bill_id uuid) returns public.vendor_bills
language plpgsql security definer set search_path = '' as $$
declare
  v_bill public.vendor_bills;
  v_tolerance numeric;
  v_over text;
  v_po_id uuid;
begin
  select * into v_bill from public.vendor_bills b where b.id = p_bill_id for update;
  if not found or not private.is_member(v_bill.org_id) then
    raise exception 'Vendor bill not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_bill.org_id, '{owner,admin,manager,accountant}', 'post vendor bills');
  if v_bill.status <> 'draft' then
    raise exception 'Vendor bill % is already %', v_bill.number, v_bill.status using errcode = '23514';
  end if;
  if not exists (select 1 from public.vendor_bill_lines l where l.vendor_bill_id = p_bill_id) then
    raise exception 'A vendor bill needs at least one line' using errcode = '23514';
  end if;
  if v_bill.currency <> (select o.base_currency from public.organizations o where o.id = v_bill.org_id) and v_bill.exchange_rate = 1 then
    raise exception 'Enter the exchange rate for % before posting', v_bill.currency using errcode = '23514';
  end if;
  if exists (select 1 from public.vendor_bill_lines b
             join public.purchase_order_lines l on l.id = b.purchase_order_line_id
             join public.purchase_orders p on p.id = l.purchase_order_id
             where b.vendor_bill_id = p_bill_id and (p.supplier_id <> v_bill.supplier_id or p.status in ('draft', 'cancelled'))) then
    raise exception 'A bill line refers to an order of another supplier or one that was never sent' using errcode = '23514';
  end if;
  select coalesce((o.settings ->> 'bill_quantity_tolerance_pct')::numeric, 0) into v_tolerance
  from public.organizations o where o.id = v_bill.org_id;
  perform set_config('private.posting', 'on', true);
  -- Lock the PO lines being billed so two bills cannot both take the last received units.
  perform 1 from public.purchase_order_lines l
    where l.id in (select b.purchase_order_line_id from public.vendor_bill_lines b where b.vendor_bill_id = p_bill_id)
    order by l.id for update;
  update public.purchase_order_lines l set billed_quantity = l.billed_quantity + b.quantity
    from (select purchase_order_line_id, sum(quantity) as quantity from public.vendor_bill_lines
          where vendor_bill_id = p_bill_id and purchase_order_line_id is not null group by 1) b
    where l.id = b.purchase_order_line_id;
  select string_agg(format('%s (billed %s, received %s)', p.sku, l.billed_quantity::float8, l.received_quantity::float8), '; ')
    into v_over
  from public.purchase_order_lines l join public.products p on p.id = l.product_id
  where l.id in (select b.purchase_order_line_id from public.vendor_bill_lines b where b.vendor_bill_id = p_bill_id)
    and l.billed_quantity > l.received_quantity * (1 + v_tolerance / 100);
  if v_over is not null then
    raise exception 'Billed more than received: %', v_over using errcode = '23514';
  end if;
  update public.vendor_bills b set status = 'posted', posted_at = now(), posted_by = (select auth.uid()),
      number = private.next_document_number(b.org_id, 'BILL', b.bill_date)
    where b.id = p_bill_id returning * into v_bill;
  for v_po_id in select distinct l.purchase_order_id from public.purchase_order_lines l
      where l.id in (select b.purchase_order_line_id from public.vendor_bill_lines b where b.vendor_bill_id = p_bill_id) loop
    perform private.refresh_purchase_order_status(v_po_id);
  end loop;
  perform set_config('private.posting', 'off', true);
  return v_bill;
end;
$$;

-- Supplier on-time rate: receipts posted by the PO's expected date.
create view public.supplier_performance with (security_invoker = on) as
select po.org_id, po.supplier_id,
  count(distinct po.id) filter (where po.status <> 'cancelled') as purchase_orders,
  count(g.id) filter (where g.status = 'posted') as receipts,
  count(g.id) filter (where g.status = 'posted' and po.expected_date is not null and g.received_date <= po.expected_date) as on_time_receipts,
  round(100.0 * count(g.id) filter (where g.status = 'posted' and po.expected_date is not null and g.received_date <= po.expected_date)
    / nullif(count(g.id) filter (where g.status = 'posted' and po.expected_date is not null), 0), 1) as on_time_rate
from public.purchase_orders po
left join public.goods_receipts g on g.purchase_order_id = po.id
group by po.org_id, po.supplier_id;

revoke all on function private.refresh_purchase_order_status(uuid) from public;
revoke execute on function public.confirm_purchase_order(uuid), public.cancel_purchase_order(uuid), public.create_goods_receipt(uuid),
  public.post_goods_receipt(uuid), public.post_vendor_bill(uuid) from public, anon;
grant execute on function public.confirm_purchase_order(uuid), public.cancel_purchase_order(uuid), public.create_goods_receipt(uuid),
  public.post_goods_receipt(uuid), public.post_vendor_bill(uuid) to authenticated;

-- Policies (DESIGN.md "Purchasing"): owners, admins, managers and accountants read and
-- write; warehouse staff read orders and write receipts; viewers read; sales and
-- support see nothing of purchasing.
create policy purchase_orders_select on public.purchase_orders for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,warehouse,viewer}')));
create policy purchase_orders_write on public.purchase_orders for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}')));
create policy purchase_order_lines_select on public.purchase_order_lines for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,warehouse,viewer}')));
create policy purchase_order_lines_write on public.purchase_order_lines for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}')));
create policy goods_receipts_select on public.goods_receipts for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,warehouse,viewer}')));
create policy goods_receipts_write on public.goods_receipts for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,warehouse}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,warehouse}')));
create policy goods_receipt_lines_select on public.goods_receipt_lines for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,warehouse,viewer}')));
create policy goods_receipt_lines_write on public.goods_receipt_lines for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,warehouse}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,warehouse}')));
create policy vendor_bills_select on public.vendor_bills for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,viewer}')));
create policy vendor_bills_write on public.vendor_bills for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}')));
create policy vendor_bill_lines_select on public.vendor_bill_lines for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant,viewer}')));
create policy vendor_bill_lines_write on public.vendor_bill_lines for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,accountant}')));

alter publication supabase_realtime add table public.purchase_orders, public.goods_receipts;
