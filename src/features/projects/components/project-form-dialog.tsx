// A new project (for a customer directly, or from a won deal: the deal's customer, title, amount
// as the budget and currency, the caller as manager) or the details of an existing one.
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from 'react-router';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { formatMoney } from '@/lib/money.ts';
import { personName, useOrgPeople } from '@/lib/org-people.ts';
import {
  existingProjectId,
  useCustomerChoices,
  useProjectMutations,
  useWonDealsWithoutProject,
} from '../api/projects.ts';
import {
  BILLING_METHOD_LABELS,
  projectFormDefaults,
  projectSchema,
  type Project,
  type ProjectInput,
  type ProjectValues,
} from '../schemas/project.ts';

interface ProjectFormDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** The project to edit; a new one when left out. */
  project?: Project;
}

const NOBODY = 'none';

export function ProjectFormDialog({ open, onOpenChange, project }: ProjectFormDialogProps) {
  const { org } = useCurrentOrg();
  const navigate = useNavigate();
  const [source, setSource] = useState<'direct' | 'deal'>('direct');
  const [dealId, setDealId] = useState<string>('');
  const [dealError, setDealError] = useState<string | null>(null);
  const customers = useCustomerChoices(org.id);
  const people = useOrgPeople(org.id);
  const deals = useWonDealsWithoutProject(org.id, !project && source === 'deal');
  const { create, update, fromDeal } = useProjectMutations(org.id);
  const form = useForm<ProjectInput, unknown, ProjectValues>({
    resolver: zodResolver(projectSchema),
    defaultValues: projectFormDefaults(project),
  });
  const { errors, isSubmitting } = form.formState;
  const busy = isSubmitting || create.isPending || update.isPending || fromDeal.isPending;

  const submitDirect = form.handleSubmit(async (values) => {
    try {
      if (project) {
        await update.mutateAsync({ id: project.id, values });
        toast.success('Project saved');
        onOpenChange(false);
      } else {
        const made = await create.mutateAsync({ values, currency: values.currency });
        toast.success(`Project ${made.code} created`);
        onOpenChange(false);
        navigate(`/projects/${made.id}`);
      }
    } catch (error) {
      form.setError('root', { message: errorMessage(error) });
    }
  });

  async function submitFromDeal() {
    if (!dealId) {
      setDealError('Choose the won deal');
      return;
    }
    setDealError(null);
    try {
      const made = await fromDeal.mutateAsync(dealId);
      toast.success(`Project ${made.code} created from the deal`);
      onOpenChange(false);
      navigate(`/projects/${made.id}`);
    } catch (error) {
      const existing = existingProjectId(error);
      if (existing) {
        toast.info(errorMessage(error));
        onOpenChange(false);
        navigate(`/projects/${existing}`);
      } else {
        form.setError('root', { message: errorMessage(error) });
      }
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !busy && onOpenChange(next)}
      title={project ? `Edit ${project.code}` : 'New project'}
      description={project ? undefined : 'Time and expenses are logged on it; billable ones are invoiced from it.'}
      size="lg"
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" form="project-form" busy={busy}>
            {project ? 'Save project' : 'Create project'}
          </Button>
        </>
      }
    >
      <form
        id="project-form"
        noValidate
        className="grid gap-4"
        onSubmit={(e) => {
          if (!project && source === 'deal') {
            e.preventDefault();
            void submitFromDeal();
          } else {
            void submitDirect(e);
          }
        }}
      >
        {errors.root?.message && <Alert title="Could not save the project">{errors.root.message}</Alert>}
        {!project && (
          <fieldset className="flex flex-wrap gap-4">
            <legend className="mb-2 text-sm font-semibold">Start from</legend>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="project-source"
                checked={source === 'direct'}
                onChange={() => setSource('direct')}
              />{' '}
              A customer
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="project-source"
                checked={source === 'deal'}
                onChange={() => setSource('deal')}
              />{' '}
              A won deal
            </label>
          </fieldset>
        )}
        {!project && source === 'deal' ? (
          <SelectField
            label="Won deal"
            value={dealId || undefined}
            onValueChange={setDealId}
            error={dealError ?? undefined}
            hint="Its customer, title, amount (as the budget) and currency; you become the project manager."
            placeholder={
              deals.isPending ? 'Loading…' : deals.data?.length ? 'Choose…' : 'No won deal without a project'
            }
            options={(deals.data ?? []).map((d) => ({
              value: d.id,
              label: d.title,
              textValue: d.title,
              description: [d.account?.name, d.amount != null ? formatMoney(d.amount, d.currency) : null]
                .filter(Boolean)
                .join(' · '),
            }))}
          />
        ) : (
          <>
            <TextField label="Name" error={errors.name?.message} {...form.register('name')} />
            <div className="grid gap-4 sm:grid-cols-2">
              <Controller
                control={form.control}
                name="account_id"
                render={({ field }) => (
                  <SelectField
                    label="Customer"
                    value={field.value || undefined}
                    onValueChange={field.onChange}
                    error={errors.account_id?.message}
                    placeholder={customers.isPending ? 'Loading…' : 'Choose…'}
                    options={(customers.data ?? []).map((a) => ({ value: a.id, label: a.name, textValue: a.name }))}
                  />
                )}
              />
              <Controller
                control={form.control}
                name="manager_id"
                render={({ field }) => (
                  <SelectField
                    label="Project manager"
                    value={field.value || NOBODY}
                    onValueChange={(v) => field.onChange(v === NOBODY ? '' : v)}
                    options={[
                      { value: NOBODY, label: 'Nobody yet', textValue: 'Nobody yet' },
                      ...(people.data ?? []).map((p) => ({
                        value: p.id,
                        label: personName(p),
                        textValue: personName(p),
                      })),
                    ]}
                  />
                )}
              />
            </div>
            <div className="grid gap-4 sm:grid-cols-3">
              <Controller
                control={form.control}
                name="billing_method"
                render={({ field }) => (
                  <SelectField
                    label="Billing"
                    value={field.value}
                    onValueChange={field.onChange}
                    options={Object.entries(BILLING_METHOD_LABELS).map(([value, label]) => ({
                      value,
                      label,
                      textValue: label,
                    }))}
                  />
                )}
              />
              <TextField
                label="Hourly rate"
                inputMode="decimal"
                hint="Blank: each employee's bill rate"
                error={errors.hourly_rate?.message}
                {...form.register('hourly_rate')}
              />
              <TextField
                label="Currency"
                maxLength={3}
                disabled={!!project}
                hint={project ? 'Fixed once created' : "Blank: the customer's"}
                error={errors.currency?.message}
                {...form.register('currency')}
              />
            </div>
            <div className="grid gap-4 sm:grid-cols-3">
              <TextField
                label="Expense mark-up (%)"
                inputMode="decimal"
                error={errors.expense_markup_pct?.message}
                {...form.register('expense_markup_pct')}
              />
              <TextField
                label="Tax rate (%)"
                inputMode="decimal"
                error={errors.tax_rate?.message}
                {...form.register('tax_rate')}
              />
              <TextField
                label="Budget"
                inputMode="decimal"
                error={errors.budget?.message}
                {...form.register('budget')}
              />
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField
                label="Start date"
                type="date"
                error={errors.start_date?.message}
                {...form.register('start_date')}
              />
              <TextField label="End date" type="date" error={errors.end_date?.message} {...form.register('end_date')} />
            </div>
            <TextField label="Description" error={errors.description?.message} {...form.register('description')} />
          </>
        )}
      </form>
    </Dialog>
  );
}
