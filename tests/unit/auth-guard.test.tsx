import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { fakeSession } from './support/session.ts';

describe('route guard', () => {
  it('sends a visitor without a session to /sign-in', async () => {
    const { router } = renderApp('/');

    await screen.findByRole('heading', { name: 'Sign in to Ledgerline' });
    expect(router.state.location.pathname).toBe('/sign-in');
    // The guard remembers where the visitor was going.
    expect(router.state.location.state).toEqual({ from: '/' });
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });

  it('lets a visitor with a stored session through to the account page', async () => {
    const { router } = renderApp('/', createTestSupabase({ session: fakeSession('linus@example.com') }));

    expect((await screen.findByTestId('user-email')).textContent).toBe('linus@example.com');
    expect(router.state.location.pathname).toBe('/');
  });

  it('sends a signed-in visitor away from /sign-in', async () => {
    const { router } = renderApp('/sign-in', createTestSupabase({ session: fakeSession('linus@example.com') }));

    await screen.findByTestId('user-email');
    expect(router.state.location.pathname).toBe('/');
  });
});
