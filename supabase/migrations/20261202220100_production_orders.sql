-- Production orders (manufacturing, issue 11): planned → in progress → done, or cancelled.
--
-- * Planning copies the order's BOM, one level deep, into production_order_components:
--   what the order needs of each direct component, scrap included (20261202220000's
--   formula: order quantity × line quantity / output quantity × (1 + scrap_pct / 100),
--   rounded to 4 decimals). Sub-assemblies are built by their own production orders;
--   explode_bom and can_build show the whole tree.
-- * Starting numbers the order (gapless PRD-YYYY-NNNNN) and reserves every component in
--   the order's warehouse, all or nothing: an order that starts can finish, and a short
--   order holds nothing back from others. When anything is short it is refused with one
--   message listing the short components (detail: a JSON array). Each component's stock
--   level queue is taken in product order before its availability is read, so two orders
--   competing for the last units cannot both reserve them, and never deadlock.
-- * Completing, in one transaction: production_out movements consume the components
--   (their reservation first) at their moving-average cost; what was reserved beyond the
--   produced quantity's needs is released; a production_in movement receives the finished
--   good at the rolled-up unit cost (material + labour) / quantity, which moves its moving
--   average; one journal entry: finished goods inventory Dr (material + labour), component
--   inventory Cr (material), absorbed labour Cr (labour, account role labour_absorbed,
--   5300 "Labour absorbed into production", added below). Then the order is done and
--   immutable; completing it again is refused.
-- * Cancelling releases what is reserved. Done orders are never cancelled (their postings
--   stand; correct with stock adjustments and journal entries).
--
-- Labour: production_orders.labour_cost is 0 unless given. complete_production_order takes
-- p_labour_cost; left null, the order's labour_cost is used, which the people/time module
-- may keep current from timesheet entries linked to the order (e.g. a production_order_id
-- on timesheet entries) through private.set_production_order_labour_cost(order, amount):
-- that is the one supported way to set it before completion.
--
-- Reorder alerts: open production orders are demand. Each component row carries
-- demand_quantity (what it still needs from stock: required while planned, 0 once reserved,
-- done or cancelled), and raise_reorder_alerts / the stock level trigger (redefined below,
-- otherwise unchanged) compare available + on order − production demand with the reorder
-- point. A short component without a reorder rule is treated as having a reorder point of
-- 0 (an alert when production needs more than there is) and a reorder quantity of the
-- shortfall. Planning (and re-planning) raises the due alerts of its components at once;
-- cancelling closes the ones that recovered. The scheduled sweep catches the rest.

create type public.production_order_status as enum ('planned', 'in_progress', 'done', 'cancelled');

create table public.production_orders (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  -- PRD-YYYY-NNNNN, taken when the order starts (planned orders have none).
  number text,
  product_id uuid not null,
  -- Left out: the product's BOM (its default, else its latest active one).
  bom_id uuid not null,
  quantity numeric(18, 4) not null check (quantity > 0),
  -- Components come from here; left out: the org's default warehouse.
  warehouse_id uuid not null,
  -- The finished goods go here; left out: warehouse_id.
  output_warehouse_id uuid not null,
  status public.production_order_status not null default 'planned',
  planned_date date not null default current_date,
  started_at timestamptz,
  started_by uuid references auth.users (id) on delete set null,
  done_at timestamptz,
  -- The date the goods were produced: the journal entry's date.
  done_date date,
  done_by uuid references auth.users (id) on delete set null,
  cancelled_at timestamptz,
  -- Set at completion: good units received (at most quantity) and the rolled-up cost.
  produced_quantity numeric(18, 4) check (produced_quantity is null or produced_quantity > 0),
  material_cost numeric(18, 2) check (material_cost is null or material_cost >= 0),
  labour_cost numeric(18, 2) not null default 0 check (labour_cost >= 0),
  unit_cost numeric(18, 4) check (unit_cost is null or unit_cost >= 0),
  journal_entry_id uuid,
  notes text check (notes is null or length(notes) <= 5000),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, number),
  foreign key (org_id, product_id) references public.products (org_id, id),
  foreign key (org_id, bom_id) references public.boms (org_id, id),
  foreign key (org_id, warehouse_id) references public.warehouses (org_id, id),
  foreign key (org_id, output_warehouse_id) references public.warehouses (org_id, id),
  foreign key (org_id, journal_entry_id) references public.journal_entries (org_id, id),
  check (status <> 'planned' or number is null),
  check (status not in ('in_progress', 'done') or (number is not null and started_at is not null)),
  check ((status = 'done') = (done_at is not null and done_date is not null and produced_quantity is not null
    and material_cost is not null and unit_cost is not null)),
  check (produced_quantity is null or produced_quantity <= quantity)
);
alter table public.production_orders enable row level security;
create index production_orders_org_idx on public.production_orders (org_id, status, planned_date desc);
create index production_orders_product_idx on public.production_orders (org_id, product_id);
create index production_orders_bom_idx on public.production_orders (org_id, bom_id);
create index production_orders_warehouse_idx on public.production_orders (org_id, warehouse_id);
create index production_orders_output_warehouse_idx on public.production_orders (org_id, output_warehouse_id);

