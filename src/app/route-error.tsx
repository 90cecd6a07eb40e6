import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { Alert } from '@/components/alert.tsx';
import { StandalonePage } from '@/components/standalone-page.tsx';
import { errorMessage } from '@/lib/errors.ts';

function describe(error: unknown): string {
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`;
  // A lazy route chunk that no longer exists usually means a new version was deployed.
  if (
    error instanceof TypeError &&
    /dynamically imported module|Importing a module script failed/i.test(error.message)
  ) {
    return 'A new version of Ledgerline is available. Reload the page to continue.';
  }
  return errorMessage(error);
}

export function RouteError() {
  const error = useRouteError();
  return (
    <StandalonePage
      title="Something went wrong"
      footer={
        <>
          <Link to="/">Go to the start page</Link>
          <button
            type="button"
            className="cursor-pointer text-primary underline underline-offset-2 hover:decoration-2"
            onClick={() => window.location.reload()}
          >
            Reload the page
          </button>
        </>
      }
    >
      <Alert>{describe(error)}</Alert>
    </StandalonePage>
  );
}
