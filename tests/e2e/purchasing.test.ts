// Purchasing in the browser, against the seeded stack: a manager orders two products from a
// supplier, confirms the order (it gets its PO number), receives part of one line (the order
// is partially received and the stock on hand grows by exactly that), then enters the
// supplier's bill for what was received (billing more is refused with a clear message).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import {
  buildApp,
  signInAsDemoUser,
  launchIsolatedBrowser,
  serveStatic,
  type IsolatedBrowser,
  type StaticServer,
} from './support/app.ts';
import { seriousViolations } from './support/axe.ts';

const ORG = 'aaaaaaaa-0000-4000-8000-000000000001';
const CHAI = 'a3000000-0000-4000-8000-000000000001';

describe('purchasing', () => {
  let stack: TestStack;
  let appDir: string;
  let app: StaticServer;
  let browser: IsolatedBrowser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  async function choose(combobox: string, option: string | RegExp) {
    await page.getByRole('combobox', { name: combobox, exact: true }).click();
    await page.getByRole('option', { name: option }).click();
  }

  async function chaiOnHand(): Promise<number> {
    const [level] = await stack.sql<{ on_hand: string }>(
      `select l.on_hand::text from public.stock_levels l join public.warehouses w on w.id = l.warehouse_id
       where l.org_id = $1 and l.product_id = $2 and w.code = 'MAIN'`,
      [ORG, CHAI],
    );
    return Number(level?.on_hand ?? 0);
  }

  beforeAll(async () => {
    stack = await startTestStack({ seed: true });
    appDir = await buildApp({ supabaseUrl: stack.url, anonKey: stack.anonKey });
    app = await serveStatic(appDir);
    browser = await launchIsolatedBrowser();
    context = await browser.newContext();
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInAsDemoUser(page, app.url, 'manager@northwind.test');
  }, 240_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
    await stack?.stop();
  });

  it('lists the seeded purchase orders', async () => {
    await page.goto(`${app.url}/purchase-orders`);
    const table = page.getByRole('table', { name: 'Purchase orders' });
    await table.getByRole('row').filter({ hasText: 'Partially received' }).first().waitFor();
    await table.getByRole('row').filter({ hasText: 'Draft' }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('orders, confirms, receives part of a line and bills what was received', async () => {
    await page.getByRole('button', { name: 'New purchase order' }).click();
    const dialog = page.getByRole('dialog', { name: 'New purchase order' });
    await choose('Supplier', 'Pacific Components Ltd');
    await choose('Warehouse', /^MAIN/);
    await dialog.getByLabel('Expected date').fill('2099-01-15');
    await dialog.getByRole('button', { name: 'Create purchase order' }).click();
    await page.getByRole('heading', { level: 1, name: 'Draft purchase order' }).waitFor();
    const poId = new URL(page.url()).pathname.split('/').pop()!;

    // Two lines: 20 boxes of chai at 9.50 and 12 cases of Chang at 10.25, 5% tax on the second.
    const lines = page.getByRole('form', { name: 'Order lines' });
    await lines.getByRole('button', { name: 'Add line' }).click();
    await choose('Line 1 product', /NW-CHAI-24/);
    await lines.getByLabel('Line 1 quantity').fill('20');
    await lines.getByLabel('Line 1 unit cost').fill('9.50');
    await lines.getByRole('button', { name: 'Add line' }).click();
    await choose('Line 2 product', /NW-CHAN-12/);
    await lines.getByLabel('Line 2 quantity').fill('12');
    await lines.getByLabel('Line 2 unit cost').fill('10.25');
    await lines.getByLabel('Line 2 tax %').fill('5');
    // 190.00 + 123.00 net, 6.15 tax.
    await lines.getByText('$319.15').waitFor();
    await lines.getByRole('button', { name: 'Save lines' }).click();
    await page.getByText('Lines saved').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page.getByRole('heading', { level: 1, name: /^Purchase order PO-/ }).waitFor();
    const [po] = await stack.sql<{ number: string; status: string }>(
      `select number, status::text from public.purchase_orders where id = $1`,
      [poId],
    );
    expect(po!.status).toBe('sent');
    expect(po!.number).toMatch(/^PO-/);
    await page.getByRole('heading', { level: 1, name: `Purchase order ${po!.number}` }).waitFor();

    // Eight of the twenty boxes arrive, none of the beer.
    const before = await chaiOnHand();
    await page.getByRole('button', { name: 'Receive' }).click();
    const receive = page.getByRole('dialog', { name: `Receive goods for ${po!.number}` });
    expect(await receive.getByLabel('Receiving now: Chai tea, 24 bags').inputValue()).toBe('20');
    await receive.getByLabel('Receiving now: Chai tea, 24 bags').fill('8');
    await receive.getByLabel('Receiving now: Chang beer, 12 x 355 ml').fill('0');
    await receive.getByRole('button', { name: 'Post receipt' }).click();
    await receive.waitFor({ state: 'detached' });
    await page.getByRole('main').getByText('Partially received').first().waitFor();
    await page.getByRole('list', { name: 'Goods receipts' }).getByText(/^GRN-/).waitFor();
    await page.getByText('12 to come').waitFor();
    const [after] = await stack.sql<{ status: string }>(
      `select status::text from public.purchase_orders where id = $1`,
      [poId],
    );
    expect(after!.status).toBe('partially_received');
    expect((await chaiOnHand()) - before).toBe(8);
    expect(await seriousViolations(page)).toEqual([]);

    // The bill: billing ten is more than arrived and is refused; eight is posted.
    await page.getByRole('button', { name: 'Enter bill' }).click();
    const bill = page.getByRole('dialog', { name: `Enter a bill for ${po!.number}` });
    await bill.getByLabel('Supplier invoice number').fill('PC-INV-4711');
    expect(await bill.getByLabel('Quantity billed: Chai tea, 24 bags').inputValue()).toBe('8');
    expect(await bill.getByLabel('Quantity billed: Chang beer, 12 x 355 ml').inputValue()).toBe('0');
    await bill.getByLabel('Quantity billed: Chai tea, 24 bags').fill('10');
    await bill.getByRole('button', { name: 'Post bill' }).click();
    await bill.getByRole('alert').filter({ hasText: 'Billed more than received' }).waitFor();
    await bill.getByText(/NW-CHAI-24 \(billed 10, received 8\)/).waitFor();
    await bill.getByLabel('Quantity billed: Chai tea, 24 bags').fill('8');
    await bill.getByRole('button', { name: 'Post bill' }).click();
    await bill.waitFor({ state: 'detached' });
    await page
      .getByRole('list', { name: 'Vendor bills' })
      .getByText(/^BILL-/)
      .waitFor();
    const bills = await stack.sql<{ status: string; quantity: string; unit_price: string; billed: string }>(
      `select b.status::text, l.quantity::text, l.unit_price::text, pl.billed_quantity::text as billed
       from public.vendor_bills b join public.vendor_bill_lines l on l.vendor_bill_id = b.id
       join public.purchase_order_lines pl on pl.id = l.purchase_order_line_id
       where b.purchase_order_id = $1`,
      [poId],
    );
    expect(bills).toEqual([{ status: 'posted', quantity: '8.0000', unit_price: '9.5000', billed: '8.0000' }]);
    expect(pageErrors).toEqual([]);
  });

  it('shows supplier performance: on-time rate, lead time and open orders', async () => {
    await page.goto(`${app.url}/purchase-orders`);
    await page.getByRole('link', { name: 'Supplier performance' }).click();
    const table = page.getByRole('table', { name: 'Supplier performance' });
    // Great Lakes: one order, received 30 days after ordering, after its expected date.
    const greatLakes = table.getByRole('row').filter({ hasText: 'Great Lakes Electronics' });
    await greatLakes.getByText('0% (0 of 1)').waitFor();
    await greatLakes.getByText('30 days').waitFor();
    // Pacific Components: the seeded order still open plus the one ordered above.
    const pacific = table.getByRole('row').filter({ hasText: 'Pacific Components Ltd' });
    expect(await pacific.locator('td').nth(1).textContent()).toBe('3');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
