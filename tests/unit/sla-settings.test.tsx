import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgError, pgRows, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const signedIn = () => createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) });

const URGENT = '33333333-0000-4000-8000-000000000001';
const HIGH = '33333333-0000-4000-8000-000000000002';
const NORMAL = '33333333-0000-4000-8000-000000000003';

interface Policy {
  id: string;
  priority: string;
  first_response_minutes: number;
  resolution_minutes: number;
  updated_at: string;
}

// No policy for "low": the page offers to create one.
const POLICIES: Policy[] = [
  {
    id: NORMAL,
    priority: 'normal',
    first_response_minutes: 480,
    resolution_minutes: 2400,
    updated_at: '2026-01-05T10:00:00Z',
  },
  {
    id: HIGH,
    priority: 'high',
    first_response_minutes: 270,
    resolution_minutes: 960,
    updated_at: '2026-01-05T10:00:00Z',
  },
  {
    id: URGENT,
    priority: 'urgent',
    first_response_minutes: 60,
    resolution_minutes: 480,
    updated_at: '2026-01-05T10:00:00Z',
  },
];

function mockPolicies(initial: Policy[], answerWrite?: (request: RecordedRequest) => Response | undefined) {
  let rows = initial;
  const requests: RecordedRequest[] = [];
  server.use(
    http.get('*/rest/v1/sla_policies', ({ request }) => {
      requests.push({ method: 'GET', url: new URL(request.url), body: null, headers: request.headers });
      return pgRows(rows);
    }),
    http.patch('*/rest/v1/sla_policies', async ({ request }) => {
      const url = new URL(request.url);
      const body = (await request.json()) as Partial<Policy>;
      const recorded = { method: 'PATCH', url, body, headers: request.headers };
      requests.push(recorded);
      const refused = answerWrite?.(recorded);
      if (refused) return refused;
      const id = url.searchParams.get('id')?.replace(/^eq\./, '');
      rows = rows.map((row) => (row.id === id ? { ...row, ...body } : row));
      return HttpResponse.json(rows.filter((row) => row.id === id));
    }),
    http.post('*/rest/v1/sla_policies', async ({ request }) => {
      const body = (await request.json()) as Policy & { org_id: string };
      const recorded = { method: 'POST', url: new URL(request.url), body, headers: request.headers };
      requests.push(recorded);
      const refused = answerWrite?.(recorded);
      if (refused) return refused;
      const { org_id: _org, ...rest } = body;
      const created = { ...rest, id: '33333333-0000-4000-8000-000000000004', updated_at: '2026-02-01T10:00:00Z' };
      rows = [...rows, created];
      return HttpResponse.json(created, { status: 201 });
    }),
  );
  return requests;
}

const writes = (requests: RecordedRequest[]) => requests.filter((r) => r.method !== 'GET');

