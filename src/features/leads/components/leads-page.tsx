// Leads as a list: best score first, filters, CSV export of the filtered list and new leads
// (given to the next rep in the rotation when nobody is chosen). Live. Dashboards link here with
// source, team and created-between filters (shown as removable chips) and the count of the leads
// matching reads the number clicked through.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Download, Magnet, Plus, SearchX } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { dateRangeChip, FilterChips, type FilterChip } from '@/components/filter-chips.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { personName, useOrgPeople } from '@/lib/org-people.ts';
import { can } from '@/lib/roles.ts';
import { useUser } from '@/lib/session.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import {
  fetchLeads,
  leadStatusFilter,
  leadTitle,
  LEAD_SORTABLE,
  NO_SOURCE,
  useCampaignChoices,
  useLeadMutations,
  useLeads,
  useTeamName,
  type LeadFilter,
  type LeadRow,
} from '../api/leads.ts';
import { LEAD_STATUS_LABELS } from '../schemas/lead.ts';
import { LeadForm } from './lead-form.tsx';
import { LeadStatusBadge } from './lead-status-badge.tsx';

const FILTER_KEYS: readonly LeadFilter[] = [
  'q',
  'status',
  'owner',
  'team',
  'campaign',
  'source',
  'created_from',
  'created_to',
];
const DEFAULT_SORT = { id: 'score', desc: true };

function columns(currency: string) {
  const col = dataTableColumns<LeadRow>();
  return [
    col.accessor('score', {
      header: 'Score',
      enableSorting: true,
      cell: ({ row }) => <Badge tone={row.original.score >= 50 ? 'success' : 'neutral'}>{row.original.score}</Badge>,
    }),
    col.accessor('company_name', {
      header: 'Lead',
      enableSorting: true,
      cell: ({ row }) => (
        <Link to={`/leads/${row.original.id}`} className="font-medium hover:underline">
          {leadTitle(row.original)}
          {row.original.company_name && row.original.contact_name && (
            <span className="block text-xs font-normal text-muted">{row.original.contact_name}</span>
          )}
        </Link>
      ),
    }),
    col.display({
      id: 'status',
      header: 'Status',
      cell: ({ row }) => <LeadStatusBadge status={row.original.status} />,
    }),
    col.display({ id: 'email', header: 'E-mail', cell: ({ row }) => row.original.email ?? '—' }),
    col.display({ id: 'source', header: 'Source', cell: ({ row }) => row.original.source ?? '—' }),
    col.display({ id: 'campaign', header: 'Campaign', cell: ({ row }) => row.original.campaign?.name ?? '—' }),
    col.display({
      id: 'owner',
      header: 'Owner',
      cell: ({ row }) => (row.original.owner ? personName(row.original.owner) : 'Unassigned'),
    }),
    col.accessor('estimated_value', {
      header: 'Value',
      enableSorting: true,
      cell: ({ row }) =>
        row.original.estimated_value == null ? '—' : formatMoney(row.original.estimated_value, currency),
    }),
    col.accessor('created_at', {
      header: 'Created',
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.created_at),
    }),
  ];
}

