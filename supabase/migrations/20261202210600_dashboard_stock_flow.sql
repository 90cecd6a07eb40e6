-- Goods received and shipped per product, warehouse and UTC day, for the inventory dashboard
-- (issue 10): the cost of goods shipped, received/shipped quantities per period and the products
-- shipped most, over any date range, without reading the stock ledger (1M+ rows). The days are the
-- UTC days of stock_daily_balances (20261202140000), which gives the stock's value per day.
--
-- received = on-hand quantity of 'receipt' movements; shipped = quantity of 'shipment' movements
-- (positive) and shipped_value their cost, quantity × the unit cost they left at (the moving
-- average, as the delivery's cost-of-sales entry posts it). Transfers, adjustments, counts,
-- returns and production are not flows in or out of the business here.
--
-- Kept by a row trigger on the ledger (append-only) for those two kinds only, named to fire after
-- stock_movements_level (AFTER row triggers fire in name order), i.e. inside the level's queue
-- (its advisory lock), which already serialises the movements of one product and warehouse: the
-- row adds no new waits. private.rebuild_stock_flow_daily(org) recomputes an organisation's rows
-- (the backfill below; bulk loads that switch row triggers off call it afterwards).
--
-- Read like the ledger (DESIGN.md section 2, "Inventory": everyone but support); written only by
-- the trigger.

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
end;
$$;

revoke all on function private.add_to_stock_flow(), private.rebuild_stock_flow_daily(uuid) from public;

select private.rebuild_stock_flow_daily(o.id) from public.organizations o;
