import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link, useNavigate } from 'react-router';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { StandalonePage } from '@/components/standalone-page.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { errorCode, errorMessage } from '@/lib/errors.ts';
import { useSignOut, useUser } from '@/lib/session.ts';
import { useCreateOrganization } from '@/features/organizations/api/create-organization.ts';
import { useMyMemberships } from '@/features/organizations/api/my-memberships.ts';
import {
  createOrganizationSchema,
  fieldForDatabaseError,
  slugify,
  type CreateOrganizationValues,
} from '@/features/organizations/schemas/organization.ts';
import {
  browserDefaults,
  currencyChoices,
  localeChoices,
  MONTHS,
  timeZoneChoices,
  withCurrent,
} from '@/features/organizations/schemas/reference-data.ts';

/** First run ("create your organisation") and, from the org switcher, any further organisation. */
export function CreateOrganizationPage() {
  const user = useUser();
  const navigate = useNavigate();
  const memberships = useMyMemberships(user.id);
  const create = useCreateOrganization(user.id);
  const signOut = useSignOut();
  const [slugEdited, setSlugEdited] = useState(false);
  const [defaults] = useState(browserDefaults);

  const form = useForm<CreateOrganizationValues>({
    resolver: zodResolver(createOrganizationSchema),
    defaultValues: {
      name: '',
      slug: '',
      base_currency: 'USD',
      fiscal_year_start_month: '1',
      time_zone: defaults.timeZone,
      locale: defaults.locale,
    },
  });
  const { errors } = form.formState;

  const firstRun = memberships.data?.length === 0;

  async function onSubmit(values: CreateOrganizationValues) {
    try {
      const org = await create.mutateAsync(values);
      toast.success(`${org.name} is ready`);
      navigate('/', { replace: true });
    } catch (error) {
      const field = fieldForDatabaseError(error instanceof Error ? error.message : '');
      if (field === 'slug' && errorCode(error) === '23505') {
        form.setError('slug', { message: 'This short name is taken. Choose another.' });
      } else if (field) {
        form.setError(field, { message: errorMessage(error) });
      } else {
        form.setError('root', { message: errorMessage(error) });
      }
    }
  }

  if (memberships.isPending) {
    return (
      <StandalonePage title="Create your organisation">
        <LoadingState />
      </StandalonePage>
    );
  }

  return (
    <StandalonePage
      title={firstRun ? 'Create your organisation' : 'Create an organisation'}
      description={
        firstRun
          ? 'Ledgerline keeps each company’s data in its own organisation. You will be its owner and can invite your team next.'
          : 'A separate organisation with its own members, settings and data. You will be its owner.'
      }
      width="md"
      footer={
        firstRun ? (
          <>
            <span className="text-muted">Signed in as {user.email}</span>
            <button
              type="button"
              className="cursor-pointer text-primary underline underline-offset-2 hover:decoration-2"
              onClick={() => signOut.mutate({})}
            >
              Sign out
            </button>
          </>
        ) : (
          <Link to="/">Back to Ledgerline</Link>
        )
      }
    >
      <form className="grid gap-4" onSubmit={form.handleSubmit(onSubmit)} noValidate>
        {errors.root?.message && <Alert title="Could not create the organisation">{errors.root.message}</Alert>}
        <TextField
          label="Organisation name"
          autoComplete="organization"
          error={errors.name?.message}
          {...form.register('name', {
            onChange: (event: { target: { value: string } }) => {
              if (!slugEdited) form.setValue('slug', slugify(event.target.value));
            },
          })}
        />
        <TextField
          label="Short name"
          hint="Lowercase letters, digits and dashes; unique across Ledgerline."
          autoCapitalize="none"
          spellCheck={false}
          error={errors.slug?.message}
          {...form.register('slug', { onChange: () => setSlugEdited(true) })}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="base_currency"
            render={({ field }) => (
              <SelectField
                label="Base currency"
                value={field.value}
                onValueChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
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
                value={field.value}
                onValueChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
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
                value={field.value}
                onValueChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
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
                hint="Formats of dates and numbers."
                value={field.value}
                onValueChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
                options={withCurrent(localeChoices(), field.value)}
                error={errors.locale?.message}
              />
            )}
          />
        </div>
        <div className="flex justify-end">
          <Button type="submit" busy={form.formState.isSubmitting}>
            Create organisation
          </Button>
        </div>
      </form>
    </StandalonePage>
  );
}
