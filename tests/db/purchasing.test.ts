// Purchasing rules enforced by Postgres: the PO lifecycle, goods receipts posting stock
// at the PO cost (moving average, base currency), partial receipts and backorders,
// vendor bills matched to what was received, immutability of posted documents, gapless
// numbers under concurrent confirmation, roles, and the supplier on-time rate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let owner: Actor;
let buyer: Actor;
let keeper: Actor;
let rep: Actor;
let orgId: string;
let supplierId: string;
let warehouseId: string;
let widget: string;
let bolt: string;

async function draftPo(lines: [string, number, number][], extra: Record<string, unknown> = {}): Promise<string> {
  const values: Record<string, unknown> = {
    org_id: orgId,
    supplier_id: supplierId,
    warehouse_id: warehouseId,
    ...extra,
  };
  const cols = Object.keys(values);
  const [po] = await db.as<{ id: string }>(
    buyer,
    `insert into public.purchase_orders (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
    Object.values(values),
  );
  for (const [i, [product, quantity, cost]] of lines.entries()) {
    await db.as(
      buyer,
      `insert into public.purchase_order_lines (org_id, purchase_order_id, position, product_id, quantity, unit_cost)
       values ($1, $2, $3, $4, $5, $6)`,
      [orgId, po!.id, i, product, quantity, cost],
    );
  }
  return po!.id;
}

const onHand = async (product: string) =>
  (
    await db.query<{ on_hand: string }>(
      `select on_hand from public.stock_levels where product_id = $1 and warehouse_id = $2`,
      [product, warehouseId],
    )
  )[0]?.on_hand;

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  owner = await db.createUser('owner@buy.test');
  buyer = await db.createUser('buyer@buy.test');
  keeper = await db.createUser('keeper@buy.test');
  rep = await db.createUser('rep@buy.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    owner,
    `select id from public.create_organization('Buy Co', 'buy-co')`,
  )) as [{ id: string }];
  await db.query(
    `insert into public.memberships (org_id, user_id, role) values ($1, $2, 'accountant'), ($1, $3, 'warehouse'), ($1, $4, 'sales')`,
    [orgId, buyer.id, keeper.id, rep.id],
  );
  [{ id: supplierId }] = (await db.as<{ id: string }>(
    owner,
    `insert into public.accounts (org_id, name, is_supplier, is_customer, payment_terms_days) values ($1, 'Parts GmbH', true, false, 45) returning id`,
    [orgId],
  )) as [{ id: string }];
  [{ id: warehouseId }] = (await db.query<{ id: string }>(
    `select id from public.warehouses where org_id = $1 and code = 'MAIN'`,
    [orgId],
  )) as [{ id: string }];
  [{ id: widget }] = (await db.as<{ id: string }>(
    owner,
    `insert into public.products (org_id, sku, name) values ($1, 'W-1', 'Widget') returning id`,
    [orgId],
  )) as [{ id: string }];
  [{ id: bolt }] = (await db.as<{ id: string }>(
    owner,
    `insert into public.products (org_id, sku, name) values ($1, 'B-1', 'Bolt') returning id`,
    [orgId],
  )) as [{ id: string }];
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('purchase orders, receipts and bills', () => {
  it('runs draft → sent → partially received → received → closed with stock, costs and numbers', async () => {
    const po = await draftPo(
      [
        [widget, 10, 4],
        [bolt, 100, 0.1],
      ],
      { expected_date: '2030-01-31' },
    );
    const [sent] = await db.as<{ status: string; number: string; currency: string }>(
      buyer,
      `select * from public.confirm_purchase_order($1)`,
      [po],
    );
    expect(sent).toMatchObject({ status: 'sent', currency: 'USD' });
    expect(sent!.number).toMatch(/^PO-\d{4}-00001$/);
    await expect(
      db.as(buyer, `update public.purchase_order_lines set quantity = 11 where purchase_order_id = $1`, [po]),
    ).rejects.toMatchObject({
      code: '42501',
    });

    // First delivery: 6 widgets and all bolts; the rest is backordered.
    const [receipt] = await db.as<{ id: string }>(keeper, `select id from public.create_goods_receipt($1)`, [po]);
    await db.as(
      keeper,
      `update public.goods_receipt_lines r set quantity = 6 from public.purchase_order_lines l
       where r.goods_receipt_id = $1 and l.id = r.purchase_order_line_id and l.product_id = $2`,
      [receipt!.id, widget],
    );
    const [posted] = await db.as<{ status: string; number: string }>(
      keeper,
      `select * from public.post_goods_receipt($1)`,
      [receipt!.id],
    );
    expect(posted!.status).toBe('posted');
    expect(posted!.number).toMatch(/^GRN-\d{4}-00001$/);
    expect([await onHand(widget), await onHand(bolt)]).toEqual(['6.0000', '100.0000']);
    expect(await db.query(`select status from public.purchase_orders where id = $1`, [po])).toEqual([
      { status: 'partially_received' },
    ]);
    await expect(
      db.as(keeper, `update public.goods_receipt_lines set quantity = 1 where goods_receipt_id = $1`, [receipt!.id]),
    ).rejects.toMatchObject({
      code: '42501',
    });
    await expect(db.as(owner, `delete from public.goods_receipts where id = $1`, [receipt!.id])).rejects.toMatchObject({
      code: '42501',
    });

    // The backorder arrives at the same cost; a later PO at a higher cost moves the average.
    const [rest] = await db.as<{ id: string }>(keeper, `select id from public.create_goods_receipt($1)`, [po]);
    expect(
      await db.as(keeper, `select quantity from public.goods_receipt_lines where goods_receipt_id = $1`, [rest!.id]),
    ).toEqual([{ quantity: '4.0000' }]);
    await db.as(keeper, `select public.post_goods_receipt($1)`, [rest!.id]);
    expect(await db.query(`select status from public.purchase_orders where id = $1`, [po])).toEqual([
      { status: 'received' },
    ]);
    const second = await draftPo([[widget, 10, 7]]);
    await db.as(buyer, `select public.confirm_purchase_order($1)`, [second]);
    const [r2] = await db.as<{ id: string }>(keeper, `select id from public.create_goods_receipt($1)`, [second]);
    await db.as(keeper, `select public.post_goods_receipt($1)`, [r2!.id]);
    // (10 × 4 + 10 × 7) / 20 = 5.5
    expect(await db.query(`select cost from public.products where id = $1`, [widget])).toEqual([{ cost: '5.5000' }]);

    // Bill: more than received is refused; exactly what was received closes the PO.
    const [bill] = await db.as<{ id: string; due_date: string; bill_date: string }>(
      buyer,
      `insert into public.vendor_bills (org_id, supplier_id, purchase_order_id, supplier_invoice_number, bill_date)
       values ($1, $2, $3, 'INV-778', '2030-02-01') returning id, due_date::text, bill_date::text`,
      [orgId, supplierId, po],
    );
    expect(bill!.due_date).toBe('2030-03-18');
    await db.as(
      buyer,
      `insert into public.vendor_bill_lines (org_id, vendor_bill_id, purchase_order_line_id, product_id, description, quantity, unit_price, tax_rate)
       select $1, $2, l.id, l.product_id, 'Goods', case when l.product_id = $3 then 11 else l.quantity end, l.unit_cost, 19
       from public.purchase_order_lines l where l.purchase_order_id = $4`,
      [orgId, bill!.id, widget, po],
    );
    await expect(db.as(buyer, `select public.post_vendor_bill($1)`, [bill!.id])).rejects.toMatchObject({
      code: '23514',
      message: 'Billed more than received: W-1 (billed 11, received 10)',
    });
    await db.as(
      buyer,
      `update public.vendor_bill_lines set quantity = 10 where vendor_bill_id = $1 and product_id = $2`,
      [bill!.id, widget],
    );
    const [postedBill] = await db.as<{ number: string }>(buyer, `select number from public.post_vendor_bill($1)`, [
      bill!.id,
    ]);
    expect(postedBill!.number).toBe('BILL-2030-00001');
    expect(await db.query(`select status from public.purchase_orders where id = $1`, [po])).toEqual([
      { status: 'closed' },
    ]);
    expect(
      await db.query(
        `select sum(net_amount)::text as net, sum(tax_amount)::text as tax from public.vendor_bill_lines where vendor_bill_id = $1`,
        [bill!.id],
      ),
    ).toEqual([{ net: '50.00', tax: '9.50' }]);
    await expect(
      db.as(buyer, `update public.vendor_bills set notes = 'x' where id = $1`, [bill!.id]),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('honours the billing tolerance, cancels only what nothing was received for, and checks roles', async () => {
    await db.query(
      `update public.organizations set settings = settings || '{"bill_quantity_tolerance_pct": 10}' where id = $1`,
      [orgId],
    );
    const po = await draftPo([[bolt, 100, 0.2]]);
    await expect(db.as(keeper, `select public.confirm_purchase_order($1)`, [po])).rejects.toMatchObject({
      code: '42501',
    });
    await expect(db.as(rep, `select public.confirm_purchase_order($1)`, [po])).rejects.toMatchObject({ code: '42501' });
    expect(await db.as(rep, `select id from public.purchase_orders where id = $1`, [po])).toEqual([]);
    await db.as(buyer, `select public.confirm_purchase_order($1)`, [po]);
    const [receipt] = await db.as<{ id: string }>(keeper, `select id from public.create_goods_receipt($1)`, [po]);
    await db.as(keeper, `select public.post_goods_receipt($1)`, [receipt!.id]);
    await expect(db.as(buyer, `select public.cancel_purchase_order($1)`, [po])).rejects.toMatchObject({
      code: '23514',
    });
    const [bill] = await db.as<{ id: string }>(
      buyer,
      `insert into public.vendor_bills (org_id, supplier_id) values ($1, $2) returning id`,
      [orgId, supplierId],
    );
    await db.as(
      buyer,
      `insert into public.vendor_bill_lines (org_id, vendor_bill_id, purchase_order_line_id, description, quantity, unit_price)
       select $1, $2, id, 'Bolts', 110, 0.2 from public.purchase_order_lines where purchase_order_id = $3`,
      [orgId, bill!.id, po],
    );
    await db.as(buyer, `select public.post_vendor_bill($1)`, [bill!.id]);

    const untouched = await draftPo([[bolt, 5, 0.2]]);
    await db.as(buyer, `select public.confirm_purchase_order($1)`, [untouched]);
    expect(await db.as(buyer, `select status from public.cancel_purchase_order($1)`, [untouched])).toEqual([
      { status: 'cancelled' },
    ]);
    await expect(db.as(keeper, `select public.create_goods_receipt($1)`, [untouched])).rejects.toMatchObject({
      code: '23514',
    });
  });

  it('numbers 50 concurrent confirmations gaplessly', async () => {
    const pos: string[] = [];
    for (let i = 0; i < 50; i++) pos.push(await draftPo([[bolt, 1, 1]], { order_date: '2031-05-01' }));
    const numbers = await Promise.all(
      pos.map(
        async (po) =>
          (await db.as<{ number: string }>(buyer, `select number from public.confirm_purchase_order($1)`, [po]))[0]!
            .number,
      ),
    );
    expect([...numbers].sort()).toEqual(
      Array.from({ length: 50 }, (_, i) => `PO-2031-${String(i + 1).padStart(5, '0')}`),
    );
  }, 60_000);

  it('reports the supplier on-time rate', async () => {
    const other = (
      await db.as<{ id: string }>(
        owner,
        `insert into public.accounts (org_id, name, is_supplier) values ($1, 'Slow Ltd', true) returning id`,
        [orgId],
      )
    )[0]!.id;
    const early = await draftPo([[bolt, 1, 1]], { supplier_id: other, expected_date: '2030-06-30' });
    const late = await draftPo([[bolt, 1, 1]], { supplier_id: other, expected_date: '2020-01-01' });
    for (const po of [early, late]) {
      await db.as(buyer, `select public.confirm_purchase_order($1)`, [po]);
      const [r] = await db.as<{ id: string }>(keeper, `select id from public.create_goods_receipt($1)`, [po]);
      await db.as(keeper, `select public.post_goods_receipt($1)`, [r!.id]);
    }
    expect(
      await db.as(
        buyer,
        `select purchase_orders, receipts, on_time_receipts, on_time_rate from public.supplier_performance where supplier_id = $1`,
        [other],
      ),
    ).toEqual([{ purchase_orders: '2', receipts: '2', on_time_receipts: '1', on_time_rate: '50.0' }]);
  });
});
