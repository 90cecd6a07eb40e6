// A product's prices in the org's price lists (from a minimum quantity). Owners, admins,
// managers and accountants set them ('prices.manage'); everyone else reads them.
import { Trash2 } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatMoney } from '@/lib/money.ts';
import { can } from '@/lib/roles.ts';
import { useProductPriceMutations, useProductPrices, usePriceLists } from '../api/price-lists.ts';
import { NewProductPriceForm } from './new-product-price-form.tsx';

export function ProductPricesCard({ productId, uom }: { productId: string; uom: string }) {
  const { org, role } = useCurrentOrg();
  const lists = usePriceLists(org.id);
  const prices = useProductPrices(org.id, productId);
  const { save, remove } = useProductPriceMutations(org.id, productId);
  const canEdit = can(role, 'prices.manage');

  return (
    <Card title="Price lists" description="Prices for customers on a price list, from a minimum quantity.">
      {lists.isPending || prices.isPending ? (
        <LoadingState label="Loading prices…" />
      ) : lists.isError || prices.isError ? (
        <ErrorState
          error={lists.error ?? prices.error}
          onRetry={() => {
            void lists.refetch();
            void prices.refetch();
          }}
        />
      ) : (
        <div className="grid gap-4">
          {prices.data.length === 0 ? (
            <p className="text-sm text-muted">Not in any price list: customers pay the sale price.</p>
          ) : (
            <ul className="divide-y divide-border rounded-md border border-border" aria-label="Prices">
              {prices.data.map((item) => {
                const list = lists.data.find((l) => l.id === item.price_list_id);
                return (
                  <li key={item.id} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm">
                    <span className="flex-1">
                      {list?.name ?? 'Price list'} {list && !list.active && <Badge>Archived</Badge>}
                    </span>
                    <span className="text-muted">
                      from {item.min_quantity} {uom}
                    </span>
                    <span className="font-medium tabular-nums">
                      {formatMoney(item.unit_price, list?.currency || org.base_currency)}
                    </span>
                    {canEdit && (
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Remove the price in ${list?.name ?? 'the price list'} from ${item.min_quantity}`}
                        onClick={() =>
                          remove.mutate(item.id, {
                            onError: (e) => toast.error(`Could not remove the price: ${errorMessage(e)}`),
                          })
                        }
                      >
                        <Trash2 className="size-4" aria-hidden="true" />
                      </Button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {canEdit &&
            (lists.data.some((l) => l.active) ? (
              <NewProductPriceForm
                priceLists={lists.data.filter((l) => l.active)}
                onAdd={async (values) => {
                  await save.mutateAsync(values);
                  toast.success('Price saved');
                }}
              />
            ) : (
              <p className="text-sm text-muted">Add a price list in Settings → Price lists to set prices here.</p>
            ))}
        </div>
      )}
    </Card>
  );
}
