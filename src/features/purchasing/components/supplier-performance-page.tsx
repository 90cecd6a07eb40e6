// How suppliers deliver: orders, open orders, receipts, on-time rate (receipts posted by the
// order's expected date) and the average lead time from order to receipt.
import { Link } from 'react-router';
import { ArrowLeft, Truck } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Card } from '@/components/card.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { useSupplierPerformance } from '../api/supplier-performance.ts';

function rateTone(rate: number | null) {
  if (rate === null) return 'neutral' as const;
  if (rate >= 90) return 'success' as const;
  if (rate >= 70) return 'warning' as const;
  return 'danger' as const;
}

export function SupplierPerformancePage() {
  const { org } = useCurrentOrg();
  const performance = useSupplierPerformance(org.id);

  return (
    <>
      <Link to="/purchase-orders" className="mb-2 inline-flex items-center gap-1 text-sm text-muted hover:underline">
        <ArrowLeft className="size-4" aria-hidden="true" /> Purchase orders
      </Link>
      <PageHeader title="Supplier performance" description="On-time deliveries and lead times, by supplier." />
      <Card flush>
        {performance.isPending ? (
          <LoadingState label="Loading supplier performance…" />
        ) : performance.isError ? (
          <ErrorState error={performance.error} onRetry={() => performance.refetch()} />
        ) : performance.data.length === 0 ? (
          <EmptyState
            icon={Truck}
            title="No purchase orders yet"
            description="Figures appear once suppliers deliver."
          />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Supplier performance</caption>
              <thead>
                <tr className="border-b border-border bg-surface-muted text-left text-muted">
                  <th scope="col" className="px-4 py-2.5 font-semibold">
                    Supplier
                  </th>
                  <th scope="col" className="px-4 py-2.5 text-right font-semibold">
                    Orders
                  </th>
                  <th scope="col" className="px-4 py-2.5 text-right font-semibold">
                    Open orders
                  </th>
                  <th scope="col" className="px-4 py-2.5 text-right font-semibold">
                    Receipts
                  </th>
                  <th scope="col" className="px-4 py-2.5 text-right font-semibold">
                    On time
                  </th>
                  <th scope="col" className="px-4 py-2.5 text-right font-semibold">
                    Avg. lead time
                  </th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {performance.data.map((s) => (
                  <tr key={s.supplierId} className="border-b border-border last:border-b-0">
                    <th scope="row" className="px-4 py-3 text-left font-medium">
                      <Link to={`/purchase-orders?supplier=${s.supplierId}`} className="hover:underline">
                        {s.supplierName}
                      </Link>
                    </th>
                    <td className="px-4 py-3 text-right">{s.purchaseOrders}</td>
                    <td className="px-4 py-3 text-right">{s.openPurchaseOrders}</td>
                    <td className="px-4 py-3 text-right">{s.receipts}</td>
                    <td className="px-4 py-3 text-right">
                      <Badge tone={rateTone(s.onTimeRate)}>
                        {s.onTimeRate === null ? 'No data' : `${s.onTimeRate}% (${s.onTimeReceipts} of ${s.receipts})`}
                      </Badge>
                    </td>
                    <td className="px-4 py-3 text-right">
                      {s.leadTimeDays === null ? '—' : `${s.leadTimeDays} ${s.leadTimeDays === 1 ? 'day' : 'days'}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
