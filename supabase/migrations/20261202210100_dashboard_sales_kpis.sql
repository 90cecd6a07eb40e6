-- Dashboard KPIs for sales, leads and support (issue 10): one RPC per area, each answering one
-- JSON document in the shape of src/features/dashboards/schemas/kpis.ts.
--
-- Common rules:
--  - The range p_from..p_to is inclusive, in the organisation's calendar days: timestamps
--    (created_at, closed_at, ...) are read in organizations.time_zone.
--  - Security invoker: RLS decides what the caller reads, so the answer is what the caller would
--    see in the lists (a sales rep reads only their own target). A non-member gets "not found"
--    (P0002), a role that does not read the area (warehouse) is refused (42501). Bad ranges are
--    22004 (a date missing) or 22023 (start after end, more than three years).
--  - Money is in the base currency, rounded to cents. A deal in another currency is converted at
--    the rate in force on its close date (won/lost) or today (open): the latest rate entered on
--    or before that day, or the first rate entered when the day precedes every rate (old foreign
--    deals still count instead of failing the dashboard); a currency without any rate is an error
--    telling the user to enter one. Amounts are summed per (currency, day) first, so there is one
--    rate lookup per currency and day, not one per deal.
--  - Ratios are fractions rounded to 4 places, null when the denominator is 0; they are computed
--    from the rounded money figures shown beside them, so the UI's numbers agree with each other.
--  - Series: one entry per bucket (day up to 31 days, ISO week from Monday up to 183 days, else
--    month) from the bucket holding p_from to the one holding p_to, empty buckets with zeros;
--    `period` is the bucket's first day (the first may start before p_from: only days in the
--    range are counted).

-- The RPCs' access paths, covering (index-only scans): a year of a large organisation is tens of
-- thousands of rows per figure, read from the index instead of as many scattered heap pages.
-- Open deals now (pipeline snapshot, open value per owner, coverage):
create index deals_org_open_idx on public.deals (org_id)
  include (pipeline_id, stage_id, owner_id, currency, amount, probability, expected_close_date)
  where status = 'open' and archived_at is null;
-- Deals won or lost in a range (also per campaign):
create index deals_org_closed_idx on public.deals (org_id, closed_at)
  include (status, pipeline_id, owner_id, currency, amount, created_at, campaign_id)
  where status in ('won', 'lost') and archived_at is null;
-- Deals created in a range (funnel; furthest_stage_id is added below):
create index leads_org_created_idx on public.leads (org_id, created_at)
  include (owner_id, source, campaign_id, converted_at) where archived_at is null;
create index tickets_org_created_idx on public.tickets (org_id, created_at)
  include (assignee_id, priority, first_responded_at, first_response_due_at, resolved_at, resolution_due_at)
  where archived_at is null;
create index tickets_org_resolved_idx on public.tickets (org_id, resolved_at) include (assignee_id)
  where archived_at is null and resolved_at is not null;
create index tickets_org_open_idx on public.tickets (org_id, assignee_id)
  where status in ('new', 'open', 'pending') and archived_at is null;

-- The funnel asks, of every deal created in a range, how far down its pipeline it got. Reading
-- that from deal_stage_history means joining every history row of those deals (hundreds of
-- thousands over a year), so each deal keeps it: furthest_stage_id is the furthest stage it has
-- entered in its current pipeline, in funnel order (open stages by position, then won stages; a
-- lost stage is never progress). The trigger below keeps it as the stage changes (after
-- deals_before_write, which it follows by name, has settled the stage and pipeline); moving to
-- another pipeline starts over there; clients cannot set it. private.rebuild_deal_furthest_stages
-- recomputes an organisation's from the stage history (for rows loaded with triggers off). Reordering
-- stages later does not rewrite it: "furthest" stays the stage that was furthest when entered.
alter table public.deals add column furthest_stage_id uuid;
alter table public.deals add constraint deals_furthest_stage_fk
  foreign key (org_id, furthest_stage_id) references public.pipeline_stages (org_id, id) on delete set null (furthest_stage_id);
create index deals_org_created_idx on public.deals (org_id, created_at)
  include (pipeline_id, owner_id, stage_id, furthest_stage_id) where archived_at is null;

create function private.deals_track_furthest_stage() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_new public.pipeline_stages;
  v_old public.pipeline_stages;
