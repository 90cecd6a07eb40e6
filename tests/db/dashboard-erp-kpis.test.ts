// Finance, inventory and customer dashboards (issue 10): every figure of finance_kpis,
// inventory_kpis and customer_kpis against a hand-built fixture posted through the real RPCs
// (receipts, orders → deliveries → invoices → payments, a credit note, a vendor bill, a USD
// invoice at a dated rate, stock below its reorder points), expected values computed by hand in
// the comments; cross-checks against profit_and_loss, balance_sheet, ar_aging / ap_aging and
// stock_valuation for the same dates; the summary tables equal the brute-force sums of invoice
// lines and the stock ledger after random postings and credits; roles that may not read an area
// get 42501, another org's id is "not found", bad ranges are refused. Every answer is parsed
// with the zod schema the SPA uses.
import Big from 'big.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customerKpisSchema,
  financeKpisSchema,
  inventoryKpisSchema,
  type CustomerKpis,
  type FinanceKpis,
  type InventoryKpis,
} from '@/features/dashboards/schemas/kpis.ts';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
const actors: Record<string, Actor> = {};
let orgId: string;
let otherOrgId: string;
let otherOwner: Actor;
let today: string;
let main: string;
let east: string;
const customer: Record<string, string> = {};
const product: Record<string, string> = {};
const invoice: Record<string, string> = {};

const ROLES = ['owner', 'admin', 'manager', 'accountant', 'viewer', 'sales', 'support', 'warehouse'] as const;

/** The day n days before today (yyyy-mm-dd). */
const ago = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
/** Noon UTC of the day n days ago, for ledger rows dated in the past. */
const noonAgo = (n: number, hour = 12) => `${ago(n)}T${String(hour).padStart(2, '0')}:00:00Z`;

const sqlState = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? 'error';
  }
  return 'ok';
};

async function call<T>(actor: Actor, fn: string, args: unknown[]): Promise<T> {
  const [row] = await db.as<{ r: T }>(
    actor,
    `select public.${fn}(${args.map((_, i) => `$${i + 1}`).join(', ')}) as r`,
    args,
  );
  return row!.r;
}
const finance = async (actor: Actor, from: string, to: string): Promise<FinanceKpis> =>
  financeKpisSchema.parse(await call(actor, 'finance_kpis', [orgId, from, to]));
const inventory = async (
  actor: Actor,
  from: string,
  to: string,
  warehouse: string | null = null,
): Promise<InventoryKpis> =>
  inventoryKpisSchema.parse(await call(actor, 'inventory_kpis', [orgId, from, to, warehouse]));
const customers = async (actor: Actor, from: string, to: string): Promise<CustomerKpis> =>
  customerKpisSchema.parse(await call(actor, 'customer_kpis', [orgId, from, to]));

async function createInvoice(args: Record<string, unknown>): Promise<string> {
  const keys = Object.keys(args);
  const [row] = await db.as<{ id: string }>(
    actors.accountant!,
    `select id from public.create_invoice(${keys.map((k, i) => `${k} => $${i + 1}`).join(', ')})`,
    Object.values(args),
  );
  return row!.id;
}

async function order(account: string, promised: string | null, lines: [string, number, number, number][]) {
  const [o] = await db.as<{ id: string }>(
    actors.sales!,
    `insert into public.sales_orders (org_id, account_id, warehouse_id, promised_date) values ($1, $2, $3, $4) returning id`,
    [orgId, account, main, promised],
  );
  for (const [i, [p, quantity, price, tax]] of lines.entries()) {
    await db.as(
      actors.sales!,
      `insert into public.sales_order_lines (org_id, sales_order_id, position, product_id, description, quantity, unit_price, tax_rate)
       values ($1, $2, $3, $4, 'line', $5, $6, $7)`,
      [orgId, o!.id, i, p, quantity, price, tax],
    );
  }
  await db.as(actors.sales!, `select public.confirm_sales_order($1)`, [o!.id]);
  return o!.id;
}

async function deliver(orderId: string, quantities: number[]) {
  const [d] = await db.as<{ id: string }>(actors.warehouse!, `select id from public.create_delivery($1)`, [orderId]);
  const lines = await db.query<{ id: string }>(
    `select r.id from public.delivery_lines r join public.sales_order_lines l on l.id = r.sales_order_line_id
     where r.delivery_id = $1 order by l.position`,
    [d!.id],
  );
  for (const [i, line] of lines.entries()) {
    await db.as(actors.warehouse!, `update public.delivery_lines set quantity = $2 where id = $1`, [
      line.id,
      quantities[i],
    ]);
  }
  await db.as(actors.warehouse!, `select public.post_delivery($1)`, [d!.id]);
}

async function purchase(p: string, quantity: number, cost: number, expected: string) {
  const [po] = await db.as<{ id: string }>(
    actors.accountant!,
    `insert into public.purchase_orders (org_id, supplier_id, warehouse_id, expected_date) values ($1, $2, $3, $4) returning id`,
    [orgId, customer.parts, main, expected],
  );
  const [line] = await db.as<{ id: string }>(
    actors.accountant!,
    `insert into public.purchase_order_lines (org_id, purchase_order_id, product_id, quantity, unit_cost)
     values ($1, $2, $3, $4, $5) returning id`,
    [orgId, po!.id, p, quantity, cost],
  );
  await db.as(actors.accountant!, `select public.confirm_purchase_order($1)`, [po!.id]);
  const [receipt] = await db.as<{ id: string }>(actors.warehouse!, `select id from public.create_goods_receipt($1)`, [
    po!.id,
  ]);
  await db.as(actors.warehouse!, `select public.post_goods_receipt($1)`, [receipt!.id]);
  return { po: po!.id, line: line!.id };
}

