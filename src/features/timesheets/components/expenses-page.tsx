// My expenses: newest first, by status (in the URL), with their receipt (opened through a
// short-lived signed link), and what can happen next: edit, delete or submit a draft (or a
// rejected one, with the reason shown), withdraw a submitted one. Live.
import { useState } from 'react';
import { Link } from 'react-router';
import { FileImage, Pencil, Plus, ReceiptText, SearchX, Send, Trash2, Undo2 } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { can } from '@/lib/roles.ts';
import { useUser } from '@/lib/session.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import {
  EXPENSE_SORTABLE,
  receiptUrl,
  useExpenseMutations,
  useMyExpenses,
  type ExpenseFilter,
  type ExpenseRow,
} from '../api/expenses.ts';
import { useMyEmployee } from '../api/timesheets.ts';
import { EXPENSE_STATUS_LABELS, EXPENSE_STATUS_TONES } from '../schemas/expense.ts';
import { ExpenseDialog } from './expense-dialog.tsx';

const FILTER_KEYS: readonly ExpenseFilter[] = ['status'];
const DEFAULT_SORT = { id: 'expense_date', desc: true };

export function ReceiptButton({ path, label }: { path: string; label: string }) {
  const supabase = useSupabase();
  const [opening, setOpening] = useState(false);
  return (
    <Button
      size="sm"
      variant="ghost"
      busy={opening}
      aria-label={label}
      onClick={async () => {
        // Opened at once (before the link is made) so the browser does not block the new tab.
        const tab = window.open('', '_blank');
        setOpening(true);
        try {
          const url = await receiptUrl(supabase, path);
          if (tab) tab.location.href = url;
          else window.location.assign(url);
        } catch (error) {
          tab?.close();
          toast.error(`Could not open the receipt: ${errorMessage(error)}`);
        } finally {
          setOpening(false);
        }
      }}
    >
      <FileImage className="size-4" aria-hidden="true" /> Receipt
    </Button>
  );
}

