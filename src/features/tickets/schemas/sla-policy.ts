// SLA targets per ticket priority, in working ("business") minutes. People enter them as hours
// plus minutes; the limits are the same as public.sla_policies' check constraints.
import { z } from 'zod';
import type { Database } from '@/lib/database.types.ts';

export type TicketPriority = Database['public']['Enums']['ticket_priority'];

/** In the order of the enum, from the least to the most pressing. */
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly TicketPriority[];

export const PRIORITY_LABELS: Record<TicketPriority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

/** sla_policies.first_response_minutes between 1 and 100000. */
export const FIRST_RESPONSE_MAX_MINUTES = 100_000;
/** sla_policies.resolution_minutes between 1 and 1000000. */
export const RESOLUTION_MAX_MINUTES = 1_000_000;

/** 270 → "4 h 30 min", 60 → "1 h", 45 → "45 min". */
export function formatMinutes(total: number): string {
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

export interface DurationInput {
  hours: string;
  minutes: string;
}

/** 270 → { hours: '4', minutes: '30' }, for the form's two boxes. */
export function splitMinutes(total: number | null | undefined): DurationInput {
  if (total === null || total === undefined) return { hours: '', minutes: '' };
  return { hours: String(Math.floor(total / 60)), minutes: String(total % 60) };
}

export function durationToMinutes({ hours, minutes }: DurationInput): number {
  return Number(hours.trim() || 0) * 60 + Number(minutes.trim() || 0);
}

const wholeNumber = (unit: 'Hours' | 'Minutes') =>
  z
    .string()
    .trim()
    .regex(/^\d*$/, `${unit} must be a whole number, e.g. ${unit === 'Hours' ? '4' : '30'}.`)
    .max(7, `${unit} must be at most 7 digits.`);

const duration = z.object({ hours: wholeNumber('Hours'), minutes: wholeNumber('Minutes') });

function checkRange(
  value: DurationInput,
  max: number,
  what: string,
  path: 'first_response' | 'resolution',
  ctx: z.RefinementCtx,
): boolean {
  const total = durationToMinutes(value);
  if (value.hours.trim() === '' && value.minutes.trim() === '') {
    ctx.addIssue({ code: 'custom', path: [path], message: `Enter the ${what} target in hours and minutes.` });
    return false;
  }
  if (total < 1) {
    ctx.addIssue({ code: 'custom', path: [path], message: `The ${what} target must be at least 1 minute.` });
    return false;
  }
  if (total > max) {
    ctx.addIssue({
      code: 'custom',
      path: [path],
      message: `The ${what} target can be at most ${formatMinutes(max)} of working time.`,
    });
    return false;
  }
  return true;
}

/** The form of one priority's policy: hours and minutes for each target, checked as the table does. */
export const slaPolicyFormSchema = z
  .object({
    priority: z.enum(TICKET_PRIORITIES, { error: 'Choose a priority.' }),
    first_response: duration,
    resolution: duration,
  })
  .superRefine((values, ctx) => {
    const firstOk = checkRange(
      values.first_response,
      FIRST_RESPONSE_MAX_MINUTES,
      'first-response',
      'first_response',
      ctx,
    );
    const resolutionOk = checkRange(values.resolution, RESOLUTION_MAX_MINUTES, 'resolution', 'resolution', ctx);
    if (firstOk && resolutionOk && durationToMinutes(values.resolution) < durationToMinutes(values.first_response)) {
      ctx.addIssue({
        code: 'custom',
        path: ['resolution'],
        message: 'The resolution target cannot be shorter than the first-response target.',
      });
    }
  })
  .transform((values) => ({
    priority: values.priority,
    first_response_minutes: durationToMinutes(values.first_response),
    resolution_minutes: durationToMinutes(values.resolution),
  }));

export type SlaPolicyFormInput = z.input<typeof slaPolicyFormSchema>;
export type SlaPolicyValues = z.output<typeof slaPolicyFormSchema>;
