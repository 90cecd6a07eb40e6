// Time: the signed-in person's employee record (and, for managers, everyone they may record
// time for), one employee's week of entries (live), the active projects to log time on, and
// the week's actions, all through the database's RPCs: save_timesheet_week (the whole grid in one
// transaction), submit_timesheet_week, withdraw_timesheet_week. Approvals: the organisation's
// submitted time (live), approve_timesheets and reject_timesheets.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import { addDaysIso, type TimesheetEntry, type WeekCell } from '../schemas/timesheet.ts';

export const timeKey = (orgId: string) => [...orgKey(orgId), 'time'] as const;
export const weekKey = (orgId: string, employeeId: string, weekStart: string) =>
  [...timeKey(orgId), 'week', employeeId, weekStart] as const;

export interface EmployeeChoice {
  id: string;
  full_name: string;
  user_id: string | null;
  department_id: string | null;
  active: boolean;
}

/** The signed-in person's employee record in the organisation (null when they have none). */
export function useMyEmployee(orgId: string, userId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...timeKey(orgId), 'me', userId],
    queryFn: async (): Promise<EmployeeChoice | null> => {
      const { data, error } = await supabase
        .from('employees')
        .select('id, full_name, user_id, department_id, active')
        .eq('org_id', orgId)
        .eq('user_id', userId)
        .maybeSingle();
      if (error) throw toAppError(error);
      return data;
    },
  });
}

/** Active employees (owners, admins and managers record time for anyone of them). */
export function useEmployeeChoices(orgId: string, enabled: boolean) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: [...timeKey(orgId), 'employees'],
    enabled,
    queryFn: async (): Promise<EmployeeChoice[]> => {
      const { data, error } = await supabase
        .from('employees')
        .select('id, full_name, user_id, department_id, active')
        .eq('org_id', orgId)
        .eq('active', true)
        .order('full_name')
        .limit(1000);
      if (error) throw toAppError(error);
      return data;
    },
  });
}

export interface ProjectChoice {
  id: string;
  code: string;
  name: string;
  billing_method: string;
  account: { name: string } | null;
}

/** Active projects, to log time and expenses on. */
export function useActiveProjects(orgId: string) {
  const supabase = useSupabase();
  useLiveRefetch('projects', `org_id=eq.${orgId}`, [...timeKey(orgId), 'projects']);
  return useQuery({
    queryKey: [...timeKey(orgId), 'projects'],
    queryFn: async (): Promise<ProjectChoice[]> => {
      const { data, error } = await supabase
        .from('projects')
        .select('id, code, name, billing_method, account:accounts(name)')
        .eq('org_id', orgId)
        .eq('status', 'active')
        .order('code')
        .limit(1000);
      if (error) throw toAppError(error);
      return data as unknown as ProjectChoice[];
    },
  });
}

export type WeekEntry = TimesheetEntry & {
  project: { id: string; code: string; name: string; billing_method: string } | null;
  production_order: { id: string; number: string | null; product: { name: string } | null } | null;
};

const WEEK_COLUMNS =
  '*, project:projects(id, code, name, billing_method), production_order:production_orders(id, number, product:products(name))';

/** One employee's entries of the week starting `weekStart`, live. */
export function useWeekEntries(orgId: string, employeeId: string | null, weekStart: string) {
  const supabase = useSupabase();
  const key = weekKey(orgId, employeeId ?? '', weekStart);
  useLiveRefetch('timesheet_entries', `employee_id=eq.${employeeId ?? 'none'}`, [...timeKey(orgId), 'week']);
  return useQuery({
    queryKey: key,
    enabled: !!employeeId,
    queryFn: async (): Promise<WeekEntry[]> => {
      const { data, error } = await supabase
        .from('timesheet_entries')
        .select(WEEK_COLUMNS)
        .eq('org_id', orgId)
        .eq('employee_id', employeeId!)
        .gte('entry_date', weekStart)
        .lte('entry_date', addDaysIso(weekStart, 6))
        .order('entry_date')
        .order('created_at');
      if (error) throw toAppError(error);
      return data as unknown as WeekEntry[];
    },
  });
}

export function useWeekMutations(orgId: string, employeeId: string | null, weekStart: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: timeKey(orgId) });
  const args = () => ({ p_org_id: orgId, p_employee_id: employeeId!, p_week_start: weekStart });
  return {
    save: useMutation({
      mutationFn: async (cells: WeekCell[]) => {
        const { data, error } = await supabase.rpc('save_timesheet_week', {
          ...args(),
          p_entries: cells as unknown as never,
        });
        if (error) throw toAppError(error);
        return data;
      },
      onSuccess: done,
    }),
    submit: useMutation({
      mutationFn: async () => {
        const { data, error } = await supabase.rpc('submit_timesheet_week', args());
        if (error) throw toAppError(error);
        return data;
      },
      onSuccess: done,
    }),
    withdraw: useMutation({
      mutationFn: async () => {
        const { data, error } = await supabase.rpc('withdraw_timesheet_week', args());
        if (error) throw toAppError(error);
        return data;
      },
      onSuccess: done,
    }),
  };
}

export type SubmittedEntry = TimesheetEntry & {
  employee: { id: string; full_name: string; user_id: string | null } | null;
  project: { code: string; name: string } | null;
  production_order: { number: string | null } | null;
};

/** Every submitted time entry of the organisation (what waits for a decision), live. */
export function useSubmittedTime(orgId: string) {
  const supabase = useSupabase();
  const key = [...timeKey(orgId), 'submitted'] as const;
  useLiveRefetch('timesheet_entries', `org_id=eq.${orgId}`, key);
  return useQuery({
    queryKey: key,
    queryFn: async (): Promise<SubmittedEntry[]> => {
      const { data, error } = await supabase
        .from('timesheet_entries')
        .select(
          '*, employee:employees(id, full_name, user_id), project:projects(code, name), production_order:production_orders(number)',
        )
        .eq('org_id', orgId)
        .eq('status', 'submitted')
        .order('entry_date')
        .order('id')
        .limit(2000);
      if (error) throw toAppError(error);
      return data as unknown as SubmittedEntry[];
    },
  });
}

export function useTimeDecisions(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: timeKey(orgId) });
  return {
    approve: useMutation({
      mutationFn: async (ids: string[]) => {
        const { data, error } = await supabase.rpc('approve_timesheets', { p_org_id: orgId, p_ids: ids });
        if (error) throw toAppError(error);
        return data;
      },
      onSuccess: done,
    }),
    reject: useMutation({
      mutationFn: async ({ ids, reason }: { ids: string[]; reason: string }) => {
        const { data, error } = await supabase.rpc('reject_timesheets', {
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
