-- Dashboard RPCs for finance, inventory and customers (issue 10). Each answers one JSON document
-- whose shape is fixed by src/features/dashboards/schemas/kpis.ts; money in the org's base
-- currency rounded to cents, ratios as fractions rounded to 4 places (null where the denominator
-- is zero), day counts to 1 place. Series have one entry per bucket, empty ones with zeros:
-- per day up to 31 days, per ISO week (starting Monday) up to 183, else per month; `period` is the
-- bucket's first day, so the first bucket may start before p_from (its figures still only count
-- days of the range). Every figure reads a summary table kept by triggers, never the millions of
-- ledger or document lines: gl_daily_balances (20261202190000), stock_daily_balances
-- (20261202140000), sales_account_daily / sales_product_daily (20261202210500), stock_flow_daily
-- and stock_monthly (20261202210600) and delivery_punctuality_daily (20261202210650).
--
-- Security invoker (RLS still filters every read) plus explicit checks: someone who is not a member
-- of the org gets "not found" (P0002), a member whose role may not read the area gets 42501.
-- finance_kpis and customer_kpis: the finance readers (owner, admin, manager, accountant, viewer:
-- private.require_finance_reader, as the GL reports); inventory_kpis: the stock-ledger readers
-- (everyone but support), with supplier_on_time null for roles that do not read purchasing.

-- Checks the range (both ends, start not after end, at most ten years) and picks the bucket size.
create function private.erp_dashboard_bucket(p_from date, p_to date) returns text
language plpgsql immutable set search_path = '' as $$
begin
  perform private.check_report_range(p_from, p_to);
  if p_to - p_from + 1 > 3660 then
    raise exception 'Choose a range of at most ten years' using errcode = '22023';
  end if;
  return case when p_to - p_from + 1 <= 31 then 'day' when p_to - p_from + 1 <= 183 then 'week' else 'month' end;
end;
$$;

-- The first day of every bucket that overlaps the range.
create function private.erp_dashboard_periods(p_from date, p_to date, p_bucket text) returns setof date
language sql immutable set search_path = '' as $$
  select g::date from generate_series(date_trunc(p_bucket, p_from::timestamp), p_to::timestamp,
    ('1 ' || p_bucket)::interval) g
$$;

revoke all on function private.erp_dashboard_bucket(date, date), private.erp_dashboard_periods(date, date, text) from public;
grant execute on function private.erp_dashboard_bucket(date, date), private.erp_dashboard_periods(date, date, text)
  to authenticated, service_role;

-- Finance, from the posted ledger and documents:
--  revenue: every income account, credit − debit over the range = the P&L's total income;
--  cost_of_sales: the cost-of-goods-sold account (role 'cogs') and expense accounts filed under it
--    (parent_id, any depth), debit − credit = their lines in the P&L;
--  receivables / payables: the balance sheet as of p_to of the receivable account (debit − credit)
--    and of the payable account (credit − debit). Against the aging as of p_to: receivables =
--    ar_aging's total_due less the credit notes not yet used (they sit in the receivable account;
--    unapplied payments sit in customer credits instead), payables = ap_aging's total_due less the
--    supplier advances (unapplied_credit, which are debits on the payable account); foreign-currency
--    documents can differ by rounding cents, manual entries on those accounts by their amount;
--  dso_days = receivables ÷ revenue × days in range, dpo_days = payables ÷ cost of sales × days
--    (null when the denominator is zero or negative);
--  overdue: posted invoices (kind invoice) due before p_to that still owed something at the end of
--    p_to (what they owe now plus what was allocated to them after p_to, as the aging computes it),
--    balance in base currency at the invoice's rate; the list: the 10 most days overdue, then the
--    largest balance;
--  top_accounts / top_products: net invoiced in the range (invoices less credit notes, net of tax,
--    base currency) per customer with its invoice count / per product with its quantity, the 10
--    largest with a positive net.
create function public.finance_kpis(p_org_id uuid, p_from date, p_to date) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_bucket text;
  v_days int;
  v_currency text;
  v_cos uuid[];
  v_revenue numeric;
  v_cost numeric;
  v_series jsonb;
  v_receivables numeric;
  v_payables numeric;
  v_overdue_count int;
  v_overdue_amount numeric;
  v_overdue jsonb;
  v_top_accounts jsonb;
  v_top_products jsonb;
