// Settings → Price lists: the org's price lists with their currency; add, rename, archive.
// Prices per product are set on the product page.
import { Card } from '@/components/card.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { can } from '@/lib/roles.ts';
import { usePriceListMutations, usePriceLists } from '../api/price-lists.ts';
import { NewPriceListForm } from './new-price-list-form.tsx';
import { PriceListRow } from './price-list-row.tsx';

export function PriceListsPage() {
  const { org, role } = useCurrentOrg();
  const lists = usePriceLists(org.id);
  const { create, update } = usePriceListMutations(org.id);
  const canEdit = can(role, 'prices.manage');

  return (
    <>
      <PageHeader
        title="Price lists"
        description="Prices for groups of customers, each in one currency. Set a product's prices on its page."
      />
      <Card title="Price lists">
        {lists.isPending ? (
          <LoadingState label="Loading price lists…" />
        ) : lists.isError ? (
          <ErrorState error={lists.error} onRetry={() => lists.refetch()} />
        ) : (
          <div className="grid gap-4">
            {lists.data.length === 0 ? (
              <p className="text-sm text-muted">No price lists yet: everyone pays the products' sale prices.</p>
            ) : (
              <ul className="divide-y divide-border rounded-md border border-border" aria-label="Price lists">
                {lists.data.map((list) => (
                  <PriceListRow key={list.id} list={list} canEdit={canEdit} update={update} />
                ))}
              </ul>
            )}
            {canEdit && (
              <NewPriceListForm
                onAdd={async (values) => {
                  await create.mutateAsync(values);
                  toast.success(`Price list “${values.name}” added`);
                }}
              />
            )}
          </div>
        )}
      </Card>
    </>
  );
}
