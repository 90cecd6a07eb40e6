// People: departments and employees of the organisation, and the cost rates of an
// employee, which live in their own table that only owners, admins and accountants read
// (employee_cost_rates_all): the UI asks for them only for those roles.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { ilikePattern, pageRange, type ServerTableState } from '@/lib/table-state.ts';
import {
  departmentFields,
  employeeFields,
  type CostRate,
  type CostRateValues,
  type Department,
  type DepartmentValues,
  type Employee,
  type EmployeeValues,
} from '../schemas/people.ts';

export const peopleKey = (orgId: string) => [...orgKey(orgId), 'people-and-departments'] as const;

export function useDepartments(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...peopleKey(orgId), 'departments'],
    queryFn: async (): Promise<Department[]> => {
      const { data, error } = await supabase
        .from('departments')
        .select('*')
        .eq('org_id', orgId)
        .is('archived_at', null)
        .order('name');
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export type EmployeeFilter = 'q' | 'department' | 'active';
export const EMPLOYEE_SORTABLE = ['full_name', 'hired_on', 'created_at'] as const;

export type EmployeeRow = Employee & { department: { id: string; name: string } | null };

export function useEmployees(orgId: string, state: ServerTableState<EmployeeFilter>) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...peopleKey(orgId), 'employees', state],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      let query = supabase
        .from('employees')
        .select('*, department:departments(id, name)', { count: 'exact' })
        .eq('org_id', orgId);
      const f = state.filters;
      if (f.q) query = query.ilike('full_name', ilikePattern(f.q));
      if (f.department === 'none') query = query.is('department_id', null);
      else if (f.department) query = query.eq('department_id', f.department);
      if (f.active !== 'all') query = query.eq('active', f.active !== 'inactive');
      for (const rule of state.sorting)
        query = query.order(rule.id as (typeof EMPLOYEE_SORTABLE)[number], {
          ascending: !rule.desc,
          nullsFirst: false,
        });
      const [from, to] = pageRange(state);
      const { data, error, count } = await query.order('id').range(from, to);
      if (error) throw toAppError(error);
      return { rows: data as unknown as EmployeeRow[], count: count ?? data.length };
    },
  });
}

/** Which members already have an employee record (one each), so the link picker offers the rest. */
export function useLinkedUserIds(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...peopleKey(orgId), 'employees', 'linked'],
    queryFn: async () => {
      const { data, error } = await supabase
        .from('employees')
        .select('id, user_id')
        .eq('org_id', orgId)
        .not('user_id', 'is', null)
        .limit(10000);
      if (error) throw toAppError(error);
      return new Map(data.map((e) => [e.user_id!, e.id]));
    },
  });
}

export function useCostRates(orgId: string, employeeId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...peopleKey(orgId), 'cost-rates', employeeId],
    queryFn: async (): Promise<CostRate[]> => {
      const { data, error } = await supabase
        .from('employee_cost_rates')
        .select('*')
        .eq('org_id', orgId)
        .eq('employee_id', employeeId)
        .order('valid_from', { ascending: false });
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export function usePeopleMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: peopleKey(orgId) });
  return {
    saveDepartment: useMutation({
      mutationFn: async ({ id, values }: { id?: string; values: DepartmentValues }) => {
        const { error } = id
          ? await supabase.from('departments').update(departmentFields(values)).eq('org_id', orgId).eq('id', id)
          : await supabase.from('departments').insert({ org_id: orgId, ...departmentFields(values) });
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    saveEmployee: useMutation({
      mutationFn: async ({ id, values }: { id?: string; values: EmployeeValues }) => {
        const { error } = id
          ? await supabase.from('employees').update(employeeFields(values)).eq('org_id', orgId).eq('id', id)
          : await supabase.from('employees').insert({ org_id: orgId, ...employeeFields(values) });
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    addCostRate: useMutation({
      mutationFn: async ({ employeeId, values }: { employeeId: string; values: CostRateValues }) => {
        const { error } = await supabase.from('employee_cost_rates').insert({
          org_id: orgId,
          employee_id: employeeId,
          valid_from: values.valid_from,
          hourly_cost: Number(values.hourly_cost),
        });
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    removeCostRate: useMutation({
      mutationFn: async (id: string) => {
        const { error } = await supabase.from('employee_cost_rates').delete().eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
  };
}