begin
  perform private.require_finance_reader(p_org_id);
  v_bucket := private.erp_dashboard_bucket(p_from, p_to);
  v_days := p_to - p_from + 1;
  select o.base_currency into v_currency from public.organizations o where o.id = p_org_id;

  with recursive cos as (
    select a.id from public.gl_accounts a where a.org_id = p_org_id and a.role = 'cogs'
    union
    select a.id from public.gl_accounts a join cos c on a.parent_id = c.id
    where a.org_id = p_org_id and a.type = 'expense'
  )
  select coalesce(array_agg(c.id), '{}') into v_cos from cos c;

  with moves as (
    select date_trunc(v_bucket, b.day::timestamp)::date as period,
      coalesce(sum(b.credit - b.debit) filter (where a.type = 'income'), 0) as revenue,
      coalesce(sum(b.debit - b.credit) filter (where a.id = any (v_cos)), 0) as cost
    from public.gl_daily_balances b join public.gl_accounts a on a.id = b.gl_account_id
    where b.org_id = p_org_id and b.day between p_from and p_to and (a.type = 'income' or a.id = any (v_cos))
    group by 1
  )
  select coalesce(sum(m.revenue), 0), coalesce(sum(m.cost), 0),
    jsonb_agg(jsonb_build_object('period', p.period, 'revenue', round(coalesce(m.revenue, 0), 2),
      'cost_of_sales', round(coalesce(m.cost, 0), 2),
      'gross_margin', round(coalesce(m.revenue, 0) - coalesce(m.cost, 0), 2)) order by p.period)
  into v_revenue, v_cost, v_series
  from private.erp_dashboard_periods(p_from, p_to, v_bucket) p(period)
  left join moves m on m.period = p.period;

  select coalesce(sum(b.debit - b.credit) filter (where a.role = 'receivable'), 0),
    coalesce(sum(b.credit - b.debit) filter (where a.role = 'payable'), 0)
  into v_receivables, v_payables
  from public.gl_daily_balances b join public.gl_accounts a on a.id = b.gl_account_id
  where b.org_id = p_org_id and b.day <= p_to and a.org_id = p_org_id and a.role in ('receivable', 'payable');

  with later as (
    select a.invoice_id, sum(a.amount) as amount from public.payment_allocations a
    where a.org_id = p_org_id and a.document_date <= p_to and a.allocated_on > p_to and a.invoice_id is not null
    group by a.invoice_id
  ),
  open_docs as (
    select i.id, i.number, i.account_id, i.due_date, i.exchange_rate,
      i.total - i.amount_paid + coalesce(l.amount, 0) as open_amount
    from public.invoices i left join later l on l.invoice_id = i.id
    where i.org_id = p_org_id and i.status = 'posted' and i.amount_paid < i.total and i.kind = 'invoice'
      and i.invoice_date <= p_to and i.due_date < p_to
    union all
    select i.id, i.number, i.account_id, i.due_date, i.exchange_rate, i.total - i.amount_paid + l.amount
    from later l join public.invoices i on i.id = l.invoice_id
    where i.status = 'posted' and i.amount_paid >= i.total and i.kind = 'invoice' and i.invoice_date <= p_to
      and i.due_date < p_to
  ),
  overdue as (
    select d.id, d.number, d.account_id, d.due_date, p_to - d.due_date as days_overdue,
      round(d.open_amount * d.exchange_rate, 2) as balance
    from open_docs d where d.open_amount > 0
  ),
  top as (
    select o.* from overdue o order by o.days_overdue desc, o.balance desc, o.number limit 10
  )
  select (select count(*) from overdue), (select coalesce(sum(o.balance), 0) from overdue o),
    coalesce((select jsonb_agg(jsonb_build_object('invoice_id', t.id, 'number', t.number, 'account_id', t.account_id,
        'account_name', c.name, 'due_date', t.due_date, 'days_overdue', t.days_overdue, 'balance', t.balance)
        order by t.days_overdue desc, t.balance desc, t.number)
      from top t join public.accounts c on c.id = t.account_id), '[]')
  into v_overdue_count, v_overdue_amount, v_overdue;

  with sums as (
    select s.account_id, sum(s.net_base) as revenue, sum(s.invoices) as invoices
    from public.sales_account_daily s
    where s.org_id = p_org_id and s.day between p_from and p_to
    group by s.account_id
    having sum(s.net_base) > 0
    order by 2 desc, 1
    limit 10
  )
  select coalesce(jsonb_agg(jsonb_build_object('account_id', s.account_id, 'name', c.name, 'revenue', s.revenue,
    'invoices', s.invoices) order by s.revenue desc, s.account_id), '[]')
  into v_top_accounts
  from sums s join public.accounts c on c.id = s.account_id;

  with sums as (
    select s.product_id, sum(s.net_base) as revenue, sum(s.quantity) as quantity
    from public.sales_product_daily s
    where s.org_id = p_org_id and s.day between p_from and p_to
    group by s.product_id
    having sum(s.net_base) > 0
    order by 2 desc, 1
    limit 10
  )
  select coalesce(jsonb_agg(jsonb_build_object('product_id', s.product_id, 'name', p.name, 'sku', p.sku,
    'quantity', s.quantity, 'revenue', s.revenue) order by s.revenue desc, s.product_id), '[]')
  into v_top_products
  from sums s join public.products p on p.id = s.product_id;

  return jsonb_build_object(
    'currency', v_currency,
    'bucket', v_bucket,
    'revenue', round(v_revenue, 2),
    'cost_of_sales', round(v_cost, 2),
    'gross_margin', round(v_revenue - v_cost, 2),
    'gross_margin_pct', case when v_revenue <> 0 then round((v_revenue - v_cost) / v_revenue, 4) end,
    'receivables', round(v_receivables, 2),
    'payables', round(v_payables, 2),
    'dso_days', case when v_revenue > 0 then round(v_receivables / v_revenue * v_days, 1) end,
    'dpo_days', case when v_cost > 0 then round(v_payables / v_cost * v_days, 1) end,
    'overdue_count', v_overdue_count,
    'overdue_amount', v_overdue_amount,
    'series', v_series,
    'top_accounts', v_top_accounts,
    'top_products', v_top_products,
    'overdue_invoices', v_overdue);