/** A ledger row dated in the past (the RPCs stamp now()); the ledger's triggers apply it as usual. */
async function pastMovement(
  p: string,
  warehouse: string,
  kind: string,
  delta: number,
  cost: number | null,
  at: string,
) {
  await db.query(
    `insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, unit_cost, reason, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [orgId, p, warehouse, kind, delta, cost, kind === 'adjustment' ? 'Broken' : null, at],
  );
}

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  for (const role of ROLES) actors[role] = await db.createUser(`${role}@dash-erp.test`);
  [{ id: orgId }] = (await db.as<{ id: string }>(
    actors.owner!,
    `select id from public.create_organization('Dash ERP Co', 'dash-erp-co', 'EUR')`,
  )) as [{ id: string }];
  for (const role of ROLES.filter((r) => r !== 'owner')) {
    await db.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, $3)`, [
      orgId,
      actors[role]!.id,
      role,
    ]);
  }
  [{ today }] = (await db.query<{ today: string }>(
    `select current_date::text as today, (now() at time zone 'UTC')::date::text as utc`,
  )) as [{ today: string }];
  [{ id: main }] = (await db.query<{ id: string }>(
    `select id from public.warehouses where org_id = $1 and code = 'MAIN'`,
    [orgId],
  )) as [{ id: string }];
  [{ id: east }] = (await db.as<{ id: string }>(
    actors.owner!,
    `insert into public.warehouses (org_id, code, name) values ($1, 'EAST', 'East') returning id`,
    [orgId],
  )) as [{ id: string }];
  for (const [key, name, extra] of [
    ['acme', 'Acme Ltd', { payment_terms_days: 14 }],
    ['beta', 'Beta GmbH', { payment_terms_days: 30 }],
    ['yankee', 'Yankee Inc', { currency: 'USD' }],
    ['delta', 'Delta SA', {}],
    ['parts', 'Parts GmbH', { is_supplier: true }],
  ] as const) {
    const cols = Object.keys(extra);
    const [row] = await db.as<{ id: string }>(
      actors.owner!,
      `insert into public.accounts (org_id, name${cols.map((c) => `, ${c}`).join('')})
       values ($1, $2${cols.map((_, i) => `, $${i + 3}`).join('')}) returning id`,
      [orgId, name, ...Object.values(extra)],
    );
    customer[key] = row!.id;
  }
  for (const [key, sku, name, kind] of [
    ['widget', 'W-1', 'Widget', 'stocked'],
    ['gadget', 'G-1', 'Gadget', 'stocked'],
    ['gizmo', 'Z-1', 'Gizmo', 'stocked'],
    ['doohickey', 'D-1', 'Doohickey', 'stocked'],
    ['old', 'O-1', 'Old thing', 'stocked'],
    ['setup', 'SETUP', 'Setup', 'service'],
  ] as const) {
    const [row] = await db.as<{ id: string }>(
      actors.owner!,
      `insert into public.products (org_id, sku, name, kind) values ($1, $2, $3, $4) returning id`,
      [orgId, sku, name, kind],
    );
    product[key] = row!.id;
  }

  // Stock history (ledger rows dated in the past), in UTC days:
  //   T-10: Widget +10 @ 4 (MAIN) = 40
  //   T-3:  Gadget +5 @ 6 (MAIN) = 30, Gizmo +4 @ 2 (EAST) = 8, Doohickey +2 @ 5 (MAIN) = 10,
  //         Old thing +1 @ 3 (MAIN) then adjusted −1 at its cost 3 (then retired).
  await pastMovement(product.widget!, main, 'receipt', 10, 4, noonAgo(10));
  await pastMovement(product.gadget!, main, 'receipt', 5, 6, noonAgo(3));
  await pastMovement(product.gizmo!, east, 'receipt', 4, 2, noonAgo(3));
  await pastMovement(product.doohickey!, main, 'receipt', 2, 5, noonAgo(3));
  await pastMovement(product.old!, main, 'receipt', 1, 3, noonAgo(3));
  await pastMovement(product.old!, main, 'adjustment', -1, null, noonAgo(3, 13));
  await db.as(actors.owner!, `update public.products set active = false where id = $1`, [product.old]);

  await db.as(
    actors.accountant!,
    `insert into public.exchange_rates (org_id, currency, rate_date, rate) values ($1, 'USD', $2, 0.9)`,
    [orgId, ago(45)],
  );

  // Today: order 1 (Acme, promised in 5 days): 4 Widgets @ 10 + Setup @ 100, 10 % tax; 3 Widgets
  // delivered on time (cost 3 × 4 = 12). Order 2 (Beta): 2 Doohickeys confirmed, so all reserved.
  // Order 3 (Beta, promised yesterday): 1 Gadget @ 20, delivered today, late (cost 6).
  // Purchases: 5 Widgets @ 4 expected in 10 days (on time), 1 Gadget @ 6 expected 2 days ago (late).
  const order1 = await order(customer.acme!, ago(-5), [
    [product.widget!, 4, 10, 10],
    [product.setup!, 1, 100, 10],
  ]);
  await order(customer.beta!, null, [[product.doohickey!, 2, 30, 0]]);
  const order3 = await order(customer.beta!, ago(1), [[product.gadget!, 1, 20, 10]]);
  const widgets = await purchase(product.widget!, 5, 4, ago(-10));
  await purchase(product.gadget!, 1, 6, ago(2));
  await deliver(order1, [3]);
  await deliver(order3, [1]);
  const [bill] = await db.as<{ id: string }>(
    actors.accountant!,
    `insert into public.vendor_bills (org_id, supplier_id, purchase_order_id, supplier_invoice_number)
     values ($1, $2, $3, 'P-1') returning id`,
    [orgId, customer.parts, widgets.po],
  );
  await db.as(
    actors.accountant!,
    `insert into public.vendor_bill_lines (org_id, vendor_bill_id, purchase_order_line_id, product_id, description, quantity, unit_price, tax_rate)
     values ($1, $2, $3, $4, 'Widgets', 5, 4, 0)`,
    [orgId, bill!.id, widgets.line, product.widget],
  );
  await db.as(actors.accountant!, `select public.post_vendor_bill($1)`, [bill!.id]);

  // Invoices:
  //   I1 today, order 1's delivered part: Widgets 3 × 10 + Setup 100 = 130 net, 143 with tax, due T+14
  //   I2 today, order 3: Gadget 20 net, 22 with tax, due T+30
  //   I3 T-25, Acme: 2 Widgets @ 15, 20 % tax = 30 net, 36 total, due T-11; 10 paid on T-5
  //   I4 T-40, Yankee: 100 USD consulting at 0.9 = 90.00 EUR, due T-10, unpaid
  //   I5 T-50, Beta: 3 Gadgets @ 10 = 30, due T-20, paid in full on T-35
  //   I6 T-31, Delta: Setup @ 55, due T-1, unpaid
  //   C1 today: credit of 1 Widget of I1 = 10 net, 11 with tax (settles 11 of I1)
  invoice.i1 = await createInvoice({
    p_org_id: orgId,
    p_idempotency_key: 'dash-i1-key',
    p_sales_order_id: order1,
    p_only_delivered: true,
  });
  invoice.i2 = await createInvoice({ p_org_id: orgId, p_idempotency_key: 'dash-i2-key', p_sales_order_id: order3 });
  const standalone = async (key: string, account: string, date: string, due: string, lines: unknown[]) =>
    createInvoice({
      p_org_id: orgId,
      p_idempotency_key: key,
      p_account_id: account,
      p_invoice_date: date,
      p_due_date: due,
      p_lines: JSON.stringify(lines),
    });
  invoice.i3 = await standalone('dash-i3-key', customer.acme!, ago(25), ago(11), [
    { product_id: product.widget, description: 'Widgets', quantity: 2, unit_price: 15, tax_rate: 20 },
  ]);
  invoice.i4 = await standalone('dash-i4-key', customer.yankee!, ago(40), ago(10), [
    { description: 'Consulting', quantity: 1, unit_price: 100 },
  ]);
  invoice.i5 = await standalone('dash-i5-key', customer.beta!, ago(50), ago(20), [
    { product_id: product.gadget, description: 'Gadgets', quantity: 3, unit_price: 10 },
  ]);
  invoice.i6 = await standalone('dash-i6-key', customer.delta!, ago(31), ago(1), [
    { product_id: product.setup, description: 'Setup', quantity: 1, unit_price: 55 },
  ]);
  const [widgetLine] = await db.query<{ id: string }>(
    `select id from public.invoice_lines where invoice_id = $1 and product_id = $2`,
    [invoice.i1, product.widget],
  );
  const [credit] = await db.as<{ id: string }>(actors.accountant!, `select id from public.credit_invoice($1, $2)`, [
    invoice.i1,
    JSON.stringify([{ invoice_line_id: widgetLine!.id, quantity: 1 }]),
  ]);
  await db.as(actors.accountant!, `select public.post_invoice($1)`, [credit!.id]);
  invoice.c1 = credit!.id;
  for (const [account, amount, date, target] of [
    [customer.acme, 10, ago(5), invoice.i3],
    [customer.beta, 30, ago(35), invoice.i5],
  ] as const) {
    await db.as(
      actors.accountant!,
      `select public.record_payment(p_org_id => $1, p_direction => 'incoming', p_account_id => $2, p_amount => $3,
         p_payment_date => $4, p_allocations => $5)`,
      [orgId, account, amount, date, JSON.stringify([{ invoice_id: target, amount }])],
    );
  }

  // Reorder rules: Gadget (MAIN) at 8, Widget (MAIN) at 5, Gizmo (EAST) at 4, Doohickey (MAIN) at 1.
  for (const [p, w, point] of [
    [product.gadget, main, 8],
    [product.widget, main, 5],
    [product.gizmo, east, 4],
    [product.doohickey, main, 1],
  ] as const) {
    await db.as(
      actors.owner!,
      `insert into public.reorder_rules (org_id, product_id, warehouse_id, reorder_point, reorder_quantity)
       values ($1, $2, $3, $4, 10)`,
      [orgId, p, w, point],
    );
  }

  // Another organisation with large figures on the same days: none may show up above.
  otherOwner = await db.createUser('owner@other-dash.test');
  [{ id: otherOrgId }] = (await db.as<{ id: string }>(
    otherOwner,
    `select id from public.create_organization('Other Dash', 'other-dash', 'EUR')`,
  )) as [{ id: string }];
  const [other] = await db.as<{ id: string }>(
    otherOwner,
    `insert into public.accounts (org_id, name) values ($1, 'Big spender') returning id`,
    [otherOrgId],
  );
  await db.as(
    otherOwner,
    `select public.create_invoice(p_org_id => $1, p_idempotency_key => 'other-dash-1', p_account_id => $2,
       p_invoice_date => $3, p_due_date => $3, p_lines => $4)`,
    [otherOrgId, other!.id, ago(20), JSON.stringify([{ description: 'Big', quantity: 1, unit_price: 999999 }])],
  );
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