create table public.production_order_components (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  production_order_id uuid not null,
  position int not null default 0,
  product_id uuid not null,
  -- The BOM line it was copied from.
  bom_line_id uuid,
  -- The order's component warehouse (production demand is per warehouse).
  warehouse_id uuid not null,
  -- For the whole order, scrap included.
  required_quantity numeric(18, 4) not null check (required_quantity > 0),
  reserved_quantity numeric(18, 4) not null default 0 check (reserved_quantity >= 0),
  consumed_quantity numeric(18, 4) not null default 0 check (consumed_quantity >= 0),
  -- Still needed from stock (reorder alerts): required while planned; 0 once reserved, done or cancelled.
  demand_quantity numeric(18, 4) not null default 0 check (demand_quantity >= 0),
  -- The moving-average cost the component was consumed at.
  unit_cost numeric(18, 4),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (production_order_id, product_id),
  foreign key (org_id, production_order_id) references public.production_orders (org_id, id) on delete cascade,
  foreign key (org_id, product_id) references public.products (org_id, id),
  foreign key (org_id, bom_line_id) references public.bom_lines (org_id, id) on delete set null (bom_line_id),
  foreign key (org_id, warehouse_id) references public.warehouses (org_id, id),
  check (reserved_quantity <= required_quantity)
);
alter table public.production_order_components enable row level security;
create index production_order_components_order_idx on public.production_order_components (org_id, production_order_id, position);
create index production_order_components_product_idx on public.production_order_components (org_id, product_id);
create index production_order_components_bom_line_idx on public.production_order_components (org_id, bom_line_id);
create index production_order_components_warehouse_idx on public.production_order_components (org_id, warehouse_id);
create index production_order_components_demand_idx on public.production_order_components (product_id, warehouse_id)
  where demand_quantity > 0;

-- The account labour is credited to when it is absorbed into the cost of finished goods
-- (a contra-expense against wages). Other migrations that redefine this check must keep
-- 'labour_absorbed'.
alter table public.gl_accounts drop constraint gl_accounts_role_check;
alter table public.gl_accounts add constraint gl_accounts_role_check check (role is null or role in ('bank', 'receivable',
  'payable', 'inventory', 'grni', 'tax_receivable', 'tax_payable', 'sales', 'service_sales', 'cogs', 'purchases',
  'stock_adjustment', 'fx_gain', 'fx_loss', 'retained_earnings', 'customer_credit', 'sales_returns', 'labour_absorbed'));

create function private.seed_labour_absorbed_account(p_org_id uuid) returns void
language sql security definer set search_path = '' as $$
  insert into public.gl_accounts (org_id, code, name, type, role)
  select p_org_id, '5300', 'Labour absorbed into production', 'expense', 'labour_absorbed'
  where not exists (select 1 from public.gl_accounts a where a.org_id = p_org_id and a.role = 'labour_absorbed')
  on conflict do nothing;
$$;
create function private.organizations_seed_labour_account() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.seed_labour_absorbed_account(new.id);
  return null;
end;
$$;
-- Named to fire after organizations_seed_chart (AFTER triggers run by name).
create trigger organizations_seed_chart_then_labour_account after insert on public.organizations
  for each row execute function private.organizations_seed_labour_account();
select private.seed_labour_absorbed_account(o.id) from public.organizations o;

-- What open production orders still need of a product from a warehouse's stock.
create function private.production_demand(p_product_id uuid, p_warehouse_id uuid) returns numeric
language sql stable security definer set search_path = '' as $$
  select coalesce(sum(c.demand_quantity), 0) from public.production_order_components c
  where c.product_id = p_product_id and c.warehouse_id = p_warehouse_id and c.demand_quantity > 0
$$;

-- Defaults and consistency: warehouses, the product's BOM, a stocked product built by it.
create function private.production_orders_defaults() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_bom public.boms;
  v_kind public.product_kind;
begin
  if new.warehouse_id is null then
    select w.id into new.warehouse_id from public.warehouses w
    where w.org_id = new.org_id and w.active order by w.is_default desc, w.code limit 1;
  end if;
  if new.output_warehouse_id is null then
    new.output_warehouse_id := new.warehouse_id;
  end if;
  if new.status = 'planned' and (tg_op = 'INSERT' or new.product_id is distinct from old.product_id
      or new.bom_id is distinct from old.bom_id) then
    select p.kind into v_kind from public.products p where p.id = new.product_id and p.org_id = new.org_id;
    if v_kind is not null and v_kind <> 'stocked' then
      raise exception 'Only stocked products are manufactured (this one is a %)', v_kind using errcode = '23514';
    end if;
    if new.bom_id is null or (tg_op = 'UPDATE' and new.product_id is distinct from old.product_id
                              and new.bom_id is not distinct from old.bom_id) then
      new.bom_id := private.product_bom(new.product_id);
      if new.bom_id is null then
        raise exception 'This product has no active bill of materials' using errcode = '23514';
      end if;
    end if;
    select * into v_bom from public.boms b where b.id = new.bom_id;
    if found and v_bom.product_id <> new.product_id then
      raise exception 'This bill of materials builds another product' using errcode = '23514';
    end if;
    if found and not v_bom.is_active then
      raise exception 'Bill of materials % (version %) is archived', v_bom.name, v_bom.version using errcode = '23514';
    end if;
  end if;
  return new;
