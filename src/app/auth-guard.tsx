import { Navigate, Outlet, useLocation } from 'react-router';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { PageSpinner } from '@/components/spinner.tsx';
import { StandalonePage } from '@/components/standalone-page.tsx';
import { errorMessage } from '@/lib/errors.ts';
import { UserContext, useSession } from '@/lib/session.ts';

interface FromState {
  from?: unknown;
}

/** Only same-app paths are followed, so a crafted history state cannot send the user elsewhere. */
export function safeReturnPath(state: unknown): string {
  const from = (state as FromState | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

function SessionError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <StandalonePage title="Could not check your session">
      <div className="grid gap-4">
        <Alert>{errorMessage(error)}</Alert>
        <Button onClick={retry}>Try again</Button>
      </div>
    </StandalonePage>
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
  // Screens below read the user from here: when the session ends they are unmounted by this guard,
  // rather than rendering once more without a user.
  return (
    <UserContext value={session.data.user}>
      <Outlet />
    </UserContext>
  );
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
