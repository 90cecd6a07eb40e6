// Projects: the list (filters, live), one project with its figures (project_margin), what is
// approved and billable but not invoiced yet, and its invoices, all following the database live
// (one debounced refetch per burst of changes to the project's time, expenses, invoices or the
// project itself); creating one directly or from a won deal (create_project_from_deal), editing,
// closing, invoicing it through the create-invoice edge function ({ project_id, up_to }), and
// issuing stock to it (issue_material_to_project).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import { AppError, toAppError } from '@/lib/errors.ts';
import { invokeFunction } from '@/lib/functions.ts';
import { useSupabase, type SupabaseClient } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import { useDebouncedLiveRefetch } from '@/lib/use-live-refetch-debounced.ts';
import { ilikePattern, pageRange, type ServerTableState } from '@/lib/table-state.ts';
import {
  projectFields,
  projectMarginSchema,
  type Project,
  type ProjectMargin,
  type ProjectStatus,
  type ProjectValues,
} from '../schemas/project.ts';

export const projectsKey = (orgId: string) => [...orgKey(orgId), 'projects'] as const;
export const projectKey = (orgId: string, id: string) => [...projectsKey(orgId), 'record', id] as const;

export type ProjectFilter = 'status' | 'q';
export const PROJECT_SORTABLE = ['code', 'name', 'start_date', 'created_at'] as const;

export type ProjectRow = Project & {
  account: { id: string; name: string } | null;
  deal: { id: string; title: string } | null;
};

const COLUMNS = '*, account:accounts(id, name), deal:deals(id, title)';

async function fetchProjects(supabase: SupabaseClient, orgId: string, state: ServerTableState<ProjectFilter>) {
  let query = supabase.from('projects').select(COLUMNS, { count: 'exact' }).eq('org_id', orgId);
  if (state.filters.status) query = query.eq('status', state.filters.status as ProjectStatus);
  if (state.filters.q) query = query.ilike('name', ilikePattern(state.filters.q));
  for (const rule of state.sorting)
    query = query.order(rule.id as (typeof PROJECT_SORTABLE)[number], { ascending: !rule.desc, nullsFirst: false });
  const [from, to] = pageRange(state);
  const { data, error, count } = await query.order('id').range(from, to);
  if (error) throw toAppError(error);
  return { rows: data as unknown as ProjectRow[], count: count ?? data.length };
}

export function useProjects(orgId: string, state: ServerTableState<ProjectFilter>) {
  const supabase = useSupabase();
  useLiveRefetch('projects', `org_id=eq.${orgId}`, [...projectsKey(orgId), 'list']);
  return useQuery({
    queryKey: [...projectsKey(orgId), 'list', state],
    placeholderData: keepPreviousData,
    queryFn: () => fetchProjects(supabase, orgId, state),
  });
}

/**
 * One project's page follows its time, expenses, invoices and the project row: a burst of
 * changes (an invoice marks hours and expenses invoiced) costs one refetch of everything shown.
 */
export function useProjectLive(orgId: string, id: string) {
  useDebouncedLiveRefetch(
    `project:${id}`,
    [
      { table: 'projects', filter: `id=eq.${id}` },
      { table: 'timesheet_entries', filter: `project_id=eq.${id}` },
      { table: 'expenses', filter: `project_id=eq.${id}` },
      { table: 'invoices', filter: `project_id=eq.${id}` },
    ],
    projectKey(orgId, id),
  );
}

export function useProject(orgId: string, id: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...projectKey(orgId, id), 'row'],
    queryFn: async (): Promise<ProjectRow | null> => {
      const { data, error } = await supabase
        .from('projects')
        .select(COLUMNS)
        .eq('org_id', orgId)
        .eq('id', id)
        .maybeSingle();
      if (error) throw toAppError(error);
      return data as unknown as ProjectRow | null;
    },
  });
}

