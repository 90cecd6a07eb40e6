-- On-time delivery per warehouse and day, for the inventory dashboard (issue 10): the posted
-- deliveries whose order has a promised date and those delivered on or before it, as
-- public.delivery_punctuality (20261202170600) lists them one by one, without joining a year of
-- deliveries to their orders on every call.
--
-- Kept by row triggers: a delivery counts once posted (on its delivery_date, in its warehouse, at
-- its order's promised date) and would leave if it stopped being posted or were deleted; a change
-- of an order's promised date (confirmed orders do not change, but the table stays exact anyway)
-- moves its posted deliveries between on time and late. Deliveries are posted under the
-- (org, fiscal year, DEL) counter lock and a (warehouse, day) row only receives deliveries of that
-- day, hence of that fiscal year: no new lock waits. private.rebuild_delivery_punctuality_daily(org)
-- recomputes an organisation's rows (the backfill below; bulk loads that switch row triggers off
-- call it afterwards). Read like deliveries (every member); written only by the triggers.

create table public.delivery_punctuality_daily (
  org_id uuid not null references public.organizations (id) on delete cascade,
  warehouse_id uuid not null,
  day date not null,
  deliveries int not null default 0,
  on_time int not null default 0,
  primary key (warehouse_id, day),
  foreign key (org_id, warehouse_id) references public.warehouses (org_id, id) on delete cascade
);
alter table public.delivery_punctuality_daily enable row level security;
create index delivery_punctuality_daily_org_day_idx on public.delivery_punctuality_daily (org_id, day)
  include (warehouse_id, deliveries, on_time);

create policy delivery_punctuality_daily_select on public.delivery_punctuality_daily for select to authenticated
  using (org_id in (select private.user_org_ids()));
revoke insert, update, delete, truncate on public.delivery_punctuality_daily from anon, authenticated;

create function private.add_delivery_punctuality(p_org_id uuid, p_warehouse_id uuid, p_day date, p_promised date,
  p_sign int) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if p_promised is null then
    return;
  end if;
  insert into public.delivery_punctuality_daily as d (org_id, warehouse_id, day, deliveries, on_time)
  values (p_org_id, p_warehouse_id, p_day, p_sign, p_sign * (p_day <= p_promised)::int)
  on conflict (warehouse_id, day) do update
    set deliveries = d.deliveries + excluded.deliveries, on_time = d.on_time + excluded.on_time;
end;
$$;

create function private.deliveries_to_punctuality() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.status = 'posted'
     and exists (select 1 from public.organizations o where o.id = old.org_id) then
    perform private.add_delivery_punctuality(old.org_id, old.warehouse_id, old.delivery_date,
      (select s.promised_date from public.sales_orders s where s.id = old.sales_order_id), -1);
  end if;
  if tg_op = 'UPDATE' and new.status = 'posted' then
    perform private.add_delivery_punctuality(new.org_id, new.warehouse_id, new.delivery_date,
      (select s.promised_date from public.sales_orders s where s.id = new.sales_order_id), 1);
  end if;
  return null;
end;
$$;
create trigger deliveries_punctuality after update on public.deliveries
  for each row
  when ((old.status = 'posted' or new.status = 'posted') and (old.status is distinct from new.status
    or old.delivery_date is distinct from new.delivery_date or old.warehouse_id is distinct from new.warehouse_id
    or old.sales_order_id is distinct from new.sales_order_id))
  execute function private.deliveries_to_punctuality();
create trigger deliveries_punctuality_delete after delete on public.deliveries
  for each row when (old.status = 'posted') execute function private.deliveries_to_punctuality();

create function private.sales_orders_to_punctuality() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_delivery record;
begin
  for v_delivery in
    select d.org_id, d.warehouse_id, d.delivery_date from public.deliveries d
    where d.org_id = new.org_id and d.sales_order_id = new.id and d.status = 'posted'
  loop
    perform private.add_delivery_punctuality(v_delivery.org_id, v_delivery.warehouse_id, v_delivery.delivery_date,
      old.promised_date, -1);
    perform private.add_delivery_punctuality(v_delivery.org_id, v_delivery.warehouse_id, v_delivery.delivery_date,
      new.promised_date, 1);
  end loop;
  return null;
end;
$$;
create trigger sales_orders_punctuality after update of promised_date on public.sales_orders
  for each row when (old.promised_date is distinct from new.promised_date)
  execute function private.sales_orders_to_punctuality();

create function private.rebuild_delivery_punctuality_daily(p_org_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  delete from public.delivery_punctuality_daily p where p.org_id = p_org_id;
  insert into public.delivery_punctuality_daily (org_id, warehouse_id, day, deliveries, on_time)
  select d.org_id, d.warehouse_id, d.delivery_date, count(*), count(*) filter (where d.delivery_date <= s.promised_date)
  from public.deliveries d join public.sales_orders s on s.id = d.sales_order_id
  where d.org_id = p_org_id and d.status = 'posted' and s.promised_date is not null
  group by 1, 2, 3;
end;
$$;

revoke all on function private.add_delivery_punctuality(uuid, uuid, date, date, int), private.deliveries_to_punctuality(),
  private.sales_orders_to_punctuality(), private.rebuild_delivery_punctuality_daily(uuid) from public;

select private.rebuild_delivery_punctuality_daily(o.id) from public.organizations o;
