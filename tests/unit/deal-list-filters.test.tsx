// The deal list reached from a dashboard (msw for REST): each URL parameter the dashboards link with
// becomes the REST filter and the deal_list_totals argument it stands for (org-calendar days turned
// into instants in the org's time zone, a team into its members, "reached" into the stages that
// count), shows as a removable chip, and the line above the table reads the totals the server sent.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgRows, USER_ID } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const PIPELINE = 'b0000000-0000-4000-8000-000000000001';
const stage = (n: number, name: string, kind: 'open' | 'won' | 'lost') => ({
  id: `b1000000-0000-4000-8000-00000000000${n}`,
  pipeline_id: PIPELINE,
  name,
  position: n,
  probability: 10 * n,
  kind,
  rotting_days: null,
});
const LEAD_IN = stage(0, 'Lead in', 'open');
const PROPOSAL = stage(1, 'Proposal', 'open');
const NEGOTIATION = stage(2, 'Negotiation', 'open');
const WON = stage(3, 'Won', 'won');
const LOST = stage(4, 'Lost', 'lost');
const TEAM = 'c0000000-0000-4000-8000-000000000001';
const ANNA = 'c1000000-0000-4000-8000-000000000001';
const BORIS = 'c1000000-0000-4000-8000-000000000002';

const DEAL = {
  id: 'd0000000-0000-4000-8000-000000000001',
  title: 'Kegs for Contoso',
  amount: 1000,
  currency: 'USD',
  status: 'won',
  expected_close_date: null,
  tags: [],
  created_at: '2026-01-20T10:00:00Z',
  closed_at: '2026-02-10T10:00:00Z',
  account: null,
  owner: { full_name: 'Anna' },
  stage: { name: 'Won', probability: 100 },
  pipeline: { name: 'Sales' },
};

interface Totals {
  count: number;
  currency: string;
  total: number | null;
  missing_rates: string[];
  by_currency: { currency: string; count: number; amount: number }[];
}

function mockDeals(totals: Totals) {
  const reads: URLSearchParams[] = [];
  const totalsCalls: Record<string, unknown>[] = [];
  mockSignedInUser({ memberships: [{ organization: NORTHWIND, role: 'manager' }], defaultOrgId: NORTHWIND.id });
  server.use(
    http.get('*/rest/v1/deals', ({ request }) => {
      reads.push(new URL(request.url).searchParams);
      return pgRows([DEAL], { total: totals.count });
    }),
    http.post('*/rest/v1/rpc/deal_list_totals', async ({ request }) => {
      totalsCalls.push((await request.json()) as Record<string, unknown>);
      return HttpResponse.json(totals);
    }),
    http.get('*/rest/v1/pipelines', () =>
      pgRows([
        {
          id: PIPELINE,
          name: 'Sales',
          position: 0,
          is_default: true,
          archived_at: null,
          stages: [LOST, WON, NEGOTIATION, PROPOSAL, LEAD_IN],
        },
      ]),
    ),
    http.get('*/rest/v1/sales_team_members', ({ request }) => {
      const url = new URL(request.url);
      expect(url.searchParams.get('team_id')).toBe(`eq.${TEAM}`);
      return pgRows([{ user_id: ANNA }, { user_id: BORIS }]);
    }),
    http.get('*/rest/v1/sales_teams', () => HttpResponse.json({ name: 'North' })),
    http.post('*/rest/v1/rpc/org_member_profiles', () =>
      HttpResponse.json([
        { id: USER_ID, full_name: 'Linus Torvalds', email: 'linus@example.com', avatar_path: null, role: 'manager' },
      ]),
    ),
  );
  return { reads, totalsCalls };
}

const open = (path: string) =>
  renderApp(path, createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) }));

