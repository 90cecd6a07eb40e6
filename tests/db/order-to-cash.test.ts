// Order-to-cash and its books, enforced by Postgres: a won deal becomes an order,
// confirming reserves stock, deliveries consume it and post COGS, invoices (idempotent,
// gapless, at the day's rate) post receivables, payments settle them (partial,
// overpaid into customer credit, realised exchange differences), credit notes reverse
// them, purchasing posts its receipts and bills; every posting rule is a row of
// expected journal lines written by hand. Posted documents are immutable, closed
// periods refuse postings, and after many random documents the books still balance.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let owner: Actor;
let accountant: Actor;
let rep: Actor;
let keeper: Actor;
let viewer: Actor;
let orgId: string;
let customerId: string;
let dollarCustomerId: string;
let supplierId: string;
let warehouseId: string;
let widget: string;
let setup: string;
let wonStageId: string;
let pipelineId: string;

type Line = [code: string, debit: string, credit: string];

/** The journal lines a document posted, as [account code, debit, credit], sorted. */
async function journalOf(sourceType: string, sourceId: string): Promise<Line[]> {
  const rows = await db.query<{ code: string; debit: string; credit: string }>(
    `select a.code, l.debit::text, l.credit::text
     from public.journal_entries e join public.journal_lines l on l.entry_id = e.id
     join public.gl_accounts a on a.id = l.gl_account_id
     where e.source_type = $1 and e.source_id = $2 and e.status = 'posted'
     order by a.code, l.debit, l.credit`,
    [sourceType, sourceId],
  );
  return rows.map((r) => [r.code, r.debit, r.credit]);
}

const sqlState = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? 'error';
  }
  return 'ok';
};

async function draftOrder(
  lines: [product: string, quantity: number, price: number, tax: number][],
  account = customerId,
) {
  const [order] = await db.as<{ id: string }>(
    rep,
    `insert into public.sales_orders (org_id, account_id, warehouse_id) values ($1, $2, $3) returning id`,
    [orgId, account, warehouseId],
  );
  for (const [i, [product, quantity, price, tax]] of lines.entries()) {
    await db.as(
      rep,
      `insert into public.sales_order_lines (org_id, sales_order_id, position, product_id, description, quantity, unit_price, tax_rate)
       values ($1, $2, $3, $4, (select name from public.products where id = $4), $5, $6, $7)`,
      [orgId, order!.id, i, product, quantity, price, tax],
    );
  }
  return order!.id;
}

const confirm = async (orderId: string) =>
  (await db.as<{ number: string }>(rep, `select number from public.confirm_sales_order($1)`, [orderId]))[0]!.number;

async function deliver(orderId: string, quantities?: number[]) {
  const [delivery] = await db.as<{ id: string }>(keeper, `select id from public.create_delivery($1)`, [orderId]);
  if (quantities) {
    const lines = await db.query<{ id: string }>(
      `select r.id from public.delivery_lines r join public.sales_order_lines l on l.id = r.sales_order_line_id
       where r.delivery_id = $1 order by l.position`,
      [delivery!.id],
    );
    for (const [i, line] of lines.entries()) {
      await db.as(keeper, `update public.delivery_lines set quantity = $2 where id = $1`, [line.id, quantities[i]]);
    }
  }
  await db.as(keeper, `select public.post_delivery($1)`, [delivery!.id]);
  return delivery!.id;
}

const createInvoice = async (args: Record<string, unknown>, actor: Actor = accountant) => {
  const keys = Object.keys(args);
  const [invoice] = await db.as<{ id: string; number: string; total: string; status: string }>(
    actor,
    `select id, number, total::text, status from public.create_invoice(${keys.map((k, i) => `${k} => $${i + 1}`).join(', ')})`,
    Object.values(args),
  );
  return invoice!;
};

const pay = async (args: Record<string, unknown>) => {
  const keys = Object.keys(args);
  const [payment] = await db.as<{ id: string; number: string; allocated_amount: string }>(
    accountant,
    `select id, number, allocated_amount::text from public.record_payment(${keys.map((k, i) => `${k} => $${i + 1}`).join(', ')})`,
    Object.values(args),
  );
  return payment!;
};

const available = async (product: string) =>
  (
    await db.query<{ on_hand: string; reserved: string; available: string }>(
      `select on_hand::text, reserved::text, available::text from public.stock_levels where product_id = $1 and warehouse_id = $2`,
      [product, warehouseId],
    )
  )[0];

