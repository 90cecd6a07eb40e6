import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgRows, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const ADA = '11111111-0000-4000-8000-00000000000a';
const SAM = '11111111-0000-4000-8000-00000000000b';

interface Row {
  user_id: string;
  role: string;
  created_at: string;
}

function mockMembers(initial: Row[]) {
  let rows = initial;
  const requests: RecordedRequest[] = [];
  const profiles = [
    { id: USER_ID, full_name: 'Linus Torvalds', email: 'linus@example.com', avatar_path: null },
    { id: ADA, full_name: 'Ada Lovelace', email: 'ada@example.com', avatar_path: null },
    { id: SAM, full_name: 'Sam Sales', email: 'sam@example.com', avatar_path: null },
  ];
  server.use(
    http.get('*/rest/v1/memberships', ({ request }) => {
      const url = new URL(request.url);
      if (!url.searchParams.has('org_id')) return undefined;
      requests.push({ method: 'GET', url, body: null, headers: request.headers });
      return pgRows(rows, { total: rows.length });
    }),
    http.get('*/rest/v1/profiles', ({ request }) => {
      const url = new URL(request.url);
      const ids = /^in\.\((.*)\)$/.exec(url.searchParams.get('id') ?? '')?.[1]?.split(',');
      if (!ids) return undefined;
      return pgRows(profiles.filter((p) => ids.includes(p.id)));
    }),
    http.patch('*/rest/v1/memberships', async ({ request }) => {
      const url = new URL(request.url);
      const body = (await request.json()) as { role: string };
      requests.push({ method: 'PATCH', url, body, headers: request.headers });
      const userId = url.searchParams.get('user_id')?.replace(/^eq\./, '');
      rows = rows.map((row) => (row.user_id === userId ? { ...row, role: body.role } : row));
      return HttpResponse.json(
        rows.filter((row) => row.user_id === userId).map(({ user_id, role }) => ({ user_id, role })),
      );
    }),
  );
  return requests;
}

const signedIn = () => createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) });

const MEMBERS: Row[] = [
  { user_id: USER_ID, role: 'owner', created_at: '2026-01-05T10:00:00Z' },
  { user_id: ADA, role: 'admin', created_at: '2026-02-01T09:00:00Z' },
  { user_id: SAM, role: 'sales', created_at: '2026-03-10T08:00:00Z' },
];

describe('members table', () => {
  it('renders the rows of the current organisation from /rest/v1/memberships, paged and counted on the server', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'owner' }] });
    const requests = mockMembers(MEMBERS);
    renderApp('/settings/members', signedIn());

    const table = await screen.findByRole('table', { name: 'Members' });
    const rows = within(table).getAllByRole('row').slice(1);
    // The avatars' initials appear a tick after the rows (Radix renders the fallback on a timer).
    await waitFor(() =>
      expect(rows.map((row) => within(row).getAllByRole('cell')[0]!.textContent)).toEqual([
        'LTLinus Torvaldslinus@example.com',
        'ALAda Lovelaceada@example.com',
        'SSSam Salessam@example.com',
      ]),
    );
    expect(screen.getByText('1–3 of 3')).toBeTruthy();

    const [first] = requests;
    expect(first?.url.searchParams.get('select')).toBe('user_id,role,created_at');
    expect(first?.url.searchParams.get('org_id')).toBe(`eq.${NORTHWIND.id}`);
    expect(first?.url.searchParams.get('order')).toBe('created_at.asc,user_id.asc');
    expect(first?.url.searchParams.get('offset')).toBe('0');
    expect(first?.url.searchParams.get('limit')).toBe('25');
    expect(first?.headers.get('prefer')).toContain('count=exact');
  });

  it('changes a role with a PATCH of that one membership', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'owner' }] });
    const requests = mockMembers(MEMBERS);
    renderApp('/settings/members', signedIn());

    const select = await screen.findByRole('combobox', { name: 'Role of Sam Sales' });
    expect(select.textContent).toContain('Sales');
    fireEvent.keyDown(select, { key: 'Enter' });
    fireEvent.click(await screen.findByRole('option', { name: 'Manager' }));

    await waitFor(() => expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({ role: 'manager' });
    expect(patch.url.searchParams.get('org_id')).toBe(`eq.${NORTHWIND.id}`);
    expect(patch.url.searchParams.get('user_id')).toBe(`eq.${SAM}`);
    // The app checks the changed row came back (RLS turns a refused update into zero rows).
    expect(patch.headers.get('prefer')).toContain('return=representation');

    expect(await screen.findByText('Sam Sales is now Manager')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Role of Sam Sales' }).textContent).toContain('Manager'),
    );
  });

  it('asks the server to sort and filter, and keeps both in the URL', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'owner' }] });
    const requests = mockMembers(MEMBERS);
    const { router } = renderApp('/settings/members', signedIn());
    await screen.findByRole('table', { name: 'Members' });

    fireEvent.click(screen.getByRole('button', { name: 'Role' }));
    await waitFor(() => expect(requests.at(-1)?.url.searchParams.get('order')).toBe('role.asc,user_id.asc'));
    expect(router.state.location.search).toBe('?sort=role');

    const filter = screen.getByRole('combobox', { name: 'Filter by role' });
    fireEvent.keyDown(filter, { key: 'Enter' });
    fireEvent.click(await screen.findByRole('option', { name: 'Admin' }));
    await waitFor(() => expect(requests.at(-1)?.url.searchParams.get('role')).toBe('eq.admin'));
    expect(new URLSearchParams(router.state.location.search).get('role')).toBe('admin');
  });

  it('shows an admin the owner without a role picker or actions: only owners change ownership', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'admin' }] });
    mockMembers([
      { user_id: ADA, role: 'owner', created_at: '2026-02-01T09:00:00Z' },
      { user_id: SAM, role: 'sales', created_at: '2026-03-10T08:00:00Z' },
    ]);
    renderApp('/settings/members', signedIn());

    await screen.findByRole('combobox', { name: 'Role of Sam Sales' });
    expect(screen.queryByRole('combobox', { name: 'Role of Ada Lovelace' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Actions for Ada Lovelace' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Actions for Sam Sales' })).toBeTruthy();

    // Nor can an admin offer the owner role to anyone.
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Role of Sam Sales' }), { key: 'Enter' });
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).not.toContain('Owner');
    expect(options.map((option) => option.textContent)).toContain('Admin');
  });
});
