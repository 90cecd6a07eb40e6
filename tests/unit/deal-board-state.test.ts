// The deal board's cache updates: remote inserts, updates (moves), archives and deletes
// from Realtime, out-of-order echoes of the user's own quick moves, optimistic moves
// between neighbours, and exact column totals.
import { describe, expect, it } from 'vitest';
import {
  applyRemoteChange,
  columnDeals,
  columnTotals,
  matchesFilters,
  moveDealLocally,
  neighboursAt,
  type BoardData,
  type BoardDeal,
  type BoardStage,
} from '@/features/deals/api/board-state.ts';

const stage = (id: string, position: number, probability: number, kind: BoardStage['kind'] = 'open'): BoardStage => ({
  id,
  name: id,
  position,
  probability,
  kind,
  rotting_days: null,
});

function deal(id: string, stageId: string, rank: string, extra: Partial<BoardDeal> = {}): BoardDeal {
  return {
    id,
    org_id: 'org',
    pipeline_id: 'p1',
    stage_id: stageId,
    title: `Deal ${id}`,
    amount: 100,
    currency: 'USD',
    probability: null,
    expected_close_date: null,
    owner_id: null,
    account_id: null,
    contact_id: null,
    tags: [],
    rank,
    version: 1,
    status: 'open',
    stage_changed_at: '2026-11-01T00:00:00Z',
    archived_at: null,
    updated_at: '2026-11-01T00:00:00Z',
    account: { name: `Account ${id}` },
    owner: null,
    ...extra,
  };
}

const board: BoardData = {
  pipelineId: 'p1',
  stages: [stage('s1', 0, 10), stage('s2', 1, 50), stage('won', 2, 100, 'won')],
  deals: [deal('a', 's1', 'a0'), deal('b', 's1', 'a1'), deal('c', 's1', 'a2'), deal('d', 's2', 'a0')],
};
const ids = (b: BoardData, s: string) => columnDeals(b.deals, s).map((d) => d.id);
const row = (d: BoardDeal) => {
  const { account: _a, owner: _o, ...rest } = d;
  return rest;
};

describe('applyRemoteChange', () => {
  it('adds a remotely inserted card in rank order, and ignores other pipelines', () => {
    const next = applyRemoteChange(board, { eventType: 'INSERT', new: row(deal('e', 's1', 'a0V')) });
    expect(ids(next, 's1')).toEqual(['a', 'e', 'b', 'c']);
    expect(
      applyRemoteChange(board, { eventType: 'INSERT', new: row(deal('x', 's1', 'a5', { pipeline_id: 'p2' })) }),
    ).toBe(board);
  });

  it('moves a card another user moved, keeping the embedded account for display', () => {
    const next = applyRemoteChange(board, { eventType: 'UPDATE', new: row(deal('a', 's2', 'Zz', { version: 2 })) });
    expect(ids(next, 's1')).toEqual(['b', 'c']);
    expect(ids(next, 's2')).toEqual(['a', 'd']);
    expect(next.deals.find((d) => d.id === 'a')!.account).toEqual({ name: 'Account a' });
  });

  it('removes archived cards, deleted cards and cards moved to another pipeline', () => {
    expect(
      ids(
        applyRemoteChange(board, {
          eventType: 'UPDATE',
          new: row(deal('b', 's1', 'a1', { version: 2, archived_at: '2026-11-02T00:00:00Z' })),
        }),
        's1',
      ),
    ).toEqual(['a', 'c']);
    expect(ids(applyRemoteChange(board, { eventType: 'DELETE', old: { id: 'c' } }), 's1')).toEqual(['a', 'b']);
    expect(
      ids(
        applyRemoteChange(board, {
          eventType: 'UPDATE',
          new: row(deal('a', 's1', 'a0', { version: 2, pipeline_id: 'p2' })),
        }),
        's1',
      ),
    ).toEqual(['b', 'c']);
  });

  it('ignores out-of-order echoes of the user’s own quick moves', () => {
    // The user dragged `a` to s2 (server version 2), then back to s1 below c (version 3).
    let state = moveDealLocally(board, 'a', 's2', null, 'd');
    state = moveDealLocally(state, 'a', 's1', 'c', null);
    // The answer of the second move arrives first, then the echo of the first move.
    state = applyRemoteChange(state, { eventType: 'UPDATE', new: row(deal('a', 's1', 'a3', { version: 3 })) });
    state = applyRemoteChange(state, { eventType: 'UPDATE', new: row(deal('a', 's2', 'Zz', { version: 2 })) });
    expect(ids(state, 's1')).toEqual(['b', 'c', 'a']);
    expect(ids(state, 's2')).toEqual(['d']);
    // The echo of the second move (same version) changes nothing either.
    expect(applyRemoteChange(state, { eventType: 'UPDATE', new: row(deal('a', 's1', 'a3', { version: 3 })) })).toBe(
      state,
    );
  });
});

