import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from 'react-router';
import { LogOut, Trash2 } from 'lucide-react';
import { Alert } from '@/components/alert.tsx';
import { Avatar } from '@/components/avatar.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { useMyProfile } from '@/lib/profile.ts';
import { ROLE_LABELS } from '@/lib/roles.ts';
import { useSignOut, useUser } from '@/lib/session.ts';
import { useEraseMyData, useUpdateProfile } from '@/features/profile/api/profile.ts';
import { profileSchema, type ProfileValues } from '@/features/profile/schemas/profile.ts';

function DetailsForm() {
  const user = useUser();
  const profile = useMyProfile(user.id);
  const update = useUpdateProfile(user.id);
  const form = useForm<ProfileValues>({
    resolver: zodResolver(profileSchema),
    defaultValues: { full_name: profile.data?.full_name ?? '' },
  });
  const { errors, isDirty, isSubmitting } = form.formState;

  useEffect(() => {
    if (profile.data && !form.formState.isDirty) form.reset({ full_name: profile.data.full_name ?? '' });
  }, [profile.data, form]);

  if (profile.isPending) return <LoadingState label="Loading your profile…" />;
  if (profile.isError) {
    return (
      <ErrorState title="Could not load your profile" error={profile.error} onRetry={() => void profile.refetch()} />
    );
  }

  async function onSubmit(values: ProfileValues) {
    try {
      const saved = await update.mutateAsync({ fullName: values.full_name });
      form.reset({ full_name: saved.full_name ?? '' });
      toast.success('Profile saved');
    } catch (error) {
      form.setError('root', { message: errorMessage(error) });
    }
  }

  const name = profile.data?.full_name || user.email;
  return (
    <form className="grid max-w-xl gap-4" onSubmit={form.handleSubmit(onSubmit)} noValidate>
      <div className="flex items-center gap-4">
        <Avatar name={name} size="lg" />
        <div className="grid min-w-0">
          <span className="truncate font-semibold">{name}</span>
          <span className="truncate text-sm text-muted" data-testid="user-email">
            {user.email}
          </span>
        </div>
      </div>
      {errors.root?.message && <Alert title="Could not save your profile">{errors.root.message}</Alert>}
      <TextField
        label="Full name"
        autoComplete="name"
        error={errors.full_name?.message}
        {...form.register('full_name')}
      />
      <TextField
        label="E-mail"
        value={user.email ?? ''}
        readOnly
        hint="The address you sign in with and receive e-mail at."
      />
      <div className="flex justify-end">
        <Button type="submit" busy={isSubmitting} disabled={!isDirty}>
          Save profile
        </Button>
      </div>
    </form>
  );
}

export function ProfilePage() {
  const user = useUser();
  const navigate = useNavigate();
  const { memberships } = useCurrentOrg();
  const signOut = useSignOut();
  const erase = useEraseMyData(user.id);
  const [confirmSignOut, setConfirmSignOut] = useState(false);
  const [confirmErase, setConfirmErase] = useState(false);

  return (
    <>
      <PageHeader title="Profile" description="Your name, your sessions and your personal data." />
      <div className="grid gap-6">
        <Card title="Your details">
          <DetailsForm />
        </Card>

        <Card title="Your organisations" flush>
          <ul className="m-0 list-none divide-y divide-border p-0">
            {memberships.map((membership) => (
              <li
                key={membership.organization.id}
                className="flex items-center justify-between gap-4 px-5 py-3 text-sm"
              >
                <span className="font-medium">{membership.organization.name}</span>
                <span className="text-muted">{ROLE_LABELS[membership.role]}</span>
              </li>
            ))}
          </ul>
        </Card>

        <Card
          title="Sessions"
          description="Signed in on another computer or phone you no longer use? End every session, including this one."
        >
          <Button variant="secondary" onClick={() => setConfirmSignOut(true)}>
            <LogOut className="size-4" aria-hidden="true" />
            Sign out everywhere
          </Button>
        </Card>

        <Card
          title="Erase my data"
          description="Removes your name and e-mail address from Ledgerline everywhere, including the audit log, and closes your account. This cannot be undone."
          className="border-danger-soft-border"
        >
          <Button variant="danger" onClick={() => setConfirmErase(true)}>
            <Trash2 className="size-4" aria-hidden="true" />
            Erase my data
          </Button>
        </Card>
      </div>

      <ConfirmDialog
        open={confirmSignOut}
        onOpenChange={setConfirmSignOut}
        title="Sign out everywhere?"
        description="Every session of your account ends, on every device. You will need your password to sign in again."
        confirmLabel="Sign out everywhere"
        tone="primary"
        onConfirm={() => signOut.mutateAsync({ scope: 'global' })}
      />
      <ConfirmDialog
        open={confirmErase}
        onOpenChange={setConfirmErase}
        title="Erase your data?"
        description="Your name and e-mail address are replaced everywhere, your account is closed and you are signed out. Records you created stay, without your name."
        confirmLabel="Erase my data"
        requireText={user.email ?? 'ERASE'}
        onConfirm={async () => {
          await erase.mutateAsync();
          navigate('/sign-in', {
            replace: true,
            state: { notice: 'Your personal data was erased and your account closed.' },
          });
        }}
      />
    </>
  );
}
