import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { Alert } from '@/components/alert.tsx';

function describe(error: unknown): string {
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`;
  // A lazy route chunk that no longer exists usually means a new version was deployed.
  if (
    error instanceof TypeError &&
    /dynamically imported module|Importing a module script failed/i.test(error.message)
  ) {
    return 'A new version of Ledgerline is available. Reload the page to continue.';
  }
  if (error instanceof Error) return error.message;
  return 'Unexpected error.';
}

export function RouteError() {
  const error = useRouteError();
  return (
    <main className="page-center">
      <title>Error · Ledgerline</title>
      <div className="card">
        <h1>Something went wrong</h1>
        <Alert>{describe(error)}</Alert>
        <p>
          <Link to="/">Go to the start page</Link>
        </p>
      </div>
    </main>
  );
}