const invoiceBalance = async (id: string) =>
  (
    await db.as<{ amount_paid: string; amount_due: string; payment_status: string }>(
      accountant,
      `select amount_paid::text, amount_due::text, payment_status from public.invoice_balances where id = $1`,
      [id],
    )
  )[0]!;

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  owner = await db.createUser('owner@o2c.test');
  accountant = await db.createUser('accountant@o2c.test');
  rep = await db.createUser('rep@o2c.test');
  keeper = await db.createUser('keeper@o2c.test');
  viewer = await db.createUser('viewer@o2c.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    owner,
    `select id from public.create_organization('O2C Co', 'o2c-co', 'EUR')`,
  )) as [{ id: string }];
  await db.query(
    `insert into public.memberships (org_id, user_id, role)
     values ($1, $2, 'accountant'), ($1, $3, 'sales'), ($1, $4, 'warehouse'), ($1, $5, 'viewer')`,
    [orgId, accountant.id, rep.id, keeper.id, viewer.id],
  );
  const party = async (name: string, extra: string) =>
    (
      await db.as<{ id: string }>(
        owner,
        `insert into public.accounts (org_id, name, ${extra.split('=')[0]}) values ($1, $2, ${extra.split('=')[1]}) returning id`,
        [orgId, name],
      )
    )[0]!.id;
  customerId = await party('Acme Ltd', 'payment_terms_days=14');
  dollarCustomerId = await party('Yankee Inc', "currency='USD'");
  supplierId = await party('Parts GmbH', 'is_supplier=true');
  [{ id: warehouseId }] = (await db.query<{ id: string }>(
    `select id from public.warehouses where org_id = $1 and code = 'MAIN'`,
    [orgId],
  )) as [{ id: string }];
  [{ id: widget }] = (await db.as<{ id: string }>(
    owner,
    `insert into public.products (org_id, sku, name, sale_price) values ($1, 'W-1', 'Widget', 10) returning id`,
    [orgId],
  )) as [{ id: string }];
  [{ id: setup }] = (await db.as<{ id: string }>(
    owner,
    `insert into public.products (org_id, sku, name, kind, sale_price) values ($1, 'SETUP', 'Setup', 'service', 100) returning id`,
    [orgId],
  )) as [{ id: string }];
  await db.as(keeper, `select public.receive_stock($1, $2, $3, 10, 4)`, [orgId, widget, warehouseId]);
  [{ id: pipelineId, stage: wonStageId }] = (await db.query<{ id: string; stage: string }>(
    `select p.id, s.id as stage from public.pipelines p join public.pipeline_stages s on s.pipeline_id = p.id
     where p.org_id = $1 and s.kind = 'won'`,
    [orgId],
  )) as [{ id: string; stage: string }];
  await db.as(
    accountant,
    `insert into public.exchange_rates (org_id, currency, rate_date, rate) values ($1, 'USD', '2026-01-01', 0.9), ($1, 'USD', '2026-06-01', 0.95)`,
    [orgId],
  );
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('order to cash', () => {
  let orderId: string;
  let invoiceId: string;

  it('turns a won deal into an order with its lines, terms and promised date, once', async () => {
    const [deal] = await db.as<{ id: string }>(
      rep,
      `insert into public.deals (org_id, pipeline_id, stage_id, title, account_id, promised_delivery_date)
       values ($1, $2, $3, 'Acme rollout', $4, '2030-03-01') returning id`,
      [orgId, pipelineId, wonStageId, customerId],
    );
    for (const [i, [product, qty, price, tax]] of (
      [
        [widget, 4, 10, 10],
        [setup, 1, 100, 10],
      ] as const
    ).entries()) {
      await db.as(
        rep,
        `insert into public.deal_lines (org_id, deal_id, position, product_id, description, quantity, unit_price, tax_rate)
         values ($1, $2, $3, $4, 'line', $5, $6, $7)`,
        [orgId, deal!.id, i, product, qty, price, tax],
      );
    }
    const [order] = await db.as<{
      id: string;
      status: string;
      currency: string;
      payment_terms_days: number;
      promised_date: string;
    }>(
      rep,
      `select id, status, currency, payment_terms_days, promised_date::text from public.create_sales_order_from_deal($1)`,
      [deal!.id],
    );
    expect(order).toMatchObject({
      status: 'draft',
      currency: 'EUR',
      payment_terms_days: 14,
      promised_date: '2030-03-01',
    });
    orderId = order!.id;
    const lines = await db.query<{ quantity: string; unit_price: string; tax_rate: string; net_amount: string }>(
      `select quantity::text, unit_price::text, tax_rate::text, net_amount::text from public.sales_order_lines
       where sales_order_id = $1 order by position`,
      [orderId],
    );
    expect(lines).toEqual([
      { quantity: '4.0000', unit_price: '10.0000', tax_rate: '10.000', net_amount: '40.00' },
      { quantity: '1.0000', unit_price: '100.0000', tax_rate: '10.000', net_amount: '100.00' },
    ]);
    expect(await sqlState(db.as(rep, `select public.create_sales_order_from_deal($1)`, [deal!.id]))).toBe('23505');
  });

  it('confirming numbers the order and reserves stock: available drops, on hand does not', async () => {
    expect(await available(widget)).toEqual({ on_hand: '10.0000', reserved: '0.0000', available: '10.0000' });
    expect(await confirm(orderId)).toMatch(/^SO-\d{4}-00001$/);
    expect(await available(widget)).toEqual({ on_hand: '10.0000', reserved: '4.0000', available: '6.0000' });
    // Confirmed orders no longer change by hand.
    expect(
      await sqlState(
        db.as(rep, `update public.sales_order_lines set quantity = 9 where sales_order_id = $1`, [orderId]),
      ),
    ).toBe('42501');
  });

  it('delivers partially (backorder), consuming the reservation and posting COGS at the moving average', async () => {
    const first = await deliver(orderId, [3]);
    expect(await available(widget)).toEqual({ on_hand: '7.0000', reserved: '1.0000', available: '6.0000' });
    expect(await journalOf('deliveries', first)).toEqual([
      ['1200', '0.00', '12.00'],
      ['5000', '12.00', '0.00'],
    ]);
    const [order] = await db.query<{ status: string }>(`select status from public.sales_orders where id = $1`, [
      orderId,
    ]);
    expect(order!.status).toBe('partially_delivered');
    // Over-delivery is refused.
    const [extra] = await db.as<{ id: string }>(keeper, `select id from public.create_delivery($1)`, [orderId]);
    await db.as(keeper, `update public.delivery_lines set quantity = 2 where delivery_id = $1`, [extra!.id]);
    expect(await sqlState(db.as(keeper, `select public.post_delivery($1)`, [extra!.id]))).toBe('23514');
    await db.as(keeper, `delete from public.deliveries where id = $1`, [extra!.id]);
  });

  it('invoices only what was delivered when asked, and posts receivable against income and tax', async () => {
    const invoice = await createInvoice({
      p_org_id: orgId,
      p_idempotency_key: 'o2c-delivered-1',
      p_sales_order_id: orderId,
      p_only_delivered: true,
    });
    invoiceId = invoice.id;
    expect(invoice.number).toMatch(/^INV-\d{4}-00001$/);
    // 3 widgets delivered (30 + 3 tax) and the service (100 + 10 tax).
    expect(invoice.total).toBe('143.00');
    expect(await journalOf('invoices', invoice.id)).toEqual([
      ['1100', '143.00', '0.00'],
      ['2200', '0.00', '13.00'],
      ['4000', '0.00', '30.00'],
      ['4100', '0.00', '100.00'],
    ]);
    expect(await invoiceBalance(invoice.id)).toEqual({
      amount_paid: '0.00',
      amount_due: '143.00',
      payment_status: 'open',
    });
    // The rest of the order invoices the remaining widget only.
    const rest = await createInvoice({ p_org_id: orgId, p_idempotency_key: 'o2c-rest-1', p_sales_order_id: orderId });
    expect(rest.total).toBe('11.00');
    expect(
      await sqlState(createInvoice({ p_org_id: orgId, p_idempotency_key: 'o2c-nothing-1', p_sales_order_id: orderId })),
    ).toBe('23514');
  });

  it('settles invoices with partial payments and keeps overpayments as customer credit', async () => {
    const first = await pay({
      p_org_id: orgId,
      p_direction: 'incoming',
      p_account_id: customerId,
      p_amount: 100,
      p_allocations: JSON.stringify([{ invoice_id: invoiceId, amount: 100 }]),
    });
    expect(first.number).toMatch(/^RCPT-\d{4}-00001$/);
    expect(await journalOf('payments', first.id)).toEqual([
      ['1000', '100.00', '0.00'],
      ['1100', '0.00', '100.00'],
    ]);
    expect(await invoiceBalance(invoiceId)).toMatchObject({ amount_due: '43.00', payment_status: 'partially_paid' });
    const second = await pay({
      p_org_id: orgId,
      p_direction: 'incoming',
      p_account_id: customerId,
      p_amount: 50,
      p_allocations: JSON.stringify([{ invoice_id: invoiceId, amount: 43 }]),
    });
    expect(await journalOf('payments', second.id)).toEqual([
      ['1000', '50.00', '0.00'],
      ['1100', '0.00', '43.00'],
      ['2300', '0.00', '7.00'],
    ]);
    expect(await invoiceBalance(invoiceId)).toMatchObject({ amount_due: '0.00', payment_status: 'paid' });
    // Paying more than is due is refused and changes nothing.
    expect(
      await sqlState(
        pay({
          p_org_id: orgId,
          p_direction: 'incoming',
          p_account_id: customerId,
          p_amount: 5,
          p_allocations: JSON.stringify([{ invoice_id: invoiceId, amount: 5 }]),
        }),
      ),
    ).toBe('23514');
  });

  it('credits part of an invoice: returns and tax debited, receivable credited, order quantities restored', async () => {
    const lines = await db.query<{ id: string }>(
      `select id from public.invoice_lines where invoice_id = $1 and product_id = $2`,
      [invoiceId, widget],
    );
    const [credit] = await db.as<{ id: string }>(
      accountant,
      `select id from public.credit_invoice($1, $2, 'One damaged')`,
      [invoiceId, JSON.stringify([{ invoice_line_id: lines[0]!.id, quantity: 1 }])],
    );
    const [posted] = await db.as<{ number: string; total: string }>(
      accountant,
      `select number, total::text from public.post_invoice($1)`,
      [credit!.id],
    );
    expect(posted).toMatchObject({ total: '11.00' });
    expect(posted!.number).toMatch(/^CN-\d{4}-00001$/);
    expect(await journalOf('invoices', credit!.id)).toEqual([
      ['1100', '0.00', '11.00'],
      ['2200', '1.00', '0.00'],
      ['4900', '10.00', '0.00'],
    ]);
    const [line] = await db.query<{ invoiced_quantity: string }>(
      `select invoiced_quantity::text from public.sales_order_lines where sales_order_id = $1 and product_id = $2`,
      [orderId, widget],
    );
    expect(line!.invoiced_quantity).toBe('3.0000');
    // Crediting more than was invoiced is refused.
    expect(
      await sqlState(
        db.as(accountant, `select public.credit_invoice($1, $2)`, [
          invoiceId,
          JSON.stringify([{ invoice_line_id: lines[0]!.id, quantity: 3 }]),
        ]),
      ),
    ).toBe('23514');
  });

  it('realises exchange differences when a foreign-currency invoice is paid at another rate', async () => {
    const invoice = await createInvoice({
      p_org_id: orgId,
      p_idempotency_key: 'o2c-usd-1',
      p_account_id: dollarCustomerId,
      p_lines: JSON.stringify([{ description: 'Consulting', quantity: 1, unit_price: 100 }]),
      p_invoice_date: '2026-02-01',
    });
    expect(await journalOf('invoices', invoice.id)).toEqual([
      ['1100', '90.00', '0.00'],
      ['4000', '0.00', '90.00'],
    ]);
    const payment = await pay({
      p_org_id: orgId,
      p_direction: 'incoming',
      p_account_id: dollarCustomerId,
      p_amount: 100,
      p_currency: 'USD',
      p_payment_date: '2026-07-01',
      p_allocations: JSON.stringify([{ invoice_id: invoice.id, amount: 100 }]),
    });
    expect(await journalOf('payments', payment.id)).toEqual([
      ['1000', '95.00', '0.00'],
      ['1100', '0.00', '90.00'],
      ['4950', '0.00', '5.00'],
    ]);
    // A rate is required: none exists for CHF.
    expect(
      await sqlState(
        createInvoice({
          p_org_id: orgId,
          p_idempotency_key: 'o2c-chf-1',
          p_account_id: dollarCustomerId,
          p_currency: 'CHF',
          p_lines: JSON.stringify([{ description: 'Consulting', quantity: 1, unit_price: 100 }]),
        }),
      ),
    ).toBe('23514');
  });

  it('posts goods receipts against GRNI and bills with price differences, expenses and input tax', async () => {
    const [po] = await db.as<{ id: string }>(
      accountant,
      `insert into public.purchase_orders (org_id, supplier_id, warehouse_id) values ($1, $2, $3) returning id`,
      [orgId, supplierId, warehouseId],
    );
    const [poLine] = await db.as<{ id: string }>(
      accountant,
      `insert into public.purchase_order_lines (org_id, purchase_order_id, product_id, quantity, unit_cost)
       values ($1, $2, $3, 10, 5) returning id`,
      [orgId, po!.id, widget],
    );
    await db.as(accountant, `select public.confirm_purchase_order($1)`, [po!.id]);
    const [receipt] = await db.as<{ id: string }>(keeper, `select id from public.create_goods_receipt($1)`, [po!.id]);
    await db.as(keeper, `select public.post_goods_receipt($1)`, [receipt!.id]);
    expect(await journalOf('goods_receipts', receipt!.id)).toEqual([
      ['1200', '50.00', '0.00'],
      ['2100', '0.00', '50.00'],
    ]);
    const [bill] = await db.as<{ id: string }>(
      accountant,
      `insert into public.vendor_bills (org_id, supplier_id, purchase_order_id, supplier_invoice_number) values ($1, $2, $3, 'P-77') returning id`,
      [orgId, supplierId, po!.id],
    );
    await db.as(
      accountant,
      `insert into public.vendor_bill_lines (org_id, vendor_bill_id, purchase_order_line_id, product_id, description, quantity, unit_price, tax_rate)
       values ($1, $2, $3, $4, 'Widgets', 10, 5.5, 20), ($1, $2, null, null, 'Freight', 1, 20, 20)`,
      [orgId, bill!.id, poLine!.id, widget],
    );
    await db.as(accountant, `select public.post_vendor_bill($1)`, [bill!.id]);
    expect(await journalOf('vendor_bills', bill!.id)).toEqual([
      ['1300', '15.00', '0.00'],
      ['2000', '0.00', '90.00'],
      ['2100', '50.00', '0.00'],
      ['5100', '20.00', '0.00'],
      ['5200', '5.00', '0.00'],
    ]);
    const payment = await pay({
      p_org_id: orgId,
      p_direction: 'outgoing',
      p_account_id: supplierId,
      p_amount: 90,
      p_allocations: JSON.stringify([{ vendor_bill_id: bill!.id, amount: 90 }]),
    });
    expect(payment.number).toMatch(/^PAY-\d{4}-00001$/);
    expect(await journalOf('payments', payment.id)).toEqual([
      ['1000', '0.00', '90.00'],
      ['2000', '90.00', '0.00'],
    ]);
    const [balance] = await db.as<{ payment_status: string }>(
      accountant,
      `select payment_status from public.vendor_bill_balances where id = $1`,
      [bill!.id],
    );
    expect(balance!.payment_status).toBe('paid');
  });

  it('allocates a customer credit to a later invoice, moving it out of customer credits', async () => {
    const invoice = await createInvoice({
      p_org_id: orgId,
      p_idempotency_key: 'o2c-later-1',
      p_account_id: customerId,
      p_lines: JSON.stringify([{ description: 'Support hours', quantity: 1, unit_price: 7 }]),
    });
    const [payment] = await db.query<{ id: string }>(
      `select id from public.payments where org_id = $1 and account_id = $2 and allocated_amount < amount`,
      [orgId, customerId],
    );
    await db.as(accountant, `select public.allocate_payment($1, $2)`, [
      payment!.id,
      JSON.stringify([{ invoice_id: invoice.id, amount: 7 }]),
    ]);
    expect(await invoiceBalance(invoice.id)).toMatchObject({ payment_status: 'paid' });
    const [{ balance }] = (await db.query<{ balance: string }>(
      `select sum(l.credit - l.debit)::text as balance from public.journal_lines l join public.gl_accounts a on a.id = l.gl_account_id
       where l.org_id = $1 and a.code = '2300'`,
      [orgId],
    )) as [{ balance: string }];
    expect(balance).toBe('0.00');
  });
});