end;
$$;

-- Inventory, optionally for one warehouse. Stock days are UTC days (as the ledger's daily balances
-- keep them):
--  inventory_value: the stock valuation at the end of p_to (UTC), i.e. what stock_valuation shows
--    as of p_to 23:59:59.999999 UTC: per product, quantity × the cost each movement moved at,
--    rounded to cents, summed;
--  average_inventory_value: the mean over the days of the range of the value at each day's end;
--  cost_of_goods_shipped: cost of the shipment movements in the range (the deliveries' cost of
--    sales); turnover = that ÷ average value; days_inventory_outstanding = days ÷ turnover (both null
--    unless the average value and the cost are positive);
--  stockouts (now): stock_levels rows with available <= 0 whose product is stocked
--    (kind 'stocked'), active and not archived; i.e. the stock page's rows with
--    available <= 0 and product.kind = 'stocked' and product.active and product.archived_at is null
--    (a level exists once anything moved for that product and warehouse); the 20 lowest listed;
--  below_reorder (now): stock_levels rows of active, not archived products that have a reorder rule
--    for that product and warehouse and whose available < the rule's reorder_point (on order does
--    not count here, unlike the alerts);
--  customer_on_time: posted deliveries dated in the range whose order has a promised date, and those
--    delivered on or before it (public.delivery_punctuality, counted per day in
--    delivery_punctuality_daily);
--  supplier_on_time: posted goods receipts dated in the range whose purchase order has an expected
--    date, and those received on or before it (public.supplier_performance); null for roles that
--    do not read purchasing;
--  movement_series / top_products: quantities received ('receipt') and shipped ('shipment') per
--    bucket; the 10 products shipped most in the range with the cost they left at.
create function public.inventory_kpis(p_org_id uuid, p_from date, p_to date, p_warehouse_id uuid default null)
returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_bucket text;
  v_days int;
  v_currency text;
  v_value numeric;
  v_average numeric;
  v_cogs numeric;
  v_series jsonb;
  v_top_products jsonb;
  v_stockouts int;
  v_stockout_items jsonb;
  v_below int;
  v_customer jsonb;
  v_supplier jsonb;
  v_full_from date;
  v_full_until date;
