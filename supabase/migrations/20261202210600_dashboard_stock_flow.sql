-- Goods received and shipped per product, warehouse and UTC day, and the stock's value, receipts
-- and shipments per product, warehouse and month, for the inventory dashboard (issue 10): the
-- cost of goods shipped, received/shipped quantities per period, the products shipped most and the
-- stock's value at the end of any day and on average over a range, without reading the stock
-- ledger (1M+ rows) nor every day of its history. The days are the UTC days of
-- stock_daily_balances (20261202140000), which holds the value moved per day; stock_monthly adds
-- it up per month (with the value × day moment, so the mean of the daily values over a range can
-- be computed from whole months: see inventory_kpis), so a year's figures read about 12 rows per
-- product and warehouse plus the days of the months at the range's ends.
--
-- received = on-hand quantity of 'receipt' movements; shipped = quantity of 'shipment' movements
-- (positive) and shipped_value their cost, quantity × the unit cost they left at (the moving
-- average, as the delivery's cost-of-sales entry posts it). Transfers, adjustments, counts,
-- returns and production are not flows in or out of the business here (they do move the value).
--
-- Kept by row triggers on the ledger (append-only), named to fire after stock_movements_level
-- (AFTER row triggers fire in name order), i.e. inside the level's queue (its advisory lock),
-- which already serialises the movements of one product and warehouse: the rows add no new waits.
-- Reservations and releases (no on-hand change) write nothing. private.rebuild_stock_flow_daily(org)
-- recomputes an organisation's rows of both tables (the backfill below; bulk loads that switch row
-- triggers off call it afterwards).
--
-- Read like the ledger (DESIGN.md section 2, "Inventory": everyone but support); written only by
-- the triggers.

create table public.stock_flow_daily (
  org_id uuid not null references public.organizations (id) on delete cascade,
  product_id uuid not null,
  warehouse_id uuid not null,
  day date not null,
  received numeric(20, 4) not null default 0,
  shipped numeric(20, 4) not null default 0,
  shipped_value numeric(24, 8) not null default 0,
  primary key (product_id, warehouse_id, day),
  foreign key (org_id, product_id) references public.products (org_id, id) on delete cascade,
  foreign key (org_id, warehouse_id) references public.warehouses (org_id, id) on delete cascade
);
alter table public.stock_flow_daily enable row level security;
create index stock_flow_daily_org_day_idx on public.stock_flow_daily (org_id, day)
  include (product_id, warehouse_id, received, shipped, shipped_value);

create policy stock_flow_daily_select on public.stock_flow_daily for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,warehouse,accountant,viewer}')));
revoke insert, update, delete, truncate on public.stock_flow_daily from anon, authenticated;

create function private.add_to_stock_flow() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.stock_flow_daily as f (org_id, product_id, warehouse_id, day, received, shipped, shipped_value)
  values (new.org_id, new.product_id, new.warehouse_id, (new.created_at at time zone 'UTC')::date,
    case when new.kind = 'receipt' then new.on_hand_delta else 0 end,
    case when new.kind = 'shipment' then -new.on_hand_delta else 0 end,
    case when new.kind = 'shipment' then -new.on_hand_delta * coalesce(new.unit_cost, 0) else 0 end)
  on conflict (product_id, warehouse_id, day) do update
    set received = f.received + excluded.received, shipped = f.shipped + excluded.shipped,
      shipped_value = f.shipped_value + excluded.shipped_value;
  return null;
end;
$$;
create trigger stock_movements_level_zz_flow after insert on public.stock_movements
  for each row when (new.kind in ('receipt', 'shipment') and new.on_hand_delta <> 0)
  execute function private.add_to_stock_flow();

create table public.stock_monthly (
  org_id uuid not null references public.organizations (id) on delete cascade,
  product_id uuid not null,
  warehouse_id uuid not null,
  month date not null check (month = date_trunc('month', month::timestamp)::date),
  -- On-hand value moved in the month (quantity × cost, as stock_daily_balances per day) and its
  -- moment: Σ value moved × (day − 2000-01-01).
  value_delta numeric(24, 8) not null default 0,
  value_moment numeric(32, 8) not null default 0,
  received numeric(20, 4) not null default 0,
  shipped numeric(20, 4) not null default 0,
  shipped_value numeric(24, 8) not null default 0,
  primary key (product_id, warehouse_id, month),
  foreign key (org_id, product_id) references public.products (org_id, id) on delete cascade,
  foreign key (org_id, warehouse_id) references public.warehouses (org_id, id) on delete cascade
);
alter table public.stock_monthly enable row level security;
create index stock_monthly_org_month_idx on public.stock_monthly (org_id, month)
  include (product_id, warehouse_id, value_delta, value_moment, received, shipped, shipped_value);