export function useProjectMargin(orgId: string, id: string, enabled: boolean) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...projectKey(orgId, id), 'margin'],
    enabled,
    queryFn: async (): Promise<ProjectMargin> => {
      const { data, error } = await supabase.rpc('project_margin', { p_org_id: orgId, p_project_id: id });
      if (error) throw toAppError(error);
      const parsed = projectMarginSchema.safeParse(data);
      if (!parsed.success) throw new AppError('The project figures came back in an unexpected shape.');
      return parsed.data;
    },
  });
}

export interface UnbilledTime {
  employee_id: string;
  hours: number;
  entry_date: string;
  employee: { full_name: string; bill_rate: number | null } | null;
}

export interface UnbilledExpense {
  id: string;
  expense_date: string;
  category: string;
  description: string | null;
  amount: number;
  currency: string;
}

/** Approved, billable time and expenses of the project that no invoice has billed yet. */
export function useUnbilled(orgId: string, id: string, enabled: boolean) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...projectKey(orgId, id), 'unbilled'],
    enabled,
    queryFn: async () => {
      const [time, expenses] = await Promise.all([
        supabase
          .from('timesheet_entries')
          .select('employee_id, hours, entry_date, employee:employees(full_name, bill_rate)')
          .eq('org_id', orgId)
          .eq('project_id', id)
          .eq('status', 'approved')
          .eq('billable', true)
          .is('invoiced_invoice_id', null)
          .order('entry_date')
          .limit(5000),
        supabase
          .from('expenses')
          .select('id, expense_date, category, description, amount, currency')
          .eq('org_id', orgId)
          .eq('project_id', id)
          .eq('status', 'approved')
          .eq('billable', true)
          .order('expense_date')
          .limit(1000),
      ]);
      if (time.error) throw toAppError(time.error);
      if (expenses.error) throw toAppError(expenses.error);
      return { time: time.data as unknown as UnbilledTime[], expenses: expenses.data as UnbilledExpense[] };
    },
  });
}

export interface ProjectInvoice {
  id: string;
  number: string | null;
  kind: string;
  status: string;
  invoice_date: string;
  subtotal: number;
  total: number;
  currency: string;
}

export function useProjectInvoices(orgId: string, id: string, enabled: boolean) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...projectKey(orgId, id), 'invoices'],
    enabled,
    queryFn: async (): Promise<ProjectInvoice[]> => {
      const { data, error } = await supabase
        .from('invoices')
        .select('id, number, kind, status, invoice_date, subtotal, total, currency')
        .eq('org_id', orgId)
        .eq('project_id', id)
        .order('invoice_date', { ascending: false })
        .order('number', { ascending: false });
      if (error) throw toAppError(error);
      return data as ProjectInvoice[];
    },
  });
}

/** The project made from a deal, if any (the deal page links to it). */
export function useDealProject(orgId: string, dealId: string, enabled: boolean) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...projectsKey(orgId), 'deal', dealId],
    enabled,
    queryFn: async () => {
      const { data, error } = await supabase
        .from('projects')
        .select('id, code, name')
        .eq('org_id', orgId)
        .eq('deal_id', dealId)
        .maybeSingle();
      if (error) throw toAppError(error);
      return data;
    },
  });
}

/** The id of the project a deal already has, from create_project_from_deal's 23505 refusal. */
export function existingProjectId(error: unknown): string | null {
  if (!(error instanceof AppError) || error.code !== '23505' || typeof error.details !== 'string') return null;
  try {
    const detail = JSON.parse(error.details) as { project_id?: unknown };
    return typeof detail.project_id === 'string' ? detail.project_id : null;
  } catch {
    return null;
  }
}

export interface CreateProjectInvoiceBody {
  org_id: string;
  idempotency_key: string;
  project_id: string;
  up_to?: string;
  invoice_date?: string;
  send: boolean;
}

export interface CreateInvoiceResult {
  invoice: { id: string; number: string | null; total: number; currency: string };
  pdf_path: string | null;
  emailed: boolean;
}

