// Order to cash in the browser, end to end, by the people who do each step: a sales rep
// turns a won deal into a sales order and confirms it; the warehouse delivers it; the
// accountant invoices it (the create-invoice edge function: number, journal entry, PDF),
// sees it in the AR aging and the revenue in the profit and loss, records the customer's
// payment and sees the invoice paid and the receivable gone from the aging.
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

const COFFEE = 'a3000000-0000-4000-8000-000000000011';
const CUSTOMER = 'E2E Cash & Carry';

describe('order to cash', () => {
  let stack: TestStack;
  let appDir: string;
  let app: StaticServer;
  let browser: IsolatedBrowser;
  const contexts: BrowserContext[] = [];
  let rep: Page;
  let keeper: Page;
  let accountant: Page;
  let org: string;
  const pageErrors: string[] = [];
  const today = new Date().toISOString().slice(0, 10);

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
    accountant = await signedIn('accountant@northwind.test');
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
    await stack?.stop();
  });

  it('takes a won deal through order, delivery, invoice and payment, and the books show it', async () => {
    // A won deal for a new customer (so its aging row is only this invoice): 2 bags of coffee
    // at 24.00 with 10 % tax = 48.00 + 4.80.
    const [customer] = await stack.sql<{ id: string }>(
      `insert into public.accounts (org_id, name, email, currency, payment_terms_days)
       values ($1, $2, 'ap@cash-carry.example', 'USD', 30) returning id`,
      [org, CUSTOMER],
    );
    const [deal] = await stack.sql<{ id: string; title: string }>(
      `select d.id, d.title from public.deals d
       where d.org_id = $1 and d.status = 'won' and not exists (select 1 from public.sales_orders s where s.deal_id = d.id)
       order by d.title limit 1`,
      [org],
    );
    await stack.sql(`update public.deals set account_id = $2, contact_id = null where id = $1`, [
      deal!.id,
      customer!.id,
    ]);
    await stack.sql(`delete from public.deal_lines where deal_id = $1`, [deal!.id]);
    await stack.sql(
      `insert into public.deal_lines (org_id, deal_id, position, product_id, description, quantity, unit_price, tax_rate)
       values ($1, $2, 0, $3, 'Colombian coffee beans, 1 kg', 2, 24, 10)`,
      [org, deal!.id, COFFEE],
    );

    // The rep: order from the deal, confirmed.
    await rep.goto(`${app.url}/deals/${deal!.id}`);
    await rep.getByRole('heading', { level: 1, name: deal!.title }).waitFor();
    await rep.getByRole('button', { name: 'Create sales order' }).click();
    await rep.getByRole('heading', { level: 1, name: 'Draft sales order' }).waitFor();
    const orderId = new URL(rep.url()).pathname.split('/').pop()!;
    await rep.getByRole('button', { name: 'Confirm', exact: true }).click();
    const heading = rep.getByRole('heading', { level: 1, name: /^Sales order SO-\d{4}-\d+$/ });
    await heading.waitFor();
    const orderNumber = (await heading.textContent())!.replace('Sales order ', '');

    // The warehouse: everything delivered.
    await keeper.goto(`${app.url}/sales-orders/${orderId}`);
    await keeper.getByRole('heading', { level: 1, name: `Sales order ${orderNumber}` }).waitFor();
    await keeper.getByRole('button', { name: 'Create delivery' }).click();
    const delivery = keeper.getByRole('dialog', { name: `Deliver ${orderNumber}` });
    expect(await delivery.getByLabel('Delivering now: Colombian coffee beans, 1 kg').inputValue()).toBe('2');
    await delivery.getByRole('button', { name: 'Post delivery' }).click();
    await keeper.getByText(/^Delivery DEL-\d{4}-\d+ posted$/).waitFor();
    await rep.getByText('Delivered', { exact: true }).first().waitFor();

    // The accountant: the invoice from the order, through the create-invoice function.
    await accountant.goto(`${app.url}/invoices`);
    await accountant.getByRole('button', { name: 'New invoice' }).click();
    const dialog = accountant.getByRole('dialog', { name: 'New invoice' });
    await dialog.getByRole('combobox', { name: 'Sales order', exact: true }).click();
    await accountant.getByRole('option', { name: new RegExp(`^${orderNumber}`) }).click();
    expect(await seriousViolations(accountant)).toEqual([]);
    await dialog.getByRole('button', { name: 'Create invoice' }).click();
    const invoiceHeading = accountant.getByRole('heading', { level: 1, name: /^Invoice INV-\d{4}-\d+$/ });
    await invoiceHeading.waitFor();
    const invoiceNumber = (await invoiceHeading.textContent())!.replace('Invoice ', '');
    await accountant.getByText('Open', { exact: true }).first().waitFor();
    const [invoice] = await stack.sql<{ id: string; total: string; pdf_path: string; lines: string }>(
      `select i.id, i.total::text, i.pdf_path,
         (select count(*) from public.journal_lines l where l.entry_id = i.journal_entry_id)::text as lines
       from public.invoices i where i.number = $1 and i.org_id = $2`,
      [invoiceNumber, org],
    );
    expect(invoice).toMatchObject({ total: '52.80', lines: '3' });
    expect(invoice!.pdf_path).toContain(invoiceNumber);
    await accountant.getByRole('button', { name: 'Download PDF' }).waitFor();

    // The AR aging shows the new receivable as current; the P&L shows today's revenue.
    await accountant.goto(`${app.url}/reports/ar-aging`);
    const agingRow = accountant.getByRole('row', { name: new RegExp(CUSTOMER) });
    await agingRow.waitFor();
    const cells = await agingRow.getByRole('cell').allTextContents();
    expect(cells[0]).toBe('$52.80');
    expect(cells.slice(1, 5)).toEqual(['—', '—', '—', '—']);
    await accountant.goto(`${app.url}/accounting/profit-and-loss?from=${today}&to=${today}`);
    const pnl = accountant.getByRole('table', { name: `Profit and loss from ${today} to ${today}` });
    await pnl.waitFor();
    expect(
      await pnl
        .getByRole('row', { name: /4000\s*Product sales/ })
        .getByRole('cell')
        .last()
        .textContent(),
    ).toBe('$48.00');

    // The customer pays in full: the invoice is paid and leaves the aging.
    await accountant.goto(`${app.url}/invoices/${invoice!.id}`);
    await accountant.getByRole('heading', { level: 1, name: `Invoice ${invoiceNumber}` }).waitFor();
    await accountant.getByRole('button', { name: 'Record payment' }).click();
    const payment = accountant.getByRole('dialog', { name: `Record a payment of ${invoiceNumber}` });
    expect(await payment.getByLabel('Amount (USD)').inputValue()).toBe('52.80');
    await payment.getByRole('button', { name: 'Record payment' }).click();
    await accountant.getByText('Paid', { exact: true }).first().waitFor();
    const [paid] = await stack.sql<{ amount_paid: string }>(
      `select amount_paid::text from public.invoices where id = $1`,
      [invoice!.id],
    );
    expect(paid!.amount_paid).toBe('52.80');
    await accountant.goto(`${app.url}/reports/ar-aging`);
    await accountant.getByRole('table').waitFor();
    expect(await accountant.getByRole('row', { name: new RegExp(CUSTOMER) }).count()).toBe(0);
    expect(await seriousViolations(accountant)).toEqual([]);
  });

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
