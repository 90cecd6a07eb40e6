import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { StandalonePage } from '@/components/standalone-page.tsx';
import { TextField } from '@/components/text-field.tsx';
import { errorMessage } from '@/lib/errors.ts';
import { useSignIn } from '@/features/auth/api/sign-in.ts';
import { validateSignIn, type SignInFieldErrors } from '@/features/auth/schemas/sign-in.ts';

/** A message another page left for the sign-in page (e.g. after erasing one's data). */
function noticeFrom(state: unknown): string | null {
  const notice = (state as { notice?: unknown } | null)?.notice;
  return typeof notice === 'string' ? notice : null;
}

/** Where to go after signing in is decided by the route that sent the user here (see src/app). */
export function SignInPage() {
  const signIn = useSignIn();
  const location = useLocation();
  const [fieldErrors, setFieldErrors] = useState<SignInFieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const notice = noticeFrom(location.state);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = validateSignIn({
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    if (!result.ok) {
      signIn.reset(); // an earlier server error no longer describes this attempt
      setFieldErrors(result.errors);
      // Move focus to the first field that needs attention so keyboard and screen-reader users land on it.
      (result.errors.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setFieldErrors({});
    signIn.mutate(result.values);
  }

  return (
    <StandalonePage
      title="Sign in to Ledgerline"
      footer={
        <>
          {/* The state carries where the user was going, so signing up returns there too. */}
          <Link to="/sign-up" state={location.state}>
            Create an account
          </Link>
          <Link to="/forgot-password">Forgot your password?</Link>
        </>
      }
    >
      <form className="grid gap-4" onSubmit={handleSubmit} noValidate>
        {notice && <Alert tone="info">{notice}</Alert>}
        {signIn.isError && <Alert title="Could not sign in">{errorMessage(signIn.error)}</Alert>}
        <TextField
          ref={emailRef}
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          error={fieldErrors.email}
        />
        <TextField
          ref={passwordRef}
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldErrors.password}
        />
        <Button type="submit" busy={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </StandalonePage>
  );
}