/** The expected series: one entry per day of the range, zeros but for the given days. */
function daySeries<T extends Record<string, number>>(
  from: number,
  to: number,
  zero: T,
  days: Record<number, Partial<T>>,
) {
  const out: ({ period: string } & T)[] = [];
  for (let n = from; n >= to; n--) out.push({ period: ago(n), ...zero, ...days[n] });
  return out;
}

describe('finance_kpis', () => {
  it('reports the ledger and documents of the last 30 days, as computed by hand', async () => {
    const k = await finance(actors.manager!, ago(29), today);
    expect(k).toEqual({
      currency: 'EUR',
      bucket: 'day',
      // Income accounts in the range: I1 4000 30 + 4100 100, I2 4000 20, I3 4000 30, C1 4900 −10.
      revenue: 170,
      // COGS of today's deliveries: 3 Widgets × 4 + 1 Gadget × 6.
      cost_of_sales: 18,
      gross_margin: 152,
      gross_margin_pct: 0.8941, // 152 / 170
      // Receivable: I1 143 − 11 credited, I2 22, I3 36 − 10, I4 90, I5 0, I6 55.
      receivables: 325,
      payables: 20, // the vendor bill
      dso_days: 57.4, // 325 / 170 × 30 = 57.35
      dpo_days: 33.3, // 20 / 18 × 30
      overdue_count: 3,
      overdue_amount: 171, // I3 26 + I4 90 + I6 55
      series: daySeries(
        29,
        0,
        { revenue: 0, cost_of_sales: 0, gross_margin: 0 },
        {
          25: { revenue: 30, gross_margin: 30 },
          0: { revenue: 140, cost_of_sales: 18, gross_margin: 122 },
        },
      ),
      top_accounts: [
        { account_id: customer.acme, name: 'Acme Ltd', revenue: 150, invoices: 2 }, // 130 + 30 − 10
        { account_id: customer.beta, name: 'Beta GmbH', revenue: 20, invoices: 1 },
      ],
      top_products: [
        { product_id: product.setup, name: 'Setup', sku: 'SETUP', quantity: 1, revenue: 100 },
        { product_id: product.widget, name: 'Widget', sku: 'W-1', quantity: 4, revenue: 50 }, // 3 + 2 − 1
        { product_id: product.gadget, name: 'Gadget', sku: 'G-1', quantity: 1, revenue: 20 },
      ],
      overdue_invoices: [
        expect.objectContaining({
          invoice_id: invoice.i3,
          account_name: 'Acme Ltd',
          due_date: ago(11),
          days_overdue: 11,
          balance: 26,
        }),
        expect.objectContaining({
          invoice_id: invoice.i4,
          account_name: 'Yankee Inc',
          due_date: ago(10),
          days_overdue: 10,
          balance: 90,
        }),
        expect.objectContaining({
          invoice_id: invoice.i6,
          account_name: 'Delta SA',
          due_date: ago(1),
          days_overdue: 1,
          balance: 55,
        }),
      ],
    });
    expect(k.overdue_invoices.map((o) => o.number)).toEqual(
      (
        await db.query<{ number: string }>(`select number from public.invoices where id = any ($1) order by due_date`, [
          [invoice.i3, invoice.i4, invoice.i6],
        ])
      ).map((r) => r.number),
    );
  });

  it('counts what was overdue at an earlier end date, with payments made since still owed then', async () => {
    // At T-6: I3 owed all 36 (paid 10 on T-5), 5 days late; I4 90, 4 days late; I6 not yet due;
    // I5 already paid (T-35). Income T-35 … T-6: I3 30 + I6 55.
    const k = await finance(actors.accountant!, ago(35), ago(6));
    expect(k).toMatchObject({
      revenue: 85,
      cost_of_sales: 0,
      gross_margin_pct: 1,
      dpo_days: null,
      overdue_count: 2,
      overdue_amount: 126,
      overdue_invoices: [
        expect.objectContaining({ invoice_id: invoice.i3, days_overdue: 5, balance: 36 }),
        expect.objectContaining({ invoice_id: invoice.i4, days_overdue: 4, balance: 90 }),
      ],
    });
  });

  it('agrees with the P&L, the balance sheet and the AR/AP aging for the same dates', async () => {
    for (const [from, to] of [
      [ago(29), today],
      [ago(35), ago(6)],
      [ago(90), today],
    ] as const) {
      const k = await finance(actors.accountant!, from, to);
      const [pl] = await db.as<{ r: { totals: { income: number }; expenses: { code: string; amount: number }[] } }>(
        actors.accountant!,
        `select public.profit_and_loss($1, $2, $3) as r`,
        [orgId, from, to],
      );
      expect(k.revenue).toBe(pl!.r.totals.income);
      expect(k.cost_of_sales).toBe(pl!.r.expenses.find((e) => e.code === '5000')?.amount ?? 0);
      const [bs] = await db.as<{
        r: { assets: { code: string; amount: number }[]; liabilities: { code: string; amount: number }[] };
      }>(actors.accountant!, `select public.balance_sheet($1, $2) as r`, [orgId, to]);
      expect(k.receivables).toBe(bs!.r.assets.find((a) => a.code === '1100')?.amount ?? 0);
      expect(k.payables).toBe(bs!.r.liabilities.find((a) => a.code === '2000')?.amount ?? 0);
      // No unused credit notes or supplier advances here, so the aging totals are the balances.
      const [ar] = await db.as<{ due: string; credit: string }>(
        actors.accountant!,
        `select coalesce(sum(total_due), 0)::text as due, coalesce(sum(unapplied_credit), 0)::text as credit
         from public.ar_aging($1, $2)`,
        [orgId, to],
      );
      expect(new Big(ar!.due).toNumber()).toBe(k.receivables);
      expect(new Big(ar!.credit).toNumber()).toBe(0);
      const [ap] = await db.as<{ due: string }>(
        actors.accountant!,
        `select coalesce(sum(total_due), 0)::text as due from public.ap_aging($1, $2)`,
        [orgId, to],
      );
      expect(new Big(ap!.due).toNumber()).toBe(k.payables);
      // The overdue amount is the aging's past-due buckets.
      const [pastDue] = await db.as<{ amount: string }>(
        actors.accountant!,
        `select coalesce(sum(days_1_30 + days_31_60 + days_61_90 + days_over_90), 0)::text as amount from public.ar_aging($1, $2)`,
        [orgId, to],
      );
      expect(new Big(pastDue!.amount).toNumber()).toBe(k.overdue_amount);
      // The series adds up to the totals.
      expect(k.series.reduce((s, p) => s.plus(p.revenue), new Big(0)).toNumber()).toBe(k.revenue);
    }
  });

  it('buckets by ISO week up to 183 days and by month beyond, empty buckets included', async () => {
    const week = await finance(actors.manager!, '2026-01-07', '2026-04-06'); // 90 days
    expect(week.bucket).toBe('week');
    expect(week.series[0]!.period).toBe('2026-01-05'); // the Monday of the week of Jan 7
    expect(week.series.at(-1)!.period).toBe('2026-04-06');
    expect(week.series).toHaveLength(14);
    const month = await finance(actors.manager!, '2025-06-15', '2026-01-10');
    expect(month.bucket).toBe('month');
    expect(month.series.map((s) => s.period)).toEqual([
      '2025-06-01',
      '2025-07-01',
      '2025-08-01',
      '2025-09-01',
      '2025-10-01',
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
    ]);
    expect((await finance(actors.manager!, today, today)).series).toHaveLength(1);
  });

  it('is read by the finance roles only: a sales rep is refused, a manager gets the numbers', async () => {
    for (const role of ['owner', 'admin', 'manager', 'accountant', 'viewer']) {
      expect((await finance(actors[role]!, ago(29), today)).revenue).toBe(170);
    }
    for (const role of ['sales', 'support', 'warehouse']) {
      expect(await sqlState(finance(actors[role]!, ago(29), today))).toBe('42501');
    }
  });
});

