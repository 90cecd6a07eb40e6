// The sales manager's dashboard: the team's (or one rep's) pipeline by stage, weighted and not,
// the funnel, win rate and velocity, coverage against target, the leaderboard with targets, lead
// conversion by source and the campaigns' return.
import { SelectField } from '@/components/select-field.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { personName, useOrgPeople } from '@/lib/org-people.ts';
import { useLeadKpis, useSalesKpis } from '../api/kpis.ts';
import { useSalesTeams } from '../api/lookups.ts';
import { ChartGrid, DashboardFrame, KpiSection } from './dashboard-frame.tsx';
import { computeDelta, formatAmount, formatNumber, formatRatio } from './figures.ts';
import { KpiGrid, KpiTile } from './kpi-tile.tsx';
import { links } from './links.ts';
import {
  Campaigns,
  DealFunnel,
  Leaderboard,
  LeadsBySource,
  PipelineByStage,
  SalesTiles,
  TargetGauges,
  WonSeries,
} from './sales-sections.tsx';
import { useDashboardParams, type DashboardParams } from './use-dashboard-params.ts';

const ALL = '__all__';
const DEAL_OWNER_ROLES = new Set(['owner', 'admin', 'manager', 'sales']);

export function SalesScopeFilters({ params }: { params: DashboardParams }) {
  const { org } = useCurrentOrg();
  const people = useOrgPeople(org.id);
  const teams = useSalesTeams(org.id);
  const reps = (people.data ?? []).filter((p) => DEAL_OWNER_ROLES.has(p.role));
  return (
    <>
      <SelectField
        label="Team"
        className="w-48"
        value={params.filters.team ?? ALL}
        onValueChange={(v) => params.setFilter('team', v === ALL ? undefined : v)}
        options={[
          { value: ALL, label: 'All teams', textValue: 'All teams' },
          ...(teams.data ?? []).map((t) => ({ value: t.id, label: t.name, textValue: t.name })),
        ]}
      />
      <SelectField
        label="Rep"
        className="w-52"
        value={params.filters.owner ?? ALL}
        onValueChange={(v) => params.setFilter('owner', v === ALL ? undefined : v)}
        options={[
          { value: ALL, label: 'Everyone', textValue: 'Everyone' },
          ...reps.map((p) => ({ value: p.id, label: personName(p), textValue: personName(p) })),
        ]}
      />
    </>
  );
}

export function SalesManagerDashboard() {
  const { org } = useCurrentOrg();
  const params = useDashboardParams();
  const range = params.range.ok ? params.range : null;
  const scope = { owner: params.filters.owner, team: params.filters.team };
  const sales = useSalesKpis(org.id, range, scope);
  const leads = useLeadKpis(org.id, range, scope);
  return (
    <DashboardFrame
      kind="sales-manager"
      params={params}
      results={[sales, leads]}
      filters={<SalesScopeFilters params={params} />}
    >
      {(r) => (
        <>
          <KpiSection title="Deals" result={sales} loading="Adding up the team's deals…">
            {(s, p) => {
              const money = (v: number | null) => formatAmount(v, s.currency);
              return (
                <>
                  <KpiGrid label="Pipeline figures">
                    <KpiTile
                      label="Open pipeline"
                      value={money(s.pipeline.open_value)}
                      hint={`${formatNumber(s.pipeline.open_count)} open deals, now`}
                      to={links.pipeline(scope)}
                      noComparison
                    />
                    <KpiTile
                      label="Weighted pipeline"
                      value={money(s.pipeline.weighted_value)}
                      hint="By each deal's probability"
                      to={links.pipeline(scope)}
                      noComparison
                    />
                    <KpiTile
                      label="Lost"
                      value={formatNumber(s.lost_count)}
                      hint="Deals lost in the period"
                      delta={computeDelta(s.lost_count, p?.lost_count, { better: 'down' })}
                      to={links.closed('lost', r, scope)}
                    />
                    <KpiTile
                      label="Sales velocity"
                      value={s.velocity_per_day === null ? '—' : `${money(s.velocity_per_day)} / day`}
                      hint="Open deals × win rate × deal size ÷ cycle"
                      delta={computeDelta(s.velocity_per_day, p?.velocity_per_day)}
                      to={links.pipeline(scope)}
                    />
                  </KpiGrid>
                  <KpiGrid label="Won deal figures">
                    <SalesTiles sales={s} previous={p} range={r} scope={scope} />
                  </KpiGrid>
                  <ChartGrid>
                    <PipelineByStage sales={s} scope={scope} />
                    <DealFunnel sales={s} range={r} scope={scope} />
                    <div className="grid gap-4 sm:grid-cols-2">
                      <TargetGauges sales={s} range={r} scope={scope} />
                    </div>
                    <WonSeries sales={s} range={r} scope={scope} />
                  </ChartGrid>
                  <Leaderboard sales={s} range={r} scope={scope} />
                </>
              );
            }}
          </KpiSection>
          <KpiSection title="Leads and campaigns" result={leads} loading="Counting leads…">
            {(l, p) => (
              <>
                <KpiGrid label="Lead figures">
                  <KpiTile
                    label="Leads created"
                    value={formatNumber(l.created)}
                    delta={computeDelta(l.created, p?.created)}
                    to={links.allLeads(r, scope)}
                  />
                  <KpiTile
                    label="Lead conversion"
                    value={formatRatio(l.conversion_rate)}
                    hint={`${formatNumber(l.converted)} converted`}
                    delta={computeDelta(l.conversion_rate, p?.conversion_rate, { kind: 'points' })}
                    to={links.allLeads(r, scope, true)}
                  />
                </KpiGrid>
                <ChartGrid>
                  <LeadsBySource leads={l} range={r} scope={scope} />
                  <Campaigns leads={l} />
                </ChartGrid>
              </>
            )}
          </KpiSection>
        </>
      )}
    </DashboardFrame>
  );
}
