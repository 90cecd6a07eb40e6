-- Sales orders and deliveries (order-to-cash, first half). A won deal becomes an order
-- with its lines, prices, taxes and the customer's terms in one action; confirming an
-- order numbers it and reserves stock (available drops, on hand does not); deliveries
-- ship what was ordered, consume the reservation, post the stock movements and the cost
-- of goods sold, and leave the rest as a backorder. Documents are immutable once
-- confirmed or posted (DESIGN.md invariant 4): their state moves only through the RPCs
-- below, which set private.posting for their own writes.

create type public.sales_order_status as enum ('draft', 'confirmed', 'partially_delivered', 'delivered', 'cancelled');

create table public.sales_orders (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  number text,
  account_id uuid not null,
  contact_id uuid,
  deal_id uuid,
  warehouse_id uuid not null,
  status public.sales_order_status not null default 'draft',
  order_date date not null default current_date,
  promised_date date,
  -- '' (the default) means the customer's currency, else the organisation's base currency.
  currency text not null default '' check (currency ~ '^[A-Z]{3}$'),
  payment_terms_days int check (payment_terms_days between 0 and 365),
  customer_reference text check (customer_reference is null or length(customer_reference) <= 100),
  notes text check (notes is null or length(notes) <= 5000),
  owner_id uuid references public.profiles (id) on delete set null default auth.uid(),
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, number),
  foreign key (org_id, account_id) references public.accounts (org_id, id),
  foreign key (org_id, contact_id) references public.contacts (org_id, id) on delete set null (contact_id),
  foreign key (org_id, deal_id) references public.deals (org_id, id),
  foreign key (org_id, warehouse_id) references public.warehouses (org_id, id),
  -- Drafts have no number; confirmed orders keep theirs, cancelled or not.
  check (status <> 'draft' or number is null),
  check (status in ('draft', 'cancelled') or number is not null)
);
alter table public.sales_orders enable row level security;
create index sales_orders_org_idx on public.sales_orders (org_id, status, order_date desc);
create index sales_orders_account_idx on public.sales_orders (org_id, account_id);
create index sales_orders_warehouse_idx on public.sales_orders (org_id, warehouse_id);
create index sales_orders_owner_idx on public.sales_orders (owner_id);
-- A deal becomes one order (cancel it to make another).
create unique index sales_orders_one_per_deal_idx on public.sales_orders (org_id, deal_id)
  where deal_id is not null and status <> 'cancelled';

create table public.sales_order_lines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  sales_order_id uuid not null,
  position int not null default 0,
  product_id uuid,
  description text not null check (length(btrim(description)) between 1 and 500),
  quantity numeric(18, 4) not null check (quantity > 0),
  unit_price numeric(18, 4) not null default 0 check (unit_price >= 0),
  discount_pct numeric(5, 2) not null default 0 check (discount_pct between 0 and 100),
  tax_rate numeric(6, 3) not null default 0 check (tax_rate between 0 and 100),
  net_amount numeric(18, 2) generated always as (round(quantity * unit_price * (1 - discount_pct / 100), 2)) stored,
  tax_amount numeric(18, 2) generated always as
    (round(round(quantity * unit_price * (1 - discount_pct / 100), 2) * tax_rate / 100, 2)) stored,
  -- Kept by the RPCs: what is held in stock for the line, shipped, and invoiced (net of credit notes).
  reserved_quantity numeric(18, 4) not null default 0 check (reserved_quantity >= 0),
  delivered_quantity numeric(18, 4) not null default 0 check (delivered_quantity >= 0),
  invoiced_quantity numeric(18, 4) not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, sales_order_id) references public.sales_orders (org_id, id) on delete cascade,
  foreign key (org_id, product_id) references public.products (org_id, id),
  check (reserved_quantity + delivered_quantity <= quantity)
);
alter table public.sales_order_lines enable row level security;
create index sales_order_lines_order_idx on public.sales_order_lines (org_id, sales_order_id, position);
create index sales_order_lines_product_idx on public.sales_order_lines (org_id, product_id);

