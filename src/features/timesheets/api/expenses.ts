// Expenses: an employee's own (live), created and edited while draft or rejected, with the
// receipt uploaded to the private "receipts" bucket at <org_id>/<expense_id>/<file> (the path the
// bucket's policy checks) and opened through a short-lived signed link; submitted, withdrawn,
// approved and rejected through the database's RPCs.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import { pageRange, type ServerTableState } from '@/lib/table-state.ts';
import { receiptPath, type Expense, type ExpenseStatus, type ExpenseValues } from '../schemas/expense.ts';

export const expensesKey = (orgId: string) => [...orgKey(orgId), 'expenses'] as const;

export type ExpenseRow = Expense & {
  project: { code: string; name: string } | null;
  employee: { id: string; full_name: string; user_id: string | null } | null;
};

const COLUMNS = '*, project:projects(code, name), employee:employees(id, full_name, user_id)';

export type ExpenseFilter = 'status';
export const EXPENSE_SORTABLE = ['expense_date', 'amount', 'created_at'] as const;

/** One employee's expenses, newest first, filtered by status, a page at a time; live. */
export function useMyExpenses(orgId: string, employeeId: string | null, state: ServerTableState<ExpenseFilter>) {
  const supabase = useSupabase();
  useLiveRefetch('expenses', `employee_id=eq.${employeeId ?? 'none'}`, [...expensesKey(orgId), 'mine']);
  return useQuery({
    queryKey: [...expensesKey(orgId), 'mine', employeeId, state],
    enabled: !!employeeId,
    placeholderData: keepPreviousData,
    queryFn: async () => {
      let query = supabase
        .from('expenses')
        .select(COLUMNS, { count: 'exact' })
        .eq('org_id', orgId)
        .eq('employee_id', employeeId!);
      if (state.filters.status) query = query.eq('status', state.filters.status as ExpenseStatus);
      for (const rule of state.sorting)
        query = query.order(rule.id as (typeof EXPENSE_SORTABLE)[number], { ascending: !rule.desc });
      const [from, to] = pageRange(state);
      const { data, error, count } = await query.order('created_at', { ascending: false }).order('id').range(from, to);
      if (error) throw toAppError(error);
      return { rows: data as unknown as ExpenseRow[], count: count ?? data.length };
    },
  });
}

/** Every submitted expense of the organisation (what waits for a decision), live. */
export function useSubmittedExpenses(orgId: string) {
  const supabase = useSupabase();
  const key = [...expensesKey(orgId), 'submitted'] as const;
  useLiveRefetch('expenses', `org_id=eq.${orgId}`, key);
  return useQuery({
    queryKey: key,
    queryFn: async (): Promise<ExpenseRow[]> => {
      const { data, error } = await supabase
        .from('expenses')
        .select(COLUMNS)
        .eq('org_id', orgId)
        .eq('status', 'submitted')
        .order('expense_date')
        .order('id')
        .limit(1000);
      if (error) throw toAppError(error);
      return data as unknown as ExpenseRow[];
    },
  });
}

/** A short-lived link to a receipt (private bucket "receipts"). */
export async function receiptUrl(supabase: SupabaseClient, path: string): Promise<string> {
  const { data, error } = await supabase.storage.from('receipts').createSignedUrl(path, 60);
  if (error) throw error;
  return data.signedUrl;
}

export class ReceiptUploadError extends Error {
  constructor(cause: unknown) {
    super(
      `The expense is saved, but its receipt could not be uploaded: ${
        cause instanceof Error ? cause.message : String(cause)
      }. Edit the expense to attach it again.`,
    );
    this.name = 'ReceiptUploadError';
  }
}

const fields = (v: ExpenseValues) => ({
  expense_date: v.expense_date,
  category: v.category,
  project_id: v.project_id || null,
  description: v.description,
  amount: Number(v.amount),
  tax_amount: Number(v.tax_amount),
  currency: v.currency,
  billable: v.billable,
});

export function useExpenseMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: expensesKey(orgId) });

  /** Uploads the receipt of an editable expense and records its path (replacing an earlier file). */
  async function attach(expenseId: string, file: File, previous: string | null) {
    const path = receiptPath(orgId, expenseId, file.name);
    const upload = await supabase.storage.from('receipts').upload(path, file, { contentType: file.type, upsert: true });
    if (upload.error) throw new ReceiptUploadError(upload.error);
    const { error } = await supabase
      .from('expenses')
      .update({ receipt_path: path })
      .eq('org_id', orgId)
      .eq('id', expenseId);
    if (error) throw new ReceiptUploadError(toAppError(error));
    if (previous && previous !== path) await supabase.storage.from('receipts').remove([previous]);
  }

  const rpc = async (fn: 'submit_expenses' | 'withdraw_expenses' | 'approve_expenses', ids: string[]) => {
    const { data, error } = await supabase.rpc(fn, { p_org_id: orgId, p_ids: ids });
    if (error) throw toAppError(error);
    return data;
  };

  return {
    create: useMutation({
      mutationFn: async ({ employeeId, values }: { employeeId: string; values: ExpenseValues }) => {
        const id = crypto.randomUUID();
        const { error } = await supabase
          .from('expenses')
          .insert({ id, org_id: orgId, employee_id: employeeId, ...fields(values) });
        if (error) throw toAppError(error);
        if (values.receipt) await attach(id, values.receipt, null);
        return id;
      },
      onSettled: done,
    }),
    update: useMutation({
      mutationFn: async ({ expense, values }: { expense: Expense; values: ExpenseValues }) => {
        const { error } = await supabase
          .from('expenses')
          .update(fields(values))
          .eq('org_id', orgId)
          .eq('id', expense.id);
        if (error) throw toAppError(error);
        if (values.receipt) await attach(expense.id, values.receipt, expense.receipt_path);
      },
      onSettled: done,
    }),
    remove: useMutation({
      mutationFn: async (expense: Expense) => {
        if (expense.receipt_path) await supabase.storage.from('receipts').remove([expense.receipt_path]);
        const { error } = await supabase.from('expenses').delete().eq('org_id', orgId).eq('id', expense.id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    submit: useMutation({ mutationFn: (ids: string[]) => rpc('submit_expenses', ids), onSuccess: done }),
    withdraw: useMutation({ mutationFn: (ids: string[]) => rpc('withdraw_expenses', ids), onSuccess: done }),
    approve: useMutation({ mutationFn: (ids: string[]) => rpc('approve_expenses', ids), onSuccess: done }),
    reject: useMutation({
      mutationFn: async ({ ids, reason }: { ids: string[]; reason: string }) => {
        const { data, error } = await supabase.rpc('reject_expenses', {
          p_org_id: orgId,
          p_ids: ids,
          p_reason: reason,
        });
        if (error) throw toAppError(error);
        return data;
      },
      onSuccess: done,
    }),
  };
}
