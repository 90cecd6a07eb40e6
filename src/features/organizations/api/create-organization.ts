import { useMutation, useQueryClient } from '@tanstack/react-query';
import { myMembershipsKey, storeOrgId, type Organization } from '@/lib/current-org.ts';
import { toAppError } from '@/lib/errors.ts';
import { saveDefaultOrg } from '@/lib/profile.ts';
import { useSupabase } from '@/lib/supabase.ts';
import type { CreateOrganizationValues } from '@/features/organizations/schemas/organization.ts';

/** rpc create_organization: the organisation and the caller's owner membership, in one transaction. */
export function useCreateOrganization(userId: string) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: CreateOrganizationValues): Promise<Organization> => {
      const { data, error } = await supabase.rpc('create_organization', {
        p_name: values.name,
        p_slug: values.slug,
        p_base_currency: values.base_currency,
        p_time_zone: values.time_zone,
        p_locale: values.locale,
        p_fiscal_year_start_month: Number(values.fiscal_year_start_month),
      });
      if (error) throw toAppError(error);
      return data;
    },
    onSuccess: async (org) => {
      // The new organisation becomes the current one, here and on the user's other devices.
      storeOrgId(userId, org.id);
      await saveDefaultOrg(supabase, userId, org.id).catch(() => undefined);
      await queryClient.invalidateQueries({ queryKey: myMembershipsKey(userId) });
    },
  });
}
