// An employee: name, e-mail, the member's login they use (one employee per member; people without
// a login, such as contractors, have none), department, job title, what an hour of their time is
// billed at when the project sets no rate, the hiring date, and whether they are active.
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { personName, useOrgPeople } from '@/lib/org-people.ts';
import { ROLE_LABELS } from '@/lib/roles.ts';
import { useDepartments, useLinkedUserIds, usePeopleMutations } from '../api/people.ts';
import { employeeSchema, type Employee, type EmployeeInput, type EmployeeValues } from '../schemas/people.ts';

const NONE = 'none';

interface EmployeeDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  employee?: Employee;
}

export function EmployeeDialog({ open, onOpenChange, employee }: EmployeeDialogProps) {
  const { org } = useCurrentOrg();
  const departments = useDepartments(org.id);
  const people = useOrgPeople(org.id);
  const linked = useLinkedUserIds(org.id);
  const { saveEmployee } = usePeopleMutations(org.id);
  const form = useForm<EmployeeInput, unknown, EmployeeValues>({
    resolver: zodResolver(employeeSchema),
    defaultValues: {
      full_name: employee?.full_name ?? '',
      email: employee?.email ?? '',
      user_id: employee?.user_id ?? '',
      department_id: employee?.department_id ?? '',
      job_title: employee?.job_title ?? '',
      bill_rate: employee?.bill_rate == null ? '' : String(employee.bill_rate),
      hired_on: employee?.hired_on ?? '',
      active: employee?.active ?? true,
    },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    try {
      await saveEmployee.mutateAsync({ id: employee?.id, values });
      toast.success(employee ? 'Employee saved' : `${values.full_name} added`);
      onOpenChange(false);
    } catch (error) {
      form.setError('root', { message: errorMessage(error) });
    }
  });

  const members = (people.data ?? []).filter((p) => {
    const owner = linked.data?.get(p.id);
    return !owner || owner === employee?.id;
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !isSubmitting && onOpenChange(next)}
      title={employee ? `Edit ${employee.full_name}` : 'New employee'}
      size="lg"
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" form="employee-form" busy={isSubmitting}>
            {employee ? 'Save employee' : 'Add employee'}
          </Button>
        </>
      }
    >
      <form id="employee-form" noValidate className="grid gap-4" onSubmit={(e) => void submit(e)}>
        {errors.root?.message && <Alert title="Could not save the employee">{errors.root.message}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Full name" error={errors.full_name?.message} {...form.register('full_name')} />
          <TextField label="E-mail" type="email" error={errors.email?.message} {...form.register('email')} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="user_id"
            render={({ field }) => (
              <SelectField
                label="Login"
                hint="The member who logs this person's time and expenses."
                value={field.value || NONE}
                onValueChange={(v) => {
                  field.onChange(v === NONE ? '' : v);
                  const person = people.data?.find((p) => p.id === v);
                  if (person && !form.getValues('full_name')) form.setValue('full_name', person.full_name ?? '');
                  if (person && !form.getValues('email')) form.setValue('email', person.email ?? '');
                }}
                options={[
                  { value: NONE, label: 'No login', textValue: 'No login' },
                  ...members.map((p) => ({
                    value: p.id,
                    label: personName(p),
                    textValue: personName(p),
                    description: `${p.email ?? ''} · ${ROLE_LABELS[p.role]}`,
                  })),
                ]}
              />
            )}
          />
          <Controller
            control={form.control}
            name="department_id"
            render={({ field }) => (
              <SelectField
                label="Department"
                value={field.value || NONE}
                onValueChange={(v) => field.onChange(v === NONE ? '' : v)}
                options={[
                  { value: NONE, label: 'No department', textValue: 'No department' },
                  ...(departments.data ?? []).map((d) => ({ value: d.id, label: d.name, textValue: d.name })),
                ]}
              />
            )}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label="Job title" error={errors.job_title?.message} {...form.register('job_title')} />
          <TextField
            label={`Bill rate (${org.base_currency} / h)`}
            inputMode="decimal"
            hint="When the project sets no hourly rate"
            error={errors.bill_rate?.message}
            {...form.register('bill_rate')}
          />
          <TextField label="Hired on" type="date" error={errors.hired_on?.message} {...form.register('hired_on')} />
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" {...form.register('active')} /> Active (logs time and expenses)
        </label>
      </form>
    </Dialog>
  );
}
