// Approvals (owners, admins, managers): the organisation's submitted time, a week per employee,
// and submitted expenses, each approved or rejected with a reason through the database's RPCs
// (approve_timesheets / reject_timesheets, approve_expenses / reject_expenses). The database
// decides who may approve whom (the department's manager; nobody their own): its refusal is shown
// where the action was taken. Live: what someone else decides leaves the list.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Check, ClipboardCheck, X } from 'lucide-react';
import Big from 'big.js';
import { parseISO } from 'date-fns';
import { Alert } from '@/components/alert.tsx';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { useUser } from '@/lib/session.ts';
import { useExpenseMutations, useSubmittedExpenses, type ExpenseRow } from '../api/expenses.ts';
import { useSubmittedTime, useTimeDecisions, type SubmittedEntry } from '../api/timesheets.ts';
import { dayLabel, formatHours, weekLabel, weekStartOf } from '../schemas/timesheet.ts';
import { ReceiptButton } from './expenses-page.tsx';
import { RejectDialog } from './reject-dialog.tsx';

interface WeekGroup {
  key: string;
  employeeName: string;
  own: boolean;
  weekStart: string;
  entries: SubmittedEntry[];
  hours: Big;
}

function groupWeeks(entries: SubmittedEntry[], userId: string): WeekGroup[] {
  const groups = new Map<string, WeekGroup>();
  for (const e of entries) {
    const weekStart = weekStartOf(parseISO(e.entry_date));
    const key = `${e.employee_id}|${weekStart}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        employeeName: e.employee?.full_name ?? 'Employee',
        own: e.employee?.user_id === userId,
        weekStart,
        entries: [],
        hours: new Big(0),
      };
      groups.set(key, g);
    }
    g.entries.push(e);
    g.hours = g.hours.plus(e.hours);
  }
  return [...groups.values()].sort(
    (a, b) => a.weekStart.localeCompare(b.weekStart) || a.employeeName.localeCompare(b.employeeName),
  );
}

export function ApprovalsPage() {
  const { org } = useCurrentOrg();
  const user = useUser();
  const time = useSubmittedTime(org.id);
  const expenses = useSubmittedExpenses(org.id);
  const groups = useMemo(() => groupWeeks(time.data ?? [], user.id), [time.data, user.id]);

  return (
    <>
      <PageHeader
        title="Approvals"
        description="Submitted time and expenses waiting for a decision."
        actions={
          <>
            <Button size="sm" variant="secondary" asChild>
              <Link to="/timesheets">Timesheet</Link>
            </Button>
            <Button size="sm" variant="secondary" asChild>
              <Link to="/expenses">Expenses</Link>
            </Button>
          </>
        }
      />
      <div className="grid gap-6">
        <section aria-labelledby="approvals-time" className="grid gap-4">
          <h2 id="approvals-time" className="m-0 text-lg font-semibold">
            Time
          </h2>
          {time.isPending ? (
            <LoadingState label="Loading submitted time…" />
          ) : time.isError ? (
            <ErrorState error={time.error} onRetry={() => time.refetch()} />
          ) : groups.length === 0 ? (
            <EmptyState icon={ClipboardCheck} title="No time waiting for approval" />
          ) : (
            groups.map((g) => <WeekCard key={g.key} group={g} />)
          )}
        </section>
        <section aria-labelledby="approvals-expenses" className="grid gap-4">
          <h2 id="approvals-expenses" className="m-0 text-lg font-semibold">
            Expenses
          </h2>
          {expenses.isPending ? (
            <LoadingState label="Loading submitted expenses…" />
          ) : expenses.isError ? (
            <ErrorState error={expenses.error} onRetry={() => expenses.refetch()} />
          ) : expenses.data.length === 0 ? (
            <EmptyState icon={ClipboardCheck} title="No expenses waiting for approval" />
          ) : (
            <ExpensesCard expenses={expenses.data} userId={user.id} />
          )}
        </section>
      </div>
    </>
  );
}

function WeekCard({ group }: { group: WeekGroup }) {
  const { org } = useCurrentOrg();
  const { approve, reject } = useTimeDecisions(org.id);
  const [error, setError] = useState<unknown>(null);
  const [rejecting, setRejecting] = useState(false);
  const ids = group.entries.map((e) => e.id);
  const title = `${group.employeeName}, week of ${weekLabel(group.weekStart)}`;

  return (
    <Card
      title={title}
      headingLevel={3}
      description={
        <span className="inline-flex flex-wrap items-center gap-2">
          <span>{formatHours(group.hours)} h submitted</span>
          {group.own && <Badge tone="warning">Your own time</Badge>}
        </span>
      }
      actions={
        <>
          <Button size="sm" variant="secondary" onClick={() => setRejecting(true)} disabled={approve.isPending}>
            <X className="size-4" aria-hidden="true" /> Reject
          </Button>
          <Button
            size="sm"
            busy={approve.isPending}
            onClick={() => {
              setError(null);
              approve.mutate(ids, {
                onSuccess: () => toast.success(`Approved ${formatHours(group.hours)} h of ${group.employeeName}`),
                onError: setError,
              });
            }}
          >
            <Check className="size-4" aria-hidden="true" /> Approve
          </Button>
        </>
      }
    >
      <div className="grid gap-3">
        {error !== null && <Alert title="Could not approve">{errorMessage(error)}</Alert>}
        <table className="w-full text-sm">
          <caption className="sr-only">Time of {title}</caption>
          <thead>
            <tr className="border-b border-border text-left text-xs text-muted">
              <th scope="col" className="py-2 pr-2 font-semibold">
                Day
              </th>
              <th scope="col" className="py-2 pr-2 font-semibold">
                Project
              </th>
              <th scope="col" className="py-2 pr-2 font-semibold">
                Description
              </th>
              <th scope="col" className="py-2 pr-2 font-semibold">
                Billable
              </th>
              <th scope="col" className="py-2 text-right font-semibold">
                Hours
              </th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {group.entries.map((e) => (
              <tr key={e.id} className="border-b border-border last:border-b-0">
                <td className="py-2 pr-2">
                  {dayLabel(e.entry_date).short} {dayLabel(e.entry_date).date}
                </td>
                <td className="py-2 pr-2">
                  {e.project
                    ? `${e.project.code} · ${e.project.name}`
                    : `Production order ${e.production_order?.number ?? ''}`}
                </td>
                <td className="py-2 pr-2">{e.description ?? '—'}</td>
                <td className="py-2 pr-2">{e.billable ? 'Yes' : 'No'}</td>
                <td className="py-2 text-right">{formatHours(e.hours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rejecting && (
        <RejectDialog
          open={rejecting}
          onOpenChange={setRejecting}
          title={`Reject the time of ${group.employeeName}?`}
          description={`Week of ${weekLabel(group.weekStart)}: ${formatHours(group.hours)} h go back to them to fix.`}
          onReject={async (reason) => {
            await reject.mutateAsync({ ids, reason });
            toast.success(`Rejected the week of ${group.employeeName}`);
          }}
        />
      )}
    </Card>
  );
}

function ExpensesCard({ expenses, userId }: { expenses: ExpenseRow[]; userId: string }) {
  const { org } = useCurrentOrg();
  const { approve, reject } = useExpenseMutations(org.id);
  const [errors, setErrors] = useState<Record<string, unknown>>({});
  const [rejecting, setRejecting] = useState<ExpenseRow | null>(null);

  return (
    <Card flush>
      <table className="w-full text-sm">
        <caption className="sr-only">Submitted expenses</caption>
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th scope="col" className="px-5 py-2 font-semibold">
              Employee
            </th>
            <th scope="col" className="py-2 pr-2 font-semibold">
              Date
            </th>
            <th scope="col" className="py-2 pr-2 font-semibold">
              Expense
            </th>
            <th scope="col" className="py-2 pr-2 font-semibold">
              Project
            </th>
            <th scope="col" className="py-2 pr-2 text-right font-semibold">
              Amount
            </th>
            <th scope="col" className="px-5 py-2 text-right font-semibold">
              Decision
            </th>
          </tr>
        </thead>
        <tbody>
          {expenses.map((x) => {
            const name = `${x.employee?.full_name ?? 'Employee'}: ${x.category} of ${formatDate(x.expense_date)}`;
            const error = errors[x.id];
            return (
              <tr key={x.id} className="border-b border-border align-top last:border-b-0">
                <th scope="row" className="px-5 py-2 text-left font-normal">
                  {x.employee?.full_name}
                  {x.employee?.user_id === userId && (
                    <Badge tone="warning" className="ml-2">
                      Yours
                    </Badge>
                  )}
                </th>
                <td className="py-2 pr-2">{formatDate(x.expense_date)}</td>
                <td className="py-2 pr-2">
                  {x.category}
                  {x.description && <span className="block text-xs text-muted">{x.description}</span>}
                  {error !== undefined && (
                    <span role="alert" className="block text-xs text-danger">
                      {errorMessage(error)}
                    </span>
                  )}
                </td>
                <td className="py-2 pr-2">
                  {x.project ? x.project.code : '—'}
                  {x.billable && <span className="block text-xs text-muted">Billable</span>}
                </td>
                <td className="py-2 pr-2 text-right tabular-nums">
                  {formatMoney(x.amount, x.currency)}
                  {Number(x.tax_amount) > 0 && (
                    <span className="block text-xs text-muted">+ tax {formatMoney(x.tax_amount, x.currency)}</span>
                  )}
                </td>
                <td className="px-5 py-2">
                  <span className="flex flex-wrap justify-end gap-1">
                    {x.receipt_path && <ReceiptButton path={x.receipt_path} label={`Receipt of ${name}`} />}
                    <Button size="sm" variant="secondary" aria-label={`Reject ${name}`} onClick={() => setRejecting(x)}>
                      <X className="size-4" aria-hidden="true" /> Reject
                    </Button>
                    <Button
                      size="sm"
                      aria-label={`Approve ${name}`}
                      busy={approve.isPending && approve.variables?.[0] === x.id}
                      onClick={() => {
                        setErrors(({ [x.id]: _, ...rest }) => rest);
                        approve.mutate([x.id], {
                          onSuccess: () => toast.success('Expense approved'),
                          onError: (e) => setErrors((all) => ({ ...all, [x.id]: e })),
                        });
                      }}
                    >
                      <Check className="size-4" aria-hidden="true" /> Approve
                    </Button>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rejecting && (
        <RejectDialog
          open={!!rejecting}
          onOpenChange={(open) => !open && setRejecting(null)}
          title="Reject this expense?"
          description={`${rejecting.employee?.full_name ?? ''}: ${rejecting.category} of ${formatDate(rejecting.expense_date)}`}
          onReject={async (reason) => {
            await reject.mutateAsync({ ids: [rejecting.id], reason });
            toast.success('Expense rejected');
          }}
        />
      )}
    </Card>
  );
}