describe('deal list filters from the dashboards', () => {
  it('lists won deals of a team closed between two org-calendar days, with chips and the totals', async () => {
    const { reads, totalsCalls } = mockDeals({
      count: 2,
      currency: 'USD',
      total: 1540.5,
      missing_rates: [],
      by_currency: [
        { currency: 'USD', count: 1, amount: 1000 },
        { currency: 'EUR', count: 1, amount: 500 },
      ],
    });
    const { router } = open(
      `/deals/list?status=won&closed_from=2026-02-01&closed_to=2026-02-28&team=${TEAM}&pipeline=${PIPELINE}`,
    );

    // 2 deals; the base total and each currency's amount, as deal_list_totals sent them.
    expect(await screen.findByText('2 deals')).toBeTruthy();
    await screen.findByText('· total $1,540.50 ($1,000.00 + €500.00)', { exact: false });
    const filters = screen.getByRole('list', { name: 'Active filters' });
    expect(filters.textContent).toContain('Pipeline: Sales');
    await waitFor(() => expect(filters.textContent).toContain('Team: North'));
    expect(filters.textContent).toContain('Closed 1 Feb 2026 – 28 Feb 2026');

    const read = reads.at(-1)!;
    expect(read.get('status')).toBe('eq.won');
    expect(read.get('pipeline_id')).toBe(`eq.${PIPELINE}`);
    // New York is UTC−5 in February: the days run from 05:00 UTC on the 1st to 05:00 UTC on 1 March.
    expect(read.getAll('closed_at')).toEqual(['gte.2026-02-01T05:00:00.000Z', 'lt.2026-03-01T05:00:00.000Z']);
    expect(read.get('owner_id')).toBe(`in.(${ANNA},${BORIS})`);
    expect(read.get('archived_at')).toBe('is.null');
    expect(totalsCalls.at(-1)).toEqual({
      p_org_id: NORTHWIND.id,
      p_status: 'won',
      p_pipeline_id: PIPELINE,
      p_team_id: TEAM,
      p_closed_from: '2026-02-01',
      p_closed_to: '2026-02-28',
    });

    // Removing the team chip widens the list to everyone's deals.
    fireEvent.click(screen.getByRole('button', { name: 'Remove filter: Team: North' }));
    await waitFor(() => expect(router.state.location.search).not.toContain('team='));
    await waitFor(() => expect(reads.at(-1)!.get('owner_id')).toBeNull());
    expect(totalsCalls.at(-1)).not.toHaveProperty('p_team_id');
  });

  it('lists my deals created in a range that reached a stage: entered it, a later open stage or won', async () => {
    const { reads, totalsCalls } = mockDeals({
      count: 3,
      currency: 'USD',
      total: null,
      missing_rates: ['GBP'],
      by_currency: [
        { currency: 'USD', count: 2, amount: 2500 },
        { currency: 'GBP', count: 1, amount: 100 },
      ],
    });
    open(`/deals/list?created_from=2026-03-01&created_to=2026-03-31&reached=${PROPOSAL.id}&owner=me`);

    expect(await screen.findByText('3 deals')).toBeTruthy();
    await screen.findByText('$2,500.00 + £100.00 — no total in USD: no exchange rate for GBP', { exact: false });
    expect(screen.getByRole('list', { name: 'Active filters' }).textContent).toContain('Reached Proposal or later');

    const read = reads.at(-1)!;
    expect(read.get('select')).toContain('reached:deal_stage_history!inner()');
    // Proposal, Negotiation and Won; never Lead in (earlier) or Lost.
    expect(read.get('reached.to_stage_id')).toBe(`in.(${PROPOSAL.id},${NEGOTIATION.id},${WON.id})`);
    expect(read.get('owner_id')).toBe(`eq.${USER_ID}`);
    // 1 March is still UTC−5 in New York; 1 April is UTC−4 (daylight saving from 8 March).
    expect(read.getAll('created_at')).toEqual(['gte.2026-03-01T05:00:00.000Z', 'lt.2026-04-01T04:00:00.000Z']);
    expect(totalsCalls.at(-1)).toEqual({
      p_org_id: NORTHWIND.id,
      p_owner_id: USER_ID,
      p_created_from: '2026-03-01',
      p_created_to: '2026-03-31',
      p_reached_stage_id: PROPOSAL.id,
    });
  });

  it('lists the open deals of one stage, and flags a date that is not one', async () => {
    const { reads, totalsCalls } = mockDeals({
      count: 1,
      currency: 'USD',
      total: 1000,
      missing_rates: [],
      by_currency: [{ currency: 'USD', count: 1, amount: 1000 }],
    });
    open(`/deals/list?status=open&stage=${NEGOTIATION.id}&closed_from=2026-02-30`);

    expect(await screen.findByText('1 deal')).toBeTruthy();
    await screen.findByText('· total $1,000.00', { exact: false });
    const filters = screen.getByRole('list', { name: 'Active filters' });
    expect(filters.textContent).toContain('Stage: Negotiation');
    expect(filters.textContent).toContain('Closed: “2026-02-30” is not a date (ignored)');
    const read = reads.at(-1)!;
    expect(read.get('stage_id')).toBe(`eq.${NEGOTIATION.id}`);
    expect(read.get('status')).toBe('eq.open');
    expect(read.get('closed_at')).toBeNull();
    expect(totalsCalls.at(-1)).toEqual({ p_org_id: NORTHWIND.id, p_status: 'open', p_stage_id: NEGOTIATION.id });
  });
});
