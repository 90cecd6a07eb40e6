// One project: its details, the live margin (for those who see costs), what is approved and
// billable but not invoiced yet, and its invoices; and what can happen next: invoice the billable
// time and expenses (the create-invoice edge function, then a link to the invoice), issue
// materials from stock, edit, close or reopen. Everything refetches, debounced, when the
// project's time, expenses or invoices change anywhere.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ArrowLeft, FileText, Lock, LockOpen, PackageMinus, Pencil } from 'lucide-react';
import Big from 'big.js';
import { Alert } from '@/components/alert.tsx';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { personName, useOrgPeople } from '@/lib/org-people.ts';
import { can } from '@/lib/roles.ts';
import {
  useProject,
  useProjectInvoices,
  useProjectLive,
  useProjectMargin,
  useProjectMutations,
  useUnbilled,
  type CreateInvoiceResult,
  type ProjectRow,
  type UnbilledExpense,
  type UnbilledTime,
} from '../api/projects.ts';
import { BILLING_METHOD_LABELS, PROJECT_STATUS_LABELS } from '../schemas/project.ts';
import { InvoiceProjectDialog } from './invoice-project-dialog.tsx';
import { IssueMaterialDialog } from './issue-material-dialog.tsx';
import { ProjectFormDialog } from './project-form-dialog.tsx';
import { ProjectMarginCard } from './project-margin-card.tsx';

