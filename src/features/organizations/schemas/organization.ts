import * as z from 'zod/mini';

const name = z
  .string()
  .check(z.trim(), z.minLength(1, 'Enter a name.'), z.maxLength(200, 'Use at most 200 characters.'));
const currency = z.string().check(z.regex(/^[A-Z]{3}$/, 'Choose a currency.'));
const month = z.string().check(z.regex(/^(?:[1-9]|1[0-2])$/, 'Choose a month.'));
const timeZone = z.string().check(z.minLength(1, 'Choose a time zone.'));
const locale = z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Choose a locale.'));

/** The same rule as organizations.slug's check constraint. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const organizationSettingsSchema = z.object({
  name,
  base_currency: currency,
  fiscal_year_start_month: month,
  time_zone: timeZone,
  locale,
});

export type OrganizationSettingsValues = z.infer<typeof organizationSettingsSchema>;

export const createOrganizationSchema = z.extend(organizationSettingsSchema, {
  slug: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Enter a short name for addresses.'),
      z.maxLength(63, 'Use at most 63 characters.'),
      z.regex(SLUG_PATTERN, 'Use lowercase letters, digits and dashes; start and end with a letter or digit.'),
    ),
});

export type CreateOrganizationValues = z.infer<typeof createOrganizationSchema>;

/** "Acme Trading GmbH & Co." → "acme-trading-gmbh-co". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
}

/**
 * Database errors that belong to one field (check constraints and the unique slug), so the form can
 * show them beside it; anything else is shown above the form.
 */
export function fieldForDatabaseError(message: string): keyof CreateOrganizationValues | null {
  if (/organizations_slug_key|slug/i.test(message)) return 'slug';
  if (/time_zone/i.test(message)) return 'time_zone';
  if (/base_currency/i.test(message)) return 'base_currency';
  if (/locale/i.test(message)) return 'locale';
  if (/fiscal_year/i.test(message)) return 'fiscal_year_start_month';
  if (/organizations_name_check/i.test(message)) return 'name';
  return null;
}
