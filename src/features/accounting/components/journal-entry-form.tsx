// A manual journal entry: date, description and two lines or more, each an account, an optional
// partner (customer or supplier), a debit or a credit. The totals and the difference follow the
// typing, summed exactly; an entry is saved as a draft whatever its balance, and posted only when
// it balances (the database checks again when it posts, and says why it refuses).
import { useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from 'react-router';
import { format } from 'date-fns';
import { Plus, Trash2 } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Input } from '@/components/input.tsx';
import { Select } from '@/components/select.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { cn } from '@/lib/cn.ts';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatMoney } from '@/lib/money.ts';
import { useGlAccounts } from '../api/gl-accounts.ts';
import { usePartnerChoices, useJournalMutations, type JournalEntryRecord } from '../api/journal.ts';
import {
  EMPTY_LINE,
  entryTotals,
  journalEntrySchema,
  type JournalEntryInput,
  type JournalEntryValues,
} from '../schemas/journal-entry.ts';

const NONE = '__none__';

/** A draft's lines as the form holds them (amounts as decimal strings, blanks for the other side). */
function draftValues(entry: JournalEntryRecord): JournalEntryInput {
  const amount = (v: number) => (Number(v) === 0 ? '' : String(v));
  return {
    entry_date: entry.entry_date,
    description: entry.description,
    lines: entry.lines.map((l) => ({
      gl_account_id: l.gl_account_id,
      partner_id: l.partner_id ?? '',
      description: l.description ?? '',
      debit: amount(l.debit),
      credit: amount(l.credit),
    })),
  };
}

