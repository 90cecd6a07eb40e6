// The create-invoice edge function end to end through the real stack: an accountant
// invoices a delivered sales order (posted invoice, INV number, balanced journal entry),
// only what was delivered after a partial delivery, or stand-alone lines; the PDF lands
// in Storage once (ten identical calls at once make one invoice, one entry, one file,
// one e-mail), the customer receives it through the outbox and the mail catcher; other
// organisations' orders, viewers, sales reps and bad requests are refused with nothing
// changed.
import zlib from 'node:zlib';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeClient } from '../helpers/clients.ts';
import { waitForMail } from '../helpers/mail.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let owner: SupabaseClient;
let accountant: SupabaseClient;
let viewer: SupabaseClient;
let rep: SupabaseClient;
let otherOwner: SupabaseClient;
let orgId: string;
let otherOrgId: string;
let customerId: string;
let quietCustomerId: string;
let widgetId: string;
let gadgetId: string;
let otherOrderId: string;

const CUSTOMER_EMAIL = 'ap@customer.test';
const INV_RE = /^INV-\d{4}-\d{5}$/;

async function userClient(email: string): Promise<{ client: SupabaseClient; id: string }> {
  const admin = nodeClient(stack.url, stack.serviceRoleKey);
  const { data, error } = await admin.auth.admin.createUser({
    email,
    password: 'invoice-test-pw',
    email_confirm: true,
  });
  if (error) throw error;
  const c = nodeClient(stack.url, stack.anonKey);
  const { error: signInError } = await c.auth.signInWithPassword({ email, password: 'invoice-test-pw' });
  if (signInError) throw signInError;
  return { client: c, id: data.user.id };
}

async function member(email: string, org: string, role: string): Promise<SupabaseClient> {
  const u = await userClient(email);
  await stack.sql(`insert into public.memberships (org_id, user_id, role) values ($1, $2, $3)`, [org, u.id, role]);
  return u.client;
}

async function createOrg(c: SupabaseClient, name: string, slug: string): Promise<string> {
  const { data, error } = await c.rpc('create_organization', { p_name: name, p_slug: slug });
  if (error) throw error;
  return (data as { id: string }).id;
}

const one = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  (await stack.sql<T>(sql, params))[0]!;
const count = async (sql: string, params: unknown[] = []) => Number((await one<{ n: string }>(sql, params)).n);

interface Invoked {
  status: number;
  body: {
    invoice: Record<string, unknown> & { id: string; number: string; status: string };
    pdf_path: string;
    emailed: boolean;
    error?: { code: string; message: string; details?: Record<string, string[]> };
  };
}

async function invoke(c: SupabaseClient, body: Record<string, unknown>): Promise<Invoked> {
  const r = await c.functions.invoke('create-invoice', { body });
  const res = r.response as Response;
  return { status: res.status, body: r.error ? await res.json() : r.data };
}

interface OrderLine {
  product_id: string;
  quantity: number;
  unit_price: number;
  discount_pct?: number;
  tax_rate?: number;
}

/** A confirmed sales order of `lines` (stock reserved), made by the owner. */
async function confirmedOrder(
  lines: OrderLine[],
  org = orgId,
  by = owner,
  account = customerId,
): Promise<{ id: string; lineIds: string[] }> {
  const { data: order, error } = await by
    .from('sales_orders')
    .insert({ org_id: org, account_id: account })
    .select('id')
    .single();
  if (error) throw error;
  const { data: rows, error: linesError } = await by
    .from('sales_order_lines')
    .insert(
      lines.map((l, i) => ({
        org_id: org,
        sales_order_id: order.id,
        position: i + 1,
        description: `Line ${i + 1}`,
        // A multi-row insert sends every column of the batch (absent ones as null).
        discount_pct: 0,
        tax_rate: 0,
        ...l,
      })),
    )
    .select('id, position');
  if (linesError) throw linesError;
  const { error: confirmError } = await by.rpc('confirm_sales_order', { p_order_id: order.id });
  if (confirmError) throw confirmError;
  return { id: order.id, lineIds: rows.sort((a, b) => a.position - b.position).map((r) => r.id as string) };
}

