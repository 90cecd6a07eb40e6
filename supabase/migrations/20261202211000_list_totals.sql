-- What the lists behind the dashboards add up to, so a number clicked through on a dashboard can be
-- read again at the top of its list ("12 deals · total $48,300.00"), over every matching row and
-- not only the page shown. PostgREST aggregates are off (as on hosted Supabase), so the sums are
-- RPCs taking the same filters as the lists; they are security invoker, so RLS decides what counts
-- (another organisation's id, or a role that cannot read the rows, adds up to nothing).
--
-- Also the stock page's availability filters, defined once here (stock_level_status) so the
-- inventory dashboard's stock-out and below-reorder counts can be aligned with them.

-- Deals ---------------------------------------------------------------------------------------
--
-- The deal list's filters (src/features/deals/api/deals.ts), each optional:
--   p_q            title contains the text (LIKE wildcards literal; '*' dropped, as the list's ilike does)
--   p_owner_id     owner;  p_team_id: owner is a member of that sales team
--   p_status       open / won / lost;  p_pipeline_id;  p_stage_id: current stage;  p_tag
--   p_close_from/p_close_to      expected close date within the days (inclusive)
--   p_closed_from/p_closed_to    closed_at within those org-calendar days (the org's time zone)
--   p_created_from/p_created_to  created_at likewise
--   p_min/p_max    amount bounds (in the deal's own currency, as the list filters)
--   p_reached_stage_id  the deal reached that stage: it entered that stage or a later one of its
--                  pipeline, as its stage history shows (every deal's first stage and every move are
--                  recorded). Won stages come after every open stage and lost stages count for
--                  nothing (a lost deal reached what it entered before it was lost): the funnel of
--                  sales_kpis (20261202210100) counts the same way.
-- Archived deals never count.
--
-- Returns {count, currency (the org's base), total (base currency: each deal converted at the
-- latest rate on or before its close day, or today for open deals, else the first rate entered, as
-- sales_kpis converts; null when a currency has no rate at all),
-- missing_rates (currencies without a rate), by_currency: [{currency, count, amount}] (amounts
-- in each deal's own currency, largest count first)}.
create function public.deal_list_totals(
  p_org_id uuid,
  p_q text default null,
  p_owner_id uuid default null,
  p_status public.deal_status default null,
  p_pipeline_id uuid default null,
  p_tag text default null,
  p_close_from date default null,
  p_close_to date default null,
  p_min numeric default null,
  p_max numeric default null,
  p_stage_id uuid default null,
  p_team_id uuid default null,
  p_closed_from date default null,
  p_closed_to date default null,
  p_created_from date default null,
  p_created_to date default null,
  p_reached_stage_id uuid default null
) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_base text;
  v_tz text;
  v_today date;
  v_pattern text;
  v_reached uuid[];
  v_result jsonb;
begin
  select o.base_currency, o.time_zone into v_base, v_tz from public.organizations o where o.id = p_org_id;
  if v_base is null then
    -- Not a member (or no such organisation): nothing is readable, so nothing adds up.
    return jsonb_build_object('count', 0, 'currency', null, 'total', 0, 'missing_rates', '[]'::jsonb,
      'by_currency', '[]'::jsonb);
  end if;
  v_today := (now() at time zone v_tz)::date;
  if nullif(btrim(p_q), '') is not null then
    v_pattern := '%' || regexp_replace(replace(btrim(p_q), '*', ''), '([\\%_])', '\\\1', 'g') || '%';
  end if;
  if p_reached_stage_id is not null then
    select coalesce(array_agg(s.id), '{}') into v_reached
    from public.pipeline_stages x
    join public.pipeline_stages s on s.pipeline_id = x.pipeline_id
      and (s.kind = 'won' or (x.kind = 'open' and s.kind = 'open' and s.position >= x.position))
    where x.id = p_reached_stage_id and x.org_id = p_org_id;
  end if;

  with matching as (
    select d.currency, d.amount,
      case when d.status = 'open' then v_today else (d.closed_at at time zone v_tz)::date end as rate_day
    from public.deals d
    where d.org_id = p_org_id
      and d.archived_at is null
      and (v_pattern is null or d.title ilike v_pattern)
      and (p_owner_id is null or d.owner_id = p_owner_id)
      and (p_team_id is null or d.owner_id in (
        select m.user_id from public.sales_team_members m where m.team_id = p_team_id and m.org_id = p_org_id))
      and (p_status is null or d.status = p_status)
      and (p_pipeline_id is null or d.pipeline_id = p_pipeline_id)
      and (p_stage_id is null or d.stage_id = p_stage_id)
      and (p_tag is null or d.tags @> array[p_tag])
      and (p_close_from is null or d.expected_close_date >= p_close_from)
      and (p_close_to is null or d.expected_close_date <= p_close_to)
      and (p_min is null or d.amount >= p_min)
      and (p_max is null or d.amount <= p_max)
      and (p_closed_from is null or d.closed_at >= (p_closed_from::timestamp at time zone v_tz))
      and (p_closed_to is null or d.closed_at < ((p_closed_to + 1)::timestamp at time zone v_tz))
      and (p_created_from is null or d.created_at >= (p_created_from::timestamp at time zone v_tz))
      and (p_created_to is null or d.created_at < ((p_created_to + 1)::timestamp at time zone v_tz))
      and (v_reached is null or exists (
        select 1 from public.deal_stage_history h
        where h.org_id = p_org_id and h.deal_id = d.id and h.to_stage_id = any (v_reached)))
  ),
  -- One rate lookup per foreign currency and day, not per deal.
  groups as (
    select m.currency, m.rate_day, count(*) as n, sum(m.amount) as amount
    from matching m group by m.currency, m.rate_day
  ),
  converted as (
    select g.currency, g.n, g.amount,
      case when g.currency = v_base then 1 else coalesce((
        select r.rate from public.exchange_rates r
        where r.org_id = p_org_id and r.currency = g.currency and r.rate_date <= g.rate_day
        order by r.rate_date desc limit 1), (
        select r.rate from public.exchange_rates r
        where r.org_id = p_org_id and r.currency = g.currency
        order by r.rate_date limit 1)) end as rate
    from groups g
  ),
  per_currency as (
    select c.currency, sum(c.n) as n, sum(c.amount) as amount, bool_or(c.rate is null) as missing
    from converted c group by c.currency
  )
  select jsonb_build_object(
    'count', coalesce((select sum(p.n) from per_currency p), 0)::bigint,
    'currency', v_base,
    'total', case when exists (select 1 from converted c where c.rate is null) then null
      else coalesce(round((select sum(c.amount * c.rate) from converted c), 2), 0) end,
    'missing_rates', coalesce((select jsonb_agg(p.currency order by p.currency) from per_currency p where p.missing), '[]'),
    'by_currency', coalesce((select jsonb_agg(jsonb_build_object('currency', p.currency, 'count', p.n, 'amount', p.amount)
      order by p.n desc, p.currency) from per_currency p), '[]'))
  into v_result;
  return v_result;
end;
$$;
revoke execute on function public.deal_list_totals(uuid, text, uuid, public.deal_status, uuid, text, date, date, numeric,
  numeric, uuid, uuid, date, date, date, date, uuid) from public, anon;
grant execute on function public.deal_list_totals(uuid, text, uuid, public.deal_status, uuid, text, date, date, numeric,
  numeric, uuid, uuid, date, date, date, date, uuid) to authenticated;

-- Deals by created_at for "created between" lists (the funnel's click-through); closed_at is
-- covered by deals_org_status_idx (org_id, status, closed_at).
create index if not exists deals_org_created_idx on public.deals (org_id, created_at) where archived_at is null;

-- Invoices ------------------------------------------------------------------------------------
--
-- The invoice list's filters (src/features/invoicing/api/invoices.ts) over invoice_balances:
--   p_status   'unpaid' (open, partly paid, overdue) | 'paid' | 'overdue' (posted invoices with an
--              open balance past their due date, as invoice_balances.payment_status says) |
--              'draft' | 'posted' | 'cancelled' | null (all)
--   p_overdue  true: overdue only (the list's checkbox)
--   p_customer_id, p_kind, p_from/p_to (invoice date, inclusive)
-- Returns {count, currency (base), amount_due (what the documents still owe, each converted at its
-- own posting rate and rounded to cents, as the AR aging converts them)}.
create function public.invoice_list_totals(
  p_org_id uuid,
  p_status text default null,
  p_overdue boolean default false,
  p_customer_id uuid default null,
  p_kind public.invoice_kind default null,
  p_from date default null,
  p_to date default null
) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select jsonb_build_object(
    'count', count(b.id),
    'currency', (select o.base_currency from public.organizations o where o.id = p_org_id),
    'amount_due', coalesce(sum(round(b.amount_due * b.exchange_rate, 2)), 0))
  from public.invoice_balances b
  where b.org_id = p_org_id
    and case p_status
      when 'unpaid' then b.payment_status in ('open', 'partially_paid', 'overdue')
      when 'paid' then b.payment_status = 'paid'
      when 'overdue' then b.payment_status = 'overdue'
      when 'draft' then b.status = 'draft'
      when 'posted' then b.status = 'posted'
      when 'cancelled' then b.status = 'cancelled'
      else true end
    and (not coalesce(p_overdue, false) or b.payment_status = 'overdue')
    and (p_customer_id is null or b.account_id = p_customer_id)
    and (p_kind is null or b.kind = p_kind)
    and (p_from is null or b.invoice_date >= p_from)
    and (p_to is null or b.invoice_date <= p_to)
$$;
revoke execute on function public.invoice_list_totals(uuid, text, boolean, uuid, public.invoice_kind, date, date)
  from public, anon;
grant execute on function public.invoice_list_totals(uuid, text, boolean, uuid, public.invoice_kind, date, date)
  to authenticated;

-- Stock ---------------------------------------------------------------------------------------
--
-- Stock levels with what the stock page filters on, defined in one place:
--   stock_out      the product is stocked (kind 'stocked'), active and not archived, it has a level
--                  row in the warehouse (it has had stock or a reservation there), and
--                  available = on_hand − reserved ≤ 0.
--   below_reorder  the product is active and not archived, the warehouse has a
--                  reorder rule for it, and available < the rule's reorder point.
-- The inventory dashboard's stockouts / below_reorder (inventory_kpis, 20261202210700) count the same rows.
create view public.stock_level_status with (security_invoker = on) as
select l.org_id, l.product_id, l.warehouse_id, l.on_hand, l.reserved, l.on_hand - l.reserved as available,
  l.version, l.last_movement_at, r.reorder_point,
  (p.kind = 'stocked' and p.active and p.archived_at is null and l.on_hand - l.reserved <= 0) as stock_out,
  (r.reorder_point is not null and p.active and p.archived_at is null
    and l.on_hand - l.reserved < r.reorder_point) as below_reorder
from public.stock_levels l
join public.products p on p.id = l.product_id
left join public.reorder_rules r on r.product_id = l.product_id and r.warehouse_id = l.warehouse_id;
revoke insert, update, delete, truncate on public.stock_level_status from anon, authenticated;
