// Bars made of parts that add up to a whole: open pipeline by stage as its weighted value and the
// rest, or tickets created per period as resolved and still open. Clicking a bar opens its list.
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { axisProps, ChartFrame, INITIAL_SIZE, tooltipProps, type SeriesColumn } from './chart-frame.tsx';
import { CHART_COLORS, type ChartColor } from './figures.ts';

export interface Segment<Row> {
  label: string;
  color: ChartColor;
  value(row: Row): number;
}

interface StackedBarChartProps<Row> {
  title: string;
  description?: ReactNode;
  rows: readonly Row[];
  rowKey(row: Row): string;
  rowLabel(row: Row): string;
  /** The axis label of a row, when shorter than rowLabel. */
  shortLabel?(row: Row): string;
  labelHeader: string;
  /** Bottom to top. */
  segments: readonly Segment<Row>[];
  format(value: number): string;
  axisFormat(value: number): string;
  /** Extra columns of the table (e.g. the count of deals, the total). */
  extraColumns?: readonly SeriesColumn<Row>[];
  href?(row: Row): string;
  height?: number;
}

export function StackedBarChart<Row>({
  title,
  description,
  rows,
  rowKey,
  rowLabel,
  shortLabel,
  labelHeader,
  segments,
  format,
  axisFormat,
  extraColumns = [],
  href,
  height = INITIAL_SIZE.height,
}: StackedBarChartProps<Row>) {
  const navigate = useNavigate();
  const data = rows.map((row) => {
    const point: Record<string, string | number> = { label: (shortLabel ?? rowLabel)(row) };
    segments.forEach((s, i) => (point[`s${i}`] = s.value(row)));
    return point;
  });
  const open = (index: number) => {
    const row = rows[index];
    if (row && href) void navigate(href(row));
  };
  return (
    <ChartFrame
      title={title}
      description={description}
      rows={rows}
      rowKey={rowKey}
      rowLabel={rowLabel}
      rowHref={href}
      labelHeader={labelHeader}
      columns={[
        ...segments.map((s) => ({ header: s.label, numeric: true, value: (r: Row) => format(s.value(r)) })),
        ...extraColumns,
      ]}
    >
      <div data-testid="stacked-bars" data-bars={rows.length} style={{ height }}>
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: INITIAL_SIZE.width, height }}>
          <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" {...axisProps} interval={0} minTickGap={4} />
            <YAxis {...axisProps} width={64} tickFormatter={(v: number) => axisFormat(v)} />
            <Tooltip {...tooltipProps} formatter={(value) => format(Number(value))} />
            <Legend wrapperStyle={{ fontSize: 13, color: 'var(--muted)' }} />
            {segments.map((s, i) => (
              <Bar
                key={s.label}
                dataKey={`s${i}`}
                name={s.label}
                stackId="stack"
                fill={CHART_COLORS[s.color]}
                isAnimationActive={false}
                cursor={href ? 'pointer' : undefined}
                onClick={(_, index) => open(index)}
                radius={i === segments.length - 1 ? [4, 4, 0, 0] : undefined}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}
