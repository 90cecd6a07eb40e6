// The sales targets screen with msw: a manager edits the grid of reps by month (one upsert per
// cell on (org_id, user_id, month), a cleared cell deletes its target), wrong amounts are refused
// on their cell before anything is sent, the database's refusal is shown on the cell, another
// manager's edit arrives live; a rep sees only their own row, read-only. Teams: create, add a rep.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgError, pgRows, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';
import { RITA, SAM, TEAM_NORTH } from './support/dashboard-fixtures.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-15T10:00:00'));
});
afterEach(() => vi.useRealTimers());

const PEOPLE = [
  { id: SAM, full_name: 'Sam Sales', email: 'sam@example.com', avatar_path: null, role: 'sales' },
  { id: RITA, full_name: 'Rita Rep', email: 'rita@example.com', avatar_path: null, role: 'sales' },
  { id: USER_ID, full_name: 'Linus Torvalds', email: 'linus@example.com', avatar_path: null, role: 'manager' },
  {
    id: '22222222-0000-4000-8000-000000000007',
    full_name: 'Alice Accountant',
    email: 'a@example.com',
    avatar_path: null,
    role: 'accountant',
  },
];

function mockTargets(role: 'manager' | 'sales') {
  const { realtime } = mockSignedInUser({ memberships: [{ organization: NORTHWIND, role }] });
  const rows = [{ user_id: SAM, month: '2026-03-01', amount: 25000 }];
  const teams = [{ id: TEAM_NORTH, name: 'North', members: [{ user_id: SAM }] }];
  const requests: RecordedRequest[] = [];
  let refuseNext: { code: string; message: string } | null = null;
  server.use(
    http.post('*/rest/v1/rpc/org_member_profiles', () => HttpResponse.json(PEOPLE)),
    http.get('*/rest/v1/sales_targets', ({ request }) => {
      const url = new URL(request.url);
      requests.push({ method: 'GET', url, body: null, headers: request.headers });
      return pgRows(role === 'sales' ? rows.filter((r) => r.user_id === USER_ID) : rows);
    }),
    http.post('*/rest/v1/sales_targets', async ({ request }) => {
      const body = await request.json();
      requests.push({ method: 'POST', url: new URL(request.url), body, headers: request.headers });
      if (refuseNext) {
        const error = refuseNext;
        refuseNext = null;
        return pgError(400, error);
      }
      const row = body as { user_id: string; month: string; amount: number };
      const at = rows.findIndex((r) => r.user_id === row.user_id && r.month === row.month);
      if (at >= 0) rows.splice(at, 1);
      rows.push({ user_id: row.user_id, month: row.month, amount: row.amount });
      return new HttpResponse(null, { status: 201 });
    }),
    http.delete('*/rest/v1/sales_targets', ({ request }) => {
      const url = new URL(request.url);
      requests.push({ method: 'DELETE', url, body: null, headers: request.headers });
      return new HttpResponse(null, { status: 204 });
    }),
    http.get('*/rest/v1/sales_teams', () => pgRows(teams)),
    http.post('*/rest/v1/sales_teams', async ({ request }) => {
      const body = await request.json();
      requests.push({ method: 'POST', url: new URL(request.url), body, headers: request.headers });
      teams.push({ id: 'd7000000-0000-4000-8000-000000000002', name: (body as { name: string }).name, members: [] });
      return new HttpResponse(null, { status: 201 });
    }),
    http.post('*/rest/v1/sales_team_members', async ({ request }) => {
      const body = (await request.json()) as { team_id: string; user_id: string };
      requests.push({ method: 'POST', url: new URL(request.url), body, headers: request.headers });
      teams.find((t) => t.id === body.team_id)!.members.push({ user_id: body.user_id });
      return new HttpResponse(null, { status: 201 });
    }),
  );
  return {
    realtime,
    rows,
    requests,
    refuse: (error: { code: string; message: string }) => (refuseNext = error),
  };
}

const signedIn = () => createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) });
const cell = (name: string) => screen.getByRole('textbox', { name });

