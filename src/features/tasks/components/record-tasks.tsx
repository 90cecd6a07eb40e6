// The tasks of one record (a deal, account, contact, lead or ticket), open ones first, with
// a button to add one that belongs to the record.
import { useState } from 'react';
import { Plus } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { can } from '@/lib/roles.ts';
import { useRecordTasks, useTaskMutations, type RecordRef } from '../api/tasks.ts';
import { TaskDialog } from './task-dialog.tsx';
import { TaskList } from './task-list.tsx';

export function RecordTasks({ record }: { record: RecordRef }) {
  const { org, role } = useCurrentOrg();
  const tasks = useRecordTasks(org.id, record);
  const { create } = useTaskMutations(org.id);
  const [creating, setCreating] = useState(false);
  const canWrite = can(role, 'tasks.write');
  const open = tasks.data?.filter((t) => t.status === 'open').length ?? 0;

  return (
    <Card
      title={`Tasks${tasks.data ? ` (${open} open)` : ''}`}
      flush
      actions={
        canWrite && (
          <Button size="sm" variant="secondary" onClick={() => setCreating(true)}>
            <Plus className="size-4" aria-hidden="true" /> Add task
          </Button>
        )
      }
    >
      {tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => tasks.refetch()} />
      ) : tasks.data?.length ? (
        <TaskList label="Tasks" tasks={tasks.data} showAssignee />
      ) : (
        <p className="px-4 py-3 text-sm text-muted">{tasks.isPending ? 'Loading…' : 'No tasks.'}</p>
      )}
      {creating && (
        <TaskDialog
          open
          onOpenChange={setCreating}
          onSave={async (values) => {
            await create.mutateAsync({ ...values, ...record });
            toast.success('Task added');
          }}
        />
      )}
    </Card>
  );
}
