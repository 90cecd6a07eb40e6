// One task in a list: check it off, see when it is due (overdue in red), what it is about,
// and edit or delete it.
import { Link } from 'react-router';
import { BellRing, Pencil, Trash2 } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { cn } from '@/lib/cn.ts';
import { formatDateTime, formatRelative } from '@/lib/format.ts';
import { personName } from '@/lib/org-people.ts';
import type { Task } from '../api/tasks.ts';

/** Where a task belongs, as a link to that record. */
function taskContext(task: Task): { to: string; label: string } | null {
  if (task.deal_id) return { to: `/deals/${task.deal_id}`, label: task.deal?.title ?? 'Deal' };
  if (task.account_id) return { to: `/accounts/${task.account_id}`, label: task.account?.name ?? 'Account' };
  if (task.contact_id) return { to: `/contacts/${task.contact_id}`, label: task.contact?.full_name ?? 'Contact' };
  if (task.lead_id)
    return { to: `/leads/${task.lead_id}`, label: task.lead?.company_name ?? task.lead?.contact_name ?? 'Lead' };
  if (task.ticket_id)
    return {
      to: `/tickets/${task.ticket_id}`,
      label: task.ticket ? `${task.ticket.number} ${task.ticket.subject}` : 'Ticket',
    };
  return null;
}

interface TaskItemProps {
  task: Task;
  now: number;
  canEdit: boolean;
  showAssignee?: boolean;
  onToggle(isDone: boolean): void;
  onEdit(): void;
  onDelete(): void;
}

export function TaskItem({ task, now, canEdit, showAssignee = false, onToggle, onEdit, onDelete }: TaskItemProps) {
  const done = task.status === 'done';
  const overdue = !done && task.due_at != null && Date.parse(task.due_at) < now;
  const context = taskContext(task);
  return (
    <li className="flex items-start gap-3 px-3 py-2">
      <input
        type="checkbox"
        className="mt-1 size-5 shrink-0"
        checked={done}
        aria-label={`Done: ${task.title}`}
        onChange={(e) => onToggle(e.target.checked)}
      />
      <div className="min-w-0 flex-1">
        <p className={cn('font-medium', done && 'text-muted line-through')}>{task.title}</p>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted">
          {task.due_at && (
            <span className={cn(overdue && 'font-semibold text-danger')} title={formatDateTime(task.due_at)}>
              {overdue ? 'Overdue, due ' : 'Due '}
              {formatRelative(task.due_at)}
            </span>
          )}
          {task.reminder_at && !done && (
            <span className="inline-flex items-center gap-1" title={`Reminder ${formatDateTime(task.reminder_at)}`}>
              <BellRing className="size-3" aria-hidden="true" />
              <span className="sr-only">Reminder</span> {formatDateTime(task.reminder_at)}
            </span>
          )}
          {context && (
            <Link to={context.to} className="hover:underline">
              {context.label}
            </Link>
          )}
          {showAssignee && <span>{task.assignee ? personName(task.assignee) : 'Unassigned'}</span>}
        </p>
      </div>
      {task.priority !== 'normal' && (
        <Badge tone={task.priority === 'urgent' ? 'danger' : task.priority === 'high' ? 'warning' : 'neutral'}>
          {task.priority}
        </Badge>
      )}
      {canEdit && (
        <span className="flex shrink-0">
          <Button size="sm" variant="ghost" aria-label={`Edit ${task.title}`} onClick={onEdit}>
            <Pencil className="size-4" aria-hidden="true" />
          </Button>
          <Button size="sm" variant="ghost" aria-label={`Delete ${task.title}`} onClick={onDelete}>
            <Trash2 className="size-4" aria-hidden="true" />
          </Button>
        </span>
      )}
    </li>
  );
}
