// Creating a deal from the board (in the column it was started from) or the list.
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from 'react-router';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { OwnerSelectField } from '@/components/owner-select-field.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { useUser } from '@/lib/session.ts';
import { useContactOptions, useCreateDeal, type Pipeline } from '../api/deals.ts';
import { dealSchema, type DealFormInput, type DealFormValues } from '../schemas/deal.ts';
import { AccountPicker, NONE } from './account-picker.tsx';

interface DealFormDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  pipeline: Pipeline;
  stageId?: string;
}

export function DealFormDialog({ open, onOpenChange, pipeline, stageId }: DealFormDialogProps) {
  const { org } = useCurrentOrg();
  const user = useUser();
  const navigate = useNavigate();
  const create = useCreateDeal(org.id);
  const firstOpen = pipeline.stages.find((s) => s.kind === 'open') ?? pipeline.stages[0];
  const form = useForm<DealFormInput, unknown, DealFormValues>({
    resolver: zodResolver(dealSchema),
    values: {
      title: '',
      stage_id: stageId ?? firstOpen?.id ?? '',
      account_id: '',
      contact_id: '',
      amount: '0',
      currency: org.base_currency,
      expected_close_date: '',
      owner_id: user.id,
      tags: '',
    },
  });
  const { errors, isSubmitting } = form.formState;
  const accountId = useWatch({ control: form.control, name: 'account_id' }) || null;
  const contacts = useContactOptions(org.id, accountId);

  function close(next: boolean) {
    if (isSubmitting) return;
    if (!next) form.reset();
    onOpenChange(next);
  }

  async function onSubmit(values: DealFormValues) {
    try {
      const id = await create.mutateAsync({ ...values, pipeline_id: pipeline.id, probability: null });
      toast.success(`Deal “${values.title}” created`, {
        action: { label: 'Open', onClick: () => navigate(`/deals/${id}`) },
      });
      form.reset();
      onOpenChange(false);
    } catch (error) {
      form.setError('root', { message: errorMessage(error) });
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title="New deal"
      description={`In the ${pipeline.name} pipeline.`}
      footer={
        <>
          <Button variant="secondary" onClick={() => close(false)} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" form="deal-form" busy={isSubmitting}>
            Create deal
          </Button>
        </>
      }
    >
      <form id="deal-form" className="grid gap-4" onSubmit={form.handleSubmit(onSubmit)} noValidate>
        {errors.root?.message && <Alert title="Could not create the deal">{errors.root.message}</Alert>}
        <TextField label="Title" autoFocus error={errors.title?.message} {...form.register('title')} />
        <Controller
          control={form.control}
          name="account_id"
          render={({ field }) => (
            <AccountPicker
              orgId={org.id}
              label="Customer"
              value={field.value || null}
              onChange={(id) => {
                field.onChange(id ?? '');
                form.setValue('contact_id', '');
              }}
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
                ...(contacts.data ?? []).map((c) => ({
                  value: c.id,
                  label: c.full_name ?? c.email ?? 'Unnamed',
                  textValue: c.full_name ?? c.email ?? '',
                })),
              ]}
            />
          )}
        />
        <div className="grid grid-cols-[1fr_7rem] gap-3">
          <TextField label="Amount" inputMode="decimal" error={errors.amount?.message} {...form.register('amount')} />
          <TextField
            label="Currency"
            maxLength={3}
            autoCapitalize="characters"
            error={errors.currency?.message}
            {...form.register('currency')}
          />
        </div>
        <TextField
          label="Expected close date"
          type="date"
          error={errors.expected_close_date?.message}
          {...form.register('expected_close_date')}
        />
        <Controller
          control={form.control}
          name="stage_id"
          render={({ field }) => (
            <SelectField
              label="Stage"
              value={field.value}
              onValueChange={field.onChange}
              error={errors.stage_id?.message}
              options={pipeline.stages
                .filter((s) => s.kind === 'open')
                .map((s) => ({ value: s.id, label: s.name, textValue: s.name }))}
            />
          )}
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
      </form>
    </Dialog>
  );
}
