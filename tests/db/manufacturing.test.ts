// Manufacturing, enforced by Postgres: multi-level bills of materials (quantities, output
// quantities, scrap) and their explosion, refused loops, "can we build it" with netted
// shortages, and production orders planned → started (components reserved, all or nothing,
// gapless PRD numbers) → done (components out at moving-average cost, finished goods in at
// the rolled-up cost, one journal entry) or cancelled (reservations released). Every expected
// quantity, cost and journal line is computed by hand in the comments next to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let owner: Actor;
let keeper: Actor;
let rep: Actor;
let support: Actor;
let accountant: Actor;
let outsider: Actor;
let orgId: string;
let otherOrgId: string;
let warehouseId: string;
const year = new Date().getUTCFullYear();

type Kit = Record<'TBL' | 'LEG' | 'TOP' | 'SCREW' | 'BOARD' | 'GLUE', string> & { tableBom: string; topBom: string };

const sqlError = async (p: Promise<unknown>): Promise<{ code: string; message: string; detail?: string }> => {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; message: string; detail?: string };
    return { code: err.code ?? 'error', message: err.message, detail: err.detail };
  }
  return { code: 'ok', message: '' };
};

/**
 * A table and its parts, SKUs suffixed by `tag`:
 *   Table (BOM output 1): 4 legs, 1 top, 8 screws.
 *   Top (BOM output 2):   4 boards, 1 l glue with 10 % scrap, i.e. per top 2 boards and 0.55 l glue.
 */
async function kit(tag: string): Promise<Kit> {
  const ids: Record<string, string> = {};
  for (const [sku, name, uom] of [
    ['TBL', 'Table', 'unit'],
    ['LEG', 'Leg', 'unit'],
    ['TOP', 'Table top', 'unit'],
    ['SCREW', 'Screw', 'unit'],
    ['BOARD', 'Board', 'unit'],
    ['GLUE', 'Glue', 'l'],
  ] as const) {
    const [row] = await db.as<{ id: string }>(
      owner,
      `insert into public.products (org_id, sku, name, uom) values ($1, $2, $3, $4) returning id`,
      [orgId, `${sku}-${tag}`, name, uom],
    );
    ids[sku] = row!.id;
  }
  const bom = async (product: string, name: string, output: number, lines: [string, number, number][]) => {
    const [row] = await db.as<{ id: string }>(
      keeper,
      `insert into public.boms (org_id, product_id, name, output_quantity) values ($1, $2, $3, $4) returning id`,
      [orgId, product, name, output],
    );
    for (const [i, [component, quantity, scrap]] of lines.entries()) {
      await db.as(
        keeper,
        `insert into public.bom_lines (org_id, bom_id, position, product_id, quantity, scrap_pct) values ($1, $2, $3, $4, $5, $6)`,
        [orgId, row!.id, i + 1, component, quantity, scrap],
      );
    }
    return row!.id;
  };
  const tableBom = await bom(ids.TBL!, 'Table', 1, [
    [ids.LEG!, 4, 0],
    [ids.TOP!, 1, 0],
    [ids.SCREW!, 8, 0],
  ]);
  const topBom = await bom(ids.TOP!, 'Table top', 2, [
    [ids.BOARD!, 4, 0],
    [ids.GLUE!, 1, 10],
  ]);
  return { ...(ids as Kit), tableBom, topBom };
}

const receive = (product: string, quantity: number, unitCost: number) =>
  db.as(keeper, `select public.receive_stock($1, $2, $3, $4, $5)`, [orgId, product, warehouseId, quantity, unitCost]);

const level = async (product: string) => {
  const [row] = await db.query<{ on_hand: string; reserved: string }>(
    `select on_hand::text, reserved::text from public.stock_levels where product_id = $1 and warehouse_id = $2`,
    [product, warehouseId],
  );
  return row ? [row.on_hand, row.reserved] : ['0', '0'];
};

const cost = async (product: string) =>
  (await db.query<{ cost: string }>(`select cost::text from public.products where id = $1`, [product]))[0]!.cost;

interface Order {
  id: string;
  number: string | null;
  status: string;
  produced_quantity: string | null;
  material_cost: string | null;
  labour_cost: string;
  unit_cost: string | null;
  journal_entry_id: string | null;
}
const orderColumns = `id, number, status, produced_quantity::text, material_cost::text, labour_cost::text, unit_cost::text, journal_entry_id`;

const plan = async (product: string, quantity: number, actor: Actor = keeper) =>
  (
    await db.as<Order>(actor, `select ${orderColumns} from public.plan_production_order($1, $2, $3)`, [
      orgId,
      product,
      quantity,
    ])
  )[0]!;
const start = async (id: string, actor: Actor = keeper) =>
  (await db.as<Order>(actor, `select ${orderColumns} from public.start_production_order($1, $2)`, [orgId, id]))[0]!;
const complete = async (id: string, args: { quantity?: number; labour?: number; date?: string } = {}, actor = keeper) =>
  (
    await db.as<Order>(
      actor,
      `select ${orderColumns} from public.complete_production_order($1, $2, p_quantity => $3, p_labour_cost => $4, p_date => $5)`,
      [orgId, id, args.quantity ?? null, args.labour ?? null, args.date ?? null],
    )
  )[0]!;
