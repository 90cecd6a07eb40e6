// One count sheet: scan a product to jump to its line, enter what is on the shelf, post. If
// stock moved since the count started, the database says so and posting needs a confirmation.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ArrowLeft } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { Input } from '@/components/input.tsx';
import { LiveQuantity } from '@/components/live-quantity.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorCode, errorMessage } from '@/lib/errors.ts';
import { can } from '@/lib/roles.ts';
import { useStockCount, useStockCountMutations } from '../api/stock.ts';

export function StockCountPage() {
  const { countId = '' } = useParams();
  const { org, role } = useCurrentOrg();
  const sheet = useStockCount(org.id, countId);
  const { setCounted, post } = useStockCountMutations(org.id);
  const [scan, setScan] = useState('');
  const [movedWarning, setMovedWarning] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canCount = can(role, 'stock.move');

  if (sheet.isPending) return <LoadingState label="Loading the count…" />;
  if (sheet.isError) return <ErrorState error={sheet.error} onRetry={() => sheet.refetch()} />;
  if (!sheet.data)
    return <EmptyState title="Count not found" action={<Link to="/stock/counts">Back to counts</Link>} />;
  const { count, lines } = sheet.data;
  const open = count.status === 'open' && canCount;
  const counted = lines.filter((l) => l.counted_quantity != null).length;

  function focusLine(code: string) {
    const text = code.trim().toLowerCase();
    const line = lines.find((l) => l.product?.barcode?.toLowerCase() === text || l.product?.sku.toLowerCase() === text);
    if (!line) return toast.error(`“${code.trim()}” is not on this count sheet.`);
    const input = document.getElementById(`counted-${line.id}`) as HTMLInputElement | null;
    input?.focus();
    input?.select();
  }

  function runPost(acceptMoved: boolean) {
    setError(null);
    return post.mutateAsync(
      { countId: count.id, acceptMoved },
      {
        onSuccess: () => {
          setMovedWarning(null);
          toast.success('Count posted; differences booked');
        },
        onError: (e) => {
          // P0001: stock moved since the count started; anything else is a plain refusal.
          if (errorCode(e) === 'P0001' && !acceptMoved) setMovedWarning(errorMessage(e));
          else setError(errorMessage(e));
        },
      },
    );
  }

  return (
    <div className="grid gap-4">
      <Link to="/stock/counts" className="inline-flex items-center gap-1 text-sm text-muted">
        <ArrowLeft className="size-4" aria-hidden="true" /> Counts
      </Link>
      <PageHeader
        title={count.number ?? `Count of ${count.warehouse?.code ?? 'warehouse'}`}
        description={
          <span className="inline-flex items-center gap-2">
            <Badge tone={count.status === 'open' ? 'info' : 'success'}>{count.status}</Badge>
            {counted} of {lines.length} counted
          </span>
        }
        actions={
          open && (
            <Button
              busy={post.isPending}
              disabled={counted === 0}
              onClick={() => void runPost(false).catch(() => undefined)}
            >
              Post count
            </Button>
          )
        }
      />
      {error && <Alert title="Could not post">{error}</Alert>}
      {open && (
        <form
          className="max-w-sm"
          onSubmit={(e) => {
            e.preventDefault();
            focusLine(scan);
            setScan('');
          }}
        >
          <label className="grid gap-1.5 text-sm font-semibold">
            Scan a product to count it
            <Input value={scan} onChange={(e) => setScan(e.target.value)} autoComplete="off" className="min-h-12" />
          </label>
        </form>
      )}
      <div className="overflow-x-auto rounded-xl border border-border bg-surface">
        <table className="w-full text-sm">
          <caption className="sr-only">Count sheet</caption>
          <thead className="border-b border-border text-left text-xs text-muted">
            <tr>
              <th className="px-3 py-2 font-semibold">Product</th>
              <th className="px-3 py-2 text-right font-semibold">Expected</th>
              <th className="px-3 py-2 text-right font-semibold">Counted</th>
              <th className="px-3 py-2 text-right font-semibold">Difference</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {lines.map((l) => {
              const diff =
                l.posted_difference ??
                (l.counted_quantity == null ? null : Number(l.counted_quantity) - Number(l.expected_quantity));
              return (
                <tr key={l.id}>
                  <td className="px-3 py-2">
                    <span className="font-medium">{l.product?.name}</span>
                    <span className="block text-xs text-muted">{l.product?.sku}</span>
                  </td>
                  <td className="px-3 py-2 text-right">
                    <LiveQuantity value={l.expected_quantity} />
                  </td>
                  <td className="px-3 py-2 text-right">
                    {open ? (
                      <Input
                        id={`counted-${l.id}`}
                        aria-label={`Counted ${l.product?.name ?? ''}`}
                        inputMode="decimal"
                        defaultValue={l.counted_quantity == null ? '' : String(Number(l.counted_quantity))}
                        className="ml-auto min-h-11 w-28 text-right"
                        onBlur={(e) => {
                          const text = e.target.value.trim();
                          const value = text === '' ? null : Number(text);
                          if (value !== null && (!Number.isFinite(value) || value < 0)) {
                            toast.error('A count is a number of at least 0');
                            return;
                          }
                          if (value === (l.counted_quantity == null ? null : Number(l.counted_quantity))) return;
                          setCounted.mutate(
                            { lineId: l.id, counted: value },
                            { onError: (err) => toast.error(`Not saved: ${errorMessage(err)}`) },
                          );
                        }}
                      />
                    ) : l.counted_quantity == null ? (
                      '—'
                    ) : (
                      <LiveQuantity value={l.counted_quantity} />
                    )}
                  </td>
                  <td className="px-3 py-2 text-right">
                    {diff == null ? '—' : <LiveQuantity value={diff} warnBelowZero />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={movedWarning != null}
        onOpenChange={(o) => !o && setMovedWarning(null)}
        title="Stock moved during the count"
        description={movedWarning}
        confirmLabel="Post anyway"
        onConfirm={() => runPost(true)}
      />
    </div>
  );
}