describe('sales targets', () => {
  it('lets a manager set, correct and clear targets cell by cell, and follows other managers live', async () => {
    const { realtime, rows, requests, refuse } = mockTargets('manager');
    renderApp('/dashboards/targets', signedIn());
    await screen.findByRole('heading', { level: 1, name: 'Sales targets' });

    // Reps who sell (sales and managers), by name; the year's targets read with the org's filter.
    await waitFor(() => expect(screen.getAllByTestId('target-row')).toHaveLength(3));
    expect(screen.getAllByTestId('target-row').map((r) => r.querySelector('th')!.textContent)).toEqual([
      'Linus Torvalds',
      'Rita Rep',
      'Sam Sales',
    ]);
    const read = requests.find((r) => r.method === 'GET')!;
    expect(read.url.searchParams.get('org_id')).toBe(`eq.${NORTHWIND.id}`);
    expect(read.url.searchParams.getAll('month')).toEqual(['gte.2026-01-01', 'lte.2026-12-01']);
    expect((cell('Sam Sales, March 2026') as HTMLInputElement).value).toBe('25000');
    expect(within(screen.getAllByTestId('target-row')[2]!).getAllByRole('cell').at(-1)!.textContent).toBe('$25,000');

    // A new target for Rita in April: one upsert on (org_id, user_id, month).
    const april = cell('Rita Rep, April 2026');
    fireEvent.change(april, { target: { value: '30000.50' } });
    fireEvent.blur(april);
    await waitFor(() => expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1));
    const upsert = requests.find((r) => r.method === 'POST')!;
    expect(upsert.url.searchParams.get('on_conflict')).toBe('org_id,user_id,month');
    expect(upsert.headers.get('Prefer')).toContain('resolution=merge-duplicates');
    expect(upsert.body).toEqual({ org_id: NORTHWIND.id, user_id: RITA, month: '2026-04-01', amount: 30000.5 });
    await waitFor(() => expect((cell('Rita Rep, April 2026') as HTMLInputElement).value).toBe('30000.5'));

    // Refused on the cell before anything is sent.
    const may = cell('Rita Rep, May 2026');
    fireEvent.change(may, { target: { value: '-5' } });
    fireEvent.blur(may);
    expect(await screen.findByText('A target cannot be negative')).toBeTruthy();
    expect(may.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(may, { target: { value: '12,000' } });
    fireEvent.blur(may);
    expect(await screen.findByText('Enter an amount like 12000 or 12000.50')).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);

    // The database's refusal, on the cell it is about.
    refuse({ code: '23503', message: 'A target is set for a member of the organisation' });
    const june = cell('Sam Sales, June 2026');
    fireEvent.change(june, { target: { value: '1000' } });
    fireEvent.blur(june);
    expect(await screen.findByText('A target is set for a member of the organisation')).toBeTruthy();
    expect(june.getAttribute('aria-invalid')).toBe('true');

    // Clearing a cell deletes that month's target.
    const march = cell('Sam Sales, March 2026');
    fireEvent.change(march, { target: { value: '' } });
    fireEvent.blur(march);
    await waitFor(() => expect(requests.filter((r) => r.method === 'DELETE')).toHaveLength(1));
    const del = requests.find((r) => r.method === 'DELETE')!;
    expect(Object.fromEntries(del.url.searchParams)).toEqual({
      org_id: `eq.${NORTHWIND.id}`,
      user_id: `eq.${SAM}`,
      month: 'eq.2026-03-01',
    });

    // Another manager sets Linus's January target: it arrives over Realtime.
    await waitFor(() => expect(realtime.joined('sales_targets')).toBeTruthy());
    rows.push({ user_id: USER_ID, month: '2026-01-01', amount: 5000 });
    realtime.push('sales_targets', 'sales_targets', 'INSERT', {
      org_id: NORTHWIND.id,
      user_id: USER_ID,
      month: '2026-01-01',
      amount: 5000,
    });
    await waitFor(() => expect((cell('Linus Torvalds, January 2026') as HTMLInputElement).value).toBe('5000'));
  });

  it('shows a rep only their own row, read-only, and no team controls', async () => {
    mockTargets('sales');
    renderApp('/dashboards/targets', signedIn());
    await screen.findByRole('heading', { level: 1, name: 'Sales targets' });
    await waitFor(() => expect(screen.getAllByTestId('target-row')).toHaveLength(1));
    expect(screen.getByTestId('target-row').querySelector('th')!.textContent).toBe('Linus Torvalds');
    expect(screen.queryAllByRole('textbox')).toEqual([]);
    expect(screen.getByText('Targets are set by managers, owners and admins.')).toBeTruthy();
    await screen.findByTestId('team');
    expect(screen.queryByRole('button', { name: 'Create team' })).toBeNull();
  });

  it('lets a manager create a team and put a rep in it', async () => {
    const { requests } = mockTargets('manager');
    renderApp('/dashboards/targets', signedIn());
    await screen.findByTestId('team');

    fireEvent.click(screen.getByRole('button', { name: 'Create team' }));
    expect(await screen.findByText('Enter a name for the team')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('New team'), { target: { value: '  South  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create team' }));
    await waitFor(() => expect(screen.getAllByTestId('team')).toHaveLength(2));
    expect(requests.find((r) => r.url.pathname.endsWith('/sales_teams'))!.body).toEqual({
      org_id: NORTHWIND.id,
      name: 'South',
    });

    // Sam is in North already: only Rita and Linus can join South.
    const south = screen.getAllByTestId('team')[1]!;
    const picker = within(south).getByRole('combobox', { name: 'Rep to add to South' });
    fireEvent.keyDown(picker, { key: 'Enter' });
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Rita Rep', 'Linus Torvalds']);
    fireEvent.click(options[0]!);
    fireEvent.click(within(south).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(within(screen.getAllByTestId('team')[1]!).getByText('Rita Rep')).toBeTruthy());
    expect(requests.find((r) => r.url.pathname.endsWith('/sales_team_members'))!.body).toEqual({
      org_id: NORTHWIND.id,
      team_id: 'd7000000-0000-4000-8000-000000000002',
      user_id: RITA,
    });
  });
});