export function useProjectMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: projectsKey(orgId) });
  return {
    create: useMutation({
      mutationFn: async ({ values, currency }: { values: ProjectValues; currency: string }) => {
        const { data, error } = await supabase
          .from('projects')
          .insert({ org_id: orgId, ...projectFields(values), ...(currency ? { currency } : {}) })
          .select('id, code')
          .single();
        if (error) throw toAppError(error);
        return data;
      },
      onSuccess: done,
    }),
    fromDeal: useMutation({
      mutationFn: async (dealId: string) => {
        const { data, error } = await supabase.rpc('create_project_from_deal', { p_org_id: orgId, p_deal_id: dealId });
        if (error) throw toAppError(error);
        return data;
      },
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: async ({ id, values }: { id: string; values: ProjectValues }) => {
        const { error } = await supabase
          .from('projects')
          .update(projectFields(values))
          .eq('org_id', orgId)
          .eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    setStatus: useMutation({
      mutationFn: async ({ id, status }: { id: string; status: ProjectStatus }) => {
        const { error } = await supabase.from('projects').update({ status }).eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    /** Through the edge function: one invoice per idempotency key, posted, with its PDF, e-mailed. */
    invoice: useMutation({
      mutationFn: (body: CreateProjectInvoiceBody) =>
        invokeFunction<CreateInvoiceResult>(supabase, 'create-invoice', body),
      onSuccess: done,
    }),
    issueMaterial: useMutation({
      mutationFn: async (input: {
        projectId: string;
        productId: string;
        warehouseId: string;
        quantity: number;
        reason: string | null;
      }) => {
        const { data, error } = await supabase.rpc('issue_material_to_project', {
          p_org_id: orgId,
          p_project_id: input.projectId,
          p_product_id: input.productId,
          p_warehouse_id: input.warehouseId,
          p_quantity: input.quantity,
          ...(input.reason ? { p_reason: input.reason } : {}),
        });
        if (error) throw toAppError(error);
        return data;
      },
      onSuccess: done,
    }),
  };
}

/** Customers, won deals without a project, stocked products and warehouses to choose from. */
export function useCustomerChoices(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...projectsKey(orgId), 'customers'],
    queryFn: async () => {
      const { data, error } = await supabase
        .from('accounts')
        .select('id, name, currency')
        .eq('org_id', orgId)
        .eq('is_customer', true)
        .is('archived_at', null)
        .is('merged_into', null)
        .order('name')
        .limit(1000);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function useWonDealsWithoutProject(orgId: string, enabled: boolean) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...projectsKey(orgId), 'won-deals'],
    enabled,
    queryFn: async () => {
      const [deals, projects] = await Promise.all([
        supabase
          .from('deals')
          .select('id, title, amount, currency, account:accounts(name)')
          .eq('org_id', orgId)
          .eq('status', 'won')
          .order('title')
          .limit(1000),
        supabase.from('projects').select('deal_id').eq('org_id', orgId).not('deal_id', 'is', null).limit(10000),
      ]);
      if (deals.error) throw toAppError(deals.error);
      if (projects.error) throw toAppError(projects.error);
      const taken = new Set(projects.data.map((p) => p.deal_id));
      return (
        deals.data as unknown as {
          id: string;
          title: string;
          amount: number | null;
          currency: string;
          account: { name: string } | null;
        }[]
      ).filter((d) => !taken.has(d.id));
    },
  });
}

export function useMaterialChoices(orgId: string, enabled: boolean) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...projectsKey(orgId), 'material-choices'],
    enabled,
    queryFn: async () => {
      const [products, warehouses] = await Promise.all([
        supabase
          .from('products')
          .select('id, sku, name, uom')
          .eq('org_id', orgId)
          .eq('kind', 'stocked')
          .eq('active', true)
          .is('archived_at', null)
          .order('name')
          .limit(1000),
        supabase
          .from('warehouses')
          .select('id, code, name, is_default')
          .eq('org_id', orgId)
          .eq('active', true)
          .order('code'),
      ]);
      if (products.error) throw toAppError(products.error);
      if (warehouses.error) throw toAppError(warehouses.error);
      return { products: products.data, warehouses: warehouses.data };
    },
  });
}
