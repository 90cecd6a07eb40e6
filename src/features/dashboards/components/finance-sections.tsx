// Pieces of finance_kpis shown on the accountant's and the owner's dashboards.
import type { DateRange } from '../schemas/range.ts';
import type { FinanceKpis } from '../schemas/kpis.ts';
import { formatAmount, formatAxisMoney, formatNumber } from './figures.ts';
import { links } from './links.ts';
import { TimeSeriesChart } from './time-series-chart.tsx';
import { TopTable } from './top-table.tsx';

export function RevenueSeries({ finance, range }: { finance: FinanceKpis; range: DateRange }) {
  const money = (v: number) => formatAmount(v, finance.currency);
  return (
    <TimeSeriesChart
      title="Revenue, cost of sales and gross margin"
      description={`Posted to the ledger, per ${finance.bucket}.`}
      rows={finance.series}
      bucket={finance.bucket}
      range={range}
      series={[
        { key: 'revenue', label: 'Revenue', color: 'primary', format: money },
        { key: 'cost_of_sales', label: 'Cost of sales', color: 'warning', format: money },
        { key: 'gross_margin', label: 'Gross margin', color: 'success', format: money },
      ]}
      axisFormat={(v) => formatAxisMoney(v, finance.currency)}
      href={(b) => links.profitAndLoss(b)}
    />
  );
}

export function TopAccounts({ finance }: { finance: FinanceKpis }) {
  return (
    <TopTable
      title="Top customers"
      description="By revenue invoiced in the period."
      rows={finance.top_accounts}
      rowKey={(a) => a.account_id}
      nameHeader="Customer"
      name={(a) => a.name}
      href={(a) => links.account(a.account_id)}
      columns={[
        { header: 'Invoices', numeric: true, cell: (a) => formatNumber(a.invoices) },
        { header: 'Revenue', numeric: true, cell: (a) => formatAmount(a.revenue, finance.currency) },
      ]}
      emptyText="Nothing invoiced in this period"
    />
  );
}

export function TopProducts({ finance }: { finance: FinanceKpis }) {
  return (
    <TopTable
      title="Top products"
      description="By revenue invoiced in the period."
      rows={finance.top_products}
      rowKey={(p) => p.product_id}
      nameHeader="Product"
      name={(p) => `${p.sku} · ${p.name}`}
      href={(p) => links.product(p.product_id)}
      columns={[
        { header: 'Quantity', numeric: true, cell: (p) => formatNumber(p.quantity, 3) },
        { header: 'Revenue', numeric: true, cell: (p) => formatAmount(p.revenue, finance.currency) },
      ]}
      emptyText="No products invoiced in this period"
    />
  );
}

export function OverdueInvoices({ finance }: { finance: FinanceKpis }) {
  return (
    <TopTable
      title="Overdue invoices"
      description={`${formatNumber(finance.overdue_count)} open past their due date, ${formatAmount(finance.overdue_amount, finance.currency)} in all.`}
      rows={finance.overdue_invoices}
      rowKey={(i) => i.invoice_id}
      nameHeader="Invoice"
      name={(i) => i.number}
      href={(i) => links.invoice(i.invoice_id)}
      columns={[
        { header: 'Customer', cell: (i) => i.account_name },
        { header: 'Days overdue', numeric: true, cell: (i) => formatNumber(i.days_overdue) },
        { header: 'Balance', numeric: true, cell: (i) => formatAmount(i.balance, finance.currency) },
      ]}
      emptyText="No overdue invoices"
      more={{ to: links.overdueInvoices(), label: 'All overdue invoices' }}
    />
  );
}
