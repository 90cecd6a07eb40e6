// "My day": the tasks given to me, by when they are due (overdue first), and what I have
// finished today. Reminders arrive as notifications that link here.
import { useState } from 'react';
import { CheckCircle2, ListTodo, Plus } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { can } from '@/lib/roles.ts';
import { useNow } from '@/lib/use-now.ts';
import { useUser } from '@/lib/session.ts';
import { groupMyDay, startOfDay, useMyTasks, useTaskMutations } from '../api/tasks.ts';
import { TaskDialog } from './task-dialog.tsx';
import { TaskList } from './task-list.tsx';

const SECTIONS = [
  { key: 'overdue', title: 'Overdue' },
  { key: 'today', title: 'Later today' },
  { key: 'upcoming', title: 'Upcoming' },
  { key: 'someday', title: 'No due date' },
  { key: 'done', title: 'Done today' },
] as const;

export function MyDayPage() {
  const { org, role } = useCurrentOrg();
  const user = useUser();
  const now = useNow();
  const [since] = useState(() => new Date(startOfDay(Date.now())).toISOString());
  const tasks = useMyTasks(org.id, user.id, since);
  const { create } = useTaskMutations(org.id);
  const [creating, setCreating] = useState(false);
  const canWrite = can(role, 'tasks.write');

  const groups = tasks.data ? groupMyDay(tasks.data, now) : null;
  const open = groups
    ? groups.overdue.length + groups.today.length + groups.upcoming.length + groups.someday.length
    : 0;

  return (
    <>
      <PageHeader
        title="My day"
        description={
          groups ? `${open} open task${open === 1 ? '' : 's'}, ${groups.overdue.length} overdue.` : undefined
        }
        actions={
          canWrite && (
            <Button size="sm" onClick={() => setCreating(true)}>
              <Plus className="size-4" aria-hidden="true" /> New task
            </Button>
          )
        }
      />
      {tasks.isPending ? (
        <LoadingState label="Loading your tasks…" />
      ) : tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => tasks.refetch()} />
      ) : open === 0 && groups!.done.length === 0 ? (
        <EmptyState icon={ListTodo} title="Nothing on your list" description="Tasks given to you show up here." />
      ) : (
        <div className="grid gap-4">
          {open === 0 && (
            <EmptyState icon={CheckCircle2} title="All done for now" description="Nothing open is given to you." />
          )}
          {SECTIONS.map(({ key, title }) =>
            groups![key].length === 0 ? null : (
              <Card key={key} title={`${title} (${groups![key].length})`} flush>
                <TaskList label={title} tasks={groups![key]} />
              </Card>
            ),
          )}
        </div>
      )}
      {creating && (
        <TaskDialog
          open
          onOpenChange={setCreating}
          onSave={async (values) => {
            await create.mutateAsync(values);
            toast.success('Task added');
          }}
        />
      )}
    </>
  );
}
