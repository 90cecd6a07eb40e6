// The same deals as the board, as a sortable, paged table with the board's filters,
// exportable as CSV. Dashboards link here with further filters (stage, team, closed or created
// between org-calendar days, reached a stage), shown as removable chips, and the line above the
// table adds up every matching deal (deal_list_totals) so it reads the number clicked through.
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Download, KanbanSquare, SearchX } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/badge.tsx';
import { Button, buttonClasses } from '@/components/button.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { dateRangeChip, FilterChips, type FilterChip } from '@/components/filter-chips.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { useOrgPeople } from '@/lib/org-people.ts';
import { useUser } from '@/lib/session.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import {
  DEAL_SORTABLE,
  fetchDealList,
  resolveDealQuery,
  useDealList,
  useDealTotals,
  usePipelines,
  useSalesTeamName,
  type DealFilter,
  type DealListRow,
  type DealTotals,
  type Pipeline,
} from '../api/deals.ts';
import { BoardFilterBar } from './board-filters.tsx';

const FILTER_KEYS: readonly DealFilter[] = [
  'q',
  'owner',
  'status',
  'pipeline',
  'tag',
  'close_from',
  'close_to',
  'min',
  'max',
  'stage',
  'team',
  'closed_from',
  'closed_to',
  'created_from',
  'created_to',
  'reached',
];
const DEFAULT_SORT = { id: 'created_at', desc: true };
const STATUS_TONES: Record<DealListRow['status'], BadgeTone> = { open: 'info', won: 'success', lost: 'danger' };

const col = dataTableColumns<DealListRow>();
const columns = [
  col.accessor('title', {
    header: 'Deal',
    enableSorting: true,
    cell: ({ row }) => (
      <Link to={`/deals/${row.original.id}`} className="font-medium hover:underline">
        {row.original.title}
      </Link>
    ),
  }),
  col.display({ id: 'account', header: 'Customer', cell: ({ row }) => row.original.account?.name ?? '—' }),
  col.display({ id: 'stage', header: 'Stage', cell: ({ row }) => row.original.stage?.name ?? '—' }),
  col.accessor('status', {
    header: 'Status',
    cell: ({ row }) => <Badge tone={STATUS_TONES[row.original.status]}>{row.original.status}</Badge>,
  }),
  col.accessor('amount', {
    header: 'Amount',
    enableSorting: true,
    cell: ({ row }) => <span className="tabular-nums">{formatMoney(row.original.amount, row.original.currency)}</span>,
  }),
  col.accessor('expected_close_date', {
    header: 'Expected close',
    enableSorting: true,
    cell: ({ row }) => formatDate(row.original.expected_close_date),
  }),
  col.display({ id: 'owner', header: 'Owner', cell: ({ row }) => row.original.owner?.full_name ?? '—' }),
];