/** Posts a delivery of the order: everything left, or the given quantity per order line. */
async function deliver(orderId: string, quantities?: Record<string, number>, by = owner): Promise<void> {
  const { data: delivery, error } = await by.rpc('create_delivery', { p_order_id: orderId });
  if (error) throw error;
  for (const [lineId, quantity] of Object.entries(quantities ?? {})) {
    const { error: updateError } = await by
      .from('delivery_lines')
      .update({ quantity })
      .eq('delivery_id', delivery.id)
      .eq('sales_order_line_id', lineId);
    if (updateError) throw updateError;
  }
  const { error: postError } = await by.rpc('post_delivery', { p_delivery_id: delivery.id });
  if (postError) throw postError;
}

/**
 * The text a PDF draws: every stream inflated (pdf-lib compresses content streams with
 * Flate), then the strings of its Tj operators decoded (hex strings for the standard
 * fonts' WinAnsi encoding, literal strings otherwise).
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const streamRe = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streamRe.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const bytes = pdf.subarray(start, end);
    let content: string;
    try {
      content = zlib.inflateSync(bytes).toString('latin1');
    } catch {
      content = bytes.toString('latin1');
    }
    for (const t of content.matchAll(/(?:<([0-9A-Fa-f]*)>|\(((?:\\.|[^\\)])*)\))\s*Tj/g)) {
      out.push(t[1] !== undefined ? Buffer.from(t[1], 'hex').toString('latin1') : t[2]!.replace(/\\(.)/g, '$1'));
    }
    streamRe.lastIndex = end;
  }
  return out.join('\n');
}

async function downloadPdf(c: SupabaseClient, path: string): Promise<Buffer> {
  const { data, error } = await c.storage.from('invoices').download(path);
  if (error) throw error;
  return Buffer.from(await data.arrayBuffer());
}

beforeAll(async () => {
  stack = await startTestStack();
  const o = await userClient('owner@invoice.test');
  owner = o.client;
  orgId = await createOrg(owner, 'Invoice Co', 'invoice-co');
  accountant = await member('accountant@invoice.test', orgId, 'accountant');
  viewer = await member('viewer@invoice.test', orgId, 'viewer');
  rep = await member('rep@invoice.test', orgId, 'sales');

  ({ id: customerId } = await one<{ id: string }>(
    `insert into public.accounts (org_id, name, email) values ($1, 'Customer Ltd', $2) returning id`,
    [orgId, CUSTOMER_EMAIL],
  ));
  ({ id: quietCustomerId } = await one<{ id: string }>(
    `insert into public.accounts (org_id, name) values ($1, 'No Mail Ltd') returning id`,
    [orgId],
  ));
  const { id: warehouseId } = await one<{ id: string }>(`select id from public.warehouses where org_id = $1`, [orgId]);
  ({ id: widgetId } = await one<{ id: string }>(
    `insert into public.products (org_id, sku, name, sale_price) values ($1, 'WID-1', 'Widget', 12.5) returning id`,
    [orgId],
  ));
  ({ id: gadgetId } = await one<{ id: string }>(
    `insert into public.products (org_id, sku, name, sale_price) values ($1, 'GAD-1', 'Gadget', 40) returning id`,
    [orgId],
  ));
  for (const product of [widgetId, gadgetId]) {
    const { error } = await owner.rpc('receive_stock', {
      p_org_id: orgId,
      p_product_id: product,
      p_warehouse_id: warehouseId,
      p_quantity: 1000,
      p_unit_cost: 5,
    });
    if (error) throw error;
  }

  // Another tenant with a confirmed order of its own.
  const other = await userClient('owner@other.test');
  otherOwner = other.client;
  otherOrgId = await createOrg(otherOwner, 'Other Co', 'other-co');
  const { id: otherCustomer } = await one<{ id: string }>(
    `insert into public.accounts (org_id, name, email) values ($1, 'Their Customer', 'their@customer.test') returning id`,
    [otherOrgId],
  );
  const { id: otherProduct } = await one<{ id: string }>(
    `insert into public.products (org_id, sku, name, kind) values ($1, 'SVC-1', 'Consulting', 'service') returning id`,
    [otherOrgId],
  );
  ({ id: otherOrderId } = await confirmedOrder(
    [{ product_id: otherProduct, quantity: 2, unit_price: 100 }],
    otherOrgId,
    otherOwner,
    otherCustomer,
  ));
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('create-invoice', () => {
  it('invoices a delivered order: posted INV, balanced journal, PDF in Storage, e-mail with the PDF attached', async () => {
    // Widget 4 × 12.50 less 10 % = 45.00 net, 20 % tax 9.00; Gadget 1 × 40.00, 10 % tax 4.00.
    const order = await confirmedOrder([
      { product_id: widgetId, quantity: 4, unit_price: 12.5, discount_pct: 10, tax_rate: 20 },
      { product_id: gadgetId, quantity: 1, unit_price: 40, tax_rate: 10 },
    ]);
    await deliver(order.id);
    const request = { org_id: orgId, idempotency_key: 'order-invoice-0001', sales_order_id: order.id };
    const res = await invoke(accountant, request);
    expect(res.status).toBe(201);
    const { invoice, pdf_path, emailed } = res.body;
    expect(invoice).toMatchObject({
      status: 'posted',
      kind: 'invoice',
      sales_order_id: order.id,
      account_id: customerId,
      currency: 'USD',
      subtotal: 85,
      tax_total: 13,
      total: 98,
    });
    expect(invoice.number).toMatch(INV_RE);
    expect(pdf_path).toBe(`${orgId}/${invoice.number}.pdf`);
    expect(invoice.pdf_path).toBe(pdf_path);
    expect(emailed).toBe(true);
    expect(invoice.sent_at).not.toBeNull();

    const journal = await stack.sql<{ role: string; debit: string; credit: string; partner_id: string | null }>(
      `select g.role, l.debit::text, l.credit::text, l.partner_id
         from public.journal_entries e join public.journal_lines l on l.entry_id = e.id
         join public.gl_accounts g on g.id = l.gl_account_id
        where e.id = $1 order by g.role, l.credit`,
      [invoice.journal_entry_id],
    );
    expect(journal).toEqual([
      { role: 'receivable', debit: '98.00', credit: '0.00', partner_id: customerId },
      { role: 'sales', debit: '0.00', credit: '40.00', partner_id: null },
      { role: 'sales', debit: '0.00', credit: '45.00', partner_id: null },
      { role: 'tax_payable', debit: '0.00', credit: '13.00', partner_id: null },
    ]);
    const sums = await one<{ debit: string; credit: string; status: string }>(
      `select sum(l.debit)::text as debit, sum(l.credit)::text as credit, min(e.status::text) as status
         from public.journal_entries e join public.journal_lines l on l.entry_id = e.id where e.id = $1`,
      [invoice.journal_entry_id],
    );
    expect(sums).toEqual({ debit: '98.00', credit: '98.00', status: 'posted' });

    // The PDF: a whole PDF file whose drawn text has the number, the customer and the figures.
    const pdf = await downloadPdf(accountant, pdf_path);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    const text = pdfText(pdf);
    expect(text).toContain(invoice.number);
    expect(text).toContain('Invoice Co');
    expect(text).toContain('Customer Ltd');
    expect(text).toContain('98.00 USD');
    expect(text).toContain('85.00 USD');
    expect(text).toContain('13.00 USD');
    expect(text).toContain('45.00');
    // Finance readers read it; a signed-in member of another organisation does not.
    expect((await downloadPdf(viewer, pdf_path)).equals(pdf)).toBe(true);
    expect((await downloadPdf(rep, pdf_path)).equals(pdf)).toBe(true);
    const foreign = await otherOwner.storage.from('invoices').download(pdf_path);
    expect(foreign.error).not.toBeNull();

    // One outbox row, delivered to the customer with the PDF attached.
    const outbox = await stack.sql<{
      to_email: string;
      subject: string;
      attachments: unknown;
      idempotency_key: string;
    }>(
      `select to_email, subject, attachments, idempotency_key from public.email_outbox where org_id = $1 and template = 'invoice'`,
      [orgId],
    );
    expect(outbox).toEqual([
      {
        to_email: CUSTOMER_EMAIL,
        subject: `Invoice ${invoice.number} from Invoice Co`,
        attachments: [{ bucket: 'invoices', path: pdf_path, filename: `${invoice.number}.pdf` }],
        idempotency_key: `invoice:${invoice.id}`,
      },
    ]);
    const mail = (await waitForMail(
      stack.mailUrl,
      CUSTOMER_EMAIL,
      new RegExp(`Invoice ${invoice.number} from Invoice Co`),
    )) as Awaited<ReturnType<typeof waitForMail>> & {
      Attachments: { FileName: string; ContentType: string; Size: number }[];
    };
    expect(mail.Text).toContain('98.00 USD');
    expect(mail.Text).toContain(String(invoice.due_date));
    expect(mail.Attachments).toEqual([
      expect.objectContaining({ FileName: `${invoice.number}.pdf`, ContentType: 'application/pdf', Size: pdf.length }),
    ]);

    // The same request again: the same invoice (200), nothing new.
    const again = await invoke(accountant, request);
    expect(again.status).toBe(200);
    expect(again.body.invoice.id).toBe(invoice.id);
    expect(again.body).toMatchObject({ pdf_path, emailed: true });
    expect(
      await count(`select count(*) as n from public.email_outbox where idempotency_key = $1`, [
        `invoice:${invoice.id}`,
      ]),
    ).toBe(1);
  });

  it('invoices only what was delivered after a partial delivery', async () => {
    const order = await confirmedOrder([{ product_id: widgetId, quantity: 10, unit_price: 12.5, tax_rate: 20 }]);
    await deliver(order.id, { [order.lineIds[0]!]: 4 });
    const res = await invoke(accountant, {
      org_id: orgId,
      idempotency_key: 'partial-invoice-0001',
      sales_order_id: order.id,
      only_delivered: true,
      send: false,
    });
    expect(res.status).toBe(201);
    expect(res.body.invoice).toMatchObject({ status: 'posted', subtotal: 50, tax_total: 10, total: 60 });
    expect(res.body.emailed).toBe(false);
    const lines = await stack.sql<{ quantity: string; net_amount: string }>(
      `select quantity::text, net_amount::text from public.invoice_lines where invoice_id = $1`,
      [res.body.invoice.id],
    );
    expect(lines).toEqual([{ quantity: '4.0000', net_amount: '50.00' }]);
    const orderLine = await one<{ invoiced_quantity: string; delivered_quantity: string }>(
      `select invoiced_quantity::text, delivered_quantity::text from public.sales_order_lines where id = $1`,
      [order.lineIds[0]],
    );
    expect(orderLine).toEqual({ invoiced_quantity: '4.0000', delivered_quantity: '4.0000' });
    expect(
      await count(`select count(*) as n from public.email_outbox where idempotency_key = $1`, [
        `invoice:${res.body.invoice.id}`,
      ]),
    ).toBe(0);
    expect(pdfText(await downloadPdf(accountant, res.body.pdf_path))).toContain('60.00 USD');

    // Nothing more was delivered: a second invoice has nothing to take, and nothing is made.
    const before = await count(`select count(*) as n from public.invoices where org_id = $1`, [orgId]);
    const none = await invoke(accountant, {
      org_id: orgId,
      idempotency_key: 'partial-invoice-0002',
      sales_order_id: order.id,
      only_delivered: true,
    });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({
      code: '23514',
      message: expect.stringMatching(/left to invoice from what was delivered/),
    });
    expect(await count(`select count(*) as n from public.invoices where org_id = $1`, [orgId])).toBe(before);
  });

  it('makes one invoice, one journal entry, one PDF and one e-mail from ten identical calls at once', async () => {
    const request = {
      org_id: orgId,
      idempotency_key: 'concurrent-invoice-0001',
      account_id: customerId,
      lines: [
        { product_id: widgetId, description: 'Widget, rush order', quantity: 3, unit_price: 19.99, tax_rate: 7.5 },
        { description: 'Handling', quantity: 1, unit_price: 5, discount_pct: 100 },
        { description: 'Express shipping', quantity: 1, unit_price: 12.35, tax_rate: 20 },
      ],
      notes: 'Delivered in one go.',
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => invoke(accountant, request)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(results.map((r) => r.body.invoice.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    // 3 × 19.99 = 59.97, tax 7.5 % = 4.49775 → 4.50; 5.00 less 100 % = 0; 12.35, tax 2.47.
    expect(results[0]!.body.invoice).toMatchObject({ subtotal: 72.32, tax_total: 6.97, total: 79.29 });
    expect(new Set(results.map((r) => r.body.pdf_path)).size).toBe(1);
    expect(results.every((r) => r.body.emailed)).toBe(true);

    expect(
      await count(`select count(*) as n from public.invoices where org_id = $1 and idempotency_key = $2`, [
        orgId,
        request.idempotency_key,
      ]),
    ).toBe(1);
    expect(
      await count(
        `select count(*) as n from public.journal_entries where source_type = 'invoices' and source_id = $1`,
        [id],
      ),
    ).toBe(1);
    expect(
      await count(`select count(*) as n from public.email_outbox where idempotency_key = $1`, [`invoice:${id}`]),
    ).toBe(1);
    expect(
      await count(`select count(*) as n from storage.objects where bucket_id = 'invoices' and name = $1`, [
        results[0]!.body.pdf_path,
      ]),
    ).toBe(1);
    const text = pdfText(await downloadPdf(accountant, results[0]!.body.pdf_path));
    expect(text).toContain('79.29 USD');
    expect(text).toContain('Widget, rush order');
    expect(text).toContain('19.99');
    expect(text).toContain('Delivered in one go.');
    const mail = await waitForMail(
      stack.mailUrl,
      CUSTOMER_EMAIL,
      new RegExp(`Invoice ${results[0]!.body.invoice.number} from`),
    );
    expect(mail.Text).toContain('79.29 USD');
  });

  it('keeps the stored PDF when a retry finds it uploaded but not yet recorded', async () => {
    // As if the function had stopped between the upload and attach_invoice_pdf.
    const { data: made, error } = await accountant.rpc('create_invoice', {
      p_org_id: orgId,
      p_idempotency_key: 'crashed-invoice-0001',
      p_account_id: quietCustomerId,
      p_lines: [{ description: 'Repair', quantity: 1, unit_price: 80 }],
    });
    expect(error).toBeNull();
    const path = `${orgId}/${made.number}.pdf`;
    const first = Buffer.from(`%PDF-1.7\n% the first rendering of ${made.number}\n%%EOF\n`, 'latin1');
    const { error: uploadError } = await accountant.storage
      .from('invoices')
      .upload(path, first, { contentType: 'application/pdf' });
    expect(uploadError).toBeNull();
    const res = await invoke(accountant, {
      org_id: orgId,
      idempotency_key: 'crashed-invoice-0001',
      account_id: quietCustomerId,
      lines: [{ description: 'Repair', quantity: 1, unit_price: 80 }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ pdf_path: path, emailed: false });
    expect((await downloadPdf(accountant, path)).equals(first)).toBe(true);
    // The customer has no e-mail address: nothing queued, not marked sent.
    expect(res.body.invoice.sent_at).toBeNull();
    expect(
      await count(`select count(*) as n from public.email_outbox where idempotency_key = $1`, [`invoice:${made.id}`]),
    ).toBe(0);
    // Posted invoice files are never replaced, not even by the roles that add them.
    const { error: overwrite } = await accountant.storage
      .from('invoices')
      .upload(path, Buffer.from('%PDF-1.7\n%%EOF\n'), { contentType: 'application/pdf', upsert: true });
    expect(overwrite).not.toBeNull();
    expect((await downloadPdf(accountant, path)).equals(first)).toBe(true);
  });

  it("refuses another organisation's order (404) and callers who may not invoice (403), creating nothing", async () => {
    const state = async () =>
      Promise.all([
        count(`select count(*) as n from public.invoices`),
        count(`select count(*) as n from public.journal_entries`),
        count(`select count(*) as n from storage.objects where bucket_id = 'invoices'`),
        count(`select count(*) as n from public.email_outbox`),
      ]);
    const before = await state();

    const foreign = await invoke(accountant, {
      org_id: orgId,
      idempotency_key: 'foreign-order-0001',
      sales_order_id: otherOrderId,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error).toEqual({ code: 'P0002', message: 'Sales order not found' });
    const foreignOrg = await invoke(accountant, {
      org_id: otherOrgId,
      idempotency_key: 'foreign-order-0002',
      sales_order_id: otherOrderId,
    });
    expect(foreignOrg.status).toBe(404);

    const order = await confirmedOrder([{ product_id: gadgetId, quantity: 1, unit_price: 40 }]);
    for (const [who, c] of [
      ['viewer', viewer],
      ['sales', rep],
    ] as const) {
      const denied = await invoke(c, {
        org_id: orgId,
        idempotency_key: `denied-${who}-0001`,
        sales_order_id: order.id,
      });
      expect(denied.status, who).toBe(403);
      expect(denied.body.error).toEqual({ code: '42501', message: 'You are not allowed to create invoices' });
    }
    const anonymous = await nodeClient(stack.url, stack.anonKey).functions.invoke('create-invoice', {
      body: { org_id: orgId, idempotency_key: 'anonymous-0001', sales_order_id: order.id },
    });
    expect((anonymous.response as Response).status).toBe(401);

    expect(await state()).toEqual(before);
  });

  it('answers bad requests with 400 and the fields at fault, changing nothing', async () => {
    const before = await count(`select count(*) as n from public.invoices where org_id = $1`, [orgId]);
    const bad = await invoke(accountant, {
      org_id: 'not-a-uuid',
      idempotency_key: 'short',
      account_id: customerId,
      lines: [{ description: '', quantity: 0, unit_price: -1, tax_rate: 101 }],
      invoice_date: '02/12/2026',
      currency: 'usd',
      notes: 'x'.repeat(5001),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.code).toBe('invalid_request');
    expect(Object.keys(bad.body.error!.details!).sort()).toEqual([
      'currency',
      'idempotency_key',
      'invoice_date',
      'lines',
      'notes',
      'org_id',
    ]);

    const both = await invoke(accountant, {
      org_id: orgId,
      idempotency_key: 'both-kinds-0001',
      sales_order_id: otherOrderId,
      account_id: customerId,
      lines: [{ description: 'Thing', quantity: 1, unit_price: 1 }],
    });
    expect(both.status).toBe(400);
    expect(Object.keys(both.body.error!.details!)).toEqual(['sales_order_id']);

    const neither = await invoke(accountant, {
      org_id: orgId,
      idempotency_key: 'neither-kind-0001',
      due_date: '2026-01-01',
    });
    expect(neither.status).toBe(400);
    expect(Object.keys(neither.body.error!.details!)).toEqual(['sales_order_id']);

    const noLines = await invoke(accountant, {
      org_id: orgId,
      idempotency_key: 'no-lines-0001',
      account_id: customerId,
    });
    expect(noLines.status).toBe(400);
    expect(noLines.body.error!.details).toEqual({ lines: ['Required with account_id'] });

    const early = await invoke(accountant, {
      org_id: orgId,
      idempotency_key: 'due-before-0001',
      account_id: customerId,
      lines: [{ description: 'Thing', quantity: 1, unit_price: 1 }],
      invoice_date: '2026-12-02',
      due_date: '2026-12-01',
    });
    expect(early.status).toBe(400);
    expect(Object.keys(early.body.error!.details!)).toEqual(['due_date']);

    const unknown = await invoke(accountant, {
      org_id: orgId,
      idempotency_key: 'unknown-key-0001',
      account_id: customerId,
      lines: [{ description: 'Thing', quantity: 1, unit_price: 1 }],
      send_email: false,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error!.message).toMatch(/send_email/);

    const notJson = await accountant.functions.invoke('create-invoice', {
      body: '{"org_id":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect((notJson.response as Response).status).toBe(400);
    expect(await (notJson.response as Response).json()).toMatchObject({ error: { code: 'invalid_json' } });

    expect(await count(`select count(*) as n from public.invoices where org_id = $1`, [orgId])).toBe(before);
  });
});

describe('create-invoice for a project', () => {
  let projectId: string;
  let otherProjectId: string;
  let entryIds: string[];
  let expenseId: string;

  beforeAll(async () => {
    // A contractor's approved time (6 h + 2.5 h at the project's 95.00 an hour) and an
    // approved billable expense (parking, 40.00), on a project with 10 % tax.
    const { id: employeeId } = await one<{ id: string }>(
      `insert into public.employees (org_id, full_name) values ($1, 'Pat Partner') returning id`,
      [orgId],
    );
    ({ id: projectId } = await one<{ id: string }>(
      `insert into public.projects (org_id, name, account_id, hourly_rate, tax_rate) values ($1, 'Audit support', $2, 95, 10)
       returning id`,
      [orgId, customerId],
    ));
    entryIds = (
      await stack.sql<{ id: string }>(
        `insert into public.timesheet_entries (org_id, employee_id, project_id, entry_date, hours)
         values ($1, $2, $3, '2026-11-02', 6), ($1, $2, $3, '2026-11-03', 2.5) returning id`,
        [orgId, employeeId, projectId],
      )
    ).map((r) => r.id);
    ({ id: expenseId } = await one<{ id: string }>(
      `insert into public.expenses (org_id, employee_id, project_id, expense_date, category, amount, billable)
       values ($1, $2, $3, '2026-11-04', 'Parking', 40, true) returning id`,
      [orgId, employeeId, projectId],
    ));
    for (const [fn, args] of [
      ['submit_timesheet_week', { p_org_id: orgId, p_employee_id: employeeId, p_week_start: '2026-11-02' }],
      ['approve_timesheets', { p_org_id: orgId, p_ids: entryIds }],
      ['submit_expenses', { p_org_id: orgId, p_ids: [expenseId] }],
      ['approve_expenses', { p_org_id: orgId, p_ids: [expenseId] }],
    ] as const) {
      const { error } = await owner.rpc(fn, args);
      if (error) throw error;
    }
    const { id: otherCustomer } = await one<{ id: string }>(`select id from public.accounts where org_id = $1`, [
      otherOrgId,
    ]);
    ({ id: otherProjectId } = await one<{ id: string }>(
      `insert into public.projects (org_id, name, account_id, hourly_rate) values ($1, 'Theirs', $2, 10) returning id`,
      [otherOrgId, otherCustomer],
    ));
  });

  it("invoices the project's approved time and expenses: posted, PDF stored, hours and expense marked, once per key", async () => {
    const request = {
      org_id: orgId,
      idempotency_key: 'project-invoice-0001',
      project_id: projectId,
      up_to: '2026-11-30',
      send: false,
    };
    const res = await invoke(accountant, request);
    expect(res.status).toBe(201);
    // 8.5 h × 95.00 = 807.50 (tax 80.75) + parking 40.00 (tax 4.00).
    expect(res.body.invoice).toMatchObject({
      status: 'posted',
      kind: 'invoice',
      project_id: projectId,
      account_id: customerId,
      subtotal: 847.5,
      tax_total: 84.75,
      total: 932.25,
    });
    expect(res.body.invoice.number).toMatch(INV_RE);
    expect(res.body.pdf_path).toBe(`${orgId}/${res.body.invoice.number}.pdf`);
    const text = pdfText(await downloadPdf(accountant, res.body.pdf_path));
    // (Descriptions may wrap in the PDF's description column.)
    expect(text).toContain('Time: Pat Partner');
    expect(text).toContain('2026-11-03');
    expect(text).toContain('Expense: Parking');
    expect(
      await stack.sql(`select description from public.invoice_lines where invoice_id = $1 order by position`, [
        res.body.invoice.id,
      ]),
    ).toEqual([
      { description: 'Time: Pat Partner, 2026-11-02 – 2026-11-03' },
      { description: 'Expense: Parking, 2026-11-04' },
    ]);
    expect(text).toContain('932.25 USD');
    expect(
      await stack.sql(`select count(*)::int as n from public.timesheet_entries where invoiced_invoice_id = $1`, [
        res.body.invoice.id,
      ]),
    ).toEqual([{ n: 2 }]);
    expect(
      await stack.sql(`select status::text, invoiced_invoice_id from public.expenses where id = $1`, [expenseId]),
    ).toEqual([{ status: 'invoiced', invoiced_invoice_id: res.body.invoice.id }]);

    const again = await invoke(accountant, request);
    expect(again.status).toBe(200);
    expect(again.body.invoice.id).toBe(res.body.invoice.id);
    expect(again.body.pdf_path).toBe(res.body.pdf_path);
    // A new key finds nothing left to invoice, and makes nothing.
    const before = await count(`select count(*) as n from public.invoices where org_id = $1`, [orgId]);
    const none = await invoke(accountant, { ...request, idempotency_key: 'project-invoice-0002' });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ code: '23514', message: expect.stringMatching(/left to invoice/) });
    expect(await count(`select count(*) as n from public.invoices where org_id = $1`, [orgId])).toBe(before);
  });

  it("refuses another organisation's project, callers who may not invoice, and mixed requests", async () => {
    const foreign = await invoke(accountant, {
      org_id: orgId,
      idempotency_key: 'foreign-project-0001',
      project_id: otherProjectId,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error).toEqual({ code: 'P0002', message: 'Project not found' });
    const denied = await invoke(rep, { org_id: orgId, idempotency_key: 'denied-project-0001', project_id: projectId });
    expect(denied.status).toBe(403);

    const mixed = await invoke(accountant, {
      org_id: orgId,
      idempotency_key: 'mixed-project-0001',
      project_id: projectId,
      sales_order_id: otherOrderId,
      currency: 'EUR',
    });
    expect(mixed.status).toBe(400);
    expect(Object.keys(mixed.body.error!.details!).sort()).toEqual(['currency', 'project_id']);
    const upTo = await invoke(accountant, {
      org_id: orgId,
      idempotency_key: 'up-to-lines-0001',
      account_id: customerId,
      lines: [{ description: 'Thing', quantity: 1, unit_price: 1 }],
      up_to: '2026-11-30',
    });
    expect(upTo.status).toBe(400);
    expect(upTo.body.error!.details).toEqual({ up_to: ['Only for invoices of a project'] });
  });
});
