import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgError, pgRows, USER_ID, type RecordedRequest } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const SPRING = 'cccccccc-0000-4000-8000-000000000001';
const FAIR = 'cccccccc-0000-4000-8000-000000000002';
const CREATED = 'cccccccc-0000-4000-8000-0000000000ff';

function campaign(id: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    org_id: NORTHWIND.id,
    name,
    channel: 'email',
    status: 'active',
    budget: 1000,
    currency: 'USD',
    starts_on: '2026-03-01',
    ends_on: '2026-03-31',
    owner_id: USER_ID,
    archived_at: null,
    created_at: '2026-02-20T10:00:00Z',
    updated_at: '2026-02-20T10:00:00Z',
    ...extra,
  };
}

const CAMPAIGNS = [
  campaign(SPRING, 'Spring newsletter'),
  campaign(FAIR, 'Trade fair', { channel: 'event', status: 'planned', budget: 0, starts_on: null, ends_on: null }),
];

const STATS = [
  {
    campaign_id: SPRING,
    leads: 40,
    converted_leads: 6,
    deals: 5,
    won_amount: 2500,
    cost_per_lead: 25,
    return_on_budget: 1.5,
  },
  {
    campaign_id: FAIR,
    leads: 0,
    converted_leads: 0,
    deals: 0,
    won_amount: 0,
    cost_per_lead: null,
    return_on_budget: null,
  },
];

const MEMBERS = [{ campaign_id: SPRING }, { campaign_id: SPRING }, { campaign_id: SPRING }, { campaign_id: FAIR }];

type InsertReply = (body: Record<string, unknown>) => Response;

function mockCampaigns({ onInsert }: { onInsert?: InsertReply } = {}) {
  const requests: RecordedRequest[] = [];
  let rows = [...CAMPAIGNS];
  server.use(
    http.get('*/rest/v1/campaigns', ({ request }) => {
      const url = new URL(request.url);
      requests.push({ method: 'GET', url, body: null, headers: request.headers });
      const id = url.searchParams.get('id')?.replace(/^eq\./, '');
      if (id) return HttpResponse.json(rows.find((r) => r.id === id) ?? null);
      const status = url.searchParams.get('status')?.replace(/^eq\./, '');
      const shown = status ? rows.filter((r) => r.status === status) : rows;
      return pgRows(shown, { total: shown.length });
    }),
    http.get('*/rest/v1/campaign_stats', ({ request }) => {
      const url = new URL(request.url);
      requests.push({ method: 'GET', url, body: null, headers: request.headers });
      return pgRows(STATS.filter((s) => url.searchParams.get('campaign_id')?.includes(s.campaign_id)));
    }),
    http.get('*/rest/v1/campaign_members', ({ request }) => {
      const url = new URL(request.url);
      requests.push({ method: 'GET', url, body: null, headers: request.headers });
      if (url.searchParams.get('select') !== 'campaign_id') return pgRows([]);
      return pgRows(MEMBERS.filter((m) => url.searchParams.get('campaign_id')?.includes(m.campaign_id)));
    }),
    http.get('*/rest/v1/leads', () => pgRows([])),
    http.get('*/rest/v1/deals', () => pgRows([])),
    http.post('*/rest/v1/campaigns', async ({ request }) => {
      const url = new URL(request.url);
      const body = (await request.json()) as Record<string, unknown>;
      requests.push({ method: 'POST', url, body, headers: request.headers });
      if (onInsert) return onInsert(body);
      const row = campaign(CREATED, String(body.name), { ...body, currency: body.currency || 'USD' });
      rows = [...rows, row];
      return HttpResponse.json({ id: CREATED }, { status: 201 });
    }),
  );
  return requests;
}

const signedIn = () => createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) });

function cellsOf(table: HTMLElement, name: string) {
  const row = within(table)
    .getAllByRole('row')
    .find((r) => within(r).queryByRole('link', { name }));
  if (!row) throw new Error(`No row for ${name}`);
  return within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);
}