const cancel = async (id: string, actor: Actor = keeper) =>
  (await db.as<Order>(actor, `select ${orderColumns} from public.cancel_production_order($1, $2)`, [orgId, id]))[0]!;

/** [sku, required, reserved, consumed, unit cost] per component, by SKU. */
const components = async (orderId: string) =>
  (
    await db.query<{ sku: string; required: string; reserved: string; consumed: string; unit_cost: string | null }>(
      `select split_part(p.sku, '-', 1) as sku, c.required_quantity::text as required, c.reserved_quantity::text as reserved,
         c.consumed_quantity::text as consumed, c.unit_cost::text
       from public.production_order_components c join public.products p on p.id = c.product_id
       where c.production_order_id = $1 order by p.sku`,
      [orderId],
    )
  ).map((r) => [r.sku, r.required, r.reserved, r.consumed, r.unit_cost]);

/** The order's ledger rows by SKU, then in posting order: [sku, kind, on-hand delta, reserved delta, unit cost]. */
const movements = async (orderId: string) =>
  (
    await db.query<{ sku: string; kind: string; on_hand_delta: string; reserved_delta: string; unit_cost: string }>(
      `select split_part(p.sku, '-', 1) as sku, m.kind::text, m.on_hand_delta::text, m.reserved_delta::text, m.unit_cost::text
       from public.stock_movements m join public.products p on p.id = m.product_id
       where m.document_type = 'production_order' and m.document_id = $1 order by p.sku, m.id`,
      [orderId],
    )
  ).map((r) => [r.sku, r.kind, r.on_hand_delta, r.reserved_delta, r.unit_cost]);

/** The journal lines of an order's entry: [account code, debit, credit], sorted. */
const journalOf = async (orderId: string) =>
  (
    await db.query<{ code: string; debit: string; credit: string }>(
      `select a.code, l.debit::text, l.credit::text
       from public.journal_entries e join public.journal_lines l on l.entry_id = e.id
       join public.gl_accounts a on a.id = l.gl_account_id
       where e.source_type = 'production_orders' and e.source_id = $1 and e.status = 'posted'
       order by a.code, l.debit, l.credit`,
      [orderId],
    )
  ).map((r) => [r.code, r.debit, r.credit]);

