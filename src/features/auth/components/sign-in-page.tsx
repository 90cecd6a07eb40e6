import { useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { TextField } from '@/components/text-field.tsx';
import { authErrorMessage } from '@/features/auth/api/errors.ts';
import { useSignIn } from '@/features/auth/api/sign-in.ts';
import { validateSignIn, type SignInFieldErrors } from '@/features/auth/schemas/sign-in.ts';

/** Where to go after signing in is decided by the route that sent the user here (see src/app). */
export function SignInPage() {
  const signIn = useSignIn();
  const [fieldErrors, setFieldErrors] = useState<SignInFieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

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
    <main className="page-center">
      <title>Sign in · Ledgerline</title>
      <section className="card" aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">Sign in to Ledgerline</h1>
        <form className="stack-form" onSubmit={handleSubmit} noValidate>
          {signIn.isError && <Alert title="Could not sign in">{authErrorMessage(signIn.error)}</Alert>}
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
      </section>
    </main>
  );
}
