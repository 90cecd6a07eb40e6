import { z } from 'zod';

export const CAMPAIGN_CHANNELS = ['email', 'social', 'ads', 'event', 'referral', 'other'] as const;
export const CAMPAIGN_STATUSES = ['planned', 'active', 'completed', 'cancelled'] as const;
export const MEMBER_STATUSES = ['planned', 'sent', 'responded', 'unsubscribed'] as const;

const optionalDate = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(z.iso.date('A date, e.g. 2026-03-01').nullable());

export const campaignSchema = z
  .object({
    name: z.string().trim().min(1, 'Enter a name').max(200, 'At most 200 characters'),
    channel: z.enum(CAMPAIGN_CHANNELS),
    status: z.enum(CAMPAIGN_STATUSES),
    budget: z
      .string()
      .trim()
      .transform((v) => (v === '' ? 0 : Number(v)))
      .pipe(
        z
          .number({ error: 'An amount, e.g. 2500' })
          .min(0, 'Cannot be negative')
          .refine((n) => Number.isFinite(n) && Math.round(n * 100) === n * 100, 'At most two decimals'),
      ),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .transform((v) => (v === '' ? null : v))
      .pipe(
        z
          .string()
          .regex(/^[A-Z]{3}$/, 'A three-letter code, e.g. USD')
          .nullable(),
      ),
    starts_on: optionalDate,
    ends_on: optionalDate,
  })
  .refine((v) => !v.starts_on || !v.ends_on || v.ends_on >= v.starts_on, {
    path: ['ends_on'],
    message: 'Ends on or after the start',
  });
export type CampaignFormInput = z.input<typeof campaignSchema>;
export type CampaignFormValues = z.output<typeof campaignSchema>;
