// Records a payment from a customer or to a supplier and allocates it to several open invoices
// or bills: by default the amount goes to the oldest first, each document's share can be
// changed, and what is not allocated stays as the customer's credit (or an advance to the
// supplier) for later. One idempotency key per opening of the dialog.
import { useRef, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import Big from 'big.js';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { Input } from '@/components/input.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { formatMoney } from '@/lib/money.ts';
import { allocateOldestFirst, big } from '../api/amounts.ts';
import { useBankAccounts, type PartnerOption } from '../api/choices.ts';
import { useOpenDocuments, useRecordPayment, type PaymentDirection } from '../api/payments.ts';
import { paymentSchema, today, type PaymentInput, type PaymentValues } from '../schemas/invoicing.ts';
import { BankAccountField, defaultBankAccount } from './bank-account-field.tsx';
import { PartnerPicker } from './partner-picker.tsx';

interface RecordPaymentDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
}

const AMOUNT = /^\d+(\.\d{1,2})?$/;

export function RecordPaymentDialog({ open, onOpenChange }: RecordPaymentDialogProps) {
  const { org } = useCurrentOrg();
  const record = useRecordPayment(org.id);
  const banks = useBankAccounts(org.id);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const inFlight = useRef(false);
  const [direction, setDirection] = useState<PaymentDirection>('incoming');
  const [partner, setPartner] = useState<PartnerOption | null>(null);
  const [partnerError, setPartnerError] = useState<string | undefined>();
  /** Shares typed by the user; until then the amount is spread oldest first. */
  const [typedShares, setTypedShares] = useState<Record<string, string> | null>(null);
  const documents = useOpenDocuments(org.id, direction, partner?.id ?? null);
  const currency = partner?.currency ?? org.base_currency;
  const docs = (documents.data ?? []).filter((d) => d.currency === currency);
  const otherCurrency = (documents.data ?? []).length - docs.length;

  const form = useForm<PaymentInput, unknown, PaymentValues>({
    resolver: zodResolver(paymentSchema),
    values: { amount: '', payment_date: today(), gl_account_id: defaultBankAccount(banks.data), reference: '' },
    resetOptions: { keepDirtyValues: true },
  });
  const { errors, isSubmitting } = form.formState;
  const amountText = useWatch({ control: form.control, name: 'amount' })?.trim() ?? '';
  const amount = AMOUNT.test(amountText) ? new Big(amountText) : new Big(0);
  const shares = typedShares ?? allocateOldestFirst(amount, docs).amounts;
  const shareOf = (id: string) => shares[id] ?? '0.00';
  const shareErrors = Object.fromEntries(
    docs.flatMap((d) => {
      const s = shareOf(d.id).trim();
      if (s === '') return [];
      if (!AMOUNT.test(s)) return [[d.id, 'A number with at most 2 decimals']];
      if (new Big(s).gt(big(d.amount_due))) return [[d.id, `At most ${big(d.amount_due).toFixed(2)}`]];
      return [];
    }),
  );
  const allocated = docs.reduce(
    (sum, d) => (AMOUNT.test(shareOf(d.id).trim()) ? sum.plus(shareOf(d.id).trim()) : sum),
    new Big(0),
  );
  const rest = amount.minus(allocated);
  const overAllocated = rest.lt(0);
  const busy = isSubmitting || record.isPending;
  const creditLabel = direction === 'incoming' ? "the customer's credit" : 'an advance to the supplier';

  function changeDirection(next: PaymentDirection) {
    setDirection(next);
    setPartner(null);
    setTypedShares(null);
  }

  const submit = form.handleSubmit(async (values) => {
    if (!partner) {
      setPartnerError(`Choose the ${direction === 'incoming' ? 'customer' : 'supplier'}`);
      return;
    }
    if (Object.keys(shareErrors).length > 0 || overAllocated) return;
    try {
      const payment = await record.mutateAsync({
        direction,
        accountId: partner.id,
        amount: values.amount,
        paymentDate: values.payment_date,
        currency,
        glAccountId: values.gl_account_id,
        reference: values.reference,
        allocations: docs
          .filter((d) => AMOUNT.test(shareOf(d.id).trim()) && new Big(shareOf(d.id).trim()).gt(0))
          .map((d) => ({ documentId: d.id, amount: new Big(shareOf(d.id).trim()).toFixed(2) })),
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
      title="Record a payment"
      description="Money received from a customer or paid to a supplier, allocated to their open documents."
      size="lg"
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" form="record-payment" busy={busy}>
            Record payment
          </Button>
        </>
      }
    >
      <form
        id="record-payment"
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
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-2 text-sm font-semibold">Direction</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="direction"
              checked={direction === 'incoming'}
              onChange={() => changeDirection('incoming')}
            />
            From a customer
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="direction"
              checked={direction === 'outgoing'}
              onChange={() => changeDirection('outgoing')}
            />
            To a supplier
          </label>
        </fieldset>
        <PartnerPicker
          key={direction}
          orgId={org.id}
          role={direction === 'incoming' ? 'customer' : 'supplier'}
          label={direction === 'incoming' ? 'Customer' : 'Supplier'}
          value={partner?.id ?? null}
          onChange={(p) => {
            setPartner(p);
            setPartnerError(undefined);
            setTypedShares(null);
          }}
          error={partnerError}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={`Amount (${currency})`}
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
        <div className="grid gap-4 sm:grid-cols-2">
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
        </div>

        {partner && (
          <section className="grid gap-2" aria-label="Allocation">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="m-0 text-sm font-semibold">
                Open {direction === 'incoming' ? 'invoices' : 'bills'} of {partner.name}
              </h3>
              {typedShares && (
                <Button size="sm" variant="ghost" onClick={() => setTypedShares(null)}>
                  Spread oldest first
                </Button>
              )}
            </div>
            {documents.isPending ? (
              <p className="m-0 text-sm text-muted">Loading…</p>
            ) : docs.length === 0 ? (
              <p className="m-0 text-sm text-muted">
                Nothing open in {currency}; the whole payment stays as {creditLabel}.
              </p>
            ) : (
              <table className="w-full text-sm">
                <caption className="sr-only">Allocation to open documents</caption>
                <thead>
                  <tr className="border-b border-border text-left text-xs text-muted">
                    <th scope="col" className="py-2 pr-3 font-semibold">
                      Document
                    </th>
                    <th scope="col" className="py-2 pr-3 font-semibold">
                      Due
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right font-semibold">
                      Amount due
                    </th>
                    <th scope="col" className="w-36 py-2 font-semibold">
                      Allocate
                    </th>
                  </tr>
                </thead>
                <tbody className="tabular-nums">
                  {docs.map((d) => (
                    <tr key={d.id} className="border-b border-border align-top last:border-b-0">
                      <th scope="row" className="py-2 pr-3 text-left font-normal">
                        {d.number}
                        <span className="block text-xs text-muted">{formatDate(d.date)}</span>
                      </th>
                      <td className={d.overdue ? 'py-2 pr-3 text-danger' : 'py-2 pr-3'}>
                        {formatDate(d.due_date)}
                        {d.overdue && ' (overdue)'}
                      </td>
                      <td className="py-2 pr-3 text-right">{formatMoney(d.amount_due, d.currency)}</td>
                      <td className="py-2">
                        <Input
                          inputMode="decimal"
                          aria-label={`Allocate to ${d.number}`}
                          aria-invalid={shareErrors[d.id] ? true : undefined}
                          value={shareOf(d.id)}
                          onChange={(e) => setTypedShares({ ...shares, [d.id]: e.target.value })}
                        />
                        {shareErrors[d.id] && <p className="mt-1 text-xs text-danger">{shareErrors[d.id]}</p>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {otherCurrency > 0 && (
              <p className="m-0 text-xs text-muted">
                {otherCurrency} open document(s) in other currencies are left out: a payment settles documents in its
                own currency.
              </p>
            )}
            <p className={overAllocated ? 'm-0 text-sm text-danger' : 'm-0 text-sm'} role="status">
              Allocated {formatMoney(allocated, currency)} of {formatMoney(amount, currency)}.{' '}
              {overAllocated
                ? `That is ${formatMoney(rest.abs(), currency)} more than the payment.`
                : rest.gt(0)
                  ? `The rest, ${formatMoney(rest, currency)}, stays as ${creditLabel} and can be allocated later.`
                  : 'Nothing is left over.'}
            </p>
          </section>
        )}
      </form>
    </Dialog>
  );
}
