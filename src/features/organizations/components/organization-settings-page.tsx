import { useEffect } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg, type Organization } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { can } from '@/lib/roles.ts';
import { useUser } from '@/lib/session.ts';
import { useUpdateOrganization } from '@/features/organizations/api/update-organization.ts';
import {
  fieldForDatabaseError,
  organizationSettingsSchema,
  type OrganizationSettingsValues,
} from '@/features/organizations/schemas/organization.ts';
import {
  currencyChoices,
  localeChoices,
  MONTHS,
  timeZoneChoices,
  withCurrent,
} from '@/features/organizations/schemas/reference-data.ts';

function toValues(org: Organization): OrganizationSettingsValues {
  return {
    name: org.name,
    base_currency: org.base_currency,
    fiscal_year_start_month: String(org.fiscal_year_start_month),
    time_zone: org.time_zone,
    locale: org.locale,
  };
}

export function OrganizationSettingsPage() {
  const { org, role } = useCurrentOrg();
  const user = useUser();
  const editable = can(role, 'settings.edit');
  const update = useUpdateOrganization(org.id, user.id);

  const form = useForm<OrganizationSettingsValues>({
    resolver: zodResolver(organizationSettingsSchema),
    defaultValues: toValues(org),
  });
  const { errors, isDirty, isSubmitting } = form.formState;

  // Another organisation, or fresh values from the server: show them (unless the user is editing).
  useEffect(() => {
    if (!form.formState.isDirty) form.reset(toValues(org));
  }, [org, form]);

  async function onSubmit(values: OrganizationSettingsValues) {
    try {
      const saved = await update.mutateAsync(values);
      form.reset(toValues(saved));
      toast.success('Settings saved');
    } catch (error) {
      const field = fieldForDatabaseError(error instanceof Error ? error.message : '');
      if (field && field !== 'slug') form.setError(field, { message: errorMessage(error) });
      else form.setError('root', { message: errorMessage(error) });
    }
  }

  return (
    <>
      <PageHeader title="Organisation settings" description="How this organisation counts money and time." />
      <Card title={org.name} description={`Short name ${org.slug} · created ${formatDate(org.created_at)}`}>
        <form className="grid max-w-2xl gap-4" onSubmit={form.handleSubmit(onSubmit)} noValidate>
          {!editable && <Alert tone="info">Only owners and admins can change these settings.</Alert>}
          {errors.root?.message && <Alert title="Could not save the settings">{errors.root.message}</Alert>}
          <fieldset disabled={!editable} className="m-0 grid gap-4 border-0 p-0">
            <TextField label="Organisation name" error={errors.name?.message} {...form.register('name')} />
            <div className="grid gap-4 sm:grid-cols-2">
              <Controller
                control={form.control}
                name="base_currency"
                render={({ field }) => (
                  <SelectField
                    label="Base currency"
                    hint="Reports and totals are in this currency."
                    value={field.value}
                    onValueChange={field.onChange}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    disabled={!editable}
                    options={withCurrent(currencyChoices(), field.value)}
                    error={errors.base_currency?.message}
                  />
                )}
              />
              <Controller
                control={form.control}
                name="fiscal_year_start_month"
                render={({ field }) => (
                  <SelectField
                    label="Fiscal year starts in"
                    hint="Document numbers restart with each fiscal year."
                    value={field.value}
                    onValueChange={field.onChange}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    disabled={!editable}
                    options={MONTHS}
                    error={errors.fiscal_year_start_month?.message}
                  />
                )}
              />
              <Controller
                control={form.control}
                name="time_zone"
                render={({ field }) => (
                  <SelectField
                    label="Time zone"
                    hint="Business hours and due dates use it."
                    value={field.value}
                    onValueChange={field.onChange}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    disabled={!editable}
                    options={withCurrent(timeZoneChoices(), field.value)}
                    error={errors.time_zone?.message}
                  />
                )}
              />
              <Controller
                control={form.control}
                name="locale"
                render={({ field }) => (
                  <SelectField
                    label="Locale"
                    hint="Formats of dates and numbers on documents."
                    value={field.value}
                    onValueChange={field.onChange}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    disabled={!editable}
                    options={withCurrent(localeChoices(), field.value)}
                    error={errors.locale?.message}
                  />
                )}
              />
            </div>
          </fieldset>
          {editable && (
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="secondary" disabled={!isDirty || isSubmitting} onClick={() => form.reset(toValues(org))}>
                Discard changes
              </Button>
              <Button type="submit" busy={isSubmitting} disabled={!isDirty}>
                Save settings
              </Button>
            </div>
          )}
        </form>
      </Card>
    </>
  );
}
