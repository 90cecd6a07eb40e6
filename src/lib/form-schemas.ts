// zod building blocks for form fields, shared by the features' schemas: an empty text box means
// "no value" (null), and a tags box is a comma-separated list.
import { z } from 'zod';

/** A text box whose blank means null; what is typed must pass `schema`. */
export const optionalText = (schema: z.ZodType<string, string>) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .pipe(schema.nullable());

/** "vip, europe, vip" → ['vip', 'europe']: trimmed, without blanks or repeats, within the tables' limits. */
export const tagList = z
  .string()
  .transform((v) => [
    ...new Set(
      v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(z.string().max(50, 'Tags are at most 50 characters')).max(50, 'At most 50 tags'));
