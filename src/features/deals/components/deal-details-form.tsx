import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { OwnerSelectField } from '@/components/owner-select-field.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { useContactOptions, useUpdateDeal, type DealRecord } from '../api/deals.ts';
import { dealSchema } from '../schemas/deal.ts';
import { AccountPicker, NONE } from './account-picker.tsx';

const detailsSchema = dealSchema.omit({ stage_id: true }).extend({
  probability: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : Number(v)))
    .pipe(z.number({ error: 'A number from 0 to 100' }).min(0, 'At least 0').max(100, 'At most 100').nullable()),
  notes: z
    .string()
    .max(20000, 'At most 20,000 characters')
    .transform((v) => (v.trim() === '' ? null : v)),
});
type DetailsInput = z.input<typeof detailsSchema>;
type DetailsValues = z.output<typeof detailsSchema>;

/** The deal's fields, editable in place by the roles that write deals. */
export function DealDetailsForm({ deal, canEdit }: { deal: DealRecord; canEdit: boolean }) {
  const { org } = useCurrentOrg();
  const update = useUpdateDeal(org.id, deal.id);
  const form = useForm<DetailsInput, unknown, DetailsValues>({
    resolver: zodResolver(detailsSchema),
    values: {
      title: deal.title,
      account_id: deal.account_id ?? '',
      contact_id: deal.contact_id ?? '',
      amount: String(deal.amount),
      currency: deal.currency,
      expected_close_date: deal.expected_close_date ?? '',
      owner_id: deal.owner_id ?? '',
      tags: deal.tags.join(', '),
      probability: deal.probability === null ? '' : String(deal.probability),
      notes: deal.notes ?? '',
    },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const contacts = useContactOptions(org.id, deal.account_id);
  const hasLines = deal.lines.length > 0;

  return (
    <form
      className="grid gap-4 sm:grid-cols-2"
      noValidate
      onSubmit={form.handleSubmit(async (values) => {
        try {
          await update.mutateAsync(values);
          toast.success('Deal saved');
        } catch (error) {
          form.setError('root', { message: errorMessage(error) });
        }
      })}
    >
      {errors.root?.message && (
        <div className="sm:col-span-2">
          <Alert title="Could not save the deal">{errors.root.message}</Alert>
        </div>
      )}
      <fieldset disabled={!canEdit} className="contents">
        <TextField label="Title" className="sm:col-span-2" error={errors.title?.message} {...form.register('title')} />
        <Controller
          control={form.control}
          name="account_id"
          render={({ field }) => (
            <AccountPicker
              orgId={org.id}
              label="Customer"
              value={field.value || null}
              currentName={deal.account?.name}
              onChange={(id) => field.onChange(id ?? '')}
              error={errors.account_id?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="contact_id"
          render={({ field }) => (
            <SelectField
              label="Contact person"
              value={field.value || NONE}
              onValueChange={(v) => field.onChange(v === NONE ? '' : v)}
              error={errors.contact_id?.message}
              options={[
                { value: NONE, label: 'None', textValue: 'None' },
                ...(deal.contact && !(contacts.data ?? []).some((c) => c.id === deal.contact!.id)
                  ? [
                      {
                        value: deal.contact.id,
                        label: deal.contact.full_name ?? deal.contact.email ?? '',
                        textValue: deal.contact.full_name ?? '',
                      },
                    ]
                  : []),
                ...(contacts.data ?? []).map((c) => ({
                  value: c.id,
                  label: c.full_name ?? c.email ?? 'Unnamed',
                  textValue: c.full_name ?? '',
                })),
              ]}
            />
          )}
        />
        <div className="grid grid-cols-[1fr_6rem] gap-3">
          <TextField
            label="Amount"
            inputMode="decimal"
            readOnly={hasLines}
            hint={hasLines ? 'The sum of the quote lines' : undefined}
            error={errors.amount?.message}
            {...form.register('amount')}
          />
          <TextField label="Currency" maxLength={3} error={errors.currency?.message} {...form.register('currency')} />
        </div>
        <TextField
          label="Probability (%)"
          inputMode="decimal"
          hint="Empty: the stage's probability"
          error={errors.probability?.message}
          {...form.register('probability')}
        />
        <TextField
          label="Expected close date"
          type="date"
          error={errors.expected_close_date?.message}
          {...form.register('expected_close_date')}
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
          className="sm:col-span-2"
          error={errors.tags?.message}
          {...form.register('tags')}
        />
        <label className="grid gap-1.5 text-sm font-semibold sm:col-span-2">
          Notes
          <textarea
            rows={4}
            className="rounded-md border border-border bg-surface px-3 py-2 font-normal focus-visible:ring-2 focus-visible:ring-focus focus-visible:outline-none"
            {...form.register('notes')}
          />
        </label>
      </fieldset>
      {canEdit && (
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
