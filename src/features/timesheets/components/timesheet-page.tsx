// Timesheets: one employee's week in the grid (the signed-in person's own; owners, admins and
// managers may pick anyone). The week (Monday first) and the employee are in the URL. Save sends
// the whole grid to save_timesheet_week() in one transaction; Submit saves what is unsaved, then
// submits the week's draft and rejected time; Withdraw takes a submitted week back to draft.
// Hours are checked per cell (0 to 24, hundredths) and per day (24 at most) before anything is
// sent; what the database refuses is shown above the grid. Live: changes made elsewhere (an
// approval, another tab) show unless there are unsaved edits.
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CalendarClock, ChevronLeft, ChevronRight, Clock, Save, Send, Undo2 } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { can } from '@/lib/roles.ts';
import { useUser } from '@/lib/session.ts';
import { useUpdateSearchParams } from '@/lib/use-update-search-params.ts';
import {
  useActiveProjects,
  useEmployeeChoices,
  useMyEmployee,
  useWeekEntries,
  useWeekMutations,
  type EmployeeChoice,
  type WeekEntry,
} from '../api/timesheets.ts';
import {
  addDaysIso,
  emptyRow,
  formatHours,
  gridFromEntries,
  gridProblems,
  weekDays,
  weekFromParam,
  weekLabel,
  weekPayload,
  weekStartOf,
  weekTotal,
  type GridRow,
  type RowSource,
} from '../schemas/timesheet.ts';
import { TimesheetGrid } from './timesheet-grid.tsx';

function entrySource(e: WeekEntry): RowSource {
  if (e.project_id) {
    return {
      project_id: e.project_id,
      production_order_id: null,
      label: e.project ? `${e.project.code} · ${e.project.name}` : 'Project',
      billableFixed: e.project?.billing_method === 'non_billable',
    };
  }
  const order = e.production_order;
  return {
    project_id: null,
    production_order_id: e.production_order_id,
    label: `Production order ${order?.number ?? '(planned)'}`,
    sublabel: order?.product?.name,
    billableFixed: true,
  };
}

export function TimesheetPage() {
  const { org, role } = useCurrentOrg();
  const user = useUser();
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const weekStart = weekFromParam(params.get('week'));
  const forAnyone = can(role, 'timesheets.approve');
  const me = useMyEmployee(org.id, user.id);
  const choices = useEmployeeChoices(org.id, forAnyone);
  const chosenId = params.get('employee');
  const employee: EmployeeChoice | null | undefined =
    forAnyone && chosenId ? (choices.data?.find((e) => e.id === chosenId) ?? null) : me.data;

  const goToWeek = (week: string) =>
    update((next) => {
      if (week === weekStartOf(new Date())) next.delete('week');
      else next.set('week', week);
    });

  const header = (
    <PageHeader
      title="Timesheet"
      description={
        <span className="inline-flex flex-wrap items-center gap-2">
          <span>Week of {weekLabel(weekStart)}</span>
          {employee && <span>· {employee.full_name}</span>}
        </span>
      }
      actions={
        <>
          <Button size="sm" variant="secondary" asChild>
            <Link to="/expenses">Expenses</Link>
          </Button>
          {forAnyone && (
            <Button size="sm" variant="secondary" asChild>
              <Link to="/timesheets/approvals">Approvals</Link>
            </Button>
          )}
        </>
      }
    />
  );

  const nav = (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <nav aria-label="Weeks" className="flex flex-wrap items-center gap-2">
        <Button size="sm" variant="secondary" onClick={() => goToWeek(addDaysIso(weekStart, -7))}>
          <ChevronLeft className="size-4" aria-hidden="true" /> Previous week
        </Button>
        <Button size="sm" variant="secondary" onClick={() => goToWeek(weekStartOf(new Date()))}>
          This week
        </Button>
        <Button size="sm" variant="secondary" onClick={() => goToWeek(addDaysIso(weekStart, 7))}>
          Next week <ChevronRight className="size-4" aria-hidden="true" />
        </Button>
      </nav>
      {forAnyone && (
        <label className="grid gap-1 text-xs text-muted">
          Employee
          <Select
            size="sm"
            className="w-64"
            value={employee?.id}
            placeholder={choices.isPending ? 'Loading…' : 'Choose an employee'}
            onValueChange={(id) =>
              update((next) => {
                if (id === me.data?.id) next.delete('employee');
                else next.set('employee', id);
              })
            }
            options={(choices.data ?? []).map((e) => ({ value: e.id, label: e.full_name, textValue: e.full_name }))}
          />
        </label>
      )}
    </div>
  );

  if (me.isPending || (forAnyone && chosenId && choices.isPending))
    return <LoadingState label="Loading the timesheet…" />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;

  return (
    <>
      {header}
      {nav}
      {employee ? (
        <WeekEditor key={`${employee.id}|${weekStart}`} employee={employee} weekStart={weekStart} />
      ) : (
        <EmptyState
          icon={CalendarClock}
          title={forAnyone && chosenId ? 'Employee not found' : 'You have no employee record'}
          description={
            forAnyone
              ? 'Choose an employee above, or link yourself to an employee record under People.'
              : 'Ask a manager to add you as an employee (People) to log your time.'
          }
        />
      )}
    </>
  );
}

