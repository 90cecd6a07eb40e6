// Adds an account or edits one. The code is set once; the database says when it is taken
// (unique per organisation) and when an account with posted lines may not change its type.
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
import { useSaveGlAccount, type GlAccount } from '../api/gl-accounts.ts';
import {
  ACCOUNT_ROLE_LABELS,
  ACCOUNT_TYPE_SINGULAR,
  ACCOUNT_TYPES,
  accountSchema,
  type AccountInput,
  type AccountValues,
} from '../schemas/account.ts';

const NONE = '__none__';

interface AccountDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** The account to edit; a new one without. */
  account?: GlAccount;
  accounts: readonly GlAccount[];
}

export function AccountDialog({ open, onOpenChange, account, accounts }: AccountDialogProps) {
  const { org } = useCurrentOrg();
  const save = useSaveGlAccount(org.id);
  const form = useForm<AccountInput, unknown, AccountValues>({
    resolver: zodResolver(accountSchema),
    defaultValues: {
      code: account?.code ?? '',
      name: account?.name ?? '',
      type: account?.type ?? 'expense',
      parent_id: account?.parent_id ?? '',
      reconcilable: account?.reconcilable ?? false,
      active: account?.active ?? true,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const formId = account ? `edit-account-${account.id}` : 'new-account';
  const parents = accounts.filter((a) => a.id !== account?.id);

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={account ? `Edit account ${account.code}` : 'New account'}
      description={
        account?.role
          ? `Automatic postings use this account for ${ACCOUNT_ROLE_LABELS[account.role] ?? account.role}.`
          : undefined
      }
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" form={formId} busy={isSubmitting}>
            {account ? 'Save account' : 'Add account'}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        noValidate
        className="grid gap-4 sm:grid-cols-[10rem_1fr]"
        onSubmit={form.handleSubmit(async (values) => {
          try {
            await save.mutateAsync({ id: account?.id, values });
            toast.success(account ? `Account ${values.code} saved` : `Account ${values.code} added`);
            onOpenChange(false);
          } catch (error) {
            const message = error instanceof Error ? error.message : '';
            if (errorCode(error) === '23505' && /code/.test(message))
              form.setError('code', { message: `Another account already has the code ${values.code}` });
            else form.setError('root', { message: errorMessage(error) });
          }
        })}
      >
        {errors.root?.message && (
          <div className="sm:col-span-2">
            <Alert title="Could not save the account">{errors.root.message}</Alert>
          </div>
        )}
        <TextField
          label="Code"
          autoComplete="off"
          disabled={!!account}
          hint={account ? 'Set when the account was added' : undefined}
          error={errors.code?.message}
          {...form.register('code')}
        />
        <TextField label="Name" autoComplete="off" error={errors.name?.message} {...form.register('name')} />
        <Controller
          control={form.control}
          name="type"
          render={({ field }) => (
            <SelectField
              label="Type"
              value={field.value}
              onValueChange={field.onChange}
              error={errors.type?.message}
              options={ACCOUNT_TYPES.map((t) => ({ value: t, label: ACCOUNT_TYPE_SINGULAR[t] }))}
            />
          )}
        />
        <Controller
          control={form.control}
          name="parent_id"
          render={({ field }) => (
            <SelectField
              label="Parent account"
              value={field.value || NONE}
              onValueChange={(v) => field.onChange(v === NONE ? '' : v)}
              error={errors.parent_id?.message}
              options={[
                { value: NONE, label: 'None (top level)', textValue: 'None' },
                ...parents.map((a) => ({
                  value: a.id,
                  label: `${a.code} · ${a.name}`,
                  textValue: `${a.code} ${a.name}`,
                })),
              ]}
            />
          )}
        />
        <label className="inline-flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" className="size-4" {...form.register('reconcilable')} /> Reconcilable (matched against
          bank statements, invoices or bills)
        </label>
        <label className="inline-flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" className="size-4" {...form.register('active')} /> Active (offered for new entries)
        </label>
      </form>
    </Dialog>
  );
}