create table public.deliveries (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  number text,
  sales_order_id uuid not null,
  warehouse_id uuid not null,
  status public.document_status not null default 'draft',
  delivery_date date not null default current_date,
  carrier_reference text check (carrier_reference is null or length(carrier_reference) <= 100),
  notes text check (notes is null or length(notes) <= 5000),
  journal_entry_id uuid,
  posted_at timestamptz,
  posted_by uuid references auth.users (id) on delete set null,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, number),
  foreign key (org_id, sales_order_id) references public.sales_orders (org_id, id),
  foreign key (org_id, warehouse_id) references public.warehouses (org_id, id),
  foreign key (org_id, journal_entry_id) references public.journal_entries (org_id, id),
  check ((status = 'posted') = (number is not null and posted_at is not null))
);
alter table public.deliveries enable row level security;
create index deliveries_org_idx on public.deliveries (org_id, status, delivery_date desc);
create index deliveries_order_idx on public.deliveries (org_id, sales_order_id);
create index deliveries_warehouse_idx on public.deliveries (org_id, warehouse_id);

create table public.delivery_lines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  delivery_id uuid not null,
  sales_order_line_id uuid not null,
  quantity numeric(18, 4) not null check (quantity > 0),
  -- The moving-average cost the goods left at (set when posted; COGS).
  unit_cost numeric(18, 4),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (delivery_id, sales_order_line_id),
  foreign key (org_id, delivery_id) references public.deliveries (org_id, id) on delete cascade,
  foreign key (org_id, sales_order_line_id) references public.sales_order_lines (org_id, id)
);
alter table public.delivery_lines enable row level security;
create index delivery_lines_delivery_idx on public.delivery_lines (org_id, delivery_id);
create index delivery_lines_order_line_idx on public.delivery_lines (org_id, sales_order_line_id);

-- Defaults from the customer and the organisation: currency, payment terms, warehouse.
create function private.sales_order_defaults() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(new.currency, '') = '' then
    select coalesce(a.currency, o.base_currency) into new.currency
    from public.organizations o left join public.accounts a on a.id = new.account_id where o.id = new.org_id;
  end if;
  if new.payment_terms_days is null then
    select a.payment_terms_days into new.payment_terms_days from public.accounts a where a.id = new.account_id;
  end if;
  if new.warehouse_id is null then
    select w.id into new.warehouse_id from public.warehouses w
    where w.org_id = new.org_id and w.active order by w.is_default desc, w.code limit 1;
  end if;
  return new;
end;
$$;
create trigger sales_orders_defaults before insert on public.sales_orders
  for each row execute function private.sales_order_defaults();

-- Editing rules: an order and its lines change only while a draft; a delivery only while
-- a draft; quantities kept by the RPCs are never typed in.
create function private.sales_guard() returns trigger
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
  v_status := case tg_table_name
    when 'sales_orders' then case when tg_op = 'INSERT' then 'draft' else to_jsonb(old) ->> 'status' end
    when 'sales_order_lines' then (select s.status::text from public.sales_orders s where s.id = (v_row ->> 'sales_order_id')::uuid)
    when 'deliveries' then case when tg_op = 'INSERT' then 'draft' else to_jsonb(old) ->> 'status' end
    when 'delivery_lines' then (select d.status::text from public.deliveries d where d.id = (v_row ->> 'delivery_id')::uuid)
  end;
  if tg_op = 'INSERT' and tg_table_name in ('sales_orders', 'deliveries') then
    if (v_row ->> 'status') <> 'draft' or (v_row ->> 'number') is not null then
      raise exception 'New documents start as drafts without a number' using errcode = '23514';
    end if;
    return new;
  end if;
  if v_status <> 'draft' then
    raise exception 'This document is % and can no longer change', replace(v_status, '_', ' ') using errcode = '42501',
      hint = 'Cancel it or post a correcting document';
  end if;
  if tg_op = 'UPDATE' and tg_table_name in ('sales_orders', 'deliveries')
     and ((v_row ->> 'status') <> 'draft' or (v_row ->> 'number') is not null) then
    raise exception 'Confirm, post or cancel documents with their actions' using errcode = '42501';
  end if;
  if tg_table_name = 'sales_order_lines' and tg_op <> 'DELETE'
     and ((v_row ->> 'reserved_quantity')::numeric <> 0 or (v_row ->> 'delivered_quantity')::numeric <> 0
          or (v_row ->> 'invoiced_quantity')::numeric <> 0) then
    raise exception 'Reserved, delivered and invoiced quantities come from the order''s documents' using errcode = '42501';
  end if;
  if tg_table_name = 'delivery_lines' and tg_op <> 'DELETE' and (v_row ->> 'unit_cost') is not null then
    raise exception 'The cost of delivered goods is set when the delivery is posted' using errcode = '42501';
  end if;
  return coalesce(new, old);