begin
  if tg_op = 'UPDATE' and new.stage_id = old.stage_id then
    new.furthest_stage_id := old.furthest_stage_id;
    return new;
  end if;
  select * into v_new from public.pipeline_stages s where s.id = new.stage_id;
  if tg_op = 'UPDATE' then
    select * into v_old from public.pipeline_stages s where s.id = old.furthest_stage_id;
  end if;
  if v_old.id is null or v_old.pipeline_id <> v_new.pipeline_id then
    new.furthest_stage_id := case when v_new.kind <> 'lost' then v_new.id end;
  elsif v_new.kind <> 'lost' and (v_new.kind = 'won', v_new.position) > (v_old.kind = 'won', v_old.position) then
    new.furthest_stage_id := v_new.id;
  else
    new.furthest_stage_id := v_old.id;
  end if;
  return new;
end;
$$;
create trigger deals_track_furthest_stage before insert or update on public.deals
  for each row execute function private.deals_track_furthest_stage();

-- Maintenance (after a bulk load, and the backfill below): the deals' triggers are off while it
-- writes, so the rows change in nothing else (no version bump, no audit entry, no rule rechecked on
-- rows loaded around them); the table is locked until the transaction ends.
create function private.rebuild_deal_furthest_stages(p_org_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  alter table public.deals disable trigger user;
  with x as (
    select distinct on (e.deal_id) e.deal_id, s.id as stage_id
    from (
      select d2.id as deal_id, d2.pipeline_id, d2.stage_id from public.deals d2 where d2.org_id = p_org_id
      union all
      select h.deal_id, d3.pipeline_id, h.to_stage_id
      from public.deal_stage_history h join public.deals d3 on d3.id = h.deal_id
      where h.org_id = p_org_id
    ) e
    join public.pipeline_stages s on s.id = e.stage_id and s.pipeline_id = e.pipeline_id and s.kind <> 'lost'
    order by e.deal_id, s.kind = 'won' desc, s.position desc
  )
  update public.deals d set furthest_stage_id = x.stage_id
  from public.deals d0 left join x on x.deal_id = d0.id
  where d0.id = d.id and d.org_id = p_org_id and d.furthest_stage_id is distinct from x.stage_id;
  alter table public.deals enable trigger user;
end;
$$;
revoke all on function private.deals_track_furthest_stage(), private.rebuild_deal_furthest_stages(uuid) from public;
select private.rebuild_deal_furthest_stages(o.id) from public.organizations o;

-- Who reads the CRM dashboards: every role that reads deals, leads and tickets (all but warehouse).
create function private.crm_kpi_require_reader(p_org_id uuid, p_what text) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_org_id is null or not private.is_member(p_org_id) then
    raise exception 'Organisation not found' using errcode = 'P0002';
  end if;
  if not private.has_role(p_org_id, '{owner,admin,manager,sales,support,accountant,viewer}') then
    raise exception 'Your role may not read %', p_what
      using errcode = '42501', hint = 'Warehouse staff do not read the CRM and support figures.';
  end if;
end;
$$;

create function private.crm_kpi_check_range(p_from date, p_to date) returns void
language plpgsql immutable set search_path = '' as $$
begin
  perform private.check_report_range(p_from, p_to);
  if p_to >= (p_from + interval '3 years')::date then
    raise exception 'Choose a period of at most three years' using errcode = '22023';
  end if;
end;
$$;

create function private.crm_kpi_bucket(p_from date, p_to date) returns text
language sql immutable set search_path = '' as $$
  select case when p_to - p_from + 1 <= 31 then 'day' when p_to - p_from + 1 <= 183 then 'week' else 'month' end
$$;

-- Units of the base currency per unit of p_currency on p_day (see the header).
create function private.crm_kpi_rate(p_org_id uuid, p_base text, p_currency text, p_day date) returns numeric
language plpgsql stable set search_path = '' as $$
declare
  v_rate numeric;
begin
  if p_currency = p_base then
    return 1;
  end if;
  select r.rate into v_rate from public.exchange_rates r
  where r.org_id = p_org_id and r.currency = p_currency and r.rate_date <= p_day
  order by r.rate_date desc limit 1;
  if v_rate is null then
    select r.rate into v_rate from public.exchange_rates r
    where r.org_id = p_org_id and r.currency = p_currency
    order by r.rate_date limit 1;
  end if;
  if v_rate is null then
    raise exception 'No exchange rate for %', p_currency
      using errcode = '23514', hint = 'Enter the rate under Accounting → Exchange rates';
  end if;
  return v_rate;
end;
$$;

-- The same lookup written inline where there is one per (currency, day) of a whole range (a
-- function call per pair costs more than the lookup): this ends it when a currency has no rate.
create function private.crm_kpi_no_rate(p_currency text) returns numeric
language plpgsql volatile set search_path = '' as $$
begin
  raise exception 'No exchange rate for %', p_currency
    using errcode = '23514', hint = 'Enter the rate under Accounting → Exchange rates';
end;
$$;

-- The members of a team of the organisation (null when no team is asked for).
create function private.crm_kpi_team(p_org_id uuid, p_team_id uuid) returns uuid[]
language plpgsql stable set search_path = '' as $$
begin
  if p_team_id is null then
    return null;
  end if;
  if not exists (select 1 from public.sales_teams t where t.id = p_team_id and t.org_id = p_org_id) then
    raise exception 'Team not found' using errcode = 'P0002';
  end if;
  return array(select m.user_id from public.sales_team_members m where m.team_id = p_team_id);
end;
$$;

revoke all on function private.crm_kpi_require_reader(uuid, text), private.crm_kpi_check_range(date, date),
  private.crm_kpi_bucket(date, date), private.crm_kpi_rate(uuid, text, text, date), private.crm_kpi_no_rate(text),
  private.crm_kpi_team(uuid, uuid) from public;
grant execute on function private.crm_kpi_require_reader(uuid, text), private.crm_kpi_check_range(date, date),
  private.crm_kpi_bucket(date, date), private.crm_kpi_rate(uuid, text, text, date), private.crm_kpi_no_rate(text),
  private.crm_kpi_team(uuid, uuid) to authenticated, service_role;

-- Sales. The scope is the organisation's deals that are not archived, narrowed by owner (owner_id),
-- team (owner in the team) and pipeline when given; every figure below reads that scope.
--  - pipeline: open deals now, whatever the range; weighted = amount × (deal probability, else the
--    stage's) / 100. by_stage lists the open stages of the pipeline asked for, else of every active
--    pipeline (default first), with zeros for empty stages.
--  - won/lost: deals closed (closed_at) in the range. sales_cycle_days: mean days from creation to
--    close of the won ones. velocity_per_day = open deals × win rate × average deal size ÷ cycle.
--  - funnel: deals created in the range in the pipeline asked for (else the default one); a deal
--    reached a stage when the furthest stage it entered (deals.furthest_stage_id, above) is that
--    stage or a later one, won stages coming after every open stage (a lost deal reached what it
--    had entered before it was lost).
--  - target: monthly targets (readable by the caller) of the owner, the team's members or the whole
--    organisation, each prorated by the days of its month inside the range; null when none is
--    readable. coverage = open deals expected to close in the range ÷ (target − won), null once met.
--  - by_owner: owners with open deals or deals won in the range, most won first.
create function public.sales_kpis(
  p_org_id uuid,
  p_from date,
  p_to date,
  p_owner_id uuid default null,
  p_team_id uuid default null,
  p_pipeline_id uuid default null
) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_tz text;
  v_base text;
  v_start timestamptz;
  v_end timestamptz;
  v_today date;
  v_bucket text;
  v_team uuid[];
  v_funnel_pipeline uuid;
  v_result jsonb;
begin
  perform private.crm_kpi_require_reader(p_org_id, 'the sales figures');
  perform private.crm_kpi_check_range(p_from, p_to);
  select o.time_zone, o.base_currency into v_tz, v_base from public.organizations o where o.id = p_org_id;
  v_start := p_from::timestamp at time zone v_tz;
  v_end := (p_to + 1)::timestamp at time zone v_tz;
  v_today := (now() at time zone v_tz)::date;
  v_bucket := private.crm_kpi_bucket(p_from, p_to);
  v_team := private.crm_kpi_team(p_org_id, p_team_id);
  if p_pipeline_id is not null then
    select p.id into v_funnel_pipeline from public.pipelines p where p.id = p_pipeline_id and p.org_id = p_org_id;
    if v_funnel_pipeline is null then
      raise exception 'Pipeline not found' using errcode = 'P0002';
    end if;
  else
    select p.id into v_funnel_pipeline from public.pipelines p
    where p.org_id = p_org_id and p.archived_at is null
    order by p.is_default desc, p.position, p.name limit 1;
  end if;

  with open_groups as (
    select d.stage_id, d.owner_id, d.currency,
      coalesce(d.expected_close_date between p_from and p_to, false) as in_range,
      count(*) as n, sum(d.amount) as amount,
      sum(d.amount * coalesce(d.probability, s.probability) / 100) as weighted
    from public.deals d
    join public.pipeline_stages s on s.id = d.stage_id
    where d.org_id = p_org_id and d.status = 'open' and d.archived_at is null
      and (p_owner_id is null or d.owner_id = p_owner_id)
      and (v_team is null or d.owner_id = any (v_team))
      and (p_pipeline_id is null or d.pipeline_id = p_pipeline_id)
    group by 1, 2, 3, 4
  ),
  open_rates as (
    select g.currency, private.crm_kpi_rate(p_org_id, v_base, g.currency, v_today) as rate
    from (select distinct o.currency from open_groups o) g
  ),
  open_base as (
    select o.stage_id, o.owner_id, o.in_range, o.n, o.amount * r.rate as value, o.weighted * r.rate as weighted
    from open_groups o join open_rates r on r.currency = o.currency
  ),
  open_totals as (
    select coalesce(sum(o.n), 0) as n, round(coalesce(sum(o.value), 0), 2) as value,
      round(coalesce(sum(o.weighted), 0), 2) as weighted,
      round(coalesce(sum(o.value) filter (where o.in_range), 0), 2) as in_range_value
    from open_base o
  ),
  stage_list as (
    select s.id, s.name, s.pipeline_id, s.position, p.is_default, p.position as pipeline_position, p.name as pipeline_name
    from public.pipeline_stages s
    join public.pipelines p on p.id = s.pipeline_id
    where s.org_id = p_org_id and s.kind = 'open'
      and (p_pipeline_id is null or s.pipeline_id = p_pipeline_id)
      and (p.archived_at is null or p.id = p_pipeline_id or s.id in (select o.stage_id from open_base o))
  ),
  by_stage as (
    select sl.*, coalesce(sum(o.n), 0) as n, round(coalesce(sum(o.value), 0), 2) as value,
      round(coalesce(sum(o.weighted), 0), 2) as weighted
    from stage_list sl left join open_base o on o.stage_id = sl.id
    group by sl.id, sl.name, sl.pipeline_id, sl.position, sl.is_default, sl.pipeline_position, sl.pipeline_name
  ),
  closed_groups as (
    select d.owner_id, d.status, d.currency, (d.closed_at at time zone v_tz)::date as day,
      count(*) as n, sum(d.amount) as amount, sum(extract(epoch from d.closed_at - d.created_at)) as cycle_seconds
    from public.deals d
    where d.org_id = p_org_id and d.status in ('won', 'lost') and d.closed_at >= v_start and d.closed_at < v_end
      and d.archived_at is null
      and (p_owner_id is null or d.owner_id = p_owner_id)
      and (v_team is null or d.owner_id = any (v_team))
      and (p_pipeline_id is null or d.pipeline_id = p_pipeline_id)
    group by 1, 2, 3, 4
  ),
  -- Rates of the foreign currencies on the days deals were won in them (as private.crm_kpi_rate).
  closed_rates as (
    select g.currency, g.day, coalesce(
        (select r.rate from public.exchange_rates r
         where r.org_id = p_org_id and r.currency = g.currency and r.rate_date <= g.day
         order by r.rate_date desc limit 1),
        (select r.rate from public.exchange_rates r
         where r.org_id = p_org_id and r.currency = g.currency order by r.rate_date limit 1),
        private.crm_kpi_no_rate(g.currency)) as rate
    from (select distinct c.currency, c.day from closed_groups c where c.status = 'won' and c.currency <> v_base) g
  ),
  won as (
    select c.owner_id, c.day, c.n, c.amount * coalesce(r.rate, 1) as value, c.cycle_seconds
    from closed_groups c left join closed_rates r on r.currency = c.currency and r.day = c.day
    where c.status = 'won'
  ),
  closed_totals as (
    select coalesce((select sum(w.n) from won w), 0) as won_n,
      round(coalesce((select sum(w.value) from won w), 0), 2) as won_value,
      (select sum(w.cycle_seconds) from won w) as cycle_seconds,
      coalesce((select sum(c.n) from closed_groups c where c.status = 'lost'), 0) as lost_n
  ),
  kpi as (
    select t.*, o.n as open_n, o.value as open_value, o.weighted, o.in_range_value,
      case when t.won_n + t.lost_n > 0 then t.won_n::numeric / (t.won_n + t.lost_n) end as win_rate,
      case when t.won_n > 0 then t.won_value / t.won_n end as avg_deal,
      case when t.won_n > 0 then t.cycle_seconds / t.won_n / 86400 end as cycle_days
    from closed_totals t cross join open_totals o
  ),
  targets as (
    select t.user_id,
      sum(t.amount * (least(p_to, (t.month + interval '1 month')::date - 1) - greatest(p_from, t.month) + 1)
        / ((t.month + interval '1 month')::date - t.month)) as amount
    from public.sales_targets t
    where t.org_id = p_org_id and t.month between date_trunc('month', p_from)::date and p_to
      and (p_owner_id is null or t.user_id = p_owner_id)
      and (v_team is null or t.user_id = any (v_team))
    group by t.user_id
  ),
  target_total as (
    select round(sum(t.amount), 2) as amount from targets t having count(*) > 0
  ),
  owners as (
    select x.owner_id, sum(x.won_n) as won_n, round(sum(x.won_value), 2) as won_value,
      round(sum(x.open_value), 2) as open_value
    from (
      select w.owner_id, w.n as won_n, w.value as won_value, 0 as open_value from won w
      union all
      select o.owner_id, 0, 0, o.value from open_base o
    ) x
    group by x.owner_id
  ),
  series as (
    select p.period::date as period, coalesce(sum(w.n), 0) as n, round(coalesce(sum(w.value), 0), 2) as value
    from generate_series(date_trunc(v_bucket, p_from::timestamp), p_to::timestamp, ('1 ' || v_bucket)::interval) p(period)
    left join won w on date_trunc(v_bucket, w.day::timestamp) = p.period
    group by p.period
  ),
  fstages as (
    select s.id, s.name, s.position,
      row_number() over (order by s.kind = 'won', s.position, s.id) as r
    from public.pipeline_stages s
    where s.pipeline_id = v_funnel_pipeline and s.org_id = p_org_id and s.kind in ('open', 'won')
  ),
  reach_counts as materialized (
    select fs.r, f.n
    from (
      select coalesce(d.furthest_stage_id, d.stage_id) as stage_id, count(*) as n
      from public.deals d
      where d.org_id = p_org_id and d.archived_at is null and d.created_at >= v_start and d.created_at < v_end
        and d.pipeline_id = v_funnel_pipeline
        and (p_owner_id is null or d.owner_id = p_owner_id)
        and (v_team is null or d.owner_id = any (v_team))
      group by 1
    ) f
    join fstages fs on fs.id = f.stage_id
  )
  select jsonb_build_object(
    'currency', v_base,
    'bucket', v_bucket,
    'pipeline', jsonb_build_object(
      'open_count', k.open_n,
      'open_value', k.open_value,
      'weighted_value', k.weighted,
      'by_stage', coalesce((
        select jsonb_agg(jsonb_build_object(
            'stage_id', b.id, 'stage_name', b.name, 'pipeline_id', b.pipeline_id, 'position', b.position,
            'count', b.n, 'value', b.value, 'weighted_value', b.weighted)
          order by b.is_default desc, b.pipeline_position, b.pipeline_name, b.pipeline_id, b.position, b.id)
        from by_stage b), '[]')),
    'won_count', k.won_n,
    'won_value', k.won_value,
    'lost_count', k.lost_n,
    'win_rate', round(k.win_rate, 4),
    'avg_deal_size', round(k.avg_deal, 2),
    'sales_cycle_days', round(k.cycle_days, 1),
    'velocity_per_day', case when k.cycle_days > 0 then round(k.open_n * k.win_rate * k.avg_deal / k.cycle_days, 2) end,
    'funnel', coalesce((
      select jsonb_agg(jsonb_build_object(
          'stage_id', fs.id, 'stage_name', fs.name, 'position', fs.position,
          'reached', coalesce((select sum(rc.n) from reach_counts rc where rc.r >= fs.r), 0))
        order by fs.r)
      from fstages fs), '[]'),
    'won_series', (
      select jsonb_agg(jsonb_build_object('period', to_char(s.period, 'YYYY-MM-DD'), 'won_count', s.n, 'won_value', s.value)
        order by s.period)
      from series s),
    'target', (
      select jsonb_build_object(
        'amount', tt.amount,
        'attainment', case when tt.amount > 0 then round(k.won_value / tt.amount, 4) end,
        'coverage', case when tt.amount > k.won_value then round(k.in_range_value / (tt.amount - k.won_value), 4) end,
        'open_in_range_value', k.in_range_value)
      from target_total tt),
    'by_owner', coalesce((
      select jsonb_agg(jsonb_build_object(
          'owner_id', o.owner_id, 'owner_name', pr.full_name, 'won_count', o.won_n, 'won_value', o.won_value,
          'open_value', o.open_value, 'target', round(t.amount, 2))
        order by o.won_value desc, o.open_value desc, pr.full_name nulls last, o.owner_id nulls last)
      from owners o
      left join public.profiles pr on pr.id = o.owner_id
      left join targets t on t.user_id = o.owner_id), '[]'))
  into v_result
  from kpi k;
  return v_result;
end;
$$;

-- Leads created in the range (not archived), narrowed by owner or team. by_campaign lists the
-- active (not archived) campaigns with leads created in the range, or running during it (dated,
-- starting on or before its end if it has a start, ending on or after its start if it has an
-- end); their won deals are the
-- deals attributed to them won (closed_at) in the range, under the same owner/team filter, and
-- their budget (all of it, not prorated) is converted at the rate of the campaign's start date
-- (else its creation day). return_on_budget = (won value − budget) ÷ budget.
create function public.lead_kpis(
  p_org_id uuid,
  p_from date,
  p_to date,
  p_owner_id uuid default null,
  p_team_id uuid default null
) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_tz text;
  v_base text;
  v_start timestamptz;
  v_end timestamptz;
  v_team uuid[];
  v_result jsonb;
begin
  perform private.crm_kpi_require_reader(p_org_id, 'the lead figures');
  perform private.crm_kpi_check_range(p_from, p_to);
  select o.time_zone, o.base_currency into v_tz, v_base from public.organizations o where o.id = p_org_id;
  v_start := p_from::timestamp at time zone v_tz;
  v_end := (p_to + 1)::timestamp at time zone v_tz;
  v_team := private.crm_kpi_team(p_org_id, p_team_id);

  with lead_groups as (
    select l.source, l.campaign_id, count(*) as n, count(*) filter (where l.converted_at is not null) as converted
    from public.leads l
    where l.org_id = p_org_id and l.archived_at is null and l.created_at >= v_start and l.created_at < v_end
      and (p_owner_id is null or l.owner_id = p_owner_id)
      and (v_team is null or l.owner_id = any (v_team))
    group by 1, 2
  ),
  totals as (
    select coalesce(sum(g.n), 0) as n, coalesce(sum(g.converted), 0) as converted from lead_groups g
  ),
  sources as (
    select g.source, sum(g.n) as n, sum(g.converted) as converted from lead_groups g group by g.source
  ),
  campaigns as (
    select c.id, c.name, c.currency,
      c.budget * private.crm_kpi_rate(p_org_id, v_base, c.currency,
        coalesce(c.starts_on, (c.created_at at time zone v_tz)::date)) as budget
    from public.campaigns c
    where c.org_id = p_org_id and c.archived_at is null
      and (c.id in (select g.campaign_id from lead_groups g)
        or (num_nonnulls(c.starts_on, c.ends_on) > 0
          and (c.starts_on is null or c.starts_on <= p_to) and (c.ends_on is null or c.ends_on >= p_from)))
  ),
  won_groups as (
    select d.campaign_id, d.currency, (d.closed_at at time zone v_tz)::date as day, count(*) as n, sum(d.amount) as amount
    from public.deals d
    where d.org_id = p_org_id and d.campaign_id in (select c.id from campaigns c)
      and d.status = 'won' and d.closed_at >= v_start and d.closed_at < v_end and d.archived_at is null
      and (p_owner_id is null or d.owner_id = p_owner_id)
      and (v_team is null or d.owner_id = any (v_team))
    group by 1, 2, 3
  ),
  won_rates as (
    select g.currency, g.day, coalesce(
        (select r.rate from public.exchange_rates r
         where r.org_id = p_org_id and r.currency = g.currency and r.rate_date <= g.day
         order by r.rate_date desc limit 1),
        (select r.rate from public.exchange_rates r
         where r.org_id = p_org_id and r.currency = g.currency order by r.rate_date limit 1),
        private.crm_kpi_no_rate(g.currency)) as rate
    from (select distinct w.currency, w.day from won_groups w where w.currency <> v_base) g
  ),
  campaign_rows as (
    select c.id, c.name, round(c.budget, 2) as budget,
      coalesce((select sum(g.n) from lead_groups g where g.campaign_id = c.id), 0) as leads,
      coalesce((select sum(g.converted) from lead_groups g where g.campaign_id = c.id), 0) as converted,
      coalesce((select sum(w.n) from won_groups w where w.campaign_id = c.id), 0) as won_n,
      round(coalesce((
        select sum(w.amount * coalesce(r.rate, 1)) from won_groups w
        left join won_rates r on r.currency = w.currency and r.day = w.day
        where w.campaign_id = c.id), 0), 2) as won_value
    from campaigns c
  )
  select jsonb_build_object(
    'currency', v_base,
    'created', t.n,
    'converted', t.converted,
    'conversion_rate', case when t.n > 0 then round(t.converted::numeric / t.n, 4) end,
    'by_source', coalesce((
      select jsonb_agg(jsonb_build_object(
          'source', s.source, 'leads', s.n, 'converted', s.converted,
          'conversion_rate', round(s.converted::numeric / s.n, 4))
        order by s.n desc, s.source nulls last)
      from sources s), '[]'),
    'by_campaign', coalesce((
      select jsonb_agg(jsonb_build_object(
          'campaign_id', c.id, 'name', c.name, 'budget', c.budget, 'leads', c.leads, 'converted', c.converted,
          'won_count', c.won_n, 'won_value', c.won_value,
          'return_on_budget', case when c.budget > 0 then round((c.won_value - c.budget) / c.budget, 4) end)
        order by c.won_value desc, c.leads desc, c.name, c.id)
      from campaign_rows c), '[]'))
  into v_result
  from totals t;
  return v_result;
end;
$$;

-- Tickets created in the range (not archived), narrowed by assignee. Each SLA target (first
-- response, resolution) is, for a ticket:
--  - met: done (responded / resolved), on or before its due time or without a due time;
--  - breached: done after its due time, or not done and already past due (as the ticket queue flags it);
--  - undecided otherwise (not done, and not yet due or without a due time).
-- sla_attainment = tickets that met both targets ÷ tickets whose outcome is known, i.e. that met
-- both or breached at least one (a ticket that breached one target has failed whatever the other
-- does; one that met one and awaits the other is not counted yet).
-- Response minutes are wall-clock minutes from creation to the first response, of the responded
-- tickets. by_priority lists every priority (low to urgent) with its tickets created and those
-- that breached either target. series: tickets created and tickets resolved (resolved_at) per
-- bucket, so `resolved` there is the team's throughput, not limited to tickets created in the
-- range. open_now: open tickets now (new, open, pending) of the assignee or everyone, any age.
create function public.support_kpis(
  p_org_id uuid,
  p_from date,
  p_to date,
  p_assignee_id uuid default null
) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_tz text;
  v_start timestamptz;
  v_end timestamptz;
  v_bucket text;
  v_result jsonb;
begin
  perform private.crm_kpi_require_reader(p_org_id, 'the support figures');
  perform private.crm_kpi_check_range(p_from, p_to);
  select o.time_zone into v_tz from public.organizations o where o.id = p_org_id;
  v_start := p_from::timestamp at time zone v_tz;
  v_end := (p_to + 1)::timestamp at time zone v_tz;
  v_bucket := private.crm_kpi_bucket(p_from, p_to);

  with t as (
    select tk.priority, tk.created_at, tk.resolved_at is not null as resolved,
      extract(epoch from tk.first_responded_at - tk.created_at) / 60 as response_minutes,
      case
        when tk.first_responded_at is not null
          then case when tk.first_responded_at <= tk.first_response_due_at or tk.first_response_due_at is null then 1 else -1 end
        when tk.first_response_due_at < now() then -1
        else 0
      end as fr,
      case
        when tk.resolved_at is not null
          then case when tk.resolved_at <= tk.resolution_due_at or tk.resolution_due_at is null then 1 else -1 end
        when tk.resolution_due_at < now() then -1
        else 0
      end as res
    from public.tickets tk
    where tk.org_id = p_org_id and tk.archived_at is null and tk.created_at >= v_start and tk.created_at < v_end
      and (p_assignee_id is null or tk.assignee_id = p_assignee_id)
  ),
  totals as (
    select count(*) as created,
      count(*) filter (where t.resolved) as resolved,
      count(*) filter (where t.fr = 1) as fr_met,
      count(*) filter (where t.fr = -1) as fr_breached,
      count(*) filter (where t.res = 1) as res_met,
      count(*) filter (where t.res = -1) as res_breached,
      count(*) filter (where t.fr = 1 and t.res = 1) as met_both,
      count(*) filter (where (t.fr = 1 and t.res = 1) or t.fr = -1 or t.res = -1) as decided,
      avg(t.response_minutes) as avg_minutes,
      percentile_cont(0.5) within group (order by t.response_minutes::float8) as median_minutes
    from t
  ),
  resolved_buckets as materialized (
    select date_trunc(v_bucket, (tk.resolved_at at time zone v_tz)::date::timestamp) as period, count(*) as n
    from public.tickets tk
    where tk.org_id = p_org_id and tk.archived_at is null and tk.resolved_at is not null
      and tk.resolved_at >= v_start and tk.resolved_at < v_end
      and (p_assignee_id is null or tk.assignee_id = p_assignee_id)
    group by 1
  ),
  created_buckets as materialized (
    select date_trunc(v_bucket, (t.created_at at time zone v_tz)::date::timestamp) as period, count(*) as n
    from t group by 1
  ),
  series as (
    select p.period::date as period, coalesce(c.n, 0) as created, coalesce(r.n, 0) as resolved
    from generate_series(date_trunc(v_bucket, p_from::timestamp), p_to::timestamp, ('1 ' || v_bucket)::interval) p(period)
    left join created_buckets c on c.period = p.period
    left join resolved_buckets r on r.period = p.period
  ),
  priorities as (
    select t.priority, count(*) as created, count(*) filter (where t.fr = -1 or t.res = -1) as breached
    from t group by t.priority
  )
  select jsonb_build_object(
    'bucket', v_bucket,
    'created', s.created,
    'resolved', s.resolved,
    'open_now', (
      select count(*) from public.tickets tk
      where tk.org_id = p_org_id and tk.archived_at is null and tk.status in ('new', 'open', 'pending')
        and (p_assignee_id is null or tk.assignee_id = p_assignee_id)),
    'first_response_met', s.fr_met,
    'first_response_breached', s.fr_breached,
    'resolution_met', s.res_met,
    'resolution_breached', s.res_breached,
    'sla_attainment', case when s.decided > 0 then round(s.met_both::numeric / s.decided, 4) end,
    'avg_first_response_minutes', round(s.avg_minutes, 1),
    'median_first_response_minutes', round(s.median_minutes::numeric, 1),
    'by_priority', (
      select jsonb_agg(jsonb_build_object(
          'priority', pr.priority, 'created', coalesce(x.created, 0), 'breached', coalesce(x.breached, 0))
        order by pr.priority)
      from unnest(enum_range(null::public.ticket_priority)) pr(priority)
      left join priorities x on x.priority = pr.priority),
    'series', (
      select jsonb_agg(jsonb_build_object('period', to_char(x.period, 'YYYY-MM-DD'), 'created', x.created, 'resolved', x.resolved)
        order by x.period)
      from series x))
  into v_result
  from totals s;
  return v_result;
end;
$$;

revoke execute on function public.sales_kpis(uuid, date, date, uuid, uuid, uuid), public.lead_kpis(uuid, date, date, uuid, uuid),
  public.support_kpis(uuid, date, date, uuid) from public, anon;
grant execute on function public.sales_kpis(uuid, date, date, uuid, uuid, uuid), public.lead_kpis(uuid, date, date, uuid, uuid),
  public.support_kpis(uuid, date, date, uuid) to authenticated;
