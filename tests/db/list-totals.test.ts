// What the lists behind the dashboards add up to (20261202211000_list_totals.sql): deal_list_totals
// with each filter of the deal list (org-calendar day bounds in the org's time zone, "reached a
// stage" from the stage history, team members, literal LIKE wildcards), the base-currency total at
// dated rates and what happens without a rate; invoice_list_totals (overdue = posted, open, past
// due) in base currency; stock_level_status's stock-out and below-reorder flags. Expected figures
// are worked out by hand in the comments; RLS decides what adds up (warehouse staff and another
// organisation get nothing). The deal list's own REST query (fetchDealList, through supabase-js and
// the stack) lists the same deals for the same URL filters, and the stock page's query the same levels.
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Database } from '@/lib/database.types.ts';
import type { SupabaseClient } from '@/lib/supabase.ts';
import { fetchDealList, fetchPipelines, resolveDealQuery, type DealFilter } from '@/features/deals/api/deals.ts';
import { fetchStockLevels } from '@/features/stock/api/stock.ts';
import { signJwtSync } from '../../stack/jwt.ts';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
const actors: Record<string, Actor> = {};
let orgId: string;
let otherOwner: Actor;
const stages: Record<string, string> = {};
let teamId: string;

type Json = Record<string, unknown>;

async function dealTotals(actor: Actor, args: Record<string, unknown>): Promise<Json> {
  const names = Object.keys(args);
  const [row] = await db.as<{ r: Json }>(
    actor,
    `select public.deal_list_totals($1${names.map((n, i) => `, ${n} => $${i + 2}`).join('')}) as r`,
    [orgId, ...names.map((n) => args[n])],
  );
  return row!.r;
}

async function invoiceTotals(actor: Actor, args: Record<string, unknown>): Promise<Json> {
  const names = Object.keys(args);
  const [row] = await db.as<{ r: Json }>(
    actor,
    `select public.invoice_list_totals($1${names.map((n, i) => `, ${n} => $${i + 2}`).join('')}) as r`,
    [orgId, ...names.map((n) => args[n])],
  );
  return row!.r;
}

/** A user's supabase-js client (an access token as Auth issues it), for the lists' own REST queries. */
function clientOf(actor: Actor): SupabaseClient {
  const now = Math.floor(Date.now() / 1000);
  const token = signJwtSync(
    { sub: actor.id, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + 3600 },
    stack.jwtSecret,
  );
  return createClient<Database>(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
    global: { headers: { Authorization: `Bearer ${token}` } },
  });
}