end;
$$;
create trigger sales_orders_guard before insert or update or delete on public.sales_orders
  for each row execute function private.sales_guard();
create trigger sales_order_lines_guard before insert or update or delete on public.sales_order_lines
  for each row execute function private.sales_guard();
create trigger deliveries_guard before insert or update or delete on public.deliveries
  for each row execute function private.sales_guard();
create trigger delivery_lines_guard before insert or update or delete on public.delivery_lines
  for each row execute function private.sales_guard();

create trigger sales_orders_touch before update on public.sales_orders for each row execute function private.touch_updated_at();
create trigger sales_order_lines_touch before update on public.sales_order_lines for each row execute function private.touch_updated_at();
create trigger deliveries_touch before update on public.deliveries for each row execute function private.touch_updated_at();
create trigger delivery_lines_touch before update on public.delivery_lines for each row execute function private.touch_updated_at();
create trigger sales_orders_audit after insert or update or delete on public.sales_orders for each row execute function private.audit_row();
create trigger sales_order_lines_audit after insert or update or delete on public.sales_order_lines for each row execute function private.audit_row();
create trigger deliveries_audit after insert or update or delete on public.deliveries for each row execute function private.audit_row();
create trigger delivery_lines_audit after insert or update or delete on public.delivery_lines for each row execute function private.audit_row();

-- A won deal becomes a draft order: customer, contact, currency, promised date, the
-- customer's payment terms, and the quote lines with their prices and taxes.
create function public.create_sales_order_from_deal(p_deal_id uuid) returns public.sales_orders
language plpgsql security invoker set search_path = '' as $$
declare
  v_deal public.deals;
  v_order public.sales_orders;
begin
  select * into v_deal from public.deals d where d.id = p_deal_id;
  if not found then
    raise exception 'Deal not found' using errcode = 'P0002';
  end if;
  if v_deal.status <> 'won' then
    raise exception 'Only a won deal becomes a sales order: mark "%" as won first', v_deal.title using errcode = '23514';
  end if;
  if v_deal.account_id is null then
    raise exception 'Deal "%" has no customer account', v_deal.title using errcode = '23514',
      hint = 'Set the deal''s account, then create the order';
  end if;
  select * into v_order from public.sales_orders s
    where s.org_id = v_deal.org_id and s.deal_id = v_deal.id and s.status <> 'cancelled';
  if found then
    raise exception 'Deal "%" already has sales order %', v_deal.title, coalesce(v_order.number, '(draft)')
      using errcode = '23505', detail = json_build_object('sales_order_id', v_order.id)::text;
  end if;
  if not exists (select 1 from public.deal_lines l where l.deal_id = v_deal.id) then
    raise exception 'Deal "%" has no quote lines to order', v_deal.title using errcode = '23514',
      hint = 'Add products to the deal''s quote first';
  end if;
  insert into public.sales_orders (org_id, account_id, contact_id, deal_id, promised_date, currency, owner_id)
  values (v_deal.org_id, v_deal.account_id, v_deal.contact_id, v_deal.id, v_deal.promised_delivery_date,
    v_deal.currency, coalesce(v_deal.owner_id, (select auth.uid())))
  returning * into v_order;
  insert into public.sales_order_lines (org_id, sales_order_id, position, product_id, description, quantity,
    unit_price, discount_pct, tax_rate)
  select v_deal.org_id, v_order.id, l.position, l.product_id, l.description, l.quantity, l.unit_price,
    l.discount_pct, l.tax_rate
  from public.deal_lines l where l.deal_id = v_deal.id order by l.position, l.created_at;
  return v_order;
