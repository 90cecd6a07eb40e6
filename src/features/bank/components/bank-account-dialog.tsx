// Adds a bank account or edits one: its name, bank, account number, currency and the asset
// account of the chart it books on. The database says when a name or a ledger account is
// taken (one bank account per ledger account) and refuses a ledger account that is not an asset.
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorCode, errorMessage } from '@/lib/errors.ts';
import { useAssetAccounts, useCurrencies, useSaveBankAccount, type BankAccount } from '../api/bank-accounts.ts';
import { bankAccountSchema, type BankAccountInput, type BankAccountValues } from '../schemas/bank-account.ts';

interface BankAccountDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** The bank account to edit; a new one without. */
  bankAccount?: BankAccount;
}

export function BankAccountDialog({ open, onOpenChange, bankAccount }: BankAccountDialogProps) {
  const { org } = useCurrentOrg();
  const save = useSaveBankAccount(org.id);
  const assets = useAssetAccounts(org.id);
  const currencies = useCurrencies();
  const form = useForm<BankAccountInput, unknown, BankAccountValues>({
    resolver: zodResolver(bankAccountSchema),
    defaultValues: {
      name: bankAccount?.name ?? '',
      bank_name: bankAccount?.bank_name ?? '',
      account_number: bankAccount?.account_number ?? '',
      currency: bankAccount?.currency ?? org.base_currency,
      gl_account_id: bankAccount?.gl_account_id ?? '',
      active: bankAccount?.active ?? true,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const formId = bankAccount ? `edit-bank-account-${bankAccount.id}` : 'new-bank-account';
  const ledgerOptions = (assets.data ?? [])
    .filter((a) => a.active || a.id === bankAccount?.gl_account_id)
    .map((a) => ({ value: a.id, label: `${a.code} · ${a.name}`, textValue: `${a.code} ${a.name}` }));
  const currencyCodes = currencies.data?.map((c) => c.code) ?? [org.base_currency];

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={bankAccount ? `Edit ${bankAccount.name}` : 'New bank account'}
      description="Statement lines are imported into a bank account and reconciled with its ledger account."
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" form={formId} busy={isSubmitting}>
            {bankAccount ? 'Save bank account' : 'Add bank account'}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        aria-label="Bank account"
        noValidate
        className="grid gap-4 sm:grid-cols-2"
        onSubmit={form.handleSubmit(async (values) => {
          try {
            await save.mutateAsync({ id: bankAccount?.id, values });
            toast.success(bankAccount ? `${values.name} saved` : `${values.name} added`);
            onOpenChange(false);
          } catch (error) {
            const message = error instanceof Error ? error.message : '';
            if (errorCode(error) === '23505' && /gl_account/.test(message))
              form.setError('gl_account_id', { message: 'Another bank account already books on this ledger account' });
            else if (errorCode(error) === '23505' && /name/.test(message))
              form.setError('name', { message: `Another bank account is already called ${values.name}` });
            else form.setError('root', { message: errorMessage(error) });
          }
        })}
      >
        {errors.root?.message && (
          <div className="sm:col-span-2">
            <Alert title="Could not save the bank account">{errors.root.message}</Alert>
          </div>
        )}
        <TextField label="Name" autoComplete="off" error={errors.name?.message} {...form.register('name')} />
        <TextField label="Bank" autoComplete="off" error={errors.bank_name?.message} {...form.register('bank_name')} />
        <TextField
          label="Account number"
          autoComplete="off"
          hint="IBAN or account number; lists show only its last four characters"
          error={errors.account_number?.message}
          {...form.register('account_number')}
        />
        <Controller
          control={form.control}
          name="currency"
          render={({ field }) => (
            <SelectField
              label="Currency"
              value={field.value}
              onValueChange={field.onChange}
              error={errors.currency?.message}
              options={currencyCodes.map((c) => ({ value: c, label: c, textValue: c }))}
            />
          )}
        />
        <Controller
          control={form.control}
          name="gl_account_id"
          render={({ field }) => (
            <SelectField
              label="Ledger account"
              className="sm:col-span-2"
              hint="An asset account of the chart, e.g. 1000 Bank"
              placeholder={assets.isPending ? 'Loading accounts…' : 'Choose an asset account'}
              value={field.value || undefined}
              onValueChange={field.onChange}
              error={errors.gl_account_id?.message ?? (assets.isError ? errorMessage(assets.error) : undefined)}
              options={ledgerOptions}
            />
          )}
        />
        <label className="inline-flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" className="size-4" {...form.register('active')} /> Active
        </label>
      </form>
    </Dialog>
  );
}
