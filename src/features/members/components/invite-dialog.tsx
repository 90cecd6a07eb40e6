import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { Dialog } from '@/components/dialog.tsx';
import { SelectField } from '@/components/select-field.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { AppError, errorMessage } from '@/lib/errors.ts';
import { invitableRoles, ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/lib/roles.ts';
import { useInviteMember } from '@/features/members/api/invitations.ts';
import { inviteSchema, type InviteValues } from '@/features/members/schemas/invite.ts';

/** Field errors the invite-member function reports in `details` (zod's flattened fieldErrors). */
function detailFor(error: unknown, field: keyof InviteValues): string | undefined {
  if (!(error instanceof AppError) || typeof error.details !== 'object' || error.details === null) return undefined;
  const value = (error.details as Record<string, unknown>)[field];
  return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
}

export function InviteDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { org, role } = useCurrentOrg();
  const invite = useInviteMember(org.id);
  const form = useForm<InviteValues>({
    resolver: zodResolver(inviteSchema),
    defaultValues: { email: '', role: 'viewer' },
  });
  const { errors, isSubmitting } = form.formState;

  function close(next: boolean) {
    if (isSubmitting) return;
    if (!next) form.reset();
    onOpenChange(next);
  }

  async function onSubmit(values: InviteValues) {
    try {
      const result = await invite.mutateAsync(values);
      toast.success(
        result.new_user
          ? `Invitation sent to ${values.email}. They will set a password when they accept.`
          : `Invitation sent to ${values.email}.`,
      );
      form.reset();
      onOpenChange(false);
    } catch (error) {
      const email = detailFor(error, 'email');
      const roleError = detailFor(error, 'role');
      if (email) form.setError('email', { message: email });
      if (roleError) form.setError('role', { message: roleError });
      if (!email && !roleError) form.setError('root', { message: errorMessage(error) });
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title="Invite a member"
      description={`They get an e-mail with a link to join ${org.name}.`}
      footer={
        <>
          <Button variant="secondary" onClick={() => close(false)} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" form="invite-form" busy={isSubmitting}>
            Send invitation
          </Button>
        </>
      }
    >
      <form id="invite-form" className="grid gap-4" onSubmit={form.handleSubmit(onSubmit)} noValidate>
        {errors.root?.message && <Alert title="Could not send the invitation">{errors.root.message}</Alert>}
        <TextField
          label="E-mail"
          type="email"
          autoComplete="off"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          error={errors.email?.message}
          {...form.register('email')}
        />
        <Controller
          control={form.control}
          name="role"
          render={({ field }) => (
            <SelectField
              label="Role"
              value={field.value}
              onValueChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errors.role?.message}
              options={invitableRoles(role).map((value) => ({
                value,
                label: ROLE_LABELS[value],
                textValue: ROLE_LABELS[value],
                description: ROLE_DESCRIPTIONS[value],
              }))}
            />
          )}
        />
      </form>
    </Dialog>
  );
}
