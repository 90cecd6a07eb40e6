// Reorder point and quantity per warehouse for one product. Owners, admins and warehouse staff
// set them (reorder_rules_write); everyone else reads them.
import { Card } from '@/components/card.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { can } from '@/lib/roles.ts';
import { useProductWarehouses } from '../api/products.ts';
import { useReorderRuleMutations, useReorderRules } from '../api/reorder-rules.ts';
import { ReorderRuleRow } from './reorder-rule-row.tsx';

export function ReorderRulesCard({ productId }: { productId: string }) {
  const { org, role } = useCurrentOrg();
  const warehouses = useProductWarehouses(org.id);
  const rules = useReorderRules(org.id, productId);
  const mutations = useReorderRuleMutations(org.id, productId);
  const canEdit = can(role, 'warehouses.manage');

  return (
    <Card
      title="Reorder rules"
      description="When available stock in a warehouse falls to the reorder point, a reorder alert proposes the quantity."
      flush
    >
      {warehouses.isPending || rules.isPending ? (
        <LoadingState label="Loading reorder rules…" />
      ) : warehouses.isError || rules.isError ? (
        <ErrorState
          error={warehouses.error ?? rules.error}
          onRetry={() => {
            void warehouses.refetch();
            void rules.refetch();
          }}
        />
      ) : (
        <ul className="divide-y divide-border" aria-label="Reorder rules per warehouse">
          {warehouses.data
            .filter((w) => w.active || rules.data.some((r) => r.warehouse_id === w.id))
            .map((w) => (
              <ReorderRuleRow
                key={w.id}
                warehouse={w}
                rule={rules.data.find((r) => r.warehouse_id === w.id)}
                canEdit={canEdit}
                mutations={mutations}
              />
            ))}
        </ul>
      )}
    </Card>
  );
}
