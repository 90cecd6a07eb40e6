// The sales dashboards' charts and tables, from sales_kpis and lead_kpis answers. The rep's
// dashboard and the manager's share them; the scope (owner, team) goes into every link.
import Big from 'big.js';
import type { DateRange } from '../schemas/range.ts';
import type { LeadKpis, SalesKpis } from '../schemas/kpis.ts';
import { FunnelChart } from './funnel-chart.tsx';
import { links, type SalesScope } from './links.ts';
import { StackedBarChart } from './stacked-bar-chart.tsx';
import { TargetGauge } from './target-gauge.tsx';
import { TimeSeriesChart } from './time-series-chart.tsx';
import { computeDelta, formatAmount, formatAxisMoney, formatDays, formatNumber, formatRatio } from './figures.ts';
import { KpiTile } from './kpi-tile.tsx';
import { TopTable } from './top-table.tsx';

type Stage = SalesKpis['pipeline']['by_stage'][number];
type Source = LeadKpis['by_source'][number];

interface Props {
  sales: SalesKpis;
  range: DateRange;
  scope: SalesScope;
}

export function PipelineByStage({
  sales,
  scope,
  title = 'Open pipeline by stage',
}: Omit<Props, 'range'> & { title?: string }) {
  const money = (v: number) => formatAmount(v, sales.currency);
  return (
    <StackedBarChart<Stage>
      title={title}
      description={`${formatNumber(sales.pipeline.open_count)} open deals worth ${money(sales.pipeline.open_value)} (${money(sales.pipeline.weighted_value)} weighted by probability), now.`}
      rows={sales.pipeline.by_stage}
      rowKey={(s) => s.stage_id}
      rowLabel={(s) => s.stage_name}
      labelHeader="Stage"
      segments={[
        { label: 'Weighted', color: 'primary', value: (s) => s.weighted_value },
        { label: 'Rest of the value', color: 'muted', value: (s) => Number(new Big(s.value).minus(s.weighted_value)) },
      ]}
      extraColumns={[
        { header: 'Deals', numeric: true, value: (s) => formatNumber(s.count) },
        { header: 'Open value', numeric: true, value: (s) => money(s.value) },
      ]}
      format={money}
      axisFormat={(v) => formatAxisMoney(v, sales.currency)}
      href={(s) => links.pipeline(scope, s.stage_id)}
    />
  );
}

export function WonSeries({ sales, range, scope }: Props) {
  return (
    <TimeSeriesChart
      title="Won over time"
      description={`Value of deals won per ${sales.bucket}.`}
      rows={sales.won_series}
      bucket={sales.bucket}
      range={range}
      variant="area"
      series={[
        { key: 'won_value', label: 'Won value', color: 'success', format: (v) => formatAmount(v, sales.currency) },
      ]}
      axisFormat={(v) => formatAxisMoney(v, sales.currency)}
      href={(bucket) => links.closed('won', bucket, scope)}
    />
  );
}

export function DealFunnel({ sales, range, scope }: Props) {
  // The funnel is one pipeline's: its deals are listed in that pipeline (a deal moved from another
  // pipeline may have reached an equal stage there).
  const pipelineOf = new Map(sales.pipeline.by_stage.map((s) => [s.stage_id, s.pipeline_id]));
  return (
    <FunnelChart
      title="Deal funnel"
      description="Deals created in the period, by the furthest stage they reached."
      unit="deals"
      steps={sales.funnel.map((s) => ({
        key: s.stage_id,
        label: s.stage_name,
        value: s.reached,
        href: links.funnel(s.stage_id, range, scope, pipelineOf.get(s.stage_id)),
      }))}
    />
  );
}

export function TargetGauges({ sales, range, scope }: Props) {
  const money = (v: number) => formatAmount(v, sales.currency);
  const t = sales.target;
  return (
    <>
      <TargetGauge
        title="Won against target"
        ratio={t?.attainment}
        emptyText="No target set for this period"
        detail={t ? `${money(sales.won_value)} won of ${money(t.amount)}` : undefined}
        href={links.closed('won', range, scope)}
      />
      <TargetGauge
        title="Pipeline coverage"
        ratio={t?.coverage}
        emptyText={t ? 'Target met: nothing left to cover' : 'No target set for this period'}
        detail={t ? `${money(t.open_in_range_value)} open, expected to close in the period` : undefined}
        goodFrom={1}
        poorBelow={0.5}
        href={links.coverage(range, scope)}
      />
    </>
  );
}