async function fillNewCampaign(values: Record<string, string>) {
  fireEvent.click(await screen.findByRole('button', { name: 'New campaign' }));
  const dialog = await screen.findByRole('dialog', { name: 'New campaign' });
  for (const [label, value] of Object.entries(values))
    fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Create campaign' }));
  return dialog;
}

describe('campaigns', () => {
  it('lists the organisation’s campaigns with their figures from campaign_stats and counted members', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'sales' }] });
    const requests = mockCampaigns();
    renderApp('/campaigns', signedIn());

    const table = await screen.findByRole('table', { name: 'Campaigns' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    expect(cellsOf(table, 'Spring newsletter')).toEqual([
      'Spring newsletter',
      'E-mail',
      'active',
      '1 Mar 2026 – 31 Mar 2026',
      '$1,000.00',
      '3',
      '40',
      '5',
      '$2,500.00',
      '$25.00',
      '+150%',
    ]);
    expect(cellsOf(table, 'Trade fair')).toEqual([
      'Trade fair',
      'Event',
      'planned',
      '—',
      '$0.00',
      '1',
      '0',
      '0',
      '$0.00',
      '—',
      '—',
    ]);

    const list = requests.find((r) => r.method === 'GET' && r.url.pathname.endsWith('/campaigns'))!;
    expect(list.url.searchParams.get('org_id')).toBe(`eq.${NORTHWIND.id}`);
    expect(list.url.searchParams.get('archived_at')).toBe('is.null');
    expect(list.headers.get('prefer')).toContain('count=exact');
    const stats = requests.find((r) => r.url.pathname.endsWith('/campaign_stats'))!;
    expect(stats.url.searchParams.get('campaign_id')).toBe(`in.(${SPRING},${FAIR})`);
  });

  it('filters by status on the server', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'viewer' }] });
    const requests = mockCampaigns();
    const { router } = renderApp('/campaigns', signedIn());
    await screen.findByRole('link', { name: 'Trade fair' });
    // A viewer reads campaigns but cannot create them.
    expect(screen.queryByRole('button', { name: 'New campaign' })).toBeNull();

    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Filter by status' }), { key: 'Enter' });
    fireEvent.click(await screen.findByRole('option', { name: 'Planned' }));
    await waitFor(() =>
      expect(
        requests
          .filter((r) => r.url.pathname.endsWith('/campaigns'))
          .at(-1)
          ?.url.searchParams.get('status'),
      ).toBe('eq.planned'),
    );
    expect(new URLSearchParams(router.state.location.search).get('status')).toBe('planned');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Spring newsletter' })).toBeNull());
  });

  it('creates a campaign with a POST of the form’s values and opens it', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'sales' }] });
    const requests = mockCampaigns();
    const { router } = renderApp('/campaigns', signedIn());

    await fillNewCampaign({
      Name: '  Autumn webinar ',
      Budget: '1500.50',
      Currency: 'eur',
      'Starts on': '2026-09-01',
      'Ends on': '2026-09-30',
    });

    await waitFor(() => expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1));
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({
      org_id: NORTHWIND.id,
      name: 'Autumn webinar',
      channel: 'email',
      status: 'planned',
      budget: 1500.5,
      currency: 'EUR',
      starts_on: '2026-09-01',
      ends_on: '2026-09-30',
    });
    expect(post.url.searchParams.get('select')).toBe('id');
    expect(await screen.findByText('Campaign “Autumn webinar” created')).toBeTruthy();
    await waitFor(() => expect(router.state.location.pathname).toBe(`/campaigns/${CREATED}`));
    expect(await screen.findByRole('heading', { level: 1, name: 'Autumn webinar' })).toBeTruthy();
  });

  it('checks the form before sending anything', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'sales' }] });
    const requests = mockCampaigns();
    renderApp('/campaigns', signedIn());

    const dialog = await fillNewCampaign({ Name: ' ', 'Starts on': '2026-09-10', 'Ends on': '2026-09-01' });
    expect(await within(dialog).findByText('Enter a name')).toBeTruthy();
    expect(within(dialog).getByText('Ends on or after the start')).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('shows the server’s reason when the insert is refused, and keeps the dialog open', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'sales' }] });
    mockCampaigns({
      onInsert: () =>
        pgError(403, { code: '42501', message: 'new row violates row-level security policy for table "campaigns"' }),
    });
    const { router } = renderApp('/campaigns', signedIn());

    const dialog = await fillNewCampaign({ Name: 'Black Friday' });
    expect(await screen.findByText("Could not save the campaign: You don't have permission to do that.")).toBeTruthy();
    expect(dialog.isConnected).toBe(true);
    expect(router.state.location.pathname).toBe('/campaigns');
  });
});

