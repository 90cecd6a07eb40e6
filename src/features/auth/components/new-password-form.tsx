import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { TextField } from '@/components/text-field.tsx';
import { errorMessage } from '@/lib/errors.ts';
import { useSetPassword } from '@/features/auth/api/password.ts';
import { newPasswordSchema, type NewPasswordValues } from '@/features/auth/schemas/password.ts';

/** New password + confirmation, saved with updateUser (used after recovery and invitation links). */
export function NewPasswordForm({ submitLabel, onDone }: { submitLabel: string; onDone(): void }) {
  const setPassword = useSetPassword();
  const form = useForm<NewPasswordValues>({
    resolver: zodResolver(newPasswordSchema),
    defaultValues: { password: '', confirm: '' },
  });
  const { errors } = form.formState;

  return (
    <form
      className="grid gap-4"
      onSubmit={form.handleSubmit((values) => setPassword.mutate({ password: values.password }, { onSuccess: onDone }))}
      noValidate
    >
      {setPassword.isError && <Alert title="Could not set the password">{errorMessage(setPassword.error)}</Alert>}
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        error={errors.password?.message}
        {...form.register('password')}
      />
      <TextField
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        error={errors.confirm?.message}
        {...form.register('confirm')}
      />
      <Button type="submit" busy={setPassword.isPending}>
        {submitLabel}
      </Button>
    </form>
  );
}
