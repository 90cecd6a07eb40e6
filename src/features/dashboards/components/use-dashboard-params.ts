// The dashboard's period and filters, kept in the URL (?from=&to=&owner=&team=&warehouse=) so a
// filtered dashboard can be bookmarked and shared. Without dates it shows this month.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { useUpdateSearchParams } from '@/lib/use-update-search-params.ts';
import {
  localIsoDate,
  matchPreset,
  parseDashboardRange,
  presetRange,
  type ParsedDashboardRange,
  type RangePreset,
} from '../schemas/range.ts';

export type DashboardFilter = 'owner' | 'team' | 'warehouse';

export interface DashboardParams {
  range: ParsedDashboardRange;
  preset: RangePreset | 'custom';
  filters: Partial<Record<DashboardFilter, string>>;
  setPreset(preset: RangePreset): void;
  setDate(name: 'from' | 'to', value: string): void;
  setFilter(name: DashboardFilter, value: string | undefined): void;
}

export function useDashboardParams(): DashboardParams {
  const { org } = useCurrentOrg();
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const today = localIsoDate(new Date());
  const fy = org.fiscal_year_start_month;
  const from = params.get('from');
  const to = params.get('to');
  const owner = params.get('owner') ?? undefined;
  const team = params.get('team') ?? undefined;
  const warehouse = params.get('warehouse') ?? undefined;
  const range = useMemo(
    () => parseDashboardRange(from, to, presetRange('this_month', today, fy)),
    [from, to, today, fy],
  );
  const filters = useMemo(() => ({ owner, team, warehouse }), [owner, team, warehouse]);
  return {
    range,
    preset: range.ok ? matchPreset(range, today, fy) : 'custom',
    filters,
    setPreset: (preset) =>
      update((next) => {
        const r = presetRange(preset, today, fy);
        next.set('from', r.from);
        next.set('to', r.to);
      }),
    setDate: (name, value) =>
      update((next) => {
        if (value) next.set(name, value);
        else next.delete(name);
      }),
    setFilter: (name, value) =>
      update((next) => {
        if (value) next.set(name, value);
        else next.delete(name);
      }),
  };
}