describe('campaign page', () => {
  it('shows the figures, members, attributed leads (as text) and deals (as links), and removes a member', async () => {
    mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'sales' }] });
    const requests = mockCampaigns();
    const members = [
      {
        id: 'dddddddd-0000-4000-8000-000000000001',
        status: 'responded',
        created_at: '2026-03-02T10:00:00Z',
        contact: { id: 'eeeeeeee-0000-4000-8000-000000000001', full_name: 'Grace Hopper', email: 'grace@example.com' },
        lead: null,
      },
      {
        id: 'dddddddd-0000-4000-8000-000000000002',
        status: 'sent',
        created_at: '2026-03-02T10:00:00Z',
        contact: null,
        lead: { id: 'ffffffff-0000-4000-8000-000000000001', company_name: 'Acme', contact_name: null, email: null },
      },
    ];
    server.use(
      http.get('*/rest/v1/campaign_members', ({ request }) => {
        const url = new URL(request.url);
        requests.push({ method: 'GET', url, body: null, headers: request.headers });
        if (url.searchParams.get('select') === 'campaign_id')
          return pgRows(members.map(() => ({ campaign_id: SPRING })));
        return pgRows(members);
      }),
      http.get('*/rest/v1/leads', () =>
        pgRows([
          {
            id: 'ffffffff-0000-4000-8000-000000000001',
            company_name: 'Acme',
            contact_name: 'Wile E.',
            email: null,
            status: 'qualified',
            score: 30,
            estimated_value: null,
            created_at: '2026-03-03T10:00:00Z',
          },
        ]),
      ),
      http.get('*/rest/v1/deals', () =>
        pgRows([
          {
            id: '99999999-0000-4000-8000-000000000001',
            title: 'Acme rollout',
            amount: 2500,
            currency: 'USD',
            status: 'won',
            created_at: '2026-03-10T10:00:00Z',
          },
        ]),
      ),
      http.delete('*/rest/v1/campaign_members', ({ request }) => {
        requests.push({ method: 'DELETE', url: new URL(request.url), body: null, headers: request.headers });
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderApp(`/campaigns/${SPRING}`, signedIn());

    expect(await screen.findByRole('heading', { level: 1, name: 'Spring newsletter' })).toBeTruthy();
    expect(screen.getByText('Cost per lead').nextElementSibling?.textContent).toBe('$25.00');
    expect(screen.getByText('Return on budget').nextElementSibling?.textContent).toBe('+150%');
    expect(screen.getByRole('link', { name: 'Grace Hopper' }).getAttribute('href')).toBe(
      '/contacts/eeeeeeee-0000-4000-8000-000000000001',
    );
    expect(screen.getByText('Wile E. (Acme)')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Acme rollout' }).getAttribute('href')).toBe(
      '/deals/99999999-0000-4000-8000-000000000001',
    );
    const embed = requests.find(
      (r) => r.url.pathname.endsWith('/campaign_members') && r.url.searchParams.get('select') !== 'campaign_id',
    )!;
    expect(embed.url.searchParams.get('campaign_id')).toBe(`eq.${SPRING}`);

    fireEvent.click(screen.getByRole('button', { name: 'Remove Acme' }));
    await waitFor(() => expect(requests.filter((r) => r.method === 'DELETE')).toHaveLength(1));
    const del = requests.find((r) => r.method === 'DELETE')!;
    expect(del.url.searchParams.get('id')).toBe('eq.dddddddd-0000-4000-8000-000000000002');
    expect(del.url.searchParams.get('org_id')).toBe(`eq.${NORTHWIND.id}`);
  });
});
