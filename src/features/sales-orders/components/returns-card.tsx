// The customer returns of an order: number (or draft), date, status, what came back, and the
// credit note drafted for it (a link to the invoice screens).
import { useState } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { formatDate } from '@/lib/format.ts';
import { formatQuantity } from '../api/amounts.ts';
import { useReturnMutations, type CustomerReturnRow } from '../api/fulfilment.ts';
import type { SalesOrderRecord } from '../api/sales-orders.ts';
import { DOCUMENT_STATUS_LABELS } from '../schemas/sales-order.ts';

interface ReturnsCardProps {
  order: SalesOrderRecord;
  returns: UseQueryResult<CustomerReturnRow[]>;
  canReturn: boolean;
  onOpenDraft(customerReturn: CustomerReturnRow): void;
}

export function ReturnsCard({ order, returns, canReturn, onOpenDraft }: ReturnsCardProps) {
  const { org } = useCurrentOrg();
  const { discard } = useReturnMutations(org.id, order.id);
  const [discarding, setDiscarding] = useState<CustomerReturnRow | null>(null);
  const productOf = new Map(order.lines.map((l) => [l.id, l.product?.sku ?? l.description]));
  if (returns.isSuccess && returns.data.length === 0) return null;
  return (
    <Card title="Returns">
      {returns.isPending ? (
        <LoadingState label="Loading returns…" />
      ) : returns.isError ? (
        <ErrorState error={returns.error} onRetry={() => returns.refetch()} />
      ) : (
        <ul aria-label="Returns" className="m-0 grid list-none gap-3 p-0">
          {returns.data.map((r) => (
            <li key={r.id} className="grid gap-1 text-sm">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium">{r.number ?? 'Draft return'}</span>
                <Badge tone={r.status === 'posted' ? 'success' : 'neutral'}>{DOCUMENT_STATUS_LABELS[r.status]}</Badge>
              </div>
              <span className="text-xs text-muted">
                {formatDate(r.return_date)}
                {r.reason ? ` · ${r.reason}` : ''}
              </span>
              <span className="text-xs">
                {r.lines
                  .map((l) => `${formatQuantity(l.quantity)} × ${productOf.get(l.sales_order_line_id)}`)
                  .join(', ')}
              </span>
              {r.credit_note_id && (
                <Link to={`/invoices/${r.credit_note_id}`} className="text-xs hover:underline">
                  Credit note (draft) for the invoiced goods
                </Link>
              )}
              {r.status === 'draft' && canReturn && (
                <div className="flex gap-2">
                  <Button size="sm" variant="secondary" onClick={() => onOpenDraft(r)}>
                    Continue
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setDiscarding(r)}>
                    Discard
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={discarding !== null}
        onOpenChange={(open) => !open && setDiscarding(null)}
        title="Discard the draft return?"
        description="Nothing has come back into stock on it."
        confirmLabel="Discard"
        onConfirm={async () => {
          await discard.mutateAsync(discarding!.id);
          toast.success('Draft return discarded');
        }}
      />
    </Card>
  );
}