describe('inventory_kpis', () => {
  // End-of-day values (org): T-6…T-4 40; T-3…T-1 88 (40 + 30 + 8 + 10 + 3 − 3);
  // today 96 (+ receipts 20 + 6, − shipments 12 + 6).
  it('reports the stock of the last 7 days, as computed by hand', async () => {
    const k = await inventory(actors.manager!, ago(6), today);
    expect(k).toEqual({
      currency: 'EUR',
      bucket: 'day',
      inventory_value: 96, // Widget 12 × 4 + Gadget 5 × 6 + Gizmo 4 × 2 + Doohickey 2 × 5
      average_inventory_value: 68.57, // (3 × 40 + 3 × 88 + 96) / 7 = 480 / 7
      cost_of_goods_shipped: 18,
      turnover: 0.2625, // 18 / (480 / 7)
      days_inventory_outstanding: 26.7, // 7 / 0.2625
      stockouts: 1, // Doohickey: 2 on hand, 2 reserved (the retired Old thing does not count)
      below_reorder: 2, // Gadget 5 < 8, Doohickey 0 < 1 (Widget 11 ≥ 5, Gizmo 4 is not < 4)
      stockout_items: [
        {
          product_id: product.doohickey,
          sku: 'D-1',
          name: 'Doohickey',
          warehouse_id: main,
          warehouse_name: 'Main warehouse',
          on_hand: 2,
          reserved: 2,
          available: 0,
        },
      ],
      customer_on_time: { deliveries: 2, on_time: 1, rate: 0.5 },
      supplier_on_time: { receipts: 2, on_time: 1, rate: 0.5 },
      movement_series: daySeries(
        6,
        0,
        { received: 0, shipped: 0 },
        {
          3: { received: 12 }, // 5 + 4 + 2 + 1
          0: { received: 6, shipped: 4 },
        },
      ),
      top_products: [
        { product_id: product.widget, sku: 'W-1', name: 'Widget', shipped: 3, value: 12 },
        { product_id: product.gadget, sku: 'G-1', name: 'Gadget', shipped: 1, value: 6 },
      ],
    });
  });

  it('filters by warehouse', async () => {
    // MAIN: 40, 40, 40, 80, 80, 80, 88 → mean 448 / 7 = 64.
    expect(await inventory(actors.warehouse!, ago(6), today, main)).toMatchObject({
      inventory_value: 88,
      average_inventory_value: 64,
      cost_of_goods_shipped: 18,
      turnover: 0.2813, // 18 / 64 = 0.28125
      days_inventory_outstanding: 24.9, // 448 / 18
      stockouts: 1,
      below_reorder: 2,
      customer_on_time: { deliveries: 2, on_time: 1, rate: 0.5 },
      supplier_on_time: { receipts: 2, on_time: 1, rate: 0.5 },
    });
    // EAST: 0, 0, 0, 8, 8, 8, 8 → 32 / 7; nothing shipped.
    expect(await inventory(actors.warehouse!, ago(6), today, east)).toMatchObject({
      inventory_value: 8,
      average_inventory_value: 4.57,
      cost_of_goods_shipped: 0,
      turnover: null,
      days_inventory_outstanding: null,
      stockouts: 0,
      below_reorder: 0,
      stockout_items: [],
      customer_on_time: { deliveries: 0, on_time: 0, rate: null },
      supplier_on_time: { receipts: 0, on_time: 0, rate: null },
      top_products: [],
    });
    expect(await sqlState(inventory(actors.manager!, ago(6), today, '00000000-0000-4000-8000-000000000000'))).toBe(
      'P0002',
    );
  });

  it('agrees with stock_valuation at the end of p_to and on average over the days of the range', async () => {
    const valuation = async (day: string, warehouse: string | null) => {
      const [row] = await db.as<{ total: string }>(
        actors.accountant!,
        `select coalesce(sum(value), 0)::text as total
         from public.stock_valuation($1, ($2::date + 1)::timestamp at time zone 'UTC' - interval '1 microsecond', $3)`,
        [orgId, day, warehouse],
      );
      return new Big(row!.total);
    };
    for (const warehouse of [null, main, east]) {
      const k = await inventory(actors.accountant!, ago(6), today, warehouse);
      expect(k.inventory_value).toBe((await valuation(today, warehouse)).toNumber());
      let sum = new Big(0);
      for (let n = 6; n >= 0; n--) sum = sum.plus(await valuation(ago(n), warehouse));
      expect(k.average_inventory_value).toBe(sum.div(7).round(2).toNumber());
    }
  });

  it('agrees with brute-force sums over a long stock history, across whole and partial months', async () => {
    // A second organisation with 400 days of receipts and shipments at varying costs in two
    // warehouses: value at the end of p_to, mean end-of-day value, cost shipped and the monthly
    // series against hand-written SQL over the ledger (every day summed, no summary tables).
    const owner = await db.createUser('owner@dash-stock.test');
    const [{ id: org }] = (await db.as<{ id: string }>(
      owner,
      `select id from public.create_organization('Dash Stock', 'dash-stock', 'EUR')`,
    )) as [{ id: string }];
    await db.as(owner, `insert into public.warehouses (org_id, code, name) values ($1, 'WEST', 'West')`, [org]);
    // Shipments may run ahead of receipts here.
    await db.query(
      `update public.organizations set settings = settings || '{"allow_negative_stock": true}' where id = $1`,
      [org],
    );
    const houses = (
      await db.query<{ id: string }>(`select id from public.warehouses where org_id = $1 order by code`, [org])
    ).map((r) => r.id);
    const goods: string[] = [];
    for (const sku of ['H-1', 'H-2', 'H-3']) {
      goods.push(
        (
          await db.as<{ id: string }>(
            owner,
            `insert into public.products (org_id, sku, name) values ($1, $2, $2) returning id`,
            [org, sku],
          )
        )[0]!.id,
      );
    }
    await db.query(
      `insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, unit_cost, created_at)
       select $1, ($2::uuid[])[1 + n % 3], ($3::uuid[])[1 + n % 2], k.kind, k.delta, k.cost,
         (current_date - 400 + n / 3)::timestamp at time zone 'UTC' + make_interval(hours => n % 20)
       from generate_series(0, 1199) n
       cross join lateral (select case when n % 4 = 0 then 'shipment' else 'receipt' end::public.stock_movement_kind as kind,
         case when n % 4 = 0 then -(1 + n % 3) else 2 + n % 5 end::numeric as delta,
         case when n % 4 = 0 then null else 1 + (n % 7) * 0.25 end::numeric as cost) k
       order by n`,
      [org, goods, houses],
    );
    const bruteSql = `
      with days as (select d::date as day from generate_series($2::date, $3::date, interval '1 day') d),
      moves as (
        select m.product_id, (m.created_at at time zone 'UTC')::date as day, m.kind, m.on_hand_delta as q,
          m.on_hand_delta * coalesce(m.unit_cost, 0) as v
        from public.stock_movements m where m.org_id = $1 and ($4::uuid is null or m.warehouse_id = $4)
      )
      select
        (select coalesce(sum(round(x.v, 2)), 0) from (select product_id, sum(v) as v from moves where day <= $3 group by 1) x)::text as value,
        round((select sum(x.v) from days d cross join lateral (select coalesce(sum(m.v), 0) as v from moves m where m.day <= d.day) x)
          / ($3::date - $2::date + 1), 2)::text as average,
        round(coalesce((select -sum(v) from moves where kind = 'shipment' and day between $2 and $3), 0), 2)::text as shipped_value,
        (select jsonb_agg(jsonb_build_object('period', p.period, 'received', p.received, 'shipped', p.shipped) order by p.period)
         from (select g::date as period,
                 coalesce((select sum(q) from moves where kind = 'receipt' and day between $2 and $3
                   and date_trunc('month', day::timestamp) = g), 0) as received,
                 coalesce((select -sum(q) from moves where kind = 'shipment' and day between $2 and $3
                   and date_trunc('month', day::timestamp) = g), 0) as shipped
               from generate_series(date_trunc('month', $2::timestamp), $3::timestamp, interval '1 month') g) p) as series`;
    for (const [from, to] of [
      [ago(380), ago(20)],
      [ago(300), today],
      [ago(200), ago(190)],
      [ago(150), ago(60)],
    ] as const) {
      for (const warehouse of [null, houses[1]!]) {
        const [k] = await db.as<{ r: unknown }>(owner, `select public.inventory_kpis($1, $2, $3, $4) as r`, [
          org,
          from,
          to,
          warehouse,
        ]);
        const kpis = inventoryKpisSchema.parse(k!.r);
        const [brute] = await db.query<{ value: string; average: string; shipped_value: string; series: unknown }>(
          bruteSql,
          [org, from, to, warehouse],
        );
        expect(kpis.inventory_value).toBe(new Big(brute!.value).toNumber());
        expect(kpis.average_inventory_value).toBe(new Big(brute!.average).toNumber());
        expect(kpis.cost_of_goods_shipped).toBe(new Big(brute!.shipped_value).toNumber());
        if (kpis.bucket === 'month') expect(kpis.movement_series).toEqual(brute!.series);
        else {
          const total = (key: 'received' | 'shipped') =>
            kpis.movement_series.reduce((sum, p) => sum.plus(p[key]), new Big(0)).toNumber();
          const series = brute!.series as { received: number; shipped: number }[];
          expect(total('received')).toBe(series.reduce((sum, p) => sum.plus(p.received), new Big(0)).toNumber());
          expect(total('shipped')).toBe(series.reduce((sum, p) => sum.plus(p.shipped), new Big(0)).toNumber());
        }
      }
    }
  }, 120_000);

  it('is read by everyone but support; supplier punctuality only by those who read purchasing', async () => {
    const rep = await inventory(actors.sales!, ago(6), today);
    expect(rep.supplier_on_time).toBeNull();
    expect(rep.inventory_value).toBe(96);
    for (const role of ['owner', 'admin', 'manager', 'accountant', 'viewer', 'warehouse']) {
      expect((await inventory(actors[role]!, ago(6), today)).supplier_on_time).toEqual({
        receipts: 2,
        on_time: 1,
        rate: 0.5,
      });
    }
    expect(await sqlState(inventory(actors.support!, ago(6), today))).toBe('42501');
  });
});

