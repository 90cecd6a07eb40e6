-- The append-only stock ledger and the stock levels derived from it (DESIGN.md
-- invariants 1 and 2). Every change to on-hand or reserved quantity is one row in
-- stock_movements; a trigger applies it to stock_levels under that level's row lock,
-- refuses to let stock go negative unless the product or organisation allows it, and
-- keeps the moving-average cost. Clients never write either table directly: they call
-- the RPCs below (and later documents post through the same path).

create type public.stock_movement_kind as enum (
  'receipt', 'shipment', 'transfer_out', 'transfer_in', 'adjustment', 'count',
  'production_in', 'production_out', 'return_in', 'reservation', 'release'
);

create table public.stock_levels (
  org_id uuid not null references public.organizations (id) on delete cascade,
  product_id uuid not null,
  warehouse_id uuid not null,
  on_hand numeric(18, 4) not null default 0,
  reserved numeric(18, 4) not null default 0 check (reserved >= 0),
  available numeric(18, 4) generated always as (on_hand - reserved) stored,
  last_movement_at timestamptz,
  version bigint not null default 0,
  primary key (product_id, warehouse_id),
  foreign key (org_id, product_id) references public.products (org_id, id) on delete cascade,
  foreign key (org_id, warehouse_id) references public.warehouses (org_id, id) on delete cascade
);
alter table public.stock_levels enable row level security;
create index stock_levels_org_idx on public.stock_levels (org_id, warehouse_id);

create table public.stock_movements (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.organizations (id) on delete cascade,
  product_id uuid not null,
  warehouse_id uuid not null,
  kind public.stock_movement_kind not null,
  on_hand_delta numeric(18, 4) not null default 0,
  reserved_delta numeric(18, 4) not null default 0,
  -- Receipts: the purchase cost; everything else: the moving-average cost at the time (COGS).
  unit_cost numeric(18, 4) check (unit_cost is null or unit_cost >= 0),
  -- The document that caused it (e.g. 'goods_receipt', 'sales_order', 'delivery'), if any.
  document_type text check (document_type is null or document_type ~ '^[a-z_]{1,40}$'),
  document_id uuid,
  document_line_id uuid,
  -- Both legs of a transfer share it.
  transfer_id uuid,
  reason text check (reason is null or length(btrim(reason)) between 1 and 500),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  foreign key (org_id, product_id) references public.products (org_id, id),
  foreign key (org_id, warehouse_id) references public.warehouses (org_id, id),
  check (on_hand_delta <> 0 or reserved_delta <> 0),
  check (case kind
    when 'receipt' then on_hand_delta > 0 and reserved_delta = 0 and unit_cost is not null
    when 'return_in' then on_hand_delta > 0 and reserved_delta = 0
    when 'production_in' then on_hand_delta > 0 and reserved_delta = 0
    when 'transfer_in' then on_hand_delta > 0 and reserved_delta = 0
    when 'shipment' then on_hand_delta < 0 and reserved_delta <= 0
    when 'production_out' then on_hand_delta < 0 and reserved_delta <= 0
    when 'transfer_out' then on_hand_delta < 0 and reserved_delta = 0
    when 'reservation' then on_hand_delta = 0 and reserved_delta > 0
    when 'release' then on_hand_delta = 0 and reserved_delta < 0
    when 'adjustment' then reserved_delta = 0 and reason is not null
    when 'count' then reserved_delta = 0
  end)
);
alter table public.stock_movements enable row level security;
create index stock_movements_level_idx on public.stock_movements (product_id, warehouse_id, id);
create index stock_movements_org_created_idx on public.stock_movements (org_id, created_at);
create index stock_movements_document_idx on public.stock_movements (org_id, document_type, document_id) where document_id is not null;
create index stock_movements_transfer_idx on public.stock_movements (transfer_id) where transfer_id is not null;
create index stock_movements_warehouse_idx on public.stock_movements (org_id, warehouse_id);

-- May this product's stock go below zero? The product decides, else the organisation;
-- consumables are never held back.
create function private.allows_negative_stock(p_product public.products) returns boolean
language sql stable security definer set search_path = '' as $$
  select p_product.kind = 'consumable' or coalesce(
    p_product.allow_negative_stock,
    (select (o.settings ->> 'allow_negative_stock')::boolean from public.organizations o where o.id = p_product.org_id),
    false)