end;
$$;

-- Holds stock for an order line: as much as is available, up to what is still to ship.
-- Taking the level's queue first makes "read available, then reserve it" one step.
create function private.reserve_for_line(p_order public.sales_orders, p_line public.sales_order_lines)
returns numeric
language plpgsql security definer set search_path = '' as $$
declare
  v_available numeric;
  v_quantity numeric;
begin
  perform pg_advisory_xact_lock(private.stock_level_lock_key(p_line.product_id, p_order.warehouse_id));
  select coalesce((select l.available from public.stock_levels l
                   where l.product_id = p_line.product_id and l.warehouse_id = p_order.warehouse_id), 0)
    into v_available;
  v_quantity := least(greatest(v_available, 0), p_line.quantity - p_line.delivered_quantity - p_line.reserved_quantity);
  if v_quantity > 0 then
    insert into public.stock_movements (org_id, product_id, warehouse_id, kind, reserved_delta, document_type,
      document_id, document_line_id)
    values (p_order.org_id, p_line.product_id, p_order.warehouse_id, 'reservation', v_quantity, 'sales_order',
      p_order.id, p_line.id);
    update public.sales_order_lines l set reserved_quantity = l.reserved_quantity + v_quantity where l.id = p_line.id;
  end if;
  return greatest(v_quantity, 0);
end;
$$;

-- Confirming: a gapless SO number and stock reserved for every stocked line (what is not
-- available stays unreserved: a backorder the rep sees on the order).
create function public.confirm_sales_order(p_order_id uuid) returns public.sales_orders
language plpgsql security definer set search_path = '' as $$
declare
  v_order public.sales_orders;
  v_line public.sales_order_lines;
begin
  select * into v_order from public.sales_orders s where s.id = p_order_id for update;
  if not found or not private.is_member(v_order.org_id) then
    raise exception 'Sales order not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_order.org_id, '{owner,admin,manager,sales}', 'confirm sales orders');
  if v_order.status <> 'draft' then
    raise exception 'Sales order % is already %', v_order.number, v_order.status using errcode = '23514';
  end if;
  if not exists (select 1 from public.sales_order_lines l where l.sales_order_id = p_order_id) then
    raise exception 'A sales order needs at least one line' using errcode = '23514';
  end if;
  if exists (select 1 from public.sales_order_lines l join public.products p on p.id = l.product_id
             where l.sales_order_id = p_order_id and (not p.active or p.archived_at is not null)) then
    raise exception 'A line sells a product that is no longer active' using errcode = '23514';
  end if;
  perform set_config('private.posting', 'on', true);
  -- Product order: two orders of the same products never wait on each other in a cycle.
  for v_line in
    select l.* from public.sales_order_lines l join public.products p on p.id = l.product_id
    where l.sales_order_id = p_order_id and p.kind = 'stocked'
    order by l.product_id, l.id
  loop
    perform private.reserve_for_line(v_order, v_line);
  end loop;
  update public.sales_orders s set status = 'confirmed', confirmed_at = now(),
      number = private.next_document_number(s.org_id, 'SO', s.order_date)
    where s.id = p_order_id returning * into v_order;
  perform set_config('private.posting', 'off', true);
  return v_order;
