// The deal board page with msw for REST and a stand-in Realtime server: cards and column
// totals follow remote inserts, moves and deletes pushed over Realtime, without reading the
// board again.
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { server } from './support/msw.ts';
import { createTestSupabase, renderApp } from './support/render-app.tsx';
import { mockSignedInUser, NORTHWIND, pgRows, USER_ID } from './support/rest.ts';
import { fakeSession } from './support/session.ts';

const PIPELINE = 'b0000000-0000-4000-8000-000000000001';
const LEAD_IN = 'b1000000-0000-4000-8000-000000000001';
const PROPOSAL = 'b1000000-0000-4000-8000-000000000002';
const STAGES = [
  {
    id: LEAD_IN,
    pipeline_id: PIPELINE,
    name: 'Lead in',
    position: 0,
    probability: 10,
    kind: 'open',
    rotting_days: null,
  },
  {
    id: PROPOSAL,
    pipeline_id: PIPELINE,
    name: 'Proposal',
    position: 1,
    probability: 50,
    kind: 'open',
    rotting_days: null,
  },
];

function card(id: string, stageId: string, rank: string, amount: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    stage_id: stageId,
    title: `Deal ${id.slice(-2)}`,
    amount,
    currency: 'USD',
    probability: null,
    expected_close_date: null,
    owner_id: USER_ID,
    account_id: null,
    contact_id: null,
    tags: [],
    rank,
    version: 1,
    status: 'open',
    stage_changed_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-01T10:00:00Z',
    account: null,
    owner: { full_name: 'Linus Torvalds', avatar_path: null },
    ...extra,
  };
}

const A = card('d0000000-0000-4000-8000-000000000001', LEAD_IN, 'a0', 1000);
const B = card('d0000000-0000-4000-8000-000000000002', LEAD_IN, 'a1', 3000);
const C = card('d0000000-0000-4000-8000-000000000003', PROPOSAL, 'a0', 2000);

function mockBoard() {
  const reads: URL[] = [];
  server.use(
    http.post('*/rest/v1/rpc/deal_board', ({ request }) => {
      reads.push(new URL(request.url));
      return HttpResponse.json({ pipeline_id: PIPELINE, stages: STAGES, deals: [A, B, C] });
    }),
    http.get('*/rest/v1/pipelines', () =>
      pgRows([{ id: PIPELINE, name: 'Sales', position: 0, is_default: true, archived_at: null, stages: STAGES }]),
    ),
    http.post('*/rest/v1/rpc/org_member_profiles', () =>
      HttpResponse.json([
        { id: USER_ID, full_name: 'Linus Torvalds', email: 'linus@example.com', avatar_path: null, role: 'sales' },
      ]),
    ),
  );
  return reads;
}

/** A remote row as Realtime sends it: the whole table row. */
const row = (deal: ReturnType<typeof card>, changes: Record<string, unknown> = {}) => {
  const { account: _account, owner: _owner, ...columns } = deal;
  return { ...columns, org_id: NORTHWIND.id, pipeline_id: PIPELINE, archived_at: null, ...changes };
};

const column = (name: string) => screen.getByRole('region', { name: new RegExp(`^${name}: `) });

describe('deal board, live', () => {
  it('applies remote inserts, moves and deletes to the cards and the column totals, with no new read', async () => {
    const { realtime } = mockSignedInUser({
      memberships: [{ organization: NORTHWIND, role: 'sales' }],
      defaultOrgId: NORTHWIND.id,
    });
    const reads = mockBoard();
    renderApp('/deals', createTestSupabase({ session: fakeSession('linus@example.com', USER_ID) }));

    await screen.findByRole('region', { name: 'Lead in: 2 deals' });
    expect(column('Proposal').getAttribute('aria-label')).toBe('Proposal: 1 deal');
    expect(column('Lead in').textContent).toContain('$4,000');
    // Weighted at the stage's 10%.
    expect(column('Lead in').textContent).toContain('≈ $400');
    await waitFor(() => expect(realtime.joined('deal-board')).toBeTruthy());
    expect(realtime.joined('deal-board')!.config.postgres_changes).toEqual([
      { event: '*', schema: 'public', table: 'deals', filter: `org_id=eq.${NORTHWIND.id}` },
    ]);
    const readsBefore = reads.length;

    // Another rep moves B to Proposal.
    realtime.push('deal-board', 'deals', 'UPDATE', row(B, { stage_id: PROPOSAL, rank: 'Zz', version: 2 }));
    await screen.findByRole('region', { name: 'Proposal: 2 deals' });
    expect(column('Lead in').getAttribute('aria-label')).toBe('Lead in: 1 deal');
    expect(column('Proposal').textContent).toContain('$5,000');
    expect(column('Proposal').textContent).toContain('≈ $2,500');

    // An older echo of B (version 1, back in Lead in) arrives late: ignored.
    realtime.push('deal-board', 'deals', 'UPDATE', row(B, { version: 1 }));
    // A new deal appears in Lead in; C is deleted.
    const D = card('d0000000-0000-4000-8000-000000000004', LEAD_IN, 'a5', 700);
    realtime.push('deal-board', 'deals', 'INSERT', row(D));
    await screen.findByRole('region', { name: 'Lead in: 2 deals' });
    expect(column('Lead in').textContent).toContain('$1,700');
    expect(column('Proposal').getAttribute('aria-label')).toBe('Proposal: 2 deals');
    realtime.push('deal-board', 'deals', 'DELETE', {}, { id: C.id });
    await screen.findByRole('region', { name: 'Proposal: 1 deal' });
    expect(column('Proposal').textContent).toContain('$3,000');

    // A change in another pipeline is not this board's business.
    realtime.push(
      'deal-board',
      'deals',
      'INSERT',
      row(card('d0000000-0000-4000-8000-000000000005', LEAD_IN, 'a9', 5), {
        pipeline_id: 'b0000000-0000-4000-8000-000000000099',
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(column('Lead in').getAttribute('aria-label')).toBe('Lead in: 2 deals');

    expect(reads.length).toBe(readsBefore);
  });
});