describe('customer returns', () => {
  it('bring delivered goods back at the cost they left at, and a draft credit note of what was invoiced follows', async () => {
    const order = await draftOrder([[widget, 2, 10, 10]]);
    await confirm(order);
    const delivery = await deliver(order);
    const [{ unit_cost: cost }] = (await db.query<{ unit_cost: string }>(
      `select unit_cost::text from public.delivery_lines where delivery_id = $1`,
      [delivery],
    )) as [{ unit_cost: string }];
    const invoice = await createInvoice({
      p_org_id: orgId,
      p_idempotency_key: 'return-invoice-1',
      p_sales_order_id: order,
    });
    const before = await available(widget);
    const [draft] = await db.as<{ id: string }>(keeper, `select id from public.create_customer_return($1, 'Damaged')`, [
      order,
    ]);
    await db.as(keeper, `update public.customer_return_lines set quantity = 1 where customer_return_id = $1`, [
      draft!.id,
    ]);
    const [posted] = await db.as<{ number: string; credit_note_id: string }>(
      keeper,
      `select number, credit_note_id from public.post_customer_return($1)`,
      [draft!.id],
    );
    expect(posted!.number).toMatch(/^RET-\d{4}-00001$/);
    expect(Number((await available(widget))!.on_hand) - Number(before!.on_hand)).toBe(1);
    const value = (Math.round(Number(cost) * 100) / 100).toFixed(2);
    expect(await journalOf('customer_returns', draft!.id)).toEqual([
      ['1200', value, '0.00'],
      ['5000', '0.00', value],
    ]);
    const [credit] = await db.query<{ kind: string; status: string; credited_invoice_id: string; total: string }>(
      `select kind, status, credited_invoice_id, total::text from public.invoices where id = $1`,
      [posted!.credit_note_id],
    );
    expect(credit).toEqual({ kind: 'credit_note', status: 'draft', credited_invoice_id: invoice.id, total: '11.00' });
    // Returning more than was delivered is refused.
    const [again] = await db.as<{ id: string }>(keeper, `select id from public.create_customer_return($1)`, [order]);
    await db.as(keeper, `update public.customer_return_lines set quantity = 5 where customer_return_id = $1`, [
      again!.id,
    ]);
    expect(await sqlState(db.as(keeper, `select public.post_customer_return($1)`, [again!.id]))).toBe('23514');
  });
});

