import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { authErrorMessage } from '@/features/auth/api/errors.ts';
import { useSession } from '@/features/auth/api/session.ts';
import { useSignOut } from '@/features/auth/api/sign-out.ts';

/** The signed-in landing page until the app shell (organisations, navigation) exists. */
export function AccountPage() {
  const { data: session } = useSession();
  const signOut = useSignOut();
  const email = session?.user.email;

  return (
    <main className="page-center">
      <title>Your account · Ledgerline</title>
      <section className="card" aria-labelledby="account-heading">
        <h1 id="account-heading">Welcome to Ledgerline</h1>
        <p>
          Signed in as <strong data-testid="user-email">{email ?? 'an account without an e-mail address'}</strong>
        </p>
        {signOut.isError && <Alert title="Could not sign out">{authErrorMessage(signOut.error)}</Alert>}
        <Button variant="secondary" busy={signOut.isPending} onClick={() => signOut.mutate()}>
          Sign out
        </Button>
      </section>
    </main>
  );
}