/** A deal inserted at `stage`, moved through `moves` (stage history), then stamped with its dates. */
async function deal(
  title: string,
  owner: Actor,
  currency: string,
  amount: number,
  stage: string,
  {
    moves = [],
    created,
    closed,
    expected,
    tags = [],
    archived = false,
  }: {
    moves?: string[];
    created: string;
    closed?: string;
    expected?: string;
    tags?: string[];
    archived?: boolean;
  },
) {
  const [{ id }] = (await db.query<{ id: string }>(
    `insert into public.deals (org_id, stage_id, title, amount, currency, owner_id, tags, expected_close_date, lost_reason)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [
      orgId,
      stages[stage],
      title,
      amount,
      currency,
      owner.id,
      tags,
      expected ?? null,
      stage === 'Lost' ? 'Price' : null,
    ],
  )) as [{ id: string }];
  for (const next of moves) {
    await db.query(`update public.deals set stage_id = $2, lost_reason = $3 where id = $1`, [
      id,
      stages[next],
      next === 'Lost' ? 'Price' : null,
    ]);
  }
  await db.query(
    `update public.deals set created_at = $2, closed_at = coalesce($3::timestamptz, closed_at),
       archived_at = case when $4 then now() end where id = $1`,
    [id, created, closed ?? null, archived],
  );
  return id;
}

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  for (const role of ['owner', 'manager', 'repA', 'repB', 'warehouse']) {
    actors[role] = await db.createUser(`${role.toLowerCase()}@list-totals.test`);
  }
  // Base EUR, Berlin time (UTC+1 in winter): 2026-02-28T23:30Z is 1 March there.
  [{ id: orgId }] = (await db.as<{ id: string }>(
    actors.owner!,
    `select id from public.create_organization('Totals Co', 'totals-co', 'EUR')`,
  )) as [{ id: string }];
  await db.query(`update public.organizations set time_zone = 'Europe/Berlin' where id = $1`, [orgId]);
  for (const [actor, role] of [
    ['manager', 'manager'],
    ['repA', 'sales'],
    ['repB', 'sales'],
    ['warehouse', 'warehouse'],
  ] as const) {
    await db.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, $3)`, [
      orgId,
      actors[actor]!.id,
      role,
    ]);
  }
  for (const s of await db.query<{ id: string; name: string }>(
    `select s.id, s.name from public.pipeline_stages s where s.org_id = $1`,
    [orgId],
  ))
    stages[s.name] = s.id;
  [{ id: teamId }] = (await db.query<{ id: string }>(
    `insert into public.sales_teams (org_id, name) values ($1, 'North') returning id`,
    [orgId],
  )) as [{ id: string }];
  await db.query(`insert into public.sales_team_members (org_id, team_id, user_id) values ($1, $2, $3)`, [
    orgId,
    teamId,
    actors.repA!.id,
  ]);
  // 1 USD = 0.9 EUR from 1 January, 0.8 EUR from 1 March; no GBP rate at all.
  await db.query(
    `insert into public.exchange_rates (org_id, currency, rate_date, rate) values ($1, 'USD', '2026-01-01', 0.9), ($1, 'USD', '2026-03-01', 0.8)`,
    [orgId],
  );

  const { repA, repB } = actors as Record<'repA' | 'repB', Actor>;
  // Alpha: through Negotiation to Won, closed 2026-02-28T23:30Z = 1 March in Berlin.
  await deal('Alpha', repA, 'EUR', 1000, 'Lead in', {
    moves: ['Negotiation', 'Won'],
    created: '2026-02-01T10:00:00Z',
    closed: '2026-02-28T23:30:00Z',
  });
  // Beta: created straight into Won, closed 15 February (USD at 0.9 → 450.00 EUR).
  await deal('Beta', repB, 'USD', 500, 'Won', { created: '2026-02-02T10:00:00Z', closed: '2026-02-15T12:00:00Z' });
  // Gamma: Qualified, then lost on 10 February.
  await deal('Gamma', repA, 'EUR', 2000, 'Qualified', {
    moves: ['Lost'],
    created: '2026-01-20T10:00:00Z',
    closed: '2026-02-10T12:00:00Z',
  });
  // Delta: Lead in → Proposal, open; its title holds LIKE wildcards.
  await deal('Delta 50%_x', repA, 'EUR', 300, 'Lead in', {
    moves: ['Proposal'],
    created: '2026-02-05T10:00:00Z',
    expected: '2026-03-15',
    tags: ['vip'],
  });
  // Epsilon: open in Qualified, created 2026-01-31T23:30Z = 1 February in Berlin (USD today at 0.8 → 800.00).
  await deal('Epsilon', repB, 'USD', 1000, 'Qualified', { created: '2026-01-31T23:30:00Z', expected: '2026-04-01' });
  // Zeta: archived, never counts.
  await deal('Zeta', repA, 'EUR', 700, 'Won', {
    created: '2026-02-03T10:00:00Z',
    closed: '2026-02-20T12:00:00Z',
    archived: true,
  });
  // Eta: won in 2025 in GBP, which has no rate.
  await deal('Eta', repB, 'GBP', 100, 'Won', { created: '2025-11-01T10:00:00Z', closed: '2025-12-01T12:00:00Z' });
  // Theta: won in June 2025 in USD, before the first USD rate: converted at that first rate (0.9 → 180.00).
  await deal('Theta', actors.manager!, 'USD', 200, 'Won', {
    created: '2025-05-01T10:00:00Z',
    closed: '2025-06-01T12:00:00Z',
  });

  otherOwner = await db.createUser('owner@other-totals.test');
  await db.as(otherOwner, `select public.create_organization('Other Totals', 'other-totals', 'EUR')`);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('deal_list_totals', () => {
  it('adds up won deals closed in org-calendar days, converting at the rate of the close day', async () => {
    // February in Berlin: Beta only (Alpha closed on 1 March there, Zeta is archived).
    expect(
      await dealTotals(actors.manager!, {
        p_status: 'won',
        p_closed_from: '2026-02-01',
        p_closed_to: '2026-02-28',
      }),
    ).toEqual({
      count: 1,
      currency: 'EUR',
      total: 450,
      missing_rates: [],
      by_currency: [{ currency: 'USD', count: 1, amount: 500 }],
    });
    // March: Alpha.
    expect(
      await dealTotals(actors.manager!, { p_status: 'won', p_closed_from: '2026-03-01', p_closed_to: '2026-03-31' }),
    ).toMatchObject({ count: 1, total: 1000, by_currency: [{ currency: 'EUR', count: 1, amount: 1000 }] });
    // Lost in February: Gamma.
    expect(
      await dealTotals(actors.manager!, { p_status: 'lost', p_closed_from: '2026-02-01', p_closed_to: '2026-02-28' }),
    ).toMatchObject({ count: 1, total: 2000 });
  });

  it('converts open deals at today’s rate and lists the amounts per currency', async () => {
    // Delta 300.00 EUR + Epsilon 1000 USD × 0.8 = 1100.00.
    expect(await dealTotals(actors.manager!, { p_status: 'open' })).toEqual({
      count: 2,
      currency: 'EUR',
      total: 1100,
      missing_rates: [],
      by_currency: [
        { currency: 'EUR', count: 1, amount: 300 },
        { currency: 'USD', count: 1, amount: 1000 },
      ],
    });
  });

  it('converts a deal closed before the first rate at that first rate', async () => {
    expect(
      await dealTotals(actors.manager!, { p_status: 'won', p_closed_from: '2025-06-01', p_closed_to: '2025-06-30' }),
    ).toMatchObject({ count: 1, total: 180, by_currency: [{ currency: 'USD', count: 1, amount: 200 }] });
  });

  it('leaves the base total out when a currency has no rate, and says which', async () => {
    // repB's won deals: Beta (USD 500) and Eta (GBP 100, no rate).
    expect(await dealTotals(actors.manager!, { p_status: 'won', p_owner_id: actors.repB!.id })).toEqual({
      count: 2,
      currency: 'EUR',
      total: null,
      missing_rates: ['GBP'],
      by_currency: [
        { currency: 'GBP', count: 1, amount: 100 },
        { currency: 'USD', count: 1, amount: 500 },
      ],
    });
  });

  it('counts deals created in the range that reached a stage, from their stage history', async () => {
    // Created in February (Berlin): Alpha, Beta, Delta, Epsilon (31 Jan 23:30Z is 1 Feb there).
    expect(
      await dealTotals(actors.manager!, { p_created_from: '2026-02-01', p_created_to: '2026-02-28' }),
    ).toMatchObject({ count: 4 });
    // …that reached Proposal: Alpha (Negotiation, Won), Beta (Won), Delta (Proposal); not Epsilon.
    // 1000 + 500 × 0.9 + 300 = 1750.00.
    expect(
      await dealTotals(actors.manager!, {
        p_created_from: '2026-02-01',
        p_created_to: '2026-02-28',
        p_reached_stage_id: stages.Proposal,
      }),
    ).toMatchObject({ count: 3, total: 1750 });
    // Reached Qualified, any time: Alpha, Beta, Gamma (Qualified before it was lost), Delta, Epsilon, Eta, Theta.
    expect(await dealTotals(actors.manager!, { p_reached_stage_id: stages.Qualified })).toMatchObject({
      count: 7,
      total: null,
      missing_rates: ['GBP'],
    });
    // Reached Won: Alpha, Beta, Eta, Theta. Reached Negotiation: Alpha and the won ones (not Gamma, lost from Qualified).
    expect(await dealTotals(actors.manager!, { p_reached_stage_id: stages.Won })).toMatchObject({ count: 4 });
    expect(await dealTotals(actors.manager!, { p_reached_stage_id: stages.Negotiation })).toMatchObject({ count: 4 });
    // The lost stage is no step of the funnel: only won deals "reached" past it.
    expect(await dealTotals(actors.manager!, { p_reached_stage_id: stages.Lost })).toMatchObject({ count: 4 });
  });

  it('filters by team, stage, tag, text, expected close dates and amounts', async () => {
    // Team North = repA: Alpha, Gamma, Delta (Zeta archived).
    expect(await dealTotals(actors.manager!, { p_team_id: teamId })).toMatchObject({ count: 3, total: 3300 });
    expect(await dealTotals(actors.manager!, { p_stage_id: stages.Proposal })).toMatchObject({ count: 1, total: 300 });
    expect(await dealTotals(actors.manager!, { p_tag: 'vip' })).toMatchObject({ count: 1 });
    // "%" and "_" are matched literally: only Delta's title holds them.
    expect(await dealTotals(actors.manager!, { p_q: '%' })).toMatchObject({ count: 1 });
    expect(await dealTotals(actors.manager!, { p_q: ' 50%_ ' })).toMatchObject({ count: 1 });
    expect(await dealTotals(actors.manager!, { p_q: 'ALPHA' })).toMatchObject({ count: 1, total: 1000 });
    expect(await dealTotals(actors.manager!, { p_close_from: '2026-03-01', p_close_to: '2026-03-31' })).toMatchObject({
      count: 1,
      total: 300,
    });
    // 500 ≤ amount (own currency) ≤ 1000: Alpha 1000, Beta 500, Epsilon 1000.
    expect(await dealTotals(actors.manager!, { p_min: 500, p_max: 1000 })).toMatchObject({ count: 3 });
  });

  it('reads the same numbers as the sales dashboard they are clicked through from', async () => {
    const [{ k }] = (await db.as<{ k: Json }>(
      actors.manager!,
      `select public.sales_kpis($1, '2026-02-01', '2026-02-28') as k`,
      [orgId],
    )) as [
      {
        k: {
          won_count: number;
          won_value: number;
          lost_count: number;
          funnel: { stage_id: string; reached: number }[];
        };
      },
    ];
    // Won in February: Beta, 450.00; lost: Gamma.
    expect([k.won_count, k.won_value, k.lost_count]).toEqual([1, 450, 1]);
    const won = await dealTotals(actors.manager!, {
      p_status: 'won',
      p_closed_from: '2026-02-01',
      p_closed_to: '2026-02-28',
    });
    expect([won.count, won.total]).toEqual([1, 450]);
    // Funnel of the deals created in February (Alpha, Beta, Delta, Epsilon): Lead in 4, Qualified 4,
    // Proposal 3, Negotiation 2 (Alpha, Beta), Won 2.
    const expected: Record<string, number> = { 'Lead in': 4, Qualified: 4, Proposal: 3, Negotiation: 2, Won: 2 };
    expect(k.funnel.map((f) => f.reached)).toEqual(Object.values(expected));
    for (const [name, reached] of Object.entries(expected)) {
      const listed = await dealTotals(actors.manager!, {
        p_created_from: '2026-02-01',
        p_created_to: '2026-02-28',
        p_reached_stage_id: stages[name],
      });
      expect([name, listed.count]).toEqual([name, reached]);
    }
  });

  it('adds up only what the caller may read', async () => {
    // Warehouse staff do not read deals; another organisation's owner is not a member.
    expect(await dealTotals(actors.warehouse!, { p_status: 'open' })).toMatchObject({ count: 0, total: 0 });
    expect(await dealTotals(otherOwner, { p_status: 'open' })).toEqual({
      count: 0,
      currency: null,
      total: 0,
      missing_rates: [],
      by_currency: [],
    });
  });
});

describe('the deal list’s REST query', () => {
  async function titles(filters: Partial<Record<DealFilter, string>>) {
    const supabase = clientOf(actors.manager!);
    const pipelines = await fetchPipelines(supabase, orgId);
    const query = resolveDealQuery(filters, { timeZone: 'Europe/Berlin', pipelines })!;
    const { rows, count } = await fetchDealList(
      supabase,
      orgId,
      { pageIndex: 0, pageSize: 25, sorting: [{ id: 'title', desc: false }] },
      query,
    );
    expect(count).toBe(rows.length);
    return rows.map((r) => r.title);
  }

  it('lists the deals the totals add up, for the dashboards’ URL filters', async () => {
    expect(await titles({ status: 'won', closed_from: '2026-02-01', closed_to: '2026-02-28' })).toEqual(['Beta']);
    expect(await titles({ status: 'won', closed_from: '2026-03-01', closed_to: '2026-03-31' })).toEqual(['Alpha']);
    expect(await titles({ created_from: '2026-02-01', created_to: '2026-02-28' })).toEqual([
      'Alpha',
      'Beta',
      'Delta 50%_x',
      'Epsilon',
    ]);
    expect(await titles({ created_from: '2026-02-01', created_to: '2026-02-28', reached: stages.Proposal })).toEqual([
      'Alpha',
      'Beta',
      'Delta 50%_x',
    ]);
    expect(await titles({ reached: stages.Qualified })).toEqual([
      'Alpha',
      'Beta',
      'Delta 50%_x',
      'Epsilon',
      'Eta',
      'Gamma',
      'Theta',
    ]);
    expect(await titles({ team: teamId })).toEqual(['Alpha', 'Delta 50%_x', 'Gamma']);
    expect(await titles({ status: 'open', stage: stages.Proposal })).toEqual(['Delta 50%_x']);
    expect(await titles({ q: '%' })).toEqual(['Delta 50%_x']);
    // A team nobody is in lists nothing (and asks for no deals at all).
    const [{ id: empty }] = (await db.query<{ id: string }>(
      `insert into public.sales_teams (org_id, name) values ($1, 'Empty') returning id`,
      [orgId],
    )) as [{ id: string }];
    expect(await titles({ team: empty })).toEqual([]);
  });
});

describe('invoice_list_totals', () => {
  beforeAll(async () => {
    const [{ id: account }] = (await db.query<{ id: string }>(
      `insert into public.accounts (org_id, name) values ($1, 'Acme GmbH') returning id`,
      [orgId],
    )) as [{ id: string }];
    // Posted documents written as the posting RPCs would (private.posting), with their totals.
    await db.query(
      `select set_config('private.posting', 'on', false);
       insert into public.invoices (org_id, number, kind, account_id, status, invoice_date, due_date, currency, exchange_rate,
         total, amount_paid, posted_at) values
         ('${orgId}', 'INV-1', 'invoice', '${account}', 'posted', '2026-01-01', '2026-01-10', 'EUR', 1, 100, 0, now()),
         ('${orgId}', 'INV-2', 'invoice', '${account}', 'posted', '2026-01-05', '2026-01-15', 'USD', 0.9, 200, 50, now()),
         ('${orgId}', 'INV-3', 'invoice', '${account}', 'posted', '2026-01-06', '2026-01-20', 'EUR', 1, 300, 300, now()),
         ('${orgId}', 'INV-4', 'invoice', '${account}', 'posted', '2026-02-01', '2099-01-01', 'EUR', 1, 80, 0, now()),
         ('${orgId}', 'CN-1', 'credit_note', '${account}', 'posted', '2026-02-02', null, 'EUR', 1, 40, 0, now());
       insert into public.invoices (org_id, kind, account_id, status, invoice_date, due_date, currency)
         values ('${orgId}', 'invoice', '${account}', 'draft', '2026-01-01', '2026-01-02', 'EUR');`,
    );
  });

  it('adds up what overdue and unpaid documents still owe in base currency', async () => {
    // Overdue: INV-1 100.00 + INV-2 (200 − 50) × 0.9 = 135.00 → 235.00.
    expect(await invoiceTotals(actors.manager!, { p_status: 'overdue' })).toEqual({
      count: 2,
      currency: 'EUR',
      amount_due: 235,
    });
    expect(await invoiceTotals(actors.manager!, { p_overdue: true })).toMatchObject({ count: 2, amount_due: 235 });
    // Unpaid: the overdue two, INV-4 80.00 and the credit note's 40.00 → 355.00.
    expect(await invoiceTotals(actors.manager!, { p_status: 'unpaid' })).toMatchObject({ count: 4, amount_due: 355 });
    expect(await invoiceTotals(actors.manager!, { p_kind: 'credit_note' })).toMatchObject({ count: 1, amount_due: 40 });
    // Everything dated in January: INV-1, INV-2, INV-3 (0 due) and the draft (0 due).
    expect(await invoiceTotals(actors.manager!, { p_from: '2026-01-01', p_to: '2026-01-31' })).toMatchObject({
      count: 4,
      amount_due: 235,
    });
    expect(await invoiceTotals(actors.manager!, { p_status: 'draft' })).toMatchObject({ count: 1, amount_due: 0 });
  });

  it('reads the finance dashboard’s overdue figures', async () => {
    const [{ k }] = (await db.as<{ k: { overdue_count: number; overdue_amount: number } }>(
      actors.manager!,
      `select public.finance_kpis($1, current_date - 30, current_date) as k`,
      [orgId],
    )) as [{ k: { overdue_count: number; overdue_amount: number } }];
    expect([k.overdue_count, k.overdue_amount]).toEqual([2, 235]);
  });

  it('adds up nothing for roles that cannot read invoices', async () => {
    expect(await invoiceTotals(actors.warehouse!, { p_status: 'overdue' })).toMatchObject({ count: 0, amount_due: 0 });
    expect(await invoiceTotals(otherOwner, {})).toEqual({ count: 0, currency: null, amount_due: 0 });
  });
});

describe('stock_level_status', () => {
  it('flags stock-outs of active stocked products and levels under their reorder point', async () => {
    const [{ id: warehouse }] = (await db.query<{ id: string }>(
      `select id from public.warehouses where org_id = $1 and code = 'MAIN'`,
      [orgId],
    )) as [{ id: string }];
    const product = async (sku: string, kind = 'stocked', active = true) =>
      (
        await db.query<{ id: string }>(
          `insert into public.products (org_id, sku, name, kind, active) values ($1, $2, $2, $3, $4) returning id`,
          [orgId, sku, kind, active],
        )
      )[0]!.id;
    const move = (productId: string, kind: 'receipt' | 'reservation', qty: number) =>
      db.query(
        `insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, reserved_delta, unit_cost)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [
          orgId,
          productId,
          warehouse,
          kind,
          kind === 'receipt' ? qty : 0,
          kind === 'reservation' ? qty : 0,
          kind === 'receipt' ? 1 : null,
        ],
      );
    // 5 on hand, 5 reserved: available 0 → out.
    const allHeld = await product('HELD');
    await move(allHeld, 'receipt', 5);
    await move(allHeld, 'reservation', 5);
    // 3 available, reorder point 10 → below reorder, not out.
    const low = await product('LOW');
    await move(low, 'receipt', 3);
    await db.query(
      `insert into public.reorder_rules (org_id, product_id, warehouse_id, reorder_point, reorder_quantity) values ($1, $2, $3, 10, 20)`,
      [orgId, low, warehouse],
    );
    // 10 available, reorder point 10: neither.
    const atPoint = await product('ATPOINT');
    await move(atPoint, 'receipt', 10);
    await db.query(
      `insert into public.reorder_rules (org_id, product_id, warehouse_id, reorder_point, reorder_quantity) values ($1, $2, $3, 10, 20)`,
      [orgId, atPoint, warehouse],
    );
    // A consumable fully reserved: not a stock-out (stocked products only).
    const consumable = await product('GLOVES', 'consumable');
    await move(consumable, 'receipt', 2);
    await move(consumable, 'reservation', 2);
    // An inactive stocked product fully reserved: not counted either.
    const retired = await product('RETIRED', 'stocked');
    await move(retired, 'receipt', 1);
    await move(retired, 'reservation', 1);
    await db.query(`update public.products set active = false where id = $1`, [retired]);

    const rows = await db.as<{ sku: string; available: string; stock_out: boolean; below_reorder: boolean }>(
      actors.warehouse!,
      `select p.sku, s.available::text, s.stock_out, s.below_reorder
       from public.stock_level_status s join public.products p on p.id = s.product_id
       where s.org_id = $1 order by p.sku`,
      [orgId],
    );
    expect(rows).toEqual([
      { sku: 'ATPOINT', available: '10.0000', stock_out: false, below_reorder: false },
      { sku: 'GLOVES', available: '0.0000', stock_out: false, below_reorder: false },
      { sku: 'HELD', available: '0.0000', stock_out: true, below_reorder: false },
      { sku: 'LOW', available: '3.0000', stock_out: false, below_reorder: true },
      { sku: 'RETIRED', available: '0.0000', stock_out: false, below_reorder: false },
    ]);
    // The stock page's own REST query (embeds through the view): the same rows, counted.
    const page = (availability: 'out' | 'below_reorder' | null) =>
      fetchStockLevels(clientOf(actors.warehouse!), orgId, { warehouseId: warehouse, availability, search: '' }).then(
        ({ rows, count }) => ({ count, skus: rows.map((r) => r.product?.sku).sort() }),
      );
    expect(await page('out')).toEqual({ count: 1, skus: ['HELD'] });
    expect(await page('below_reorder')).toEqual({ count: 1, skus: ['LOW'] });
    expect(await page(null)).toEqual({ count: 5, skus: ['ATPOINT', 'GLOVES', 'HELD', 'LOW', 'RETIRED'] });
    // The inventory dashboard counts the same rows.
    const [{ k }] = (await db.as<{ k: { stockouts: number; below_reorder: number } }>(
      actors.warehouse!,
      `select public.inventory_kpis($1, current_date - 30, current_date) as k`,
      [orgId],
    )) as [{ k: { stockouts: number; below_reorder: number } }];
    expect([k.stockouts, k.below_reorder]).toEqual([1, 1]);
    // RLS through the view: another organisation sees none of it.
    expect(await db.as(otherOwner, `select * from public.stock_level_status where org_id = $1`, [orgId])).toEqual([]);
  });
});