create policy stock_monthly_select on public.stock_monthly for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,warehouse,accountant,viewer}')));
revoke insert, update, delete, truncate on public.stock_monthly from anon, authenticated;

create function private.add_to_stock_monthly() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_day date := (new.created_at at time zone 'UTC')::date;
  v_value numeric := new.on_hand_delta * coalesce(new.unit_cost, 0);
begin
  insert into public.stock_monthly as m (org_id, product_id, warehouse_id, month, value_delta, value_moment,
    received, shipped, shipped_value)
  values (new.org_id, new.product_id, new.warehouse_id, date_trunc('month', v_day::timestamp)::date, v_value,
    v_value * (v_day - date '2000-01-01'),
    case when new.kind = 'receipt' then new.on_hand_delta else 0 end,
    case when new.kind = 'shipment' then -new.on_hand_delta else 0 end,
    case when new.kind = 'shipment' then -v_value else 0 end)
  on conflict (product_id, warehouse_id, month) do update
    set value_delta = m.value_delta + excluded.value_delta, value_moment = m.value_moment + excluded.value_moment,
      received = m.received + excluded.received, shipped = m.shipped + excluded.shipped,
      shipped_value = m.shipped_value + excluded.shipped_value;
  return null;
end;
$$;
create trigger stock_movements_level_zz_monthly after insert on public.stock_movements
  for each row when (new.on_hand_delta <> 0)
  execute function private.add_to_stock_monthly();

create function private.rebuild_stock_flow_daily(p_org_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  delete from public.stock_flow_daily f where f.org_id = p_org_id;
  insert into public.stock_flow_daily (org_id, product_id, warehouse_id, day, received, shipped, shipped_value)
  select m.org_id, m.product_id, m.warehouse_id, (m.created_at at time zone 'UTC')::date,
    coalesce(sum(m.on_hand_delta) filter (where m.kind = 'receipt'), 0),
    coalesce(-sum(m.on_hand_delta) filter (where m.kind = 'shipment'), 0),
    coalesce(-sum(m.on_hand_delta * coalesce(m.unit_cost, 0)) filter (where m.kind = 'shipment'), 0)
  from public.stock_movements m
  where m.org_id = p_org_id and m.kind in ('receipt', 'shipment') and m.on_hand_delta <> 0
  group by 1, 2, 3, 4;
  delete from public.stock_monthly m where m.org_id = p_org_id;
  insert into public.stock_monthly (org_id, product_id, warehouse_id, month, value_delta, value_moment, received,
    shipped, shipped_value)
  select d.org_id, d.product_id, d.warehouse_id, date_trunc('month', d.day::timestamp)::date, sum(d.value),
    sum(d.value * (d.day - date '2000-01-01')), sum(d.received), sum(d.shipped), sum(d.shipped_value)
  from (
    select m.org_id, m.product_id, m.warehouse_id, (m.created_at at time zone 'UTC')::date as day,
      sum(m.on_hand_delta * coalesce(m.unit_cost, 0)) as value,
      coalesce(sum(m.on_hand_delta) filter (where m.kind = 'receipt'), 0) as received,
      coalesce(-sum(m.on_hand_delta) filter (where m.kind = 'shipment'), 0) as shipped,
      coalesce(-sum(m.on_hand_delta * coalesce(m.unit_cost, 0)) filter (where m.kind = 'shipment'), 0) as shipped_value
    from public.stock_movements m
    where m.org_id = p_org_id and m.on_hand_delta <> 0
    group by 1, 2, 3, 4
  ) d
  group by 1, 2, 3, 4;
end;
$$;

revoke all on function private.add_to_stock_flow(), private.add_to_stock_monthly(), private.rebuild_stock_flow_daily(uuid)
  from public;

select private.rebuild_stock_flow_daily(o.id) from public.organizations o;
