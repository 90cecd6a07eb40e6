// Bank → one account: its reconciliation as of a day (in the URL, today by default), its
// statement lines up to that day (all, matched or unmatched, paged), importing a statement,
// matching a line to a suggested payment, invoice or bill, unmatching one, and deleting an
// unmatched line imported by mistake. Bank tables are not live: every action refreshes.
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { format } from 'date-fns';
import { ArrowLeft, ChevronLeft, ChevronRight, Upload } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { can } from '@/lib/roles.ts';
import { useUpdateSearchParams } from '@/lib/use-update-search-params.ts';
import { useBankAccount, useReconciliation } from '../api/bank-accounts.ts';
import {
  LINES_PAGE_SIZE,
  useStatementLineMutations,
  useStatementLines,
  type LineFilter,
  type StatementLine,
} from '../api/statement.ts';
import { maskAccountNumber } from '../schemas/bank-account.ts';
import { MatchDialog } from './match-dialog.tsx';
import { ReconciliationSummary } from './reconciliation-summary.tsx';
import { StatementImportDialog } from './statement-import-dialog.tsx';
import { StatementLinesTable } from './statement-lines-table.tsx';

const FILTERS: { value: LineFilter; label: string }[] = [
  { value: 'all', label: 'All lines' },
  { value: 'unmatched', label: 'Unmatched' },
  { value: 'matched', label: 'Matched' },
];

