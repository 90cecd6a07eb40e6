// Activities logged on a record, newest first, live: a change to the org's activities
// refetches the open timelines (Realtime; no polling).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useLiveRefetch } from '@/lib/use-live-refetch.ts';
import type { Database } from '@/lib/database.types.ts';

export type ActivityKind = Database['public']['Enums']['activity_kind'];
export type RecordRef =
  { account_id: string } | { contact_id: string } | { deal_id: string } | { lead_id: string } | { ticket_id: string };

export interface Activity {
  id: string;
  kind: ActivityKind;
  subject: string;
  body: string | null;
  occurred_at: string;
  outcome: string | null;
  owner: { full_name: string | null } | null;
}

const activitiesKey = (orgId: string) => [...orgKey(orgId), 'activities'] as const;

export function useTimeline(orgId: string, record: RecordRef) {
  const supabase = useSupabase();
  const [column, id] = Object.entries(record)[0] as [keyof RecordRef & string, string];
  useLiveRefetch('activities', `${column}=eq.${id}`, [...activitiesKey(orgId), column, id]);
  return useQuery({
    queryKey: [...activitiesKey(orgId), column, id],
    queryFn: async (): Promise<Activity[]> => {
      const { data, error } = await supabase
        .from('activities')
        .select('id, kind, subject, body, occurred_at, outcome, owner:profiles(full_name)')
        .eq('org_id', orgId)
        .eq(column, id)
        .order('occurred_at', { ascending: false })
        .limit(100);
      if (error) throw toAppError(error);
      return data as unknown as Activity[];
    },
  });
}

export function useLogActivity(orgId: string, record: RecordRef) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: { kind: ActivityKind; subject: string; body: string | null }) => {
      const { error } = await supabase.from('activities').insert({ ...values, ...record, org_id: orgId });
      if (error) throw toAppError(error);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: activitiesKey(orgId) }),
  });
}
