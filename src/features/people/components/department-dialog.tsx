// A department: its name, the department above it, and the manager who approves its time and
// expenses (a member with the owner, admin or manager role; sub-departments without a manager go
// up to the nearest one that has).
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
import { useDepartments, usePeopleMutations } from '../api/people.ts';
import { departmentSchema, type Department, type DepartmentInput, type DepartmentValues } from '../schemas/people.ts';

const NONE = 'none';
const APPROVER_ROLES = new Set(['owner', 'admin', 'manager']);

interface DepartmentDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  department?: Department;
}

export function DepartmentDialog({ open, onOpenChange, department }: DepartmentDialogProps) {
  const { org } = useCurrentOrg();
  const departments = useDepartments(org.id);
  const people = useOrgPeople(org.id);
  const { saveDepartment } = usePeopleMutations(org.id);
  const form = useForm<DepartmentInput, unknown, DepartmentValues>({
    resolver: zodResolver(departmentSchema),
    defaultValues: {
      name: department?.name ?? '',
      parent_id: department?.parent_id ?? '',
      manager_user_id: department?.manager_user_id ?? '',
    },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    try {
      await saveDepartment.mutateAsync({ id: department?.id, values });
      toast.success(department ? 'Department saved' : `Department ${values.name} added`);
      onOpenChange(false);
    } catch (error) {
      form.setError('root', { message: errorMessage(error) });
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !isSubmitting && onOpenChange(next)}
      title={department ? `Edit ${department.name}` : 'New department'}
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" form="department-form" busy={isSubmitting}>
            {department ? 'Save department' : 'Add department'}
          </Button>
        </>
      }
    >
      <form id="department-form" noValidate className="grid gap-4" onSubmit={(e) => void submit(e)}>
        {errors.root?.message && <Alert title="Could not save the department">{errors.root.message}</Alert>}
        <TextField label="Name" error={errors.name?.message} {...form.register('name')} />
        <Controller
          control={form.control}
          name="parent_id"
          render={({ field }) => (
            <SelectField
              label="Part of"
              value={field.value || NONE}
              onValueChange={(v) => field.onChange(v === NONE ? '' : v)}
              error={errors.parent_id?.message}
              options={[
                { value: NONE, label: 'No department above', textValue: 'None' },
                ...(departments.data ?? [])
                  .filter((d) => d.id !== department?.id)
                  .map((d) => ({ value: d.id, label: d.name, textValue: d.name })),
              ]}
            />
          )}
        />
        <Controller
          control={form.control}
          name="manager_user_id"
          render={({ field }) => (
            <SelectField
              label="Manager"
              hint="Approves the department's time and expenses."
              value={field.value || NONE}
              onValueChange={(v) => field.onChange(v === NONE ? '' : v)}
              error={errors.manager_user_id?.message}
              options={[
                { value: NONE, label: 'No manager (any manager approves)', textValue: 'No manager' },
                ...(people.data ?? [])
                  .filter((p) => APPROVER_ROLES.has(p.role) || p.id === department?.manager_user_id)
                  .map((p) => ({
                    value: p.id,
                    label: personName(p),
                    textValue: personName(p),
                    description: ROLE_LABELS[p.role],
                  })),
              ]}
            />
          )}
        />
      </form>
    </Dialog>
  );
}