describe('invoicing rules', () => {
  const standalone = (key: string, extra: Record<string, unknown> = {}) => ({
    p_org_id: orgId,
    p_idempotency_key: key,
    p_account_id: customerId,
    p_lines: JSON.stringify([{ description: 'Widget', product_id: widget, quantity: 1, unit_price: 10, tax_rate: 10 }]),
    ...extra,
  });

  it('makes one invoice and one journal entry from 10 concurrent identical requests', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => createInvoice(standalone('same-request-0001'))));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const [{ invoices, entries }] = (await db.query<{ invoices: number; entries: number }>(
      `select (select count(*)::int from public.invoices where org_id = $1 and idempotency_key = 'same-request-0001') as invoices,
              (select count(*)::int from public.journal_entries where source_type = 'invoices' and source_id = $2) as entries`,
      [orgId, results[0]!.id],
    )) as [{ invoices: number; entries: number }];
    expect({ invoices, entries }).toEqual({ invoices: 1, entries: 1 });
  });

  it('numbers 30 concurrent invoices gaplessly', async () => {
    const [{ before }] = (await db.query<{ before: number }>(
      `select count(*)::int as before from public.invoices where org_id = $1 and kind = 'invoice' and status = 'posted'`,
      [orgId],
    )) as [{ before: number }];
    await Promise.all(Array.from({ length: 30 }, (_, i) => createInvoice(standalone(`gapless-${1000 + i}`))));
    const numbers = (
      await db.query<{ n: number }>(
        `select split_part(number, '-', 3)::int as n from public.invoices where org_id = $1 and kind = 'invoice' and status = 'posted' order by 1`,
        [orgId],
      )
    ).map((r) => r.n);
    expect(numbers).toEqual(Array.from({ length: before + 30 }, (_, i) => i + 1));
  });

  it('refuses postings into a closed period and leaves nothing behind', async () => {
    const [period] = await db.as<{ id: string }>(
      accountant,
      `insert into public.fiscal_periods (org_id, name, start_date, end_date) values ($1, 'Jan 2025', '2025-01-01', '2025-01-31') returning id`,
      [orgId],
    );
    await db.as(accountant, `select public.close_fiscal_period($1)`, [period!.id]);
    expect(await sqlState(createInvoice(standalone('closed-period-1', { p_invoice_date: '2025-01-15' })))).toBe(
      '23514',
    );
    const rows = await db.query(`select 1 from public.invoices where idempotency_key = 'closed-period-1'`);
    expect(rows).toEqual([]);
  });

  it('keeps posted invoices, payments and deliveries immutable', async () => {
    const invoice = await createInvoice(standalone('immutable-0001'));
    expect(
      await sqlState(db.as(accountant, `update public.invoices set notes = 'x' where id = $1`, [invoice.id])),
    ).toBe('42501');
    expect(
      await sqlState(
        db.as(accountant, `update public.invoice_lines set unit_price = 1 where invoice_id = $1`, [invoice.id]),
      ),
    ).toBe('42501');
    expect(await sqlState(db.as(accountant, `delete from public.invoices where id = $1`, [invoice.id]))).toBe('42501');
    expect(await sqlState(db.as(accountant, `delete from public.payments where org_id = $1`, [orgId]))).toBe('42501');
    expect(
      await sqlState(
        db.as(keeper, `update public.deliveries set notes = 'x' where org_id = $1 and status = 'posted'`, [orgId]),
      ),
    ).toBe('42501');
    // A draft cannot be posted by editing its status either.
    const draft = await createInvoice(standalone('draft-edit-001', { p_post: false }));
    expect(draft.status).toBe('draft');
    expect(
      await sqlState(
        db.as(accountant, `update public.invoices set status = 'posted', number = 'INV-X' where id = $1`, [draft.id]),
      ),
    ).toBe('42501');
  });

  it('derives overdue from the due date', async () => {
    const invoice = await createInvoice(
      standalone('overdue-00001', {
        p_invoice_date: new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10),
      }),
    );
    expect((await invoiceBalance(invoice.id)).payment_status).toBe('overdue');
  });

  it('lets only finance roles invoice and pay; warehouse staff see no invoices; viewers read', async () => {
    expect(await sqlState(createInvoice(standalone('by-rep-00001'), rep))).toBe('42501');
    expect(await db.as(keeper, `select id from public.invoices where org_id = $1`, [orgId])).toEqual([]);
    expect((await db.as(viewer, `select id from public.invoices where org_id = $1`, [orgId])).length).toBeGreaterThan(
      0,
    );
    expect(
      await sqlState(db.as(viewer, `select public.record_payment($1, 'incoming', $2, 10)`, [orgId, customerId])),
    ).toBe('42501');
    // Another organisation's order is not found.
    const other = await db.createUser('other@o2c.test');
    const [{ id: otherOrg }] = (await db.as<{ id: string }>(
      other,
      `select id from public.create_organization('Other', 'other-o2c')`,
    )) as [{ id: string }];
    const [order] = await db.query<{ id: string }>(`select id from public.sales_orders where org_id = $1 limit 1`, [
      orgId,
    ]);
    expect(
      await sqlState(
        createInvoice({ p_org_id: otherOrg, p_idempotency_key: 'cross-org-001', p_sales_order_id: order!.id }, other),
      ),
    ).toBe('P0002');
  });
});

