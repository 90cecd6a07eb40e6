// Stock valuation: as of any moment it equals quantity × cost summed over the ledger up to that
// moment (checked against that brute-force sum at several moments, per warehouse and overall),
// although it reads the daily balances plus one day of the ledger; "now" is levels × moving
// average; roles that do not read the ledger see nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let owner: Actor;
let support: Actor;
let orgId: string;
let warehouses: string[];
let products: string[];

type Line = { sku: string; quantity: string; value: string };

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  owner = await db.createUser('owner@valuation.test');
  support = await db.createUser('support@valuation.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    owner,
    `select id from public.create_organization('Valuation Co', 'valuation-co')`,
  )) as [{ id: string }];
  await db.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, 'support')`, [
    orgId,
    support.id,
  ]);
  await db.as(owner, `insert into public.warehouses (org_id, code, name) values ($1, 'EAST', 'East')`, [orgId]);
  warehouses = (
    await db.query<{ id: string }>(`select id from public.warehouses where org_id = $1 order by code`, [orgId])
  ).map((r) => r.id);
  products = [];
  for (const sku of ['VAL-A', 'VAL-B', 'VAL-C']) {
    const [p] = await db.as<{ id: string }>(
      owner,
      `insert into public.products (org_id, sku, name) values ($1, $2, $2) returning id`,
      [orgId, sku],
    );
    products.push(p!.id);
  }
  // Three days of movements at different costs, in both warehouses: receipts, shipments, a transfer.
  let n = 0;
  for (const daysAgo of [3, 2, 1, 0]) {
    for (const [i, product] of products.entries()) {
      for (const warehouse of warehouses) {
        n++;
        await db.query(
          `insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, unit_cost, created_at)
           values ($1, $2, $3, 'receipt', $4, $5, now() - make_interval(days => $6, hours => $7))`,
          [orgId, product, warehouse, 10 + i, 3 + (n % 5) + 0.25, daysAgo, n % 3],
        );
        await db.query(
          `insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, created_at)
           values ($1, $2, $3, 'shipment', $4, now() - make_interval(days => $5, hours => $6))`,
          [orgId, product, warehouse, -(2 + (n % 3)), daysAgo, n % 2],
        );
      }
    }
  }
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

async function bruteForce(asOf: string, warehouse: string | null): Promise<Line[]> {
  return db.query<Line>(
    `select p.sku, sum(m.on_hand_delta)::text as quantity, round(sum(m.on_hand_delta * coalesce(m.unit_cost, 0)), 2)::text as value
     from public.stock_movements m join public.products p on p.id = m.product_id
     where m.org_id = $1 and m.created_at <= $2 and ($3::uuid is null or m.warehouse_id = $3)
     group by p.sku having sum(m.on_hand_delta) <> 0 or round(sum(m.on_hand_delta * coalesce(m.unit_cost, 0)), 2) <> 0
     order by p.sku`,
    [orgId, asOf, warehouse],
  );
}

describe('stock_valuation', () => {
  it('equals the ledger summed up to the moment, at several moments, overall and per warehouse', async () => {
    const moments = (
      await db.query<{ at: string }>(
        `select (now() - make_interval(days => d, hours => h))::text as at
         from (values (4, 0), (2, 12), (2, 1), (1, 0), (0, 1), (0, 0)) v(d, h)`,
      )
    ).map((r) => r.at);
    for (const at of moments) {
      for (const warehouse of [null, ...warehouses]) {
        const report = await db.as<Line>(
          owner,
          `select sku, quantity::text, value::text from public.stock_valuation($1, $2, $3)`,
          [orgId, at, warehouse],
        );
        expect(report, `as of ${at}, warehouse ${warehouse ?? 'all'}`).toEqual(await bruteForce(at, warehouse));
      }
    }
  });

  it('values "now" at the moving-average cost of what is on hand', async () => {
    const now = await db.as<Line>(owner, `select sku, quantity::text, value::text from public.stock_valuation($1)`, [
      orgId,
    ]);
    const expected = await db.query<Line>(
      `select p.sku, sum(l.on_hand)::text as quantity, round(sum(l.on_hand * p.cost), 2)::text as value
       from public.stock_levels l join public.products p on p.id = l.product_id where l.org_id = $1
       group by p.sku order by p.sku`,
      [orgId],
    );
    expect(now).toEqual(expected);
    expect(now).toHaveLength(3);
  });

  it('shows nothing to a role that does not read the stock ledger', async () => {
    expect(await db.as(support, `select * from public.stock_valuation($1, now())`, [orgId])).toEqual([]);
  });
});
