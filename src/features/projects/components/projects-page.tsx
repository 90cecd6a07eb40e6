// Projects as a list: by code, name or start, filtered by status and a name search (in the URL),
// with the customer, the deal it came from, how time is billed and the budget. Live.
import { useState } from 'react';
import { Link } from 'react-router';
import { Briefcase, Plus, SearchX } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { Select } from '@/components/select.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { can } from '@/lib/roles.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import { PROJECT_SORTABLE, useProjects, type ProjectFilter, type ProjectRow } from '../api/projects.ts';
import { BILLING_METHOD_LABELS, PROJECT_STATUS_LABELS } from '../schemas/project.ts';
import { ProjectFormDialog } from './project-form-dialog.tsx';

const FILTER_KEYS: readonly ProjectFilter[] = ['status', 'q'];
const DEFAULT_SORT = { id: 'code', desc: true };

function columns() {
  const col = dataTableColumns<ProjectRow>();
  return [
    col.accessor('code', {
      header: 'Code',
      enableSorting: true,
      cell: ({ row }) => (
        <Link to={`/projects/${row.original.id}`} className="font-medium hover:underline">
          {row.original.code}
        </Link>
      ),
    }),
    col.accessor('name', {
      header: 'Name',
      enableSorting: true,
      cell: ({ row }) => (
        <span className="grid">
          {row.original.name}
          {row.original.deal && <span className="text-xs text-muted">From deal: {row.original.deal.title}</span>}
        </span>
      ),
    }),
    col.display({ id: 'customer', header: 'Customer', cell: ({ row }) => row.original.account?.name ?? '—' }),
    col.display({
      id: 'status',
      header: 'Status',
      cell: ({ row }) => (
        <Badge tone={row.original.status === 'active' ? 'success' : 'neutral'}>
          {PROJECT_STATUS_LABELS[row.original.status]}
        </Badge>
      ),
    }),
    col.display({
      id: 'billing',
      header: 'Billing',
      cell: ({ row }) => (
        <span className="grid">
          {BILLING_METHOD_LABELS[row.original.billing_method] ?? row.original.billing_method}
          {row.original.hourly_rate != null && (
            <span className="text-xs text-muted">
              {formatMoney(row.original.hourly_rate, row.original.currency)} / h
            </span>
          )}
        </span>
      ),
    }),
    col.accessor('start_date', {
      header: 'Start',
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.start_date),
    }),
    col.display({
      id: 'budget',
      header: 'Budget',
      meta: { className: 'text-right' },
      cell: ({ row }) => (
        <span className="tabular-nums">
          {row.original.budget == null ? '—' : formatMoney(row.original.budget, row.original.currency)}
        </span>
      ),
    }),
  ];
}

export function ProjectsPage() {
  const { org, role } = useCurrentOrg();
  const table = useServerTableState<ProjectFilter>({
    sortable: PROJECT_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const list = useProjects(org.id, table.state);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title="Projects"
        description="Work for customers: time, expenses and materials against what was billed."
        actions={
          can(role, 'projects.write') && (
            <Button size="sm" onClick={() => setCreating(true)}>
              <Plus className="size-4" aria-hidden="true" /> New project
            </Button>
          )
        }
      />
      <DataTable
        caption="Projects"
        columns={columns()}
        rows={list.data?.rows}
        rowCount={list.data?.count}
        getRowId={(row) => row.id}
        sorting={table.state.sorting}
        onSortingChange={table.setSorting}
        pagination={table.state}
        onPaginationChange={table.setPagination}
        query={list}
        toolbar={
          <div className="flex flex-wrap items-end gap-2">
            <SearchInput
              label="Search projects by name"
              value={table.state.filters.q ?? ''}
              onChange={(v) => table.setFilter('q', v || null)}
            />
            <label className="grid gap-1 text-xs text-muted">
              Status
              <Select
                size="sm"
                className="w-40"
                value={table.state.filters.status ?? 'all'}
                onValueChange={(v) => table.setFilter('status', v === 'all' ? null : v)}
                options={[
                  { value: 'all', label: 'All', textValue: 'All' },
                  ...Object.entries(PROJECT_STATUS_LABELS).map(([value, label]) => ({
                    value,
                    label,
                    textValue: label,
                  })),
                ]}
              />
            </label>
          </div>
        }
        empty={
          <EmptyState
            icon={table.hasFilters ? SearchX : Briefcase}
            title={table.hasFilters ? 'No projects match' : 'No projects yet'}
            description={table.hasFilters ? undefined : 'Start one for a customer, or from a won deal.'}
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
      {creating && <ProjectFormDialog open={creating} onOpenChange={setCreating} />}
    </>
  );
}