export function DealListPage() {
  const { org } = useCurrentOrg();
  const user = useUser();
  const supabase = useSupabase();
  const people = useOrgPeople(org.id);
  const [params] = useSearchParams();
  const table = useServerTableState<DealFilter>({
    sortable: DEAL_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  // "owner=me" in the URL (shared with the board) means the signed-in user.
  const state = useMemo(
    () => ({
      ...table.state,
      filters: {
        ...table.state.filters,
        owner: table.state.filters.owner === 'me' ? user.id : table.state.filters.owner,
      },
    }),
    [table.state, user.id],
  );
  const pipelines = usePipelines(org.id);
  const query = useMemo(
    () => resolveDealQuery(state.filters, { timeZone: org.time_zone, pipelines: pipelines.data }),
    [state.filters, org.time_zone, pipelines.data],
  );
  const list = useDealList(org.id, state, query);
  const totals = useDealTotals(org.id, query);
  const teamName = useSalesTeamName(org.id, table.state.filters.team ?? null);
  const [exporting, setExporting] = useState(false);
  const chips = dealFilterChips(table.state.filters, {
    pipelines: pipelines.data,
    teamName: teamName.data,
    remove: (...keys) => keys.forEach((key) => table.setFilter(key, null)),
  });

  async function exportCsv() {
    if (!query) return;
    setExporting(true);
    try {
      const { rows } = await fetchDealList(supabase, org.id, state, query, { all: true });
      downloadCsv(`deals-${new Date().toISOString().slice(0, 10)}`, rows, [
        { header: 'Deal', value: (r) => r.title },
        { header: 'Customer', value: (r) => r.account?.name },
        { header: 'Pipeline', value: (r) => r.pipeline?.name },
        { header: 'Stage', value: (r) => r.stage?.name },
        { header: 'Status', value: (r) => r.status },
        { header: 'Amount', value: (r) => r.amount },
        { header: 'Currency', value: (r) => r.currency },
        { header: 'Expected close', value: (r) => r.expected_close_date },
        { header: 'Closed at', value: (r) => r.closed_at },
        { header: 'Owner', value: (r) => r.owner?.full_name },
        { header: 'Tags', value: (r) => r.tags.join(', ') },
      ]);
    } catch (error) {
      toast.error(`Could not export: ${errorMessage(error)}`);
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Deals"
        actions={
          <>
            <Link to={`/deals?${params.toString()}`} className={buttonClasses('secondary', 'sm')}>
              <KanbanSquare className="size-4" aria-hidden="true" /> Board
            </Link>
            <Button size="sm" variant="secondary" onClick={exportCsv} busy={exporting}>
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </Button>
          </>
        }
      />
      <DataTable
        caption="Deals"
        columns={columns}
        rows={list.data?.rows}
        rowCount={list.data?.count}
        getRowId={(row) => row.id}
        sorting={table.state.sorting}
        onSortingChange={table.setSorting}
        pagination={table.state}
        onPaginationChange={table.setPagination}
        query={list}
        toolbar={
          <div className="grid w-full gap-3">
            <div className="flex flex-wrap items-end gap-2">
              <BoardFilterBar people={people.data ?? []} />
              <label className="grid gap-1 text-xs text-muted">
                Status
                <Select
                  size="sm"
                  value={table.state.filters.status ?? 'any'}
                  onValueChange={(v) => table.setFilter('status', v === 'any' ? null : v)}
                  options={[
                    { value: 'any', label: 'Any', textValue: 'Any' },
                    { value: 'open', label: 'Open', textValue: 'Open' },
                    { value: 'won', label: 'Won', textValue: 'Won' },
                    { value: 'lost', label: 'Lost', textValue: 'Lost' },
                  ]}
                  className="w-28"
                />
              </label>
            </div>
            <FilterChips chips={chips} onClearAll={table.clearFilters} />
            <DealSummary count={list.data?.count} totals={totals.data} error={totals.error} />
          </div>
        }
        empty={
          <EmptyState
            icon={SearchX}
            title={table.hasFilters ? 'No deals match these filters' : 'No deals yet'}
            action={
              table.hasFilters ? (
                <Button variant="secondary" onClick={table.clearFilters}>
                  Clear filters
                </Button>
              ) : undefined
            }
          />
        }
      />
    </>
  );
}

const STAGE_LABEL = (pipelines: readonly Pipeline[] | undefined, id: string) => {
  for (const p of pipelines ?? []) {
    const stage = p.stages.find((s) => s.id === id);
    if (stage) return pipelines!.length > 1 ? `${stage.name} (${p.name})` : stage.name;
  }
  return pipelines ? 'a stage that no longer exists' : '…';
};

/** Chips for the filters the toolbar has no control for (the ones dashboards link with). */
function dealFilterChips(
  f: Partial<Record<DealFilter, string>>,
  {
    pipelines,
    teamName,
    remove,
  }: {
    pipelines: readonly Pipeline[] | undefined;
    teamName: string | null | undefined;
    remove: (...keys: DealFilter[]) => void;
  },
): FilterChip[] {
  const chips: FilterChip[] = [];
  if (f.pipeline) {
    const name = pipelines?.find((p) => p.id === f.pipeline)?.name;
    chips.push({
      id: 'pipeline',
      label: `Pipeline: ${name ?? (pipelines ? 'unknown' : '…')}`,
      onRemove: () => remove('pipeline'),
    });
  }
  if (f.stage)
    chips.push({ id: 'stage', label: `Stage: ${STAGE_LABEL(pipelines, f.stage)}`, onRemove: () => remove('stage') });
  if (f.reached)
    chips.push({
      id: 'reached',
      label: `Reached ${STAGE_LABEL(pipelines, f.reached)} or later`,
      onRemove: () => remove('reached'),
    });
  if (f.team)
    chips.push({
      id: 'team',
      label: `Team: ${teamName === undefined ? '…' : (teamName ?? 'unknown')}`,
      onRemove: () => remove('team'),
    });
  for (const [what, fromKey, toKey] of [
    ['Closed', 'closed_from', 'closed_to'],
    ['Created', 'created_from', 'created_to'],
  ] as const) {
    const chip = dateRangeChip(what, f[fromKey], f[toKey]);
    if (chip) chips.push({ id: fromKey, ...chip, onRemove: () => remove(fromKey, toKey) });
  }
  return chips;
}

/** "12 deals · total €48,300.00 (€45,000.00 + $3,600.00)", over every matching deal. */
function DealSummary({
  count,
  totals,
  error,
}: {
  count: number | undefined;
  totals: DealTotals | undefined;
  error: unknown;
}) {
  if (count === undefined) return null;
  const deals = `${count} ${count === 1 ? 'deal' : 'deals'}`;
  let total: string | null = null;
  if (error) total = `total not available: ${errorMessage(error)}`;
  else if (totals && count > 0) {
    const parts = totals.by_currency.map((c) => formatMoney(c.amount, c.currency));
    const foreign = totals.by_currency.some((c) => c.currency !== totals.currency);
    if (totals.total !== null && totals.currency)
      total = `total ${formatMoney(totals.total, totals.currency)}${foreign ? ` (${parts.join(' + ')})` : ''}`;
    else
      total = `${parts.join(' + ')} — no total in ${totals.currency ?? 'base currency'}: no exchange rate for ${totals.missing_rates.join(', ')}`;
  }
  return (
    <p role="status" className="text-sm text-muted">
      <span className="font-semibold text-foreground">{deals}</span>
      {total && ` · ${total}`}
    </p>
  );
}
