// The task form's rules: reminders are computed from the due time, a reminder needs a due
// time, a reminder set some other way is kept as it was, and "my day" groups by due time.
import { describe, expect, it } from 'vitest';
import { groupMyDay, type Task } from '@/features/tasks/api/tasks.ts';
import { isoToLocal, reminderChoice, taskSchema } from '@/features/tasks/schemas/task.ts';

const base = {
  title: 'Call back',
  notes: '',
  due: '',
  reminder: 'none' as const,
  keep_reminder_at: null,
  priority: 'normal' as const,
  assignee_id: '',
};

describe('task form', () => {
  it('puts the reminder the chosen time before the due time', () => {
    const due = '2030-05-01T10:00';
    const values = taskSchema.parse({ ...base, due, reminder: '1h' });
    expect(values.due_at).toBe(new Date(due).toISOString());
    expect(Date.parse(values.due_at!) - Date.parse(values.reminder_at!)).toBe(60 * 60_000);
    expect(values.assignee_id).toBeNull();
    expect(values.notes).toBeNull();
  });

  it('refuses a reminder without a due time, and an empty title', () => {
    const result = taskSchema.safeParse({ ...base, title: '  ', reminder: '15m' });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(['title: Say what needs doing', 'reminder: Set a due time to be reminded before it']);
  });

  it('keeps a reminder that matches none of the choices', () => {
    const dueAt = '2030-05-01T10:00:00.000Z';
    const reminderAt = '2030-05-01T07:20:00.000Z';
    expect(reminderChoice(dueAt, reminderAt)).toBe('keep');
    expect(reminderChoice(dueAt, '2030-05-01T09:45:00.000Z')).toBe('15m');
    expect(reminderChoice(dueAt, null)).toBe('none');
    const values = taskSchema.parse({
      ...base,
      due: isoToLocal(dueAt),
      reminder: 'keep',
      keep_reminder_at: reminderAt,
    });
    expect(values.reminder_at).toBe(reminderAt);
    expect(values.due_at).toBe(dueAt);
  });
});

describe('my day', () => {
  const task = (id: string, due_at: string | null, status: 'open' | 'done' = 'open') =>
    ({ id, due_at, status }) as Task;
  it('sorts open tasks into overdue, later today, upcoming and undated, and keeps the done ones apart', () => {
    const now = new Date(2030, 4, 1, 12, 0).getTime();
    const at = (h: number, day = 1) => new Date(2030, 4, day, h, 0).toISOString();
    const groups = groupMyDay(
      [
        task('a', at(9)),
        task('b', at(13)),
        task('c', at(23, 1)),
        task('d', at(1, 2)),
        task('e', null),
        task('f', at(8), 'done'),
        task('g', at(9, 0)),
      ],
      now,
    );
    const ids = (list: Task[]) => list.map((t) => t.id);
    expect(ids(groups.overdue)).toEqual(['a', 'g']);
    expect(ids(groups.today)).toEqual(['b', 'c']);
    expect(ids(groups.upcoming)).toEqual(['d']);
    expect(ids(groups.someday)).toEqual(['e']);
    expect(ids(groups.done)).toEqual(['f']);
  });
});
