// One customer at a glance (the account page's "Customer 360" panel): deals by status, sales
// orders with their delivery progress and ship dates, the receivable (outstanding, overdue,
// unapplied credit, against the credit limit), open invoices, recent payments and open tickets.
// Each part is its own query, read only by roles that may read it, and all follow Realtime.
import { useQuery } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { sumAmounts } from '@/lib/money.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import type { Database } from '@/lib/database.types.ts';
import type { PaymentStatus } from '../schemas/invoicing.ts';
import { big } from './amounts.ts';

type Enums = Database['public']['Enums'];

export const customer360Key = (orgId: string, accountId: string) =>
  [...orgKey(orgId), 'invoicing', 'customer-360', accountId] as const;

/** Subscribes the panel to every table it shows, filtered to this account where the table allows. */
export function useCustomer360Live(orgId: string, accountId: string) {
  const key = customer360Key(orgId, accountId);
  const filter = `account_id=eq.${accountId}`;
  useLiveRefetch('invoices', filter, key);
  useLiveRefetch('payments', filter, key);
  useLiveRefetch('sales_orders', filter, key);
  useLiveRefetch('deals', filter, key);
  useLiveRefetch('tickets', filter, key);
  useLiveRefetch('accounts', `id=eq.${accountId}`, key);
  // Deliveries carry the order, not the customer: any delivery of the org may move an order's progress.
  useLiveRefetch('deliveries', `org_id=eq.${orgId}`, [...key, 'orders']);
}

export interface DealStatusSummary {
  status: Enums['deal_status'];
  count: number;
  /** Value per currency, exact. */
  values: { currency: string; amount: string }[];
}

export function useCustomerDeals(orgId: string, accountId: string, enabled: boolean) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...customer360Key(orgId, accountId), 'deals'],
    enabled,
    queryFn: async (): Promise<DealStatusSummary[]> => {
      const { data, error } = await supabase
        .from('deals')
        .select('status, amount, currency')
        .eq('org_id', orgId)
        .eq('account_id', accountId)
        .is('archived_at', null)
        .limit(5000);
      if (error) throw toAppError(error);
      const order: Enums['deal_status'][] = ['open', 'won', 'lost'];
      return order.map((status) => {
        const deals = data.filter((d) => d.status === status);
        const currencies = [...new Set(deals.map((d) => d.currency))].sort();
        return {
          status,
          count: deals.length,
          values: currencies.map((currency) => ({
            currency,
            amount: sumAmounts(deals.filter((d) => d.currency === currency).map((d) => d.amount)).toFixed(2),
          })),
        };
      });
    },
  });
}

export interface CustomerOrder {
  id: string;
  number: string | null;
  status: Enums['sales_order_status'];
  order_date: string;
  promised_date: string | null;
  currency: string;
  /** Whole percent of the ordered quantity delivered. */
  deliveredPercent: number;
  /** Dates of posted deliveries, latest first. */
  shipDates: string[];
}

export function useCustomerOrders(orgId: string, accountId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...customer360Key(orgId, accountId), 'orders'],
    queryFn: async (): Promise<{ rows: CustomerOrder[]; count: number }> => {
      const { data, error, count } = await supabase
        .from('sales_orders')
        .select(
          'id, number, status, order_date, promised_date, currency, lines:sales_order_lines(quantity, delivered_quantity), deliveries(delivery_date, status)',
          { count: 'exact' },
        )
        .eq('org_id', orgId)
        .eq('account_id', accountId)
        .neq('status', 'cancelled')
        .order('order_date', { ascending: false })
        .order('created_at', { ascending: false })
        .limit(8);
      if (error) throw toAppError(error);
      const rows = data as unknown as (Omit<CustomerOrder, 'deliveredPercent' | 'shipDates'> & {
        lines: { quantity: number; delivered_quantity: number }[];
        deliveries: { delivery_date: string; status: Enums['document_status'] }[];
      })[];
      return {
        count: count ?? rows.length,
        rows: rows.map(({ lines, deliveries, ...o }) => {
          const ordered = sumAmounts(lines.map((l) => l.quantity));
          const delivered = sumAmounts(lines.map((l) => l.delivered_quantity));
          return {
            ...o,
            deliveredPercent: ordered.eq(0) ? 0 : Math.min(100, Number(delivered.times(100).div(ordered).round(0, 0))),
            shipDates: [
              ...new Set(
                deliveries
                  .filter((d) => d.status === 'posted')
                  .map((d) => d.delivery_date)
                  .sort()
                  .reverse(),
              ),
            ],
          };
        }),
      };
    },
  });
}

