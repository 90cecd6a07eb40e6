// Formatting of dashboard figures and their change against the previous period. Amounts arrive
// rounded to cents by SQL; they are only formatted here, never added up.
import Big from 'big.js';
import { formatMoney } from '@/lib/money.ts';

export type Direction = 'up' | 'down';

export interface Delta {
  /** The change as a fraction of the previous value (relative), or in percentage points (points). */
  value: number;
  kind: 'relative' | 'points';
  direction: Direction | 'flat';
  /** Whether the change is good news, by the figure's better direction. */
  tone: 'good' | 'bad' | 'neutral';
}

/**
 * The change from `previous` to `current`, or null when either is missing or the previous value is
 * zero (a change from nothing has no percentage). Ratios compare in percentage points.
 */
export function computeDelta(
  current: number | null | undefined,
  previous: number | null | undefined,
  { kind = 'relative', better = 'up' }: { kind?: 'relative' | 'points'; better?: Direction } = {},
): Delta | null {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  if (!Number.isFinite(current) || !Number.isFinite(previous)) return null;
  let value: number;
  if (kind === 'points') value = new Big(current).minus(previous).times(100).toNumber();
  else {
    if (previous === 0) return current === 0 ? { value: 0, kind, direction: 'flat', tone: 'neutral' } : null;
    value = new Big(current).minus(previous).div(Math.abs(previous)).toNumber();
  }
  const shown = kind === 'points' ? Math.round(value * 10) / 10 : Math.round(value * 1000) / 1000;
  const direction: Delta['direction'] = shown > 0 ? 'up' : shown < 0 ? 'down' : 'flat';
  const tone = direction === 'flat' ? 'neutral' : direction === better ? 'good' : 'bad';
  return { value, kind, direction, tone };
}

/** "12 %" or "4.5 pp" (no sign: the arrow carries it). */
export function formatDeltaValue(delta: Delta): string {
  const abs = Math.abs(delta.value);
  if (delta.kind === 'points') return `${formatNumber(Math.round(abs * 10) / 10, 1)} pp`;
  return `${formatNumber(Math.round(abs * 1000) / 10, abs < 0.1 ? 1 : 0)} %`;
}

export function formatNumber(value: number, maxDecimals = 0): string {
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: maxDecimals }).format(value);
}

/** A ratio (0.25) as "25 %", "—" when there is none. */
export function formatRatio(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${formatNumber(Math.round(value * 100 * 10 ** decimals) / 10 ** decimals, decimals)} %`;
}

export function formatAmount(value: number | null | undefined, currency: string, compact = false): string {
  if (value === null || value === undefined) return '—';
  return formatMoney(value, currency, { compact });
}

/** Short money for chart axes: "$12k", "$1.2M". */
export function formatAxisMoney(value: number, currency: string): string {
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
}

export function formatDays(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${formatNumber(value, 1)} days`;
}

export function formatMinutes(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value < 60) return `${formatNumber(value, 0)} min`;
  const hours = Math.floor(value / 60);
  const minutes = Math.round(value - hours * 60);
  return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
}

/** Chart colours: theme tokens, so light and dark both keep their contrast. */
export const CHART_COLORS = {
  primary: 'var(--primary)',
  success: 'var(--success)',
  warning: 'var(--warning)',
  danger: 'var(--danger)',
  info: 'var(--info)',
  muted: 'var(--border-strong)',
} as const;
export type ChartColor = keyof typeof CHART_COLORS;