end;
$$;

-- Reserves what has become available for a confirmed order's backorders.
create function public.reserve_sales_order(p_order_id uuid) returns public.sales_orders
language plpgsql security definer set search_path = '' as $$
declare
  v_order public.sales_orders;
  v_line public.sales_order_lines;
begin
  select * into v_order from public.sales_orders s where s.id = p_order_id for update;
  if not found or not private.is_member(v_order.org_id) then
    raise exception 'Sales order not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_order.org_id, '{owner,admin,manager,sales,warehouse}', 'reserve stock');
  if v_order.status not in ('confirmed', 'partially_delivered') then
    raise exception 'Only confirmed orders hold stock' using errcode = '23514';
  end if;
  perform set_config('private.posting', 'on', true);
  for v_line in
    select l.* from public.sales_order_lines l join public.products p on p.id = l.product_id
    where l.sales_order_id = p_order_id and p.kind = 'stocked'
      and l.reserved_quantity + l.delivered_quantity < l.quantity
    order by l.product_id, l.id
  loop
    perform private.reserve_for_line(v_order, v_line);
  end loop;
  perform set_config('private.posting', 'off', true);
  return v_order;
end;
$$;

-- Cancelling gives the reserved stock back; an order with posted deliveries cannot be
-- cancelled (return the goods instead). The number stays used (only the last may be released).
create function public.cancel_sales_order(p_order_id uuid) returns public.sales_orders
language plpgsql security definer set search_path = '' as $$
declare
  v_order public.sales_orders;
  v_line public.sales_order_lines;
begin
  select * into v_order from public.sales_orders s where s.id = p_order_id for update;
  if not found or not private.is_member(v_order.org_id) then
    raise exception 'Sales order not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_order.org_id, '{owner,admin,manager,sales}', 'cancel sales orders');
  if v_order.status not in ('draft', 'confirmed') or exists (
      select 1 from public.deliveries d where d.sales_order_id = p_order_id and d.status = 'posted') then
    raise exception 'Only orders with nothing delivered can be cancelled' using errcode = '23514';
  end if;
  if exists (select 1 from public.sales_order_lines l where l.sales_order_id = p_order_id and l.invoiced_quantity <> 0) then
    raise exception 'Sales order % is invoiced: credit the invoice first', v_order.number using errcode = '23514';
  end if;
  perform set_config('private.posting', 'on', true);
  for v_line in select * from public.sales_order_lines l where l.sales_order_id = p_order_id and l.reserved_quantity > 0
                order by l.product_id, l.id loop
    insert into public.stock_movements (org_id, product_id, warehouse_id, kind, reserved_delta, document_type,
      document_id, document_line_id)
    values (v_order.org_id, v_line.product_id, v_order.warehouse_id, 'release', -v_line.reserved_quantity,
      'sales_order', v_order.id, v_line.id);
    update public.sales_order_lines l set reserved_quantity = 0 where l.id = v_line.id;
  end loop;
  delete from public.deliveries d where d.sales_order_id = p_order_id and d.status = 'draft';
  update public.sales_orders s set status = 'cancelled', cancelled_at = now() where s.id = p_order_id
    returning * into v_order;
  perform set_config('private.posting', 'off', true);
  return v_order;
end;
$$;

-- A draft delivery of everything still to ship on the order's goods (staff adjust the quantities).
create function public.create_delivery(p_order_id uuid) returns public.deliveries
language plpgsql security invoker set search_path = '' as $$
declare
  v_order public.sales_orders;
  v_delivery public.deliveries;