describe('moveDealLocally', () => {
  it('places the card between its new neighbours without touching the others', () => {
    const next = moveDealLocally(board, 'd', 's1', 'a', 'b');
    expect(ids(next, 's1')).toEqual(['a', 'd', 'b', 'c']);
    expect(next.deals.filter((d) => d.id !== 'd')).toEqual(board.deals.filter((d) => d.id !== 'd'));
    const d = next.deals.find((x) => x.id === 'd')!;
    expect(d.rank > 'a0' && d.rank < 'a1').toBe(true);
  });

  it('puts the card at the top or the end of a column, and marks it won in a won column', () => {
    expect(ids(moveDealLocally(board, 'd', 's1', null, 'a'), 's1')).toEqual(['d', 'a', 'b', 'c']);
    expect(ids(moveDealLocally(board, 'a', 's1', 'c', null), 's1')).toEqual(['b', 'c', 'a']);
    const won = moveDealLocally(board, 'd', 'won', null, null);
    expect(won.deals.find((x) => x.id === 'd')!.status).toBe('won');
  });

  it('finds the neighbours of a drop position among the shown cards', () => {
    const column = columnDeals(board.deals, 's1');
    expect(neighboursAt(column, 'a', 2)).toEqual({ afterId: 'c', beforeId: null });
    expect(neighboursAt(column, 'd', 1)).toEqual({ afterId: 'a', beforeId: 'b' });
    expect(neighboursAt(column, 'c', 0)).toEqual({ afterId: null, beforeId: 'a' });
  });
});

describe('columnTotals', () => {
  it('sums exactly per currency and weights by deal or stage probability', () => {
    const deals = [
      deal('a', 's2', 'a0', { amount: 0.1 }),
      deal('b', 's2', 'a1', { amount: 0.2 }),
      deal('c', 's2', 'a2', { amount: 1000.05, probability: 90 }),
      deal('d', 's2', 'a3', { amount: 250, currency: 'EUR' }),
    ];
    const totals = columnTotals(deals, stage('s2', 1, 50));
    expect(totals.count).toBe(4);
    expect(totals.sums.map((s) => [s.currency, s.total.toString(), s.weighted.toString()])).toEqual([
      ['EUR', '250', '125'],
      // 0.1 + 0.2 is exactly 0.3 (not 0.30000000000000004); 0.15 + 900.045 weighted.
      ['USD', '1000.35', '900.195'],
    ]);
  });

  it('filters by owner, close date, amount, tag and text', () => {
    const d = deal('a', 's1', 'a0', {
      owner_id: 'u1',
      expected_close_date: '2026-12-15',
      amount: 500,
      tags: ['priority'],
    });
    expect(
      matchesFilters(d, {
        ownerId: 'u1',
        closeFrom: '2026-12-01',
        closeTo: '2026-12-31',
        minAmount: 100,
        maxAmount: 500,
        tag: 'priority',
        text: 'account A',
      }),
    ).toBe(true);
    expect(matchesFilters(d, { ownerId: 'u2' })).toBe(false);
    expect(matchesFilters(d, { closeTo: '2026-12-14' })).toBe(false);
    expect(matchesFilters(d, { minAmount: 501 })).toBe(false);
    expect(matchesFilters(d, { tag: 'other' })).toBe(false);
    expect(matchesFilters(d, { text: 'nothing' })).toBe(false);
  });
});