export function JournalEntryForm({ entry }: { entry?: JournalEntryRecord }) {
  const { org } = useCurrentOrg();
  const navigate = useNavigate();
  const accounts = useGlAccounts(org.id);
  const partners = usePartnerChoices(org.id);
  const { save } = useJournalMutations(org.id);
  const form = useForm<JournalEntryInput, unknown, JournalEntryValues>({
    resolver: zodResolver(journalEntrySchema),
    defaultValues: entry
      ? draftValues(entry)
      : { entry_date: format(new Date(), 'yyyy-MM-dd'), description: '', lines: [EMPTY_LINE, EMPTY_LINE] },
  });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'lines' });
  const { errors, isSubmitting } = form.formState;
  const watched = useWatch({ control: form.control, name: 'lines' }) ?? [];
  const totals = entryTotals(watched);
  const balanced = totals.difference.eq(0) && !totals.invalid;
  const currency = org.base_currency;

  // Inactive accounts are not offered, except those a draft already uses.
  const used = new Set(entry?.lines.map((l) => l.gl_account_id));
  const accountOptions = (accounts.data ?? [])
    .filter((a) => a.active || used.has(a.id))
    .map((a) => ({ value: a.id, label: `${a.code} · ${a.name}`, textValue: `${a.code} ${a.name}` }));
  const partnerOptions = [
    { value: NONE, label: 'No partner', textValue: 'No partner' },
    ...(partners.data ?? []).map((p) => ({ value: p.id, label: p.name, textValue: p.name })),
  ];
  for (const l of entry?.lines ?? [])
    if (l.partner && !partnerOptions.some((o) => o.value === l.partner!.id))
      partnerOptions.push({ value: l.partner.id, label: l.partner.name, textValue: l.partner.name });

  const [posting, setPosting] = useState(false);
  const submit = (post: boolean) =>
    form.handleSubmit(async (values) => {
      setPosting(post);
      if (post) {
        const { difference } = entryTotals(values.lines.map((l) => ({ debit: l.debit ?? '', credit: l.credit ?? '' })));
        if (!difference.eq(0)) {
          form.setError('root', {
            message: `Debits and credits differ by ${formatMoney(difference.abs(), currency)}: an entry is posted only when they are equal. Save it as a draft, or fix the amounts.`,
          });
          return;
        }
      }
      try {
        const saved = await save.mutateAsync({ id: entry?.id, values, post });
        toast.success(post ? `Journal entry ${saved.number ?? ''} posted` : 'Draft entry saved');
        navigate(`/accounting/journal/${saved.id}`, { replace: !!entry });
      } catch (error) {
        form.setError('root', { message: errorMessage(error) });
      }
    });

  return (
    <form
      noValidate
      aria-label="Journal entry"
      className="grid gap-5"
      onSubmit={(e) => {
        void submit(false)(e);
      }}
    >
      {errors.root?.message && (
        <Alert title={`Could not ${entry ? 'save' : 'save or post'} the entry`}>{errors.root.message}</Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <TextField label="Date" type="date" error={errors.entry_date?.message} {...form.register('entry_date')} />
        <TextField
          label="Description"
          autoComplete="off"
          error={errors.description?.message}
          {...form.register('description')}
        />
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Entry lines</caption>
          <thead>
            <tr className="text-left text-xs text-muted">
              <th scope="col" className="pb-1 font-semibold">
                Account
              </th>
              <th scope="col" className="pb-1 font-semibold">
                Partner
              </th>
              <th scope="col" className="pb-1 font-semibold">
                Line description
              </th>
              <th scope="col" className="w-36 pb-1 text-right font-semibold">
                Debit
              </th>
              <th scope="col" className="w-36 pb-1 text-right font-semibold">
                Credit
              </th>
              <th scope="col" className="w-10 pb-1">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field, i) => {
              const e = errors.lines?.[i];
              return (
                <tr key={field.id} className="align-top">
                  <td className="min-w-56 pr-2 pb-2">
                    <Controller
                      control={form.control}
                      name={`lines.${i}.gl_account_id`}
                      render={({ field: f }) => (
                        <Select
                          aria-label={`Line ${i + 1} account`}
                          aria-invalid={e?.gl_account_id ? true : undefined}
                          value={f.value || undefined}
                          onValueChange={f.onChange}
                          placeholder="Choose an account"
                          options={accountOptions}
                        />
                      )}
                    />
                    {e?.gl_account_id && <p className="mt-1 text-xs text-danger">{e.gl_account_id.message}</p>}
                  </td>
                  <td className="min-w-48 pr-2 pb-2">
                    <Controller
                      control={form.control}
                      name={`lines.${i}.partner_id`}
                      render={({ field: f }) => (
                        <Select
                          aria-label={`Line ${i + 1} partner`}
                          value={f.value || NONE}
                          onValueChange={(v) => f.onChange(v === NONE ? '' : v)}
                          options={partnerOptions}
                        />
                      )}
                    />
                  </td>
                  <td className="min-w-40 pr-2 pb-2">
                    <Input
                      aria-label={`Line ${i + 1} description`}
                      autoComplete="off"
                      aria-invalid={e?.description ? true : undefined}
                      {...form.register(`lines.${i}.description`)}
                    />
                    {e?.description && <p className="mt-1 text-xs text-danger">{e.description.message}</p>}
                  </td>
                  {(['debit', 'credit'] as const).map((side) => (
                    <td key={side} className="pr-2 pb-2">
                      <Input
                        inputMode="decimal"
                        autoComplete="off"
                        className="text-right tabular-nums"
                        aria-label={`Line ${i + 1} ${side}`}
                        aria-invalid={e?.[side] ? true : undefined}
                        {...form.register(`lines.${i}.${side}`)}
                      />
                      {e?.[side] && <p className="mt-1 text-xs text-danger">{e[side]?.message}</p>}
                    </td>
                  ))}
                  <td className="pb-2">
                    <Button
                      type="button"
                      size="icon"
                      variant="ghost"
                      aria-label={`Remove line ${i + 1}`}
                      disabled={fields.length <= 2}
                      onClick={() => remove(i)}
                    >
                      <Trash2 className="size-4" aria-hidden="true" />
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot className="tabular-nums">
            <tr>
              <th scope="row" colSpan={3} className="pt-2 pr-2 text-right font-semibold">
                Totals
              </th>
              <td className="pt-2 pr-3 text-right font-semibold" data-testid="total-debit">
                {formatMoney(totals.debit, currency)}
              </td>
              <td className="pt-2 pr-3 text-right font-semibold" data-testid="total-credit">
                {formatMoney(totals.credit, currency)}
              </td>
              <td />
            </tr>
            <tr>
              <th scope="row" colSpan={3} className="pr-2 text-right font-normal text-muted">
                Difference
              </th>
              <td
                colSpan={2}
                className={cn('pr-3 text-right', balanced ? 'text-success' : 'font-semibold text-danger')}
                data-testid="difference"
                aria-live="polite"
              >
                {balanced
                  ? 'Balanced'
                  : totals.invalid
                    ? 'Fix the amounts marked invalid'
                    : `${formatMoney(totals.difference.abs(), currency)} ${totals.difference.gt(0) ? 'more debit' : 'more credit'}`}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
        {errors.lines?.root?.message && <p className="mt-1 text-sm text-danger">{errors.lines.root.message}</p>}
        {errors.lines?.message && <p className="mt-1 text-sm text-danger">{errors.lines.message}</p>}
      </div>
      <div className="flex flex-wrap justify-between gap-2">
        <Button type="button" size="sm" variant="secondary" onClick={() => append(EMPTY_LINE)}>
          <Plus className="size-4" aria-hidden="true" /> Add line
        </Button>
        <div className="flex gap-2">
          <Button type="submit" variant="secondary" busy={isSubmitting && !posting}>
            Save draft
          </Button>
          <Button type="button" busy={isSubmitting && posting} onClick={() => void submit(true)()}>
            Save and post
          </Button>
        </div>
      </div>
    </form>
  );
}
