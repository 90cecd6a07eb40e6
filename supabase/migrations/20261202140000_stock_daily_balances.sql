-- Stock valuation as of any moment without reading the whole ledger: each movement also adds its
-- quantity and value (quantity × the cost it moved at) to one row per product, warehouse and
-- UTC day. The value at a moment is then the days before it plus that day's movements up to
-- it: a few thousand small rows and one day of the ledger instead of millions of rows.
-- Written only by the ledger's trigger (under the level's lock, which already serialises the
-- movements of one product and warehouse), read like the ledger.

create table public.stock_daily_balances (
  org_id uuid not null references public.organizations (id) on delete cascade,
  product_id uuid not null,
  warehouse_id uuid not null,
  day date not null,
  quantity_delta numeric(18, 4) not null default 0,
  value_delta numeric(24, 8) not null default 0,
  primary key (product_id, warehouse_id, day),
  foreign key (org_id, product_id) references public.products (org_id, id) on delete cascade,
  foreign key (org_id, warehouse_id) references public.warehouses (org_id, id) on delete cascade
);
alter table public.stock_daily_balances enable row level security;
create index stock_daily_balances_org_day_idx on public.stock_daily_balances (org_id, day);

create policy stock_daily_balances_select on public.stock_daily_balances for select to authenticated
  using (org_id in (select private.org_ids_with_role('{owner,admin,manager,sales,warehouse,accountant,viewer}')));
revoke insert, update, delete on public.stock_daily_balances from anon, authenticated;

create function private.add_to_daily_balance() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.on_hand_delta <> 0 then
    insert into public.stock_daily_balances as b (org_id, product_id, warehouse_id, day, quantity_delta, value_delta)
    values (new.org_id, new.product_id, new.warehouse_id, (new.created_at at time zone 'UTC')::date,
      new.on_hand_delta, new.on_hand_delta * coalesce(new.unit_cost, 0))
    on conflict (product_id, warehouse_id, day) do update
      set quantity_delta = b.quantity_delta + excluded.quantity_delta, value_delta = b.value_delta + excluded.value_delta;
  end if;
  return null;
end;
$$;
create trigger stock_movements_daily_balance after insert on public.stock_movements
  for each row execute function private.add_to_daily_balance();

insert into public.stock_daily_balances (org_id, product_id, warehouse_id, day, quantity_delta, value_delta)
select m.org_id, m.product_id, m.warehouse_id, (m.created_at at time zone 'UTC')::date,
  sum(m.on_hand_delta), sum(m.on_hand_delta * coalesce(m.unit_cost, 0))
from public.stock_movements m where m.on_hand_delta <> 0
group by 1, 2, 3, 4;

-- plpgsql with EXECUTE so each call is planned with its moment: the day's ledger rows are found
-- through the (org_id, created_at) index, which a generic plan does not dare to use.
create or replace function public.stock_valuation(p_org_id uuid, p_as_of timestamptz default null, p_warehouse_id uuid default null)
returns table (product_id uuid, sku text, name text, uom text, quantity numeric, value numeric)
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_day date := (p_as_of at time zone 'UTC')::date;
  v_day_start timestamptz := (p_as_of at time zone 'UTC')::date::timestamp at time zone 'UTC';
begin
  return query execute $q$
    with moved as (
      select b.product_id, b.quantity_delta as quantity, b.value_delta as value
      from public.stock_daily_balances b
      where $2 is not null and b.org_id = $1 and b.day < $4 and ($3::uuid is null or b.warehouse_id = $3)
      union all
      select m.product_id, m.on_hand_delta, m.on_hand_delta * coalesce(m.unit_cost, 0)
      from public.stock_movements m
      where $2 is not null and m.org_id = $1 and m.created_at >= $5 and m.created_at <= $2
        and ($3::uuid is null or m.warehouse_id = $3)
    ),
    current as (
      select l.product_id, l.on_hand as quantity, l.on_hand * p.cost as value
      from public.stock_levels l join public.products p on p.id = l.product_id
      where $2 is null and l.org_id = $1 and ($3::uuid is null or l.warehouse_id = $3)
    ),
    totals as (
      select x.product_id, sum(x.quantity) as quantity, sum(x.value) as value
      from (select * from moved union all select * from current) x
      group by x.product_id
    )
    select p.id, p.sku, p.name, p.uom, t.quantity, round(t.value, 2)
    from totals t join public.products p on p.id = t.product_id
    where t.quantity <> 0 or round(t.value, 2) <> 0
    order by p.sku
  $q$ using p_org_id, p_as_of, p_warehouse_id, v_day, v_day_start;
end;
$$;
