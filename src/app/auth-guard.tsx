import { Navigate, Outlet, useLocation } from 'react-router';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { PageSpinner } from '@/components/spinner.tsx';
import { authErrorMessage } from '@/features/auth/api/errors.ts';
import { useSession } from '@/features/auth/api/session.ts';

interface FromState {
  from?: unknown;
}

/** Only same-app paths are followed, so a crafted history state cannot send the user elsewhere. */
function safeReturnPath(state: unknown): string {
  const from = (state as FromState | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

function SessionError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="page-center">
      <div className="card">
        <Alert title="Could not check your session">{authErrorMessage(error)}</Alert>
        <Button onClick={retry}>Try again</Button>
      </div>
    </main>
  );
}

/** Layout route: renders its children for a signed-in user, otherwise sends them to /sign-in and back. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <PageSpinner label="Checking your session…" />;
  if (session.isError) return <SessionError error={session.error} retry={() => void session.refetch()} />;
  if (!session.data) {
    const from = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to="/sign-in" replace state={{ from }} />;
  }
  return <Outlet />;
}

/** Layout route for pages only signed-out users need (sign-in): a signed-in user goes where they were headed. */
export function RedirectIfSignedIn() {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <PageSpinner label="Checking your session…" />;
  if (session.data) return <Navigate to={safeReturnPath(location.state)} replace />;
  // A failed session check still lets the user try to sign in.
  return <Outlet />;
}