export function LeadsBySource({ leads, range, scope }: { leads: LeadKpis; range: DateRange; scope: SalesScope }) {
  return (
    <StackedBarChart<Source>
      title="Leads by source"
      description={`${formatNumber(leads.created)} leads created, ${formatNumber(leads.converted)} converted (${formatRatio(leads.conversion_rate)}).`}
      rows={leads.by_source}
      rowKey={(s) => s.source ?? 'none'}
      rowLabel={(s) => s.source ?? 'No source'}
      labelHeader="Source"
      segments={[
        { label: 'Converted', color: 'success', value: (s) => s.converted },
        { label: 'Not converted', color: 'muted', value: (s) => s.leads - s.converted },
      ]}
      extraColumns={[
        { header: 'Leads', numeric: true, value: (s) => formatNumber(s.leads) },
        { header: 'Conversion', numeric: true, value: (s) => formatRatio(s.conversion_rate) },
      ]}
      format={(v) => formatNumber(v)}
      axisFormat={(v) => formatNumber(v)}
      href={(s) => links.leads(s.source, range, scope)}
    />
  );
}

export function Leaderboard({ sales, range, scope }: Props) {
  const money = (v: number | null) => formatAmount(v, sales.currency);
  return (
    <TopTable
      title="Leaderboard"
      description="Won in the period, against each rep's target."
      rows={sales.by_owner}
      rowKey={(r) => r.owner_id ?? 'none'}
      nameHeader="Rep"
      name={(r) => r.owner_name ?? (r.owner_id ? 'Former member' : 'No owner')}
      href={(r) => (r.owner_id ? links.closed('won', range, { team: scope.team, owner: r.owner_id }) : undefined)}
      columns={[
        { header: 'Won', numeric: true, cell: (r) => formatNumber(r.won_count) },
        { header: 'Won value', numeric: true, cell: (r) => money(r.won_value) },
        { header: 'Target', numeric: true, cell: (r) => money(r.target) },
        {
          header: 'Attainment',
          numeric: true,
          cell: (r) => (r.target ? formatRatio(r.won_value / r.target) : '—'),
        },
        { header: 'Open pipeline', numeric: true, cell: (r) => money(r.open_value) },
      ]}
      emptyText="No deals won or open in this period"
    />
  );
}

export function Campaigns({ leads }: { leads: LeadKpis }) {
  const money = (v: number) => formatAmount(v, leads.currency);
  return (
    <TopTable
      title="Campaigns"
      description="Leads and won deals attributed to each campaign, and the return on its budget."
      rows={leads.by_campaign}
      rowKey={(c) => c.campaign_id}
      nameHeader="Campaign"
      name={(c) => c.name}
      href={(c) => links.campaign(c.campaign_id)}
      columns={[
        { header: 'Leads', numeric: true, cell: (c) => formatNumber(c.leads) },
        { header: 'Converted', numeric: true, cell: (c) => formatNumber(c.converted) },
        { header: 'Won value', numeric: true, cell: (c) => money(c.won_value) },
        { header: 'Budget', numeric: true, cell: (c) => money(c.budget) },
        { header: 'Return', numeric: true, cell: (c) => formatRatio(c.return_on_budget) },
      ]}
      emptyText="No campaigns ran in this period"
    />
  );
}

/** The headline tiles of the sales dashboards, each against the previous period. */
export function SalesTiles({ sales, previous: p, range, scope }: Props & { previous: SalesKpis | undefined }) {
  const money = (v: number | null) => formatAmount(v, sales.currency);
  const won = links.closed('won', range, scope);
  return (
    <>
      <KpiTile
        label="Won"
        value={money(sales.won_value)}
        hint={`${formatNumber(sales.won_count)} deals`}
        delta={computeDelta(sales.won_value, p?.won_value)}
        to={won}
      />
      <KpiTile
        label="Win rate"
        value={formatRatio(sales.win_rate)}
        hint={`${formatNumber(sales.won_count)} won, ${formatNumber(sales.lost_count)} lost`}
        delta={computeDelta(sales.win_rate, p?.win_rate, { kind: 'points' })}
        to={won}
      />
      <KpiTile
        label="Average deal size"
        value={money(sales.avg_deal_size)}
        delta={computeDelta(sales.avg_deal_size, p?.avg_deal_size)}
        to={won}
      />
      <KpiTile
        label="Sales cycle"
        value={formatDays(sales.sales_cycle_days)}
        hint="From created to won"
        delta={computeDelta(sales.sales_cycle_days, p?.sales_cycle_days, { better: 'down' })}
        to={won}
      />
    </>
  );
}
