-- Reorder alerts. When a product's available stock in a warehouse (plus what is already
-- on order there) falls below its reorder point, one open alert is raised per product
-- and warehouse (a partial unique index makes a second one impossible, even when two
-- raisers run at once), buyers are notified in the app and by e-mail, and draft purchase
-- orders are drafted per preferred supplier for the reorder quantity. Alerts close
-- themselves when stock recovers or their purchase order is received.
-- The edge function reorder-alerts is the entry point: a database webhook (pg_net) calls
-- it when stock crosses below a reorder point, and pg_cron calls it on a schedule.

create type public.reorder_alert_status as enum ('open', 'closed');

create table public.reorder_alerts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  product_id uuid not null,
  warehouse_id uuid not null,
  status public.reorder_alert_status not null default 'open',
  available_at_open numeric(18, 4) not null,
  on_order_at_open numeric(18, 4) not null default 0,
  reorder_point numeric(18, 4) not null,
  reorder_quantity numeric(18, 4) not null,
  purchase_order_id uuid,
  opened_at timestamptz not null default now(),
  closed_at timestamptz,
  close_reason text check (close_reason is null or close_reason in ('stock_recovered', 'received', 'rule_removed', 'dismissed')),
  unique (org_id, id),
  foreign key (org_id, product_id) references public.products (org_id, id) on delete cascade,
  foreign key (org_id, warehouse_id) references public.warehouses (org_id, id) on delete cascade,
  foreign key (org_id, purchase_order_id) references public.purchase_orders (org_id, id) on delete set null (purchase_order_id),
  check ((status = 'closed') = (closed_at is not null and close_reason is not null))
);
alter table public.reorder_alerts enable row level security;
create unique index reorder_alerts_one_open_idx on public.reorder_alerts (product_id, warehouse_id) where status = 'open';
create index reorder_alerts_org_idx on public.reorder_alerts (org_id, status, opened_at desc);
create index reorder_alerts_po_idx on public.reorder_alerts (org_id, purchase_order_id);
create index reorder_alerts_warehouse_idx on public.reorder_alerts (org_id, warehouse_id);

create trigger reorder_alerts_audit after insert or update or delete on public.reorder_alerts
  for each row execute function private.audit_row();

-- What is already on order for a product into a warehouse (sent, not yet received).
create function private.on_order_quantity(p_product_id uuid, p_warehouse_id uuid) returns numeric
language sql stable security definer set search_path = '' as $$
  select coalesce(sum(greatest(l.quantity - l.received_quantity, 0)), 0)
  from public.purchase_order_lines l join public.purchase_orders p on p.id = l.purchase_order_id
  where l.product_id = p_product_id and p.warehouse_id = p_warehouse_id and p.status in ('sent', 'partially_received')
$$;

