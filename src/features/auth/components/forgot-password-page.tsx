import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link } from 'react-router';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { StandalonePage } from '@/components/standalone-page.tsx';
import { TextField } from '@/components/text-field.tsx';
import { errorMessage } from '@/lib/errors.ts';
import { useRequestPasswordReset } from '@/features/auth/api/password.ts';
import { requestResetSchema, type RequestResetValues } from '@/features/auth/schemas/password.ts';

export function ForgotPasswordPage() {
  const request = useRequestPasswordReset();
  const form = useForm<RequestResetValues>({ resolver: zodResolver(requestResetSchema), defaultValues: { email: '' } });
  const { errors } = form.formState;

  return (
    <StandalonePage
      title="Reset your password"
      description="We will e-mail you a link to choose a new password."
      footer={<Link to="/sign-in">Back to sign in</Link>}
    >
      {request.isSuccess ? (
        <Alert tone="info" title="Check your inbox">
          If an account exists for <strong>{request.variables.email}</strong>, an e-mail with a link to reset its
          password is on its way. The link works once and expires after an hour.
        </Alert>
      ) : (
        <form className="grid gap-4" onSubmit={form.handleSubmit((values) => request.mutate(values))} noValidate>
          {request.isError && <Alert title="Could not send the e-mail">{errorMessage(request.error)}</Alert>}
          <TextField
            label="E-mail"
            type="email"
            autoComplete="email"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            error={errors.email?.message}
            {...form.register('email')}
          />
          <Button type="submit" busy={request.isPending}>
            Send reset link
          </Button>
        </form>
      )}
    </StandalonePage>
  );
}
