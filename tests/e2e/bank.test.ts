// Bank statements in the browser, against the seeded stack: the accountant imports a CSV file
// from the bank (DD.MM.YYYY dates, comma decimals) into the main bank account and sees the
// counts, imports the same file again and sees every line skipped, then matches the line that
// pays the seeded vendor bill to it (the payment is recorded from the line and the bill is paid).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import {
  buildApp,
  launchIsolatedBrowser,
  serveStatic,
  signInAsDemoUser,
  type IsolatedBrowser,
  type StaticServer,
} from './support/app.ts';
import { seriousViolations } from './support/axe.ts';

const ORG = 'aaaaaaaa-0000-4000-8000-000000000001';
const BILL = 'a5000000-0000-4000-8000-000000000001';

describe('bank', () => {
  let stack: TestStack;
  let appDir: string;
  let app: StaticServer;
  let browser: IsolatedBrowser;
  let context: BrowserContext;
  let page: Page;
  let tempDir: string;
  let csvPath: string;
  let bill: { number: string; total: string; bill_date: string };
  /** Unmatched lines of the demo statement the seed imports. */
  let seededUnmatched: number;
  const pageErrors: string[] = [];

  /** "2026-11-03" → "03.11.2026". */
  const german = (iso: string) => iso.split('-').reverse().join('.');
  const addDays = (iso: string, days: number) => {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };

  beforeAll(async () => {
    stack = await startTestStack({ seed: true });
    [bill] = (await stack.sql(
      `select number, total::text, bill_date::text from public.vendor_bills where id = $1 and status = 'posted'`,
      [BILL],
    )) as [typeof bill];
    [{ n: seededUnmatched }] = (await stack.sql(
      `select count(*)::int as n from public.bank_statement_lines where org_id = $1 and payment_id is null`,
      [ORG],
    )) as [{ n: number }];
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-bank-'));
    csvPath = path.join(tempDir, 'statement-november.csv');
    fs.writeFileSync(
      csvPath,
      [
        'Date;Description;Counterparty;Amount',
        `${german(addDays(bill.bill_date, 2))};Payment ${bill.number};Great Lakes Electronics;-${bill.total.replace('.', ',')}`,
        `${german(addDays(bill.bill_date, 3))};Account fee;;-4,90`,
        `${german(addDays(bill.bill_date, 4))};Card sale;Walk-in customer;1.020,10`,
        '',
      ].join('\n'),
    );
    appDir = await buildApp({ supabaseUrl: stack.url, anonKey: stack.anonKey });
    app = await serveStatic(appDir);
    browser = await launchIsolatedBrowser();
    context = await browser.newContext();
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInAsDemoUser(page, app.url, 'accountant@northwind.test');
  }, 240_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    await stack?.stop();
  });

  async function importFile() {
    await page.getByRole('button', { name: 'Import statement into Main bank account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a statement into Main bank account' });
    await dialog.getByLabel('Statement file (CSV)').setInputFiles(csvPath);
    await dialog.getByTestId('import-summary').filter({ hasText: 'no problems' }).waitFor();
    await dialog.getByRole('button', { name: 'Import 3 lines' }).click();
    const result = await dialog.getByTestId('import-result').textContent();
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await dialog.waitFor({ state: 'detached' });
    return result;
  }

  it('imports a statement file, and importing it again skips every line', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Bank' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bank' }).waitFor();
    const row = page
      .getByRole('table', { name: 'Bank accounts' })
      .getByRole('row')
      .filter({ hasText: 'Main bank account' });
    await row.filter({ hasText: '1000 · Bank' }).waitFor();

    expect(await importFile()).toBe('3 imported, 0 already imported and skipped');
    // The list is refreshed: three more lines waiting to be matched.
    await row.getByRole('cell', { name: String(seededUnmatched + 3), exact: true }).waitFor();
    expect(await importFile()).toBe('0 imported, 3 already imported and skipped');

    const lines = await stack.sql<{ amount: string; booking_date: string }>(
      `select l.amount::text, l.booking_date::text from public.bank_statement_lines l
       join public.bank_statement_imports i on i.id = l.import_id
       where l.org_id = $1 and i.file_name = 'statement-november.csv' order by l.booking_date`,
      [ORG],
    );
    expect(lines).toEqual([
      { amount: `-${bill.total}`, booking_date: addDays(bill.bill_date, 2) },
      { amount: '-4.90', booking_date: addDays(bill.bill_date, 3) },
      { amount: '1020.10', booking_date: addDays(bill.bill_date, 4) },
    ]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('matches the line that pays the vendor bill to it', async () => {
    await page.getByRole('link', { name: 'Main bank account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Main bank account' }).waitFor();
    await page
      .getByTestId('unmatched-lines')
      .filter({ hasText: `${seededUnmatched + 3} lines` })
      .waitFor();
    const table = page.getByRole('table', { name: 'Statement lines' });
    const line = table.getByRole('row').filter({ hasText: `Payment ${bill.number}` });
    await line.getByRole('button', { name: 'Match' }).click();

    const dialog = page.getByRole('dialog', { name: 'Match statement line' });
    const candidate = dialog.getByRole('radio', { name: `Bill ${bill.number}` });
    await candidate.waitFor();
    // Exact amount (50), the bill's number in the text (40), two days apart (10 - 0).
    await dialog.locator('label').filter({ hasText: bill.number }).filter({ hasText: 'Score 100' }).waitFor();
    await candidate.check();
    await dialog.getByRole('button', { name: 'Confirm match' }).click();
    await dialog.waitFor({ state: 'detached' });

    const [matched] = await stack.sql<{ number: string; amount: string; amount_paid: string }>(
      `select p.number, p.amount::text, b.amount_paid::text from public.bank_statement_lines l
       join public.payments p on p.id = l.payment_id, public.vendor_bills b
       where l.org_id = $1 and l.description = 'Payment ' || b.number and b.id = $2`,
      [ORG, BILL],
    );
    expect(matched).toMatchObject({ amount: bill.total, amount_paid: bill.total });
    await line.getByText(matched!.number).waitFor();
    await page
      .getByTestId('unmatched-lines')
      .filter({ hasText: `${seededUnmatched + 2} lines` })
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