$$;

create function private.apply_stock_movement() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_product public.products;
  v_level public.stock_levels;
  v_on_hand numeric;
  v_reserved numeric;
  v_total numeric;
begin
  -- Receipts change the moving average, so they lock the product (serialising costing);
  -- everything else only reads it.
  if new.on_hand_delta > 0 and new.kind in ('receipt', 'production_in') then
    select * into v_product from public.products p where p.id = new.product_id for update;
  else
    select * into v_product from public.products p where p.id = new.product_id;
  end if;
  if v_product.kind = 'service' then
    raise exception 'A service (%) has no stock', v_product.sku using errcode = '23514';
  end if;

  insert into public.stock_levels (org_id, product_id, warehouse_id)
  values (new.org_id, new.product_id, new.warehouse_id)
  on conflict (product_id, warehouse_id) do nothing;
  -- The level's row lock makes concurrent movements of one product in one warehouse
  -- queue, so the checks below see every earlier movement.
  select * into v_level from public.stock_levels l
    where l.product_id = new.product_id and l.warehouse_id = new.warehouse_id
    for update;

  v_on_hand := v_level.on_hand + new.on_hand_delta;
  v_reserved := v_level.reserved + new.reserved_delta;
  if v_reserved < 0 then
    raise exception 'Cannot release % %: only % reserved', -new.reserved_delta, v_product.uom, v_level.reserved
      using errcode = '23514';
  end if;
  -- A movement that lowers what is available may not take it below zero (a count
  -- records reality, so it is never refused).
  if new.kind <> 'count' and new.on_hand_delta - new.reserved_delta < 0
     and (v_on_hand - v_reserved < 0 or v_on_hand < 0)
     and not private.allows_negative_stock(v_product) then
    raise exception 'Not enough stock of %: % available, % requested', v_product.sku, v_level.available,
      abs(new.on_hand_delta - new.reserved_delta)
      using errcode = '23514', detail = json_build_object('product_id', new.product_id, 'warehouse_id', new.warehouse_id,
        'available', v_level.available)::text;
  end if;

  if new.on_hand_delta > 0 and new.kind in ('receipt', 'production_in') then
    select coalesce(sum(l.on_hand), 0) into v_total from public.stock_levels l where l.product_id = new.product_id;
    perform set_config('private.costing', 'on', true);
    update public.products p set cost = case
        when v_total <= 0 then new.unit_cost
        else round((v_total * v_product.cost + new.on_hand_delta * new.unit_cost) / (v_total + new.on_hand_delta), 4)
      end
      where p.id = new.product_id;
    perform set_config('private.costing', 'off', true);
  elsif new.unit_cost is null then
    new.unit_cost := v_product.cost;
  end if;

  update public.stock_levels l
    set on_hand = v_on_hand, reserved = v_reserved, last_movement_at = now(), version = l.version + 1
    where l.product_id = new.product_id and l.warehouse_id = new.warehouse_id;
  return new;
end;
$$;

create trigger stock_movements_apply before insert on public.stock_movements
  for each row execute function private.apply_stock_movement();

create function private.stock_ledger_is_append_only() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  -- Deleting a whole organisation takes its ledger with it.
  if tg_op = 'DELETE' and not exists (select 1 from public.organizations o where o.id = old.org_id) then
    return old;
  end if;
  raise exception 'The stock ledger is append-only: post a correcting movement instead' using errcode = '42501';
end;
$$;
create trigger stock_movements_append_only before update or delete on public.stock_movements
  for each row execute function private.stock_ledger_is_append_only();
create trigger stock_movements_no_truncate before truncate on public.stock_movements
  for each statement execute function private.stock_ledger_is_append_only();

-- The cost of a product in stock is kept by the ledger, not typed in.
create function private.products_guard_cost() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.cost <> old.cost and coalesce(current_setting('private.costing', true), '') <> 'on'
     and exists (select 1 from public.stock_levels l where l.product_id = new.id and l.on_hand <> 0) then
    raise exception 'The cost of a product in stock is kept by the stock ledger' using errcode = '42501';
  end if;
  return new;
