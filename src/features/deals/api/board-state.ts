// The deal board's cache, as pure functions: what a remote change (a realtime event)
// or an own move does to the cards. Cards are ordered within a stage by `rank`, a
// fractional key compared byte-wise, so a move touches one card and never renumbers
// a column. Every server write bumps `version`, so an echo older than what the cache
// holds (e.g. the echo of an earlier move of a card dragged twice quickly) is ignored.
import Big from 'big.js';
import { generateKeyBetween } from 'fractional-indexing';
import { sumAmounts } from '@/lib/money.ts';

export interface BoardDeal {
  id: string;
  org_id: string;
  pipeline_id: string;
  stage_id: string;
  title: string;
  amount: number;
  currency: string;
  probability: number | null;
  expected_close_date: string | null;
  owner_id: string | null;
  account_id: string | null;
  contact_id: string | null;
  tags: string[];
  rank: string;
  version: number;
  status: 'open' | 'won' | 'lost';
  stage_changed_at: string;
  archived_at: string | null;
  updated_at: string;
  /** Embedded for display; realtime rows lack them, so they are carried over from the cache. */
  account?: { name: string } | null;
  owner?: { full_name: string | null; avatar_path: string | null } | null;
}

export interface BoardStage {
  id: string;
  name: string;
  position: number;
  probability: number;
  kind: 'open' | 'won' | 'lost';
  rotting_days: number | null;
}

export interface BoardData {
  pipelineId: string;
  stages: BoardStage[];
  deals: BoardDeal[];
}

