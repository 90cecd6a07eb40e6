import type { RouteObject } from 'react-router';
import { PageSpinner } from '@/components/spinner.tsx';
import { RedirectIfSignedIn, RequireAuth } from '@/app/auth-guard.tsx';
import { NotFound } from '@/app/not-found.tsx';
import { RouteError } from '@/app/route-error.tsx';

/**
 * Every page is a lazy route so the first load carries only the shell; the guards stay eager because
 * they decide what loads next.
 */
export const appRoutes: RouteObject[] = [
  {
    path: '/',
    HydrateFallback: PageSpinner,
    ErrorBoundary: RouteError,
    children: [
      {
        Component: RequireAuth,
        children: [
          {
            index: true,
            lazy: async () => ({
              Component: (await import('@/features/auth/components/account-page.tsx')).AccountPage,
            }),
          },
        ],
      },
      {
        Component: RedirectIfSignedIn,
        children: [
          {
            path: 'sign-in',
            lazy: async () => ({
              Component: (await import('@/features/auth/components/sign-in-page.tsx')).SignInPage,
            }),
          },
        ],
      },
      { path: '*', Component: NotFound },
    ],
  },
];