-- Raises the alerts that are due (optionally for one org / product / warehouse) and
-- returns the ones it opened. Called by the reorder-alerts function (service role, or
-- a buyer asking for a check now).
create function public.raise_reorder_alerts(p_org_id uuid default null, p_product_id uuid default null,
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
begin
  if (select auth.role()) is distinct from 'service_role' then
    if p_org_id is null then
      raise exception 'Choose an organisation' using errcode = '22023';
    end if;
    perform private.require_role(p_org_id, '{owner,admin,manager,accountant,warehouse}', 'check reorder points');
  end if;

  for v_alert in
    insert into public.reorder_alerts (org_id, product_id, warehouse_id, available_at_open, on_order_at_open, reorder_point, reorder_quantity)
    select r.org_id, r.product_id, r.warehouse_id, coalesce(l.available, 0), private.on_order_quantity(r.product_id, r.warehouse_id),
      r.reorder_point, r.reorder_quantity
    from public.reorder_rules r
    join public.products p on p.id = r.product_id and p.active and p.archived_at is null and p.kind <> 'service'
    left join public.stock_levels l on l.product_id = r.product_id and l.warehouse_id = r.warehouse_id
    where (p_org_id is null or r.org_id = p_org_id)
      and (p_product_id is null or r.product_id = p_product_id)
      and (p_warehouse_id is null or r.warehouse_id = p_warehouse_id)
      and coalesce(l.available, 0) + private.on_order_quantity(r.product_id, r.warehouse_id) < r.reorder_point
    order by r.product_id, r.warehouse_id
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
    perform set_config('private.posting', 'off', true);
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
        format('%s available in %s (reorder point %s)%s', v_alert.available_at_open::float8, v_warehouse.name,
          v_alert.reorder_point::float8, case when v_alert.purchase_order_id is not null then '; a draft purchase order is ready' else '' end),
        '/inventory/alerts', jsonb_build_object('alert_id', v_alert.id, 'purchase_order_id', v_alert.purchase_order_id));
      if v_buyer.email is not null and v_buyer.email ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
        perform private.enqueue_email(v_alert.org_id, v_buyer.email,
          format('Reorder %s (%s): %s available in %s', v_product.name, v_product.sku, v_alert.available_at_open::float8, v_warehouse.name),
          format(E'Available stock of %s (%s) in %s is %s, below its reorder point of %s.\n%s',
            v_product.name, v_product.sku, v_warehouse.name, v_alert.available_at_open::float8, v_alert.reorder_point::float8,
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
revoke execute on function public.raise_reorder_alerts(uuid, uuid, uuid) from public, anon;
grant execute on function public.raise_reorder_alerts(uuid, uuid, uuid) to authenticated, service_role;
revoke all on function private.on_order_quantity(uuid, uuid) from public;

-- Stock changes: close alerts whose stock recovered; call the webhook when available
-- stock crosses below a reorder point (pg_net sends it after commit).
create function private.stock_levels_reorder_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_rule public.reorder_rules;
begin
  select * into v_rule from public.reorder_rules r where r.product_id = new.product_id and r.warehouse_id = new.warehouse_id;
  if not found then
    return null;
  end if;
  if new.available >= v_rule.reorder_point then
    update public.reorder_alerts a set status = 'closed', closed_at = now(), close_reason = 'stock_recovered'
      where a.product_id = new.product_id and a.warehouse_id = new.warehouse_id and a.status = 'open';
  -- A fresh level row (version 0) counts as coming from above the reorder point.
  elsif old.available >= v_rule.reorder_point or old.version = 0 then
    perform private.invoke_edge_function('reorder-alerts',
      jsonb_build_object('org_id', new.org_id, 'product_id', new.product_id, 'warehouse_id', new.warehouse_id));
  end if;
  return null;
end;
$$;
create trigger stock_levels_reorder_check after update of on_hand, reserved on public.stock_levels
  for each row execute function private.stock_levels_reorder_check();

-- A received (or closed) purchase order closes the alerts it was drafted for.
create function private.purchase_orders_close_alerts() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status in ('received', 'closed') then
    update public.reorder_alerts a set status = 'closed', closed_at = now(), close_reason = 'received'
      where a.purchase_order_id = new.id and a.status = 'open';
  end if;
  return null;
end;
$$;
create trigger purchase_orders_close_alerts after update of status on public.purchase_orders
  for each row when (new.status is distinct from old.status) execute function private.purchase_orders_close_alerts();

-- The scheduled sweep catches anything a lost webhook missed (and rules edited without stock moving).
select cron.schedule('reorder-alerts', '*/15 * * * *', $$select private.invoke_edge_function('reorder-alerts')$$);

-- People only dismiss alerts; everything else about them is the system's.
create function private.reorder_alerts_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  -- System changes come from other triggers (depth > 1) or from raise_reorder_alerts (private.posting).
  if (select auth.role()) = 'authenticated' and pg_trigger_depth() = 1
     and coalesce(current_setting('private.posting', true), '') <> 'on' then
    if old.status <> 'open' or new.status <> 'closed' then
      raise exception 'An open alert can only be dismissed' using errcode = '42501';
    end if;
    new := old;
    new.status := 'closed';
    new.closed_at := now();
    new.close_reason := 'dismissed';
  end if;
  return new;
end;
$$;
create trigger reorder_alerts_guard before update on public.reorder_alerts
  for each row execute function private.reorder_alerts_guard();

-- Policies: every inventory reader sees alerts; buyers and warehouse staff dismiss them.
create policy reorder_alerts_select on public.reorder_alerts for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,warehouse,accountant,viewer}')));
create policy reorder_alerts_update on public.reorder_alerts for update to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,warehouse,accountant}')))
  with check (org_id in (select private.org_ids_with_role('{owner,admin,manager,warehouse,accountant}')));
revoke insert, delete on public.reorder_alerts from anon, authenticated;

alter publication supabase_realtime add table public.reorder_alerts;