describe('support SLA settings', () => {
  it("shows each priority's targets of the current organisation as hours and minutes", async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'manager' }] });
    const requests = mockPolicies(POLICIES);
    renderApp('/settings/sla', signedIn());

    expect(
      await screen.findByText('First response within 4 h 30 min, resolved within 16 h of working time.'),
    ).toBeTruthy();
    expect(screen.getByText('First response within 1 h, resolved within 8 h of working time.')).toBeTruthy();
    expect(screen.getByText('No policy: tickets of this priority get no due times.')).toBeTruthy();
    expect(requests[0]!.url.searchParams.get('org_id')).toBe(`eq.${NORTHWIND.id}`);

    const high = screen.getByRole('form', { name: 'High priority targets' });
    expect((within(high).getByLabelText('First response hours') as HTMLInputElement).value).toBe('4');
    expect((within(high).getByLabelText('First response minutes') as HTMLInputElement).value).toBe('30');
    expect(screen.getByText(/tickets already open keep their due times/)).toBeTruthy();
  });

  it('saves an edited target with a PATCH of that one policy', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'support' }] });
    const requests = mockPolicies(POLICIES);
    renderApp('/settings/sla', signedIn());

    const urgent = await screen.findByRole('form', { name: 'Urgent priority targets' });
    fireEvent.change(within(urgent).getByLabelText('First response minutes'), { target: { value: '30' } });
    fireEvent.click(within(urgent).getByRole('button', { name: 'Save targets' }));

    await waitFor(() => expect(writes(requests)).toHaveLength(1));
    const [patch] = writes(requests);
    expect(patch!.method).toBe('PATCH');
    expect(patch!.body).toEqual({ first_response_minutes: 90, resolution_minutes: 480 });
    expect(patch!.url.searchParams.get('id')).toBe(`eq.${URGENT}`);
    expect(patch!.url.searchParams.get('org_id')).toBe(`eq.${NORTHWIND.id}`);
    expect(await screen.findByText('Urgent priority targets saved')).toBeTruthy();
    expect(
      await screen.findByText('First response within 1 h 30 min, resolved within 8 h of working time.'),
    ).toBeTruthy();
  });

  it('creates the policy of a priority that has none with a POST', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'admin' }] });
    const requests = mockPolicies(POLICIES);
    renderApp('/settings/sla', signedIn());

    const low = await screen.findByRole('form', { name: 'Low priority targets' });
    fireEvent.change(within(low).getByLabelText('First response hours'), { target: { value: '16' } });
    fireEvent.change(within(low).getByLabelText('Resolution hours'), { target: { value: '80' } });
    fireEvent.change(within(low).getByLabelText('Resolution minutes'), { target: { value: '15' } });
    fireEvent.click(within(low).getByRole('button', { name: 'Create policy' }));

    await waitFor(() => expect(writes(requests)).toHaveLength(1));
    const [post] = writes(requests);
    expect(post!.method).toBe('POST');
    expect(post!.body).toEqual({
      org_id: NORTHWIND.id,
      priority: 'low',
      first_response_minutes: 960,
      resolution_minutes: 4815,
    });
    expect(await screen.findByText('Low priority policy created')).toBeTruthy();
    expect(
      await screen.findByText('First response within 16 h, resolved within 80 h 15 min of working time.'),
    ).toBeTruthy();
  });

  it('explains a bad value beside its target and sends nothing', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'owner' }] });
    const requests = mockPolicies(POLICIES);
    renderApp('/settings/sla', signedIn());

    const normal = await screen.findByRole('form', { name: 'Normal priority targets' });
    const hours = within(normal).getByLabelText('First response hours');
    fireEvent.change(hours, { target: { value: '2.5' } });
    fireEvent.click(within(normal).getByRole('button', { name: 'Save targets' }));
    const message = await within(normal).findByText('Hours must be a whole number, e.g. 4.');
    expect(hours.getAttribute('aria-invalid')).toBe('true');
    expect(hours.getAttribute('aria-describedby')?.split(' ')).toContain(message.id);

    fireEvent.change(hours, { target: { value: '50' } });
    fireEvent.click(within(normal).getByRole('button', { name: 'Save targets' }));
    expect(
      await within(normal).findByText('The resolution target cannot be shorter than the first-response target.'),
    ).toBeTruthy();

    fireEvent.change(hours, { target: { value: '0' } });
    fireEvent.change(within(normal).getByLabelText('First response minutes'), { target: { value: '0' } });
    fireEvent.click(within(normal).getByRole('button', { name: 'Save targets' }));
    expect(await within(normal).findByText('The first-response target must be at least 1 minute.')).toBeTruthy();
    expect(writes(requests)).toEqual([]);
  });

  it("shows the database's refusal in a toast", async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'owner' }] });
    mockPolicies(POLICIES, () =>
      pgError(400, {
        code: '23514',
        message: 'new row for relation "sla_policies" violates check constraint "sla_policies_check"',
      }),
    );
    renderApp('/settings/sla', signedIn());

    const high = await screen.findByRole('form', { name: 'High priority targets' });
    fireEvent.change(within(high).getByLabelText('Resolution hours'), { target: { value: '20' } });
    fireEvent.click(within(high).getByRole('button', { name: 'Save targets' }));
    expect(await screen.findByText('One of the values is not allowed.')).toBeTruthy();
  });

  it('shows the targets read-only to a role that may not change them', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'viewer' }] });
    mockPolicies(POLICIES);
    renderApp('/settings/sla', signedIn());

    expect(
      await screen.findByText('Only owners, admins, managers and support staff can change the SLA targets.'),
    ).toBeTruthy();
    expect(screen.getByText('4 h 30 min')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save targets' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Create policy' })).toBeNull();
  });
});