export function LeadsPage() {
  const { org, role } = useCurrentOrg();
  const user = useUser();
  const supabase = useSupabase();
  const navigate = useNavigate();
  const table = useServerTableState<LeadFilter>({
    sortable: LEAD_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const context = { userId: user.id, timeZone: org.time_zone };
  const list = useLeads(org.id, table.state, context);
  const campaigns = useCampaignChoices(org.id);
  const people = useOrgPeople(org.id);
  const f = table.state.filters;
  const teamName = useTeamName(org.id, f.team ?? null);
  const chips: FilterChip[] = [];
  if (f.source)
    chips.push({
      id: 'source',
      label: f.source === NO_SOURCE ? 'No source' : `Source: ${f.source}`,
      onRemove: () => table.setFilter('source', null),
    });
  if (f.team)
    chips.push({
      id: 'team',
      label: `Team: ${teamName.data === undefined ? '…' : (teamName.data ?? 'unknown')}`,
      onRemove: () => table.setFilter('team', null),
    });
  const created = dateRangeChip('Created', f.created_from, f.created_to);
  if (created)
    chips.push({
      id: 'created',
      ...created,
      onRemove: () => {
        table.setFilter('created_from', null);
        table.setFilter('created_to', null);
      },
    });
  const { create } = useLeadMutations(org.id);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const canWrite = can(role, 'leads.write');

  async function exportCsv() {
    setExporting(true);
    try {
      const { rows } = await fetchLeads(supabase, org.id, table.state, context, { all: true });
      downloadCsv(`leads-${new Date().toISOString().slice(0, 10)}`, rows, [
        { header: 'Company', value: (r) => r.company_name },
        { header: 'Contact', value: (r) => r.contact_name },
        { header: 'E-mail', value: (r) => r.email },
        { header: 'Phone', value: (r) => r.phone },
        { header: 'Source', value: (r) => r.source },
        { header: 'Campaign', value: (r) => r.campaign?.name },
        { header: 'Status', value: (r) => LEAD_STATUS_LABELS[r.status] },
        { header: 'Score', value: (r) => r.score },
        { header: 'Estimated value', value: (r) => r.estimated_value },
        { header: 'Owner', value: (r) => (r.owner ? personName(r.owner) : '') },
        { header: 'Tags', value: (r) => r.tags.join(', ') },
        { header: 'Created', value: (r) => r.created_at },
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
        title="Leads"
        description="Prospects before they become customers, best score first."
        actions={
          <>
            <Button size="sm" variant="secondary" onClick={exportCsv} busy={exporting}>
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </Button>
            {canWrite && (
              <Button size="sm" onClick={() => setCreating(true)}>
                <Plus className="size-4" aria-hidden="true" /> New lead
              </Button>
            )}
          </>
        }
      />
      <DataTable
        caption="Leads"
        columns={columns(org.base_currency)}
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
              <SearchInput
                label="Search leads"
                value={table.state.filters.q ?? ''}
                onChange={(v) => table.setFilter('q', v)}
                placeholder="Company, name, e-mail, phone…"
                className="w-64"
              />
              <label className="grid gap-1 text-xs text-muted">
                Status
                <Select
                  size="sm"
                  value={leadStatusFilter(f)}
                  onValueChange={(v) =>
                    table.setFilter('status', v === leadStatusFilter({ ...f, status: undefined }) ? null : v)
                  }
                  options={[
                    { value: 'open', label: 'Open', textValue: 'Open' },
                    { value: 'all', label: 'All', textValue: 'All' },
                    ...Object.entries(LEAD_STATUS_LABELS).map(([value, label]) => ({ value, label, textValue: label })),
                  ]}
                  className="w-36"
                />
              </label>
              <label className="grid gap-1 text-xs text-muted">
                Owner
                <Select
                  size="sm"
                  value={table.state.filters.owner ?? 'all'}
                  onValueChange={(v) => table.setFilter('owner', v === 'all' ? null : v)}
                  options={[
                    { value: 'all', label: 'Everyone', textValue: 'Everyone' },
                    { value: 'me', label: 'Mine', textValue: 'Mine' },
                    { value: 'nobody', label: 'Unassigned', textValue: 'Unassigned' },
                    ...(people.data ?? []).map((p) => ({
                      value: p.id,
                      label: personName(p),
                      textValue: personName(p),
                    })),
                  ]}
                  className="w-40"
                />
              </label>
              <label className="grid gap-1 text-xs text-muted">
                Campaign
                <Select
                  size="sm"
                  value={table.state.filters.campaign ?? 'all'}
                  onValueChange={(v) => table.setFilter('campaign', v === 'all' ? null : v)}
                  options={[
                    { value: 'all', label: 'Any', textValue: 'Any' },
                    ...(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name, textValue: c.name })),
                  ]}
                  className="w-40"
                />
              </label>
            </div>
            <FilterChips chips={chips} onClearAll={table.clearFilters} />
            {list.data && (
              <p role="status" className="text-sm font-semibold">
                {list.data.count} {list.data.count === 1 ? 'lead' : 'leads'}
              </p>
            )}
          </div>
        }
        empty={
          <EmptyState
            icon={table.hasFilters ? SearchX : Magnet}
            title={table.hasFilters ? 'No leads match' : 'No open leads'}
            description={table.hasFilters ? undefined : 'Add leads as they come in; they are scored automatically.'}
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
      <Dialog
        open={creating}
        onOpenChange={setCreating}
        title="New lead"
        size="lg"
        footer={
          <>
            <Button variant="secondary" onClick={() => setCreating(false)}>
              Cancel
            </Button>
            <Button type="submit" form="new-lead" busy={create.isPending}>
              Create lead
            </Button>
          </>
        }
      >
        <LeadForm
          formId="new-lead"
          canEdit
          onSave={async (values) => {
            const id = await create.mutateAsync(values);
            toast.success(`Lead “${leadTitle(values)}” created`);
            setCreating(false);
            navigate(`/leads/${id}`);
          }}
        />
      </Dialog>
    </>
  );
}
