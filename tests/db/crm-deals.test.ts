// Deal rules enforced by Postgres: fractional ranks (key generation, assignment when
// missing, concurrent moves), stage stamps and history, won/lost closing, quote-line
// roll-up and tenant-safe references. Statements run as real users the way PostgREST runs them.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let owner: Actor;
let rep: Actor;
let viewer: Actor;
let keeper: Actor;
let orgId: string;
let otherOrgId: string;
let stages: Record<string, string>;
let otherStage: string;

interface DealRow {
  id: string;
  stage_id: string;
  rank: string;
  status: string;
  version: number;
  closed_at: string | null;
  stage_changed_at: string;
  currency: string;
  amount: string;
}

async function createOrg(actor: Actor, slug: string, currency = 'EUR'): Promise<string> {
  const [org] = await db.as<{ id: string }>(actor, `select id from public.create_organization($1, $2, $3)`, [
    slug,
    slug,
    currency,
  ]);
  return org!.id;
}

async function stageIds(org: string): Promise<Record<string, string>> {
  const rows = await db.query<{ id: string; name: string }>(
    `select id, name from public.pipeline_stages where org_id = $1`,
    [org],
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.id]));
}

async function newDeal(
  actor: Actor,
  stage: string,
  title: string,
  extra: Record<string, unknown> = {},
): Promise<DealRow> {
  const cols = ['org_id', 'pipeline_id', 'stage_id', 'title', ...Object.keys(extra)];
  const [row] = await db.as<DealRow>(
    actor,
    `insert into public.deals (${cols.join(', ')})
     select $1, pipeline_id, id, $2${Object.keys(extra)
       .map((_, i) => `, $${i + 4}`)
       .join('')}
     from public.pipeline_stages where id = $3 returning *`,
    [orgId, title, stage, ...Object.values(extra)],
  );
  return row!;
}

