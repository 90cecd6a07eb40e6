// Receivables (AR) or payables (AP) aging as of a date (in the URL, default today): per customer
// or supplier, what was owed by days past due, the total and unapplied credit, in base currency,
// with a totals row and CSV export. A row leads to that partner's open documents.
import { useSearchParams, Link, useNavigate } from 'react-router';
import { Download } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { TextField } from '@/components/text-field.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { can } from '@/lib/roles.ts';
import { big } from '../api/amounts.ts';
import { AGING_BUCKETS, agingTotals, useAging, type AgingKind, type AgingRow } from '../api/aging.ts';
import { DATE_RE, today } from '../schemas/invoicing.ts';

const TEXT = {
  ar: {
    title: 'Receivables aging',
    description: 'What customers owed on the date, by days past due (base currency).',
    partner: 'Customer',
    empty: 'No customer owed anything on this date.',
    file: 'ar-aging',
  },
  ap: {
    title: 'Payables aging',
    description: 'What was owed to suppliers on the date, by days past due (base currency).',
    partner: 'Supplier',
    empty: 'Nothing was owed to suppliers on this date.',
    file: 'ap-aging',
  },
} as const;

/** Where a row leads: the customer's unpaid invoices, or the supplier's purchase orders (with their bills). */
function partnerLink(kind: AgingKind, accountId: string): string {
  return kind === 'ar' ? `/invoices?customer=${accountId}&status=unpaid` : `/purchase-orders?supplier=${accountId}`;
}

export function AgingPage({ kind }: { kind: AgingKind }) {
  const { org, role } = useCurrentOrg();
  // Support reads balances but not invoices: their rows lead nowhere.
  const canOpen = kind === 'ar' ? can(role, 'invoices.read') : can(role, 'purchasing.read');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const asOfParam = params.get('as_of');
  const asOf = asOfParam && DATE_RE.test(asOfParam) ? asOfParam : today();
  const aging = useAging(org.id, kind, asOf);
  const t = TEXT[kind];
  const currency = org.base_currency;
  const rows = aging.data ?? [];
  const totals = agingTotals(rows);

  function exportCsv() {
    const columns = [
      { header: t.partner, value: (r: AgingRow) => r.account_name },
      ...AGING_BUCKETS.map((b) => ({ header: b.label, value: (r: AgingRow) => big(r[b.key]).toFixed(2) })),
      { header: 'Oldest due date', value: (r: AgingRow) => r.oldest_due_date },
    ];
    const totalRow = {
      account_id: '',
      account_name: 'Total',
      oldest_due_date: '',
      ...totals,
    } as unknown as AgingRow;
    downloadCsv(`${t.file}-${asOf}`, [...rows, totalRow], columns);
  }

  return (
    <>
      <PageHeader
        title={t.title}
        description={t.description}
        actions={
          <Button size="sm" variant="secondary" onClick={exportCsv} disabled={!aging.data}>
            <Download className="size-4" aria-hidden="true" /> Export CSV
          </Button>
        }
      />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <TextField
          label="As of"
          type="date"
          value={asOf}
          onChange={(e) =>
            setParams(
              (p) => {
                const next = new URLSearchParams(p);
                if (e.target.value && e.target.value !== today()) next.set('as_of', e.target.value);
                else next.delete('as_of');
                return next;
              },
              { replace: true },
            )
          }
          className="w-48"
        />
      </div>
      {aging.isPending ? (
        <LoadingState label="Loading the aging…" />
      ) : aging.isError ? (
        <ErrorState error={aging.error} onRetry={() => aging.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={t.empty} description={`As of ${formatDate(asOf)}.`} />
      ) : (
        <Card flush>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">
                {t.title} as of {formatDate(asOf)}
              </caption>
              <thead>
                <tr className="border-b border-border text-left text-xs text-muted">
                  <th scope="col" className="px-5 py-2 font-semibold">
                    {t.partner}
                  </th>
                  {AGING_BUCKETS.map((b) => (
                    <th key={b.key} scope="col" className="py-2 pr-3 text-right font-semibold last:pr-5">
                      {b.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {rows.map((r) => (
                  <tr
                    key={r.account_id}
                    className={
                      canOpen
                        ? 'cursor-pointer border-b border-border hover:bg-surface-muted'
                        : 'border-b border-border'
                    }
                    onClick={canOpen ? () => navigate(partnerLink(kind, r.account_id)) : undefined}
                  >
                    <th scope="row" className="px-5 py-2 text-left font-medium">
                      {canOpen ? (
                        <Link
                          to={partnerLink(kind, r.account_id)}
                          className="hover:underline"
                          onClick={(e) => e.stopPropagation()}
                        >
                          {r.account_name}
                        </Link>
                      ) : (
                        r.account_name
                      )}
                      {r.oldest_due_date && (
                        <span className="block text-xs font-normal text-muted">
                          oldest due {formatDate(r.oldest_due_date)}
                        </span>
                      )}
                    </th>
                    {AGING_BUCKETS.map((b) => (
                      <td
                        key={b.key}
                        className={`py-2 pr-3 text-right last:pr-5 ${b.key === 'total_due' ? 'font-semibold' : ''}`}
                      >
                        {big(r[b.key]).eq(0) ? '—' : formatMoney(r[b.key], currency)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot className="tabular-nums">
                <tr className="border-t-2 border-border font-semibold">
                  <th scope="row" className="px-5 py-2 text-left">
                    Total
                  </th>
                  {AGING_BUCKETS.map((b) => (
                    <td key={b.key} className="py-2 pr-3 text-right last:pr-5">
                      {formatMoney(totals[b.key], currency)}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </Card>
      )}
    </>
  );
}
