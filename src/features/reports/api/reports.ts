// The general-ledger reports, computed by Postgres from the daily balances (trial_balance,
// profit_and_loss, balance_sheet, general_ledger): every figure and total comes from the server;
// the browser only formats them.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import type { Database } from '@/lib/database.types.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';

export type GlAccountType = Database['public']['Enums']['gl_account_type'];

/** Amounts as PostgREST sends numeric values in JSON. */
type Amount = number | string;

export interface TrialBalanceLine {
  gl_account_id: string;
  code: string;
  name: string;
  type: GlAccountType;
  opening_balance: Amount;
  debit: Amount;
  credit: Amount;
  closing_balance: Amount;
  closing_debit: Amount;
  closing_credit: Amount;
}

export interface TrialBalance {
  from: string;
  to: string;
  lines: TrialBalanceLine[];
  totals: {
    opening_debit: Amount;
    opening_credit: Amount;
    debit: Amount;
    credit: Amount;
    closing_debit: Amount;
    closing_credit: Amount;
  };
}

export interface StatementLine {
  /** Null for lines the report derives, e.g. current-year earnings. */
  gl_account_id: string | null;
  code: string | null;
  name: string;
  amount: Amount;
}

export interface ProfitAndLoss {
  from: string;
  to: string;
  income: StatementLine[];
  expenses: StatementLine[];
  totals: { income: Amount; expenses: Amount; net_profit: Amount };
}

export interface BalanceSheet {
  as_of: string;
  fiscal_year_start: string;
  assets: StatementLine[];
  liabilities: StatementLine[];
  equity: StatementLine[];
  totals: { assets: Amount; liabilities: Amount; equity: Amount; liabilities_and_equity: Amount };
}

export interface LedgerLine {
  line_id: number;
  entry_id: string;
  entry_number: string;
  entry_date: string;
  description: string;
  partner_id: string | null;
  partner_name: string | null;
  debit: Amount;
  credit: Amount;
  /** The account's balance after this line (debit positive). */
  balance: Amount;
}

export interface GeneralLedger {
  account: { id: string; code: string; name: string; type: GlAccountType };
  from: string;
  to: string;
  limit: number;
  offset: number;
  line_count: number;
  opening_balance: Amount;
  debit: Amount;
  credit: Amount;
  closing_balance: Amount;
  lines: LedgerLine[];
}

export interface GlAccountOption {
  id: string;
  code: string;
  name: string;
  type: GlAccountType;
  active: boolean;
}

export interface DateRange {
  from: string;
  to: string;
}

export function reportsKey(orgId: string) {
  return [...orgKey(orgId), 'gl-reports'] as const;
}

export function useTrialBalance(orgId: string, range: DateRange | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...reportsKey(orgId), 'trial-balance', range?.from, range?.to],
    enabled: range !== null,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<TrialBalance> => {
      const { data, error } = await supabase.rpc('trial_balance', {
        p_org_id: orgId,
        p_from: range!.from,
        p_to: range!.to,
      });
      if (error) throw toAppError(error);
      return data as unknown as TrialBalance;
    },
  });
}

export function useProfitAndLoss(orgId: string, range: DateRange | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...reportsKey(orgId), 'profit-and-loss', range?.from, range?.to],
    enabled: range !== null,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<ProfitAndLoss> => {
      const { data, error } = await supabase.rpc('profit_and_loss', {
        p_org_id: orgId,
        p_from: range!.from,
        p_to: range!.to,
      });
      if (error) throw toAppError(error);
      return data as unknown as ProfitAndLoss;
    },
  });
}

export function useBalanceSheet(orgId: string, asOf: string | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...reportsKey(orgId), 'balance-sheet', asOf],
    enabled: asOf !== null,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<BalanceSheet> => {
      const { data, error } = await supabase.rpc('balance_sheet', { p_org_id: orgId, p_as_of: asOf! });
      if (error) throw toAppError(error);
      return data as unknown as BalanceSheet;
    },
  });
}

export const LEDGER_PAGE_SIZE = 100;
/** The largest page general_ledger() serves (CSV export reads the range in pages of this size). */
const LEDGER_EXPORT_PAGE = 1000;

async function fetchLedgerPage(
  supabase: SupabaseClient,
  orgId: string,
  accountId: string,
  range: DateRange,
  limit: number,
  offset: number,
): Promise<GeneralLedger> {
  const { data, error } = await supabase.rpc('general_ledger', {
    p_org_id: orgId,
    p_gl_account_id: accountId,
    p_from: range.from,
    p_to: range.to,
    p_limit: limit,
    p_offset: offset,
  });
  if (error) throw toAppError(error);
  return data as unknown as GeneralLedger;
}

export function useGeneralLedger(orgId: string, accountId: string | null, range: DateRange | null, page: number) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...reportsKey(orgId), 'general-ledger', accountId, range?.from, range?.to, page],
    enabled: accountId !== null && range !== null,
    placeholderData: keepPreviousData,
    queryFn: () => fetchLedgerPage(supabase, orgId, accountId!, range!, LEDGER_PAGE_SIZE, page * LEDGER_PAGE_SIZE),
  });
}

/** Every line of the account over the range (for the CSV export), page by page. */
export function useFetchWholeLedger(orgId: string) {
  const supabase = useSupabase();
  return async (accountId: string, range: DateRange): Promise<GeneralLedger> => {
    const first = await fetchLedgerPage(supabase, orgId, accountId, range, LEDGER_EXPORT_PAGE, 0);
    const lines = [...first.lines];
    while (lines.length < first.line_count) {
      const next = await fetchLedgerPage(supabase, orgId, accountId, range, LEDGER_EXPORT_PAGE, lines.length);
      if (next.lines.length === 0) break;
      lines.push(...next.lines);
    }
    return { ...first, lines };
  };
}

/** The chart of accounts, for picking the ledger's account. */
export function useGlAccountOptions(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...reportsKey(orgId), 'accounts'],
    queryFn: async (): Promise<GlAccountOption[]> => {
      const { data, error } = await supabase
        .from('gl_accounts')
        .select('id, code, name, type, active')
        .eq('org_id', orgId)
        .order('code');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export interface TaxReportRow {
  /** Output: tax charged on invoices less credit notes; input: tax paid on vendor bills. */
  direction: 'output' | 'input';
  tax_rate: Amount;
  taxable_amount: Amount;
  tax_amount: Amount;
  documents: number;
}

export function useTaxReport(orgId: string, range: DateRange | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...reportsKey(orgId), 'tax-report', range?.from, range?.to],
    enabled: range !== null,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<TaxReportRow[]> => {
      const { data, error } = await supabase.rpc('tax_report', {
        p_org_id: orgId,
        p_from: range!.from,
        p_to: range!.to,
      });
      if (error) throw toAppError(error);
      return data as TaxReportRow[];
    },
  });
}
