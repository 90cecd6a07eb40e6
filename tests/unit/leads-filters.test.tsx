// The leads list reached from the sales dashboards (msw for REST): source (and "none" for leads
// without one), created between org-calendar days (then every status unless one is chosen, as the
// lead figures count), converted, owner and team become REST filters, show as chips, and the count
// above the table is PostgREST's exact count.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgRows, USER_ID } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const TEAM = 'c0000000-0000-4000-8000-000000000001';
const ANNA = 'c1000000-0000-4000-8000-000000000001';

const LEAD = {
  id: 'e0000000-0000-4000-8000-000000000001',
  org_id: NORTHWIND.id,
  company_name: 'Contoso',
  contact_name: 'Kim',
  email: null,
  phone: null,
  source: 'Web',
  campaign_id: null,
  status: 'converted',
  score: 40,
  estimated_value: null,
  owner_id: ANNA,
  tags: [],
  converted_at: '2026-02-10T10:00:00Z',
  created_at: '2026-02-03T10:00:00Z',
  owner: { full_name: 'Anna', email: 'anna@example.com' },
  campaign: null,
};

function mockLeads(total: number) {
  const reads: URLSearchParams[] = [];
  mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'manager' }], defaultOrgId: NORTHWIND.id });
  server.use(
    http.get('*/rest/v1/leads', ({ request }) => {
      reads.push(new URL(request.url).searchParams);
      return pgRows([LEAD], { total });
    }),
    http.get('*/rest/v1/campaigns', () => pgRows([])),
    http.get('*/rest/v1/sales_team_members', () => pgRows([{ user_id: ANNA }])),
    http.get('*/rest/v1/sales_teams', () => HttpResponse.json({ name: 'North' })),
    http.post('*/rest/v1/rpc/org_member_profiles', () =>
      HttpResponse.json([
        { id: USER_ID, full_name: 'Linus Torvalds', email: 'linus@example.com', avatar_path: null, role: 'manager' },
        { id: ANNA, full_name: 'Anna', email: 'anna@example.com', avatar_path: null, role: 'sales' },
      ]),
    ),
  );
  return reads;
}

const open = (path: string) =>
  renderApp(path, createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) }));

describe('leads list filters from the dashboards', () => {
  it('lists every lead of a source created between two org-calendar days, with chips and the count', async () => {
    const reads = mockLeads(17);
    const { router } = open('/leads?source=Web&created_from=2026-02-01&created_to=2026-02-28&owner=' + ANNA);

    expect(await screen.findByText('17 leads')).toBeTruthy();
    const filters = screen.getByRole('list', { name: 'Active filters' });
    expect(filters.textContent).toContain('Source: Web');
    expect(filters.textContent).toContain('Created 1 Feb 2026 – 28 Feb 2026');
    const read = reads.at(-1)!;
    expect(read.get('source')).toBe('eq.Web');
    expect(read.get('owner_id')).toBe(`eq.${ANNA}`);
    // New York days (UTC−5); every status, since the dashboard counts every lead created then.
    expect(read.getAll('created_at')).toEqual(['gte.2026-02-01T05:00:00.000Z', 'lt.2026-03-01T05:00:00.000Z']);
    expect(read.get('status')).toBeNull();
    expect(read.get('archived_at')).toBe('is.null');

    // Without the date range the list goes back to open leads.
    fireEvent.click(screen.getByRole('button', { name: 'Remove filter: Created 1 Feb 2026 – 28 Feb 2026' }));
    await waitFor(() => expect(router.state.location.search).not.toContain('created_'));
    await waitFor(() => expect(reads.at(-1)!.get('status')).toBe('in.(new,contacted,qualified)'));
    expect(reads.at(-1)!.get('created_at')).toBeNull();
  });

  it('lists the converted leads without a source of a team', async () => {
    const reads = mockLeads(1);
    open(`/leads?source=none&status=converted&team=${TEAM}&created_from=2026-02-01&created_to=2026-02-28`);

    expect(await screen.findByText('1 lead')).toBeTruthy();
    const filters = screen.getByRole('list', { name: 'Active filters' });
    expect(filters.textContent).toContain('No source');
    await waitFor(() => expect(filters.textContent).toContain('Team: North'));
    const read = reads.at(-1)!;
    expect(read.get('source')).toBe('is.null');
    expect(read.get('status')).toBe('eq.converted');
    expect(read.get('owner_id')).toBe(`in.(${ANNA})`);
  });
});