export function ReconciliationPage() {
  const { bankAccountId = '' } = useParams();
  const { org, role } = useCurrentOrg();
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const today = format(new Date(), 'yyyy-MM-dd');
  const asOfParam = params.get('asOf') ?? '';
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(asOfParam) ? asOfParam : today;
  const filterParam = params.get('show');
  const filter: LineFilter = filterParam === 'matched' || filterParam === 'unmatched' ? filterParam : 'all';
  const page = Math.max(0, Number.parseInt(params.get('page') ?? '1', 10) - 1 || 0);
  const canWrite = can(role, 'accounting.write');

  const account = useBankAccount(org.id, bankAccountId);
  const reconciliation = useReconciliation(org.id, bankAccountId, asOf);
  const lines = useStatementLines(org.id, bankAccountId, { asOf, filter, page });
  const { unmatch, remove } = useStatementLineMutations(org.id);
  const [importing, setImporting] = useState(false);
  const [matching, setMatching] = useState<StatementLine | null>(null);
  const [unmatching, setUnmatching] = useState<StatementLine | null>(null);
  const [deleting, setDeleting] = useState<StatementLine | null>(null);

  if (account.isPending) return <LoadingState label="Loading the bank account…" />;
  if (account.isError) return <ErrorState error={account.error} onRetry={() => account.refetch()} />;
  if (!account.data)
    return (
      <ErrorState
        title="Bank account not found"
        description="It does not exist, or it belongs to another organisation."
        action={
          <Button asChild variant="secondary">
            <Link to="/bank">All bank accounts</Link>
          </Button>
        }
      />
    );
  const bank = account.data;
  const currency = bank.currency;
  const total = lines.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / LINES_PAGE_SIZE));
  const setParam = (key: string, value: string | null) =>
    update((p) => {
      if (value) p.set(key, value);
      else p.delete(key);
      if (key !== 'page') p.delete('page');
    });
  const describe = (line: StatementLine) =>
    `${formatDate(line.booking_date)}, ${formatMoney(line.amount, currency)}${line.description ? `, ${line.description}` : ''}`;

  return (
    <>
      <PageHeader
        title={bank.name}
        description={
          <>
            <Link to="/bank" className="inline-flex items-center gap-1">
              <ArrowLeft className="size-3" aria-hidden="true" /> Bank accounts
            </Link>
            {' · '}
            {[bank.bank_name, maskAccountNumber(bank.account_number), currency]
              .filter((v) => v && v !== '—')
              .join(' · ')}
            {bank.gl_account && ` · ledger ${bank.gl_account.code} ${bank.gl_account.name}`}
          </>
        }
        actions={
          canWrite && (
            <Button size="sm" onClick={() => setImporting(true)}>
              <Upload className="size-4" aria-hidden="true" /> Import statement
            </Button>
          )
        }
      />
      <div className="grid gap-4">
        <Card
          title="Reconciliation"
          description={`As of ${formatDate(asOf)}`}
          actions={
            <TextField
              label="As of"
              type="date"
              value={asOf}
              max="9999-12-31"
              onChange={(e) => setParam('asOf', e.target.value && e.target.value !== today ? e.target.value : null)}
            />
          }
        >
          <ReconciliationSummary query={reconciliation} currency={currency} />
        </Card>
        <Card
          title="Statement lines"
          description={`Booked on or before ${formatDate(asOf)}`}
          flush
          actions={
            <Select
              size="sm"
              aria-label="Show"
              value={filter}
              onValueChange={(v) => setParam('show', v === 'all' ? null : v)}
              options={FILTERS.map((f) => ({ value: f.value, label: f.label, textValue: f.label }))}
              className="w-40"
            />
          }
        >
          {lines.isPending ? (
            <LoadingState label="Loading statement lines…" />
          ) : lines.isError ? (
            <ErrorState error={lines.error} onRetry={() => lines.refetch()} />
          ) : lines.data.rows.length === 0 ? (
            <EmptyState
              title={
                filter === 'unmatched'
                  ? 'Every line is matched'
                  : filter === 'matched'
                    ? 'No matched lines yet'
                    : 'No statement lines yet'
              }
              description={filter === 'all' ? 'Import a statement file from the bank to start reconciling.' : undefined}
            />
          ) : (
            <>
              <StatementLinesTable
                lines={lines.data.rows}
                currency={currency}
                canWrite={canWrite}
                onMatch={setMatching}
                onUnmatch={setUnmatching}
                onDelete={setDeleting}
              />
              <div className="flex items-center justify-between gap-2 border-t border-border px-5 py-2 text-sm text-muted">
                <span>
                  {total} {total === 1 ? 'line' : 'lines'} · page {page + 1} of {pages}
                </span>
                <span className="inline-flex gap-2">
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={page === 0}
                    onClick={() => setParam('page', page > 1 ? String(page) : null)}
                  >
                    <ChevronLeft className="size-4" aria-hidden="true" /> Newer
                  </Button>
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={page + 1 >= pages}
                    onClick={() => setParam('page', String(page + 2))}
                  >
                    Older <ChevronRight className="size-4" aria-hidden="true" />
                  </Button>
                </span>
              </div>
            </>
          )}
        </Card>
      </div>
      {importing && <StatementImportDialog open onOpenChange={setImporting} orgId={org.id} bankAccount={bank} />}
      {matching && (
        <MatchDialog
          key={matching.id}
          open
          onOpenChange={(open) => !open && setMatching(null)}
          orgId={org.id}
          line={matching}
          currency={currency}
        />
      )}
      {unmatching && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setUnmatching(null)}
          title="Unmatch this line?"
          description={`${describe(unmatching)} will no longer be matched to ${unmatching.payment?.number ?? 'its payment'}. The payment stays in the books; reverse its journal entry if it was wrong.`}
          confirmLabel="Unmatch"
          tone="primary"
          onConfirm={async () => {
            await unmatch.mutateAsync(unmatching.id);
            toast.success('Line unmatched');
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setDeleting(null)}
          title="Delete this statement line?"
          description={`${describe(deleting)} is removed from the statement, e.g. after importing the wrong file. Importing it again brings it back.`}
          confirmLabel="Delete line"
          onConfirm={async () => {
            await remove.mutateAsync(deleting.id);
            toast.success('Statement line deleted');
          }}
        />
      )}
    </>
  );
}
