// One product: its details (validated, database errors shown), cost (moving average, kept by the
// stock ledger), stock per warehouse, reorder rules per warehouse and prices in price lists.
import { Link, useParams } from 'react-router';
import { ArrowLeft } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LiveQuantity } from '@/components/live-quantity.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatMoney } from '@/lib/money.ts';
import { can } from '@/lib/roles.ts';
import { useLiveStock } from '@/lib/use-live-stock.ts';
import { useProduct, useSaveProduct } from '../api/products.ts';
import { PRODUCT_KIND_LABELS } from '../schemas/product.ts';
import { ProductForm } from './product-form.tsx';
import { ProductPricesCard } from './product-prices-card.tsx';
import { ProductStockCard } from './product-stock-card.tsx';
import { ReorderRulesCard } from './reorder-rules-card.tsx';

export function ProductPage() {
  const { productId = '' } = useParams();
  const { org, role } = useCurrentOrg();
  const product = useProduct(org.id, productId);
  // Live over Realtime: the header's total and the stock card follow every movement.
  const stock = useLiveStock(org.id, product.data && product.data.kind !== 'service' ? [product.data.id] : []);
  const save = useSaveProduct(org.id);
  const canEdit = can(role, 'products.write');
  const canSetPrices = can(role, 'prices.manage');

  if (product.isPending) return <LoadingState label="Loading the product…" />;
  if (product.isError) return <ErrorState error={product.error} onRetry={() => product.refetch()} />;
  if (!product.data)
    return <EmptyState title="Product not found" action={<Link to="/products">Back to products</Link>} />;
  const p = product.data;
  const available = stock.stock?.[p.id];

  return (
    <>
      <Link to="/products" className="mb-2 inline-flex items-center gap-1 text-sm text-muted hover:underline">
        <ArrowLeft className="size-4" aria-hidden="true" /> Products
      </Link>
      <PageHeader
        title={`${p.sku} · ${p.name}`}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge tone="info">{PRODUCT_KIND_LABELS[p.kind]}</Badge>
            {!p.active && <Badge>Inactive</Badge>}
            {p.archived_at && <Badge tone="warning">Archived</Badge>}
            {p.kind !== 'service' && (
              <span data-testid="product-available">
                {available ? (
                  <LiveQuantity value={available.available} changedAt={available.changedAt} uom={p.uom} warnBelowZero />
                ) : (
                  '…'
                )}{' '}
                available
              </span>
            )}
          </span>
        }
        actions={
          canEdit && (
            <Button
              size="sm"
              variant="secondary"
              busy={save.isPending}
              onClick={() =>
                save.mutate(
                  { id: p.id, values: { archived_at: p.archived_at ? null : new Date().toISOString() } },
                  {
                    onSuccess: () => toast.success(p.archived_at ? 'Product restored' : 'Product archived'),
                    onError: (e) => toast.error(`Could not archive: ${errorMessage(e)}`),
                  },
                )
              }
            >
              {p.archived_at ? 'Restore' : 'Archive'}
            </Button>
          )
        }
      />
      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <div className="grid content-start gap-4">
          <Card title="Details">
            <ProductForm
              product={p}
              formId="product-details"
              canEdit={canEdit}
              canSetPrices={canSetPrices}
              showButtons
              onSave={async (values) => {
                await save.mutateAsync({ id: p.id, values });
                toast.success('Product saved');
              }}
            />
          </Card>
          <ProductPricesCard productId={p.id} uom={p.uom} />
        </div>
        <div className="grid content-start gap-4">
          <Card title="Cost">
            <p className="text-2xl font-semibold tabular-nums">{formatMoney(p.cost, p.currency)}</p>
            <p className="mt-1 text-sm text-muted">
              Moving-average unit cost, updated by the stock ledger at every goods receipt.
            </p>
          </Card>
          <ProductStockCard product={p} live={stock} />
          {p.kind !== 'service' && <ReorderRulesCard productId={p.id} />}
        </div>
      </div>
    </>
  );
}