begin
  if p_org_id is null or not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  if not private.has_role(p_org_id, '{owner,admin,manager,sales,warehouse,accountant,viewer}') then
    raise exception 'Your role may not read the inventory figures'
      using errcode = '42501', hint = 'Everyone but support reads them.';
  end if;
  v_bucket := private.erp_dashboard_bucket(p_from, p_to);
  v_days := p_to - p_from + 1;
  if p_warehouse_id is not null
     and not exists (select 1 from public.warehouses w where w.id = p_warehouse_id and w.org_id = p_org_id) then
    raise exception 'Warehouse not found' using errcode = 'P0002';
  end if;
  select o.base_currency into v_currency from public.organizations o where o.id = p_org_id;

  -- The value at the end of a day D is everything moved up to D: the whole months before D's month
  -- (stock_monthly) plus the days of D's month (stock_daily_balances). The sum of the end-of-day
  -- values over the range a…b is (b − a + 1) × value(a − 1) plus, for each day r of the range,
  -- its movement × (b + 1 − r) = (b + 1 − E) × movement − movement × (r − E), E = 2000-01-01: whole
  -- months inside the range come from their monthly sums and moments, the range's partial months
  -- from their days.
  v_full_from := case when p_from = date_trunc('month', p_from::timestamp)::date then p_from
                      else (date_trunc('month', p_from::timestamp) + interval '1 month')::date end;
  v_full_until := date_trunc('month', (p_to + 1)::timestamp)::date;
  select coalesce(sum(round(x.value_to, 2)), 0),
    round((v_days * coalesce(sum(x.value_before), 0) + (p_to + 1 - date '2000-01-01') * coalesce(sum(x.moved), 0)
      - coalesce(sum(x.moment), 0)) / v_days, 2)
  into v_value, v_average
  from (
    select u.product_id, sum(u.value_to) as value_to, sum(u.value_before) as value_before, sum(u.moved) as moved,
      sum(u.moment) as moment
    from (
      select m.product_id, m.value_delta as value_to, 0 as value_before, 0 as moved, 0 as moment
      from public.stock_monthly m
      where m.org_id = p_org_id and m.month < date_trunc('month', p_to::timestamp)::date
        and (p_warehouse_id is null or m.warehouse_id = p_warehouse_id)
      union all
      select b.product_id, b.value_delta, 0, 0, 0
      from public.stock_daily_balances b
      where b.org_id = p_org_id and b.day between date_trunc('month', p_to::timestamp)::date and p_to
        and (p_warehouse_id is null or b.warehouse_id = p_warehouse_id)
      union all
      select m.product_id, 0, m.value_delta, 0, 0
      from public.stock_monthly m
      where m.org_id = p_org_id and m.month < date_trunc('month', (p_from - 1)::timestamp)::date
        and (p_warehouse_id is null or m.warehouse_id = p_warehouse_id)
      union all
      select b.product_id, 0, b.value_delta, 0, 0
      from public.stock_daily_balances b
      where b.org_id = p_org_id and b.day between date_trunc('month', (p_from - 1)::timestamp)::date and p_from - 1
        and (p_warehouse_id is null or b.warehouse_id = p_warehouse_id)
      union all
      select m.product_id, 0, 0, m.value_delta, m.value_moment
      from public.stock_monthly m
      where m.org_id = p_org_id and m.month >= v_full_from and m.month < v_full_until
        and (p_warehouse_id is null or m.warehouse_id = p_warehouse_id)
      union all
      select b.product_id, 0, 0, b.value_delta, b.value_delta * (b.day - date '2000-01-01')
      from public.stock_daily_balances b
      where b.org_id = p_org_id and b.day between p_from and p_to and (b.day < v_full_from or b.day >= v_full_until)
        and (p_warehouse_id is null or b.warehouse_id = p_warehouse_id)
    ) u
    group by u.product_id
  ) x;

  -- Flows: by month, whole months from stock_monthly and the partial ones from their days; by day
  -- or week (ranges up to 183 days), from the days.
  with flows as (
    select m.product_id, m.month as period, m.received, m.shipped, m.shipped_value
    from public.stock_monthly m
    where v_bucket = 'month' and m.org_id = p_org_id and m.month >= v_full_from and m.month < v_full_until
      and (p_warehouse_id is null or m.warehouse_id = p_warehouse_id)
      and (m.received <> 0 or m.shipped <> 0)
    union all
    select f.product_id, date_trunc(v_bucket, f.day::timestamp)::date, f.received, f.shipped, f.shipped_value
    from public.stock_flow_daily f
    where f.org_id = p_org_id and f.day between p_from and p_to
      and (v_bucket <> 'month' or f.day < v_full_from or f.day >= v_full_until)
      and (p_warehouse_id is null or f.warehouse_id = p_warehouse_id)
  ),
  per_period as (
    select f.period, sum(f.received) as received, sum(f.shipped) as shipped, sum(f.shipped_value) as shipped_value
    from flows f group by f.period
  ),
  per_product as (
    select f.product_id, sum(f.shipped) as shipped, sum(f.shipped_value) as value
    from flows f group by f.product_id
    having sum(f.shipped) > 0
    order by 2 desc, 1
    limit 10
  )
  select
    (select coalesce(sum(m.shipped_value), 0) from per_period m),
    (select jsonb_agg(jsonb_build_object('period', p.period, 'received', coalesce(m.received, 0),
        'shipped', coalesce(m.shipped, 0)) order by p.period)
     from private.erp_dashboard_periods(p_from, p_to, v_bucket) p(period) left join per_period m on m.period = p.period),
    (select coalesce(jsonb_agg(jsonb_build_object('product_id', t.product_id, 'sku', p.sku, 'name', p.name,
        'shipped', t.shipped, 'value', round(t.value, 2)) order by t.shipped desc, t.product_id), '[]')
     from per_product t join public.products p on p.id = t.product_id)
  into v_cogs, v_series, v_top_products;
  v_cogs := round(v_cogs, 2);

  with outs as (
    select l.product_id, p.sku, p.name, l.warehouse_id, w.name as warehouse_name, l.on_hand, l.reserved, l.available
    from public.stock_levels l
    join public.products p on p.id = l.product_id
    join public.warehouses w on w.id = l.warehouse_id
    where l.org_id = p_org_id and (p_warehouse_id is null or l.warehouse_id = p_warehouse_id)
      and l.available <= 0 and p.kind = 'stocked' and p.active and p.archived_at is null
  )
  select count(*),
    coalesce((select jsonb_agg(jsonb_build_object('product_id', t.product_id, 'sku', t.sku, 'name', t.name,
        'warehouse_id', t.warehouse_id, 'warehouse_name', t.warehouse_name, 'on_hand', t.on_hand,
        'reserved', t.reserved, 'available', t.available) order by t.available, t.sku, t.warehouse_name)
      from (select * from outs o order by o.available, o.sku, o.warehouse_name limit 20) t), '[]')
  into v_stockouts, v_stockout_items
  from outs;

  select count(*) into v_below
  from public.stock_levels l
  join public.reorder_rules r on r.product_id = l.product_id and r.warehouse_id = l.warehouse_id
  join public.products p on p.id = l.product_id
  where l.org_id = p_org_id and (p_warehouse_id is null or l.warehouse_id = p_warehouse_id)
    and p.active and p.archived_at is null and l.available < r.reorder_point;

  select jsonb_build_object('deliveries', coalesce(sum(p.deliveries), 0), 'on_time', coalesce(sum(p.on_time), 0),
    'rate', case when sum(p.deliveries) > 0 then round(sum(p.on_time)::numeric / sum(p.deliveries), 4) end)
  into v_customer
  from public.delivery_punctuality_daily p
  where p.org_id = p_org_id and p.day between p_from and p_to
    and (p_warehouse_id is null or p.warehouse_id = p_warehouse_id);

  if private.has_role(p_org_id, '{owner,admin,manager,accountant,warehouse,viewer}') then
    select jsonb_build_object('receipts', count(*), 'on_time', count(*) filter (where g.received_date <= o.expected_date),
      'rate', case when count(*) > 0
        then round((count(*) filter (where g.received_date <= o.expected_date))::numeric / count(*), 4) end)
    into v_supplier
    from public.goods_receipts g join public.purchase_orders o on o.id = g.purchase_order_id
    where g.org_id = p_org_id and g.status = 'posted' and g.received_date between p_from and p_to
      and (p_warehouse_id is null or g.warehouse_id = p_warehouse_id) and o.expected_date is not null;
  end if;

  return jsonb_build_object(
    'currency', v_currency,
    'bucket', v_bucket,
    'inventory_value', v_value,
    'average_inventory_value', v_average,
    'cost_of_goods_shipped', v_cogs,
    'turnover', case when v_average > 0 and v_cogs > 0 then round(v_cogs / v_average, 4) end,
    'days_inventory_outstanding', case when v_average > 0 and v_cogs > 0 then round(v_days * v_average / v_cogs, 1) end,
    'stockouts', v_stockouts,
    'below_reorder', v_below,
    'stockout_items', v_stockout_items,
    'customer_on_time', v_customer,
    'supplier_on_time', v_supplier,
    'movement_series', v_series,
    'top_products', v_top_products);
