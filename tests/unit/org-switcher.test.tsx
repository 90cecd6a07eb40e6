import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { GLOBEX, mockSignedInUser, NORTHWIND, USER_ID } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const signedIn = () => createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) });
const TWO_ORGS = [
  { organization: NORTHWIND, role: 'owner' as const },
  { organization: GLOBEX, role: 'viewer' as const },
];

describe('org switcher', () => {
  it('opens the organisation remembered on the profile, and switches to another, remembering it', async () => {
    const { requests } = mockSignedInUser({ memberships: TWO_ORGS, defaultOrgId: GLOBEX.id });
    renderApp('/', signedIn());

    expect(await screen.findByRole('heading', { level: 1, name: 'Globex Corporation' })).toBeTruthy();
    expect(screen.getByTestId('current-org-name').textContent).toBe('Globex Corporation');
    // A viewer in Globex: no admin pages in the navigation.
    expect(screen.getByRole('navigation', { name: 'Main' }).textContent).not.toContain('Members');

    const trigger = screen.getByRole('button', { name: /^Switch organisation\. Current:\s*Globex Corporation/ });
    fireEvent.keyDown(trigger, { key: 'Enter' });
    fireEvent.click(await screen.findByRole('menuitemradio', { name: /Northwind Traders/ }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Northwind Traders' })).toBeTruthy();
    expect(screen.getByTestId('current-org-name').textContent).toBe('Northwind Traders');
    // An owner in Northwind: the admin pages appear.
    expect(screen.getByRole('navigation', { name: 'Main' }).textContent).toContain('Members');

    await waitFor(() => expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.url.searchParams.get('id')).toBe(`eq.${USER_ID}`);
    expect(patch.body).toEqual({ default_org_id: NORTHWIND.id });
    expect(window.localStorage.getItem(`ledgerline:current-org:${USER_ID}`)).toBe(NORTHWIND.id);
  });

  it('prefers the organisation last used in this browser over the profile default', async () => {
    window.localStorage.setItem(`ledgerline:current-org:${USER_ID}`, NORTHWIND.id);
    mockSignedInUser({ memberships: TWO_ORGS, defaultOrgId: GLOBEX.id });
    renderApp('/', signedIn());

    expect(await screen.findByRole('heading', { level: 1, name: 'Northwind Traders' })).toBeTruthy();
  });

  it('opens a linked organisation the user belongs to (?org=slug) and drops the parameter', async () => {
    mockSignedInUser({ memberships: TWO_ORGS, defaultOrgId: NORTHWIND.id });
    const { router } = renderApp('/settings/organization?org=globex', signedIn());

    expect(await screen.findByRole('heading', { level: 1, name: 'Organisation settings' })).toBeTruthy();
    expect(screen.getByTestId('current-org-name').textContent).toBe('Globex Corporation');
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('refuses a linked organisation the user does not belong to, without requesting any of its data', async () => {
    mockSignedInUser({ memberships: TWO_ORGS, defaultOrgId: NORTHWIND.id });
    const foreign = 'cccccccc-0000-4000-8000-000000000001';
    const leaked: string[] = [];
    server.use(
      http.all('*/rest/v1/*', ({ request }) => {
        if (request.url.includes(foreign)) leaked.push(request.url);
        return undefined;
      }),
    );
    renderApp(`/settings/members?org=${foreign}`, signedIn());

    expect(await screen.findByRole('heading', { name: 'No access to this organisation' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(leaked).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Go to Northwind Traders' }));
    expect(await screen.findByTestId('current-org-name')).toBeTruthy();
  });
});
