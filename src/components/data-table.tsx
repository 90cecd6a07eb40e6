// A table of server-side data: the server (PostgREST) sorts, filters and pages; TanStack Table holds
// the column model and the sorting/pagination state, which live in the URL (lib/table-state.ts) and in
// the feature's react-query key. Rows are never sorted or sliced in the browser.
import { useEffect, type ReactNode } from 'react';
import {
  createColumnHelper,
  metaHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
} from '@tanstack/react-table';
import { ArrowDown, ArrowUp, ArrowUpDown, ChevronLeft, ChevronRight } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { Select } from '@/components/select.tsx';
import { cn } from '@/lib/cn.ts';
import { PAGE_SIZES, type PageState, type SortRule } from '@/lib/table-state.ts';

interface DataTableColumnMeta {
  /** Classes for the column's <th> and <td> (width, alignment, hiding on a phone). */
  className?: string;
  /** The column heading read by screen readers when the visible header is an icon or empty. */
  label?: string;
}

export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each column keeps its own value type
export type DataTableColumn<TData extends RowData> = ColumnDef<DataTableFeatures, TData, any>;

/** Column helper bound to the DataTable's features, so column defs type-check against it. */
export function dataTableColumns<TData extends RowData>() {
  return createColumnHelper<DataTableFeatures, TData>();
}

export interface DataTableQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

export interface DataTableProps<TData extends RowData> {
  /** Names the table for screen readers (rendered as a visually hidden caption). */
  caption: string;
  columns: DataTableColumn<TData>[];
  /** The current page from the server; keep the reference stable (react-query data is). */
  rows: TData[] | undefined;
  /** Total rows matching the filters (PostgREST `count: 'exact'`). */
  rowCount: number | undefined;
  getRowId: (row: TData) => string;
  sorting: SortRule[];
  onSortingChange: (updater: SortRule[] | ((previous: SortRule[]) => SortRule[])) => void;
  pagination: PageState;
  onPaginationChange: (updater: PageState | ((previous: PageState) => PageState)) => void;
  query: DataTableQuery;
  /** Shown instead of the rows when the server found none. */
  empty: ReactNode;
  /** Filters and actions above the table. */
  toolbar?: ReactNode;
}

const NO_ROWS: never[] = [];

function ariaSort(direction: false | 'asc' | 'desc'): 'ascending' | 'descending' | 'none' {
  if (direction === 'asc') return 'ascending';
  if (direction === 'desc') return 'descending';
  return 'none';
}

