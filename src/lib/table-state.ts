// Server-side table state (page, page size, sort, filters) kept in the URL, so a filtered page of the
// audit log can be bookmarked, shared and reached with the back button. The DataTable component and the
// feature's query both read it; queries turn it into PostgREST `order`, filters and `range`.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useUpdateSearchParams } from './use-update-search-params.ts';

export interface SortRule {
  id: string;
  desc: boolean;
}

export interface PageState {
  pageIndex: number;
  pageSize: number;
}

export interface ServerTableState<TFilter extends string = string> extends PageState {
  sorting: SortRule[];
  filters: Partial<Record<TFilter, string>>;
}

type Updater<T> = T | ((previous: T) => T);

export const PAGE_SIZES = [10, 25, 50, 100] as const;

export interface ServerTableOptions<TFilter extends string> {
  /** Columns the server may sort by (URL input outside this list is ignored). */
  sortable: readonly string[];
  defaultSort: SortRule;
  filterKeys: readonly TFilter[];
  defaultPageSize?: number;
}

function parseSort(value: string | null, sortable: readonly string[], fallback: SortRule): SortRule[] {
  if (!value) return [fallback];
  const desc = value.startsWith('-');
  const id = desc ? value.slice(1) : value;
  return sortable.includes(id) ? [{ id, desc }] : [fallback];
}

export function useServerTableState<TFilter extends string>(options: ServerTableOptions<TFilter>) {
  const { sortable, defaultSort, filterKeys, defaultPageSize = 25 } = options;
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();

  const pageParam = params.get('page');
  const sizeParam = params.get('size');
  const sortParam = params.get('sort');
  const filterSignature = filterKeys.map((key) => `${key}=${params.get(key) ?? ''}`).join('&');

  const state = useMemo<ServerTableState<TFilter>>(() => {
    const page = Number.parseInt(pageParam ?? '1', 10);
    const size = Number.parseInt(sizeParam ?? String(defaultPageSize), 10);
    const filters: Partial<Record<TFilter, string>> = {};
    for (const part of filterSignature.split('&')) {
      const [key, ...rest] = part.split('=');
      const value = rest.join('=');
      if (key && value) filters[key as TFilter] = value;
    }
    return {
      pageIndex: Number.isFinite(page) && page > 1 ? page - 1 : 0,
      pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : defaultPageSize,
      sorting: parseSort(sortParam, sortable, defaultSort),
      filters,
    };
  }, [pageParam, sizeParam, sortParam, filterSignature, sortable, defaultSort, defaultPageSize]);

  const setSorting = useCallback(
    (updater: Updater<SortRule[]>) => {
      const next = typeof updater === 'function' ? updater(state.sorting) : updater;
      const rule = next[0];
      update((p) => {
        if (!rule || (rule.id === defaultSort.id && rule.desc === defaultSort.desc)) p.delete('sort');
        else p.set('sort', `${rule.desc ? '-' : ''}${rule.id}`);
        p.delete('page');
      });
    },
    [state.sorting, update, defaultSort],
  );

  const setPagination = useCallback(
    (updater: Updater<PageState>) => {
      const current = { pageIndex: state.pageIndex, pageSize: state.pageSize };
      const next = typeof updater === 'function' ? updater(current) : updater;
      update((p) => {
        if (next.pageSize !== current.pageSize) {
          if (next.pageSize === defaultPageSize) p.delete('size');
          else p.set('size', String(next.pageSize));
          p.delete('page');
          return;
        }
        if (next.pageIndex > 0) p.set('page', String(next.pageIndex + 1));
        else p.delete('page');
      });
    },
    [state.pageIndex, state.pageSize, update, defaultPageSize],
  );

  const setFilter = useCallback(
    (key: TFilter, value: string | null | undefined) => {
      update((p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        p.delete('page');
      });
    },
    [update],
  );

  const clearFilters = useCallback(() => {
    update((p) => {
      for (const key of filterKeys) p.delete(key);
      p.delete('page');
    });
  }, [update, filterKeys]);

  const hasFilters = Object.keys(state.filters).length > 0;

  return { state, setSorting, setPagination, setFilter, clearFilters, hasFilters };
}

/** PostgREST `range(from, to)` bounds (inclusive) of a page. */
export function pageRange({ pageIndex, pageSize }: PageState): [number, number] {
  const from = pageIndex * pageSize;
  return [from, from + pageSize - 1];
}

/**
 * A value for a PostgREST `ilike` inside a logic tree (`or=(a.ilike."…",b.ilike."…")`): LIKE wildcards
 * the user typed are matched literally (PostgREST turns every `*` into `%`, so those are dropped), and
 * the value is double-quoted, backslash-escaped, so commas and parentheses cannot break the tree.
 */
export function ilikeContains(text: string): string {
  return `"${ilikePattern(text).replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * A value for a plain `ilike` filter (`.ilike(column, …)`, not inside a logic tree: there the
 * value is taken as it is, so quotes would become part of the pattern): contains the text, with
 * LIKE wildcards the user typed matched literally.
 */
export function ilikePattern(text: string): string {
  return `*${text.replace(/\*/g, '').replace(/[\\%_]/g, (c) => `\\${c}`)}*`;
}

/** A `YYYY-MM-DD` calendar date from the URL, or null when the value is not a real date. */
export function isoDateParam(value: string | null | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? value : null;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** How far a time zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function zoneOffset(instant: number, timeZone: string): number {
  let f = zoneFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a calendar day (`YYYY-MM-DD`) starts in a time zone, as an ISO timestamp; with
 * `nextDay`, the start of the day after. Filters by the org's calendar days on timestamps are
 * `column >= start(from)` and `column < start(to, nextDay)`, as the SQL side writes
 * `from::timestamp at time zone org.time_zone`.
 */
export function zonedDayStart(date: string, timeZone: string, { nextDay = false } = {}): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d + (nextDay ? 1 : 0));
  let utc = wall - zoneOffset(wall, timeZone);
  // Across a change of offset the first guess is off by the difference: take the offset there.
  const offset = zoneOffset(utc, timeZone);
  if (offset !== wall - utc) utc = wall - offset;
  return new Date(utc).toISOString();
}
