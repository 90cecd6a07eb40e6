// SLA policies: per priority, the first-response and resolution targets in working minutes. The
// database turns them into due times when a ticket is opened (and again when its priority changes).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgKey } from '@/lib/current-org.ts';
import { AppError, toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import type { SlaPolicyValues } from '../schemas/sla-policy.ts';

export const slaPoliciesKey = (orgId: string) => [...orgKey(orgId), 'sla-policies'] as const;

const COLUMNS = 'id, priority, first_response_minutes, resolution_minutes, updated_at';

export interface SlaPolicy {
  id: string;
  priority: SlaPolicyValues['priority'];
  first_response_minutes: number;
  resolution_minutes: number;
  updated_at: string;
}

export function useSlaPolicies(orgId: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: slaPoliciesKey(orgId),
    queryFn: async (): Promise<SlaPolicy[]> => {
      const { data, error } = await supabase
        .from('sla_policies')
        .select(COLUMNS)
        .eq('org_id', orgId)
        .order('priority', { ascending: true });
      if (error) throw toAppError(error);
      return data;
    },
  });
}

/** Changes the targets of an existing policy (by id), or creates the policy of a priority that has none. */
export function useSaveSlaPolicy(orgId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, values }: { id: string | null; values: SlaPolicyValues }): Promise<SlaPolicy> => {
      if (id) {
        const { data, error } = await supabase
          .from('sla_policies')
          .update({
            first_response_minutes: values.first_response_minutes,
            resolution_minutes: values.resolution_minutes,
          })
          .eq('org_id', orgId)
          .eq('id', id)
          .select(COLUMNS);
        if (error) throw toAppError(error);
        // RLS turns a refused update into zero rows rather than an error.
        if (data.length === 0) {
          throw new AppError('This policy could not be saved: it was deleted meanwhile, or you lack permission.');
        }
        return data[0]!;
      }
      const { data, error } = await supabase
        .from('sla_policies')
        .insert({
          org_id: orgId,
          priority: values.priority,
          first_response_minutes: values.first_response_minutes,
          resolution_minutes: values.resolution_minutes,
        })
        .select(COLUMNS)
        .single();
      if (error) throw toAppError(error);
      return data;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: slaPoliciesKey(orgId) }),
  });
}