end;
$$;
create trigger production_orders_defaults before insert or update on public.production_orders
  for each row execute function private.production_orders_defaults();

-- Editing rules: people edit planned orders only, and only what planning decides (product,
-- BOM, quantity, warehouses, date, notes); the actions below (private.posting) do the rest.
create function private.production_orders_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_editable text[] := array['product_id', 'bom_id', 'quantity', 'warehouse_id', 'output_warehouse_id', 'planned_date',
    'notes', 'updated_at'];
begin
  if coalesce(current_setting('private.posting', true), '') = 'on' then
    return coalesce(new, old);
  end if;
  if tg_op = 'DELETE' and not exists (select 1 from public.organizations o where o.id = old.org_id) then
    return old;
  end if;
  if tg_op = 'INSERT' then
    if new.status <> 'planned' or new.number is not null or new.started_at is not null or new.done_at is not null
       or new.cancelled_at is not null or new.produced_quantity is not null or new.material_cost is not null
       or new.unit_cost is not null or new.journal_entry_id is not null or new.labour_cost <> 0 then
      raise exception 'New production orders start as planned, without a number or costs' using errcode = '23514',
        hint = 'Start, complete or cancel them with their actions';
    end if;
    return new;
  end if;
  if old.status <> 'planned' then
    raise exception 'Production order % is % and can no longer change', old.number, replace(old.status::text, '_', ' ')
      using errcode = '42501';
  end if;
  if tg_op = 'UPDATE' and (to_jsonb(new) - v_editable) is distinct from (to_jsonb(old) - v_editable) then
    raise exception 'Start, complete or cancel production orders with their actions' using errcode = '42501',
      hint = 'A planned order''s product, BOM, quantity, warehouses, date and notes can change';
  end if;
  return coalesce(new, old);
end;
$$;
create trigger production_orders_guard before insert or update or delete on public.production_orders
  for each row execute function private.production_orders_guard();