begin
  select * into v_order from public.sales_orders s where s.id = p_order_id;
  if not found then
    raise exception 'Sales order not found' using errcode = 'P0002';
  end if;
  if v_order.status not in ('confirmed', 'partially_delivered') then
    raise exception 'Sales order % is % and cannot be delivered', coalesce(v_order.number, 'draft'),
      replace(v_order.status::text, '_', ' ') using errcode = '23514';
  end if;
  if not exists (select 1 from public.sales_order_lines l join public.products p on p.id = l.product_id
                 where l.sales_order_id = p_order_id and p.kind <> 'service' and l.delivered_quantity < l.quantity) then
    raise exception 'Nothing is left to deliver on %', v_order.number using errcode = '23514';
  end if;
  insert into public.deliveries (org_id, sales_order_id, warehouse_id)
    values (v_order.org_id, v_order.id, v_order.warehouse_id) returning * into v_delivery;
  insert into public.delivery_lines (org_id, delivery_id, sales_order_line_id, quantity)
  select v_order.org_id, v_delivery.id, l.id, l.quantity - l.delivered_quantity
  from public.sales_order_lines l join public.products p on p.id = l.product_id
  where l.sales_order_id = p_order_id and p.kind <> 'service' and l.delivered_quantity < l.quantity;
  return v_delivery;
end;
$$;

-- The order's fulfilment status follows its goods lines.
create function private.refresh_sales_order_status(p_order_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_to_ship numeric;
  v_shipped numeric;
begin
  select coalesce(sum(l.quantity), 0), coalesce(sum(l.delivered_quantity), 0) into v_to_ship, v_shipped
  from public.sales_order_lines l join public.products p on p.id = l.product_id
  where l.sales_order_id = p_order_id and p.kind <> 'service';
  update public.sales_orders s set status = case
      when v_shipped >= v_to_ship then 'delivered'
      when v_shipped > 0 then 'partially_delivered'
      else 'confirmed' end::public.sales_order_status
  where s.id = p_order_id and s.status in ('confirmed', 'partially_delivered', 'delivered');
end;
$$;

-- Posting a delivery: a gapless DEL number; per line one shipment movement that consumes
-- the line's reservation first, at the moving-average cost; delivered quantities and the
-- order status; and the journal entry for the cost of goods sold (COGS / inventory).
create function public.post_delivery(p_delivery_id uuid) returns public.deliveries
language plpgsql security definer set search_path = '' as $$
declare
  v_delivery public.deliveries;
  v_order public.sales_orders;
  v_line record;
  v_from_reserved numeric;
  v_movement public.stock_movements;
  v_cogs numeric := 0;
  v_entry uuid;
begin
  select * into v_delivery from public.deliveries d where d.id = p_delivery_id for update;
  if not found or not private.is_member(v_delivery.org_id) then
    raise exception 'Delivery not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_delivery.org_id, '{owner,admin,manager,warehouse}', 'post deliveries');
  if v_delivery.status <> 'draft' then
    raise exception 'Delivery % is already %', v_delivery.number, v_delivery.status using errcode = '23514';
  end if;
  select * into v_order from public.sales_orders s where s.id = v_delivery.sales_order_id for update;
  if v_order.status not in ('confirmed', 'partially_delivered') then
    raise exception 'Sales order % is % and cannot be delivered', coalesce(v_order.number, 'draft'),
      replace(v_order.status::text, '_', ' ') using errcode = '23514';
  end if;
  if not exists (select 1 from public.delivery_lines r where r.delivery_id = p_delivery_id) then
    raise exception 'A delivery needs at least one line' using errcode = '23514';
  end if;
  if exists (select 1 from public.delivery_lines r left join public.sales_order_lines l
             on l.id = r.sales_order_line_id and l.sales_order_id = v_order.id
             where r.delivery_id = p_delivery_id and l.id is null) then
    raise exception 'A delivery line belongs to another sales order' using errcode = '23514';
  end if;
  perform set_config('private.posting', 'on', true);
  for v_line in
    select r.id, r.quantity, l.id as order_line_id, l.product_id, l.quantity as ordered, l.delivered_quantity,
      l.reserved_quantity, p.sku, p.kind
    from public.delivery_lines r
    join public.sales_order_lines l on l.id = r.sales_order_line_id
    join public.products p on p.id = l.product_id
    where r.delivery_id = p_delivery_id
    order by l.product_id, l.id
    for update of l
  loop
    if v_line.kind = 'service' then
      raise exception '% is a service and is not delivered', v_line.sku using errcode = '23514';
    end if;
    if v_line.delivered_quantity + v_line.quantity > v_line.ordered then
      raise exception 'Cannot deliver % of %: only % left on the order', v_line.quantity::float8, v_line.sku,
        (v_line.ordered - v_line.delivered_quantity)::float8 using errcode = '23514';
    end if;
    v_from_reserved := least(v_line.reserved_quantity, v_line.quantity);
    insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, reserved_delta,
      document_type, document_id, document_line_id)
    values (v_delivery.org_id, v_line.product_id, v_delivery.warehouse_id, 'shipment', -v_line.quantity,
      -v_from_reserved, 'delivery', v_delivery.id, v_line.id)
    returning * into v_movement;
    update public.delivery_lines r set unit_cost = v_movement.unit_cost where r.id = v_line.id;
    update public.sales_order_lines l set delivered_quantity = l.delivered_quantity + v_line.quantity,
        reserved_quantity = l.reserved_quantity - v_from_reserved
      where l.id = v_line.order_line_id;
    v_cogs := v_cogs + round(v_line.quantity * coalesce(v_movement.unit_cost, 0), 2);
  end loop;
  update public.deliveries d set status = 'posted', posted_at = now(), posted_by = (select auth.uid()),
      number = private.next_document_number(d.org_id, 'DEL', d.delivery_date)
    where d.id = p_delivery_id returning * into v_delivery;
  if v_cogs <> 0 then
    v_entry := private.post_journal(v_delivery.org_id, v_delivery.delivery_date,
      format('Cost of goods sold, delivery %s (order %s)', v_delivery.number, v_order.number), 'deliveries', v_delivery.id,
      jsonb_build_array(
        jsonb_build_object('account_role', 'cogs', 'debit', v_cogs),
        jsonb_build_object('account_role', 'inventory', 'credit', v_cogs)));
    perform set_config('private.posting', 'on', true);
    update public.deliveries d set journal_entry_id = v_entry where d.id = p_delivery_id returning * into v_delivery;
  end if;
  perform private.refresh_sales_order_status(v_order.id);
  perform set_config('private.posting', 'off', true);
  return v_delivery;
