import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgRows, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const signedIn = () => createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) });

interface Notification {
  id: string;
  org_id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  read_at: string | null;
  created_at: string;
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function notification(id: string, title: string, extra: Partial<Notification> = {}): Notification {
  return {
    id,
    org_id: NORTHWIND.id,
    kind: 'task_reminder',
    title,
    body: null,
    link: null,
    read_at: null,
    created_at: minutesAgo(5),
    ...extra,
  };
}

const REMINDER = notification('10000000-0000-4000-8000-000000000001', 'Call Ada back', {
  body: 'Due at 14:00',
  link: '/profile',
  created_at: minutesAgo(3),
});
const REORDER = notification('10000000-0000-4000-8000-000000000002', 'Reorder: Chai', {
  kind: 'reorder_alert',
  body: 'Stock 4 is below the reorder point 10',
  created_at: minutesAgo(90),
});
const OLD = notification('10000000-0000-4000-8000-000000000003', 'Invoice paid', {
  read_at: minutesAgo(60 * 24),
  created_at: minutesAgo(60 * 25),
});

/** PostgREST for /rest/v1/notifications: the list (GET), the unread count (HEAD) and marking read (PATCH). */
function mockNotifications(initial: Notification[]) {
  let rows = [...initial];
  const requests: RecordedRequest[] = [];
  const unread = () => rows.filter((row) => !row.read_at).length;
  server.use(
    http.head('*/rest/v1/notifications', ({ request }) => {
      const url = new URL(request.url);
      requests.push({ method: 'HEAD', url, body: null, headers: request.headers });
      return new HttpResponse(null, { status: 200, headers: { 'Content-Range': `*/${unread()}` } });
    }),
    http.get('*/rest/v1/notifications', ({ request }) => {
      const url = new URL(request.url);
      requests.push({ method: 'GET', url, body: null, headers: request.headers });
      return pgRows([...rows].sort((a, b) => b.created_at.localeCompare(a.created_at)));
    }),
    http.patch('*/rest/v1/notifications', async ({ request }) => {
      const url = new URL(request.url);
      const body = (await request.json()) as { read_at: string };
      requests.push({ method: 'PATCH', url, body, headers: request.headers });
      const id = url.searchParams.get('id')?.replace(/^eq\./, '');
      rows = rows.map((row) => (!row.read_at && (!id || row.id === id) ? { ...row, read_at: body.read_at } : row));
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return {
    requests,
    add: (row: Notification) => void rows.push(row),
  };
}

/** The bell in the desktop sidebar (the phone header has one too). */
async function findBell(name: string | RegExp) {
  const sidebar = await screen.findByRole('complementary', { name: 'Sidebar' });
  return within(sidebar).findByRole('button', { name });
}

async function openBell(name: string | RegExp) {
  fireEvent.click(await findBell(name));
  return screen.findByRole('dialog', { name: 'Notifications' });
}

describe('notifications', () => {
  it('shows the unread count on the bell and lists the latest notifications, unread ones marked', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'owner' }] });
    const { requests } = mockNotifications([REMINDER, REORDER, OLD]);
    renderApp('/', signedIn());

    const popover = await openBell('Notifications, 2 unread');
    const items = within(popover).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Unread: Call Ada backDue at 14:003 minutes ago',
      'Unread: Reorder: ChaiStock 4 is below the reorder point 10about 2 hours ago',
      'Invoice paid1 day ago',
    ]);

