import { z } from 'zod';
import { optionalText, tagList } from '@/lib/form-schemas.ts';

/** What a person may set on a lead; the score and the conversion belong to the database. */
export const leadSchema = z
  .object({
    company_name: optionalText(z.string().max(200, 'At most 200 characters')),
    contact_name: optionalText(z.string().max(200, 'At most 200 characters')),
    email: optionalText(z.email('Enter a valid e-mail address')),
    phone: optionalText(z.string().max(50, 'At most 50 characters')),
    source: optionalText(z.string().max(100, 'At most 100 characters')),
    campaign_id: optionalText(z.uuid()),
    status: z.enum(['new', 'contacted', 'qualified', 'unqualified']),
    estimated_value: z
      .string()
      .trim()
      .transform((v) => (v === '' ? null : Number(v)))
      .pipe(z.number({ error: 'An amount, e.g. 2500' }).min(0, 'Cannot be negative').nullable()),
    owner_id: optionalText(z.uuid()),
    tags: tagList,
    notes: optionalText(z.string().max(20000, 'At most 20,000 characters')),
  })
  .refine((v) => v.company_name || v.contact_name || v.email, {
    message: 'Enter a company, a contact name or an e-mail address',
    path: ['company_name'],
  });
export type LeadFormInput = z.input<typeof leadSchema>;
export type LeadFormValues = z.output<typeof leadSchema>;

export const SCORING_FIELDS = {
  source: 'Source',
  email: 'E-mail',
  phone: 'Phone',
  company_name: 'Company',
  estimated_value: 'Estimated value',
  campaign_id: 'Campaign',
  tags: 'Tags',
} as const;
export const SCORING_OPERATORS = {
  equals: 'is',
  contains: 'contains',
  is_set: 'is filled in',
  greater_than: 'is more than',
} as const;

export const scoringRuleSchema = z
  .object({
    field: z.enum(Object.keys(SCORING_FIELDS) as [keyof typeof SCORING_FIELDS]),
    operator: z.enum(Object.keys(SCORING_OPERATORS) as [keyof typeof SCORING_OPERATORS]),
    value: z
      .string()
      .trim()
      .max(200, 'At most 200 characters')
      .transform((v) => (v === '' ? null : v)),
    points: z.coerce
      .number<string>({ error: 'Points, e.g. 10 or -5' })
      .int('Whole points')
      .min(-1000, 'At least -1000')
      .max(1000, 'At most 1000'),
  })
  .superRefine((rule, ctx) => {
    if (rule.operator !== 'is_set' && !rule.value) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Enter the value to compare with' });
    }
    if (rule.operator === 'greater_than' && rule.value && !/^-?\d+(\.\d+)?$/.test(rule.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'A number, e.g. 10000' });
    }
  })
  .transform((rule) => (rule.operator === 'is_set' ? { ...rule, value: null } : rule));
export type ScoringRuleInput = z.input<typeof scoringRuleSchema>;
export type ScoringRuleValues = z.output<typeof scoringRuleSchema>;

export const LEAD_STATUS_LABELS = {
  new: 'New',
  contacted: 'Contacted',
  qualified: 'Qualified',
  unqualified: 'Unqualified',
  converted: 'Converted',
} as const;
