// Cycle counts: start a count sheet for a warehouse (the database lists what it expects), open
// ones to count, posted ones with their numbers.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ClipboardCheck } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { Select } from '@/components/select.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDateTime } from '@/lib/format.ts';
import { can } from '@/lib/roles.ts';
import { useStockCountMutations, useStockCounts, useWarehouses } from '../api/stock.ts';

export function StockCountsPage() {
  const { org, role } = useCurrentOrg();
  const navigate = useNavigate();
  const counts = useStockCounts(org.id);
  const warehouses = useWarehouses(org.id);
  const { start } = useStockCountMutations(org.id);
  const [warehouseId, setWarehouseId] = useState('');
  const chosen = warehouseId || warehouses.data?.[0]?.id || '';

  return (
    <>
      <PageHeader
        title="Cycle counts"
        description="Count what is on the shelf; posting books the differences as adjustments."
        actions={
          can(role, 'stock.move') && (
            <div className="flex items-center gap-2">
              <Select
                size="sm"
                aria-label="Warehouse to count"
                value={chosen || undefined}
                onValueChange={setWarehouseId}
                options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.code, textValue: w.code }))}
                className="w-32"
              />
              <Button
                size="sm"
                busy={start.isPending}
                disabled={!chosen}
                onClick={() =>
                  start.mutate(
                    { warehouseId: chosen, note: null },
                    {
                      onSuccess: (id) => navigate(`/stock/counts/${id}`),
                      onError: (e) => toast.error(`Could not start the count: ${errorMessage(e)}`),
                    },
                  )
                }
              >
                <ClipboardCheck className="size-4" aria-hidden="true" /> Start a count
              </Button>
            </div>
          )
        }
      />
      {counts.isPending ? (
        <LoadingState label="Loading counts…" />
      ) : counts.isError ? (
        <ErrorState error={counts.error} onRetry={() => counts.refetch()} />
      ) : counts.data.length === 0 ? (
        <EmptyState icon={ClipboardCheck} title="No counts yet" />
      ) : (
        <ul className="divide-y divide-border rounded-xl border border-border bg-surface" aria-label="Counts">
          {counts.data.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
              <Link to={`/stock/counts/${c.id}`} className="font-medium">
                {c.number ?? `Count of ${c.warehouse?.code ?? 'warehouse'}`}
              </Link>
              <Badge tone={c.status === 'open' ? 'info' : c.status === 'posted' ? 'success' : 'neutral'}>
                {c.status}
              </Badge>
              <span className="text-sm text-muted">
                {c.warehouse?.code} · started {formatDateTime(c.started_at)}
                {c.posted_at && ` · posted ${formatDateTime(c.posted_at)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