export function ExpensesPage() {
  const { org, role } = useCurrentOrg();
  const user = useUser();
  const me = useMyEmployee(org.id, user.id);
  const table = useServerTableState<ExpenseFilter>({
    sortable: EXPENSE_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const list = useMyExpenses(org.id, me.data?.id ?? null, table.state);
  const { submit, withdraw, remove } = useExpenseMutations(org.id);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ExpenseRow | null>(null);
  const [deleting, setDeleting] = useState<ExpenseRow | null>(null);

  if (me.isPending) return <LoadingState label="Loading your expenses…" />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  const employeeId = me.data?.id ?? null;

  const act = (what: string, run: () => Promise<unknown>, success: string) =>
    void run().then(
      () => toast.success(success),
      (error: unknown) => toast.error(`Could not ${what}: ${errorMessage(error)}`),
    );

  const col = dataTableColumns<ExpenseRow>();
  const columns = [
    col.accessor('expense_date', {
      header: 'Date',
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.expense_date),
    }),
    col.display({
      id: 'what',
      header: 'Expense',
      cell: ({ row }) => (
        <span className="grid">
          <span className="font-medium">{row.original.category}</span>
          {row.original.description && <span className="text-xs text-muted">{row.original.description}</span>}
          {row.original.status === 'rejected' && row.original.rejection_reason && (
            <span className="text-xs text-danger">Rejected: {row.original.rejection_reason}</span>
          )}
        </span>
      ),
    }),
    col.display({
      id: 'project',
      header: 'Project',
      cell: ({ row }) =>
        row.original.project ? (
          <span>
            {row.original.project.code}
            {row.original.billable && <span className="block text-xs text-muted">Billable</span>}
          </span>
        ) : (
          '—'
        ),
    }),
    col.accessor('amount', {
      header: 'Amount',
      enableSorting: true,
      meta: { className: 'text-right' },
      cell: ({ row }) => (
        <span className="grid tabular-nums">
          {formatMoney(row.original.amount, row.original.currency)}
          {Number(row.original.tax_amount) > 0 && (
            <span className="text-xs text-muted">
              + tax {formatMoney(row.original.tax_amount, row.original.currency)}
            </span>
          )}
        </span>
      ),
    }),
    col.display({
      id: 'status',
      header: 'Status',
      cell: ({ row }) => (
        <Badge tone={EXPENSE_STATUS_TONES[row.original.status]}>{EXPENSE_STATUS_LABELS[row.original.status]}</Badge>
      ),
    }),
    col.display({
      id: 'actions',
      header: 'Actions',
      meta: { className: 'text-right' },
      cell: ({ row }) => {
        const x = row.original;
        const editable = x.status === 'draft' || x.status === 'rejected';
        const name = `${x.category} of ${formatDate(x.expense_date)}`;
        return (
          <span className="flex flex-wrap justify-end gap-1">
            {x.receipt_path && <ReceiptButton path={x.receipt_path} label={`Receipt of ${name}`} />}
            {editable && (
              <>
                <Button size="sm" variant="ghost" aria-label={`Edit ${name}`} onClick={() => setEditing(x)}>
                  <Pencil className="size-4" aria-hidden="true" />
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Delete ${name}`} onClick={() => setDeleting(x)}>
                  <Trash2 className="size-4" aria-hidden="true" />
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={`Submit ${name}`}
                  onClick={() => act('submit', () => submit.mutateAsync([x.id]), 'Expense submitted for approval')}
                >
                  <Send className="size-4" aria-hidden="true" /> Submit
                </Button>
              </>
            )}
            {x.status === 'submitted' && (
              <Button
                size="sm"
                variant="secondary"
                aria-label={`Withdraw ${name}`}
                onClick={() => act('withdraw', () => withdraw.mutateAsync([x.id]), 'Expense withdrawn: back to draft')}
              >
                <Undo2 className="size-4" aria-hidden="true" /> Withdraw
              </Button>
            )}
          </span>
        );
      },
    }),
  ];

  return (
    <>
      <PageHeader
        title="Expenses"
        description="What you spent for work, with receipts, submitted for approval."
        actions={
          <>
            <Button size="sm" variant="secondary" asChild>
              <Link to="/timesheets">Timesheet</Link>
            </Button>
            {can(role, 'timesheets.approve') && (
              <Button size="sm" variant="secondary" asChild>
                <Link to="/timesheets/approvals">Approvals</Link>
              </Button>
            )}
            {employeeId && (
              <Button size="sm" onClick={() => setCreating(true)}>
                <Plus className="size-4" aria-hidden="true" /> New expense
              </Button>
            )}
          </>
        }
      />
      {!employeeId ? (
        <EmptyState
          icon={ReceiptText}
          title="You have no employee record"
          description="Ask a manager to add you as an employee (People) to claim expenses."
        />
      ) : (
        <DataTable
          caption="My expenses"
          columns={columns}
          rows={list.data?.rows}
          rowCount={list.data?.count}
          getRowId={(row) => row.id}
          sorting={table.state.sorting}
          onSortingChange={table.setSorting}
          pagination={table.state}
          onPaginationChange={table.setPagination}
          query={list}
          toolbar={
            <label className="grid gap-1 text-xs text-muted">
              Status
              <Select
                size="sm"
                className="w-48"
                value={table.state.filters.status ?? 'all'}
                onValueChange={(v) => table.setFilter('status', v === 'all' ? null : v)}
                options={[
                  { value: 'all', label: 'All', textValue: 'All' },
                  ...Object.entries(EXPENSE_STATUS_LABELS).map(([value, label]) => ({
                    value,
                    label,
                    textValue: label,
                  })),
                ]}
              />
            </label>
          }
          empty={
            <EmptyState
              icon={table.hasFilters ? SearchX : ReceiptText}
              title={table.hasFilters ? 'No expenses match' : 'No expenses yet'}
              description={table.hasFilters ? undefined : 'Add what you spent, with a photo of the receipt.'}
              action={
                table.hasFilters ? (
                  <Button variant="secondary" onClick={table.clearFilters}>
                    Clear filters
                  </Button>
                ) : undefined
              }
            />
          }
        />
      )}
      {creating && employeeId && <ExpenseDialog open={creating} onOpenChange={setCreating} employeeId={employeeId} />}
      {editing && employeeId && (
        <ExpenseDialog
          open={!!editing}
          onOpenChange={(open) => !open && setEditing(null)}
          employeeId={employeeId}
          expense={editing}
        />
      )}
      <ConfirmDialog
        open={!!deleting}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete this expense?"
        description={deleting ? `${deleting.category} of ${formatDate(deleting.expense_date)}, and its receipt.` : ''}
        confirmLabel="Delete expense"
        onConfirm={async () => {
          await remove.mutateAsync(deleting!);
          toast.success('Expense deleted');
        }}
      />
    </>
  );
}
