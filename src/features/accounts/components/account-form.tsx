// The fields of a party, for creating one (in a dialog) and editing one (on its page).
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { OwnerSelectField } from '@/components/owner-select-field.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import type { AccountRow } from '../api/accounts.ts';
import { accountSchema, type AccountFormInput, type AccountFormValues } from '../schemas/account.ts';

interface AccountFormProps {
  account?: AccountRow;
  canEdit: boolean;
  formId: string;
  onSave(values: AccountFormValues): Promise<void>;
  /** Shown under the fields (the dialog has its own buttons). */
  showButtons?: boolean;
}

export function AccountForm({ account, canEdit, formId, onSave, showButtons = false }: AccountFormProps) {
  const { org } = useCurrentOrg();
  const form = useForm<AccountFormInput, unknown, AccountFormValues>({
    resolver: zodResolver(accountSchema),
    values: {
      name: account?.name ?? '',
      kind: account?.kind ?? 'company',
      email: account?.email ?? '',
      website: account?.website ?? '',
      phone: account?.phone ?? '',
      tax_id: account?.tax_id ?? '',
      currency: account?.currency ?? '',
      payment_terms_days: String(account?.payment_terms_days ?? 30),
      credit_limit: account?.credit_limit == null ? '' : String(account.credit_limit),
      is_customer: account?.is_customer ?? true,
      is_supplier: account?.is_supplier ?? false,
      tags: (account?.tags ?? []).join(', '),
      owner_id: account?.owner_id ?? '',
      notes: account?.notes ?? '',
    },
  });
  const { errors, isSubmitting, isDirty } = form.formState;

  return (
    <form
      id={formId}
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={form.handleSubmit(async (values) => {
        try {
          await onSave(values);
        } catch (error) {
          form.setError('root', { message: errorMessage(error) });
        }
      })}
    >
      {errors.root?.message && (
        <div className="sm:col-span-2">
          <Alert title="Could not save">{errors.root.message}</Alert>
        </div>
      )}
      <fieldset disabled={!canEdit} className="contents">
        <TextField label="Name" className="sm:col-span-2" error={errors.name?.message} {...form.register('name')} />
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <SelectField
              label="Kind"
              value={field.value}
              onValueChange={field.onChange}
              options={[
                { value: 'company', label: 'Company', textValue: 'Company' },
                { value: 'person', label: 'Person', textValue: 'Person' },
              ]}
            />
          )}
        />
        <TextField label="E-mail" type="email" error={errors.email?.message} {...form.register('email')} />
        <TextField label="Website" error={errors.website?.message} {...form.register('website')} />
        <TextField label="Phone" error={errors.phone?.message} {...form.register('phone')} />
        <TextField label="Tax ID" error={errors.tax_id?.message} {...form.register('tax_id')} />
        <TextField
          label="Currency"
          maxLength={3}
          hint="Empty: the organisation's"
          error={errors.currency?.message}
          {...form.register('currency')}
        />
        <TextField
          label="Payment terms (days)"
          inputMode="numeric"
          error={errors.payment_terms_days?.message}
          {...form.register('payment_terms_days')}
        />
        <TextField
          label="Credit limit"
          inputMode="decimal"
          error={errors.credit_limit?.message}
          {...form.register('credit_limit')}
        />
        <Controller
          control={form.control}
          name="owner_id"
          render={({ field }) => (
            <OwnerSelectField
              orgId={org.id}
              value={field.value}
              onChange={field.onChange}
              error={errors.owner_id?.message}
            />
          )}
        />
        <TextField
          label="Tags"
          hint="Separate tags with commas"
          error={errors.tags?.message}
          {...form.register('tags')}
        />
        <div className="flex gap-6 text-sm sm:col-span-2">
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" className="size-4" {...form.register('is_customer')} /> Customer
          </label>
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" className="size-4" {...form.register('is_supplier')} /> Supplier
          </label>
        </div>
        <label className="grid gap-1.5 text-sm font-semibold sm:col-span-2">
          Notes
          <textarea
            rows={3}
            className="rounded-md border border-border bg-surface px-3 py-2 font-normal"
            {...form.register('notes')}
          />
        </label>
      </fieldset>
      {showButtons && canEdit && (
        <div className="flex justify-end gap-2 sm:col-span-2">
          <Button type="button" variant="secondary" disabled={!isDirty || isSubmitting} onClick={() => form.reset()}>
            Discard changes
          </Button>
          <Button type="submit" busy={isSubmitting} disabled={!isDirty}>
            Save
          </Button>
        </div>
      )}
    </form>
  );
}
