// The stock ledger's invariants (DESIGN.md section 3, 1 and 2), enforced by Postgres:
// levels always equal the sum of the ledger, stock never goes negative unless allowed,
// concurrent requests for the last units cannot oversell, transfers are atomic, the
// moving-average cost follows receipts, and document numbers are gapless.
import Big from 'big.js';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let owner: Actor;
let keeper: Actor;
let rep: Actor;
let support: Actor;
let orgId: string;
let warehouses: string[];

async function product(sku: string, extra: Record<string, unknown> = {}): Promise<string> {
  const cols = ['org_id', 'sku', 'name', ...Object.keys(extra)];
  const [row] = await db.as<{ id: string }>(
    owner,
    `insert into public.products (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
    [orgId, sku, `Product ${sku}`, ...Object.values(extra)],
  );
  return row!.id;
}

async function level(productId: string, warehouseId: string) {
  const [row] = await db.query<{ on_hand: string; reserved: string; available: string }>(
    `select on_hand, reserved, available from public.stock_levels where product_id = $1 and warehouse_id = $2`,
    [productId, warehouseId],
  );
  return row ?? { on_hand: '0.0000', reserved: '0.0000', available: '0.0000' };
}

/** One connection acting as a user for many calls (the property test makes thousands). */
async function session(actor: Actor) {
  const client = new pg.Client({ connectionString: stack.adminDbUrl });
  await client.connect();
  const claims = JSON.stringify({ role: 'authenticated', sub: actor.id, aud: 'authenticated' });
  return {
    async call(sql: string, params: unknown[]): Promise<'ok' | string> {
      await client.query('begin');
      await client.query(
        `select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`,
        [claims],
      );
      try {
        await client.query(sql, params);
        await client.query('commit');
        return 'ok';
      } catch (e) {
        await client.query('rollback');
        return (e as { code: string }).code;
      }
    },
    end: () => client.end(),
  };
}

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  owner = await db.createUser('owner@stock.test');
  keeper = await db.createUser('keeper@stock.test');
  rep = await db.createUser('rep@stock.test');
  support = await db.createUser('support@stock.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    owner,
    `select id from public.create_organization('Stock Co', 'stock-co')`,
  )) as [{ id: string }];
  await db.query(
    `insert into public.memberships (org_id, user_id, role) values ($1, $2, 'warehouse'), ($1, $3, 'sales'), ($1, $4, 'support')`,
    [orgId, keeper.id, rep.id, support.id],
  );
  const [second] = await db.as<{ id: string }>(
    owner,
    `insert into public.warehouses (org_id, code, name) values ($1, 'EAST', 'East') returning id`,
    [orgId],
  );
  const [main] = await db.query<{ id: string }>(
    `select id from public.warehouses where org_id = $1 and code = 'MAIN'`,
    [orgId],
  );
  warehouses = [main!.id, second!.id];
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

type Op =
  | { t: 'receive'; p: number; w: number; q: number; cost: number }
  | { t: 'adjust'; p: number; w: number; q: number }
  | { t: 'transfer'; p: number; w: number; q: number }
  | { t: 'reserve'; p: number; w: number; q: number }
  | { t: 'release'; p: number; w: number; q: number }
  | { t: 'ship'; p: number; w: number; q: number; reserved: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    t: fc.constant('receive' as const),
    p: fc.nat(2),
    w: fc.nat(1),
    q: fc.integer({ min: 1, max: 20 }),
    cost: fc.integer({ min: 0, max: 5000 }),
  }),
  fc.record({
    t: fc.constant('adjust' as const),
    p: fc.nat(2),
    w: fc.nat(1),
    q: fc.integer({ min: -15, max: 15 }).filter((q) => q !== 0),
  }),
  fc.record({ t: fc.constant('transfer' as const), p: fc.nat(2), w: fc.nat(1), q: fc.integer({ min: 1, max: 15 }) }),
  fc.record({ t: fc.constant('reserve' as const), p: fc.nat(2), w: fc.nat(1), q: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ t: fc.constant('release' as const), p: fc.nat(2), w: fc.nat(1), q: fc.integer({ min: 1, max: 10 }) }),
  fc.record({
    t: fc.constant('ship' as const),
    p: fc.nat(2),
    w: fc.nat(1),
    q: fc.integer({ min: 1, max: 10 }),
    reserved: fc.nat(10),
  }),
);

describe('stock ledger', () => {
  it('keeps levels equal to the ledger and never negative, matching a model, over thousands of random operations', async () => {
    const keeperSession = await session(keeper);
    try {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 50, maxLength: 300 }), async (ops) => {
          run += 1;
          const products = [await product(`R${run}-A`), await product(`R${run}-B`), await product(`R${run}-C`)];
          const model = new Map<string, { onHand: number; reserved: number }>();
          const cost = products.map(() => new Big(0));
          const at = (p: number, w: number) => {
            const key = `${p}:${w}`;
            if (!model.has(key)) model.set(key, { onHand: 0, reserved: 0 });
            return model.get(key)!;
          };
          const totalOnHand = (p: number) => at(p, 0).onHand + at(p, 1).onHand;
          for (const op of ops) {
            const l = at(op.p, op.w);
            const pid = products[op.p]!;
            const wid = warehouses[op.w]!;
            let expectOk: boolean;
            let result: string;
            switch (op.t) {
              case 'receive': {
                expectOk = true;
                result = await keeperSession.call(`select public.receive_stock($1, $2, $3, $4, $5)`, [
                  orgId,
                  pid,
                  wid,
                  op.q,
                  op.cost / 100,
                ]);
                if (result === 'ok') {
                  const total = totalOnHand(op.p);
                  cost[op.p] =
                    total <= 0
                      ? new Big(op.cost).div(100)
                      : cost[op.p]!.times(total)
                          .plus(new Big(op.cost).div(100).times(op.q))
                          .div(total + op.q)
                          .round(4, Big.roundHalfUp);
                  l.onHand += op.q;
                }
                break;
              }
              case 'adjust':
                expectOk = op.q > 0 || l.onHand + op.q - l.reserved >= 0;
                result = await keeperSession.call(`select public.adjust_stock($1, $2, $3, $4, 'test')`, [
                  orgId,
                  pid,
                  wid,
                  op.q,
                ]);
                if (result === 'ok') l.onHand += op.q;
                break;
              case 'transfer': {
                const to = at(op.p, 1 - op.w);
                expectOk = l.onHand - op.q - l.reserved >= 0;
                result = await keeperSession.call(`select public.transfer_stock($1, $2, $3, $4, $5)`, [
                  orgId,
                  pid,
                  wid,
                  warehouses[1 - op.w],
                  op.q,
                ]);
                if (result === 'ok') {
                  l.onHand -= op.q;
                  to.onHand += op.q;
                }
                break;
              }
              case 'reserve':
                expectOk = l.onHand - l.reserved - op.q >= 0;
                result = await keeperSession.call(`select public.reserve_stock($1, $2, $3, $4)`, [
                  orgId,
                  pid,
                  wid,
                  op.q,
                ]);
                if (result === 'ok') l.reserved += op.q;
                break;
              case 'release':
                expectOk = l.reserved - op.q >= 0;
                result = await keeperSession.call(`select public.release_stock($1, $2, $3, $4)`, [
                  orgId,
                  pid,
                  wid,
                  op.q,
                ]);
                if (result === 'ok') l.reserved -= op.q;
                break;
              case 'ship': {
                const fromReserved = Math.min(op.reserved, op.q);
                expectOk =
                  fromReserved <= l.reserved &&
                  l.onHand - op.q - (l.reserved - fromReserved) >= 0 &&
                  l.onHand - op.q >= 0;
                result = await keeperSession.call(`select public.ship_stock($1, $2, $3, $4, $5)`, [
                  orgId,
                  pid,
                  wid,
                  op.q,
                  fromReserved,
                ]);
                if (result === 'ok') {
                  l.onHand -= op.q;
                  l.reserved -= fromReserved;
                }
                break;
              }
            }
            expect({ op, result }).toEqual({ op, result: expectOk ? 'ok' : '23514' });
          }
          const rows = await db.query<{
            product_id: string;
            warehouse_id: string;
            on_hand: string;
            reserved: string;
            ledger_on_hand: string;
            ledger_reserved: string;
          }>(
            `select l.product_id, l.warehouse_id, l.on_hand, l.reserved,
                    (select coalesce(sum(on_hand_delta), 0) from public.stock_movements m where m.product_id = l.product_id and m.warehouse_id = l.warehouse_id) as ledger_on_hand,
                    (select coalesce(sum(reserved_delta), 0) from public.stock_movements m where m.product_id = l.product_id and m.warehouse_id = l.warehouse_id) as ledger_reserved
             from public.stock_levels l where l.product_id = any ($1)`,
            [products],
          );
          for (const r of rows) {
            expect(new Big(r.on_hand).eq(r.ledger_on_hand)).toBe(true);
            expect(new Big(r.reserved).eq(r.ledger_reserved)).toBe(true);
            const m = at(products.indexOf(r.product_id), warehouses.indexOf(r.warehouse_id));
            expect([Number(r.on_hand), Number(r.reserved)]).toEqual([m.onHand, m.reserved]);
            expect(m.onHand - m.reserved).toBeGreaterThanOrEqual(0);
          }
          const costs = await db.query<{ id: string; cost: string }>(
            `select id, cost from public.products where id = any ($1)`,
            [products],
          );
          for (const c of costs) expect(c.cost).toBe(cost[products.indexOf(c.id)]!.toFixed(4));
        }),
        { numRuns: 20 },
      );
    } finally {
      await keeperSession.end();
    }
  }, 300_000);

  it('lets exactly 100 of 200 concurrent one-unit reservations of 100 units succeed', async () => {
    const pid = await product('LAST-100');
    await db.as(keeper, `select public.receive_stock($1, $2, $3, 100, 2.5)`, [orgId, pid, warehouses[0]]);
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () =>
        db.as(rep, `select public.reserve_stock($1, $2, $3, 1)`, [orgId, pid, warehouses[0]]),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(100);
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(new Set(failures.map((f) => (f.reason as { code: string }).code))).toEqual(new Set(['23514']));
    expect(await level(pid, warehouses[0]!)).toEqual({
      on_hand: '100.0000',
      reserved: '100.0000',
      available: '0.0000',
    });
  }, 120_000);

  it('lets exactly 100 of 200 concurrent one-unit shipments of 100 units succeed', async () => {
    const pid = await product('SHIP-100');
    await db.as(keeper, `select public.receive_stock($1, $2, $3, 100, 1)`, [orgId, pid, warehouses[1]]);
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () =>
        db.as(keeper, `select public.ship_stock($1, $2, $3, 1)`, [orgId, pid, warehouses[1]]),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(100);
    expect(await level(pid, warehouses[1]!)).toEqual({ on_hand: '0.0000', reserved: '0.0000', available: '0.0000' });
  }, 120_000);

  it('transfers both legs in one transaction, at the moving-average cost, or neither', async () => {
    const pid = await product('XFER');
    await db.as(keeper, `select public.receive_stock($1, $2, $3, 10, 4)`, [orgId, pid, warehouses[0]]);
    await expect(
      db.as(keeper, `select public.transfer_stock($1, $2, $3, $4, 11)`, [orgId, pid, warehouses[0], warehouses[1]]),
    ).rejects.toMatchObject({
      code: '23514',
    });
    expect(
      await db.query(
        `select count(*)::int as n from public.stock_movements where product_id = $1 and kind::text like 'transfer%'`,
        [pid],
      ),
    ).toEqual([{ n: 0 }]);
    const [{ t }] = (await db.as<{ t: string }>(
      keeper,
      `select public.transfer_stock($1, $2, $3, $4, 4, 'Restock east') as t`,
      [orgId, pid, warehouses[0], warehouses[1]],
    )) as [{ t: string }];
    expect(
      await db.query(
        `select kind, warehouse_id, on_hand_delta, unit_cost from public.stock_movements where transfer_id = $1 order by id`,
        [t],
      ),
    ).toEqual([
      { kind: 'transfer_out', warehouse_id: warehouses[0], on_hand_delta: '-4.0000', unit_cost: '4.0000' },
      { kind: 'transfer_in', warehouse_id: warehouses[1], on_hand_delta: '4.0000', unit_cost: '4.0000' },
    ]);
  });

  it('allows negative stock only where the organisation or the product says so', async () => {
    const strict = await product('STRICT');
    const loose = await product('LOOSE', { allow_negative_stock: true });
    const consumable = await product('GLUE', { kind: 'consumable' });
    await expect(
      db.as(keeper, `select public.ship_stock($1, $2, $3, 1)`, [orgId, strict, warehouses[0]]),
    ).rejects.toMatchObject({ code: '23514' });
    await db.as(keeper, `select public.ship_stock($1, $2, $3, 3)`, [orgId, loose, warehouses[0]]);
    await db.as(keeper, `select public.ship_stock($1, $2, $3, 2)`, [orgId, consumable, warehouses[0]]);
    expect((await level(loose, warehouses[0]!)).on_hand).toBe('-3.0000');

    await db.query(
      `update public.organizations set settings = settings || '{"allow_negative_stock": true}' where id = $1`,
      [orgId],
    );
    try {
      await db.as(keeper, `select public.ship_stock($1, $2, $3, 1)`, [orgId, strict, warehouses[0]]);
      const overridden = await product('NEVER-NEG', { allow_negative_stock: false });
      await expect(
        db.as(keeper, `select public.ship_stock($1, $2, $3, 1)`, [orgId, overridden, warehouses[0]]),
      ).rejects.toMatchObject({
        code: '23514',
      });
    } finally {
      await db.query(
        `update public.organizations set settings = settings || '{"allow_negative_stock": false}' where id = $1`,
        [orgId],
      );
    }
  });

  it('keeps the ledger append-only and levels derived, and guards prices and costs', async () => {
    const pid = await product('GUARD', { sale_price: 10 });
    await db.as(keeper, `select public.receive_stock($1, $2, $3, 5, 3)`, [orgId, pid, warehouses[0]]);
    await expect(
      db.query(`update public.stock_movements set on_hand_delta = 50 where product_id = $1`, [pid]),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(db.query(`delete from public.stock_movements where product_id = $1`, [pid])).rejects.toMatchObject({
      code: '42501',
    });
    await expect(
      db.as(
        keeper,
        `insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, unit_cost) values ($1, $2, $3, 'receipt', 1, 1)`,
        [orgId, pid, warehouses[0]],
      ),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      db.as(owner, `update public.stock_levels set on_hand = 99 where product_id = $1`, [pid]),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(owner, `update public.products set cost = 1 where id = $1`, [pid])).rejects.toMatchObject({
      code: '42501',
    });
    // Warehouse staff edit products but not their prices.
    await db.as(keeper, `update public.products set name = 'Guard rail' where id = $1`, [pid]);
    await expect(db.as(keeper, `update public.products set sale_price = 1 where id = $1`, [pid])).rejects.toMatchObject(
      { code: '42501' },
    );
    // Support reads levels (availability) but not the ledger; sales may not move stock.
    expect(await db.as(support, `select on_hand from public.stock_levels where product_id = $1`, [pid])).toEqual([
      { on_hand: '5.0000' },
    ]);
    expect(await db.as(support, `select id from public.stock_movements where product_id = $1`, [pid])).toEqual([]);
    await expect(
      db.as(rep, `select public.adjust_stock($1, $2, $3, 1, 'found')`, [orgId, pid, warehouses[0]]),
    ).rejects.toMatchObject({
      code: '42501',
    });
    await expect(
      db.as(keeper, `select public.receive_stock($1, $2, $3, 0, 1)`, [orgId, pid, warehouses[0]]),
    ).rejects.toMatchObject({ code: '22023' });
  });
});

describe('document numbers', () => {
  it('are gapless per type and fiscal year under 50 concurrent takers, some of which roll back', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, async (_, i) => {
        const client = new pg.Client({ connectionString: stack.adminDbUrl });
        await client.connect();
        try {
          await client.query('begin');
          const { rows } = await client.query<{ n: string }>(
            `select private.next_document_number($1, 'TST', date '2026-06-30') as n`,
            [orgId],
          );
          if (i % 5 === 0) {
            await client.query('rollback');
            return null;
          }
          await client.query('commit');
          return rows[0]!.n;
        } finally {
          await client.end();
        }
      }),
    );
    const numbers = results.map((r) => (r.status === 'fulfilled' ? r.value : 'error')).filter((n) => n !== null);
    expect(numbers).toHaveLength(40);
    expect([...numbers].sort()).toEqual(
      Array.from({ length: 40 }, (_, i) => `TST-2026-${String(i + 1).padStart(5, '0')}`),
    );
  }, 60_000);

  it('follow the fiscal year and give back only the last number', async () => {
    await db.query(`update public.organizations set fiscal_year_start_month = 4 where id = $1`, [orgId]);
    const take = async (date: string) =>
      (await db.query<{ n: string }>(`select private.next_document_number($1, 'FY', $2::date) as n`, [orgId, date]))[0]!
        .n;
    expect(await take('2027-03-31')).toBe('FY-2026-00001');
    expect(await take('2027-04-01')).toBe('FY-2027-00001');
    expect(await take('2026-12-01')).toBe('FY-2026-00002');
    const release = async (n: string) =>
      (await db.query<{ ok: boolean }>(`select private.release_document_number($1, $2) as ok`, [orgId, n]))[0]!.ok;
    expect(await release('FY-2026-00001')).toBe(false);
    expect(await release('FY-2026-00002')).toBe(true);
    expect(await take('2026-12-02')).toBe('FY-2026-00002');
  });
});

describe('cycle counts', () => {
  it('posts counted differences against current stock, with a number, and warns when stock moved since the start', async () => {
    const a = await product('COUNT-A');
    const b = await product('COUNT-B');
    const wh = warehouses[0]!;
    await db.as(keeper, `select public.receive_stock($1, $2, $3, 10, 1)`, [orgId, a, wh]);
    await db.as(keeper, `select public.receive_stock($1, $2, $3, 5, 1)`, [orgId, b, wh]);
    const [count] = await db.as<{ id: string }>(keeper, `select id from public.start_stock_count($1, $2, $3)`, [
      orgId,
      wh,
      [a, b],
    ]);
    expect(
      await db.as(
        keeper,
        `select p.sku, l.expected_quantity from public.stock_count_lines l join public.products p on p.id = l.product_id
        where l.count_id = $1 order by p.sku`,
        [count!.id],
      ),
    ).toEqual([
      { sku: 'COUNT-A', expected_quantity: '10.0000' },
      { sku: 'COUNT-B', expected_quantity: '5.0000' },
    ]);
    await expect(db.as(keeper, `select public.post_stock_count($1)`, [count!.id])).rejects.toMatchObject({
      code: '23514',
    });
    await db.as(
      keeper,
      `update public.stock_count_lines set counted_quantity = 8 where count_id = $1 and product_id = $2`,
      [count!.id, a],
    );
    await db.as(
      keeper,
      `update public.stock_count_lines set counted_quantity = 5 where count_id = $1 and product_id = $2`,
      [count!.id, b],
    );
    // Two units of A ship while the count is under way.
    await db.as(keeper, `select public.ship_stock($1, $2, $3, 2)`, [orgId, a, wh]);
    await expect(db.as(keeper, `select public.post_stock_count($1)`, [count!.id])).rejects.toMatchObject({
      code: 'P0001',
      message: 'Stock moved since the count started: COUNT-A',
    });
    const [posted] = await db.as<{ status: string; number: string }>(
      keeper,
      `select status, number from public.post_stock_count($1, true)`,
      [count!.id],
    );
    expect(posted!.status).toBe('posted');
    expect(posted!.number).toMatch(/^CNT-\d{4}-\d{5}$/);
    // Counted 8 against 8 now on hand: no movement for A; B matched too.
    expect(
      await db.query(`select count(*)::int as n from public.stock_movements where document_id = $1`, [count!.id]),
    ).toEqual([{ n: 0 }]);
    expect((await level(a, wh)).on_hand).toBe('8.0000');
    await expect(
      db.as(keeper, `update public.stock_count_lines set counted_quantity = 1 where count_id = $1`, [count!.id]),
    ).rejects.toMatchObject({
      code: '42501',
    });
    await expect(db.as(keeper, `delete from public.stock_counts where id = $1`, [count!.id])).rejects.toMatchObject({
      code: '42501',
    });

    const [second] = await db.as<{ id: string }>(keeper, `select id from public.start_stock_count($1, $2, $3)`, [
      orgId,
      wh,
      [b],
    ]);
    await db.as(keeper, `update public.stock_count_lines set counted_quantity = 3 where count_id = $1`, [second!.id]);
    await db.as(keeper, `select public.post_stock_count($1)`, [second!.id]);
    expect(
      await db.query(`select kind, on_hand_delta, reason from public.stock_movements where document_id = $1`, [
        second!.id,
      ]),
    ).toEqual([{ kind: 'count', on_hand_delta: '-2.0000', reason: 'Cycle count' }]);
    expect((await level(b, wh)).on_hand).toBe('3.0000');
    await expect(db.as(rep, `select public.start_stock_count($1, $2)`, [orgId, wh])).rejects.toMatchObject({
      code: '42501',
    });
  });
});