function WeekEditor({ employee, weekStart }: { employee: EmployeeChoice; weekStart: string }) {
  const { org } = useCurrentOrg();
  const days = useMemo(() => weekDays(weekStart), [weekStart]);
  const entries = useWeekEntries(org.id, employee.id, weekStart);
  const projects = useActiveProjects(org.id);
  const { save, submit, withdraw } = useWeekMutations(org.id, employee.id, weekStart);
  // Unsaved edits; null shows what is saved (and follows it live).
  const [draft, setDraft] = useState<GridRow[] | null>(null);
  const [failure, setFailure] = useState<{ action: string; error: unknown } | null>(null);
  const saved = useMemo(() => gridFromEntries(days, entries.data ?? [], entrySource), [days, entries.data]);
  const rows = draft ?? saved;
  const problems = useMemo(() => gridProblems(rows, days), [rows, days]);
  const invalid = Object.keys(problems.cells).length > 0 || Object.keys(problems.days).length > 0;
  const busy = save.isPending || submit.isPending || withdraw.isPending;
  const all = entries.data ?? [];
  const hasSubmitted = all.some((e) => e.status === 'submitted');
  const hasOpen = all.some((e) => e.status === 'draft' || e.status === 'rejected');
  const unsavedTime = draft !== null && weekPayload(rows, days).length > 0;

  const change = (fn: (rows: GridRow[]) => GridRow[]) => setDraft((current) => fn(current ?? saved));

  async function run(action: string, work: () => Promise<unknown>, success: string) {
    setFailure(null);
    try {
      await work();
      toast.success(success);
    } catch (error) {
      setFailure({ action, error });
    }
  }

  async function saveWeek() {
    await save.mutateAsync(weekPayload(rows, days));
    setDraft(null);
  }

  if (entries.isPending) return <LoadingState label="Loading the week…" />;
  if (entries.isError) return <ErrorState error={entries.error} onRetry={() => entries.refetch()} />;

  const inGrid = new Set(rows.map((r) => r.key));
  const addable = (projects.data ?? []).filter((p) => !inGrid.has(`p:${p.id}`));

  return (
    <Card
      title={`${employee.full_name}: ${formatHours(weekTotal(rows, days))} h`}
      description={draft !== null ? 'Unsaved changes' : undefined}
      actions={
        <>
          {hasSubmitted && draft === null && (
            <Button
              size="sm"
              variant="secondary"
              busy={withdraw.isPending}
              disabled={busy}
              onClick={() => void run('withdraw', () => withdraw.mutateAsync(), 'Week withdrawn: back to draft')}
            >
              <Undo2 className="size-4" aria-hidden="true" /> Withdraw
            </Button>
          )}
          <Button
            size="sm"
            variant="secondary"
            busy={save.isPending}
            disabled={busy || draft === null || invalid}
            onClick={() => void run('save', saveWeek, 'Timesheet saved')}
          >
            <Save className="size-4" aria-hidden="true" /> Save
          </Button>
          <Button
            size="sm"
            busy={submit.isPending}
            disabled={busy || invalid || !(hasOpen || unsavedTime)}
            title={!(hasOpen || unsavedTime) ? 'Nothing to submit this week' : undefined}
            onClick={() =>
              void run(
                'submit',
                async () => {
                  if (draft !== null) await saveWeek();
                  await submit.mutateAsync();
                },
                'Week submitted for approval',
              )
            }
          >
            <Send className="size-4" aria-hidden="true" /> Submit week
          </Button>
        </>
      }
    >
      <div className="grid gap-4">
        {failure && (
          <Alert title={`Could not ${failure.action} the week`}>
            <p>{errorMessage(failure.error)}</p>
          </Alert>
        )}
        {invalid && (
          <Alert title="Check the hours">
            <ul className="m-0 list-disc pl-5">
              {Object.values(problems.days).map((p) => (
                <li key={p}>{p}</li>
              ))}
              {Object.keys(problems.cells).length > 0 && (
                <li>Some cells are not valid hours (0 to 24, e.g. 7.5 or 7:30).</li>
              )}
            </ul>
          </Alert>
        )}
        {rows.length === 0 ? (
          <EmptyState icon={Clock} title="No time this week" description="Add a project below and type your hours." />
        ) : (
          <TimesheetGrid
            caption={`Timesheet of ${employee.full_name}, week of ${weekLabel(weekStart)}`}
            days={days}
            rows={rows}
            problems={problems}
            disabled={busy}
            onCellChange={(key, day, text) =>
              change((rs) =>
                rs.map((r) => (r.key === key ? { ...r, cells: { ...r.cells, [day]: { ...r.cells[day], text } } } : r)),
              )
            }
            onRowChange={(key, c) => change((rs) => rs.map((r) => (r.key === key ? { ...r, ...c } : r)))}
            onRemoveRow={(key) => change((rs) => rs.filter((r) => r.key !== key))}
          />
        )}
        <label className="grid max-w-md gap-1 text-sm font-semibold">
          Add a project
          <Select
            key={rows.length}
            value={undefined}
            placeholder={
              projects.isPending ? 'Loading…' : addable.length ? 'Choose a project…' : 'No other active project'
            }
            disabled={busy || addable.length === 0}
            onValueChange={(id) => {
              const p = addable.find((x) => x.id === id);
              if (!p) return;
              change((rs) => [
                ...rs,
                emptyRow(days, {
                  project_id: p.id,
                  production_order_id: null,
                  label: `${p.code} · ${p.name}`,
                  billableFixed: p.billing_method === 'non_billable',
                }),
              ]);
            }}
            options={addable.map((p) => {
              const label = `${p.code} · ${p.name}`;
              return { value: p.id, label, textValue: label, description: p.account?.name };
            })}
          />
        </label>
      </div>
    </Card>
  );
}
