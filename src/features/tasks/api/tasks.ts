// Tasks: "my day" (what is assigned to me, by when), the tasks of one record, and creating,
// editing, checking off and deleting them. Live: a colleague's change shows within a second.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import type { Database } from '@/lib/database.types.ts';
import type { TaskValues } from '../schemas/task.ts';

export type TaskPriority = Database['public']['Enums']['ticket_priority'];
export type RecordRef =
  { account_id: string } | { contact_id: string } | { deal_id: string } | { lead_id: string } | { ticket_id: string };

export interface Task {
  id: string;
  title: string;
  notes: string | null;
  due_at: string | null;
  reminder_at: string | null;
  status: 'open' | 'done';
  done_at: string | null;
  priority: TaskPriority;
  assignee_id: string | null;
  account_id: string | null;
  contact_id: string | null;
  deal_id: string | null;
  lead_id: string | null;
  ticket_id: string | null;
  assignee: { full_name: string | null; email: string | null } | null;
  account: { name: string } | null;
  contact: { full_name: string | null } | null;
  deal: { title: string } | null;
  lead: { company_name: string | null; contact_name: string | null } | null;
  ticket: { number: string; subject: string } | null;
}

export const tasksKey = (orgId: string) => [...orgKey(orgId), 'tasks'] as const;

const TASK_COLUMNS =
  '*, assignee:profiles(full_name, email), account:accounts(name), contact:contacts(full_name), deal:deals(title), lead:leads(company_name, contact_name), ticket:tickets(number, subject)';

function useLiveTasks(orgId: string) {
  useLiveRefetch('tasks', `org_id=eq.${orgId}`, tasksKey(orgId));
}

/** Open tasks of one person, plus what they finished since `doneSince` (the start of their day). */
export function useMyTasks(orgId: string, userId: string, doneSince: string) {
  const supabase = useSupabase();
  useLiveTasks(orgId);
  return useQuery({
    queryKey: [...tasksKey(orgId), 'mine', userId, doneSince],
    queryFn: async (): Promise<Task[]> => {
      const { data, error } = await supabase
        .from('tasks')
        .select(TASK_COLUMNS)
        .eq('org_id', orgId)
        .eq('assignee_id', userId)
        .or(`status.eq.open,done_at.gte.${doneSince}`)
        .order('due_at', { ascending: true, nullsFirst: false })
        .order('created_at')
        .limit(500);
      if (error) throw toAppError(error);
      return data as unknown as Task[];
    },
  });
}

export function useRecordTasks(orgId: string, record: RecordRef) {
  const supabase = useSupabase();
  useLiveTasks(orgId);
  const [column, id] = Object.entries(record)[0] as [keyof RecordRef & string, string];
  return useQuery({
    queryKey: [...tasksKey(orgId), column, id],
    queryFn: async (): Promise<Task[]> => {
      const { data, error } = await supabase
        .from('tasks')
        .select(TASK_COLUMNS)
        .eq('org_id', orgId)
        .eq(column, id)
        .order('status')
        .order('due_at', { ascending: true, nullsFirst: false })
        .limit(100);
      if (error) throw toAppError(error);
      return data as unknown as Task[];
    },
  });
}

export function useTaskMutations(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: tasksKey(orgId) });
  return {
    create: useMutation({
      mutationFn: async (values: TaskValues & Partial<Record<keyof RecordRef & string, string>>) => {
        const { error } = await supabase.from('tasks').insert({ ...values, org_id: orgId });
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: async ({ id, ...changes }: Partial<TaskValues> & { id: string }) => {
        const { error } = await supabase.from('tasks').update(changes).eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
    // Checking a task off shows at once in every list that holds it; a refusal puts it back.
    setDone: useMutation({
      mutationFn: async ({ id, isDone }: { id: string; isDone: boolean }) => {
        const { error } = await supabase
          .from('tasks')
          .update({ status: isDone ? 'done' : 'open' })
          .eq('org_id', orgId)
          .eq('id', id);
        if (error) throw toAppError(error);
      },
      onMutate: async ({ id, isDone }) => {
        await queryClient.cancelQueries({ queryKey: tasksKey(orgId) });
        const previous = queryClient.getQueriesData<Task[]>({ queryKey: tasksKey(orgId) });
        queryClient.setQueriesData<Task[]>({ queryKey: tasksKey(orgId) }, (tasks) =>
          tasks?.map((t) =>
            t.id === id
              ? { ...t, status: isDone ? 'done' : 'open', done_at: isDone ? new Date().toISOString() : null }
              : t,
          ),
        );
        return { previous };
      },
      onError: (_error, _vars, context) => {
        for (const [key, data] of context?.previous ?? []) queryClient.setQueryData(key, data);
      },
      onSettled: done,
    }),
    remove: useMutation({
      mutationFn: async (id: string) => {
        const { error } = await supabase.from('tasks').delete().eq('org_id', orgId).eq('id', id);
        if (error) throw toAppError(error);
      },
      onSuccess: done,
    }),
  };
}

export function startOfDay(ms: number, plusDays = 0): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() + plusDays);
  return d.getTime();
}

/** Splits open tasks into the day's sections, by due time in the browser's time zone. */
export function groupMyDay(tasks: Task[], now: number) {
  const tomorrow = startOfDay(now, 1);
  const groups = { overdue: [] as Task[], today: [] as Task[], upcoming: [] as Task[], someday: [] as Task[] };
  const done: Task[] = [];
  for (const task of tasks) {
    if (task.status === 'done') done.push(task);
    else if (!task.due_at) groups.someday.push(task);
    else {
      const due = Date.parse(task.due_at);
      if (due < now) groups.overdue.push(task);
      else if (due < tomorrow) groups.today.push(task);
      else groups.upcoming.push(task);
    }
  }
  return { ...groups, done };
}
