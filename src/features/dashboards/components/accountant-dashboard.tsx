// The accountant's dashboard: revenue, cost and gross margin from the posted ledger (as the profit
// and loss shows them), receivables and payables with DSO and DPO (as the aging reports), the
// overdue invoices, and the top customers and products.
import { useCurrentOrg } from '@/lib/current-org.ts';
import { useFinanceKpis } from '../api/kpis.ts';
import { ChartGrid, DashboardFrame, KpiSection } from './dashboard-frame.tsx';
import { OverdueInvoices, RevenueSeries, TopAccounts, TopProducts } from './finance-sections.tsx';
import { computeDelta, formatAmount, formatDays, formatNumber, formatRatio } from './figures.ts';
import { KpiGrid, KpiTile } from './kpi-tile.tsx';
import { links } from './links.ts';
import { useDashboardParams } from './use-dashboard-params.ts';

export function AccountantDashboard() {
  const { org } = useCurrentOrg();
  const params = useDashboardParams();
  const range = params.range.ok ? params.range : null;
  const finance = useFinanceKpis(org.id, range);
  return (
    <DashboardFrame kind="accountant" params={params} results={[finance]}>
      {(r) => (
        <KpiSection title="Finance" result={finance} loading="Reading the ledger…">
          {(f, p) => {
            const money = (v: number) => formatAmount(v, f.currency);
            const pnl = links.profitAndLoss(r);
            return (
              <>
                <KpiGrid label="Profit figures">
                  <KpiTile
                    label="Revenue"
                    value={money(f.revenue)}
                    delta={computeDelta(f.revenue, p?.revenue)}
                    to={pnl}
                  />
                  <KpiTile
                    label="Cost of sales"
                    value={money(f.cost_of_sales)}
                    delta={computeDelta(f.cost_of_sales, p?.cost_of_sales, { better: 'down' })}
                    to={pnl}
                  />
                  <KpiTile
                    label="Gross margin"
                    value={money(f.gross_margin)}
                    delta={computeDelta(f.gross_margin, p?.gross_margin)}
                    to={pnl}
                  />
                  <KpiTile
                    label="Gross margin %"
                    value={formatRatio(f.gross_margin_pct, 1)}
                    delta={computeDelta(f.gross_margin_pct, p?.gross_margin_pct, { kind: 'points' })}
                    to={pnl}
                  />
                </KpiGrid>
                <KpiGrid label="Receivables and payables">
                  <KpiTile
                    label="Receivables"
                    value={money(f.receivables)}
                    hint="At the end of the period"
                    delta={computeDelta(f.receivables, p?.receivables, { better: 'down' })}
                    to={links.arAging(r.to)}
                  />
                  <KpiTile
                    label="Days sales outstanding"
                    value={formatDays(f.dso_days)}
                    delta={computeDelta(f.dso_days, p?.dso_days, { better: 'down' })}
                    to={links.arAging(r.to)}
                  />
                  <KpiTile
                    label="Payables"
                    value={money(f.payables)}
                    hint="At the end of the period"
                    delta={computeDelta(f.payables, p?.payables, { better: 'down' })}
                    to={links.apAging(r.to)}
                  />
                  <KpiTile
                    label="Days payables outstanding"
                    value={formatDays(f.dpo_days)}
                    delta={computeDelta(f.dpo_days, p?.dpo_days)}
                    to={links.apAging(r.to)}
                  />
                  <KpiTile
                    label="Overdue"
                    value={money(f.overdue_amount)}
                    hint={`${formatNumber(f.overdue_count)} invoices past due`}
                    delta={computeDelta(f.overdue_amount, p?.overdue_amount, { better: 'down' })}
                    to={links.overdueInvoices()}
                  />
                </KpiGrid>
                <RevenueSeries finance={f} range={r} />
                <OverdueInvoices finance={f} />
                <ChartGrid>
                  <TopAccounts finance={f} />
                  <TopProducts finance={f} />
                </ChartGrid>
              </>
            );
          }}
        </KpiSection>
      )}
    </DashboardFrame>
  );
}
