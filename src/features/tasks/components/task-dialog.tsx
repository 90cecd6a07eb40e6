// Creates or edits a task: what, by when, a reminder (a notification to the assignee),
// priority and who does it.
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { OwnerSelectField } from '@/components/owner-select-field.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { useUser } from '@/lib/session.ts';
import type { Task } from '../api/tasks.ts';
import {
  isoToLocal,
  reminderChoice,
  REMINDER_LABELS,
  taskSchema,
  type ReminderChoice,
  type TaskInput,
  type TaskValues,
} from '../schemas/task.ts';

interface TaskDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  task?: Task;
  /** What the new task is about, shown as its context. */
  about?: string;
  onSave(values: TaskValues): Promise<void>;
}

export function TaskDialog({ open, onOpenChange, task, about, onSave }: TaskDialogProps) {
  const { org } = useCurrentOrg();
  const user = useUser();
  const saved = task ? reminderChoice(task.due_at, task.reminder_at) : 'none';
  const form = useForm<TaskInput, unknown, TaskValues>({
    resolver: zodResolver(taskSchema),
    values: {
      title: task?.title ?? '',
      notes: task?.notes ?? '',
      due: isoToLocal(task?.due_at ?? null),
      reminder: saved,
      keep_reminder_at: task?.reminder_at ?? null,
      priority: task?.priority ?? 'normal',
      assignee_id: task ? (task.assignee_id ?? '') : user.id,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const choices = (Object.keys(REMINDER_LABELS) as ReminderChoice[]).filter((c) => c !== 'keep' || saved === 'keep');

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={task ? 'Edit task' : 'New task'}
      description={about}
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" form="task-form" busy={isSubmitting}>
            {task ? 'Save task' : 'Add task'}
          </Button>
        </>
      }
    >
      <form
        id="task-form"
        noValidate
        className="grid gap-4 sm:grid-cols-2"
        onSubmit={form.handleSubmit(async (values) => {
          try {
            await onSave(values);
            onOpenChange(false);
          } catch (error) {
            form.setError('root', { message: errorMessage(error) });
          }
        })}
      >
        {errors.root?.message && (
          <div className="sm:col-span-2">
            <Alert title="Could not save the task">{errors.root.message}</Alert>
          </div>
        )}
        <TextField
          label="Task"
          className="sm:col-span-2"
          autoFocus
          error={errors.title?.message}
          {...form.register('title')}
        />
        <TextField label="Due" type="datetime-local" error={errors.due?.message} {...form.register('due')} />
        <Controller
          control={form.control}
          name="reminder"
          render={({ field }) => (
            <SelectField
              label="Reminder"
              value={field.value}
              onValueChange={field.onChange}
              error={errors.reminder?.message}
              options={choices.map((c) => ({ value: c, label: REMINDER_LABELS[c], textValue: REMINDER_LABELS[c] }))}
            />
          )}
        />
        <Controller
          control={form.control}
          name="priority"
          render={({ field }) => (
            <SelectField
              label="Priority"
              value={field.value}
              onValueChange={field.onChange}
              options={['low', 'normal', 'high', 'urgent'].map((p) => ({
                value: p,
                label: p[0]!.toUpperCase() + p.slice(1),
                textValue: p,
              }))}
            />
          )}
        />
        <Controller
          control={form.control}
          name="assignee_id"
          render={({ field }) => (
            <OwnerSelectField
              orgId={org.id}
              label="Assignee"
              value={field.value}
              onChange={field.onChange}
              error={errors.assignee_id?.message}
            />
          )}
        />
        <label className="grid gap-1.5 text-sm font-semibold sm:col-span-2">
          Notes
          <textarea
            rows={3}
            className="rounded-md border border-border bg-surface px-3 py-2 font-normal"
            {...form.register('notes')}
          />
        </label>
      </form>
    </Dialog>
  );
}
