// Records a customer's payment of one invoice (record_payment with one allocation): the amount
// defaults to what is due; anything above it stays as the customer's credit. One idempotency
// key per opening, so a double click or a retry records one payment.
import { useRef, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatMoney } from '@/lib/money.ts';
import { big } from '../api/amounts.ts';
import { useBankAccounts } from '../api/choices.ts';
import type { InvoiceRecord } from '../api/invoices.ts';
import { useRecordPayment } from '../api/payments.ts';
import { paymentSchema, today, type PaymentInput, type PaymentValues } from '../schemas/invoicing.ts';
import { BankAccountField, defaultBankAccount } from './bank-account-field.tsx';

interface RecordInvoicePaymentDialogProps {
  invoice: InvoiceRecord;
  amountDue: number;
  open: boolean;
  onOpenChange(open: boolean): void;
}

export function RecordInvoicePaymentDialog({
  invoice,
  amountDue,
  open,
  onOpenChange,
}: RecordInvoicePaymentDialogProps) {
  const { org } = useCurrentOrg();
  const record = useRecordPayment(org.id);
  const banks = useBankAccounts(org.id);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const inFlight = useRef(false);
  const form = useForm<PaymentInput, unknown, PaymentValues>({
    resolver: zodResolver(paymentSchema),
    values: {
      amount: big(amountDue).toFixed(2),
      payment_date: today(),
      gl_account_id: defaultBankAccount(banks.data),
      reference: '',
    },
    resetOptions: { keepDirtyValues: true },
  });
  const { errors, isSubmitting } = form.formState;
  const amount = useWatch({ control: form.control, name: 'amount' });
  const due = big(amountDue);
  const typed = big(/^\d+(\.\d{1,2})?$/.test(amount?.trim() ?? '') ? amount.trim() : 0);
  const allocated = typed.gt(due) ? due : typed;
  const credit = typed.minus(allocated);
  const busy = isSubmitting || record.isPending;

  const submit = form.handleSubmit(async (values) => {
    try {
      const settle = big(values.amount).gt(due) ? due : big(values.amount);
      const payment = await record.mutateAsync({
        direction: 'incoming',
        accountId: invoice.account_id,
        amount: values.amount,
        paymentDate: values.payment_date,
        currency: invoice.currency,
        glAccountId: values.gl_account_id,
        reference: values.reference,
        allocations: settle.gt(0) ? [{ documentId: invoice.id, amount: settle.toFixed(2) }] : [],
        idempotencyKey,
      });
      toast.success(`Payment ${payment.number} recorded`);
      onOpenChange(false);
    } catch (error) {
      form.setError('root', { message: errorMessage(error) });
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !busy && onOpenChange(next)}
      title={`Record a payment of ${invoice.number ?? 'the invoice'}`}
      description={`From ${invoice.account?.name ?? 'the customer'}; ${formatMoney(amountDue, invoice.currency)} is due.`}
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" form="record-invoice-payment" busy={busy}>
            Record payment
          </Button>
        </>
      }
    >
      <form
        id="record-invoice-payment"
        noValidate
        className="grid gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (inFlight.current) return;
          inFlight.current = true;
          void submit(e).finally(() => {
            inFlight.current = false;
          });
        }}
      >
        {errors.root?.message && <Alert title="Could not record the payment">{errors.root.message}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={`Amount (${invoice.currency})`}
            inputMode="decimal"
            error={errors.amount?.message}
            {...form.register('amount')}
          />
          <TextField
            label="Payment date"
            type="date"
            error={errors.payment_date?.message}
            {...form.register('payment_date')}
          />
        </div>
        <Controller
          control={form.control}
          name="gl_account_id"
          render={({ field }) => (
            <BankAccountField
              accounts={banks.data}
              value={field.value}
              onChange={field.onChange}
              error={errors.gl_account_id?.message}
            />
          )}
        />
        <TextField label="Reference" error={errors.reference?.message} {...form.register('reference')} />
        <p className="m-0 text-sm text-muted" role="status">
          {formatMoney(allocated, invoice.currency)} settles {invoice.number ?? 'the invoice'}
          {credit.gt(0) && <>; {formatMoney(credit, invoice.currency)} more stays as the customer&apos;s credit</>}.
        </p>
      </form>
    </Dialog>
  );
}