-- Reorder alerts of components whose production demand changed: raise what is due, close
-- what recovered. Only for callers who may check reorder points (else the sweep does it).
create function private.refresh_component_alerts(p_org_id uuid, p_product_ids uuid[], p_warehouse_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_product uuid;
  v_posting text := coalesce(current_setting('private.posting', true), '');
begin
  if (select auth.role()) is distinct from 'service_role'
     and not private.has_role(p_org_id, '{owner,admin,manager,accountant,warehouse}') then
    return;
  end if;
  foreach v_product in array coalesce(p_product_ids, '{}') loop
    perform set_config('private.posting', 'on', true);
    update public.reorder_alerts a set status = 'closed', closed_at = now(), close_reason = 'stock_recovered'
    where a.product_id = v_product and a.warehouse_id = p_warehouse_id and a.status = 'open'
      -- As the stock level trigger closes them: available − production demand at the point again.
      and coalesce((select l.available from public.stock_levels l where l.product_id = v_product and l.warehouse_id = p_warehouse_id), 0)
          - private.production_demand(v_product, p_warehouse_id)
          >= coalesce((select r.reorder_point from public.reorder_rules r where r.product_id = v_product and r.warehouse_id = p_warehouse_id), 0);
    perform set_config('private.posting', v_posting, true);
    perform public.raise_reorder_alerts(p_org_id, v_product, p_warehouse_id);
  end loop;
  perform set_config('private.posting', v_posting, true);
end;
$$;

-- A planned order's components follow its BOM, quantity and warehouse.
create function private.production_orders_plan_components() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_bom public.boms;
  v_old uuid[] := '{}';
  v_new uuid[];
  v_posting text := coalesce(current_setting('private.posting', true), '');
begin
  if new.status <> 'planned' then
    return null;
  end if;
  if tg_op = 'UPDATE' and new.bom_id is not distinct from old.bom_id and new.quantity = old.quantity
     and new.warehouse_id is not distinct from old.warehouse_id then
    return null;
  end if;
  perform set_config('private.posting', 'on', true);
  if tg_op = 'UPDATE' then
    select coalesce(array_agg(c.product_id), '{}') into v_old
    from public.production_order_components c where c.production_order_id = new.id;
    delete from public.production_order_components c where c.production_order_id = new.id;
  end if;
  select * into v_bom from public.boms b where b.id = new.bom_id;
  insert into public.production_order_components (org_id, production_order_id, position, product_id, bom_line_id,
    warehouse_id, required_quantity, demand_quantity)
  select new.org_id, new.id, l.position, l.product_id, l.id, new.warehouse_id, q.required, q.required
  from public.bom_lines l
  cross join lateral (select round(new.quantity * l.quantity / v_bom.output_quantity * (1 + l.scrap_pct / 100), 4) as required) q
  where l.bom_id = new.bom_id;
  if not found then
    raise exception 'Bill of materials % (version %) has no components', v_bom.name, v_bom.version using errcode = '23514';
  end if;
  perform set_config('private.posting', v_posting, true);
  select array_agg(c.product_id order by c.product_id) into v_new
  from public.production_order_components c where c.production_order_id = new.id;
  if tg_op = 'UPDATE' and old.warehouse_id is distinct from new.warehouse_id then
    perform private.refresh_component_alerts(new.org_id, v_old, old.warehouse_id);
    perform private.refresh_component_alerts(new.org_id, v_new, new.warehouse_id);
  else
    perform private.refresh_component_alerts(new.org_id,
      array(select distinct u from unnest(v_old || v_new) u order by u), new.warehouse_id);
  end if;
  return null;
end;
$$;
create trigger production_orders_plan_components after insert or update on public.production_orders
  for each row execute function private.production_orders_plan_components();

-- Deleting a planned order takes its demand away: close the alerts that recovered.
create function private.production_orders_release_demand() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_products uuid[];
  v_posting text := coalesce(current_setting('private.posting', true), '');
begin
  if old.status = 'planned' and exists (select 1 from public.organizations o where o.id = old.org_id) then
    perform set_config('private.posting', 'on', true);
    update public.production_order_components c set demand_quantity = 0
      where c.production_order_id = old.id and c.demand_quantity > 0;
    perform set_config('private.posting', v_posting, true);
    select array_agg(c.product_id order by c.product_id) into v_products
    from public.production_order_components c where c.production_order_id = old.id;
    perform private.refresh_component_alerts(old.org_id, v_products, old.warehouse_id);
  end if;
  return old;
end;
$$;
create trigger production_orders_release_demand before delete on public.production_orders
  for each row execute function private.production_orders_release_demand();

-- Components change only through the order's actions.
create function private.production_order_components_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(current_setting('private.posting', true), '') = 'on' then
    return coalesce(new, old);
  end if;
  if tg_op = 'DELETE' and not exists (select 1 from public.production_orders o where o.id = old.production_order_id) then
    return old;
  end if;
  -- The BOM line it was copied from was deleted (the foreign key's set null).
  if tg_op = 'UPDATE' and new.bom_line_id is null and old.bom_line_id is not null
     and to_jsonb(new) - 'bom_line_id' = to_jsonb(old) - 'bom_line_id' then
    return new;
  end if;
  raise exception 'Production order components come from the bill of materials and change with the order''s actions'
    using errcode = '42501';
end;
$$;
create trigger production_order_components_guard before insert or update or delete on public.production_order_components
  for each row execute function private.production_order_components_guard();

create trigger production_orders_touch before update on public.production_orders
  for each row execute function private.touch_updated_at();
create trigger production_order_components_touch before update on public.production_order_components
  for each row execute function private.touch_updated_at();
create trigger production_orders_audit after insert or update or delete on public.production_orders
  for each row execute function private.audit_row();
create trigger production_order_components_audit after insert or update or delete on public.production_order_components
  for each row execute function private.audit_row();

-- The order of an org for an action, locked; "not found" for other orgs and non-members.
create function private.production_order_for_action(p_org_id uuid, p_id uuid, p_what text)
returns public.production_orders
language plpgsql security definer set search_path = '' as $$
declare
  v_order public.production_orders;
begin
  select * into v_order from public.production_orders o where o.id = p_id and o.org_id = p_org_id for update;
  if not found or not private.is_member(p_org_id) then
    raise exception 'Production order not found' using errcode = 'P0002';
  end if;
  perform private.require_role(p_org_id, '{owner,admin,manager,warehouse}', p_what);
  return v_order;
end;
$$;

-- plan_production_order: a planned order for p_quantity of a product, its components
-- copied from the BOM (p_bom_id, else the product's) with scrap; p_warehouse_id (default:
-- the org's default warehouse) supplies the components, p_output_warehouse_id (default:
-- the same) receives the goods. Raises the reorder alerts its shortages make due.
--   supabase.rpc('plan_production_order', { p_org_id, p_product_id, p_quantity: 5 })
-- A plain insert into production_orders does the same.
create function public.plan_production_order(p_org_id uuid, p_product_id uuid, p_quantity numeric,
  p_warehouse_id uuid default null, p_bom_id uuid default null, p_planned_date date default null,
  p_output_warehouse_id uuid default null, p_notes text default null)
returns public.production_orders
language plpgsql security definer set search_path = '' as $$
declare
  v_order public.production_orders;
begin
  if not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  perform private.require_role(p_org_id, '{owner,admin,manager,warehouse}', 'plan production orders');
  perform private.check_quantity(p_quantity);
  if not exists (select 1 from public.products p where p.id = p_product_id and p.org_id = p_org_id) then
    raise exception 'Product not found' using errcode = 'P0002';
  end if;
  insert into public.production_orders (org_id, product_id, bom_id, quantity, warehouse_id, output_warehouse_id,
    planned_date, notes)
  values (p_org_id, p_product_id, p_bom_id, p_quantity, p_warehouse_id, p_output_warehouse_id,
    coalesce(p_planned_date, current_date), nullif(btrim(p_notes), ''))
  returning * into v_order;
  return v_order;
end;
$$;

-- start_production_order: numbers the order (PRD-YYYY-NNNNN) and reserves all of its
-- components in its warehouse, or refuses (23514) listing every short component:
-- message "Not enough components to start …: LEG needs 8, 4 available; …", detail a JSON
-- array [{product_id, sku, required, available, shortage}]. Components that may go
-- negative (consumables, or as the product or org allows) are reserved in full.
--   supabase.rpc('start_production_order', { p_org_id, p_id })
create function public.start_production_order(p_org_id uuid, p_id uuid) returns public.production_orders
language plpgsql security definer set search_path = '' as $$
declare
  v_order public.production_orders;
  v_line record;
  v_available numeric;
  v_short jsonb := '[]';
begin
  v_order := private.production_order_for_action(p_org_id, p_id, 'start production orders');
  if v_order.status <> 'planned' then
    raise exception 'Production order % is % and cannot start', v_order.number, replace(v_order.status::text, '_', ' ')
      using errcode = '23514';
  end if;
  perform set_config('private.posting', 'on', true);
  for v_line in
    select c.id, c.product_id, c.required_quantity, p.sku, p.name, private.allows_negative_stock(p) as may_go_negative
    from public.production_order_components c join public.products p on p.id = c.product_id
    where c.production_order_id = p_id
    order by c.product_id
  loop
    -- The level's queue first, so reading what is available and reserving it is one step.
    perform pg_advisory_xact_lock(private.stock_level_lock_key(v_line.product_id, v_order.warehouse_id));
    select coalesce((select l.available from public.stock_levels l
                     where l.product_id = v_line.product_id and l.warehouse_id = v_order.warehouse_id), 0)
      into v_available;
    if v_available < v_line.required_quantity and not v_line.may_go_negative then
      v_short := v_short || jsonb_build_array(jsonb_build_object('product_id', v_line.product_id, 'sku', v_line.sku,
        'required', v_line.required_quantity, 'available', v_available,
        'shortage', v_line.required_quantity - greatest(v_available, 0)));
    elsif jsonb_array_length(v_short) = 0 then
      insert into public.stock_movements (org_id, product_id, warehouse_id, kind, reserved_delta, document_type,
        document_id, document_line_id)
      values (p_org_id, v_line.product_id, v_order.warehouse_id, 'reservation', v_line.required_quantity,
        'production_order', p_id, v_line.id);
      update public.production_order_components c
        set reserved_quantity = c.required_quantity, demand_quantity = 0 where c.id = v_line.id;
    end if;
  end loop;
  if jsonb_array_length(v_short) > 0 then
    raise exception 'Not enough components to start production of % %: %', v_order.quantity::float8,
      (select p.sku from public.products p where p.id = v_order.product_id),
      (select string_agg(format('%s needs %s, %s available', s ->> 'sku', (s ->> 'required')::float8,
         (s ->> 'available')::float8), '; ' order by s ->> 'sku') from jsonb_array_elements(v_short) s)
      using errcode = '23514', detail = v_short::text, hint = 'Check can_build for what to build or buy first';
  end if;
  update public.production_orders o set status = 'in_progress', started_at = now(), started_by = (select auth.uid()),
      number = private.next_document_number(o.org_id, 'PRD', current_date)
    where o.id = p_id returning * into v_order;
  perform set_config('private.posting', 'off', true);
  return v_order;
end;
$$;

-- complete_production_order: produces p_quantity good units (default: the order's
-- quantity; less consumes the components pro rata and releases the rest of their
-- reservation) on p_date (default today; a closed period is refused), with
-- p_labour_cost (default: the order's labour_cost). One transaction: components out at
-- moving-average cost, finished goods in at (material + labour) / quantity, the journal
-- entry, status done. A second call is refused (the order is done).
--   supabase.rpc('complete_production_order', { p_org_id, p_id, p_labour_cost: 20 })
create function public.complete_production_order(p_org_id uuid, p_id uuid, p_quantity numeric default null,
  p_labour_cost numeric default null, p_date date default null)
returns public.production_orders
language plpgsql security definer set search_path = '' as $$
declare
  v_order public.production_orders;
  v_product public.products;
  v_date date := coalesce(p_date, current_date);
  v_produced numeric;
  v_labour numeric;
  v_line record;
  v_consumed numeric;
  v_from_reserved numeric;
  v_movement public.stock_movements;
  v_material numeric := 0;
  v_unit_cost numeric;
  v_entry uuid;
begin
  v_order := private.production_order_for_action(p_org_id, p_id, 'complete production orders');
  if v_order.status <> 'in_progress' then
    raise exception 'Production order % is % and cannot be completed', coalesce(v_order.number, 'draft'),
      replace(v_order.status::text, '_', ' ') using errcode = '23514',
      hint = case v_order.status when 'planned' then 'Start it first' when 'done' then 'A production order is completed once'
        else 'Plan a new order' end;
  end if;
  v_produced := coalesce(p_quantity, v_order.quantity);
  if v_produced <= 0 or v_produced > v_order.quantity then
    raise exception 'The quantity produced is more than zero and at most the % ordered', v_order.quantity::float8
      using errcode = '22023';
  end if;
  v_labour := round(coalesce(p_labour_cost, v_order.labour_cost), 2);
  if v_labour < 0 then
    raise exception 'Labour cost cannot be negative' using errcode = '22023';
  end if;
  perform private.check_period_open(p_org_id, v_date);
  select * into v_product from public.products p where p.id = v_order.product_id;

  perform set_config('private.posting', 'on', true);
  for v_line in
    select c.* from public.production_order_components c where c.production_order_id = p_id order by c.product_id
  loop
    v_consumed := case when v_produced = v_order.quantity then v_line.required_quantity
                       else round(v_line.required_quantity * v_produced / v_order.quantity, 4) end;
    v_from_reserved := least(v_line.reserved_quantity, v_consumed);
    v_movement := null;
    if v_consumed > 0 then
      insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, reserved_delta,
        document_type, document_id, document_line_id)
      values (p_org_id, v_line.product_id, v_order.warehouse_id, 'production_out', -v_consumed, -v_from_reserved,
        'production_order', p_id, v_line.id)
      returning * into v_movement;
      v_material := v_material + round(v_consumed * v_movement.unit_cost, 2);
    end if;
    if v_line.reserved_quantity > v_from_reserved then
      insert into public.stock_movements (org_id, product_id, warehouse_id, kind, reserved_delta, document_type,
        document_id, document_line_id)
      values (p_org_id, v_line.product_id, v_order.warehouse_id, 'release', -(v_line.reserved_quantity - v_from_reserved),
        'production_order', p_id, v_line.id);
    end if;
    update public.production_order_components c
      set consumed_quantity = v_consumed, reserved_quantity = 0, demand_quantity = 0, unit_cost = v_movement.unit_cost
      where c.id = v_line.id;
  end loop;

  v_unit_cost := round((v_material + v_labour) / v_produced, 4);
  insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, unit_cost,
    document_type, document_id)
  values (p_org_id, v_order.product_id, v_order.output_warehouse_id, 'production_in', v_produced, v_unit_cost,
    'production_order', p_id);

  if v_material + v_labour > 0 then
    v_entry := private.post_journal(p_org_id, v_date,
      format('Production %s: %s × %s', v_order.number, v_produced::float8, v_product.sku), 'production_orders', p_id,
      jsonb_build_array(
        jsonb_build_object('account_role', 'inventory', 'debit', v_material + v_labour,
          'description', format('Finished goods: %s × %s', v_produced::float8, v_product.sku)),
        jsonb_build_object('account_role', 'inventory', 'credit', v_material, 'description', 'Components consumed'),
        jsonb_build_object('account_role', 'labour_absorbed', 'credit', v_labour, 'description', 'Labour absorbed')));
  end if;
  update public.production_orders o set status = 'done', done_at = now(), done_date = v_date, done_by = (select auth.uid()),
      produced_quantity = v_produced, material_cost = v_material, labour_cost = v_labour, unit_cost = v_unit_cost,
      journal_entry_id = v_entry
    where o.id = p_id returning * into v_order;
  perform set_config('private.posting', 'off', true);
  return v_order;
end;
$$;

-- cancel_production_order: a planned or in-progress order is cancelled and what it had
-- reserved is released (its number, if any, stays used). Done orders cannot be cancelled.
--   supabase.rpc('cancel_production_order', { p_org_id, p_id })
create function public.cancel_production_order(p_org_id uuid, p_id uuid) returns public.production_orders
language plpgsql security definer set search_path = '' as $$
declare
  v_order public.production_orders;
  v_line public.production_order_components;
  v_products uuid[];
begin
  v_order := private.production_order_for_action(p_org_id, p_id, 'cancel production orders');
  if v_order.status not in ('planned', 'in_progress') then
    raise exception 'Production order % is % and cannot be cancelled', coalesce(v_order.number, 'draft'), v_order.status
      using errcode = '23514';
  end if;
  perform set_config('private.posting', 'on', true);
  for v_line in
    select * from public.production_order_components c where c.production_order_id = p_id order by c.product_id
  loop
    if v_line.reserved_quantity > 0 then
      insert into public.stock_movements (org_id, product_id, warehouse_id, kind, reserved_delta, document_type,
        document_id, document_line_id)
      values (p_org_id, v_line.product_id, v_order.warehouse_id, 'release', -v_line.reserved_quantity,
        'production_order', p_id, v_line.id);
    end if;
    update public.production_order_components c set reserved_quantity = 0, demand_quantity = 0 where c.id = v_line.id;
  end loop;
  update public.production_orders o set status = 'cancelled', cancelled_at = now() where o.id = p_id
    returning * into v_order;
  perform set_config('private.posting', 'off', true);
  select array_agg(c.product_id order by c.product_id) into v_products
  from public.production_order_components c where c.production_order_id = p_id;
  perform private.refresh_component_alerts(p_org_id, v_products, v_order.warehouse_id);
  return v_order;
end;
$$;

-- For the people/time module: keeps a planned or in-progress order's labour cost (base
-- currency) current, e.g. from the timesheet entries linked to it. Done orders have posted it.
create function private.set_production_order_labour_cost(p_order_id uuid, p_amount numeric) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_order public.production_orders;
  v_posting text := coalesce(current_setting('private.posting', true), '');
