// The warehouse dashboard: inventory value, turnover and days of inventory, stock-outs and levels
// under their reorder point now, on-time deliveries to customers and from suppliers, units
// received and shipped over time, and the products shipped most. Filterable by warehouse.
import { SelectField } from '@/components/select-field.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { useInventoryKpis } from '../api/kpis.ts';
import { useWarehouseChoices } from '../api/lookups.ts';
import { ChartGrid, DashboardFrame, KpiSection } from './dashboard-frame.tsx';
import { computeDelta, formatAmount, formatDays, formatNumber } from './figures.ts';
import { KpiGrid, KpiTile } from './kpi-tile.tsx';
import { links } from './links.ts';
import { TargetGauge } from './target-gauge.tsx';
import { TimeSeriesChart } from './time-series-chart.tsx';
import { TopTable } from './top-table.tsx';
import { useDashboardParams, type DashboardParams } from './use-dashboard-params.ts';

const ALL = '__all__';

function WarehouseFilter({ params }: { params: DashboardParams }) {
  const { org } = useCurrentOrg();
  const warehouses = useWarehouseChoices(org.id);
  return (
    <SelectField
      label="Warehouse"
      className="w-52"
      value={params.filters.warehouse ?? ALL}
      onValueChange={(v) => params.setFilter('warehouse', v === ALL ? undefined : v)}
      options={[
        { value: ALL, label: 'All warehouses', textValue: 'All warehouses' },
        ...(warehouses.data ?? []).map((w) => ({
          value: w.id,
          label: `${w.code} · ${w.name}`,
          textValue: `${w.code} ${w.name}`,
        })),
      ]}
    />
  );
}

/** Turnover as "2.4×". */
const formatTimes = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${formatNumber(v, 2)}×`);

export function WarehouseDashboard() {
  const { org } = useCurrentOrg();
  const params = useDashboardParams();
  const range = params.range.ok ? params.range : null;
  const warehouse = params.filters.warehouse;
  const inventory = useInventoryKpis(org.id, range, { warehouse });
  return (
    <DashboardFrame
      kind="warehouse"
      params={params}
      results={[inventory]}
      filters={<WarehouseFilter params={params} />}
    >
      {(r) => (
        <KpiSection title="Inventory" result={inventory} loading="Valuing the stock…">
          {(inv, p) => {
            const money = (v: number) => formatAmount(v, inv.currency);
            return (
              <>
                <KpiGrid label="Inventory figures">
                  <KpiTile
                    label="Inventory value"
                    value={money(inv.inventory_value)}
                    hint={`At the end of the period (average ${money(inv.average_inventory_value)})`}
                    delta={computeDelta(inv.inventory_value, p?.inventory_value)}
                    to={links.stockValuation(r.to, warehouse)}
                  />
                  <KpiTile
                    label="Turnover"
                    value={formatTimes(inv.turnover)}
                    hint={`${money(inv.cost_of_goods_shipped)} of goods shipped at cost`}
                    delta={computeDelta(inv.turnover, p?.turnover)}
                    to={links.stockValuation(r.to, warehouse)}
                  />
                  <KpiTile
                    label="Days of inventory"
                    value={formatDays(inv.days_inventory_outstanding)}
                    delta={computeDelta(inv.days_inventory_outstanding, p?.days_inventory_outstanding, {
                      better: 'down',
                    })}
                    to={links.stockValuation(r.to, warehouse)}
                  />
                  <KpiTile
                    label="Stock-outs"
                    value={formatNumber(inv.stockouts)}
                    hint={`${formatNumber(inv.below_reorder)} below reorder point, now`}
                    to={links.stockouts(warehouse)}
                    noComparison
                  />
                  <KpiTile
                    label="Below reorder point"
                    value={formatNumber(inv.below_reorder)}
                    hint="Levels under their reorder point, now"
                    to={links.belowReorder(warehouse)}
                    noComparison
                  />
                </KpiGrid>
                <ChartGrid>
                  <div className="grid gap-4 sm:grid-cols-2">
                    <TargetGauge
                      title="On-time deliveries to customers"
                      ratio={inv.customer_on_time.rate}
                      emptyText="No deliveries in this period"
                      detail={`${formatNumber(inv.customer_on_time.on_time)} of ${formatNumber(inv.customer_on_time.deliveries)} by the promised date`}
                      goodFrom={0.95}
                      poorBelow={0.8}
                      href={links.deliveries(r, warehouse)}
                    />
                    {inv.supplier_on_time ? (
                      <TargetGauge
                        title="On-time receipts from suppliers"
                        ratio={inv.supplier_on_time.rate}
                        emptyText="No receipts in this period"
                        detail={`${formatNumber(inv.supplier_on_time.on_time)} of ${formatNumber(inv.supplier_on_time.receipts)} by the expected date`}
                        goodFrom={0.95}
                        poorBelow={0.8}
                        href={links.supplierPerformance()}
                      />
                    ) : null}
                  </div>
                  <TimeSeriesChart
                    title="Received and shipped"
                    description={`Units per ${inv.bucket}.`}
                    rows={inv.movement_series}
                    bucket={inv.bucket}
                    range={r}
                    series={[
                      { key: 'received', label: 'Received', color: 'info', format: (v) => formatNumber(v, 3) },
                      { key: 'shipped', label: 'Shipped', color: 'warning', format: (v) => formatNumber(v, 3) },
                    ]}
                    axisFormat={(v) => formatNumber(v)}
                    href={(b) => links.deliveries(b, warehouse)}
                  />
                </ChartGrid>
                <ChartGrid>
                  <TopTable
                    title="Out of stock now"
                    rows={inv.stockout_items}
                    rowKey={(i) => `${i.product_id}:${i.warehouse_id}`}
                    nameHeader="Product"
                    name={(i) => `${i.sku} · ${i.name}`}
                    href={(i) => links.product(i.product_id)}
                    columns={[
                      { header: 'Warehouse', cell: (i) => i.warehouse_name },
                      { header: 'On hand', numeric: true, cell: (i) => formatNumber(i.on_hand, 3) },
                      { header: 'Reserved', numeric: true, cell: (i) => formatNumber(i.reserved, 3) },
                      { header: 'Available', numeric: true, cell: (i) => formatNumber(i.available, 3) },
                    ]}
                    emptyText="Nothing is out of stock"
                    more={{ to: links.stockouts(warehouse), label: 'All stock-outs' }}
                  />
                  <TopTable
                    title="Most shipped products"
                    description="Units shipped in the period and their value at cost."
                    rows={inv.top_products}
                    rowKey={(t) => t.product_id}
                    nameHeader="Product"
                    name={(t) => `${t.sku} · ${t.name}`}
                    href={(t) => links.product(t.product_id)}
                    columns={[
                      { header: 'Shipped', numeric: true, cell: (t) => formatNumber(t.shipped, 3) },
                      { header: 'Value', numeric: true, cell: (t) => money(t.value) },
                    ]}
                    emptyText="Nothing shipped in this period"
                  />
                </ChartGrid>
              </>
            );
          }}
        </KpiSection>
      )}
    </DashboardFrame>
  );
}
