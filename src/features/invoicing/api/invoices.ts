// Invoices and credit notes: the list (from invoice_balances, which derives what each still
// owes and its payment status), one invoice with its lines, allocations and linked documents,
// and the actions: create (the create-invoice edge function), post, credit, the PDF. Live from
// Realtime (invoices are in the publication; payments change invoices.amount_paid).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { toAppError } from '@/lib/errors.ts';
import { invokeFunction } from '@/lib/functions.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import { pageRange, type ServerTableState } from '@/lib/table-state.ts';
import type { Database } from '@/lib/database.types.ts';
import type { CreateInvoiceBody, PaymentStatus } from '../schemas/invoicing.ts';
import { big } from './amounts.ts';
import { invoicingKey } from './keys.ts';

type Tables = Database['public']['Tables'];
export type Invoice = Tables['invoices']['Row'];
export type InvoiceKind = Database['public']['Enums']['invoice_kind'];
export type DocumentStatus = Database['public']['Enums']['document_status'];

export const invoiceKey = (orgId: string, id: string) => [...invoicingKey(orgId), 'invoice', id] as const;

export type InvoiceFilter = 'status' | 'customer' | 'overdue' | 'from' | 'to' | 'kind';
export const INVOICE_SORTABLE = ['invoice_date', 'due_date', 'number', 'total', 'amount_due'] as const;

/** A row of invoice_balances (the view's columns are nullable in the generated types; these are not). */
export interface InvoiceBalance {
  id: string;
  number: string | null;
  kind: InvoiceKind;
  account_id: string;
  sales_order_id: string | null;
  status: DocumentStatus;
  invoice_date: string;
  due_date: string | null;
  currency: string;
  exchange_rate: number;
  total: number;
  amount_paid: number;
  amount_due: number;
  payment_status: PaymentStatus;
}

export type InvoiceListRow = InvoiceBalance & { account_name: string | null };

/** Names of the given accounts (views carry no embeds, so names come in one extra read). */
export async function fetchAccountNames(
  supabase: SupabaseClient,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { data, error } = await supabase.from('accounts').select('id, name').eq('org_id', orgId).in('id', unique);
  if (error) throw toAppError(error);
  return new Map(data.map((a) => [a.id, a.name]));
}

export async function fetchInvoices(
  supabase: SupabaseClient,
  orgId: string,
  state: ServerTableState<InvoiceFilter>,
  { all = false }: { all?: boolean } = {},
): Promise<{ rows: InvoiceListRow[]; count: number }> {
  let query = supabase.from('invoice_balances').select('*', { count: 'exact' }).eq('org_id', orgId);
  const f = state.filters;
  if (f.status === 'unpaid') query = query.in('payment_status', ['open', 'partially_paid', 'overdue']);
  else if (f.status === 'paid') query = query.eq('payment_status', 'paid');
  // Posted invoices with something still open past their due date (invoice_balances says so).
  else if (f.status === 'overdue') query = query.eq('payment_status', 'overdue');
  else if (f.status === 'draft' || f.status === 'posted' || f.status === 'cancelled')
    query = query.eq('status', f.status);
  if (f.overdue === 'yes') query = query.eq('payment_status', 'overdue');
  if (f.customer) query = query.eq('account_id', f.customer);
  if (f.kind === 'invoice' || f.kind === 'credit_note') query = query.eq('kind', f.kind);
  if (f.from) query = query.gte('invoice_date', f.from);
  if (f.to) query = query.lte('invoice_date', f.to);
  for (const rule of state.sorting)
    query = query.order(rule.id as (typeof INVOICE_SORTABLE)[number], { ascending: !rule.desc, nullsFirst: false });
  query = query.order('id');
  if (!all) {
    const [from, to] = pageRange(state);
    query = query.range(from, to);
  }
  const { data, error, count } = await query;
  if (error) throw toAppError(error);
  const rows = data as unknown as InvoiceBalance[];
  const names = await fetchAccountNames(
    supabase,
    orgId,
    rows.map((r) => r.account_id),
  );
  return {
    rows: rows.map((r) => ({ ...r, account_name: names.get(r.account_id) ?? null })),
    count: count ?? rows.length,
  };
}

/** invoice_list_totals' answer: how many documents match and what they still owe in base currency. */
export const invoiceTotalsSchema = z.object({
  count: z.number().int().nonnegative(),
  currency: z.string().nullable(),
  amount_due: z.number(),
});
export type InvoiceTotals = z.infer<typeof invoiceTotalsSchema>;