const C = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  owner = await db.createUser('owner@deals.test');
  rep = await db.createUser('rep@deals.test');
  viewer = await db.createUser('viewer@deals.test');
  keeper = await db.createUser('keeper@deals.test');
  orgId = await createOrg(owner, 'deals-co');
  otherOrgId = await createOrg(owner, 'other-co', 'USD');
  await db.query(
    `insert into public.memberships (org_id, user_id, role) values ($1, $2, 'sales'), ($1, $3, 'viewer'), ($1, $4, 'warehouse')`,
    [orgId, rep.id, viewer.id, keeper.id],
  );
  stages = await stageIds(orgId);
  otherStage = (await stageIds(otherOrgId))['Lead in']!;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('rank keys', () => {
  it('generates the documented keys at the edges of the key space', async () => {
    const [row] = await db.query(
      `select private.rank_between(null, null) as empty, private.rank_between('a0', null) as after,
              private.rank_between(null, 'a0') as before, private.rank_between('a0', 'a1') as between,
              private.rank_between('az', null) as carry, private.rank_between('Zz', 'a0') as negative`,
    );
    expect(row).toEqual({ empty: 'a0', after: 'a1', before: 'Zz', between: 'a0V', carry: 'b00', negative: 'ZzV' });
    await expect(db.query(`select private.rank_between('a1', 'a0')`)).rejects.toMatchObject({ code: '22023' });
    await expect(db.query(`select private.rank_between('a10', null)`)).rejects.toMatchObject({ code: '22023' });
  });

  it('always finds a key strictly between two neighbours, whatever the insertion order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 120 }), async (positions) => {
        const keys: string[] = [];
        for (const p of positions) {
          const at = p % (keys.length + 1);
          const [row] = await db.query<{ k: string; ok: boolean }>(
            `select private.rank_between($1, $2) as k, private.rank_is_valid(private.rank_between($1, $2)) as ok`,
            [keys[at - 1] ?? null, keys[at] ?? null],
          );
          expect(row!.ok).toBe(true);
          if (at > 0) expect(C(keys[at - 1]!, row!.k)).toBe(-1);
          if (at < keys.length) expect(C(row!.k, keys[at]!)).toBe(-1);
          keys.splice(at, 0, row!.k);
        }
        expect([...keys].sort(C)).toEqual(keys);
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('keeps appended keys short (2,000 cards appended to one column)', async () => {
    const [row] = await db.query<{ len: number }>(
      `with recursive k(n, key) as (select 1, private.rank_between(null, null)
         union all select n + 1, private.rank_between(key, null) from k where n < 2000)
       select max(length(key))::int as len from k`,
    );
    expect(row!.len).toBeLessThanOrEqual(3);
  });
});

describe('deals', () => {
  it('assigns a rank at the end of the column, the org currency and a first history row', async () => {
    const a = await newDeal(rep, stages['Qualified']!, 'First');
    const b = await newDeal(rep, stages['Qualified']!, 'Second');
    expect(a.currency).toBe('EUR');
    expect(C(a.rank, b.rank)).toBe(-1);
    const history = await db.as(
      rep,
      `select from_stage_id, to_stage_id, changed_by from public.deal_stage_history where deal_id = $1`,
      [a.id],
    );
    expect(history).toEqual([{ from_stage_id: null, to_stage_id: stages['Qualified'], changed_by: rep.id }]);
  });

  it('stamps stage changes, keeps the history, closes won deals and demands a reason for lost ones', async () => {
    const deal = await newDeal(rep, stages['Lead in']!, 'Stamp me');
    await db.query(`update public.deals set stage_changed_at = now() - interval '3 days' where id = $1`, [deal.id]);
    const [moved] = await db.as<DealRow>(rep, `select * from public.move_deal($1, $2)`, [deal.id, stages['Proposal']]);
    expect(moved!.status).toBe('open');
    expect(moved!.version).toBeGreaterThan(deal.version);
    expect(new Date(moved!.stage_changed_at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const [hop] = await db.as<{ from_stage_id: string; seconds: string }>(
      rep,
      `select from_stage_id, seconds_in_from_stage::text as seconds from public.deal_stage_history
       where deal_id = $1 and to_stage_id = $2`,
      [deal.id, stages['Proposal']],
    );
    expect(hop!.from_stage_id).toBe(stages['Lead in']);
    expect(Number(hop!.seconds)).toBeGreaterThanOrEqual(3 * 86400);

    await expect(db.as(rep, `select * from public.move_deal($1, $2)`, [deal.id, stages['Lost']])).rejects.toMatchObject(
      {
        code: '23514',
        message: 'A lost deal needs a reason',
      },
    );
    const [lost] = await db.as<DealRow & { lost_reason: string }>(
      rep,
      `select * from public.move_deal($1, $2, null, null, 'Price')`,
      [deal.id, stages['Lost']],
    );
    expect(lost).toMatchObject({ status: 'lost', lost_reason: 'Price' });
    expect(lost!.closed_at).not.toBeNull();

    const [reopened] = await db.as<DealRow & { lost_reason: string | null }>(
      rep,
      `select * from public.move_deal($1, $2)`,
      [deal.id, stages['Negotiation']],
    );
    expect(reopened).toMatchObject({ status: 'open', closed_at: null, lost_reason: null });
    const [won] = await db.as<DealRow>(rep, `select * from public.move_deal($1, $2)`, [deal.id, stages['Won']]);
    expect(won!.status).toBe('won');
    expect(won!.closed_at).not.toBeNull();
    const path = await db.as<{ to: string }>(
      rep,
      `select s.name as to from public.deal_stage_history h join public.pipeline_stages s on s.id = h.to_stage_id
       where h.deal_id = $1 order by h.id`,
      [deal.id],
    );
    expect(path.map((p) => p.to)).toEqual(['Lead in', 'Proposal', 'Lost', 'Negotiation', 'Won']);
  });

  it('places a moved card between the given neighbours, or next to what is really there', async () => {
    const col = stages['Negotiation']!;
    const [x, y, z] = [await newDeal(rep, col, 'X'), await newDeal(rep, col, 'Y'), await newDeal(rep, col, 'Z')];
    const m = await newDeal(rep, stages['Lead in']!, 'Mover');
    const order = async () =>
      (
        await db.as<{ title: string }>(
          rep,
          `select title from public.deals where stage_id = $1 and title in ('X','Y','Z','Mover') order by rank`,
          [col],
        )
      ).map((r) => r.title);
    await db.as(rep, `select public.move_deal($1, $2, $3, $4)`, [m.id, col, x!.id, y!.id]);
    expect(await order()).toEqual(['X', 'Mover', 'Y', 'Z']);
    await db.as(rep, `select public.move_deal($1, $2, null, $3)`, [m.id, col, x!.id]);
    expect(await order()).toEqual(['Mover', 'X', 'Y', 'Z']);
    // The card above moved away meanwhile: land after the card below's predecessor instead.
    await db.as(rep, `select public.move_deal($1, $2, $3, $4)`, [m.id, col, stages['Won'], z!.id]);
    expect(await order()).toEqual(['X', 'Y', 'Mover', 'Z']);
  });

  it('lands 50 concurrent moves into one column without duplicate ranks or lost cards', async () => {
    const col = stages['Proposal']!;
    const anchors: DealRow[] = [];
    for (let i = 0; i < 5; i++) anchors.push(await newDeal(rep, col, `Anchor ${i}`));
    const movers: DealRow[] = [];
    for (let i = 0; i < 50; i++) movers.push(await newDeal(rep, stages['Lead in']!, `Mover ${i}`));
    // Many movers aim at the same gap, and some anchor on other movers that are moving too.
    await Promise.all(
      movers.map((m, i) => {
        const after = i % 3 === 0 ? anchors[1]!.id : i % 3 === 1 ? movers[(i + 7) % 50]!.id : null;
        const before = i % 3 === 2 ? anchors[2]!.id : null;
        return db.as(i % 2 ? rep : owner, `select public.move_deal($1, $2, $3, $4)`, [m.id, col, after, before]);
      }),
    );
    const rows = await db.query<{ id: string; rank: string }>(`select id, rank from public.deals where stage_id = $1`, [
      col,
    ]);
    const ids = new Set(rows.map((r) => r.id));
    for (const d of [...anchors, ...movers]) expect(ids.has(d.id)).toBe(true);
    expect(new Set(rows.map((r) => r.rank)).size).toBe(rows.length);
    const [{ invalid }] = (await db.query<{ invalid: number }>(
      `select count(*)::int as invalid from public.deals where stage_id = $1 and not private.rank_is_valid(rank)`,
      [col],
    )) as [{ invalid: number }];
    expect(invalid).toBe(0);
    // The anchors keep their relative order.
    const sorted = rows.sort((a, b) => C(a.rank, b.rank)).map((r) => r.id);
    const anchorOrder = anchors.map((a) => sorted.indexOf(a.id));
    expect([...anchorOrder].sort((a, b) => a - b)).toEqual(anchorOrder);
  }, 60_000);

  it('rolls quote lines up into the amount', async () => {
    const deal = await newDeal(rep, stages['Proposal']!, 'Lines', { amount: 5 });
    await db.as(
      rep,
      `insert into public.deal_lines (org_id, deal_id, description, quantity, unit_price, discount_pct)
       values ($1, $2, 'Licences', 3, 199.99, 10), ($1, $2, 'Setup', 1, 250, 0)`,
      [orgId, deal.id],
    );
    expect(await db.as(rep, `select amount from public.deals where id = $1`, [deal.id])).toEqual([
      { amount: '789.97' },
    ]);
    await db.as(rep, `delete from public.deal_lines where deal_id = $1`, [deal.id]);
    expect(await db.as(rep, `select amount from public.deals where id = $1`, [deal.id])).toEqual([{ amount: '0.00' }]);
  });

  it('refuses references into another organisation and moves by roles that may not write deals', async () => {
    await expect(newDeal(owner, otherStage, 'Cross-org stage')).rejects.toMatchObject({ code: '23503' });
    const [foreign] = await db.as<{ id: string }>(
      owner,
      `insert into public.accounts (org_id, name) values ($1, 'Foreign') returning id`,
      [otherOrgId],
    );
    await expect(
      newDeal(rep, stages['Lead in']!, 'Cross-org account', { account_id: foreign!.id }),
    ).rejects.toMatchObject({ code: '23503' });
    const deal = await newDeal(rep, stages['Lead in']!, 'Protected');
    await expect(db.as(viewer, `select public.move_deal($1, $2)`, [deal.id, stages['Won']])).rejects.toMatchObject({
      code: '42501',
    });
    await expect(db.as(keeper, `select public.move_deal($1, $2)`, [deal.id, stages['Won']])).rejects.toMatchObject({
      code: 'P0002',
    });
    await expect(db.as(rep, `select public.move_deal($1, $2)`, [deal.id, otherStage])).rejects.toMatchObject({
      code: '23503',
    });
    expect(await db.query(`select stage_id from public.deals where id = $1`, [deal.id])).toEqual([
      { stage_id: stages['Lead in'] },
    ]);
  });

  it('gives every new organisation a default pipeline with ordered stages', async () => {
    const rows = await db.as<{ name: string; kind: string }>(
      owner,
      `select s.name, s.kind from public.pipeline_stages s join public.pipelines p on p.id = s.pipeline_id
       where p.org_id = $1 and p.is_default order by s.position`,
      [otherOrgId],
    );
    expect(rows).toEqual([
      { name: 'Lead in', kind: 'open' },
      { name: 'Qualified', kind: 'open' },
      { name: 'Proposal', kind: 'open' },
      { name: 'Negotiation', kind: 'open' },
      { name: 'Won', kind: 'won' },
      { name: 'Lost', kind: 'lost' },
    ]);
  });
});

describe('deal_board', () => {
  it('returns the default pipeline with its stages and live cards in one document, under RLS', async () => {
    const card = await newDeal(rep, stages['Qualified']!, 'Board read card');
    const archived = await newDeal(rep, stages['Qualified']!, 'Archived board card');
    await db.as(rep, `update public.deals set archived_at = now() where id = $1`, [archived.id]);
    type Board = {
      pipeline_id: string;
      stages: { id: string; name: string }[];
      deals: {
        id: string;
        title: string;
        stage_id: string;
        rank: string;
        owner: { full_name: string | null } | null;
      }[];
    };
    const [{ board }] = (await db.as<{ board: Board }>(rep, `select public.deal_board($1) as board`, [orgId])) as [
      { board: Board },
    ];
    const [pipeline] = await db.query<{ id: string }>(
      `select id from public.pipelines where org_id = $1 and is_default`,
      [orgId],
    );
    expect(board.pipeline_id).toBe(pipeline!.id);
    expect(board.stages.map((s) => s.id).sort()).toEqual(Object.values(stages).sort());
    const titles = board.deals.map((d) => d.title);
    expect(titles).toContain('Board read card');
    expect(titles).not.toContain('Archived board card');
    expect(board.deals.find((d) => d.id === card.id)).toMatchObject({ stage_id: stages['Qualified'], rank: card.rank });
    const [{ n }] = (await db.query<{ n: number }>(
      `select count(*)::int as n from public.deals where org_id = $1 and archived_at is null`,
      [orgId],
    )) as [{ n: number }];
    expect(board.deals).toHaveLength(n);

    // An unknown pipeline id falls back to the default; another org's board is empty to a stranger.
    const [{ fallback }] = (await db.as<{ fallback: Board }>(
      rep,
      `select public.deal_board($1, gen_random_uuid()) as fallback`,
      [orgId],
    )) as [{ fallback: Board }];
    expect(fallback.pipeline_id).toBe(pipeline!.id);
    const [{ foreign }] = (await db.as<{ foreign: Board | null }>(rep, `select public.deal_board($1) as foreign`, [
      otherOrgId,
    ])) as [{ foreign: Board | null }];
    expect(foreign).toBeNull();
    // The warehouse role reads no deals (not a CRM reader).
    const [{ hidden }] = (await db.as<{ hidden: Board | null }>(keeper, `select public.deal_board($1) as hidden`, [
      orgId,
    ])) as [{ hidden: Board | null }];
    expect(hidden?.deals ?? []).toEqual([]);
  });
});
