// Order to cash in the browser, against the seeded stack: a sales rep opens a won demo deal
// whose quote asks for more Chai than the warehouse has, creates the sales order from it, sees
// the live availability and the warning on the line, and confirms (the SO number; what could not
// be reserved is on backorder). The warehouse opens the order, creates a delivery, ships part
// of it and posts it (the DEL number); the rep's page follows live: partially delivered, the
// delivered quantity, and the backorder still there.
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

const CHAI = 'a3000000-0000-4000-8000-000000000001';

describe('sales orders', () => {
  let stack: TestStack;
  let appDir: string;
  let app: StaticServer;
  let browser: IsolatedBrowser;
  const contexts: BrowserContext[] = [];
  let rep: Page;
  let keeper: Page;
  let org: string;
  const pageErrors: string[] = [];

  async function signedIn(email: string): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInAsDemoUser(page, app.url, email);
    return page;
  }

  beforeAll(async () => {
    stack = await startTestStack({ seed: true });
    [{ id: org }] = (await stack.sql<{ id: string }>(
      `select id from public.organizations where slug = 'northwind'`,
    )) as [{ id: string }];
    appDir = await buildApp({ supabaseUrl: stack.url, anonKey: stack.anonKey });
    app = await serveStatic(appDir);
    browser = await launchIsolatedBrowser();
    rep = await signedIn('sales@northwind.test');
    keeper = await signedIn('warehouse@northwind.test');
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
    await stack?.stop();
  });

  it('turns a won deal into an order, confirms it with a backorder, and ships part of it', async () => {
    // The default warehouse (where the order ships from) and what Chai it has available.
    const [warehouse] = await stack.sql<{ id: string; code: string; available: string }>(
      `select w.id, w.code, coalesce(l.available, 0)::text as available
       from public.warehouses w
       left join public.stock_levels l on l.warehouse_id = w.id and l.product_id = $2
       where w.org_id = $1 and w.active order by w.is_default desc, w.code limit 1`,
      [org, CHAI],
    );
    const available = Number(warehouse!.available);
    expect(available).toBeGreaterThan(3);
    // A won demo deal without an order yet; its quote is made to ask for 4 more Chai than is available.
    const [deal] = await stack.sql<{ id: string; title: string }>(
      `select d.id, d.title from public.deals d
       where d.org_id = $1 and d.status = 'won' and d.account_id is not null
         and not exists (select 1 from public.sales_orders s where s.deal_id = d.id)
       order by d.title limit 1`,
      [org],
    );
    expect(deal).toBeTruthy();
    const ordered = available + 4;
    await stack.sql(`delete from public.deal_lines where deal_id = $1`, [deal!.id]);
    await stack.sql(
      `insert into public.deal_lines (org_id, deal_id, position, product_id, description, quantity, unit_price, tax_rate)
       values ($1, $2, 0, $3, 'Chai tea, 24 bags', $4, 18, 0)`,
      [org, deal!.id, CHAI, ordered],
    );

    // The rep creates the order from the deal's page.
    await rep.goto(`${app.url}/deals/${deal!.id}`);
    await rep.getByRole('heading', { level: 1, name: deal!.title }).waitFor();
    await rep.getByRole('button', { name: 'Create sales order' }).click();
    await rep.getByRole('heading', { level: 1, name: 'Draft sales order' }).waitFor();
    const orderId = new URL(rep.url()).pathname.split('/').pop()!;
    expect(rep.url()).toContain(`/sales-orders/${orderId}`);
    await rep.getByRole('link', { name: deal!.title }).waitFor();

    // Live availability on the line, and the warning that 4 would be backordered.
    const line = rep.getByTestId('line-available');
    await line.getByText(`Available in ${warehouse!.code}:`).waitFor();
    expect(await line.textContent()).toContain(String(available));
    await line.getByText('More than available: 4 box would be backordered').waitFor();
    expect(await seriousViolations(rep)).toEqual([]);

    // Confirming numbers the order and reserves what there is.
    await rep.getByRole('button', { name: 'Confirm', exact: true }).click();
    const heading = rep.getByRole('heading', { level: 1, name: /^Sales order SO-\d{4}-\d+$/ });
    await heading.waitFor();
    const number = (await heading.textContent())!.replace('Sales order ', '');
    await rep.getByText(`Confirmed as ${number}`).waitFor();
    await rep.getByText(/on backorder: 4 box Chai tea, 24 bags/).waitFor();
    const chaiRow = rep.getByRole('table', { name: 'Order lines' }).getByRole('row', { name: /Chai tea, 24 bags/ });
    await chaiRow.getByTestId('line-backorder').getByText('4 backordered').waitFor();
    const [afterConfirm] = await stack.sql<{ reserved: string; status: string }>(
      `select l.reserved_quantity::text as reserved, s.status::text from public.sales_order_lines l
       join public.sales_orders s on s.id = l.sales_order_id where s.id = $1`,
      [orderId],
    );
    expect(Number(afterConfirm!.reserved)).toBe(available);
    expect(afterConfirm!.status).toBe('confirmed');

    // The warehouse ships 3 now.
    await keeper.goto(`${app.url}/sales-orders/${orderId}`);
    await keeper.getByRole('heading', { level: 1, name: `Sales order ${number}` }).waitFor();
    expect(await keeper.getByRole('button', { name: 'Confirm', exact: true }).count()).toBe(0);
    await keeper.getByRole('button', { name: 'Create delivery' }).click();
    const dialog = keeper.getByRole('dialog', { name: `Deliver ${number}` });
    const quantity = dialog.getByLabel('Delivering now: Chai tea, 24 bags');
    expect(Number(await quantity.inputValue())).toBe(ordered);
    await quantity.fill('3');
    expect(await seriousViolations(keeper)).toEqual([]);
    await dialog.getByRole('button', { name: 'Post delivery' }).click();
    const toast = keeper.getByText(/^Delivery DEL-\d{4}-\d+ posted$/);
    await toast.waitFor();
    const delNumber = (await toast.textContent())!.replace('Delivery ', '').replace(' posted', '');
    await keeper.getByRole('list', { name: 'Deliveries' }).getByText(delNumber).waitFor();

    // The rep's page follows: partially delivered (live), 3 delivered, 4 still on backorder.
    await rep.getByText('Partially delivered', { exact: true }).first().waitFor();
    await rep.getByRole('list', { name: 'Deliveries' }).getByText(delNumber).waitFor();
    const cells = await chaiRow.getByRole('cell').allTextContents();
    // Ordered, reserved, delivered, invoiced, returned, backorder, …
    expect(cells[1]).toBe(String(available - 3));
    expect(cells[2]).toBe('3');
    expect(cells[5]).toContain('4 backordered');
    const [afterDelivery] = await stack.sql<{ delivered: string; reserved: string; status: string }>(
      `select l.delivered_quantity::text as delivered, l.reserved_quantity::text as reserved, s.status::text
       from public.sales_order_lines l join public.sales_orders s on s.id = l.sales_order_id where s.id = $1`,
      [orderId],
    );
    expect(Number(afterDelivery!.delivered)).toBe(3);
    expect(Number(afterDelivery!.reserved)).toBe(available - 3);
    expect(afterDelivery!.status).toBe('partially_delivered');

    // The list shows it too, found by status and by the customer's name; another name finds nothing.
    const [{ name: customer }] = (await stack.sql<{ name: string }>(
      `select a.name from public.sales_orders s join public.accounts a on a.id = s.account_id where s.id = $1`,
      [orderId],
    )) as [{ name: string }];
    await rep.goto(`${app.url}/sales-orders?status=partially_delivered`);
    const list = rep.getByRole('table', { name: 'Sales orders' });
    await list.getByRole('row').filter({ hasText: number }).getByText('Partially delivered').waitFor();
    await rep.getByLabel('Customer', { exact: true }).fill(customer.slice(0, 6).toLowerCase());
    await rep.waitForURL(/customer=/);
    await list.getByRole('row').filter({ hasText: number }).getByText(customer).waitFor();
    // Once the filtered page has replaced the previous one, every order listed is the customer's.
    await expect
      .poll(async () => {
        const rows = (await list.getByRole('row').allTextContents()).slice(1);
        return rows.length > 0 && rows.every((text) => text.includes(customer));
      })
      .toBe(true);
    await rep.getByLabel('Customer', { exact: true }).fill('no such customer');
    await rep.getByText('No sales orders match').waitFor();
    expect(await seriousViolations(rep)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
