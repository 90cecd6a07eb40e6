import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { markPasswordNeeded } from '@/lib/auth-redirect.ts';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgError, pgRows, USER_ID } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const TOKEN = 'f3a9c0de';
const PATH = `/invitations/accept?org=${NORTHWIND.id}&token=${TOKEN}`;
const signedIn = () => createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) });

function mockAccept(answer: () => Response) {
  const calls: unknown[] = [];
  server.use(
    http.get('*/rest/v1/invitations', () => pgRows([{ role: 'sales', expires_at: '2026-12-01T00:00:00Z' }])),
    http.post('*/rest/v1/rpc/accept_invitation', async ({ request }) => {
      calls.push(await request.json());
      return answer();
    }),
  );
  return calls;
}

describe('invitation accept page', () => {
  it('accepts for the signed-in user with the token from the link, and opens the organisation', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'sales' }] });
    const calls = mockAccept(() =>
      HttpResponse.json({
        org_id: NORTHWIND.id,
        user_id: USER_ID,
        role: 'sales',
        created_at: '2026-03-01T00:00:00Z',
        updated_at: '2026-03-01T00:00:00Z',
      }),
    );
    server.use(http.patch('*/rest/v1/profiles', () => new HttpResponse(null, { status: 204 })));
    const { router } = renderApp(PATH, signedIn());

    expect(await screen.findByText('Sales')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));

    await screen.findByRole('heading', { level: 1, name: 'Northwind Traders' });
    expect(calls).toEqual([{ p_org_id: NORTHWIND.id, p_token: TOKEN }]);
    expect(router.state.location.pathname).toBe('/');
    expect(window.localStorage.getItem(`ledgerline:current-org:${USER_ID}`)).toBe(NORTHWIND.id);
  });

  it('says so when the invitation was sent to another address, and offers to sign out', async () => {
    mockAccept(() => pgError(403, { code: '42501', message: 'This invitation was sent to another e-mail address' }));
    renderApp(PATH, signedIn());

    fireEvent.click(await screen.findByRole('button', { name: 'Accept invitation' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This invitation is for someone else');
    expect(alert.textContent).toContain('This invitation was sent to another e-mail address');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).toBeNull();
  });

  it('explains an expired invitation and does not offer the same link again', async () => {
    mockAccept(() =>
      pgError(400, {
        code: 'P0001',
        message: 'This invitation has expired',
        hint: 'Ask an admin for a new invitation.',
      }),
    );
    renderApp(PATH, signedIn());

    fireEvent.click(await screen.findByRole('button', { name: 'Accept invitation' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This invitation has expired');
    expect(alert.textContent).toContain('Ask an admin for a new invitation.');
    expect((screen.getByRole('button', { name: 'Accept invitation' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('asks someone arriving from the invitation e-mail for a password first, then accepts', async () => {
    markPasswordNeeded(true);
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'sales' }] });
    const calls = mockAccept(() =>
      HttpResponse.json({
        org_id: NORTHWIND.id,
        user_id: USER_ID,
        role: 'sales',
        created_at: '2026-03-01T00:00:00Z',
        updated_at: '2026-03-01T00:00:00Z',
      }),
    );
    const passwords: unknown[] = [];
    server.use(
      http.put('*/auth/v1/user', async ({ request }) => {
        passwords.push(await request.json());
        return HttpResponse.json(fakeSession('linus@example.com', USER_ID).user, {
          headers: { 'X-Supabase-Api-Version': '2024-01-01' },
        });
      }),
    );
    renderApp(PATH, signedIn());

    await screen.findByRole('heading', { name: 'Welcome to Ledgerline' });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'Correct-Horse-9' } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'Correct-Horse-8' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password and join' }));
    expect(await screen.findByText('The passwords do not match.')).toBeTruthy();
    expect(passwords).toEqual([]);

    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'Correct-Horse-9' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password and join' }));

    await screen.findByRole('heading', { level: 1, name: 'Northwind Traders' });
    expect(passwords).toHaveLength(1);
    expect(passwords[0]).toMatchObject({ password: 'Correct-Horse-9' });
    expect(calls).toEqual([{ p_org_id: NORTHWIND.id, p_token: TOKEN }]);
    await waitFor(() => expect(window.sessionStorage.getItem('ledgerline:password-needed')).toBeNull());
  });

  it('asks a signed-out visitor to sign in or sign up, and brings them back here', async () => {
    renderApp(PATH);
    await screen.findByRole('heading', { name: 'You are invited to Ledgerline' });
    fireEvent.click(screen.getByRole('link', { name: 'Sign in' }));
    await screen.findByRole('heading', { name: 'Sign in to Ledgerline' });
  });
});