end;
$$;

-- Customers are accounts with a posted invoice (kind invoice), from sales_account_daily:
--  active: invoiced in the range; previous_active: invoiced in the previous period of the same
--    length (the days just before p_from); churned: previous but not active; new_customers: first
--    invoice ever in the range; churn_rate = churned ÷ previous_active;
--  lifetime_value: net invoiced (invoices less credit notes, net of tax, base currency) up to p_to ÷
--    the customers invoiced by then; top_lifetime: the 10 customers with the largest net up to p_to,
--    with the date of their first invoice.
create function public.customer_kpis(p_org_id uuid, p_from date, p_to date) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_prev_from date;
  v_currency text;
  v_result jsonb;
begin
  perform private.require_finance_reader(p_org_id);
  perform private.erp_dashboard_bucket(p_from, p_to);
  v_prev_from := p_from - (p_to - p_from + 1);
  select o.base_currency into v_currency from public.organizations o where o.id = p_org_id;

  with per_account as (
    select s.account_id, min(s.day) filter (where s.invoices > 0) as first_invoice, sum(s.net_base) as net,
      coalesce(bool_or(s.invoices > 0 and s.day >= p_from), false) as active,
      coalesce(bool_or(s.invoices > 0 and s.day >= v_prev_from and s.day < p_from), false) as previous
    from public.sales_account_daily s
    where s.org_id = p_org_id and s.day <= p_to
    group by s.account_id
  ),
  totals as (
    select count(*) filter (where a.active) as active, count(*) filter (where a.previous) as previous,
      count(*) filter (where a.previous and not a.active) as churned,
      count(*) filter (where a.first_invoice >= p_from) as new_customers,
      count(*) filter (where a.first_invoice is not null) as customers,
      coalesce(sum(a.net), 0) as net
    from per_account a
  ),
  top as (
    select a.* from per_account a where a.first_invoice is not null order by a.net desc, a.account_id limit 10
  )
  select jsonb_build_object(
    'currency', v_currency,
    'active', t.active,
    'previous_active', t.previous,
    'churned', t.churned,
    'new_customers', t.new_customers,
    'churn_rate', case when t.previous > 0 then round(t.churned::numeric / t.previous, 4) end,
    'lifetime_value', case when t.customers > 0 then round(t.net / t.customers, 2) end,
    'top_lifetime', coalesce((select jsonb_agg(jsonb_build_object('account_id', x.account_id, 'name', c.name,
        'net_invoiced', x.net, 'first_invoice', x.first_invoice) order by x.net desc, x.account_id)
      from top x join public.accounts c on c.id = x.account_id), '[]'))
  into v_result
  from totals t;
  return v_result;
end;
$$;

revoke execute on function public.finance_kpis(uuid, date, date), public.inventory_kpis(uuid, date, date, uuid),
  public.customer_kpis(uuid, date, date) from public, anon;
grant execute on function public.finance_kpis(uuid, date, date), public.inventory_kpis(uuid, date, date, uuid),
  public.customer_kpis(uuid, date, date) to authenticated;
