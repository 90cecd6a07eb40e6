// The sales rep's dashboard: their own deals (owner = me): pipeline by stage, won against their
// target and the coverage of the rest, win rate, deal size and cycle, and their leads by source.
import { useCurrentOrg } from '@/lib/current-org.ts';
import { useUser } from '@/lib/session.ts';
import { useLeadKpis, useSalesKpis } from '../api/kpis.ts';
import { ChartGrid, DashboardFrame, KpiSection } from './dashboard-frame.tsx';
import { computeDelta, formatNumber, formatRatio } from './figures.ts';
import { KpiGrid, KpiTile } from './kpi-tile.tsx';
import { links } from './links.ts';
import { LeadsBySource, PipelineByStage, SalesTiles, TargetGauges, WonSeries } from './sales-sections.tsx';
import { useDashboardParams } from './use-dashboard-params.ts';

export function SalesRepDashboard() {
  const { org } = useCurrentOrg();
  const user = useUser();
  const params = useDashboardParams();
  const range = params.range.ok ? params.range : null;
  const scope = { owner: user.id };
  const sales = useSalesKpis(org.id, range, scope);
  const leads = useLeadKpis(org.id, range, scope);
  return (
    <DashboardFrame kind="sales-rep" params={params} results={[sales, leads]}>
      {(r) => (
        <>
          <KpiSection title="My deals" result={sales} loading="Adding up your deals…">
            {(s, p) => (
              <>
                <KpiGrid label="My deal figures">
                  <SalesTiles sales={s} previous={p} range={r} scope={scope} />
                </KpiGrid>
                <ChartGrid>
                  <div className="grid gap-4 sm:grid-cols-2">
                    <TargetGauges sales={s} range={r} scope={scope} />
                  </div>
                  <PipelineByStage sales={s} scope={scope} title="My pipeline by stage" />
                  <WonSeries sales={s} range={r} scope={scope} />
                </ChartGrid>
              </>
            )}
          </KpiSection>
          <KpiSection title="My leads" result={leads} loading="Counting your leads…">
            {(l, p) => (
              <>
                <KpiGrid label="My lead figures">
                  <KpiTile
                    label="Leads created"
                    value={formatNumber(l.created)}
                    delta={computeDelta(l.created, p?.created)}
                    to={links.allLeads(r, { owner: user.id })}
                  />
                  <KpiTile
                    label="Converted"
                    value={formatNumber(l.converted)}
                    delta={computeDelta(l.converted, p?.converted)}
                    to={links.allLeads(r, { owner: user.id }, true)}
                  />
                  <KpiTile
                    label="Conversion rate"
                    value={formatRatio(l.conversion_rate)}
                    delta={computeDelta(l.conversion_rate, p?.conversion_rate, { kind: 'points' })}
                    to={links.allLeads(r, { owner: user.id }, true)}
                  />
                </KpiGrid>
                <LeadsBySource leads={l} range={r} scope={{ owner: user.id }} />
              </>
            )}
          </KpiSection>
        </>
      )}
    </DashboardFrame>
  );
}
