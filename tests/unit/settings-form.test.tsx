import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgError, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const signedIn = () => createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) });

function mockOrganizationUpdate(answer: (body: Record<string, unknown>) => Response) {
  const patches: RecordedRequest[] = [];
  server.use(
    http.patch('*/rest/v1/organizations', async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      patches.push({ method: 'PATCH', url: new URL(request.url), body, headers: request.headers });
      return answer(body);
    }),
  );
  return patches;
}

describe('organisation settings form', () => {
  it('checks the fields before sending anything', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'admin' }] });
    const patches = mockOrganizationUpdate(() => HttpResponse.json([]));
    renderApp('/settings/organization', signedIn());

    const name = await screen.findByLabelText('Organisation name');
    expect((name as HTMLInputElement).value).toBe('Northwind Traders');
    fireEvent.change(name, { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Enter a name.')).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(patches).toEqual([]);
  });

  it('saves the changed settings with one PATCH of the current organisation', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'owner' }] });
    const patches = mockOrganizationUpdate((body) => HttpResponse.json([{ ...NORTHWIND, ...body }]));
    renderApp('/settings/organization', signedIn());

    fireEvent.change(await screen.findByLabelText('Organisation name'), { target: { value: '  Northwind Holdings ' } });
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Fiscal year starts in' }), { key: 'Enter' });
    fireEvent.click(await screen.findByRole('option', { name: 'April' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    await waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0]!.url.searchParams.get('id')).toBe(`eq.${NORTHWIND.id}`);
    expect(patches[0]!.body).toEqual({
      name: 'Northwind Holdings',
      base_currency: 'USD',
      fiscal_year_start_month: 4,
      time_zone: 'America/New_York',
      locale: 'en-US',
    });
    expect(await screen.findByText('Settings saved')).toBeTruthy();
  });

  it("shows the database's refusal beside the field it concerns", async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'owner' }] });
    mockOrganizationUpdate(() =>
      pgError(400, {
        code: '23514',
        message: 'new row for relation "organizations" violates check constraint "organizations_time_zone_check"',
      }),
    );
    renderApp('/settings/organization', signedIn());

    fireEvent.change(await screen.findByLabelText('Organisation name'), { target: { value: 'Northwind Two' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    const message = await screen.findByText('One of the values is not allowed.');
    const timeZone = screen.getByRole('combobox', { name: 'Time zone' });
    expect(timeZone.getAttribute('aria-invalid')).toBe('true');
    expect(timeZone.getAttribute('aria-describedby')?.split(' ')).toContain(message.id);
  });

  it('shows the settings read-only to a role that may not change them', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'sales' }] });
    renderApp('/settings/organization', signedIn());

    expect(await screen.findByText('Only owners and admins can change these settings.')).toBeTruthy();
    // Disabled through the form's <fieldset disabled>, which :disabled reflects.
    expect(screen.getByLabelText('Organisation name').matches(':disabled')).toBe(true);
    expect(screen.getByRole('combobox', { name: 'Time zone' }).matches(':disabled')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save settings' })).toBeNull();
  });
});