end;
$$;
create trigger products_guard_cost before update of cost on public.products
  for each row execute function private.products_guard_cost();

create trigger stock_movements_audit after insert on public.stock_movements
  for each row execute function private.audit_row();

-- Who may post which movements (DESIGN.md section 2): stock operations by owners,
-- admins and warehouse staff; reservations also by the roles that confirm sales orders.
create function private.require_role(p_org_id uuid, p_roles public.app_role[], p_what text) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.has_role(p_org_id, p_roles) then
    raise exception 'You are not allowed to %', p_what using errcode = '42501';
  end if;
end;
$$;

create function private.check_quantity(p_quantity numeric) returns void
language plpgsql immutable set search_path = '' as $$
begin
  if p_quantity is null or p_quantity <= 0 then
    raise exception 'Quantity must be greater than zero' using errcode = '22023';
  end if;
end;
$$;

create function public.adjust_stock(p_org_id uuid, p_product_id uuid, p_warehouse_id uuid, p_quantity_delta numeric, p_reason text)
returns public.stock_movements
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.stock_movements;
begin
  perform private.require_role(p_org_id, '{owner,admin,warehouse}', 'adjust stock');
  if p_quantity_delta is null or p_quantity_delta = 0 then
    raise exception 'An adjustment changes the quantity' using errcode = '22023';
  end if;
  if nullif(btrim(p_reason), '') is null then
    raise exception 'An adjustment needs a reason' using errcode = '22023';
  end if;
  insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, reason)
  values (p_org_id, p_product_id, p_warehouse_id, 'adjustment', p_quantity_delta, btrim(p_reason))
  returning * into v_row;
  return v_row;
end;
$$;

-- Stock arriving outside purchasing (opening balances, found goods), at a unit cost.
create function public.receive_stock(p_org_id uuid, p_product_id uuid, p_warehouse_id uuid, p_quantity numeric,
  p_unit_cost numeric, p_reason text default null)
returns public.stock_movements
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.stock_movements;
begin
  perform private.require_role(p_org_id, '{owner,admin,warehouse}', 'receive stock');
  perform private.check_quantity(p_quantity);
  if p_unit_cost is null or p_unit_cost < 0 then
    raise exception 'A receipt needs a unit cost of zero or more' using errcode = '22023';
  end if;
  insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, unit_cost, reason)
  values (p_org_id, p_product_id, p_warehouse_id, 'receipt', p_quantity, p_unit_cost, nullif(btrim(p_reason), ''))
  returning * into v_row;
  return v_row;
end;
$$;

-- Both legs in one transaction: the goods leave one warehouse and arrive in the other at the same cost.
create function public.transfer_stock(p_org_id uuid, p_product_id uuid, p_from_warehouse_id uuid, p_to_warehouse_id uuid,
  p_quantity numeric, p_reason text default null)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_transfer uuid := gen_random_uuid();
begin
  perform private.require_role(p_org_id, '{owner,admin,warehouse}', 'transfer stock');
  perform private.check_quantity(p_quantity);
  if p_from_warehouse_id = p_to_warehouse_id then
    raise exception 'A transfer goes to another warehouse' using errcode = '22023';
  end if;
  insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, transfer_id, reason)
  values (p_org_id, p_product_id, p_from_warehouse_id, 'transfer_out', -p_quantity, v_transfer, nullif(btrim(p_reason), ''));
  insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, unit_cost, transfer_id, reason)
  select p_org_id, p_product_id, p_to_warehouse_id, 'transfer_in', p_quantity, m.unit_cost, v_transfer, m.reason
  from public.stock_movements m where m.transfer_id = v_transfer;
  return v_transfer;
end;
$$;

-- Holds stock for a document (a confirmed sales order line): available drops, on hand does not.
create function public.reserve_stock(p_org_id uuid, p_product_id uuid, p_warehouse_id uuid, p_quantity numeric,
  p_document_type text default null, p_document_id uuid default null, p_document_line_id uuid default null)