const openAlerts = async (products: string[]) =>
  (
    await db.query<{ sku: string; available: string; demand: string; point: string; quantity: string }>(
      `select split_part(p.sku, '-', 1) as sku, a.available_at_open::text as available,
         a.production_demand_at_open::text as demand, a.reorder_point::text as point, a.reorder_quantity::text as quantity
       from public.reorder_alerts a join public.products p on p.id = a.product_id
       where a.status = 'open' and a.product_id = any ($1::uuid[]) order by p.sku`,
      [products],
    )
  ).map((r) => [r.sku, r.available, r.demand, r.point, r.quantity]);

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  owner = await db.createUser('owner@mfg.test');
  keeper = await db.createUser('keeper@mfg.test');
  rep = await db.createUser('rep@mfg.test');
  support = await db.createUser('support@mfg.test');
  accountant = await db.createUser('accountant@mfg.test');
  outsider = await db.createUser('outsider@other.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    owner,
    `select id from public.create_organization('Mfg Co', 'mfg-co', 'EUR')`,
  )) as [{ id: string }];
  [{ id: otherOrgId }] = (await db.as<{ id: string }>(
    outsider,
    `select id from public.create_organization('Other Co', 'other-co', 'EUR')`,
  )) as [{ id: string }];
  await db.query(
    `insert into public.memberships (org_id, user_id, role)
     values ($1, $2, 'warehouse'), ($1, $3, 'sales'), ($1, $4, 'support'), ($1, $5, 'accountant')`,
    [orgId, keeper.id, rep.id, support.id, accountant.id],
  );
  [{ id: warehouseId }] = (await db.query<{ id: string }>(
    `select id from public.warehouses where org_id = $1 and code = 'MAIN'`,
    [orgId],
  )) as [{ id: string }];
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('bills of materials', () => {
  let k: Kit;
  beforeAll(async () => {
    k = await kit('X');
  });

  it('explodes a table to every level, with output quantities and scrap', async () => {
    const rows = await db.as<{ level: number; sku_path: string[]; quantity: string; is_leaf: boolean }>(
      rep,
      `select level, sku_path, quantity::text, is_leaf from public.explode_bom($1, $2, 3)`,
      [orgId, k.TBL],
    );
    // 3 tables: 3 × 4 legs, 3 × 1 top, 3 × 8 screws; the 3 tops: 3 × 4 / 2 = 6 boards and
    // 3 × 1 / 2 × 1.10 = 1.65 l glue.
    expect(rows.map((r) => [r.level, r.sku_path.join('/'), r.quantity, r.is_leaf])).toEqual([
      [1, 'LEG-X', '12.0000', true],
      [1, 'TOP-X', '3.0000', false],
      [2, 'TOP-X/BOARD-X', '6.0000', true],
      [2, 'TOP-X/GLUE-X', '1.6500', true],
      [1, 'SCREW-X', '24.0000', true],
    ]);
    const direct = await db.as<{ sku: string; quantity: string }>(
      keeper,
      `select sku, quantity::text from public.explode_bom($1, $2, 1, p_levels => 1)`,
      [orgId, k.TBL],
    );
    expect(direct.map((r) => [r.sku, r.quantity])).toEqual([
      ['LEG-X', '4.0000'],
      ['TOP-X', '1.0000'],
      ['SCREW-X', '8.0000'],
    ]);
  });

  it('refuses a product in its own explosion, directly, through levels, or by activating a BOM', async () => {
    const self = await sqlError(
      db.as(keeper, `insert into public.bom_lines (org_id, bom_id, product_id, quantity) values ($1, $2, $3, 1)`, [
        orgId,
        k.tableBom,
        k.TBL,
      ]),
    );
    expect(self.code).toBe('23514');
    expect(self.message).toContain('TBL-X → TBL-X');
    const [boardBom] = await db.as<{ id: string }>(
      keeper,
      `insert into public.boms (org_id, product_id, name) values ($1, $2, 'Board from tables') returning id`,
      [orgId, k.BOARD],
    );
    const deep = await sqlError(
      db.as(keeper, `insert into public.bom_lines (org_id, bom_id, product_id, quantity) values ($1, $2, $3, 1)`, [
        orgId,
        boardBom!.id,
        k.TBL,
      ]),
    );
    expect(deep.code).toBe('23514');
    expect(deep.message).toBe(
      'A product cannot be part of its own bill of materials: Board (BOARD-X) would be in its own explosion (BOARD-X → TBL-X → TOP-X → BOARD-X)',
    );
    // An archived BOM may hold the line; activating it is what would close the loop.
    await db.as(keeper, `update public.boms set is_active = false where id = $1`, [boardBom!.id]);
    await db.as(keeper, `insert into public.bom_lines (org_id, bom_id, product_id, quantity) values ($1, $2, $3, 1)`, [
      orgId,
      boardBom!.id,
      k.TBL,
    ]);
    expect(
      (await sqlError(db.as(keeper, `update public.boms set is_active = true where id = $1`, [boardBom!.id]))).code,
    ).toBe('23514');
    // The board is still a leaf.
    const leaves = await db.as<{ sku: string }>(
      keeper,
      `select sku from public.explode_bom($1, $2) where is_leaf order by sku`,
      [orgId, k.TBL],
    );
    expect(leaves.map((r) => r.sku)).toEqual(['BOARD-X', 'GLUE-X', 'LEG-X', 'SCREW-X']);
  });

  it('uses the default BOM, numbers versions and keeps one default per product', async () => {
    const [v2] = await db.as<{ id: string; version: number }>(
      keeper,
      `insert into public.boms (org_id, product_id, name, is_default) values ($1, $2, 'Top, thick', true) returning id, version`,
      [orgId, k.TOP],
    );
    expect(v2!.version).toBe(2);
    await db.as(keeper, `insert into public.bom_lines (org_id, bom_id, product_id, quantity) values ($1, $2, $3, 3)`, [
      orgId,
      v2!.id,
      k.BOARD,
    ]);
    const rows = await db.as<{ sku_path: string[]; quantity: string }>(
      keeper,
      `select sku_path, quantity::text from public.explode_bom($1, $2, 2) where level = 2`,
      [orgId, k.TBL],
    );
    // 2 tables → 2 tops → 2 × 3 boards with the default (version 2) BOM.
    expect(rows.map((r) => [r.sku_path.join('/'), r.quantity])).toEqual([['TOP-X/BOARD-X', '6.0000']]);
    const [v3] = await db.as<{ id: string }>(
      keeper,
      `insert into public.boms (org_id, product_id, name, is_default) values ($1, $2, 'Top, v3', true) returning id`,
      [orgId, k.TOP],
    );
    const defaults = await db.query<{ id: string }>(`select id from public.boms where product_id = $1 and is_default`, [
      k.TOP,
    ]);
    expect(defaults.map((r) => r.id)).toEqual([v3!.id]);
    // Back to the original BOM for the other tests.
    await db.as(keeper, `update public.boms set is_active = false, is_default = false where id in ($1, $2)`, [
      v2!.id,
      v3!.id,
    ]);
    await db.as(keeper, `update public.boms set is_default = true where id = $1`, [k.topBom]);
  });

  it('saves a BOM and its lines in one go (save_bom): a refused line leaves the stored BOM as it was', async () => {
    const b = await kit('SV');
    const stored = (bom: string) =>
      db.as<{ sku: string; quantity: string; scrap_pct: string; position: number }>(
        keeper,
        `select p.sku, l.quantity::text, l.scrap_pct::text, l.position from public.bom_lines l
         join public.products p on p.id = l.product_id where l.bom_id = $1 order by l.position`,
        [bom],
      );
    const before = await stored(b.tableBom);
    expect(before.map((l) => [l.sku, l.quantity])).toEqual([
      ['LEG-SV', '4.0000'],
      ['TOP-SV', '1.0000'],
      ['SCREW-SV', '8.0000'],
    ]);
    const lineIds = Object.fromEntries(
      (
        await db.as<{ sku: string; id: string }>(
          keeper,
          `select p.sku, l.id from public.bom_lines l join public.products p on p.id = l.product_id where l.bom_id = $1`,
          [b.tableBom],
        )
      ).map((r) => [r.sku, r.id]),
    );
    const header = {
      product_id: b.TBL,
      name: 'Table',
      output_quantity: 1,
      is_active: true,
      is_default: true,
      notes: null,
    };
    const save = (actor: Actor, lines: unknown[], bomId: string | null, bom: object = header) =>
      db.as<{ id: string }>(actor, `select public.save_bom($1, $2, $3, $4) as id`, [
        orgId,
        JSON.stringify(bom),
        JSON.stringify(lines),
        bomId,
      ]);

    // Legs changed, screws removed, then the table itself added: the loop is refused and nothing
    // of the change stays (neither the new leg quantity nor the removed screws).
    const loop = await sqlError(
      save(
        keeper,
        [
          { id: lineIds['LEG-SV'], product_id: b.LEG, quantity: 5, scrap_pct: 0 },
          { id: lineIds['TOP-SV'], product_id: b.TOP, quantity: 1, scrap_pct: 0 },
          { product_id: b.TBL, quantity: 1, scrap_pct: 0 },
        ],
        b.tableBom,
      ),
    );
    expect(loop.code).toBe('23514');
    expect(loop.message).toContain('TBL-SV → TBL-SV');
    expect(await stored(b.tableBom)).toEqual(before);

    // A valid save: top first, legs 6 with 5 % scrap, screws gone, glue added; positions follow the list.
    const [saved] = await save(
      keeper,
      [
        { id: lineIds['TOP-SV'], product_id: b.TOP, quantity: 1, scrap_pct: 0 },
        { id: lineIds['LEG-SV'], product_id: b.LEG, quantity: 6, scrap_pct: 5 },
        { product_id: b.GLUE, quantity: 0.5, scrap_pct: 0 },
      ],
      b.tableBom,
      { ...header, name: 'Table, glued' },
    );
    expect(saved!.id).toBe(b.tableBom);
    expect((await stored(b.tableBom)).map((l) => [l.sku, l.quantity, l.scrap_pct, l.position])).toEqual([
      ['TOP-SV', '1.0000', '0.00', 0],
      ['LEG-SV', '6.0000', '5.00', 1],
      ['GLUE-SV', '0.5000', '0.00', 2],
    ]);

    // A new BOM for the table becomes version 2 and the default once its lines are in; a new BOM
    // whose line is refused is not created at all.
    const [created] = await save(keeper, [{ product_id: b.LEG, quantity: 3, scrap_pct: 0 }], null);
    const boms = await db.as<{ id: string; version: number; is_default: boolean }>(
      keeper,
      `select id, version, is_default from public.boms where product_id = $1 order by version`,
      [b.TBL],
    );
    expect(boms).toEqual([
      { id: b.tableBom, version: 1, is_default: false },
      { id: created!.id, version: 2, is_default: true },
    ]);
    const refusedNew = await sqlError(save(keeper, [{ product_id: b.TBL, quantity: 1, scrap_pct: 0 }], null));
    expect(refusedNew.code).toBe('23514');
    expect(
      (
        await db.as<{ n: number }>(keeper, `select count(*)::int as n from public.boms where product_id = $1`, [b.TBL])
      )[0]!.n,
    ).toBe(2);

    // Sales reads BOMs but may not write them; a BOM of another organisation is not found.
    expect((await sqlError(save(rep, [{ product_id: b.LEG, quantity: 1, scrap_pct: 0 }], null))).code).toBe('42501');
    expect((await sqlError(save(outsider, [{ product_id: b.LEG, quantity: 1, scrap_pct: 0 }], b.tableBom))).code).toBe(
      'P0002',
    );
  });

  it('refuses services as components and as products to build', async () => {
    const [service] = await db.as<{ id: string }>(
      owner,
      `insert into public.products (org_id, sku, name, kind) values ($1, 'ASSEMBLY', 'Assembly work', 'service') returning id`,
      [orgId],
    );
    const asComponent = await sqlError(
      db.as(keeper, `insert into public.bom_lines (org_id, bom_id, product_id, quantity) values ($1, $2, $3, 1)`, [
        orgId,
        k.tableBom,
        service!.id,
      ]),
    );
    expect(asComponent).toMatchObject({
      code: '23514',
      message: 'Assembly work (ASSEMBLY) is a service and cannot be a component',
    });
    const asProduct = await sqlError(
      db.as(keeper, `insert into public.boms (org_id, product_id, name) values ($1, $2, 'x')`, [orgId, service!.id]),
    );
    expect(asProduct.code).toBe('23514');
  });

  it('says what is short to build, netted through the levels, and how many can be built', async () => {
    const c = await kit('CB');
    await receive(c.LEG, 10, 5);
    await receive(c.TOP, 1, 30);
    await receive(c.SCREW, 100, 0.1);
    await receive(c.BOARD, 3, 8);
    const [{ can_build: answer }] = (await db.as<{ can_build: Record<string, unknown> }>(
      rep,
      `select public.can_build($1, $2, 3, $3)`,
      [orgId, c.TBL, warehouseId],
    )) as [{ can_build: Record<string, unknown> }];
    // 3 tables need 12 legs (10: short 2), 3 tops (1: short 2), 24 screws (100). The 2 missing
    // tops need 2 × 4 / 2 = 4 boards (3: short 1) and 2 × 1 / 2 × 1.1 = 1.1 l glue (none).
    // Whole tables from the direct components: min(10 / 4, 1 / 1, 100 / 8) = 1.
    expect(answer).toMatchObject({ buildable: false, max_buildable: 1, quantity: 3, bom_id: c.tableBom });
    const rows = (answer.components as Record<string, unknown>[]).map((r) => [
      r.level,
      (r.sku_path as string[]).join('/'),
      r.required,
      r.available,
      r.shortage,
    ]);
    expect(rows).toEqual([
      [1, 'LEG-CB', 12, 10, 2],
      [1, 'TOP-CB', 3, 1, 2],
      [2, 'TOP-CB/BOARD-CB', 4, 3, 1],
      [2, 'TOP-CB/GLUE-CB', 1.1, 0, 1.1],
      [1, 'SCREW-CB', 24, 100, 0],
    ]);
    expect((answer.to_buy as Record<string, unknown>[]).map((r) => [r.sku, r.shortage])).toEqual([
      ['BOARD-CB', 1],
      ['GLUE-CB', 1.1],
      ['LEG-CB', 2],
    ]);
    const [{ can_build: one }] = (await db.as<{ can_build: Record<string, unknown> }>(
      keeper,
      `select public.can_build($1, $2, 1)`,
      [orgId, c.TBL],
    )) as [{ can_build: Record<string, unknown> }];
    expect(one).toMatchObject({ buildable: true, max_buildable: 1, to_buy: [] });
  });

  it('shows BOMs to manufacturing readers only, and nothing of another organisation', async () => {
    expect((await sqlError(db.as(support, `select * from public.explode_bom($1, $2)`, [orgId, k.TBL]))).code).toBe(
      '42501',
    );
    expect((await db.as(support, `select id from public.boms where org_id = $1`, [orgId])).length).toBe(0);
    expect((await db.as(rep, `select id from public.boms where id = $1`, [k.tableBom])).length).toBe(1);
    expect(
      (
        await sqlError(
          db.as(rep, `insert into public.boms (org_id, product_id, name) values ($1, $2, 'x')`, [orgId, k.LEG]),
        )
      ).code,
    ).toBe('42501');
    expect((await db.as(outsider, `select id from public.boms where id = $1`, [k.tableBom])).length).toBe(0);
    expect((await sqlError(db.as(outsider, `select * from public.explode_bom($1, $2)`, [orgId, k.TBL]))).code).toBe(
      'P0002',
    );
    expect((await sqlError(db.as(outsider, `select public.can_build($1, $2, 1)`, [orgId, k.TBL]))).code).toBe('P0002');
    // Their own org does not have the product.
    expect(
      (await sqlError(db.as(outsider, `select * from public.explode_bom($1, $2)`, [otherOrgId, k.TBL]))).code,
    ).toBe('P0002');
  });
});

