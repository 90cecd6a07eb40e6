import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link, useLocation } from 'react-router';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { StandalonePage } from '@/components/standalone-page.tsx';
import { TextField } from '@/components/text-field.tsx';
import { errorMessage } from '@/lib/errors.ts';
import { useSignUp } from '@/features/auth/api/sign-up.ts';
import { signUpSchema, type SignUpValues } from '@/features/auth/schemas/sign-up.ts';

export function SignUpPage() {
  const signUp = useSignUp();
  const location = useLocation();
  const form = useForm<SignUpValues>({
    resolver: zodResolver(signUpSchema),
    defaultValues: { fullName: '', email: '', password: '' },
  });
  const { errors } = form.formState;

  // With confirmations on, there is no session yet: the user confirms by e-mail first.
  if (signUp.isSuccess && signUp.data === null) {
    return (
      <StandalonePage title="Check your inbox" footer={<Link to="/sign-in">Back to sign in</Link>}>
        <Alert tone="info">
          We sent a confirmation link to <strong>{signUp.variables?.email}</strong>. Open it to finish creating your
          account.
        </Alert>
      </StandalonePage>
    );
  }

  return (
    <StandalonePage
      title="Create your account"
      description="Start with your own organisation, or accept an invitation from your team."
      footer={
        <span>
          Already have an account?{' '}
          <Link to="/sign-in" state={location.state}>
            Sign in
          </Link>
        </span>
      }
    >
      <form className="grid gap-4" onSubmit={form.handleSubmit((values) => signUp.mutate(values))} noValidate>
        {signUp.isError && <Alert title="Could not create the account">{errorMessage(signUp.error)}</Alert>}
        <TextField
          label="Full name"
          autoComplete="name"
          error={errors.fullName?.message}
          {...form.register('fullName')}
        />
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
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          error={errors.password?.message}
          {...form.register('password')}
        />
        <Button type="submit" busy={signUp.isPending}>
          Create account
        </Button>
      </form>
    </StandalonePage>
  );
}