returns public.stock_movements
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.stock_movements;
begin
  perform private.require_role(p_org_id, '{owner,admin,manager,sales,warehouse}', 'reserve stock');
  perform private.check_quantity(p_quantity);
  insert into public.stock_movements (org_id, product_id, warehouse_id, kind, reserved_delta, document_type, document_id, document_line_id)
  values (p_org_id, p_product_id, p_warehouse_id, 'reservation', p_quantity, p_document_type, p_document_id, p_document_line_id)
  returning * into v_row;
  return v_row;
end;
$$;

create function public.release_stock(p_org_id uuid, p_product_id uuid, p_warehouse_id uuid, p_quantity numeric,
  p_document_type text default null, p_document_id uuid default null, p_document_line_id uuid default null)
returns public.stock_movements
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.stock_movements;
begin
  perform private.require_role(p_org_id, '{owner,admin,manager,sales,warehouse}', 'release reserved stock');
  perform private.check_quantity(p_quantity);
  insert into public.stock_movements (org_id, product_id, warehouse_id, kind, reserved_delta, document_type, document_id, document_line_id)
  values (p_org_id, p_product_id, p_warehouse_id, 'release', -p_quantity, p_document_type, p_document_id, p_document_line_id)
  returning * into v_row;
  return v_row;
end;
$$;

-- Goods leaving the warehouse, consuming p_from_reserved of their own reservation.
create function public.ship_stock(p_org_id uuid, p_product_id uuid, p_warehouse_id uuid, p_quantity numeric,
  p_from_reserved numeric default 0, p_document_type text default null, p_document_id uuid default null,
  p_document_line_id uuid default null)
returns public.stock_movements
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.stock_movements;
begin
  perform private.require_role(p_org_id, '{owner,admin,warehouse}', 'ship stock');
  perform private.check_quantity(p_quantity);
  if coalesce(p_from_reserved, 0) < 0 or coalesce(p_from_reserved, 0) > p_quantity then
    raise exception 'The reserved part of a shipment is between zero and its quantity' using errcode = '22023';
  end if;
  insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, reserved_delta,
    document_type, document_id, document_line_id)
  values (p_org_id, p_product_id, p_warehouse_id, 'shipment', -p_quantity, -coalesce(p_from_reserved, 0),
    p_document_type, p_document_id, p_document_line_id)
  returning * into v_row;
  return v_row;
end;
$$;

revoke all on function private.allows_negative_stock(public.products), private.require_role(uuid, public.app_role[], text),
  private.check_quantity(numeric) from public;
revoke execute on function
  public.adjust_stock(uuid, uuid, uuid, numeric, text),
  public.receive_stock(uuid, uuid, uuid, numeric, numeric, text),
  public.transfer_stock(uuid, uuid, uuid, uuid, numeric, text),
  public.reserve_stock(uuid, uuid, uuid, numeric, text, uuid, uuid),
  public.release_stock(uuid, uuid, uuid, numeric, text, uuid, uuid),
  public.ship_stock(uuid, uuid, uuid, numeric, numeric, text, uuid, uuid)
  from public, anon;
grant execute on function
  public.adjust_stock(uuid, uuid, uuid, numeric, text),
  public.receive_stock(uuid, uuid, uuid, numeric, numeric, text),
  public.transfer_stock(uuid, uuid, uuid, uuid, numeric, text),
  public.reserve_stock(uuid, uuid, uuid, numeric, text, uuid, uuid),
  public.release_stock(uuid, uuid, uuid, numeric, text, uuid, uuid),
  public.ship_stock(uuid, uuid, uuid, numeric, numeric, text, uuid, uuid)
  to authenticated;

-- Policies: every member reads stock levels (reps quote against live stock); the
-- ledger is read by everyone who reads inventory (not support). Nobody writes either
-- through the API: levels change only by the movement trigger, which runs as the owner.
create policy stock_levels_select on public.stock_levels for select to authenticated
  using (org_id in (select private.user_org_ids()));
create policy stock_movements_select on public.stock_movements for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,warehouse,accountant,viewer}')));
revoke insert, update, delete on public.stock_levels, public.stock_movements from anon, authenticated;

alter publication supabase_realtime add table public.stock_levels;