describe('aging', () => {
  it('buckets open invoices by days past due as of a date, with unapplied credit beside them', async () => {
    const [aged] = await db.as<{ id: string }>(
      owner,
      `insert into public.accounts (org_id, name, payment_terms_days) values ($1, 'Aged Co', 0) returning id`,
      [orgId],
    );
    const invoice = async (key: string, date: string, amount: number) =>
      createInvoice({
        p_org_id: orgId,
        p_idempotency_key: key,
        p_account_id: aged!.id,
        p_invoice_date: date,
        p_lines: JSON.stringify([{ description: 'Work', quantity: 1, unit_price: amount }]),
      });
    await invoice('aged-current-key', '2026-03-31', 10);
    await invoice('aged-20-key', '2026-03-11', 20);
    await invoice('aged-45-key', '2026-02-14', 30);
    await invoice('aged-75-key', '2026-01-15', 40);
    const old = await invoice('aged-120-key', '2025-12-01', 50);
    // Paid after the as-of date: still open on it.
    await pay({
      p_org_id: orgId,
      p_direction: 'incoming',
      p_account_id: aged!.id,
      p_amount: 50,
      p_payment_date: '2026-04-15',
      p_allocations: JSON.stringify([{ invoice_id: old.id, amount: 50 }]),
    });
    await pay({
      p_org_id: orgId,
      p_direction: 'incoming',
      p_account_id: aged!.id,
      p_amount: 5,
      p_payment_date: '2026-03-01',
    });
    const rows = await db.as<Record<string, string>>(
      accountant,
      `select current_amount::text, days_1_30::text, days_31_60::text, days_61_90::text, days_over_90::text,
              total_due::text, unapplied_credit::text, oldest_due_date::text
       from public.ar_aging($1, '2026-03-31') where account_id = $2`,
      [orgId, aged!.id],
    );
    expect(rows).toEqual([
      {
        current_amount: '10.00',
        days_1_30: '20.00',
        days_31_60: '30.00',
        days_61_90: '40.00',
        days_over_90: '50.00',
        total_due: '150.00',
        unapplied_credit: '5.00',
        oldest_due_date: '2025-12-01',
      },
    ]);
    const today = await db.as<{ total_due: string }>(
      accountant,
      `select total_due::text from public.ar_aging($1) where account_id = $2`,
      [orgId, aged!.id],
    );
    expect(today).toEqual([{ total_due: '100.00' }]);
    expect(await sqlState(db.as(keeper, `select * from public.ar_aging($1)`, [orgId]))).toBe('42501');
  });
});