end;
$$;

revoke all on function private.sales_order_defaults(), private.sales_guard(),
  private.reserve_for_line(public.sales_orders, public.sales_order_lines), private.refresh_sales_order_status(uuid)
  from public;
revoke execute on function public.create_sales_order_from_deal(uuid), public.confirm_sales_order(uuid),
  public.reserve_sales_order(uuid), public.cancel_sales_order(uuid), public.create_delivery(uuid),
  public.post_delivery(uuid) from public, anon;
grant execute on function public.create_sales_order_from_deal(uuid), public.confirm_sales_order(uuid),
  public.reserve_sales_order(uuid), public.cancel_sales_order(uuid), public.create_delivery(uuid),
  public.post_delivery(uuid) to authenticated;

-- Policies (DESIGN.md "Sales orders, deliveries, returns"): owners, admins, managers and
-- sales write orders; warehouse staff read orders and write deliveries; support,
-- accountants and viewers read.
create policy sales_orders_select on public.sales_orders for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy sales_orders_write on public.sales_orders for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')));
create policy sales_order_lines_select on public.sales_order_lines for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy sales_order_lines_write on public.sales_order_lines for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales}')));
create policy deliveries_select on public.deliveries for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy deliveries_write on public.deliveries for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,warehouse}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,warehouse}')));
create policy delivery_lines_select on public.delivery_lines for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy delivery_lines_write on public.delivery_lines for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,warehouse}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,warehouse}')));

alter publication supabase_realtime add table public.sales_orders, public.deliveries;