begin
  select * into v_order from public.production_orders o where o.id = p_order_id for update;
  if not found then
    raise exception 'Production order not found' using errcode = 'P0002';
  end if;
  if v_order.status not in ('planned', 'in_progress') then
    raise exception 'Production order % is %: its labour cost is settled', v_order.number, v_order.status
      using errcode = '23514';
  end if;
  if p_amount is null or p_amount < 0 then
    raise exception 'Labour cost cannot be negative' using errcode = '22023';
  end if;
  perform set_config('private.posting', 'on', true);
  update public.production_orders o set labour_cost = round(p_amount, 2) where o.id = p_order_id;
  perform set_config('private.posting', v_posting, true);
end;
$$;

-- Reorder alerts with production demand (see the top of this file). Unchanged otherwise
-- from 20261123140500: one open alert per product and warehouse, draft purchase orders per
-- preferred supplier, notifications and e-mails (texts as before when there is no demand).
alter table public.reorder_alerts add column production_demand_at_open numeric(18, 4) not null default 0;

create or replace function public.raise_reorder_alerts(p_org_id uuid default null, p_product_id uuid default null,
  p_warehouse_id uuid default null)
returns setof public.reorder_alerts
language plpgsql security definer set search_path = '' as $$
declare
  v_alert public.reorder_alerts;
  v_new uuid[] := '{}';
  v_group record;
  v_po uuid;
  v_buyer record;
  v_product public.products;
  v_warehouse public.warehouses;
  v_posting text := coalesce(current_setting('private.posting', true), '');
