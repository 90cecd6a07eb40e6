// A new invoice, made and posted by the create-invoice edge function (number, journal entry,
// PDF, e-mail): from a confirmed sales order (optionally only what was delivered) or stand-alone
// for a customer and lines. The idempotency key is made once per opening of the dialog, so a
// double click or a retry after an error or a lost answer makes one invoice. Field errors the
// function answers (400) show next to their fields.
import { useRef, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from 'react-router';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { AppError, errorMessage } from '@/lib/errors.ts';
import { formatDate } from '@/lib/format.ts';
import { formatQuantity } from '../api/amounts.ts';
import { useOrdersToInvoice, usePartner } from '../api/choices.ts';
import { useInvoiceMutations } from '../api/invoices.ts';
import {
  createInvoiceBody,
  functionFieldErrors,
  newInvoiceSchema,
  today,
  type NewInvoiceInput,
  type NewInvoiceValues,
} from '../schemas/invoicing.ts';
import { InvoiceLinesEditor } from './invoice-lines-editor.tsx';
import { PartnerPicker } from './partner-picker.tsx';

interface NewInvoiceDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
}

/** Fields of the function's body that are fields of this form (the rest are shown above the form). */
const FORM_FIELDS = [
  'sales_order_id',
  'only_delivered',
  'account_id',
  'lines',
  'invoice_date',
  'due_date',
  'notes',
] as const;
type FormField = (typeof FORM_FIELDS)[number];

export function NewInvoiceDialog({ open, onOpenChange }: NewInvoiceDialogProps) {
  const { org } = useCurrentOrg();
  const navigate = useNavigate();
  const { create } = useInvoiceMutations(org.id);
  const orders = useOrdersToInvoice(org.id);
  // One key per opening: every submit of this dialog (double clicks, retries) asks for the same invoice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const form = useForm<NewInvoiceInput, unknown, NewInvoiceValues>({
    resolver: zodResolver(newInvoiceSchema),
    defaultValues: {
      source: 'order',
      sales_order_id: '',
      only_delivered: false,
      account_id: '',
      lines: [],
      invoice_date: today(),
      due_date: '',
      notes: '',
      send: true,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const source = useWatch({ control: form.control, name: 'source' });
  const accountId = useWatch({ control: form.control, name: 'account_id' });
  const customer = usePartner(org.id, accountId || null);
  const currency = customer.data?.currency ?? org.base_currency;
  const busy = isSubmitting || create.isPending;
  const inFlight = useRef(false);

  const submit = form.handleSubmit(async (values) => {
    try {
      const result = await create.mutateAsync(createInvoiceBody(org.id, idempotencyKey, values));
      toast.success(
        `Invoice ${result.invoice.number ?? ''} issued${result.emailed ? ' and e-mailed to the customer' : ''}`,
      );
      onOpenChange(false);
      navigate(`/invoices/${result.invoice.id}`);
    } catch (error) {
      const fields = error instanceof AppError && error.status === 400 ? functionFieldErrors(error.details) : {};
      const other: string[] = [];
      for (const [field, message] of Object.entries(fields)) {
        if ((FORM_FIELDS as readonly string[]).includes(field)) form.setError(field as FormField, { message });
        else other.push(`${field}: ${message}`);
      }
      form.setError('root', { message: [errorMessage(error), ...other].join(' · ') });
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !busy && onOpenChange(next)}
      title="New invoice"
      description="The invoice is numbered and posted at once; its PDF is stored and e-mailed to the customer."
      size="lg"
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" form="new-invoice" busy={busy}>
            Create invoice
          </Button>
        </>
      }
    >
      <form
        id="new-invoice"
        noValidate
        className="grid gap-4"
        onSubmit={(e) => {
          // A second click while the first request runs does nothing (the key would make it harmless anyway).
          e.preventDefault();
          if (inFlight.current) return;
          inFlight.current = true;
          void submit(e).finally(() => {
            inFlight.current = false;
          });
        }}
      >
        {errors.root?.message && <Alert title="Could not create the invoice">{errors.root.message}</Alert>}
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-2 text-sm font-semibold">Invoice</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" value="order" {...form.register('source')} /> From a sales order
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" value="standalone" {...form.register('source')} /> Stand-alone (customer and lines)
          </label>
        </fieldset>

        {source === 'order' ? (
          <div className="grid gap-3">
            <Controller
              control={form.control}
              name="sales_order_id"
              render={({ field }) => (
                <SelectField
                  label="Sales order"
                  value={field.value || undefined}
                  onValueChange={field.onChange}
                  error={errors.sales_order_id?.message}
                  placeholder={
                    orders.isPending ? 'Loading…' : orders.data?.length ? 'Choose…' : 'No confirmed order to invoice'
                  }
                  hint="Confirmed orders with something not invoiced yet."
                  options={(orders.data ?? []).map((o) => {
                    const name = `${o.number ?? 'Order'} · ${o.account?.name ?? ''}`;
                    return {
                      value: o.id,
                      label: name,
                      textValue: name,
                      description: `${formatDate(o.order_date)} · delivered ${formatQuantity(o.delivered)} of ${formatQuantity(o.ordered)}, invoiced ${formatQuantity(o.invoiced)}`,
                    };
                  })}
                />
              )}
            />
            <div className="grid gap-1">
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  aria-describedby="only-delivered-hint"
                  aria-invalid={errors.only_delivered ? true : undefined}
                  {...form.register('only_delivered')}
                />
                Only delivered quantities
              </label>
              <p id="only-delivered-hint" className="m-0 text-xs text-muted">
                Otherwise each product&apos;s invoicing policy decides (ordered or delivered quantities).
              </p>
              {errors.only_delivered?.message && (
                <p className="m-0 text-sm text-danger">{errors.only_delivered.message}</p>
              )}
            </div>
          </div>
        ) : (
          <div className="grid gap-4">
            <Controller
              control={form.control}
              name="account_id"
              render={({ field }) => (
                <PartnerPicker
                  orgId={org.id}
                  role="customer"
                  label="Customer"
                  value={field.value || null}
                  onChange={(p) => field.onChange(p?.id ?? '')}
                  error={errors.account_id?.message}
                />
              )}
            />
            <InvoiceLinesEditor
              orgId={org.id}
              accountId={accountId || null}
              currency={currency}
              control={form.control}
              register={form.register}
              errors={errors}
            />
          </div>
        )}

        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Invoice date"
            type="date"
            error={errors.invoice_date?.message}
            {...form.register('invoice_date')}
          />
          <TextField
            label="Due date"
            type="date"
            hint="Blank: from the payment terms"
            error={errors.due_date?.message}
            {...form.register('due_date')}
          />
        </div>
        <TextField label="Notes" error={errors.notes?.message} {...form.register('notes')} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" {...form.register('send')} /> E-mail the invoice to the customer
        </label>
      </form>
    </Dialog>
  );
}
