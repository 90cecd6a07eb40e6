import { z } from 'zod';

/** Reminder choices, as minutes before the due time. */
export const REMINDER_OFFSETS = { at_due: 0, '15m': 15, '1h': 60, '1d': 1440 } as const;
export const REMINDER_LABELS = {
  none: 'No reminder',
  at_due: 'When it is due',
  '15m': '15 minutes before',
  '1h': '1 hour before',
  '1d': '1 day before',
  keep: 'As set before',
} as const;
export type ReminderChoice = keyof typeof REMINDER_LABELS;

/** `<input type="datetime-local">` value (browser time) → ISO instant; '' → null. */
function localToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** ISO instant → `<input type="datetime-local">` value in the browser's time zone. */
export function isoToLocal(value: string | null): string {
  if (!value) return '';
  const d = new Date(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Which reminder choice a saved task has (its offset from the due time). */
export function reminderChoice(dueAt: string | null, reminderAt: string | null): ReminderChoice {
  if (!reminderAt) return 'none';
  if (!dueAt) return 'keep';
  const minutes = Math.round((Date.parse(dueAt) - Date.parse(reminderAt)) / 60_000);
  const match = Object.entries(REMINDER_OFFSETS).find(([, offset]) => offset === minutes);
  return (match?.[0] as ReminderChoice | undefined) ?? 'keep';
}

export const taskSchema = z
  .object({
    title: z.string().trim().min(1, 'Say what needs doing').max(300, 'At most 300 characters'),
    notes: z
      .string()
      .trim()
      .max(20000, 'At most 20,000 characters')
      .transform((v) => v || null),
    due: z.string().refine((v) => v === '' || localToIso(v) !== null, 'Enter a date and time'),
    reminder: z.enum(Object.keys(REMINDER_LABELS) as [ReminderChoice]),
    /** The saved reminder, kept when the choice is "As set before". */
    keep_reminder_at: z.string().nullable(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']),
    assignee_id: z
      .string()
      .transform((v) => v || null)
      .pipe(z.uuid().nullable()),
  })
  .superRefine((v, ctx) => {
    if (v.reminder !== 'none' && v.reminder !== 'keep' && !v.due) {
      ctx.addIssue({ code: 'custom', path: ['reminder'], message: 'Set a due time to be reminded before it' });
    }
  })
  .transform(({ title, notes, due, reminder, keep_reminder_at, priority, assignee_id }) => {
    const due_at = localToIso(due);
    let reminder_at: string | null = null;
    if (reminder === 'keep') reminder_at = keep_reminder_at;
    else if (reminder !== 'none' && due_at)
      reminder_at = new Date(Date.parse(due_at) - REMINDER_OFFSETS[reminder] * 60_000).toISOString();
    return { title, notes, due_at, reminder_at, priority, assignee_id };
  });
export type TaskInput = z.input<typeof taskSchema>;
export type TaskValues = z.output<typeof taskSchema>;