begin
  if (select auth.role()) is distinct from 'service_role' then
    if p_org_id is null then
      raise exception 'Choose an organisation' using errcode = '22023';
    end if;
    perform private.require_role(p_org_id, '{owner,admin,manager,accountant,warehouse}', 'check reorder points');
  end if;

  for v_alert in
    with demand as (
      select c.org_id, c.product_id, c.warehouse_id, sum(c.demand_quantity) as quantity
      from public.production_order_components c
      where c.demand_quantity > 0
        and (p_org_id is null or c.org_id = p_org_id)
        and (p_product_id is null or c.product_id = p_product_id)
        and (p_warehouse_id is null or c.warehouse_id = p_warehouse_id)
      group by 1, 2, 3
    ), points as (
      select r.org_id, r.product_id, r.warehouse_id, r.reorder_point, r.reorder_quantity
      from public.reorder_rules r
      where (p_org_id is null or r.org_id = p_org_id)
        and (p_product_id is null or r.product_id = p_product_id)
        and (p_warehouse_id is null or r.warehouse_id = p_warehouse_id)
      union all
      -- Without a rule, production demand beyond the stock is due (reorder point 0).
      select d.org_id, d.product_id, d.warehouse_id, 0, null
      from demand d
      where not exists (select 1 from public.reorder_rules r where r.product_id = d.product_id and r.warehouse_id = d.warehouse_id)
    ), due as (
      select pt.*, coalesce(l.available, 0) as available, private.on_order_quantity(pt.product_id, pt.warehouse_id) as on_order,
        coalesce(d.quantity, 0) as demand
      from points pt
      join public.products p on p.id = pt.product_id and p.active and p.archived_at is null and p.kind <> 'service'
      left join public.stock_levels l on l.product_id = pt.product_id and l.warehouse_id = pt.warehouse_id
      left join demand d on d.product_id = pt.product_id and d.warehouse_id = pt.warehouse_id
    )
    insert into public.reorder_alerts (org_id, product_id, warehouse_id, available_at_open, on_order_at_open, reorder_point,
      reorder_quantity, production_demand_at_open)
    select d.org_id, d.product_id, d.warehouse_id, d.available, d.on_order, d.reorder_point,
      -- With production demand, at least what brings the projection back to the reorder point.
      case when d.demand > 0 then greatest(coalesce(d.reorder_quantity, 0), d.reorder_point - (d.available + d.on_order - d.demand))
           else d.reorder_quantity end,
      d.demand
    from due d
    where d.available + d.on_order - d.demand < d.reorder_point
    order by d.product_id, d.warehouse_id
    on conflict (product_id, warehouse_id) where status = 'open' do nothing
    returning *
  loop
    v_new := v_new || v_alert.id;
  end loop;

  -- Draft purchase orders: one per org, preferred supplier and warehouse.
  for v_group in
    select a.org_id, p.preferred_supplier_id, a.warehouse_id, array_agg(a.id order by p.sku) as alerts
    from public.reorder_alerts a join public.products p on p.id = a.product_id
    where a.id = any (v_new) and p.preferred_supplier_id is not null
    group by 1, 2, 3
  loop
    perform set_config('private.posting', 'on', true);
    insert into public.purchase_orders (org_id, supplier_id, warehouse_id, source, notes)
    values (v_group.org_id, v_group.preferred_supplier_id, v_group.warehouse_id, 'reorder_alert',
      'Drafted by a reorder alert')
    returning id into v_po;
    insert into public.purchase_order_lines (org_id, purchase_order_id, position, product_id, description, quantity, unit_cost)
    select a.org_id, v_po, row_number() over (order by p.sku), a.product_id, p.name, a.reorder_quantity, p.cost
    from public.reorder_alerts a join public.products p on p.id = a.product_id
    where a.id = any (v_group.alerts);
    update public.reorder_alerts set purchase_order_id = v_po where id = any (v_group.alerts);
    perform set_config('private.posting', v_posting, true);
  end loop;

  -- Tell the buyers: in the app, and by e-mail through the outbox (once per alert and person).
  for v_alert in select * from public.reorder_alerts where id = any (v_new) loop
    select * into v_product from public.products where id = v_alert.product_id;
    select * into v_warehouse from public.warehouses where id = v_alert.warehouse_id;
    for v_buyer in
      select m.user_id, pr.email from public.memberships m join public.profiles pr on pr.id = m.user_id
      where m.org_id = v_alert.org_id and m.role in ('owner', 'admin', 'manager', 'accountant')
    loop
      perform private.notify(v_alert.org_id, v_buyer.user_id, 'reorder_alert',
        format('Reorder %s (%s)', v_product.name, v_product.sku),
        format('%s available in %s (%s)%s', v_alert.available_at_open::float8, v_warehouse.name,
          case when v_alert.production_demand_at_open > 0
            then format('production needs %s, reorder point %s', v_alert.production_demand_at_open::float8,
              v_alert.reorder_point::float8)
            else format('reorder point %s', v_alert.reorder_point::float8) end,
          case when v_alert.purchase_order_id is not null then '; a draft purchase order is ready' else '' end),
        '/inventory/alerts', jsonb_build_object('alert_id', v_alert.id, 'purchase_order_id', v_alert.purchase_order_id));
      if v_buyer.email is not null and v_buyer.email ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
        perform private.enqueue_email(v_alert.org_id, v_buyer.email,
          format('Reorder %s (%s): %s available in %s', v_product.name, v_product.sku, v_alert.available_at_open::float8, v_warehouse.name),
          format(E'Available stock of %s (%s) in %s is %s, below its reorder point of %s%s.\n%s',
            v_product.name, v_product.sku, v_warehouse.name, v_alert.available_at_open::float8, v_alert.reorder_point::float8,
            case when v_alert.production_demand_at_open > 0
              then format(' once production orders take the %s they need', v_alert.production_demand_at_open::float8) else '' end,
            case when v_alert.purchase_order_id is not null
              then format('A draft purchase order for %s is waiting for your review.', v_alert.reorder_quantity::float8)
              else 'No preferred supplier is set, so no purchase order was drafted.' end),
          null, 'reorder_alert', '[]', format('reorder-alert:%s:%s', v_alert.id, v_buyer.user_id));
      end if;
    end loop;
    return next v_alert;
  end loop;