/** Byte-wise comparison, the order Postgres uses for the rank column (collate "C"). */
export function compareRanks(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The cards of one stage in board order. */
export function columnDeals(deals: readonly BoardDeal[], stageId: string): BoardDeal[] {
  return deals
    .filter((d) => d.stage_id === stageId)
    .sort((a, b) => compareRanks(a.rank, b.rank) || compareRanks(a.id, b.id));
}

export type RemoteChange =
  | { eventType: 'INSERT' | 'UPDATE'; new: Omit<BoardDeal, 'account' | 'owner'> }
  | { eventType: 'DELETE'; old: { id: string } };

/**
 * Applies a realtime change to the board. Rows of other pipelines and archived rows
 * leave the board; stale versions are ignored; display embeds survive updates.
 */
export function applyRemoteChange(board: BoardData, change: RemoteChange): BoardData {
  if (change.eventType === 'DELETE') {
    const deals = board.deals.filter((d) => d.id !== change.old.id);
    return deals.length === board.deals.length ? board : { ...board, deals };
  }
  const row = change.new;
  const existing = board.deals.find((d) => d.id === row.id);
  if (existing && existing.version > row.version) return board;
  if (
    existing &&
    existing.version === row.version &&
    existing.rank === row.rank &&
    existing.stage_id === row.stage_id
  ) {
    // The same version again (e.g. our own RPC answer, then its echo): keep what we have unless fields differ.
    if (existing.updated_at === row.updated_at) return board;
  }
  const onBoard = row.pipeline_id === board.pipelineId && !row.archived_at;
  const others = board.deals.filter((d) => d.id !== row.id);
  if (!onBoard) return existing ? { ...board, deals: others } : board;
  const merged: BoardDeal = { ...row, account: existing?.account ?? null, owner: existing?.owner ?? null };
  return { ...board, deals: [...others, merged] };
}

/**
 * Puts a card into a stage between two neighbours as the mover sees them (null = column
 * edge), with a provisional rank between theirs. The server places it the same way
 * (move_deal) and its answer replaces the provisional rank.
 */
export function moveDealLocally(
  board: BoardData,
  dealId: string,
  stageId: string,
  afterId: string | null,
  beforeId: string | null,
): BoardData {
  const deal = board.deals.find((d) => d.id === dealId);
  if (!deal) return board;
  const column = columnDeals(board.deals, stageId).filter((d) => d.id !== dealId);
  const after = afterId ? column.find((d) => d.id === afterId) : undefined;
  let before = beforeId ? column.find((d) => d.id === beforeId) : undefined;
  // Without a card below, the card lands right after `after` (or at the end of the column).
  if (!before)
    before = after ? column[column.indexOf(after) + 1] : afterId === null && beforeId === null ? undefined : column[0];
  const lo = after?.rank ?? null;
  const hi = before && (!lo || compareRanks(before.rank, lo) > 0) ? before.rank : null;
  let rank: string;
  try {
    rank = generateKeyBetween(lo, hi);
  } catch {
    // Keys the library cannot place between: keep the card where it was until the server answers.
    rank = deal.rank;
  }
  const stage = board.stages.find((s) => s.id === stageId);
  const moved: BoardDeal = { ...deal, stage_id: stageId, rank, status: stage ? stage.kind : deal.status };
  return { ...board, deals: board.deals.map((d) => (d.id === dealId ? moved : d)) };
}

/** The neighbours a card gets when dropped at `index` of the cards shown in a column (itself excluded). */
export function neighboursAt(
  shown: readonly BoardDeal[],
  dealId: string,
  index: number,
): { afterId: string | null; beforeId: string | null } {
  const others = shown.filter((d) => d.id !== dealId);
  const at = Math.max(0, Math.min(index, others.length));
  return { afterId: others[at - 1]?.id ?? null, beforeId: others[at]?.id ?? null };
}

export interface ColumnTotals {
  count: number;
  /** Sum of amounts per currency (a column can mix currencies). */
  sums: { currency: string; total: Big; weighted: Big }[];
}

/** Count, sum and weighted sum (amount × (deal probability ?? stage probability) / 100) of a column. */
export function columnTotals(deals: readonly BoardDeal[], stage: BoardStage): ColumnTotals {
  const byCurrency = new Map<string, BoardDeal[]>();
  for (const d of deals) {
    const list = byCurrency.get(d.currency) ?? [];
    list.push(d);
    byCurrency.set(d.currency, list);
  }
  return {
    count: deals.length,
    sums: [...byCurrency.entries()]
      .sort(([a], [b]) => compareRanks(a, b))
      .map(([currency, list]) => {
        // Cards without their own probability take the stage's: their amounts are summed first and
        // weighted once, and the division by 100 happens once per column (exact either way; a column
        // of 2,000 cards re-totals on every move).
        const atStage = sumAmounts(list.filter((d) => d.probability == null).map((d) => d.amount));
        const own = list
          .filter((d) => d.probability != null)
          .reduce((acc, d) => acc.plus(new Big(d.amount).times(d.probability!)), new Big(0));
        return {
          currency,
          total: sumAmounts(list.map((d) => d.amount)),
          weighted: atStage.times(stage.probability).plus(own).div(100),
        };
      }),
  };
}

export interface BoardFilters {
  ownerId?: string;
  closeFrom?: string;
  closeTo?: string;
  minAmount?: number;
  maxAmount?: number;
  tag?: string;
  text?: string;
}

export function matchesFilters(deal: BoardDeal, f: BoardFilters): boolean {
  if (f.ownerId && deal.owner_id !== f.ownerId) return false;
  if (f.closeFrom && (!deal.expected_close_date || deal.expected_close_date < f.closeFrom)) return false;
  if (f.closeTo && (!deal.expected_close_date || deal.expected_close_date > f.closeTo)) return false;
  if (f.minAmount !== undefined && deal.amount < f.minAmount) return false;
  if (f.maxAmount !== undefined && deal.amount > f.maxAmount) return false;
  if (f.tag && !deal.tags.includes(f.tag)) return false;
  if (f.text) {
    const t = f.text.toLowerCase();
    if (!deal.title.toLowerCase().includes(t) && !(deal.account?.name ?? '').toLowerCase().includes(t)) return false;
  }
  return true;
}

/** Days a deal has sat in its stage past the stage's rotting threshold, or 0. */
export function rottingDays(deal: BoardDeal, stage: BoardStage | undefined, now = Date.now()): number {
  if (!stage?.rotting_days || deal.status !== 'open') return 0;
  const days = Math.floor((now - new Date(deal.stage_changed_at).getTime()) / 86_400_000);
  return days > stage.rotting_days ? days - stage.rotting_days : 0;
}