describe('customer_kpis', () => {
  it('counts active, previous, churned and new customers and the lifetime value, as computed by hand', async () => {
    // Range T-29…T, previous T-59…T-30. Acme: T-25, T (new); Beta: T-50, T; Yankee: T-40; Delta: T-31.
    expect(await customers(actors.manager!, ago(29), today)).toEqual({
      currency: 'EUR',
      active: 2,
      previous_active: 3,
      churned: 2, // Yankee, Delta
      new_customers: 1, // Acme
      churn_rate: 0.6667,
      lifetime_value: 86.25, // (150 + 50 + 90 + 55) / 4
      top_lifetime: [
        { account_id: customer.acme, name: 'Acme Ltd', net_invoiced: 150, first_invoice: ago(25) },
        { account_id: customer.yankee, name: 'Yankee Inc', net_invoiced: 90, first_invoice: ago(40) },
        { account_id: customer.delta, name: 'Delta SA', net_invoiced: 55, first_invoice: ago(31) },
        { account_id: customer.beta, name: 'Beta GmbH', net_invoiced: 50, first_invoice: ago(50) },
      ],
    });
    // The previous period itself: all three are new, nobody before them.
    expect(await customers(actors.viewer!, ago(59), ago(30))).toMatchObject({
      active: 3,
      previous_active: 0,
      churned: 0,
      new_customers: 3,
      churn_rate: null,
      lifetime_value: 58.33, // (30 + 90 + 55) / 3
    });
  });

  it('is read by the finance roles only', async () => {
    expect(await sqlState(customers(actors.sales!, ago(29), today))).toBe('42501');
    expect(await sqlState(customers(actors.warehouse!, ago(29), today))).toBe('42501');
    expect((await customers(actors.accountant!, ago(29), today)).active).toBe(2);
  });
});

