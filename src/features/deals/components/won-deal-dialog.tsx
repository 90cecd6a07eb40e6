import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { TextField } from '@/components/text-field.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatMoney } from '@/lib/money.ts';
import { wonSchema, type WonFormInput, type WonFormValues } from '../schemas/deal.ts';
import { AccountPicker } from './account-picker.tsx';

export interface WonDealTarget {
  title: string;
  accountId: string | null;
  accountName: string | null;
  amount: number;
  currency: string;
}

interface WonDealDialogProps {
  deal: WonDealTarget | null;
  onCancel(): void;
  onConfirm(values: WonFormValues): Promise<void>;
}

/**
 * Winning a deal asks for what its sales order will need: the customer (required), the
 * confirmed amount and the promised delivery date.
 */
export function WonDealDialog({ deal, onCancel, onConfirm }: WonDealDialogProps) {
  const { org } = useCurrentOrg();
  const form = useForm<WonFormInput, unknown, WonFormValues>({
    resolver: zodResolver(wonSchema),
    values: { account_id: deal?.accountId ?? '', amount: String(deal?.amount ?? 0), delivery_date: '' },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <Dialog
      open={deal !== null}
      onOpenChange={(open) => {
        if (!open && !isSubmitting) onCancel();
      }}
      title="Won! Confirm the order details"
      description={deal ? `${deal.title} · ${formatMoney(deal.amount, deal.currency)}` : undefined}
      footer={
        <>
          <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" form="won-form" busy={isSubmitting}>
            Mark as won
          </Button>
        </>
      }
    >
      <form
        id="won-form"
        className="grid gap-4"
        noValidate
        onSubmit={form.handleSubmit(async (values) => {
          try {
            await onConfirm(values);
          } catch (error) {
            form.setError('root', { message: errorMessage(error) });
          }
        })}
      >
        {errors.root?.message && <Alert title="Could not mark the deal as won">{errors.root.message}</Alert>}
        <Controller
          control={form.control}
          name="account_id"
          render={({ field }) => (
            <AccountPicker
              orgId={org.id}
              label="Customer"
              value={field.value || null}
              currentName={deal?.accountName}
              allowNone={false}
              onChange={(id) => field.onChange(id ?? '')}
              error={errors.account_id?.message}
            />
          )}
        />
        <TextField
          label={`Confirmed amount (${deal?.currency ?? ''})`}
          inputMode="decimal"
          error={errors.amount?.message}
          {...form.register('amount')}
        />
        <TextField
          label="Promised delivery date"
          type="date"
          error={errors.delivery_date?.message}
          {...form.register('delivery_date')}
        />
      </form>
    </Dialog>
  );
}