export function DataTable<TData extends RowData>({
  caption,
  columns,
  rows,
  rowCount,
  getRowId,
  sorting,
  onSortingChange,
  pagination,
  onPaginationChange,
  query,
  empty,
  toolbar,
}: DataTableProps<TData>) {
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rows ?? (NO_ROWS as TData[]),
    getRowId,
    rowCount: rowCount ?? 0,
    state: { sorting, pagination },
    onSortingChange,
    onPaginationChange,
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    // Every sortable column cycles asc ↔ desc; there is always an order, so pages are stable.
    enableSortingRemoval: false,
    defaultColumn: { enableSorting: false },
  });

  const total = rowCount ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pagination.pageSize));
  const first = total === 0 ? 0 : pagination.pageIndex * pagination.pageSize + 1;
  const last = Math.min(total, (pagination.pageIndex + 1) * pagination.pageSize);

  // A page that no longer exists (rows removed, or a stale link): go to the last one that does.
  const beyondEnd =
    !query.isPending && rowCount !== undefined && pagination.pageIndex > 0 && pagination.pageIndex >= pageCount;
  useEffect(() => {
    if (beyondEnd) onPaginationChange((previous) => ({ ...previous, pageIndex: pageCount - 1 }));
  }, [beyondEnd, pageCount, onPaginationChange]);

  const headerGroups = table.getHeaderGroups();
  const visibleRows = table.getRowModel().rows;

  let body: ReactNode;
  if (query.isPending) {
    body = <LoadingState label={`Loading ${caption.toLowerCase()}…`} />;
  } else if (query.isError && !rows) {
    body = (
      <ErrorState
        title={`Could not load ${caption.toLowerCase()}`}
        error={query.error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  } else if (visibleRows.length === 0) {
    body = empty;
  }

  return (
    <div className="rounded-xl border border-border bg-surface">
      {toolbar && <div className="flex flex-wrap items-end gap-3 border-b border-border p-3 sm:p-4">{toolbar}</div>}
      {body ? (
        body
      ) : (
        <div className="overflow-x-auto" aria-busy={query.isFetching || undefined}>
          <table className={cn('w-full border-collapse text-sm', query.isFetching && 'opacity-70 transition-opacity')}>
            <caption className="sr-only">{caption}</caption>
            <thead>
              {headerGroups.map((group) => (
                <tr key={group.id} className="border-b border-border bg-surface-muted text-left">
                  {group.headers.map((header) => {
                    const meta = header.column.columnDef.meta;
                    const canSort = header.column.getCanSort();
                    const direction = header.column.getIsSorted();
                    const SortIcon = direction === 'asc' ? ArrowUp : direction === 'desc' ? ArrowDown : ArrowUpDown;
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        aria-sort={canSort ? ariaSort(direction) : undefined}
                        className={cn('px-4 py-2.5 font-semibold whitespace-nowrap text-muted', meta?.className)}
                      >
                        {header.isPlaceholder ? null : canSort ? (
                          <button
                            type="button"
                            onClick={header.column.getToggleSortingHandler()}
                            className="-mx-1 inline-flex cursor-pointer items-center gap-1 rounded px-1 hover:text-foreground"
                          >
                            <table.FlexRender header={header} />
                            <SortIcon className={cn('size-3.5', !direction && 'opacity-60')} aria-hidden="true" />
                          </button>
                        ) : meta?.label ? (
                          <span className="sr-only">{meta.label}</span>
                        ) : (
                          <table.FlexRender header={header} />
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {visibleRows.map((row) => (
                <tr key={row.id} className="border-b border-border last:border-b-0 hover:bg-surface-muted/60">
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className={cn('px-4 py-3 align-middle', cell.column.columnDef.meta?.className)}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query.isError && rows && (
        <p role="alert" className="m-0 border-t border-border px-4 py-2 text-sm text-danger">
          Could not refresh: the rows shown may be out of date.
        </p>
      )}
      <nav
        aria-label={`${caption} pages`}
        className="flex flex-col gap-3 border-t border-border px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between"
      >
        <p className="m-0 text-muted" aria-live="polite">
          {query.isPending ? 'Loading…' : total === 0 ? 'No rows' : `${first}–${last} of ${total}`}
        </p>
        <div className="flex items-center gap-2">
          <div className="w-36">
            <Select
              size="sm"
              aria-label="Rows per page"
              value={String(pagination.pageSize)}
              onValueChange={(value) => onPaginationChange({ pageIndex: 0, pageSize: Number(value) })}
              options={PAGE_SIZES.map((size) => ({ value: String(size), label: `${size} per page` }))}
            />
          </div>
          <Button
            variant="secondary"
            size="sm"
            aria-label="Previous page"
            disabled={pagination.pageIndex === 0}
            onClick={() => onPaginationChange((previous) => ({ ...previous, pageIndex: previous.pageIndex - 1 }))}
          >
            <ChevronLeft className="size-4" aria-hidden="true" />
          </Button>
          <span className="min-w-16 text-center text-muted">
            {pagination.pageIndex + 1} / {pageCount}
          </span>
          <Button
            variant="secondary"
            size="sm"
            aria-label="Next page"
            disabled={pagination.pageIndex + 1 >= pageCount}
            onClick={() => onPaginationChange((previous) => ({ ...previous, pageIndex: previous.pageIndex + 1 }))}
          >
            <ChevronRight className="size-4" aria-hidden="true" />
          </Button>
        </div>
      </nav>
    </div>
  );
}