export function ProjectPage() {
  const { projectId = '' } = useParams();
  const { org, role } = useCurrentOrg();
  useProjectLive(org.id, projectId);
  const project = useProject(org.id, projectId);
  const seesCosts = can(role, 'projects.costs');
  const margin = useProjectMargin(org.id, projectId, seesCosts);
  const unbilled = useUnbilled(org.id, projectId, seesCosts);
  const invoices = useProjectInvoices(org.id, projectId, can(role, 'invoices.read'));
  const people = useOrgPeople(org.id);
  const { setStatus } = useProjectMutations(org.id);
  const [editing, setEditing] = useState(false);
  const [invoicing, setInvoicing] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [closing, setClosing] = useState(false);
  const [invoiced, setInvoiced] = useState<CreateInvoiceResult | null>(null);

  if (project.isPending) return <LoadingState label="Loading the project…" />;
  if (project.isError) return <ErrorState error={project.error} onRetry={() => project.refetch()} />;
  if (!project.data)
    return <EmptyState title="Project not found" action={<Link to="/projects">Back to projects</Link>} />;
  const p = project.data;
  const active = p.status === 'active';
  const billable = p.billing_method !== 'non_billable';
  const canWrite = can(role, 'projects.write');
  const manager = people.data?.find((x) => x.id === p.manager_id);
  const nothingToInvoice = !!unbilled.data && unbilled.data.time.length === 0 && unbilled.data.expenses.length === 0;

  return (
    <>
      <Link to="/projects" className="mb-2 inline-flex items-center gap-1 text-sm text-muted hover:underline">
        <ArrowLeft className="size-4" aria-hidden="true" /> Projects
      </Link>
      <PageHeader
        title={`${p.code} · ${p.name}`}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge tone={active ? 'success' : 'neutral'}>{PROJECT_STATUS_LABELS[p.status]}</Badge>
            {p.account && (
              <Link to={`/accounts/${p.account.id}`} className="hover:underline">
                {p.account.name}
              </Link>
            )}
            {p.deal && (
              <span>
                · from deal{' '}
                <Link to={`/deals/${p.deal.id}`} className="hover:underline">
                  {p.deal.title}
                </Link>
              </span>
            )}
            {manager && <span>· managed by {personName(manager)}</span>}
          </span>
        }
        actions={
          <>
            {canWrite && (
              <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
                <Pencil className="size-4" aria-hidden="true" /> Edit
              </Button>
            )}
            {canWrite && (
              <Button size="sm" variant="secondary" onClick={() => setClosing(true)}>
                {active ? (
                  <>
                    <Lock className="size-4" aria-hidden="true" /> Close project
                  </>
                ) : (
                  <>
                    <LockOpen className="size-4" aria-hidden="true" /> Reopen
                  </>
                )}
              </Button>
            )}
            {can(role, 'stock.move') && active && (
              <Button size="sm" variant="secondary" onClick={() => setIssuing(true)}>
                <PackageMinus className="size-4" aria-hidden="true" /> Issue materials
              </Button>
            )}
            {can(role, 'invoices.write') && billable && (
              <Button
                size="sm"
                disabled={nothingToInvoice}
                title={nothingToInvoice ? 'Nothing approved is waiting to be invoiced' : undefined}
                onClick={() => setInvoicing(true)}
              >
                <FileText className="size-4" aria-hidden="true" /> Invoice billable time and expenses
              </Button>
            )}
          </>
        }
      />
      {invoiced && (
        <Alert tone="info" title={`Invoice ${invoiced.invoice.number ?? ''} issued`} className="mb-4">
          <p>
            {formatMoney(invoiced.invoice.total, invoiced.invoice.currency)}
            {invoiced.emailed ? ', e-mailed to the customer' : ''}.{' '}
            <Link to={`/invoices/${invoiced.invoice.id}`} className="font-semibold hover:underline">
              Open invoice {invoiced.invoice.number}
            </Link>
          </p>
        </Alert>
      )}
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <div className="grid content-start gap-4">
          {seesCosts && <ProjectMarginCard query={margin} />}
          {seesCosts && billable && (
            <Card title="Not invoiced yet" description="Approved, billable, waiting for the next invoice.">
              {unbilled.isPending ? (
                <LoadingState label="Loading…" />
              ) : unbilled.isError ? (
                <ErrorState error={unbilled.error} onRetry={() => unbilled.refetch()} />
              ) : (
                <UnbilledTables project={p} time={unbilled.data.time} expenses={unbilled.data.expenses} />
              )}
            </Card>
          )}
        </div>
        <div className="grid content-start gap-4">
          <Card title="Details">
            <dl className="m-0 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-muted">Billing</dt>
              <dd className="m-0">{BILLING_METHOD_LABELS[p.billing_method] ?? p.billing_method}</dd>
              <dt className="text-muted">Hourly rate</dt>
              <dd className="m-0">
                {p.hourly_rate == null ? "Each person's bill rate" : `${formatMoney(p.hourly_rate, p.currency)} / h`}
              </dd>
              <dt className="text-muted">Expense mark-up</dt>
              <dd className="m-0">{new Big(p.expense_markup_pct).toString()}%</dd>
              <dt className="text-muted">Tax rate</dt>
              <dd className="m-0">{new Big(p.tax_rate).toString()}%</dd>
              <dt className="text-muted">Budget</dt>
              <dd className="m-0">{p.budget == null ? '—' : formatMoney(p.budget, p.currency)}</dd>
              <dt className="text-muted">Currency</dt>
              <dd className="m-0">{p.currency}</dd>
              <dt className="text-muted">Dates</dt>
              <dd className="m-0">
                {formatDate(p.start_date)} – {p.end_date ? formatDate(p.end_date) : 'open'}
              </dd>
              {p.closed_at && (
                <>
                  <dt className="text-muted">Closed</dt>
                  <dd className="m-0">{formatDate(p.closed_at)}</dd>
                </>
              )}
            </dl>
            {p.description && <p className="mt-3 mb-0 text-sm whitespace-pre-line">{p.description}</p>}
          </Card>
          {can(role, 'invoices.read') && (
            <Card title="Invoices">
              {invoices.isPending ? (
                <LoadingState label="Loading invoices…" />
              ) : invoices.isError ? (
                <ErrorState error={invoices.error} onRetry={() => invoices.refetch()} />
              ) : invoices.data.length === 0 ? (
                <p className="m-0 text-sm text-muted">Not invoiced yet.</p>
              ) : (
                <ul className="m-0 grid list-none gap-2 p-0 text-sm">
                  {invoices.data.map((i) => (
                    <li key={i.id} className="flex items-baseline justify-between gap-2">
                      <span>
                        <Link to={`/invoices/${i.id}`} className="font-medium hover:underline">
                          {i.number ?? 'Draft'}
                        </Link>
                        {i.kind === 'credit_note' && <span className="text-muted"> (credit note)</span>}
                        <span className="block text-xs text-muted">{formatDate(i.invoice_date)}</span>
                      </span>
                      <span className="tabular-nums">{formatMoney(i.total, i.currency)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          )}
        </div>
      </div>
      {editing && <ProjectFormDialog open={editing} onOpenChange={setEditing} project={p} />}
      {invoicing && (
        <InvoiceProjectDialog
          open={invoicing}
          onOpenChange={setInvoicing}
          project={p}
          onInvoiced={(result) => {
            setInvoiced(result);
            toast.success(`Invoice ${result.invoice.number ?? ''} issued`);
          }}
        />
      )}
      {issuing && <IssueMaterialDialog open={issuing} onOpenChange={setIssuing} project={p} />}
      <ConfirmDialog
        open={closing}
        onOpenChange={setClosing}
        title={active ? `Close ${p.code}?` : `Reopen ${p.code}?`}
        description={
          active
            ? 'Nobody can log time or expenses on a closed project; what is approved can still be invoiced.'
            : 'Time and expenses can be logged on it again.'
        }
        confirmLabel={active ? 'Close project' : 'Reopen project'}
        tone="primary"
        onConfirm={async () => {
          await setStatus.mutateAsync({ id: p.id, status: active ? 'closed' : 'active' });
          toast.success(active ? 'Project closed' : 'Project reopened');
        }}
      />
    </>
  );
}

function UnbilledTables({
  project,
  time,
  expenses,
}: {
  project: ProjectRow;
  time: UnbilledTime[];
  expenses: UnbilledExpense[];
}) {
  if (time.length === 0 && expenses.length === 0)
    return <p className="m-0 text-sm text-muted">Nothing approved is waiting to be invoiced.</p>;
  const byPerson = new Map<string, { name: string; rate: number | null; hours: Big; from: string; to: string }>();
  for (const t of time) {
    const g = byPerson.get(t.employee_id) ?? {
      name: t.employee?.full_name ?? 'Employee',
      rate: project.hourly_rate ?? t.employee?.bill_rate ?? null,
      hours: new Big(0),
      from: t.entry_date,
      to: t.entry_date,
    };
    g.hours = g.hours.plus(t.hours);
    if (t.entry_date < g.from) g.from = t.entry_date;
    if (t.entry_date > g.to) g.to = t.entry_date;
    byPerson.set(t.employee_id, g);
  }
  const markup = new Big(project.expense_markup_pct).div(100).plus(1);
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Time and expenses not invoiced yet</caption>
      <thead>
        <tr className="border-b border-border text-left text-xs text-muted">
          <th scope="col" className="py-2 pr-2 font-semibold">
            What
          </th>
          <th scope="col" className="py-2 pr-2 text-right font-semibold">
            Quantity
          </th>
          <th scope="col" className="py-2 pr-2 text-right font-semibold">
            Rate
          </th>
          <th scope="col" className="py-2 text-right font-semibold">
            Amount
          </th>
        </tr>
      </thead>
      <tbody className="tabular-nums">
        {[...byPerson.values()].map((g) => (
          <tr key={g.name + g.from} className="border-b border-border last:border-b-0">
            <th scope="row" className="py-2 pr-2 text-left font-normal">
              Time: {g.name}
              <span className="block text-xs text-muted">
                {formatDate(g.from)} – {formatDate(g.to)}
              </span>
            </th>
            <td className="py-2 pr-2 text-right">{g.hours.toFixed(2)} h</td>
            <td className="py-2 pr-2 text-right">
              {g.rate == null ? <span className="text-danger">No rate</span> : formatMoney(g.rate, project.currency)}
            </td>
            <td className="py-2 text-right">
              {g.rate == null ? '—' : formatMoney(g.hours.times(g.rate).round(2), project.currency)}
            </td>
          </tr>
        ))}
        {expenses.map((x) => (
          <tr key={x.id} className="border-b border-border last:border-b-0">
            <th scope="row" className="py-2 pr-2 text-left font-normal">
              Expense: {x.category}
              <span className="block text-xs text-muted">
                {formatDate(x.expense_date)}
                {x.description ? ` · ${x.description}` : ''}
              </span>
            </th>
            <td className="py-2 pr-2 text-right">1</td>
            <td className="py-2 pr-2 text-right">{formatMoney(x.amount, x.currency)}</td>
            <td className="py-2 text-right">
              {x.currency === project.currency
                ? formatMoney(new Big(x.amount).times(markup).round(2), project.currency)
                : `${formatMoney(new Big(x.amount).times(markup).round(2), x.currency)} (converted when invoiced)`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
