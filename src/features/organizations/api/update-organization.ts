import { useMutation, useQueryClient } from '@tanstack/react-query';
import { myMembershipsKey, orgKey, type Organization } from '@/lib/current-org.ts';
import { AppError, toAppError } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import type { OrganizationSettingsValues } from '@/features/organizations/schemas/organization.ts';

export function useUpdateOrganization(orgId: string, userId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: OrganizationSettingsValues): Promise<Organization> => {
      const { data, error } = await supabase
        .from('organizations')
        .update({
          name: values.name,
          base_currency: values.base_currency,
          fiscal_year_start_month: Number(values.fiscal_year_start_month),
          time_zone: values.time_zone,
          locale: values.locale,
        })
        .eq('id', orgId)
        .select()
        .maybeSingle();
      if (error) throw toAppError(error);
      // RLS filters an update the caller may not make down to zero rows rather than failing it.
      if (!data) throw new AppError("You don't have permission to change these settings.", { code: '42501' });
      return data;
    },
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: myMembershipsKey(userId) }),
        queryClient.invalidateQueries({ queryKey: [...orgKey(orgId), 'audit-log'] }),
      ]);
    },
  });
}