describe('production orders', () => {
  it('plans an order from the BOM and raises reorder alerts for what production will lack', async () => {
    const k = await kit('P');
    await receive(k.LEG, 10, 5);
    await receive(k.TOP, 1, 30);
    await receive(k.SCREW, 100, 0.1);
    const order = await plan(k.TBL, 2);
    expect(order).toMatchObject({ status: 'planned', number: null, labour_cost: '0.00' });
    expect(await components(order.id)).toEqual([
      ['LEG', '8.0000', '0.0000', '0.0000', null],
      ['SCREW', '16.0000', '0.0000', '0.0000', null],
      ['TOP', '2.0000', '0.0000', '0.0000', null],
    ]);
    // Tops: 1 available, 2 needed, no reorder rule: an alert at reorder point 0 for the shortfall of 1.
    expect(await openAlerts([k.LEG, k.TOP, k.SCREW])).toEqual([['TOP', '1.0000', '2.0000', '0.0000', '1.0000']]);
    // A second order for 2 more: legs 10 − 16 = −6 below 0 (buy 6), tops 1 − 4 (the open alert stays as it was).
    const second = await plan(k.TBL, 2);
    expect(await openAlerts([k.LEG, k.TOP, k.SCREW])).toEqual([
      ['LEG', '10.0000', '16.0000', '0.0000', '6.0000'],
      ['TOP', '1.0000', '2.0000', '0.0000', '1.0000'],
    ]);
    // Cancelling the second takes its demand away: the legs recovered (10 ≥ 8), the tops did not.
    await cancel(second.id);
    expect(await openAlerts([k.LEG, k.TOP, k.SCREW])).toEqual([['TOP', '1.0000', '2.0000', '0.0000', '1.0000']]);
    // Receiving tops closes it through the stock level (1 + 4 − 2 ≥ 0).
    await receive(k.TOP, 4, 30);
    expect(await openAlerts([k.TOP])).toEqual([]);
    // With a reorder rule (point 20, quantity 50), the demand counts against it:
    // 100 − 16 = 84 screws projected, above 20: nothing; a third order for 10 tables needs 80 more: 100 − 96 = 4 < 20,
    // and the alert orders max(50, 20 − 4) = 50.
    await db.as(
      keeper,
      `insert into public.reorder_rules (org_id, product_id, warehouse_id, reorder_point, reorder_quantity) values ($1, $2, $3, 20, 50)`,
      [orgId, k.SCREW, warehouseId],
    );
    await db.as(keeper, `select public.raise_reorder_alerts($1, $2)`, [orgId, k.SCREW]);
    expect(await openAlerts([k.SCREW])).toEqual([]);
    await plan(k.TBL, 10);
    expect(await openAlerts([k.SCREW])).toEqual([['SCREW', '100.0000', '96.0000', '20.0000', '50.0000']]);
  });

  it('starts (reserving every component), completes with labour through the ledger and the books, once', async () => {
    const k = await kit('C');
    await receive(k.LEG, 10, 5);
    await receive(k.TOP, 3, 30);
    await receive(k.SCREW, 100, 0.1);
    await receive(k.TBL, 1, 50);
    const order = await plan(k.TBL, 2);
    expect((await sqlError(start(order.id, rep))).code).toBe('42501');
    const started = await start(order.id);
    expect(started).toMatchObject({ status: 'in_progress' });
    expect(started.number).toMatch(new RegExp(`^PRD-${year}-\\d{5}$`));
    expect(await level(k.LEG)).toEqual(['10.0000', '8.0000']);
    expect(await level(k.TOP)).toEqual(['3.0000', '2.0000']);
    expect(await level(k.SCREW)).toEqual(['100.0000', '16.0000']);
    expect(await components(order.id)).toEqual([
      ['LEG', '8.0000', '8.0000', '0.0000', null],
      ['SCREW', '16.0000', '16.0000', '0.0000', null],
      ['TOP', '2.0000', '2.0000', '0.0000', null],
    ]);
    // Started orders are the actions' business.
    expect(
      (await sqlError(db.as(keeper, `update public.production_orders set quantity = 5 where id = $1`, [order.id])))
        .code,
    ).toBe('42501');
    expect((await sqlError(start(order.id))).code).toBe('23514');
    expect((await sqlError(complete(order.id, { labour: 20 }, rep))).code).toBe('42501');

    const done = await complete(order.id, { labour: 20 });
    // Material: 8 legs × 5.00 + 2 tops × 30.00 + 16 screws × 0.10 = 40.00 + 60.00 + 1.60 = 101.60;
    // with 20.00 labour 121.60 for 2 tables: 60.80 each.
    expect(done).toMatchObject({
      status: 'done',
      produced_quantity: '2.0000',
      material_cost: '101.60',
      labour_cost: '20.00',
      unit_cost: '60.8000',
    });
    expect(await movements(order.id)).toEqual([
      ['LEG', 'reservation', '0.0000', '8.0000', '5.0000'],
      ['LEG', 'production_out', '-8.0000', '-8.0000', '5.0000'],
      ['SCREW', 'reservation', '0.0000', '16.0000', '0.1000'],
      ['SCREW', 'production_out', '-16.0000', '-16.0000', '0.1000'],
      ['TBL', 'production_in', '2.0000', '0.0000', '60.8000'],
      ['TOP', 'reservation', '0.0000', '2.0000', '30.0000'],
      ['TOP', 'production_out', '-2.0000', '-2.0000', '30.0000'],
    ]);
    expect(await level(k.LEG)).toEqual(['2.0000', '0.0000']);
    expect(await level(k.TOP)).toEqual(['1.0000', '0.0000']);
    expect(await level(k.SCREW)).toEqual(['84.0000', '0.0000']);
    expect(await level(k.TBL)).toEqual(['3.0000', '0.0000']);
    // Moving average of the table: (1 × 50.00 + 2 × 60.80) / 3 = 171.60 / 3 = 57.20.
    expect(await cost(k.TBL)).toBe('57.2000');
    expect(await components(order.id)).toEqual([
      ['LEG', '8.0000', '0.0000', '8.0000', '5.0000'],
      ['SCREW', '16.0000', '0.0000', '16.0000', '0.1000'],
      ['TOP', '2.0000', '0.0000', '2.0000', '30.0000'],
    ]);
    // Finished goods in (1200 Dr 121.60), components out (1200 Cr 101.60), labour absorbed (5300 Cr 20.00).
    expect(await journalOf(order.id)).toEqual([
      ['1200', '0.00', '101.60'],
      ['1200', '121.60', '0.00'],
      ['5300', '0.00', '20.00'],
    ]);
    const [entry] = await db.query<{ id: string; entry_date: string }>(
      `select id, entry_date::text from public.journal_entries where source_type = 'production_orders' and source_id = $1`,
      [order.id],
    );
    expect(done.journal_entry_id).toBe(entry!.id);

    const again = await sqlError(complete(order.id, { labour: 20 }));
    expect(again).toMatchObject({
      code: '23514',
      message: `Production order ${started.number} is done and cannot be completed`,
    });
    expect((await movements(order.id)).length).toBe(7);
    expect((await journalOf(order.id)).length).toBe(3);
    expect(
      (await sqlError(db.as(keeper, `update public.production_orders set notes = 'x' where id = $1`, [order.id]))).code,
    ).toBe('42501');
    expect((await sqlError(db.as(keeper, `delete from public.production_orders where id = $1`, [order.id]))).code).toBe(
      '42501',
    );
    expect((await sqlError(cancel(order.id))).code).toBe('23514');
    expect(
      (
        await sqlError(
          db.as(
            keeper,
            `update public.production_order_components set consumed_quantity = 1 where production_order_id = $1`,
            [order.id],
          ),
        )
      ).code,
    ).toBe('42501');
  });

  it('completes part of an order pro rata, with the labour the order carries, and releases the rest', async () => {
    const k = await kit('H');
    await receive(k.LEG, 8, 5);
    await receive(k.TOP, 2, 30);
    await receive(k.SCREW, 16, 0.1);
    const order = await plan(k.TBL, 2);
    await start(order.id);
    // The people/time module keeps labour current through this hook.
    await db.query(`select private.set_production_order_labour_cost($1, 9.2)`, [order.id]);
    const done = await complete(order.id, { quantity: 1 });
    // 1 of 2 tables: 4 legs (20.00), 1 top (30.00), 8 screws (0.80) = 50.80, + 9.20 labour = 60.00 for 1 table.
    expect(done).toMatchObject({
      produced_quantity: '1.0000',
      material_cost: '50.80',
      labour_cost: '9.20',
      unit_cost: '60.0000',
    });
    expect(await movements(order.id)).toEqual([
      ['LEG', 'reservation', '0.0000', '8.0000', '5.0000'],
      ['LEG', 'production_out', '-4.0000', '-4.0000', '5.0000'],
      ['LEG', 'release', '0.0000', '-4.0000', '5.0000'],
      ['SCREW', 'reservation', '0.0000', '16.0000', '0.1000'],
      ['SCREW', 'production_out', '-8.0000', '-8.0000', '0.1000'],
      ['SCREW', 'release', '0.0000', '-8.0000', '0.1000'],
      ['TBL', 'production_in', '1.0000', '0.0000', '60.0000'],
      ['TOP', 'reservation', '0.0000', '2.0000', '30.0000'],
      ['TOP', 'production_out', '-1.0000', '-1.0000', '30.0000'],
      ['TOP', 'release', '0.0000', '-1.0000', '30.0000'],
    ]);
    expect(await level(k.LEG)).toEqual(['4.0000', '0.0000']);
    expect(await level(k.TBL)).toEqual(['1.0000', '0.0000']);
    // The table had no stock: its cost is the order's.
    expect(await cost(k.TBL)).toBe('60.0000');
    expect(await journalOf(order.id)).toEqual([
      ['1200', '0.00', '50.80'],
      ['1200', '60.00', '0.00'],
      ['5300', '0.00', '9.20'],
    ]);
    expect((await sqlError(db.query(`select private.set_production_order_labour_cost($1, 1)`, [order.id]))).code).toBe(
      '23514',
    );
  });

  it('refuses to start short, listing every short component, and holds nothing', async () => {
    const k = await kit('S');
    await receive(k.LEG, 3, 5);
    await receive(k.SCREW, 100, 0.1);
    const order = await plan(k.TBL, 1);
    const refused = await sqlError(start(order.id));
    expect(refused.code).toBe('23514');
    expect(refused.message).toBe(
      'Not enough components to start production of 1 TBL-S: LEG-S needs 4, 3 available; TOP-S needs 1, 0 available',
    );
    const short = (JSON.parse(refused.detail!) as { sku: string }[]).sort((a, b) => a.sku.localeCompare(b.sku));
    expect(short).toEqual([
      { product_id: k.LEG, sku: 'LEG-S', required: 4, available: 3, shortage: 1 },
      { product_id: k.TOP, sku: 'TOP-S', required: 1, available: 0, shortage: 1 },
    ]);
    expect(await level(k.SCREW)).toEqual(['100.0000', '0.0000']);
    expect(await level(k.LEG)).toEqual(['3.0000', '0.0000']);
    const [row] = await db.query<{ status: string; number: string | null }>(
      `select status, number from public.production_orders where id = $1`,
      [order.id],
    );
    expect(row).toEqual({ status: 'planned', number: null });
  });

  it('cancels: a started order gives its reservations back and keeps its number', async () => {
    const k = await kit('K');
    await receive(k.LEG, 4, 5);
    await receive(k.TOP, 1, 30);
    await receive(k.SCREW, 8, 0.1);
    const order = await plan(k.TBL, 1);
    const started = await start(order.id);
    expect(await level(k.LEG)).toEqual(['4.0000', '4.0000']);
    expect((await sqlError(cancel(order.id, rep))).code).toBe('42501');
    const cancelled = await cancel(order.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', number: started.number });
    expect(await movements(order.id)).toEqual([
      ['LEG', 'reservation', '0.0000', '4.0000', '5.0000'],
      ['LEG', 'release', '0.0000', '-4.0000', '5.0000'],
      ['SCREW', 'reservation', '0.0000', '8.0000', '0.1000'],
      ['SCREW', 'release', '0.0000', '-8.0000', '0.1000'],
      ['TOP', 'reservation', '0.0000', '1.0000', '30.0000'],
      ['TOP', 'release', '0.0000', '-1.0000', '30.0000'],
    ]);
    expect(await level(k.LEG)).toEqual(['4.0000', '0.0000']);
    expect(await level(k.TOP)).toEqual(['1.0000', '0.0000']);
    expect(await level(k.SCREW)).toEqual(['8.0000', '0.0000']);
    expect((await sqlError(cancel(order.id))).code).toBe('23514');
    expect((await sqlError(start(order.id))).code).toBe('23514');
    expect(await journalOf(order.id)).toEqual([]);
  });

  it('lets two orders competing for the last components reserve them only once', async () => {
    const k = await kit('R');
    await receive(k.LEG, 4, 5);
    await receive(k.TOP, 2, 30);
    await receive(k.SCREW, 16, 0.1);
    const a = await plan(k.TBL, 1);
    const b = await plan(k.TBL, 1);
    const results = await Promise.allSettled([start(a.id), start(b.id)]);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((failed.reason as { code: string; message: string }).code).toBe('23514');
    expect((failed.reason as { message: string }).message).toContain('LEG-R needs 4, 0 available');
    expect(await level(k.LEG)).toEqual(['4.0000', '4.0000']);
    expect(await level(k.TOP)).toEqual(['2.0000', '1.0000']);
    const numbered = await db.query(
      `select 1 from public.production_orders where id in ($1, $2) and number is not null`,
      [a.id, b.id],
    );
    expect(numbered.length).toBe(1);
  });

  it('refuses to complete into a closed period and leaves nothing behind', async () => {
    const k = await kit('Z');
    await receive(k.LEG, 4, 5);
    await receive(k.TOP, 1, 30);
    await receive(k.SCREW, 8, 0.1);
    const order = await plan(k.TBL, 1);
    await start(order.id);
    const [period] = await db.as<{ id: string }>(
      accountant,
      `insert into public.fiscal_periods (org_id, name, start_date, end_date) values ($1, 'Jan 2025', '2025-01-01', '2025-01-31') returning id`,
      [orgId],
    );
    await db.as(accountant, `select public.close_fiscal_period($1)`, [period!.id]);
    const refused = await sqlError(complete(order.id, { date: '2025-01-15' }));
    expect(refused).toMatchObject({
      code: '23514',
      message: 'Period Jan 2025 is closed: nothing can be posted on 2025-01-15',
    });
    expect((await movements(order.id)).map((m) => m[1])).toEqual(['reservation', 'reservation', 'reservation']);
    expect(await level(k.TBL)).toEqual(['0', '0']);
    // On an open date it goes through: 4 × 5.00 + 30.00 + 8 × 0.10 = 50.80, no labour.
    const done = await complete(order.id, { date: '2025-02-03' });
    expect(done).toMatchObject({ unit_cost: '50.8000', labour_cost: '0.00' });
    expect(await journalOf(order.id)).toEqual([
      ['1200', '0.00', '50.80'],
      ['1200', '50.80', '0.00'],
    ]);
    const [entry] = await db.query<{ entry_date: string }>(
      `select entry_date::text from public.journal_entries where id = $1`,
      [done.journal_entry_id],
    );
    expect(entry!.entry_date).toBe('2025-02-03');
  });

  it('keeps production orders to their organisation and manufacturing roles', async () => {
    const k = await kit('O');
    const order = await plan(k.TBL, 1);
    expect((await sqlError(plan(k.TBL, 1, rep))).code).toBe('42501');
    expect((await sqlError(plan(k.TBL, 1, support))).code).toBe('42501');
    expect((await db.as(rep, `select id from public.production_orders where id = $1`, [order.id])).length).toBe(1);
    expect((await db.as(support, `select id from public.production_orders where id = $1`, [order.id])).length).toBe(0);
    expect(
      (
        await db.as(support, `select id from public.production_order_components where production_order_id = $1`, [
          order.id,
        ])
      ).length,
    ).toBe(0);
    expect((await db.as(outsider, `select id from public.production_orders where id = $1`, [order.id])).length).toBe(0);
    for (const fn of ['start_production_order', 'cancel_production_order', 'complete_production_order']) {
      expect((await sqlError(db.as(outsider, `select public.${fn}($1, $2)`, [orgId, order.id]))).code).toBe('P0002');
      // Naming their own org does not find it either.
      expect((await sqlError(db.as(outsider, `select public.${fn}($1, $2)`, [otherOrgId, order.id]))).code).toBe(
        'P0002',
      );
    }
    expect(
      (await sqlError(db.as(outsider, `select public.plan_production_order($1, $2, 1)`, [orgId, k.TBL]))).code,
    ).toBe('P0002');
    // A planned order changes (quantity re-plans its components) and can be deleted.
    await db.as(keeper, `update public.production_orders set quantity = 3 where id = $1`, [order.id]);
    expect((await components(order.id)).map((c) => c.slice(0, 2))).toEqual([
      ['LEG', '12.0000'],
      ['SCREW', '24.0000'],
      ['TOP', '3.0000'],
    ]);
    // Deleting a BOM line leaves the components already copied from it.
    await db.as(keeper, `delete from public.bom_lines where bom_id = $1 and product_id = $2`, [k.tableBom, k.LEG]);
    const [leg] = await db.query<{ required: string; bom_line_id: string | null }>(
      `select required_quantity::text as required, bom_line_id from public.production_order_components
       where production_order_id = $1 and product_id = $2`,
      [order.id, k.LEG],
    );
    expect(leg).toEqual({ required: '12.0000', bom_line_id: null });
    await db.as(keeper, `delete from public.production_orders where id = $1`, [order.id]);
    expect(
      (await db.query(`select 1 from public.production_order_components where production_order_id = $1`, [order.id]))
        .length,
    ).toBe(0);
  });

  it('keeps every stock level equal to the sum of its ledger rows', async () => {
    const mismatches = await db.query(
      `select l.product_id from public.stock_levels l
       left join (select product_id, warehouse_id, sum(on_hand_delta) as on_hand, sum(reserved_delta) as reserved
                  from public.stock_movements group by 1, 2) m using (product_id, warehouse_id)
       where l.org_id = $1 and (l.on_hand <> coalesce(m.on_hand, 0) or l.reserved <> coalesce(m.reserved, 0) or l.on_hand < 0
         or l.on_hand - l.reserved < 0)`,
      [orgId],
    );
    expect(mismatches).toEqual([]);
  });
});