describe('tax report and on-time delivery', () => {
  it('sums output tax (invoices less credit notes) and input tax (bills) per rate for a date range', async () => {
    const [taxed] = await db.as<{ id: string }>(
      owner,
      `select id from public.create_organization('Tax Co', 'tax-co', 'EUR')`,
    );
    const org = taxed!.id;
    await db.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, 'accountant') `, [
      org,
      accountant.id,
    ]);
    const [customer] = await db.as<{ id: string }>(
      owner,
      `insert into public.accounts (org_id, name) values ($1, 'Buyer') returning id`,
      [org],
    );
    const [supplier] = await db.as<{ id: string }>(
      owner,
      `insert into public.accounts (org_id, name, is_supplier) values ($1, 'Seller', true) returning id`,
      [org],
    );
    const invoice = await createInvoice({
      p_org_id: org,
      p_idempotency_key: 'tax-invoice-0001',
      p_account_id: customer!.id,
      p_invoice_date: '2026-04-10',
      p_lines: JSON.stringify([
        { description: 'Standard', quantity: 2, unit_price: 50, tax_rate: 20 },
        { description: 'Reduced', quantity: 1, unit_price: 30, tax_rate: 5.5 },
      ]),
    });
    const lines = await db.query<{ id: string }>(
      `select id from public.invoice_lines where invoice_id = $1 and tax_rate = 20`,
      [invoice.id],
    );
    const [credit] = await db.as<{ id: string }>(accountant, `select id from public.credit_invoice($1, $2)`, [
      invoice.id,
      JSON.stringify([{ invoice_line_id: lines[0]!.id, quantity: 1 }]),
    ]);
    await db.as(accountant, `update public.invoices set invoice_date = '2026-04-15' where id = $1`, [credit!.id]);
    await db.as(accountant, `select public.post_invoice($1)`, [credit!.id]);
    const [bill] = await db.as<{ id: string }>(
      accountant,
      `insert into public.vendor_bills (org_id, supplier_id, bill_date) values ($1, $2, '2026-04-20') returning id`,
      [org, supplier!.id],
    );
    await db.as(
      accountant,
      `insert into public.vendor_bill_lines (org_id, vendor_bill_id, description, quantity, unit_price, tax_rate)
       values ($1, $2, 'Rent', 1, 400, 20)`,
      [org, bill!.id],
    );
    await db.as(accountant, `select public.post_vendor_bill($1)`, [bill!.id]);
    // Outside the range: not counted.
    await createInvoice({
      p_org_id: org,
      p_idempotency_key: 'tax-invoice-0002',
      p_account_id: customer!.id,
      p_invoice_date: '2026-05-01',
      p_lines: JSON.stringify([{ description: 'Later', quantity: 1, unit_price: 999, tax_rate: 20 }]),
    });
    const rows = await db.as<Record<string, string | number>>(
      accountant,
      `select direction, tax_rate::text, taxable_amount::text, tax_amount::text, documents
       from public.tax_report($1, '2026-04-01', '2026-04-30')`,
      [org],
    );
    expect(rows).toEqual([
      { direction: 'output', tax_rate: '5.500', taxable_amount: '30.00', tax_amount: '1.65', documents: 1 },
      { direction: 'output', tax_rate: '20.000', taxable_amount: '50.00', tax_amount: '10.00', documents: 2 },
      { direction: 'input', tax_rate: '20.000', taxable_amount: '400.00', tax_amount: '80.00', documents: 1 },
    ]);
    // The report agrees with the tax accounts of the ledger.
    const [ledger] = await db.query<{ payable: string; receivable: string }>(
      `select sum(case when a.role = 'tax_payable' then l.credit - l.debit else 0 end)::text as payable,
              sum(case when a.role = 'tax_receivable' then l.debit - l.credit else 0 end)::text as receivable
       from public.journal_lines l join public.journal_entries e on e.id = l.entry_id join public.gl_accounts a on a.id = l.gl_account_id
       where l.org_id = $1 and e.entry_date between '2026-04-01' and '2026-04-30'`,
      [org],
    );
    expect(ledger).toEqual({ payable: '11.65', receivable: '80.00' });
    expect(await sqlState(db.as(rep, `select * from public.tax_report($1, '2026-04-01', '2026-04-30')`, [orgId]))).toBe(
      '42501',
    );
  });

  it('marks each delivery on time or late against the promised date', async () => {
    const order = await draftOrder([[widget, 1, 10, 0]]);
    await db.as(rep, `update public.sales_orders set promised_date = current_date - 3 where id = $1`, [order]);
    await confirm(order);
    const late = await deliver(order);
    const [row] = await db.as<{ days_late: number; on_time: boolean }>(
      viewer,
      `select days_late, on_time from public.delivery_punctuality where delivery_id = $1`,
      [late],
    );
    expect(row).toEqual({ days_late: 3, on_time: false });
    const punctual = await draftOrder([[widget, 1, 10, 0]]);
    await db.as(rep, `update public.sales_orders set promised_date = current_date + 5 where id = $1`, [punctual]);
    await confirm(punctual);
    const onTime = await deliver(punctual);
    const [first] = await db.as<{ days_late: number; on_time: boolean }>(
      viewer,
      `select days_late, on_time from public.delivery_punctuality where delivery_id = $1`,
      [onTime],
    );
    expect(first).toEqual({ days_late: 0, on_time: true });
  });
});

describe('the books after many random documents', () => {
  it('balance: debits equal credits, assets = liabilities + equity + profit, receivables match open documents', async () => {
    const [acct] = await db.as<{ id: string }>(
      owner,
      `insert into public.accounts (org_id, name) values ($1, 'Random Co') returning id`,
      [orgId],
    );
    await db.as(keeper, `select public.receive_stock($1, $2, $3, 1000, 3)`, [orgId, widget, warehouseId]);
    let key = 0;
    type Op =
      | { t: 'order'; qty: number; price: number; tax: number; deliver: number; invoice: boolean }
      | { t: 'pay'; amount: number }
      | { t: 'credit' };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        t: fc.constant('order' as const),
        qty: fc.integer({ min: 1, max: 5 }),
        price: fc.integer({ min: 1, max: 9999 }).map((c) => c / 100),
        tax: fc.constantFrom(0, 7, 19, 20),
        deliver: fc.integer({ min: 0, max: 5 }),
        invoice: fc.boolean(),
      }),
      fc.record({ t: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 20000 }).map((c) => c / 100) }),
      fc.record({ t: fc.constant('credit' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 12 }), async (ops) => {
        for (const op of ops) {
          if (op.t === 'order') {
            const order = await draftOrder([[widget, op.qty, op.price, op.tax]], acct!.id);
            await confirm(order);
            if (op.deliver > 0) await deliver(order, [Math.min(op.deliver, op.qty)]);
            if (op.invoice) {
              await createInvoice({ p_org_id: orgId, p_idempotency_key: `random-${key++}`, p_sales_order_id: order });
            }
          } else if (op.t === 'pay') {
            const [open] = await db.query<{ id: string; due: string }>(
              `select id, (total - amount_paid)::text as due from public.invoices
               where account_id = $1 and kind = 'invoice' and status = 'posted' and amount_paid < total order by invoice_date, number limit 1`,
              [acct!.id],
            );
            const allocate = open ? Math.min(op.amount, Number(open.due)) : 0;
            await pay({
              p_org_id: orgId,
              p_direction: 'incoming',
              p_account_id: acct!.id,
              p_amount: op.amount,
              p_allocations: JSON.stringify(
                open && allocate > 0 ? [{ invoice_id: open.id, amount: allocate.toFixed(2) }] : [],
              ),
            });
          } else {
            const [posted] = await db.query<{ id: string }>(
              `select i.id from public.invoices i where i.account_id = $1 and i.kind = 'invoice' and i.status = 'posted'
                 and not exists (select 1 from public.invoices c where c.credited_invoice_id = i.id)
               order by i.number desc limit 1`,
              [acct!.id],
            );
            if (posted) {
              const [credit] = await db.as<{ id: string }>(accountant, `select id from public.credit_invoice($1)`, [
                posted.id,
              ]);
              await db.as(accountant, `select public.post_invoice($1)`, [credit!.id]);
            }
          }
        }
        const [books] = await db.query<Record<string, string>>(
          `select
             sum(l.debit - l.credit)::text as difference,
             sum(case when a.type = 'asset' then l.debit - l.credit else 0 end)::text as assets,
             sum(case when a.type = 'asset' then 0 else l.credit - l.debit end)::text as claims
           from public.journal_lines l join public.gl_accounts a on a.id = l.gl_account_id where l.org_id = $1`,
          [orgId],
        );
        expect(books!.difference).toBe('0.00');
        expect(books!.assets).toBe(books!.claims);
        // The receivable control account for this customer equals its open invoices less
        // its unused credit notes (all in base currency here).
        const [control] = await db.query<{ ledger: string; documents: string }>(
          `select
             (select coalesce(sum(l.debit - l.credit), 0) from public.journal_lines l join public.gl_accounts a on a.id = l.gl_account_id
              where l.org_id = $1 and a.role = 'receivable' and l.partner_id = $2)::text as ledger,
             (select coalesce(sum(case when kind = 'invoice' then total - amount_paid else -(total - amount_paid) end), 0)
              from public.invoices where account_id = $2 and status = 'posted')::text as documents`,
          [orgId, acct!.id],
        );
        expect(control!.ledger).toBe(control!.documents);
      }),
      { numRuns: 12 },
    );
  }, 300_000);
});
