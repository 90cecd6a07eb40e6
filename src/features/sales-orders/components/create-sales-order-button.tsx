// On a won deal's page: "Create sales order" turns the deal (customer, terms, quote lines)
// into a draft order and opens it. A deal that already has an order links to it instead; if
// the order appeared meanwhile, the database's answer (23505 naming the order) opens that one.
import { useNavigate } from 'react-router';
import { Link } from 'react-router';
import { ShoppingCart } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { can } from '@/lib/roles.ts';
import { existingOrderId, useCreateSalesOrderFromDeal, useDealSalesOrder } from '../api/sales-orders.ts';

interface CreateSalesOrderButtonProps {
  deal: { id: string; status: string };
}

export function CreateSalesOrderButton({ deal }: CreateSalesOrderButtonProps) {
  const { org, role } = useCurrentOrg();
  const navigate = useNavigate();
  const won = deal.status === 'won';
  const existing = useDealSalesOrder(org.id, deal.id, won);
  const create = useCreateSalesOrderFromDeal(org.id);
  if (!won) return null;
  if (existing.data)
    return (
      <Button size="sm" variant="secondary" asChild>
        <Link to={`/sales-orders/${existing.data.id}`}>
          <ShoppingCart className="size-4" aria-hidden="true" /> Sales order {existing.data.number ?? '(draft)'}
        </Link>
      </Button>
    );
  if (!can(role, 'salesOrders.write')) return null;

  return (
    <Button
      size="sm"
      busy={create.isPending}
      disabled={existing.isPending}
      onClick={() =>
        create.mutate(deal.id, {
          onSuccess: (order) => {
            toast.success('Draft sales order created from the deal');
            navigate(`/sales-orders/${order.id}`);
          },
          onError: (error) => {
            const id = existingOrderId(error);
            if (id) {
              toast.info(errorMessage(error));
              navigate(`/sales-orders/${id}`);
            } else {
              toast.error(`Could not create the sales order: ${errorMessage(error)}`);
            }
          },
        })
      }
    >
      <ShoppingCart className="size-4" aria-hidden="true" /> Create sales order
    </Button>
  );
}
