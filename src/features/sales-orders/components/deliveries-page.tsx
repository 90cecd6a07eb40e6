// Deliveries against the date the order promised: the list behind the warehouse dashboard's
// customer on-time figure (same rows: posted deliveries dated in the period whose order has a
// promised date), filtered by period, warehouse and on time or late, with the on-time share of
// everything that matches.
import { Link } from 'react-router';
import { SearchX, Truck } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { DataTable, dataTableColumns } from '@/components/data-table.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { dateRangeChip, FilterChips, type FilterChip } from '@/components/filter-chips.tsx';
import { Input } from '@/components/input.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDate } from '@/lib/format.ts';
import { useServerTableState } from '@/lib/table-state.ts';
import { DELIVERY_SORTABLE, useDeliveries, type DeliveryFilter, type DeliveryRow } from '../api/deliveries.ts';
import { useWarehouseChoices } from '../api/sales-orders.ts';

const FILTER_KEYS: readonly DeliveryFilter[] = ['from', 'to', 'warehouse', 'on_time'];
const DEFAULT_SORT = { id: 'delivery_date', desc: true };

const col = dataTableColumns<DeliveryRow>();
const columns = [
  col.accessor('number', {
    header: 'Delivery',
    enableSorting: true,
    cell: ({ row }) => row.original.number ?? '—',
  }),
  col.display({
    id: 'order',
    header: 'Order',
    cell: ({ row }) => (
      <Link to={`/sales-orders/${row.original.sales_order_id}`} className="font-medium hover:underline">
        {row.original.order_number ?? 'Order'}
      </Link>
    ),
  }),
  col.display({ id: 'customer', header: 'Customer', cell: ({ row }) => row.original.customer ?? '—' }),
  col.accessor('promised_date', { header: 'Promised', cell: ({ row }) => formatDate(row.original.promised_date) }),
  col.accessor('delivery_date', {
    header: 'Delivered',
    enableSorting: true,
    cell: ({ row }) => formatDate(row.original.delivery_date),
  }),
  col.accessor('days_late', {
    header: 'On time',
    enableSorting: true,
    cell: ({ row }) =>
      row.original.on_time ? (
        <Badge tone="success">On time</Badge>
      ) : (
        <Badge tone="danger">
          {row.original.days_late} {row.original.days_late === 1 ? 'day' : 'days'} late
        </Badge>
      ),
  }),
];

export function DeliveriesPage() {
  const { org } = useCurrentOrg();
  const table = useServerTableState<DeliveryFilter>({
    sortable: DELIVERY_SORTABLE,
    defaultSort: DEFAULT_SORT,
    filterKeys: FILTER_KEYS,
  });
  const list = useDeliveries(org.id, table.state);
  const warehouses = useWarehouseChoices(org.id);
  const f = table.state.filters;

  const chips: FilterChip[] = [];
  const period = dateRangeChip('Delivered', f.from, f.to);
  if (period)
    chips.push({
      id: 'period',
      ...period,
      onRemove: () => {
        table.setFilter('from', null);
        table.setFilter('to', null);
      },
    });
  if (f.warehouse) {
    const name = warehouses.data?.find((w) => w.id === f.warehouse)?.name ?? 'one warehouse';
    chips.push({ id: 'warehouse', label: `From ${name}`, onRemove: () => table.setFilter('warehouse', null) });
  }
  if (f.on_time)
    chips.push({
      id: 'on_time',
      label: f.on_time === 'yes' ? 'On time' : 'Late',
      onRemove: () => table.setFilter('on_time', null),
    });

  const data = list.data;
  const share = data && data.count > 0 ? Math.round((data.onTime / data.count) * 1000) / 10 : null;

  return (
    <>
      <PageHeader
        title="Deliveries"
        description="Posted deliveries of orders with a promised date, and whether they left by that date."
      />
      <div className="mb-3 grid gap-2">
        <FilterChips chips={chips} onClearAll={table.clearFilters} />
        {data && (
          <p className="m-0 text-sm text-muted" data-testid="list-summary">
            {data.count.toLocaleString()} {data.count === 1 ? 'delivery' : 'deliveries'} ·{' '}
            {data.onTime.toLocaleString()} on time{share !== null ? ` (${share} %)` : ''}
          </p>
        )}
      </div>
      <DataTable
        caption="Deliveries"
        columns={columns}
        rows={data?.rows}
        rowCount={data?.count}
        getRowId={(row) => row.delivery_id}
        sorting={table.state.sorting}
        onSortingChange={table.setSorting}
        pagination={table.state}
        onPaginationChange={table.setPagination}
        query={list}
        toolbar={
          <div className="flex flex-wrap items-end gap-2">
            <label className="grid gap-1 text-xs text-muted">
              Delivered from
              <Input
                type="date"
                className="h-8 w-40"
                value={f.from ?? ''}
                onChange={(e) => table.setFilter('from', e.target.value || null)}
              />
            </label>
            <label className="grid gap-1 text-xs text-muted">
              Delivered until
              <Input
                type="date"
                className="h-8 w-40"
                value={f.to ?? ''}
                onChange={(e) => table.setFilter('to', e.target.value || null)}
              />
            </label>
            <label className="grid gap-1 text-xs text-muted">
              Warehouse
              <Select
                size="sm"
                value={f.warehouse ?? 'all'}
                onValueChange={(v) => table.setFilter('warehouse', v === 'all' ? null : v)}
                options={[
                  { value: 'all', label: 'All warehouses', textValue: 'All warehouses' },
                  ...(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.name, textValue: w.name })),
                ]}
                className="w-48"
              />
            </label>
            <label className="grid gap-1 text-xs text-muted">
              On time
              <Select
                size="sm"
                value={f.on_time ?? 'all'}
                onValueChange={(v) => table.setFilter('on_time', v === 'all' ? null : v)}
                options={[
                  { value: 'all', label: 'All', textValue: 'All' },
                  { value: 'yes', label: 'On time', textValue: 'On time' },
                  { value: 'no', label: 'Late', textValue: 'Late' },
                ]}
                className="w-36"
              />
            </label>
          </div>
        }
        empty={
          <EmptyState
            icon={table.hasFilters ? SearchX : Truck}
            title={table.hasFilters ? 'No deliveries match' : 'No deliveries measured yet'}
            description={
              table.hasFilters ? undefined : 'Deliveries of orders with a promised date show here once posted.'
            }
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
