// Statement lines of one bank account: importing a mapped file (import_bank_statement: all
// rows or none, known lines skipped), the lines up to a day with the payment each is matched
// to, match suggestions, matching and unmatching, and deleting a line imported by mistake
// (only an unmatched one; the database refuses the rest). Bank tables are not in the Realtime
// publication, so every action refreshes the bank queries itself.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AppError, toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import type { Database } from '@/lib/database.types.ts';
import { parseRowErrors, type RowProblem, type StatementRow } from '../schemas/statement-import.ts';
import { bankKey } from './keys.ts';

type LineRow = Database['public']['Tables']['bank_statement_lines']['Row'];
export type StatementLine = LineRow & { payment: { id: string; number: string | null } | null };
export type StatementImport = Database['public']['Tables']['bank_statement_imports']['Row'];
export type MatchCandidate = Database['public']['Functions']['suggest_bank_matches']['Returns'][number];
export type MatchKind = 'payment' | 'invoice' | 'vendor_bill';
export type LineFilter = 'all' | 'matched' | 'unmatched';

export const LINES_PAGE_SIZE = 50;

export function useStatementLines(
  orgId: string,
  bankAccountId: string,
  { asOf, filter, page }: { asOf: string; filter: LineFilter; page: number },
) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...bankKey(orgId), 'lines', bankAccountId, { asOf, filter, page }],
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<{ rows: StatementLine[]; total: number }> => {
      let query = supabase
        .from('bank_statement_lines')
        .select('*, payment:payments(id, number)', { count: 'exact' })
        .eq('org_id', orgId)
        .eq('bank_account_id', bankAccountId)
        .lte('booking_date', asOf);
      if (filter === 'matched') query = query.not('payment_id', 'is', null);
      if (filter === 'unmatched') query = query.is('payment_id', null);
      const from = page * LINES_PAGE_SIZE;
      const { data, error, count } = await query
        .order('booking_date', { ascending: false })
        .order('created_at', { ascending: false })
        .order('id')
        .range(from, from + LINES_PAGE_SIZE - 1);
      if (error) throw toAppError(error);
      return { rows: data, total: count ?? data.length };
    },
  });
}

/** The database refused rows of the file: nothing was imported. */
export class StatementRowsError extends Error {
  readonly problems: RowProblem[];
  constructor(message: string, problems: RowProblem[]) {
    super(message);
    this.name = 'StatementRowsError';
    this.problems = problems;
  }
}

export function useImportStatement(orgId: string, bankAccountId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ fileName, rows }: { fileName: string; rows: StatementRow[] }): Promise<StatementImport> => {
      const { data, error } = await supabase.rpc('import_bank_statement', {
        p_bank_account_id: bankAccountId,
        p_file_name: fileName,
        p_rows: rows as unknown as Database['public']['Functions']['import_bank_statement']['Args']['p_rows'],
      });
      if (error) {
        const problems = error.code === '22023' ? parseRowErrors(error.details) : null;
        if (problems) throw new StatementRowsError(error.message, problems);
        throw toAppError(error);
      }
      return data;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: bankKey(orgId) }),
  });
}

export function useMatchSuggestions(orgId: string, lineId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...bankKey(orgId), 'suggestions', lineId],
    queryFn: async (): Promise<MatchCandidate[]> => {
      const { data, error } = await supabase.rpc('suggest_bank_matches', { p_line_id: lineId });
      if (error) throw toAppError(error);
      return data;
    },
  });
}

const MATCH_PARAM: Record<MatchKind, 'p_payment_id' | 'p_invoice_id' | 'p_vendor_bill_id'> = {
  payment: 'p_payment_id',
  invoice: 'p_invoice_id',
  vendor_bill: 'p_vendor_bill_id',
};

export function useStatementLineMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: bankKey(orgId) });
  return {
    match: useMutation({
      mutationFn: async ({ lineId, kind, id }: { lineId: string; kind: string; id: string }) => {
        const param = MATCH_PARAM[kind as MatchKind];
        if (!param) throw new AppError(`Cannot match a line to a ${kind}`);
        const { data, error } = await supabase.rpc('match_bank_line', { p_line_id: lineId, [param]: id });
        if (error) throw toAppError(error);
        return data;
      },
      onSettled: done,
    }),
    unmatch: useMutation({
      mutationFn: async (lineId: string) => {
        const { data, error } = await supabase.rpc('unmatch_bank_line', { p_line_id: lineId });
        if (error) throw toAppError(error);
        return data;
      },
      onSettled: done,
    }),
    remove: useMutation({
      mutationFn: async (lineId: string) => {
        const { data, error } = await supabase
          .from('bank_statement_lines')
          .delete()
          .eq('org_id', orgId)
          .eq('id', lineId)
          .is('payment_id', null)
          .select('id');
        if (error) throw toAppError(error);
        if (data.length === 0) throw new AppError('The line is matched or no longer there: nothing was deleted.');
      },
      onSettled: done,
    }),
  };
}
