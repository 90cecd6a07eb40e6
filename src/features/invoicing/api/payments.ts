// Payments in (customers) and out (suppliers): the list with what each has allocated and left
// as credit, the documents a partner still owes or is owed (oldest first), and recording a
// payment with its allocations through record_payment (once per idempotency key). Live.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import { ilikeContains, pageRange, type ServerTableState } from '@/lib/table-state.ts';
import type { Database } from '@/lib/database.types.ts';
import { invoicingKey } from './keys.ts';

type Tables = Database['public']['Tables'];
export type Payment = Tables['payments']['Row'];
export type PaymentDirection = Database['public']['Enums']['payment_direction'];

export type PaymentFilter = 'direction' | 'partner' | 'from' | 'to' | 'q';
export const PAYMENT_SORTABLE = ['payment_date', 'number', 'amount'] as const;

export type PaymentRow = Payment & {
  account: { id: string; name: string } | null;
  bank: { id: string; code: string; name: string } | null;
};

const LIST_COLUMNS = '*, account:accounts(id, name), bank:gl_accounts(id, code, name)';

export async function fetchPayments(
  supabase: SupabaseClient,
  orgId: string,
  state: ServerTableState<PaymentFilter>,
  { all = false }: { all?: boolean } = {},
): Promise<{ rows: PaymentRow[]; count: number }> {
  let query = supabase.from('payments').select(LIST_COLUMNS, { count: 'exact' }).eq('org_id', orgId);
  const f = state.filters;
  if (f.direction === 'incoming' || f.direction === 'outgoing') query = query.eq('direction', f.direction);
  if (f.partner) query = query.eq('account_id', f.partner);
  if (f.from) query = query.gte('payment_date', f.from);
  if (f.to) query = query.lte('payment_date', f.to);
  if (f.q?.trim()) {
    const p = ilikeContains(f.q.trim());
    query = query.or(`number.ilike.${p},reference.ilike.${p}`);
  }
  for (const rule of state.sorting)
    query = query.order(rule.id as (typeof PAYMENT_SORTABLE)[number], { ascending: !rule.desc });
  query = query.order('created_at', { ascending: false }).order('id');
  if (!all) {
    const [from, to] = pageRange(state);
    query = query.range(from, to);
  }
  const { data, error, count } = await query;
  if (error) throw toAppError(error);
  return { rows: data as unknown as PaymentRow[], count: count ?? data.length };
}

export function usePayments(orgId: string, state: ServerTableState<PaymentFilter>) {
  const supabase = useSupabase();
  useLiveRefetch('payments', `org_id=eq.${orgId}`, [...invoicingKey(orgId), 'payments']);
  return useQuery({
    queryKey: [...invoicingKey(orgId), 'payments', state],
    placeholderData: keepPreviousData,
    queryFn: () => fetchPayments(supabase, orgId, state),
  });
}

/** A posted invoice or vendor bill that still has something to pay. */
export interface OpenDocument {
  id: string;
  number: string | null;
  date: string;
  due_date: string | null;
  currency: string;
  total: number;
  amount_due: number;
  overdue: boolean;
}

/** What `partnerId` still owes (incoming: their invoices) or is owed (outgoing: their bills), oldest first. */
export function useOpenDocuments(orgId: string, direction: PaymentDirection, partnerId: string | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...invoicingKey(orgId), 'open-documents', direction, partnerId],
    enabled: !!partnerId,
    queryFn: async (): Promise<OpenDocument[]> => {
      if (direction === 'incoming') {
        const { data, error } = await supabase
          .from('invoice_balances')
          .select('id, number, invoice_date, due_date, currency, total, amount_due, payment_status')
          .eq('org_id', orgId)
          .eq('account_id', partnerId!)
          .eq('kind', 'invoice')
          .eq('status', 'posted')
          .gt('amount_due', 0)
          .order('due_date', { ascending: true, nullsFirst: false })
          .order('invoice_date')
          .order('number');
        if (error) throw toAppError(error);
        return data.map((d) => ({
          id: d.id!,
          number: d.number,
          date: d.invoice_date!,
          due_date: d.due_date,
          currency: d.currency!,
          total: d.total!,
          amount_due: d.amount_due!,
          overdue: d.payment_status === 'overdue',
        }));
      }
      const { data, error } = await supabase
        .from('vendor_bill_balances')
        .select('id, number, bill_date, due_date, currency, total, amount_due, payment_status')
        .eq('org_id', orgId)
        .eq('supplier_id', partnerId!)
        .eq('status', 'posted')
        .gt('amount_due', 0)
        .order('due_date', { ascending: true, nullsFirst: false })
        .order('bill_date')
        .order('number');
      if (error) throw toAppError(error);
      return data.map((d) => ({
        id: d.id!,
        number: d.number,
        date: d.bill_date!,
        due_date: d.due_date,
        currency: d.currency!,
        total: d.total!,
        amount_due: d.amount_due!,
        overdue: d.payment_status === 'overdue',
      }));
    },
  });
}

export interface RecordPaymentInput {
  direction: PaymentDirection;
  accountId: string;
  /** Decimal strings ("120.50"): the database reads them as numeric, no float on the way. */
  amount: string;
  paymentDate: string;
  currency: string;
  glAccountId: string;
  reference: string | null;
  allocations: { documentId: string; amount: string }[];
  idempotencyKey: string;
}

export function useRecordPayment(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: RecordPaymentInput): Promise<Payment> => {
      const target = input.direction === 'incoming' ? 'invoice_id' : 'vendor_bill_id';
      const { data, error } = await supabase.rpc('record_payment', {
        p_org_id: orgId,
        p_direction: input.direction,
        p_account_id: input.accountId,
        p_amount: input.amount as unknown as number,
        p_payment_date: input.paymentDate,
        p_currency: input.currency,
        p_gl_account_id: input.glAccountId,
        ...(input.reference ? { p_reference: input.reference } : {}),
        p_allocations: input.allocations.map((a) => ({ [target]: a.documentId, amount: a.amount })),
        p_idempotency_key: input.idempotencyKey,
      });
      if (error) throw toAppError(error);
      return data;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: invoicingKey(orgId) }),
  });
}
