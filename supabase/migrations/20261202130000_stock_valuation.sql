-- Stock valuation: quantity and value per product (optionally one warehouse), as of a moment.
-- Every ledger row carries the unit cost it moved at (receipts their purchase cost, everything
-- else the moving average at the time), so the value at any moment is the sum of quantity ×
-- cost up to it; the figures therefore never change once a period is past. Without a moment,
-- the report is "now": current levels at the current moving-average cost, read from the
-- levels the ledger keeps (no scan of the ledger). Invoker: RLS decides what is seen.
create function public.stock_valuation(p_org_id uuid, p_as_of timestamptz default null, p_warehouse_id uuid default null)
returns table (product_id uuid, sku text, name text, uom text, quantity numeric, value numeric)
language sql stable security invoker set search_path = '' as $$
  with moved as (
    select m.product_id, sum(m.on_hand_delta) as quantity, sum(m.on_hand_delta * coalesce(m.unit_cost, 0)) as value
    from public.stock_movements m
    where p_as_of is not null and m.org_id = p_org_id and m.created_at <= p_as_of
      and (p_warehouse_id is null or m.warehouse_id = p_warehouse_id)
    group by m.product_id
  ),
  current as (
    select l.product_id, sum(l.on_hand) as quantity, sum(l.on_hand * p.cost) as value
    from public.stock_levels l join public.products p on p.id = l.product_id
    where p_as_of is null and l.org_id = p_org_id and (p_warehouse_id is null or l.warehouse_id = p_warehouse_id)
    group by l.product_id
  ),
  lines as (select * from moved union all select * from current)
  select p.id, p.sku, p.name, p.uom, x.quantity, round(x.value, 2)
  from lines x join public.products p on p.id = x.product_id
  where x.quantity <> 0 or x.value <> 0
  order by p.sku
$$;
revoke execute on function public.stock_valuation(uuid, timestamptz, uuid) from public, anon;
grant execute on function public.stock_valuation(uuid, timestamptz, uuid) to authenticated;
