// The support dashboard: tickets created and resolved over time, SLA attainment, first response
// times, breaches by priority and the tickets open now; for everyone or one agent.
import { SelectField } from '@/components/select-field.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { personName, useOrgPeople } from '@/lib/org-people.ts';
import { useSupportKpis } from '../api/kpis.ts';
import type { SupportKpis } from '../schemas/kpis.ts';
import { ChartGrid, DashboardFrame, KpiSection } from './dashboard-frame.tsx';
import { computeDelta, formatMinutes, formatNumber } from './figures.ts';
import { KpiGrid, KpiTile } from './kpi-tile.tsx';
import { links } from './links.ts';
import { StackedBarChart } from './stacked-bar-chart.tsx';
import { TargetGauge } from './target-gauge.tsx';
import { TimeSeriesChart } from './time-series-chart.tsx';
import { useDashboardParams, type DashboardParams } from './use-dashboard-params.ts';

const ALL = '__all__';
const AGENT_ROLES = new Set(['owner', 'admin', 'manager', 'support']);
type Priority = SupportKpis['by_priority'][number];

/** Tickets that breached either target (by_priority counts each ticket once). */
const breached = (s: SupportKpis) => s.by_priority.reduce((n, x) => n + x.breached, 0);

function AssigneeFilter({ params }: { params: DashboardParams }) {
  const { org } = useCurrentOrg();
  const people = useOrgPeople(org.id);
  return (
    <SelectField
      label="Assignee"
      className="w-52"
      value={params.filters.owner ?? ALL}
      onValueChange={(v) => params.setFilter('owner', v === ALL ? undefined : v)}
      options={[
        { value: ALL, label: 'Everyone', textValue: 'Everyone' },
        ...(people.data ?? [])
          .filter((p) => AGENT_ROLES.has(p.role))
          .map((p) => ({ value: p.id, label: personName(p), textValue: personName(p) })),
      ]}
    />
  );
}

export function SupportSections({
  support: s,
  previous: p,
  range: r,
  assignee,
}: {
  support: SupportKpis;
  previous: SupportKpis | undefined;
  range: { from: string; to: string };
  assignee?: string;
}) {
  const decided = s.first_response_met + s.first_response_breached;
  return (
    <>
      <KpiGrid label="Ticket figures">
        <KpiTile
          label="Tickets created"
          value={formatNumber(s.created)}
          hint={`${formatNumber(s.resolved)} of them resolved`}
          delta={computeDelta(s.created, p?.created, { better: 'down' })}
          to={links.tickets(r, { assignee })}
        />
        <KpiTile
          label="Open now"
          value={formatNumber(s.open_now)}
          hint="New, open or pending"
          to={links.openTickets(assignee)}
          noComparison
        />
        <KpiTile
          label="First response"
          value={formatMinutes(s.avg_first_response_minutes)}
          hint={`Average; median ${formatMinutes(s.median_first_response_minutes)}`}
          delta={computeDelta(s.avg_first_response_minutes, p?.avg_first_response_minutes, { better: 'down' })}
          to={links.tickets(r, { assignee })}
        />
        <KpiTile
          label="Breached tickets"
          value={formatNumber(breached(s))}
          hint={`${formatNumber(s.first_response_breached)} late first responses, ${formatNumber(s.resolution_breached)} late resolutions`}
          delta={computeDelta(breached(s), p ? breached(p) : undefined, { better: 'down' })}
          to={links.tickets(r, { assignee, breached: true })}
        />
      </KpiGrid>
      <ChartGrid>
        <TargetGauge
          title="SLA attainment"
          ratio={s.sla_attainment}
          emptyText="No ticket's targets are decided yet"
          detail={`Tickets that met both targets; first response met ${formatNumber(s.first_response_met)} of ${formatNumber(decided)}`}
          goodFrom={0.95}
          poorBelow={0.8}
          href={links.tickets(r, { assignee })}
        />
        <StackedBarChart<Priority>
          title="Tickets by priority"
          description="Created in the period, within their SLA or breached."
          rows={s.by_priority}
          rowKey={(x) => x.priority}
          rowLabel={(x) => x.priority[0]!.toUpperCase() + x.priority.slice(1)}
          labelHeader="Priority"
          segments={[
            { label: 'Within SLA', color: 'success', value: (x) => x.created - x.breached },
            { label: 'Breached', color: 'danger', value: (x) => x.breached },
          ]}
          extraColumns={[{ header: 'Created', numeric: true, value: (x) => formatNumber(x.created) }]}
          format={(v) => formatNumber(v)}
          axisFormat={(v) => formatNumber(v)}
          href={(x) => links.tickets(r, { assignee, priority: x.priority })}
        />
      </ChartGrid>
      <TimeSeriesChart
        title="Created and resolved"
        description={`Tickets per ${s.bucket}.`}
        rows={s.series}
        bucket={s.bucket}
        range={r}
        series={[
          { key: 'created', label: 'Created', color: 'primary', format: (v) => formatNumber(v) },
          { key: 'resolved', label: 'Resolved', color: 'success', format: (v) => formatNumber(v) },
        ]}
        axisFormat={(v) => formatNumber(v)}
        href={(b) => links.tickets(b, { assignee })}
      />
    </>
  );
}

export function SupportDashboard() {
  const { org } = useCurrentOrg();
  const params = useDashboardParams();
  const range = params.range.ok ? params.range : null;
  const assignee = params.filters.owner;
  const support = useSupportKpis(org.id, range, { assignee });
  return (
    <DashboardFrame kind="support" params={params} results={[support]} filters={<AssigneeFilter params={params} />}>
      {(r) => (
        <KpiSection title="Tickets" result={support} loading="Counting tickets…">
          {(s, p) => <SupportSections support={s} previous={p} range={r} assignee={assignee} />}
        </KpiSection>
      )}
    </DashboardFrame>
  );
}