describe('tenancy and ranges', () => {
  it("never answers with another organisation's figures", async () => {
    for (const fn of ['finance_kpis', 'customer_kpis', 'inventory_kpis']) {
      const args = fn === 'inventory_kpis' ? [otherOrgId, ago(29), today, null] : [otherOrgId, ago(29), today];
      expect(await sqlState(call(actors.manager!, fn, args))).toBe('P0002');
      const ours = fn === 'inventory_kpis' ? [orgId, ago(29), today, null] : [orgId, ago(29), today];
      expect(await sqlState(call(otherOwner, fn, ours))).toBe('P0002');
    }
    // The other org's owner sees only their own invoice.
    const theirs = await call<FinanceKpis>(otherOwner, 'finance_kpis', [otherOrgId, ago(29), today]);
    expect(theirs.revenue).toBe(999999);
  });

  it('refuses ranges without both ends, reversed or longer than ten years', async () => {
    const m = actors.manager!;
    expect(await sqlState(call(m, 'finance_kpis', [orgId, null, today]))).toBe('22004');
    expect(await sqlState(call(m, 'customer_kpis', [orgId, today, ago(1)]))).toBe('22023');
    expect(await sqlState(call(m, 'inventory_kpis', [orgId, today, ago(1), null]))).toBe('22023');
    expect(await sqlState(call(m, 'finance_kpis', [orgId, '2010-01-01', '2026-01-01']))).toBe('22023');
    expect(await sqlState(call(actors.manager!, 'finance_kpis', [null, ago(1), today]))).toBe('P0002');
  });
});

