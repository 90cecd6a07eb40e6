// A list of tasks with everything one does to them: check off (optimistic), edit, delete.
import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { can } from '@/lib/roles.ts';
import { useNow } from '@/lib/use-now.ts';
import { useUser } from '@/lib/session.ts';
import { useTaskMutations, type Task } from '../api/tasks.ts';
import { TaskDialog } from './task-dialog.tsx';
import { TaskItem } from './task-item.tsx';

interface TaskListProps {
  label: string;
  tasks: Task[];
  showAssignee?: boolean;
}

export function TaskList({ label, tasks, showAssignee }: TaskListProps) {
  const { org, role } = useCurrentOrg();
  const user = useUser();
  const now = useNow();
  const { update, setDone, remove } = useTaskMutations(org.id);
  const [editing, setEditing] = useState<Task | null>(null);
  const [deleting, setDeleting] = useState<Task | null>(null);
  const canWrite = can(role, 'tasks.write');

  return (
    <>
      <ul className="divide-y divide-border" aria-label={label}>
        {tasks.map((task) => (
          <TaskItem
            key={task.id}
            task={task}
            now={now}
            // Anyone may check off a task given to them; writers manage all of the org's.
            canEdit={canWrite}
            showAssignee={showAssignee}
            onToggle={(isDone) => {
              if (!canWrite && task.assignee_id !== user.id) return;
              setDone.mutate(
                { id: task.id, isDone },
                { onError: (e) => toast.error(`Could not update “${task.title}”: ${errorMessage(e)}`) },
              );
            }}
            onEdit={() => setEditing(task)}
            onDelete={() => setDeleting(task)}
          />
        ))}
      </ul>
      {editing && (
        <TaskDialog
          open
          onOpenChange={(open) => !open && setEditing(null)}
          task={editing}
          onSave={async (values) => {
            await update.mutateAsync({ id: editing.id, ...values });
            toast.success('Task saved');
          }}
        />
      )}
      <ConfirmDialog
        open={deleting != null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete this task?"
        description={deleting?.title}
        confirmLabel="Delete task"
        tone="danger"
        onConfirm={async () => {
          if (deleting) await remove.mutateAsync(deleting.id);
          toast.success('Task deleted');
        }}
      />
    </>
  );
}
