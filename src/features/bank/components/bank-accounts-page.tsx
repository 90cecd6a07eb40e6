// Bank: the org's bank accounts with their ledger account and, as of today, the statement's
// balance against the ledger's and how many statement lines are not matched yet; add or edit
// an account and import a statement into one (those who keep the books).
import { useState } from 'react';
import { Link } from 'react-router';
import { format } from 'date-fns';
import { Landmark, Pencil, Plus, Upload } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatMoney } from '@/lib/money.ts';
import { can } from '@/lib/roles.ts';
import { useBankAccounts, useReconciliations, type BankAccount } from '../api/bank-accounts.ts';
import { maskAccountNumber } from '../schemas/bank-account.ts';
import { BankAccountDialog } from './bank-account-dialog.tsx';
import { StatementImportDialog } from './statement-import-dialog.tsx';

export function BankAccountsPage() {
  const { org, role } = useCurrentOrg();
  const accounts = useBankAccounts(org.id);
  const today = format(new Date(), 'yyyy-MM-dd');
  const reconciliations = useReconciliations(org.id, accounts.data?.map((a) => a.id) ?? [], today);
  const [editing, setEditing] = useState<BankAccount | 'new' | null>(null);
  const [importing, setImporting] = useState<BankAccount | null>(null);
  const canWrite = can(role, 'accounting.write');

  return (
    <>
      <PageHeader
        title="Bank"
        description="Bank accounts, their imported statements and how they reconcile with the books."
        actions={
          canWrite && (
            <Button size="sm" onClick={() => setEditing('new')}>
              <Plus className="size-4" aria-hidden="true" /> New bank account
            </Button>
          )
        }
      />
      <Card title="Bank accounts" description={`Balances as of today`} flush>
        {accounts.isPending ? (
          <LoadingState label="Loading bank accounts…" />
        ) : accounts.isError ? (
          <ErrorState error={accounts.error} onRetry={() => accounts.refetch()} />
        ) : accounts.data.length === 0 ? (
          <EmptyState
            icon={Landmark}
            title="No bank accounts yet"
            description="Add one on an asset account of the chart to import its statements."
          />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Bank accounts</caption>
              <thead>
                <tr className="border-b border-border text-left text-xs text-muted">
                  <th scope="col" className="px-5 py-2 font-semibold">
                    Name
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Bank
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Account number
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Currency
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Ledger account
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-semibold">
                    Statement balance
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-semibold">
                    Ledger balance
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-semibold">
                    Unmatched lines
                  </th>
                  {canWrite && (
                    <th scope="col" className="px-5 py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {accounts.data.map((account, i) => {
                  const rec = reconciliations[i];
                  const figure = (value: (r: NonNullable<NonNullable<typeof rec>['data']>) => string) =>
                    rec?.isError ? 'Not available' : rec?.data ? value(rec.data) : '…';
                  return (
                    <tr key={account.id} className="border-b border-border last:border-b-0">
                      <th scope="row" className="px-5 py-2 text-left font-medium">
                        <Link to={`/bank/${account.id}`}>{account.name}</Link>
                        {!account.active && (
                          <Badge tone="neutral" className="ml-2">
                            Inactive
                          </Badge>
                        )}
                      </th>
                      <td className="px-3 py-2">{account.bank_name ?? '—'}</td>
                      <td className="px-3 py-2 font-mono whitespace-nowrap">
                        {maskAccountNumber(account.account_number)}
                      </td>
                      <td className="px-3 py-2">{account.currency}</td>
                      <td className="px-3 py-2">
                        {account.gl_account ? `${account.gl_account.code} · ${account.gl_account.name}` : '—'}
                      </td>
                      <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                        {figure((r) => formatMoney(r.statement_balance, account.currency))}
                      </td>
                      <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                        {figure((r) => formatMoney(r.ledger_balance, account.currency))}
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{figure((r) => String(r.unmatched_lines))}</td>
                      {canWrite && (
                        <td className="px-5 py-1.5 text-right whitespace-nowrap">
                          <span className="inline-flex gap-2">
                            <Button
                              size="sm"
                              variant="secondary"
                              onClick={() => setImporting(account)}
                              aria-label={`Import statement into ${account.name}`}
                            >
                              <Upload className="size-4" aria-hidden="true" /> Import statement
                            </Button>
                            <Button
                              size="sm"
                              variant="ghost"
                              onClick={() => setEditing(account)}
                              aria-label={`Edit ${account.name}`}
                            >
                              <Pencil className="size-4" aria-hidden="true" /> Edit
                            </Button>
                          </span>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {editing && (
        <BankAccountDialog
          key={editing === 'new' ? 'new' : editing.id}
          open
          onOpenChange={(open) => !open && setEditing(null)}
          bankAccount={editing === 'new' ? undefined : editing}
        />
      )}
      {importing && (
        <StatementImportDialog
          key={importing.id}
          open
          onOpenChange={(open) => !open && setImporting(null)}
          orgId={org.id}
          bankAccount={importing}
        />
      )}
    </>
  );
}
