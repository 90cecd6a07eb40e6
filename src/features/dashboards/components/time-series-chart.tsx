// A figure over time (won value by week, revenue by month, units received and shipped): one line
// or area per series, a point per bucket of the RPC's series. Clicking a point opens its bucket's
// list; the table under the chart links the same way.
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDate } from '@/lib/format.ts';
import { bucketRange, type DateRange } from '../schemas/range.ts';
import { axisProps, ChartFrame, INITIAL_SIZE, tooltipProps } from './chart-frame.tsx';
import { CHART_COLORS, type ChartColor } from './figures.ts';

export interface SeriesDef<Row> {
  key: keyof Row & string;
  label: string;
  color: ChartColor;
  format(value: number): string;
}

interface TimeSeriesChartProps<Row extends { period: string }> {
  title: string;
  description?: ReactNode;
  rows: readonly Row[];
  series: readonly SeriesDef<Row>[];
  bucket: 'day' | 'week' | 'month';
  range: DateRange;
  /** The list behind one bucket's figures. */
  href?(bucket: DateRange): string;
  /** Y axis labels. */
  axisFormat(value: number): string;
  variant?: 'line' | 'area';
  height?: number;
}

export function periodLabel(period: string, bucket: 'day' | 'week' | 'month'): string {
  if (bucket === 'month')
    return new Date(`${period}T00:00:00Z`).toLocaleDateString(undefined, {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  if (bucket === 'week') return `Week of ${formatDate(period)}`;
  return formatDate(period);
}

function shortLabel(period: string, bucket: 'day' | 'week' | 'month'): string {
  const date = new Date(`${period}T00:00:00Z`);
  if (bucket === 'month') return date.toLocaleDateString(undefined, { month: 'short', timeZone: 'UTC' });
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export function TimeSeriesChart<Row extends { period: string }>({
  title,
  description,
  rows,
  series,
  bucket,
  range,
  href,
  axisFormat,
  variant = 'line',
  height = INITIAL_SIZE.height,
}: TimeSeriesChartProps<Row>) {
  const navigate = useNavigate();
  const data = rows.map((r) => ({ ...r, label: shortLabel(r.period, bucket) }));
  const open = (index: unknown) => {
    const row = rows[Number(index)];
    if (row && href) void navigate(href(bucketRange(row.period, bucket, range)));
  };
  const Chart = variant === 'area' ? AreaChart : LineChart;
  return (
    <ChartFrame
      title={title}
      description={description}
      rows={rows}
      rowKey={(r) => r.period}
      rowLabel={(r) => periodLabel(r.period, bucket)}
      rowHref={href ? (r) => href(bucketRange(r.period, bucket, range)) : undefined}
      labelHeader={bucket === 'month' ? 'Month' : bucket === 'week' ? 'Week' : 'Day'}
      columns={series.map((s) => ({ header: s.label, numeric: true, value: (r: Row) => s.format(Number(r[s.key])) }))}
    >
      <div data-testid="time-series" data-points={rows.length} style={{ height }}>
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: INITIAL_SIZE.width, height }}>
          <Chart
            data={data}
            accessibilityLayer={false}
            margin={{ top: 8, right: 12, bottom: 0, left: 4 }}
            onClick={(state) => open(state.activeTooltipIndex)}
            style={{ cursor: href ? 'pointer' : undefined }}
          >
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" {...axisProps} minTickGap={16} />
            <YAxis {...axisProps} width={64} tickFormatter={(v: number) => axisFormat(v)} />
            <Tooltip
              {...tooltipProps}
              formatter={(value, name) => {
                const s = series.find((x) => x.label === name);
                return s ? s.format(Number(value)) : String(value);
              }}
            />
            <Legend wrapperStyle={{ fontSize: 13, color: 'var(--muted)' }} />
            {series.map((s) =>
              variant === 'area' ? (
                <Area
                  key={s.key}
                  type="monotone"
                  dataKey={String(s.key)}
                  name={s.label}
                  stroke={CHART_COLORS[s.color]}
                  fill={CHART_COLORS[s.color]}
                  fillOpacity={0.15}
                  strokeWidth={2}
                  isAnimationActive={false}
                />
              ) : (
                <Line
                  key={s.key}
                  type="monotone"
                  dataKey={String(s.key)}
                  name={s.label}
                  stroke={CHART_COLORS[s.color]}
                  strokeWidth={2}
                  dot={rows.length <= 40}
                  isAnimationActive={false}
                />
              ),
            )}
          </Chart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}
