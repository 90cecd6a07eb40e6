// A new expense, or an editable one (draft or rejected): date, what it was for, the project
// (optional; billable only on one), the amount net of tax and the tax, the currency, and the
// receipt (an image or a PDF, uploaded to the private "receipts" bucket once the expense is saved).
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { Field } from '@/components/field.tsx';
import type { SelectOption } from '@/components/select.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { ReceiptUploadError, useExpenseMutations, type ExpenseRow } from '../api/expenses.ts';
import { useActiveProjects } from '../api/timesheets.ts';
import {
  EXPENSE_CATEGORIES,
  expenseSchema,
  RECEIPT_TYPES,
  type ExpenseInput,
  type ExpenseValues,
} from '../schemas/expense.ts';

interface ExpenseDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  employeeId: string;
  /** The expense to edit; a new one when left out. */
  expense?: ExpenseRow;
}

const NO_PROJECT = 'none';

export function ExpenseDialog({ open, onOpenChange, employeeId, expense }: ExpenseDialogProps) {
  const { org } = useCurrentOrg();
  const projects = useActiveProjects(org.id);
  const { create, update } = useExpenseMutations(org.id);
  const form = useForm<ExpenseInput, unknown, ExpenseValues>({
    resolver: zodResolver(expenseSchema),
    defaultValues: {
      expense_date: expense?.expense_date ?? new Date().toLocaleDateString('en-CA'),
      category: expense?.category ?? '',
      project_id: expense?.project_id ?? '',
      description: expense?.description ?? '',
      amount: expense ? String(expense.amount) : '',
      tax_amount: expense ? String(expense.tax_amount) : '0',
      currency: expense?.currency ?? org.base_currency,
      billable: expense?.billable ?? false,
      receipt: null,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const projectId = useWatch({ control: form.control, name: 'project_id' });
  const busy = isSubmitting || create.isPending || update.isPending;
  const projectOptions: SelectOption[] = [
    { value: NO_PROJECT, label: 'No project', textValue: 'No project' },
    ...(projects.data ?? []).map((p) => {
      const label = `${p.code} · ${p.name}`;
      return { value: p.id, label, textValue: label, description: p.account?.name };
    }),
  ];
  // An expense on a project that is closed now still shows its project.
  if (expense?.project_id && expense.project && !projects.data?.some((p) => p.id === expense.project_id)) {
    const label = `${expense.project.code} · ${expense.project.name}`;
    projectOptions.push({ value: expense.project_id, label, textValue: label });
  }

  const submit = form.handleSubmit(async (values) => {
    try {
      if (expense) await update.mutateAsync({ expense, values });
      else await create.mutateAsync({ employeeId, values });
      toast.success(expense ? 'Expense saved' : 'Expense added as a draft');
      onOpenChange(false);
    } catch (error) {
      if (error instanceof ReceiptUploadError) {
        toast.error(error.message);
        onOpenChange(false);
        return;
      }
      form.setError('root', { message: errorMessage(error) });
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !busy && onOpenChange(next)}
      title={expense ? 'Edit expense' : 'New expense'}
      description="Saved as a draft; submit it for approval when it is complete."
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" form="expense-form" busy={busy}>
            {expense ? 'Save expense' : 'Add expense'}
          </Button>
        </>
      }
    >
      <form id="expense-form" noValidate className="grid gap-4" onSubmit={(e) => void submit(e)}>
        {errors.root?.message && <Alert title="Could not save the expense">{errors.root.message}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Date" type="date" error={errors.expense_date?.message} {...form.register('expense_date')} />
          <TextField
            label="Category"
            list="expense-categories"
            autoComplete="off"
            error={errors.category?.message}
            {...form.register('category')}
          />
          <datalist id="expense-categories">
            {EXPENSE_CATEGORIES.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
        <Controller
          control={form.control}
          name="project_id"
          render={({ field }) => (
            <SelectField
              label="Project"
              value={field.value || NO_PROJECT}
              onValueChange={(v) => {
                field.onChange(v === NO_PROJECT ? '' : v);
                if (v === NO_PROJECT) form.setValue('billable', false);
              }}
              options={projectOptions}
              error={errors.project_id?.message}
            />
          )}
        />
        <TextField label="Description" error={errors.description?.message} {...form.register('description')} />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="Amount (net of tax)"
            inputMode="decimal"
            autoComplete="off"
            error={errors.amount?.message}
            {...form.register('amount')}
          />
          <TextField
            label="Tax"
            inputMode="decimal"
            autoComplete="off"
            error={errors.tax_amount?.message}
            {...form.register('tax_amount')}
          />
          <TextField
            label="Currency"
            maxLength={3}
            autoComplete="off"
            error={errors.currency?.message}
            {...form.register('currency')}
          />
        </div>
        <div className="grid gap-1">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              disabled={!projectId}
              aria-invalid={errors.billable ? true : undefined}
              aria-describedby={errors.billable ? 'expense-billable-error' : undefined}
              {...form.register('billable')}
            />
            Billable to the customer (re-invoiced with the project&apos;s time)
          </label>
          {errors.billable?.message && (
            <p id="expense-billable-error" className="m-0 text-sm text-danger">
              {errors.billable.message}
            </p>
          )}
        </div>
        <Controller
          control={form.control}
          name="receipt"
          render={({ field }) => (
            <Field
              label="Receipt"
              hint={
                expense?.receipt_path
                  ? `Attached: ${expense.receipt_path.split('/').pop()}. Choose a file to replace it.`
                  : 'An image or a PDF, at most 10 MB.'
              }
              error={errors.receipt?.message as string | undefined}
            >
              {(control) => (
                <input
                  {...control}
                  type="file"
                  accept={RECEIPT_TYPES.join(',')}
                  onBlur={field.onBlur}
                  onChange={(e) => field.onChange(e.target.files?.[0] ?? null)}
                  className="text-sm"
                />
              )}
            </Field>
          )}
        />
      </form>
    </Dialog>
  );
}