end;
$$;

-- Stock changes: close alerts whose projection (available − production demand) recovered;
-- call the webhook when it crosses below the reorder point (0 without a rule, where only
-- production demand can make an alert due).
create or replace function private.stock_levels_reorder_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_point numeric;
  v_demand numeric;
begin
  select r.reorder_point into v_point from public.reorder_rules r
    where r.product_id = new.product_id and r.warehouse_id = new.warehouse_id;
  v_demand := private.production_demand(new.product_id, new.warehouse_id);
  if v_point is null then
    if v_demand = 0 and not exists (select 1 from public.reorder_alerts a
                                    where a.product_id = new.product_id and a.warehouse_id = new.warehouse_id
                                      and a.status = 'open') then
      return null;
    end if;
    v_point := 0;
  end if;
  if new.available - v_demand >= v_point then
    update public.reorder_alerts a set status = 'closed', closed_at = now(), close_reason = 'stock_recovered'
      where a.product_id = new.product_id and a.warehouse_id = new.warehouse_id and a.status = 'open';
  -- A fresh level row (version 0) counts as coming from above the reorder point.
  elsif old.available - v_demand >= v_point or old.version = 0 then
    perform private.invoke_edge_function('reorder-alerts',
      jsonb_build_object('org_id', new.org_id, 'product_id', new.product_id, 'warehouse_id', new.warehouse_id));
  end if;
  return null;