export interface CustomerBalance {
  /** Base currency, from ar_aging as of today. */
  totalDue: string;
  overdue: string;
  unappliedCredit: string;
  oldestDueDate: string | null;
  creditLimit: number | null;
  accountCurrency: string | null;
  overLimit: boolean;
}

/** The receivable of one customer today (ar_aging: readable by every finance and CRM role, support included). */
export function useCustomerBalance(orgId: string, accountId: string, enabled: boolean) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...customer360Key(orgId, accountId), 'balance'],
    enabled,
    queryFn: async (): Promise<CustomerBalance> => {
      const [aging, account] = await Promise.all([
        supabase.rpc('ar_aging', { p_org_id: orgId }).eq('account_id', accountId),
        supabase
          .from('accounts')
          .select('credit_limit, currency')
          .eq('org_id', orgId)
          .eq('id', accountId)
          .maybeSingle(),
      ]);
      if (aging.error) throw toAppError(aging.error);
      if (account.error) throw toAppError(account.error);
      const row = aging.data[0];
      const total = big(row?.total_due);
      const overdue = total.minus(big(row?.current_amount));
      const limit = account.data?.credit_limit ?? null;
      return {
        totalDue: total.toFixed(2),
        overdue: overdue.toFixed(2),
        unappliedCredit: big(row?.unapplied_credit).toFixed(2),
        oldestDueDate: row?.oldest_due_date ?? null,
        creditLimit: limit,
        accountCurrency: account.data?.currency ?? null,
        overLimit: limit !== null && total.gt(big(limit)),
      };
    },
  });
}

export interface CustomerInvoice {
  id: string;
  number: string | null;
  invoice_date: string;
  due_date: string | null;
  currency: string;
  total: number;
  amount_due: number;
  payment_status: PaymentStatus;
}

/** Posted invoices still owing something, oldest due first. */
export function useCustomerOpenInvoices(orgId: string, accountId: string, enabled: boolean) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...customer360Key(orgId, accountId), 'invoices'],
    enabled,
    queryFn: async (): Promise<CustomerInvoice[]> => {
      const { data, error } = await supabase
        .from('invoice_balances')
        .select('id, number, invoice_date, due_date, currency, total, amount_due, payment_status')
        .eq('org_id', orgId)
        .eq('account_id', accountId)
        .eq('kind', 'invoice')
        .eq('status', 'posted')
        .gt('amount_due', 0)
        .order('due_date', { ascending: true, nullsFirst: false })
        .order('number')
        .limit(10);
      if (error) throw toAppError(error);
      return data as unknown as CustomerInvoice[];
    },
  });
}

export function useCustomerPayments(orgId: string, accountId: string, enabled: boolean) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...customer360Key(orgId, accountId), 'payments'],
    enabled,
    queryFn: async () => {
      const { data, error } = await supabase
        .from('payments')
        .select('id, number, direction, payment_date, currency, amount, allocated_amount')
        .eq('org_id', orgId)
        .eq('account_id', accountId)
        .order('payment_date', { ascending: false })
        .order('created_at', { ascending: false })
        .limit(5);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function useCustomerOpenTickets(orgId: string, accountId: string, enabled: boolean) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...customer360Key(orgId, accountId), 'tickets'],
    enabled,
    queryFn: async (): Promise<number> => {
      const { count, error } = await supabase
        .from('tickets')
        .select('id', { count: 'exact', head: true })
        .eq('org_id', orgId)
        .eq('account_id', accountId)
        .in('status', ['new', 'open', 'pending'])
        .is('archived_at', null);
      if (error) throw toAppError(error);
      return count ?? 0;
    },
  });
}