describe('summary tables', () => {
  const accountSql = (org: string) =>
    db.query<{ account_id: string; day: string; invoices: number; net: string }>(
      `select account_id, day::text, invoices, net_base::text as net from public.sales_account_daily
       where org_id = $1 and (invoices <> 0 or net_base <> 0) order by 1, 2`,
      [org],
    );
  const productSql = (org: string) =>
    db.query<{ product_id: string; day: string; quantity: string; net: string }>(
      `select product_id, day::text, quantity::text, net_base::text as net from public.sales_product_daily
       where org_id = $1 and (quantity <> 0 or net_base <> 0) order by 1, 2`,
      [org],
    );
  /** Brute force: every posted document's lines, at its rate, invoices less credit notes. */
  const bruteAccounts = (org: string) =>
    db.query<{ account_id: string; day: string; invoices: number; net: string }>(
      `select * from (
         select i.account_id, i.invoice_date::text as day, count(distinct i.id) filter (where i.kind = 'invoice')::int as invoices,
           sum(case when i.kind = 'invoice' then 1 else -1 end * round(l.net_amount * i.exchange_rate, 2))::numeric(20, 2)::text as net
         from public.invoices i join public.invoice_lines l on l.invoice_id = i.id
         where i.org_id = $1 and i.status = 'posted' group by 1, 2) x
       where x.invoices <> 0 or x.net::numeric <> 0 order by 1, 2`,
      [org],
    );
  const bruteProducts = (org: string) =>
    db.query<{ product_id: string; day: string; quantity: string; net: string }>(
      `select * from (
         select l.product_id, i.invoice_date::text as day,
           sum(case when i.kind = 'invoice' then 1 else -1 end * l.quantity)::numeric(20, 4)::text as quantity,
           sum(case when i.kind = 'invoice' then 1 else -1 end * round(l.net_amount * i.exchange_rate, 2))::numeric(20, 2)::text as net
         from public.invoices i join public.invoice_lines l on l.invoice_id = i.id
         where i.org_id = $1 and i.status = 'posted' and l.product_id is not null group by 1, 2) x
       where x.quantity::numeric <> 0 or x.net::numeric <> 0 order by 1, 2`,
      [org],
    );
  /** Income booked on the sales, service and returns accounts (the journal's view of the same). */
  const ledgerSales = async (org: string) =>
    (
      await db.query<{ net: string }>(
        `select coalesce(sum(l.credit - l.debit), 0)::text as net from public.journal_lines l
         join public.gl_accounts a on a.id = l.gl_account_id
         where l.org_id = $1 and a.role in ('sales', 'service_sales', 'sales_returns')`,
        [org],
      )
    )[0]!.net;

  it('hold exactly what the fixture invoiced, and the stock flows of its ledger', async () => {
    expect(await accountSql(orgId)).toEqual(await bruteAccounts(orgId));
    expect(await productSql(orgId)).toEqual(await bruteProducts(orgId));
    const flows = await db.query(
      `select product_id, warehouse_id, day::text, received::text, shipped::text, round(shipped_value, 4)::text as value
       from public.stock_flow_daily where org_id = $1 order by 1, 2, 3`,
      [orgId],
    );
    const brute = await db.query(
      `select product_id, warehouse_id, (created_at at time zone 'UTC')::date::text as day,
         coalesce(sum(on_hand_delta) filter (where kind = 'receipt'), 0)::numeric(20, 4)::text as received,
         coalesce(-sum(on_hand_delta) filter (where kind = 'shipment'), 0)::numeric(20, 4)::text as shipped,
         round(coalesce(-sum(on_hand_delta * unit_cost) filter (where kind = 'shipment'), 0), 4)::text as value
       from public.stock_movements where org_id = $1 and kind in ('receipt', 'shipment') group by 1, 2, 3 order by 1, 2, 3`,
      [orgId],
    );
    expect(flows).toEqual(brute);
    // Per month, with the value moved and its day moment, over every kind of movement.
    const monthly = await db.query(
      `select product_id, warehouse_id, month::text, round(value_delta, 4)::text as value, round(value_moment, 4)::text as moment,
         received::text, shipped::text, round(shipped_value, 4)::text as shipped_value
       from public.stock_monthly where org_id = $1 order by 1, 2, 3`,
      [orgId],
    );
    const bruteMonthly = await db.query(
      `select product_id, warehouse_id, date_trunc('month', (created_at at time zone 'UTC')::date::timestamp)::date::text as month,
         round(sum(on_hand_delta * unit_cost), 4)::text as value,
         round(sum(on_hand_delta * unit_cost * ((created_at at time zone 'UTC')::date - date '2000-01-01')), 4)::text as moment,
         coalesce(sum(on_hand_delta) filter (where kind = 'receipt'), 0)::numeric(20, 4)::text as received,
         coalesce(-sum(on_hand_delta) filter (where kind = 'shipment'), 0)::numeric(20, 4)::text as shipped,
         round(coalesce(-sum(on_hand_delta * unit_cost) filter (where kind = 'shipment'), 0), 4)::text as shipped_value
       from public.stock_movements where org_id = $1 and on_hand_delta <> 0 group by 1, 2, 3 order by 1, 2, 3`,
      [orgId],
    );
    expect(monthly).toEqual(bruteMonthly);
    // Deliveries on time per warehouse and day, as the punctuality view lists them.
    expect(
      await db.query(
        `select warehouse_id, day::text, deliveries, on_time from public.delivery_punctuality_daily
         where org_id = $1 and deliveries <> 0 order by 1, 2`,
        [orgId],
      ),
    ).toEqual(
      await db.query(
        `select warehouse_id, delivery_date::text as day, count(*)::int as deliveries, count(*) filter (where on_time)::int as on_time
         from public.delivery_punctuality where org_id = $1 and on_time is not null group by 1, 2 order by 1, 2`,
        [orgId],
      ),
    );
    expect(flows.length).toBe(7); // Widget T-10, Widget today (in and out), Gadget T-3 and today, Gizmo, Doohickey, Old thing
  });

  it('equal the brute-force sums of invoice lines after random invoices and credit notes', async () => {
    const owner = await db.createUser('owner@dash-prop.test');
    const [{ id: org }] = (await db.as<{ id: string }>(
      owner,
      `select id from public.create_organization('Dash Prop', 'dash-prop', 'EUR')`,
    )) as [{ id: string }];
    const accounts: string[] = [];
    for (const [name, currency] of [
      ['P1', 'EUR'],
      ['P2', 'EUR'],
      ['P3', 'USD'],
    ]) {
      accounts.push(
        (
          await db.as<{ id: string }>(
            owner,
            `insert into public.accounts (org_id, name, currency) values ($1, $2, $3) returning id`,
            [org, name, currency],
          )
        )[0]!.id,
      );
    }
    const products: string[] = [];
    for (const [sku, kind] of [
      ['PA', 'stocked'],
      ['PB', 'stocked'],
      ['PS', 'service'],
    ]) {
      products.push(
        (
          await db.as<{ id: string }>(
            owner,
            `insert into public.products (org_id, sku, name, kind) values ($1, $2, $2, $3) returning id`,
            [org, sku, kind],
          )
        )[0]!.id,
      );
    }
    await db.as(
      owner,
      `insert into public.exchange_rates (org_id, currency, rate_date, rate) values ($1, 'USD', $2, 1.137)`,
      [org, ago(400)],
    );
    const posted: string[] = [];
    const credited = new Set<string>();
    let key = 0;
    const line = fc.record({
      product: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
      quantity: fc.integer({ min: 1, max: 9 }),
      cents: fc.integer({ min: 1, max: 99_999 }),
      tax: fc.constantFrom(0, 10, 20),
    });
    const action = fc.oneof(
      fc.record({
        kind: fc.constant('invoice' as const),
        account: fc.integer({ min: 0, max: 2 }),
        daysAgo: fc.integer({ min: 0, max: 120 }),
        lines: fc.array(line, { minLength: 1, maxLength: 3 }),
      }),
      fc.record({ kind: fc.constant('credit' as const), pick: fc.nat(), whole: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 6 }), async (actions) => {
        for (const a of actions) {
          if (a.kind === 'invoice') {
            const [row] = await db.as<{ id: string }>(
              owner,
              `select id from public.create_invoice(p_org_id => $1, p_idempotency_key => $2, p_account_id => $3,
                 p_invoice_date => $4, p_lines => $5)`,
              [
                org,
                `dash-prop-${++key}`,
                accounts[a.account],
                ago(a.daysAgo),
                JSON.stringify(
                  a.lines.map((l) => ({
                    product_id: l.product === null ? null : products[l.product],
                    description: 'Random line',
                    quantity: l.quantity,
                    unit_price: l.cents / 100,
                    tax_rate: l.tax,
                  })),
                ),
              ],
            );
            posted.push(row!.id);
          } else {
            const open = posted.filter((id) => !credited.has(id));
            if (open.length === 0) continue;
            const target = open[a.pick % open.length]!;
            credited.add(target);
            const [first] = await db.query<{ id: string }>(
              `select id from public.invoice_lines where invoice_id = $1 order by position limit 1`,
              [target],
            );
            const [note] = await db.as<{ id: string }>(owner, `select id from public.credit_invoice($1, $2)`, [
              target,
              a.whole ? null : JSON.stringify([{ invoice_line_id: first!.id, quantity: 1 }]),
            ]);
            await db.as(owner, `select public.post_invoice($1)`, [note!.id]);
          }
        }
        const accountsNow = await accountSql(org);
        expect(accountsNow).toEqual(await bruteAccounts(org));
        expect(await productSql(org)).toEqual(await bruteProducts(org));
        const total = accountsNow.reduce((s, r) => s.plus(r.net), new Big(0));
        expect(total.toFixed(2)).toBe(new Big(await ledgerSales(org)).toFixed(2));
      }),
      { numRuns: 6 },
    );
    // Rebuilding from scratch gives the same rows as the triggers kept.
    const before = [await accountSql(org), await productSql(org)];
    await db.query(`select private.rebuild_sales_summaries($1)`, [org]);
    expect([await accountSql(org), await productSql(org)]).toEqual(before);
  }, 240_000);
});
