import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const AUTH_HEADERS = { 'X-Supabase-Api-Version': '2024-01-01' };

function fillAndSubmit(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign-in form', () => {
  it("shows GoTrue's message when the credentials are wrong", async () => {
    const requests: { grantType: string | null; body: unknown }[] = [];
    server.use(
      http.post('*/auth/v1/token', async ({ request }) => {
        requests.push({ grantType: new URL(request.url).searchParams.get('grant_type'), body: await request.json() });
        return HttpResponse.json(
          { code: 'invalid_credentials', message: 'Invalid login credentials' },
          { status: 400, headers: { ...AUTH_HEADERS, 'x-sb-error-code': 'invalid_credentials' } },
        );
      }),
    );
    const { router } = renderApp('/sign-in');
    await screen.findByRole('heading', { name: 'Sign in to Ledgerline' });

    fillAndSubmit('  ada@example.com ', 'wrong-password');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not sign in');
    expect(alert.textContent).toContain('Invalid login credentials');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.grantType).toBe('password');
    // The e-mail is sent trimmed, the password exactly as typed.
    expect(requests[0]?.body).toMatchObject({ email: 'ada@example.com', password: 'wrong-password' });
    expect(router.state.location.pathname).toBe('/sign-in');
    expect((screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('asks for an e-mail address and sends nothing when it is empty', async () => {
    let calls = 0;
    server.use(
      http.post('*/auth/v1/token', () => {
        calls += 1;
        return HttpResponse.json({}, { status: 500 });
      }),
    );
    renderApp('/sign-in');
    await screen.findByRole('heading', { name: 'Sign in to Ledgerline' });

    fillAndSubmit('', 'secret-password');

    expect(await screen.findByText('Enter your e-mail address.')).toBeTruthy();
    const email = screen.getByLabelText('E-mail');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    // The message is tied to the input, so a screen reader reads it with the field.
    const describedBy = email.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe('Enter your e-mail address.');
    expect(document.activeElement).toBe(email);
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBeNull();
    expect(calls).toBe(0);
  });

  it('rejects a malformed e-mail address and an empty password before calling the server', async () => {
    let calls = 0;
    server.use(
      http.post('*/auth/v1/token', () => {
        calls += 1;
        return HttpResponse.json({}, { status: 500 });
      }),
    );
    renderApp('/sign-in');
    await screen.findByRole('heading', { name: 'Sign in to Ledgerline' });

    fillAndSubmit('ada.example.com', '');

    expect(await screen.findByText('Enter a valid e-mail address.')).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    expect(calls).toBe(0);
  });

  it('signs in into the organisation, and signs out back to the sign-in page', async () => {
    const session = fakeSession('grace@example.com');
    let logout: { authorization: string | null; scope: string | null } | null = null;
    mockSignedInUser({
      memberships: [{ organization: NORTHWIND, role: 'admin' }],
      email: 'grace@example.com',
      fullName: 'Grace Hopper',
    });
    server.use(
      http.post('*/auth/v1/token', () => HttpResponse.json(session, { headers: AUTH_HEADERS })),
      http.post('*/auth/v1/logout', ({ request }) => {
        logout = {
          authorization: request.headers.get('authorization'),
          scope: new URL(request.url).searchParams.get('scope'),
        };
        return new HttpResponse(null, { status: 204, headers: AUTH_HEADERS });
      }),
    );
    const { router } = renderApp('/sign-in');
    await screen.findByRole('heading', { name: 'Sign in to Ledgerline' });

    fillAndSubmit('grace@example.com', 'correct-horse');

    expect(await screen.findByRole('heading', { level: 1, name: 'Northwind Traders' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/');

    const [menu] = await screen.findAllByRole('button', { name: /^Account menu:\s*Grace Hopper/ });
    fireEvent.keyDown(menu!, { key: 'Enter' });
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Sign out' }));

    await screen.findByRole('heading', { name: 'Sign in to Ledgerline' });
    expect(router.state.location.pathname).toBe('/sign-in');
    // This browser's session is revoked on the server with the user's own token, not just forgotten.
    await waitFor(() => expect(logout).toEqual({ authorization: `Bearer ${session.access_token}`, scope: 'local' }));
  });
});