    const list = requests.find((r) => r.method === 'GET')!;
    expect(list.url.searchParams.get('org_id')).toBe(`eq.${NORTHWIND.id}`);
    expect(list.url.searchParams.get('user_id')).toBe(`eq.${USER_ID}`);
    expect(list.url.searchParams.get('order')).toBe('created_at.desc');
    expect(list.url.searchParams.get('limit')).toBe('30');
    const count = requests.find((r) => r.method === 'HEAD')!;
    expect(count.url.searchParams.get('org_id')).toBe(`eq.${NORTHWIND.id}`);
    expect(count.url.searchParams.get('user_id')).toBe(`eq.${USER_ID}`);
    expect(count.url.searchParams.get('read_at')).toBe('is.null');
    expect(count.headers.get('prefer')).toContain('count=exact');
  });

  it('says so when there is nothing', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'owner' }] });
    mockNotifications([]);
    renderApp('/', signedIn());

    const popover = await openBell('Notifications');
    expect(await within(popover).findByText("You're all caught up")).toBeTruthy();
    expect(within(popover).getByRole('button', { name: 'Mark all as read' })).toHaveProperty('disabled', true);
  });

  it('marks a notification read with a PATCH of that one row and opens its link', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'owner' }] });
    const { requests } = mockNotifications([REMINDER, REORDER, OLD]);
    const { router } = renderApp('/', signedIn());

    const popover = await openBell('Notifications, 2 unread');
    fireEvent.click(within(popover).getByRole('button', { name: /Call Ada back/ }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/profile'));
    await waitFor(() => expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.url.searchParams.get('id')).toBe(`eq.${REMINDER.id}`);
    expect(patch.url.searchParams.get('org_id')).toBe(`eq.${NORTHWIND.id}`);
    expect(patch.url.searchParams.get('read_at')).toBe('is.null');
    expect(Object.keys(patch.body as object)).toEqual(['read_at']);
    expect(Number.isNaN(Date.parse((patch.body as { read_at: string }).read_at))).toBe(false);

    expect(await findBell('Notifications, 1 unread')).toBeTruthy();
    expect(screen.queryByRole('dialog', { name: 'Notifications' })).toBeNull();
  });

  it('marks a notification without a link read and stays where it is; never follows a link off the app', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'owner' }] });
    const external = notification('10000000-0000-4000-8000-000000000004', 'Phishing', {
      link: '//evil.example/login',
    });
    const { requests } = mockNotifications([REORDER, external]);
    const { router } = renderApp('/', signedIn());

    const popover = await openBell('Notifications, 2 unread');
    fireEvent.click(within(popover).getByRole('button', { name: /Reorder: Chai/ }));
    fireEvent.click(within(popover).getByRole('button', { name: /Phishing/ }));

    expect(await findBell('Notifications')).toBeTruthy();
    await waitFor(() => expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(2));
    expect(router.state.location.pathname).toBe('/');
  });

  it('marks all read with one PATCH of the unread rows of the user in this organisation', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'owner' }] });
    const { requests } = mockNotifications([REMINDER, REORDER, OLD]);
    renderApp('/', signedIn());

    const popover = await openBell('Notifications, 2 unread');
    fireEvent.click(within(popover).getByRole('button', { name: 'Mark all as read' }));

    // Optimistic: the badge goes at once, and no row is marked unread any more.
    expect(await findBell('Notifications')).toBeTruthy();
    expect(within(popover).queryByText(/Unread:/)).toBeNull();

    await waitFor(() => expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.url.searchParams.get('org_id')).toBe(`eq.${NORTHWIND.id}`);
    expect(patch.url.searchParams.get('user_id')).toBe(`eq.${USER_ID}`);
    expect(patch.url.searchParams.get('read_at')).toBe('is.null');
    expect(patch.url.searchParams.has('id')).toBe(false);
    expect(Object.keys(patch.body as object)).toEqual(['read_at']);
  });

  it('shows a notification that arrives over Realtime at once, with a toast', async () => {
    const { realtime } = mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'owner' }] });
    const { add } = mockNotifications([REORDER]);
    renderApp('/', signedIn());

    await findBell('Notifications, 1 unread');
    await waitFor(() => expect(realtime.joins).toHaveLength(1));
    const [join] = realtime.joins;
    expect(join!.config.postgres_changes).toEqual([
      { event: 'INSERT', schema: 'public', table: 'notifications', filter: `user_id=eq.${USER_ID}` },
      { event: 'UPDATE', schema: 'public', table: 'notifications', filter: `user_id=eq.${USER_ID}` },
    ]);
    // Loaded notifications are not announced.
    expect(screen.queryByText('Reorder: Chai')).toBeNull();

    const fresh = notification('10000000-0000-4000-8000-000000000005', 'Follow up with Globex', {
      body: 'Reminder: due in 15 minutes',
      link: '/profile',
      created_at: new Date().toISOString(),
    });
    add(fresh);
    realtime.push('notifications', 'notifications', 'INSERT', { user_id: USER_ID, data: {}, ...fresh });

    expect(await findBell('Notifications, 2 unread')).toBeTruthy();
    expect(await screen.findByText('Reminder: due in 15 minutes')).toBeTruthy();

    const popover = await openBell('Notifications, 2 unread');
    expect(within(popover).getAllByRole('listitem')[0]!.textContent).toContain('Follow up with Globex');

    // Read elsewhere (another tab): the UPDATE takes the badge down.
    realtime.push('notifications', 'notifications', 'UPDATE', {
      user_id: USER_ID,
      data: {},
      ...fresh,
      read_at: new Date().toISOString(),
    });
    expect(await findBell('Notifications, 1 unread')).toBeTruthy();
  });
});
