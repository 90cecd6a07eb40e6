// How campaign figures read: money in the campaign's currency, return on budget as a percentage.
import { formatMoney } from '@/lib/money.ts';

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

/** "+150%" / "−40%"; a dash without a budget (the database leaves it null). */
export function formatReturn(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const text = percent.format(Number(value));
  return Number(value) > 0 ? `+${text}` : text;
}

export function formatCampaignMoney(value: number | null | undefined, currency: string, fallback: string): string {
  if (value === null || value === undefined) return '—';
  return formatMoney(value, /^[A-Z]{3}$/.test(currency) ? currency : fallback);
}

export const CHANNEL_LABELS: Record<string, string> = {
  email: 'E-mail',
  social: 'Social',
  ads: 'Ads',
  event: 'Event',
  referral: 'Referral',
  other: 'Other',
};

export const STATUS_TONES = {
  planned: 'neutral',
  active: 'info',
  completed: 'success',
  cancelled: 'danger',
} as const;