/** Totals over every document matching the list's filters (not only the page shown). */
export function useInvoiceTotals(orgId: string, filters: ServerTableState<InvoiceFilter>['filters']) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...invoicingKey(orgId), 'invoices', 'totals', filters],
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<InvoiceTotals> => {
      const f = filters;
      const { data, error } = await supabase.rpc('invoice_list_totals', {
        p_org_id: orgId,
        ...(f.status ? { p_status: f.status } : {}),
        ...(f.overdue === 'yes' ? { p_overdue: true } : {}),
        ...(f.customer ? { p_customer_id: f.customer } : {}),
        ...(f.kind === 'invoice' || f.kind === 'credit_note' ? { p_kind: f.kind } : {}),
        ...(f.from ? { p_from: f.from } : {}),
        ...(f.to ? { p_to: f.to } : {}),
      });
      if (error) throw toAppError(error);
      const parsed = invoiceTotalsSchema.safeParse(data);
      if (!parsed.success) throw new Error('The invoice totals came back in an unexpected shape');
      return parsed.data;
    },
  });
}

export function useInvoices(orgId: string, state: ServerTableState<InvoiceFilter>) {
  const supabase = useSupabase();
  useLiveRefetch('invoices', `org_id=eq.${orgId}`, [...invoicingKey(orgId), 'invoices']);
  return useQuery({
    queryKey: [...invoicingKey(orgId), 'invoices', state],
    placeholderData: keepPreviousData,
    queryFn: () => fetchInvoices(supabase, orgId, state),
  });
}

export type InvoiceLine = Tables['invoice_lines']['Row'] & {
  product: { id: string; sku: string; name: string } | null;
};

/** Another document linked to this one (the invoice a credit note credits, its credit notes). */
export interface LinkedInvoice {
  id: string;
  number: string | null;
  kind: InvoiceKind;
  status: DocumentStatus;
  invoice_date: string;
  total: number;
}

export interface InvoiceAllocation {
  id: string;
  amount: number;
  allocated_on: string;
  /** The payment that settled this invoice (for a credit note: none). */
  payment: { id: string; number: string; payment_date: string } | null;
  /** The other document: the credit note that settled this invoice, or the invoice this credit note settled. */
  document: LinkedInvoice | null;
}

export type InvoiceRecord = Invoice & {
  account: { id: string; name: string; email: string | null } | null;
  sales_order: { id: string; number: string | null } | null;
  lines: InvoiceLine[];
};

export interface InvoiceDetails {
  invoice: InvoiceRecord;
  /** Per line of this invoice, the quantity on credit notes of it that are not cancelled. */
  creditedQuantities: Map<string, number>;
  amountDue: number;
  paymentStatus: PaymentStatus;
  allocations: InvoiceAllocation[];
  creditedInvoice: LinkedInvoice | null;
  creditNotes: LinkedInvoice[];
}

const RECORD_COLUMNS =
  '*, account:accounts(id, name, email), sales_order:sales_orders(id, number), lines:invoice_lines(*, product:products(id, sku, name))';
const LINKED_COLUMNS = 'id, number, kind, status, invoice_date, total';

