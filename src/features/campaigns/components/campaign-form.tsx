// The fields of a campaign, for creating one (in a dialog) and editing one (on its page).
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button } from '@/components/button.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { errorMessage } from '@/lib/errors.ts';
import type { CampaignRow } from '../api/campaigns.ts';
import { CHANNEL_LABELS } from '../format.ts';
import {
  CAMPAIGN_CHANNELS,
  CAMPAIGN_STATUSES,
  campaignSchema,
  type CampaignFormInput,
  type CampaignFormValues,
} from '../schemas/campaign.ts';

interface CampaignFormProps {
  campaign?: CampaignRow;
  canEdit: boolean;
  formId: string;
  onSave(values: CampaignFormValues): Promise<void>;
  /** Shown under the fields (the dialog has its own buttons). */
  showButtons?: boolean;
}

const capitalise = (v: string) => v[0]!.toUpperCase() + v.slice(1);

export function CampaignForm({ campaign, canEdit, formId, onSave, showButtons = false }: CampaignFormProps) {
  const form = useForm<CampaignFormInput, unknown, CampaignFormValues>({
    resolver: zodResolver(campaignSchema),
    values: {
      name: campaign?.name ?? '',
      channel: campaign?.channel ?? 'email',
      status: campaign?.status ?? 'planned',
      budget: campaign ? String(campaign.budget) : '',
      currency: campaign?.currency ?? '',
      starts_on: campaign?.starts_on ?? '',
      ends_on: campaign?.ends_on ?? '',
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
          toast.error(`Could not save the campaign: ${errorMessage(error)}`);
        }
      })}
    >
      <fieldset disabled={!canEdit} className="contents">
        <TextField label="Name" className="sm:col-span-2" error={errors.name?.message} {...form.register('name')} />
        <Controller
          control={form.control}
          name="channel"
          render={({ field }) => (
            <SelectField
              label="Channel"
              value={field.value}
              onValueChange={field.onChange}
              disabled={!canEdit}
              options={CAMPAIGN_CHANNELS.map((v) => ({
                value: v,
                label: CHANNEL_LABELS[v],
                textValue: CHANNEL_LABELS[v],
              }))}
            />
          )}
        />
        <Controller
          control={form.control}
          name="status"
          render={({ field }) => (
            <SelectField
              label="Status"
              value={field.value}
              onValueChange={field.onChange}
              disabled={!canEdit}
              options={CAMPAIGN_STATUSES.map((v) => ({ value: v, label: capitalise(v), textValue: capitalise(v) }))}
            />
          )}
        />
        <TextField label="Budget" inputMode="decimal" error={errors.budget?.message} {...form.register('budget')} />
        <TextField
          label="Currency"
          maxLength={3}
          hint="Empty: the organisation's"
          error={errors.currency?.message}
          {...form.register('currency')}
        />
        <TextField label="Starts on" type="date" error={errors.starts_on?.message} {...form.register('starts_on')} />
        <TextField label="Ends on" type="date" error={errors.ends_on?.message} {...form.register('ends_on')} />
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
