// The fields of a lead, for creating one (in a dialog) and editing one (on its page).
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { OwnerSelectField } from '@/components/owner-select-field.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { useCampaignChoices, type LeadRow } from '../api/leads.ts';
import { leadSchema, LEAD_STATUS_LABELS, type LeadFormInput, type LeadFormValues } from '../schemas/lead.ts';

const NO_CAMPAIGN = '__none__';

interface LeadFormProps {
  lead?: LeadRow;
  canEdit: boolean;
  formId: string;
  onSave(values: LeadFormValues): Promise<void>;
  showButtons?: boolean;
}

export function LeadForm({ lead, canEdit, formId, onSave, showButtons = false }: LeadFormProps) {
  const { org } = useCurrentOrg();
  const campaigns = useCampaignChoices(org.id);
  const converted = lead?.status === 'converted';
  const form = useForm<LeadFormInput, unknown, LeadFormValues>({
    resolver: zodResolver(leadSchema),
    values: {
      company_name: lead?.company_name ?? '',
      contact_name: lead?.contact_name ?? '',
      email: lead?.email ?? '',
      phone: lead?.phone ?? '',
      source: lead?.source ?? '',
      campaign_id: lead?.campaign_id ?? '',
      status: lead && lead.status !== 'converted' ? lead.status : 'new',
      estimated_value: lead?.estimated_value == null ? '' : String(lead.estimated_value),
      owner_id: lead?.owner_id ?? '',
      tags: (lead?.tags ?? []).join(', '),
      notes: lead?.notes ?? '',
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
      <fieldset disabled={!canEdit || converted} className="contents">
        <TextField label="Company" error={errors.company_name?.message} {...form.register('company_name')} />
        <TextField label="Contact name" error={errors.contact_name?.message} {...form.register('contact_name')} />
        <TextField label="E-mail" type="email" error={errors.email?.message} {...form.register('email')} />
        <TextField label="Phone" error={errors.phone?.message} {...form.register('phone')} />
        <TextField
          label="Source"
          hint="Where the lead came from, e.g. Web, Referral"
          error={errors.source?.message}
          {...form.register('source')}
        />
        <Controller
          control={form.control}
          name="campaign_id"
          render={({ field }) => (
            <SelectField
              label="Campaign"
              value={field.value || NO_CAMPAIGN}
              onValueChange={(v) => field.onChange(v === NO_CAMPAIGN ? '' : v)}
              error={errors.campaign_id?.message}
              options={[
                { value: NO_CAMPAIGN, label: 'None', textValue: 'None' },
                ...(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name, textValue: c.name })),
              ]}
            />
          )}
        />
        {!converted && (
          <Controller
            control={form.control}
            name="status"
            render={({ field }) => (
              <SelectField
                label="Status"
                value={field.value}
                onValueChange={field.onChange}
                options={(['new', 'contacted', 'qualified', 'unqualified'] as const).map((s) => ({
                  value: s,
                  label: LEAD_STATUS_LABELS[s],
                  textValue: LEAD_STATUS_LABELS[s],
                }))}
              />
            )}
          />
        )}
        <TextField
          label="Estimated value"
          inputMode="decimal"
          error={errors.estimated_value?.message}
          {...form.register('estimated_value')}
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
              nobodyLabel={lead ? 'Nobody' : 'Assign automatically'}
            />
          )}
        />
        <TextField
          label="Tags"
          hint="Separate tags with commas"
          error={errors.tags?.message}
          {...form.register('tags')}
        />
        <label className="grid gap-1.5 text-sm font-semibold sm:col-span-2">
          Notes
          <textarea
            rows={3}
            className="rounded-md border border-border bg-surface px-3 py-2 font-normal"
            {...form.register('notes')}
          />
        </label>
      </fieldset>
      {showButtons && canEdit && !converted && (
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
