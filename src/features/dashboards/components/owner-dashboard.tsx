// The owner's overview: the headline figures of every area (revenue and margin, pipeline and win
// rate, receivables and DSO, inventory value, SLA attainment, churn and lifetime value), the
// revenue over time and the top customers. Each area loads and fails on its own.
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDate } from '@/lib/format.ts';
import {
  useCustomerKpis,
  useFinanceKpis,
  useInventoryKpis,
  useSalesKpis,
  useSupportKpis,
  type KpiResult,
} from '../api/kpis.ts';
import { ChartGrid, DashboardFrame, KpiSection } from './dashboard-frame.tsx';
import { RevenueSeries, TopAccounts } from './finance-sections.tsx';
import { computeDelta, formatAmount, formatDays, formatNumber, formatRatio } from './figures.ts';
import { KpiGrid, KpiTile } from './kpi-tile.tsx';
import { links } from './links.ts';
import { TopTable } from './top-table.tsx';
import { useDashboardParams } from './use-dashboard-params.ts';

const NO_SCOPE = {};

export function OwnerDashboard() {
  const { org } = useCurrentOrg();
  const params = useDashboardParams();
  const range = params.range.ok ? params.range : null;
  const finance = useFinanceKpis(org.id, range);
  const sales = useSalesKpis(org.id, range, NO_SCOPE);
  const inventory = useInventoryKpis(org.id, range, NO_SCOPE);
  const support = useSupportKpis(org.id, range, NO_SCOPE);
  const customers = useCustomerKpis(org.id, range);
  const results: KpiResult<unknown>[] = [finance, sales, inventory, support, customers];
  return (
    <DashboardFrame kind="owner" params={params} results={results}>
      {(r) => (
        <>
          <KpiSection title="Money" result={finance} loading="Reading the ledger…">
            {(f, p) => {
              const money = (v: number) => formatAmount(v, f.currency);
              return (
                <>
                  <KpiGrid label="Money figures">
                    <KpiTile
                      label="Revenue"
                      value={money(f.revenue)}
                      delta={computeDelta(f.revenue, p?.revenue)}
                      to={links.profitAndLoss(r)}
                    />
                    <KpiTile
                      label="Gross margin"
                      value={money(f.gross_margin)}
                      hint={`${formatRatio(f.gross_margin_pct, 1)} of revenue`}
                      delta={computeDelta(f.gross_margin, p?.gross_margin)}
                      to={links.profitAndLoss(r)}
                    />
                    <KpiTile
                      label="Receivables"
                      value={money(f.receivables)}
                      hint={`DSO ${formatDays(f.dso_days)}`}
                      delta={computeDelta(f.receivables, p?.receivables, { better: 'down' })}
                      to={links.arAging(r.to)}
                    />
                    <KpiTile
                      label="Overdue"
                      value={money(f.overdue_amount)}
                      hint={`${formatNumber(f.overdue_count)} invoices past due`}
                      delta={computeDelta(f.overdue_amount, p?.overdue_amount, { better: 'down' })}
                      to={links.overdueInvoices()}
                    />
                  </KpiGrid>
                  <ChartGrid>
                    <RevenueSeries finance={f} range={r} />
                    <TopAccounts finance={f} />
                  </ChartGrid>
                </>
              );
            }}
          </KpiSection>
          <KpiSection title="Sales" result={sales} loading="Adding up the deals…">
            {(s, p) => {
              const money = (v: number | null) => formatAmount(v, s.currency);
              return (
                <KpiGrid label="Sales figures">
                  <KpiTile
                    label="Open pipeline"
                    value={money(s.pipeline.open_value)}
                    hint={`${money(s.pipeline.weighted_value)} weighted, now`}
                    to={links.pipeline(NO_SCOPE)}
                    noComparison
                  />
                  <KpiTile
                    label="Won"
                    value={money(s.won_value)}
                    hint={`${formatNumber(s.won_count)} deals`}
                    delta={computeDelta(s.won_value, p?.won_value)}
                    to={links.closed('won', r, NO_SCOPE)}
                  />
                  <KpiTile
                    label="Win rate"
                    value={formatRatio(s.win_rate)}
                    delta={computeDelta(s.win_rate, p?.win_rate, { kind: 'points' })}
                    to={links.closed('won', r, NO_SCOPE)}
                  />
                  <KpiTile
                    label="Against target"
                    value={formatRatio(s.target?.attainment)}
                    hint={s.target ? `Target ${money(s.target.amount)}` : 'No target set for this period'}
                    delta={computeDelta(s.target?.attainment, p?.target?.attainment, { kind: 'points' })}
                    to={links.closed('won', r, NO_SCOPE)}
                  />
                </KpiGrid>
              );
            }}
          </KpiSection>
          <div className="grid gap-5 lg:grid-cols-2">
            <KpiSection title="Stock" result={inventory} loading="Valuing the stock…">
              {(i, p) => (
                <KpiGrid label="Stock figures">
                  <KpiTile
                    label="Inventory value"
                    value={formatAmount(i.inventory_value, i.currency)}
                    delta={computeDelta(i.inventory_value, p?.inventory_value)}
                    to={links.stockValuation(r.to)}
                  />
                  <KpiTile
                    label="Stock-outs"
                    value={formatNumber(i.stockouts)}
                    hint="Products out of stock now"
                    to={links.stockouts()}
                    noComparison
                  />
                </KpiGrid>
              )}
            </KpiSection>
            <KpiSection title="Support" result={support} loading="Counting tickets…">
              {(t, p) => (
                <KpiGrid label="Support figures">
                  <KpiTile
                    label="SLA attainment"
                    value={formatRatio(t.sla_attainment)}
                    delta={computeDelta(t.sla_attainment, p?.sla_attainment, { kind: 'points' })}
                    to={links.tickets(r)}
                  />
                  <KpiTile
                    label="Open tickets"
                    value={formatNumber(t.open_now)}
                    hint="Now"
                    to={links.openTickets()}
                    noComparison
                  />
                </KpiGrid>
              )}
            </KpiSection>
          </div>
          <KpiSection title="Customers" result={customers} loading="Counting customers…">
            {(c, p) => (
              <>
                <KpiGrid label="Customer figures">
                  <KpiTile
                    label="Active customers"
                    value={formatNumber(c.active)}
                    hint={`${formatNumber(c.new_customers)} new`}
                    delta={computeDelta(c.active, c.previous_active)}
                  />
                  <KpiTile
                    label="Churn rate"
                    value={formatRatio(c.churn_rate, 1)}
                    hint={`${formatNumber(c.churned)} of ${formatNumber(c.previous_active)} invoiced before, not in this period`}
                    delta={computeDelta(c.churn_rate, p?.churn_rate, { kind: 'points', better: 'down' })}
                  />
                  <KpiTile
                    label="Lifetime value"
                    value={formatAmount(c.lifetime_value, c.currency)}
                    hint="Net invoiced per customer, to date"
                    delta={computeDelta(c.lifetime_value, p?.lifetime_value)}
                  />
                </KpiGrid>
                <TopTable
                  title="Largest customers"
                  description="Net invoiced to date."
                  rows={c.top_lifetime}
                  rowKey={(a) => a.account_id}
                  nameHeader="Customer"
                  name={(a) => a.name}
                  href={(a) => links.account(a.account_id)}
                  columns={[
                    { header: 'Customer since', cell: (a) => formatDate(a.first_invoice) },
                    { header: 'Net invoiced', numeric: true, cell: (a) => formatAmount(a.net_invoiced, c.currency) },
                  ]}
                  emptyText="No customers invoiced yet"
                />
              </>
            )}
          </KpiSection>
        </>
      )}
    </DashboardFrame>
  );
}
