// Choices for the organisation's currency, time zone and locale, from the browser's Intl data. The
// database checks the values again (organizations' check constraints).

const FALLBACK_CURRENCIES = ['AUD', 'CAD', 'CHF', 'CNY', 'DKK', 'EUR', 'GBP', 'JPY', 'NOK', 'NZD', 'SEK', 'USD'];

function supported(key: 'currency' | 'timeZone'): string[] {
  try {
    return Intl.supportedValuesOf(key);
  } catch {
    return [];
  }
}

function displayName(type: 'currency' | 'language', code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type }).of(code) ?? code;
  } catch {
    return code;
  }
}

export interface Choice {
  value: string;
  label: string;
}

let currencies: Choice[] | undefined;
export function currencyChoices(): Choice[] {
  currencies ??= (supported('currency').length ? supported('currency') : FALLBACK_CURRENCIES).map((code) => ({
    value: code,
    label: `${code} — ${displayName('currency', code)}`,
  }));
  return currencies;
}

let timeZones: Choice[] | undefined;
export function timeZoneChoices(): Choice[] {
  // Chromium leaves UTC out of its list, yet it is the database's default.
  timeZones ??= ['UTC', ...supported('timeZone').filter((tz) => tz !== 'UTC')].map((tz) => ({
    value: tz,
    label: tz.replace(/_/g, ' '),
  }));
  return timeZones;
}

const LOCALES = [
  'en-US',
  'en-GB',
  'en-AU',
  'en-CA',
  'en-IE',
  'en-IN',
  'en-NZ',
  'de-DE',
  'de-AT',
  'de-CH',
  'fr-FR',
  'fr-BE',
  'fr-CA',
  'fr-CH',
  'es-ES',
  'es-MX',
  'it-IT',
  'nl-NL',
  'nl-BE',
  'pt-PT',
  'pt-BR',
  'sv-SE',
  'da-DK',
  'nb-NO',
  'fi-FI',
  'pl-PL',
  'cs-CZ',
  'hu-HU',
  'ro-RO',
  'el-GR',
  'tr-TR',
  'ja-JP',
  'zh-CN',
  'zh-TW',
  'ko-KR',
];

let locales: Choice[] | undefined;
export function localeChoices(): Choice[] {
  locales ??= LOCALES.map((code) => ({ value: code, label: `${displayName('language', code)} (${code})` }));
  return locales;
}

/** Adds the current value when it is valid but not among the usual choices, so a select can show it. */
export function withCurrent(choices: Choice[], current: string | undefined): Choice[] {
  if (!current || choices.some((choice) => choice.value === current)) return choices;
  return [{ value: current, label: current }, ...choices];
}

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
].map((label, index) => ({ value: String(index + 1), label }));

/** The browser's own zone and locale: good defaults for a new organisation. */
export function browserDefaults(): { timeZone: string; locale: string } {
  let timeZone = 'UTC';
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    // keep UTC
  }
  const language = typeof navigator !== 'undefined' ? navigator.language : 'en-US';
  const locale = LOCALES.find((code) => code.toLowerCase() === language.toLowerCase()) ?? 'en-US';
  return { timeZone, locale };
}
