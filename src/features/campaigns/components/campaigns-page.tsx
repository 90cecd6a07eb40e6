// Campaigns as a list: channel, status, dates, budget and each campaign's figures (members,
// leads, deals, won revenue, cost per lead, return), filters, CSV export and new campaigns.
import { useState } from 'react';
import { Link } from 'react-router';
import { Download, Megaphone, Plus } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { downloadCsv } from '@/lib/csv.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { can } from '@/lib/roles.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import {
  CAMPAIGN_SORTABLE,
  fetchCampaigns,
  useCampaigns,
  type CampaignFilter,
  type CampaignListRow,
} from '../api/campaigns.ts';
import { CHANNEL_LABELS, formatCampaignMoney, formatReturn, STATUS_TONES } from '../format.ts';
import { CAMPAIGN_STATUSES } from '../schemas/campaign.ts';
import { NewCampaignDialog } from './new-campaign-dialog.tsx';

const FILTER_KEYS: readonly CampaignFilter[] = ['q', 'status', 'archived'];
const DEFAULT_SORT = { id: 'starts_on', desc: true };
const num = 'text-right tabular-nums';

function campaignColumns(baseCurrency: string) {
  const col = dataTableColumns<CampaignListRow>();
  const money = (r: CampaignListRow, v: number | null) => formatCampaignMoney(v, r.currency, baseCurrency);
  return [
    col.accessor('name', {
      header: 'Campaign',
      enableSorting: true,
      cell: ({ row }) => (
        <Link to={`/campaigns/${row.original.id}`} className="font-medium hover:underline">
          {row.original.name}
        </Link>
      ),
    }),
    col.display({ id: 'channel', header: 'Channel', cell: ({ row }) => CHANNEL_LABELS[row.original.channel] }),
    col.display({
      id: 'status',
      header: 'Status',
      cell: ({ row }) => <Badge tone={STATUS_TONES[row.original.status]}>{row.original.status}</Badge>,
    }),
    col.accessor('starts_on', {
      header: 'Dates',
      enableSorting: true,
      cell: ({ row }) =>
        row.original.starts_on || row.original.ends_on
          ? `${formatDate(row.original.starts_on)} – ${formatDate(row.original.ends_on)}`
          : '—',
    }),
    col.accessor('budget', {
      header: 'Budget',
      enableSorting: true,
      meta: { className: num },
      cell: ({ row }) => money(row.original, row.original.budget),
    }),
    col.display({
      id: 'members',
      header: 'Members',
      meta: { className: num },
      cell: ({ row }) => row.original.stats.members,
    }),
    col.display({
      id: 'leads',
      header: 'Leads',
      meta: { className: num },
      cell: ({ row }) => row.original.stats.leads,
    }),
    col.display({
      id: 'deals',
      header: 'Deals',
      meta: { className: num },
      cell: ({ row }) => row.original.stats.deals,
    }),
    col.display({
      id: 'won',
      header: 'Won',
      meta: { className: num },
      cell: ({ row }) => money(row.original, row.original.stats.won_amount),
    }),
    col.display({
      id: 'cpl',
      header: 'Cost per lead',
      meta: { className: num },
      cell: ({ row }) => money(row.original, row.original.stats.cost_per_lead),
    }),
    col.display({
      id: 'return',
      header: 'Return',
      meta: { className: num },
      cell: ({ row }) => formatReturn(row.original.stats.return_on_budget),
    }),
  ];
}

export function CampaignsPage() {
  const { org, role } = useCurrentOrg();
  const supabase = useSupabase();
  const table = useServerTableState<CampaignFilter>({
    sortable: CAMPAIGN_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const list = useCampaigns(org.id, table.state);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [columns] = useState(() => campaignColumns(org.base_currency));
  const canWrite = can(role, 'campaigns.write');

  async function exportCsv() {
    setExporting(true);
    try {
      const { rows } = await fetchCampaigns(supabase, org.id, table.state, { all: true });
      downloadCsv(`campaigns-${new Date().toISOString().slice(0, 10)}`, rows, [
        { header: 'Name', value: (r) => r.name },
        { header: 'Channel', value: (r) => r.channel },
        { header: 'Status', value: (r) => r.status },
        { header: 'Starts on', value: (r) => r.starts_on },
        { header: 'Ends on', value: (r) => r.ends_on },
        { header: 'Budget', value: (r) => r.budget },
        { header: 'Currency', value: (r) => r.currency },
        { header: 'Members', value: (r) => r.stats.members },
        { header: 'Leads', value: (r) => r.stats.leads },
        { header: 'Converted leads', value: (r) => r.stats.converted_leads },
        { header: 'Deals', value: (r) => r.stats.deals },
        { header: 'Won revenue', value: (r) => r.stats.won_amount },
        { header: 'Cost per lead', value: (r) => r.stats.cost_per_lead },
        { header: 'Return on budget', value: (r) => r.stats.return_on_budget },
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
        title="Campaigns"
        description="Marketing campaigns, what they cost, and the leads and deals they brought."
        actions={
          <>
            <Button size="sm" variant="secondary" onClick={exportCsv} busy={exporting}>
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </Button>
            {canWrite && (
              <Button size="sm" onClick={() => setCreating(true)}>
                <Plus className="size-4" aria-hidden="true" /> New campaign
              </Button>
            )}
          </>
        }
      />
      <DataTable
        caption="Campaigns"
        columns={columns}
        rows={list.data?.rows}
        rowCount={list.data?.count}
        getRowId={(r) => r.id}
        sorting={table.state.sorting}
        onSortingChange={table.setSorting}
        pagination={table.state}
        onPaginationChange={table.setPagination}
        query={list}
        toolbar={
          <div className="flex flex-wrap items-end gap-2">
            <SearchInput
              label="Search campaigns"
              value={table.state.filters.q ?? ''}
              onChange={(v) => table.setFilter('q', v)}
              placeholder="Name…"
              className="w-56"
            />
            <label className="grid gap-1 text-xs text-muted">
              Status
              <Select
                size="sm"
                aria-label="Filter by status"
                value={table.state.filters.status ?? 'any'}
                onValueChange={(v) => table.setFilter('status', v === 'any' ? null : v)}
                options={['any', ...CAMPAIGN_STATUSES].map((v) => ({
                  value: v,
                  label: v === 'any' ? 'Any' : v[0]!.toUpperCase() + v.slice(1),
                  textValue: v,
                }))}
                className="w-32"
              />
            </label>
            <Button
              size="sm"
              variant={table.state.filters.archived === 'yes' ? 'primary' : 'secondary'}
              onClick={() => table.setFilter('archived', table.state.filters.archived === 'yes' ? null : 'yes')}
            >
              Archived
            </Button>
          </div>
        }
        empty={
          <EmptyState
            icon={Megaphone}
            title={table.hasFilters ? 'No campaigns match' : 'No campaigns yet'}
            action={
              table.hasFilters ? (
                <Button size="sm" variant="secondary" onClick={table.clearFilters}>
                  Clear filters
                </Button>
              ) : undefined
            }
          />
        }
      />
      {canWrite && <NewCampaignDialog open={creating} onOpenChange={setCreating} />}
    </>
  );
}
