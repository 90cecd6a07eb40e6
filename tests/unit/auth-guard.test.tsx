import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, USER_ID } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const signedIn = () => createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) });

describe('route guard', () => {
  it('sends a visitor without a session to /sign-in, remembering where they were going', async () => {
    const { router } = renderApp('/settings/members?role=admin');

    await screen.findByRole('heading', { name: 'Sign in to Ledgerline' });
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.state).toEqual({ from: '/settings/members?role=admin' });
  });

  it('lets a visitor with a stored session into the app shell of their organisation', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'owner' }] });
    const { router } = renderApp('/', signedIn());

    expect(await screen.findByRole('heading', { level: 1, name: 'Northwind Traders' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/');
  });

  it('sends a signed-in visitor away from /sign-in', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'owner' }] });
    const { router } = renderApp('/sign-in', signedIn());

    await screen.findByRole('heading', { level: 1, name: 'Northwind Traders' });
    expect(router.state.location.pathname).toBe('/');
  });

  it('sends a user without any organisation to "create your organisation"', async () => {
    mockSignedInUser({ memberships: [] });
    const { router } = renderApp('/settings/organization', signedIn());

    await screen.findByRole('heading', { name: 'Create your organisation' });
    expect(router.state.location.pathname).toBe('/organizations/new');
  });

  it('shows a viewer no admin navigation and refuses the members page without asking for its data', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'viewer' }] });
    const orgRequests: string[] = [];
    server.use(
      http.get('*/rest/v1/memberships', ({ request }) => {
        if (new URL(request.url).searchParams.has('org_id')) orgRequests.push(request.url);
        return undefined;
      }),
    );
    renderApp('/settings/members', signedIn());

    expect(await screen.findByText("You don't have access to this page")).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(nav.textContent).toContain('Organisation settings');
    expect(nav.textContent).not.toContain('Members');
    expect(nav.textContent).not.toContain('Audit log');
    expect(nav.textContent).not.toContain('E-mail outbox');
    expect(orgRequests).toEqual([]);
  });

  it('opens the keyboard shortcuts with "?" and goes to a page with "g" then "s"', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'viewer' }] });
    const { router } = renderApp('/', signedIn());
    await screen.findByRole('heading', { level: 1, name: 'Northwind Traders' });

    fireEvent.keyDown(window, { key: '?' });
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    fireEvent.keyDown(document.activeElement ?? window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    fireEvent.keyDown(window, { key: 'g' });
    fireEvent.keyDown(window, { key: 's' });
    await screen.findByRole('heading', { level: 1, name: 'Organisation settings' });
    expect(router.state.location.pathname).toBe('/settings/organization');
  });
});