export async function fetchInvoice(
  supabase: SupabaseClient,
  orgId: string,
  id: string,
  { withAllocations }: { withAllocations: boolean },
): Promise<InvoiceDetails | null> {
  const [record, balance, allocations] = await Promise.all([
    supabase.from('invoices').select(RECORD_COLUMNS).eq('org_id', orgId).eq('id', id).maybeSingle(),
    supabase
      .from('invoice_balances')
      .select('amount_due, payment_status')
      .eq('org_id', orgId)
      .eq('id', id)
      .maybeSingle(),
    withAllocations
      ? supabase
          .from('payment_allocations')
          .select('id, amount, allocated_on, invoice_id, credit_note_id, payment:payments(id, number, payment_date)')
          .eq('org_id', orgId)
          .or(`invoice_id.eq.${id},credit_note_id.eq.${id}`)
          .order('allocated_on')
          .order('created_at')
      : Promise.resolve({ data: [], error: null }),
  ]);
  if (record.error) throw toAppError(record.error);
  if (balance.error) throw toAppError(balance.error);
  if (allocations.error) throw toAppError(allocations.error);
  if (!record.data) return null;
  const invoice = record.data as unknown as InvoiceRecord;
  invoice.lines.sort((a, b) => a.position - b.position || a.created_at.localeCompare(b.created_at));
  const rawAllocations = (allocations.data ?? []) as unknown as {
    id: string;
    amount: number;
    allocated_on: string;
    invoice_id: string | null;
    credit_note_id: string | null;
    payment: InvoiceAllocation['payment'];
  }[];
  const otherIds = rawAllocations
    .map((a) => (a.invoice_id === id ? a.credit_note_id : a.invoice_id))
    .filter((x): x is string => !!x);
  if (invoice.credited_invoice_id) otherIds.push(invoice.credited_invoice_id);
  const linkedFilter = [`credited_invoice_id.eq.${id}`];
  if (otherIds.length) linkedFilter.push(`id.in.(${[...new Set(otherIds)].join(',')})`);
  const linked = await supabase
    .from('invoices')
    .select(`${LINKED_COLUMNS}, credited_invoice_id`)
    .eq('org_id', orgId)
    .or(linkedFilter.join(','))
    .order('invoice_date')
    .order('created_at');
  if (linked.error) throw toAppError(linked.error);
  const creditedQuantities = new Map<string, number>();
  if (invoice.kind === 'invoice' && invoice.lines.length > 0) {
    const credited = await supabase
      .from('invoice_lines')
      .select('credited_line_id, quantity, invoice:invoices(status)')
      .eq('org_id', orgId)
      .in(
        'credited_line_id',
        invoice.lines.map((l) => l.id),
      );
    if (credited.error) throw toAppError(credited.error);
    for (const c of credited.data as unknown as {
      credited_line_id: string;
      quantity: number;
      invoice: { status: DocumentStatus } | null;
    }[]) {
      if (c.invoice?.status === 'cancelled') continue;
      creditedQuantities.set(
        c.credited_line_id,
        Number(big(creditedQuantities.get(c.credited_line_id)).plus(big(c.quantity))),
      );
    }
  }
  const byId = new Map(linked.data.map((l) => [l.id, l as LinkedInvoice]));
  return {
    invoice,
    creditedQuantities,
    amountDue: balance.data?.amount_due ?? invoice.total - invoice.amount_paid,
    paymentStatus: (balance.data?.payment_status ?? invoice.status) as PaymentStatus,
    allocations: rawAllocations.map((a) => {
      const other = a.invoice_id === id ? a.credit_note_id : a.invoice_id;
      return {
        id: a.id,
        amount: a.amount,
        allocated_on: a.allocated_on,
        payment: a.payment,
        document: other ? (byId.get(other) ?? null) : null,
      };
    }),
    creditedInvoice: invoice.credited_invoice_id ? (byId.get(invoice.credited_invoice_id) ?? null) : null,
    creditNotes: linked.data.filter((l) => l.credited_invoice_id === id) as LinkedInvoice[],
  };
}

export function useInvoice(orgId: string, id: string, { withAllocations }: { withAllocations: boolean }) {
  const supabase = useSupabase();
  const key = invoiceKey(orgId, id);
  // This invoice's own changes (posting, payments and credit notes change amount_paid) and new
  // credit notes of it.
  useLiveRefetch('invoices', `id=eq.${id}`, key);
  useLiveRefetch('invoices', `credited_invoice_id=eq.${id}`, key);
  return useQuery({
    queryKey: [...key, withAllocations],
    queryFn: () => fetchInvoice(supabase, orgId, id, { withAllocations }),
  });
}

export interface CreateInvoiceResult {
  invoice: Invoice;
  pdf_path: string | null;
  emailed: boolean;
}

export function useInvoiceMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: invoicingKey(orgId) });

  async function post(invoiceId: string): Promise<Invoice> {
    const { data, error } = await supabase.rpc('post_invoice', { p_invoice_id: invoiceId });
    if (error) throw toAppError(error);
    return data;
  }

  return {
    /** Through the edge function: one invoice per idempotency key, posted, with its PDF, e-mailed. */
    create: useMutation({
      mutationFn: (body: CreateInvoiceBody) => invokeFunction<CreateInvoiceResult>(supabase, 'create-invoice', body),
      onSuccess: done,
    }),
    post: useMutation({ mutationFn: post, onSuccess: done }),
    /**
     * A credit note of all the invoice's lines (lines = null) or of some, posted at once. When
     * posting is refused the draft is removed, so no half-made credit note stays behind.
     */
    credit: useMutation({
      mutationFn: async ({
        invoiceId,
        lines,
        reason,
      }: {
        invoiceId: string;
        lines: { invoice_line_id: string; quantity: string }[] | null;
        reason: string | null;
      }) => {
        const created = await supabase.rpc('credit_invoice', {
          p_invoice_id: invoiceId,
          ...(lines ? { p_lines: lines } : {}),
          ...(reason ? { p_reason: reason } : {}),
        });
        if (created.error) throw toAppError(created.error);
        try {
          return await post(created.data.id);
        } catch (error) {
          await supabase.from('invoices').delete().eq('org_id', orgId).eq('id', created.data.id);
          throw error;
        }
      },
      onSettled: done,
    }),
  };
}

/** A short-lived link to the stored PDF (private bucket "invoices"), downloaded under the invoice's number. */
export async function invoicePdfUrl(supabase: SupabaseClient, path: string, fileName: string): Promise<string> {
  const { data, error } = await supabase.storage.from('invoices').createSignedUrl(path, 60, { download: fileName });
  if (error) throw error;
  return data.signedUrl;
}
