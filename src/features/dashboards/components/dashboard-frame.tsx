// What every role dashboard shares: its period and filters (in the URL), the live badge, one
// Realtime channel for the tables that feed it, and sections that load, fail and retry on their
// own (a refused or failed RPC leaves the other sections standing).
import type { ReactNode } from 'react';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import type { KpiResult } from '../api/kpis.ts';
import { useDashboardLive } from '../api/live.ts';
import type { DateRange } from '../schemas/range.ts';
import { DateRangeBar } from './date-range-bar.tsx';
import { LiveBadge } from './live-badge.tsx';
import { DASHBOARDS, type DashboardKind } from './registry.ts';
import type { DashboardParams } from './use-dashboard-params.ts';

interface DashboardFrameProps {
  kind: DashboardKind;
  params: DashboardParams;
  results: readonly KpiResult<unknown>[];
  filters?: ReactNode;
  /** Rendered once the period is valid. */
  children(range: DateRange): ReactNode;
}

/** The oldest read among the figures shown (0 while some are still loading; failed ones left out). */
export function oldestUpdate(results: readonly KpiResult<unknown>[]): number {
  if (results.some((r) => r.isPending && !r.isError)) return 0;
  const shown = results.filter((r) => !r.isError && r.dataUpdatedAt > 0).map((r) => r.dataUpdatedAt);
  return shown.length ? Math.min(...shown) : 0;
}

export function DashboardFrame({ kind, params, results, filters, children }: DashboardFrameProps) {
  const { org } = useCurrentOrg();
  const hasFigures = results.some((r) => r.data !== undefined);
  const live = useDashboardLive(org.id, DASHBOARDS[kind].tables, hasFigures);
  const { range } = params;
  return (
    <div className="grid gap-5" data-testid={`dashboard-${kind}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <DateRangeBar params={params}>{filters}</DateRangeBar>
        {/* Until some figures are in, the sections' spinners (or errors) say what is going on. */}
        {hasFigures && (
          <LiveBadge updatedAt={oldestUpdate(results)} fetching={results.some((r) => r.isFetching)} state={live} />
        )}
      </div>
      {range.ok && children({ from: range.from, to: range.to })}
    </div>
  );
}

interface KpiSectionProps<T> {
  title: string;
  result: KpiResult<T>;
  /** What the spinner says. */
  loading: string;
  children(data: T, previous: T | undefined): ReactNode;
}

/** One area of a dashboard, from one RPC: its heading, then its figures, a spinner or the error. */
export function KpiSection<T>({ title, result, loading, children }: KpiSectionProps<T>) {
  return (
    <section aria-label={title} className="grid gap-3">
      <h2 className="m-0 text-lg font-semibold">{title}</h2>
      {result.data !== undefined && !result.isError ? (
        children(result.data, result.previous)
      ) : result.isError ? (
        <div className="rounded-xl border border-border bg-surface">
          <ErrorState
            title={`${title}: the figures could not be loaded`}
            error={result.error}
            onRetry={() => result.refetch()}
            retrying={result.isFetching}
          />
        </div>
      ) : (
        <LoadingState label={loading} />
      )}
    </section>
  );
}

export function ChartGrid({ children }: { children: ReactNode }) {
  return <div className="grid gap-4 lg:grid-cols-2">{children}</div>;
}
