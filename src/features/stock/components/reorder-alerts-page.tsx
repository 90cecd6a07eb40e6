// Reorder alerts: products whose available stock fell below their reorder point, one open
// alert per product and warehouse, with the draft purchase order raised for them. They close
// themselves when stock recovers or the order is received; a buyer may dismiss one.
import { useState } from 'react';
import { Link } from 'react-router';
import { BellRing } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LiveQuantity } from '@/components/live-quantity.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDateTime } from '@/lib/format.ts';
import { can } from '@/lib/roles.ts';
import { useDismissReorderAlert, useReorderAlerts } from '../api/stock.ts';

const CLOSE_REASONS: Record<string, string> = {
  stock_recovered: 'Stock recovered',
  received: 'Order received',
  rule_removed: 'Rule removed',
  dismissed: 'Dismissed',
};

export function ReorderAlertsPage() {
  const { org, role } = useCurrentOrg();
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const alerts = useReorderAlerts(org.id, status);
  const dismiss = useDismissReorderAlert(org.id);
  const canManage = can(role, 'reorder_alerts.manage');

  return (
    <>
      <PageHeader
        title="Reorder alerts"
        description="Raised when available stock drops below the reorder point, with a draft purchase order."
        actions={
          <Select
            size="sm"
            aria-label="Show"
            value={status}
            onValueChange={(v) => setStatus(v as 'open' | 'closed')}
            options={[
              { value: 'open', label: 'Open', textValue: 'Open' },
              { value: 'closed', label: 'Closed', textValue: 'Closed' },
            ]}
            className="w-28"
          />
        }
      />
      {alerts.isPending ? (
        <LoadingState label="Loading alerts…" />
      ) : alerts.isError ? (
        <ErrorState error={alerts.error} onRetry={() => alerts.refetch()} />
      ) : alerts.data.length === 0 ? (
        <EmptyState icon={BellRing} title={status === 'open' ? 'Nothing to reorder' : 'No closed alerts'} />
      ) : (
        <ul className="divide-y divide-border rounded-xl border border-border bg-surface" aria-label="Reorder alerts">
          {alerts.data.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
              <div className="min-w-48 flex-1">
                <Link to={`/products/${a.product_id}`} className="font-medium">
                  {a.product?.name}
                </Link>
                <span className="block text-xs text-muted">
                  {a.product?.sku} · {a.warehouse?.code} · opened {formatDateTime(a.opened_at)}
                </span>
              </div>
              <span className="text-sm">
                Available <LiveQuantity value={a.available_at_open} warnBelowZero /> · point{' '}
                <LiveQuantity value={a.reorder_point} /> · order{' '}
                <LiveQuantity value={a.reorder_quantity} uom={a.product?.uom} />
              </span>
              {a.purchase_order_id && <Link to={`/purchase-orders/${a.purchase_order_id}`}>Draft order</Link>}
              {a.status === 'closed' ? (
                <Badge>{CLOSE_REASONS[a.close_reason ?? ''] ?? a.close_reason}</Badge>
              ) : (
                canManage && (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() =>
                      dismiss.mutate(a.id, { onError: (e) => toast.error(`Could not dismiss: ${errorMessage(e)}`) })
                    }
                  >
                    Dismiss
                  </Button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
