// A half-circle gauge of a ratio against its goal (won against target, SLA attainment,
// coverage of what is still to win), with the percentage written in the middle. Over 100 % the
// arc is full and the number tells the rest.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PolarAngleAxis, RadialBar, RadialBarChart } from 'recharts';
import { CHART_COLORS, formatRatio } from './figures.ts';

interface TargetGaugeProps {
  title: string;
  /** The ratio (1 = the goal reached); null when there is nothing to measure. */
  ratio: number | null | undefined;
  /** What a null ratio means ("No target for this period"). */
  emptyText: string;
  /** Under the number ("$12,000.00 of $20,000.00"). */
  detail?: ReactNode;
  /** The ratio counted as good enough (green) and poor (red) below it. */
  goodFrom?: number;
  poorBelow?: number;
  href?: string;
}

const SIZE = 200;

export function TargetGauge({
  title,
  ratio,
  emptyText,
  detail,
  goodFrom = 1,
  poorBelow = 0.5,
  href,
}: TargetGaugeProps) {
  const has = ratio !== null && ratio !== undefined && Number.isFinite(ratio);
  const value = has ? Math.min(Math.max(ratio, 0), 1) : 0;
  const color = !has ? 'muted' : ratio >= goodFrom ? 'success' : ratio < poorBelow ? 'danger' : 'warning';
  const percent = has ? formatRatio(ratio) : '—';
  const summary = has ? `${title}: ${percent}` : `${title}: ${emptyText}`;
  const gauge = (
    <span className="relative mx-auto block" style={{ width: SIZE, height: SIZE / 2 + 16 }} aria-hidden="true">
      <RadialBarChart
        width={SIZE}
        height={SIZE}
        cx={SIZE / 2}
        cy={SIZE / 2}
        innerRadius={70}
        outerRadius={96}
        startAngle={180}
        endAngle={0}
        data={[{ value }]}
        accessibilityLayer={false}
      >
        <PolarAngleAxis type="number" domain={[0, 1]} tick={false} axisLine={false} />
        <RadialBar
          dataKey="value"
          background={{ fill: 'var(--surface-muted)' }}
          fill={CHART_COLORS[color]}
          cornerRadius={6}
          isAnimationActive={false}
        />
      </RadialBarChart>
      <span className="absolute inset-x-0 bottom-4 text-center text-2xl font-semibold tabular-nums">{percent}</span>
    </span>
  );
  return (
    <figure
      aria-label={title}
      className="m-0 grid gap-2 rounded-xl border border-border bg-surface p-4"
      data-testid="gauge"
    >
      <figcaption className="font-semibold">{title}</figcaption>
      {href ? (
        <Link to={href} className="grid text-foreground no-underline hover:no-underline" aria-label={summary}>
          {gauge}
        </Link>
      ) : (
        <>
          {gauge}
          <span className="sr-only">{summary}</span>
        </>
      )}
      <p className="m-0 text-center text-sm text-muted" data-testid="gauge-value" data-ratio={has ? ratio : ''}>
        {has ? detail : emptyText}
      </p>
    </figure>
  );
}