end;
$$;

revoke all on function private.seed_labour_absorbed_account(uuid), private.organizations_seed_labour_account(),
  private.production_demand(uuid, uuid), private.production_orders_defaults(), private.production_orders_guard(),
  private.refresh_component_alerts(uuid, uuid[], uuid), private.production_orders_plan_components(),
  private.production_order_components_guard(), private.production_orders_release_demand(),
  private.production_order_for_action(uuid, uuid, text),
  private.set_production_order_labour_cost(uuid, numeric)
  from public;
revoke execute on function
  public.plan_production_order(uuid, uuid, numeric, uuid, uuid, date, uuid, text),
  public.start_production_order(uuid, uuid),
  public.complete_production_order(uuid, uuid, numeric, numeric, date),
  public.cancel_production_order(uuid, uuid)
  from public, anon;
grant execute on function
  public.plan_production_order(uuid, uuid, numeric, uuid, uuid, date, uuid, text),
  public.start_production_order(uuid, uuid),
  public.complete_production_order(uuid, uuid, numeric, numeric, date),
  public.cancel_production_order(uuid, uuid)
  to authenticated;

-- Policies (DESIGN.md "Manufacturing"): owners, admins, managers and warehouse staff
-- write production orders; sales, accountants and viewers read; support sees nothing.
-- Components are written only by the actions above.
create policy production_orders_select on public.production_orders for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,warehouse,accountant,viewer}')));
create policy production_orders_write on public.production_orders for all to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,warehouse}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,warehouse}')));
create policy production_order_components_select on public.production_order_components for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,warehouse,accountant,viewer}')));
revoke insert, update, delete on public.production_order_components from anon, authenticated;

alter publication supabase_realtime add table public.production_orders;
