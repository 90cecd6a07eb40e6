// The accountant's books in the browser, against the seeded stack: a manual entry that does
// not balance yet shows its difference, once balanced it is posted and gets its JE number;
// it is reversed (the two entries link to each other); a fiscal period is added and closed
// (who and when shown), after which the database refuses to post into it and says why.
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

describe('accounting', () => {
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

  const entriesDescribed = (description: string) =>
    stack.sql(`select id from public.journal_entries where org_id = $1 and description = $2`, [ORG, description]);

  beforeAll(async () => {
    stack = await startTestStack({ seed: true });
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
    await stack?.stop();
  });

  it('shows the chart of accounts grouped by type', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chart of accounts' }).click();
    const assets = page.getByRole('table', { name: 'Assets' });
    await assets.getByRole('row').filter({ hasText: 'Accounts receivable' }).waitFor();
    await page.getByRole('table', { name: 'Expenses' }).getByRole('row').filter({ hasText: '6100' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('enters a balanced manual entry, posts it, reverses it and closes its period', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    await page.getByRole('link', { name: 'New entry' }).click();
    await page.getByRole('heading', { level: 1, name: 'New journal entry' }).waitFor();

    const form = page.getByRole('form', { name: 'Journal entry' });
    await form.getByLabel('Date').fill('2031-03-15');
    await form.getByLabel('Description', { exact: true }).fill('March office rent');
    await choose('Line 1 account', '6100 · Rent');
    await choose('Line 1 partner', 'Pacific Components Ltd');
    await form.getByLabel('Line 1 debit').fill('1500.10');
    await choose('Line 2 account', '1000 · Bank');
    await form.getByLabel('Line 2 credit').fill('1500');
    await form.getByTestId('difference').filter({ hasText: '$0.10 more debit' }).waitFor();
    // Posting is refused while the entry does not balance; nothing reaches the database.
    await form.getByRole('button', { name: 'Save and post' }).click();
    await form.getByRole('alert').filter({ hasText: 'Debits and credits differ by $0.10' }).waitFor();
    expect(await entriesDescribed('March office rent')).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);

    await form.getByLabel('Line 2 credit').fill('1500.10');
    await form.getByTestId('difference').filter({ hasText: 'Balanced' }).waitFor();
    await form.getByRole('button', { name: 'Save and post' }).click();
    await page.getByRole('heading', { level: 1, name: /^Journal entry JE-2031-/ }).waitFor();
    const entryId = new URL(page.url()).pathname.split('/').pop()!;
    const [posted] = await stack.sql<{ number: string; status: string; debit: string; credit: string }>(
      `select e.number, e.status::text, sum(l.debit)::text as debit, sum(l.credit)::text as credit
       from public.journal_entries e join public.journal_lines l on l.entry_id = e.id
       where e.id = $1 group by e.id`,
      [entryId],
    );
    expect(posted).toEqual({ number: posted!.number, status: 'posted', debit: '1500.10', credit: '1500.10' });
    expect(posted!.number).toMatch(/^JE-2031-\d{5}$/);
    await page.getByRole('heading', { level: 1, name: `Journal entry ${posted!.number}` }).waitFor();
    const lines = page.getByRole('table', { name: 'Entry lines' });
    await lines
      .getByRole('row')
      .filter({ hasText: 'Pacific Components Ltd' })
      .filter({ hasText: '$1,500.10' })
      .waitFor();
    expect(await lines.getByTestId('total-credit').textContent()).toBe('$1,500.10');
    expect(await seriousViolations(page)).toEqual([]);

    // The entry is in the journal list with its number and total.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal', exact: true }).click();
    const row = page
      .getByRole('table', { name: 'Journal entries' })
      .getByRole('row')
      .filter({ hasText: posted!.number });
    await row.filter({ hasText: '$1,500.10' }).filter({ hasText: 'Posted' }).waitFor();
    await row.getByRole('link', { name: posted!.number }).click();

    // Reversed at the end of the month: a mirrored posted entry, linked both ways.
    await page.getByRole('button', { name: 'Reverse' }).click();
    const dialog = page.getByRole('dialog', { name: `Reverse ${posted!.number}?` });
    await dialog.getByLabel('Reversal date').fill('2031-03-31');
    await dialog.getByLabel(/^Reason/).fill('Paid by the landlord’s agent instead');
    await dialog.getByRole('button', { name: 'Reverse entry' }).click();
    await dialog.waitFor({ state: 'detached' });
    const [reversal] = await stack.sql<{ id: string; number: string; entry_date: string; description: string }>(
      `select id, number, entry_date::text, description from public.journal_entries where reversal_of = $1`,
      [entryId],
    );
    expect(reversal!.entry_date).toBe('2031-03-31');
    expect(reversal!.description).toBe(`Reversal of ${posted!.number}: Paid by the landlord’s agent instead`);
    await page.getByRole('link', { name: reversal!.number }).click();
    await page.getByRole('heading', { level: 1, name: `Journal entry ${reversal!.number}` }).waitFor();
    await page.getByRole('link', { name: posted!.number }).waitFor();
    expect(await page.getByRole('table', { name: 'Entry lines' }).getByTestId('total-debit').textContent()).toBe(
      '$1,500.10',
    );

    // March 2031 as a fiscal period, then closed.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fiscal periods' }).click();
    const periodForm = page.getByRole('form', { name: 'New fiscal period' });
    await periodForm.getByLabel('Name').fill('2031-03');
    await periodForm.getByLabel('First day').fill('2031-03-01');
    await periodForm.getByLabel('Last day').fill('2031-03-31');
    await periodForm.getByRole('button', { name: 'Add period' }).click();
    const period = page.getByRole('table', { name: 'Fiscal periods' }).getByRole('row').filter({ hasText: '2031-03' });
    await period.getByText('Open').waitFor();
    // An overlapping period is refused by the database, and the form says so.
    await periodForm.getByLabel('Name').fill('Q1 2031');
    await periodForm.getByLabel('First day').fill('2031-01-01');
    await periodForm.getByLabel('Last day').fill('2031-03-31');
    await periodForm.getByRole('button', { name: 'Add period' }).click();
    await periodForm.getByRole('alert').filter({ hasText: 'overlaps a period already in the books' }).waitFor();

    await period.getByRole('button', { name: 'Close 2031-03' }).click();
    const confirm = page.getByRole('dialog', { name: 'Close 2031-03?' });
    await confirm.getByRole('button', { name: 'Close period' }).click();
    await confirm.waitFor({ state: 'detached' });
    await period.getByText('Closed').waitFor();
    await period.getByText(/by Alice Accountant/).waitFor();
    const [closed] = await stack.sql<{ closed: boolean; by: string }>(
      `select closed_at is not null as closed, u.email as by from public.fiscal_periods p
       join auth.users u on u.id = p.closed_by where p.org_id = $1 and p.name = '2031-03'`,
      [ORG],
    );
    expect(closed).toEqual({ closed: true, by: 'accountant@northwind.test' });
    expect(await seriousViolations(page)).toEqual([]);

    // Nothing posts into the closed period: the database's reason is shown, no draft is left.
    await page.goto(`${app.url}/accounting/journal/new`);
    const late = page.getByRole('form', { name: 'Journal entry' });
    await late.getByLabel('Date').fill('2031-03-20');
    await late.getByLabel('Description', { exact: true }).fill('Late March invoice');
    await choose('Line 1 account', '6200 · Office and software');
    await late.getByLabel('Line 1 debit').fill('80');
    await choose('Line 2 account', '1000 · Bank');
    await late.getByLabel('Line 2 credit').fill('80');
    await late.getByRole('button', { name: 'Save and post' }).click();
    await late
      .getByRole('alert')
      .filter({ hasText: 'Period 2031-03 is closed: nothing can be posted on 2031-03-20' })
      .waitFor();
    expect(await entriesDescribed('Late March invoice')).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('shows a viewer the books without any button that writes', async () => {
    const viewerContext = await browser.newContext();
    const viewer = await viewerContext.newPage();
    try {
      await signInAsDemoUser(viewer, app.url, 'viewer@northwind.test');
      await viewer.goto(`${app.url}/accounting/journal`);
      await viewer
        .getByRole('table', { name: 'Journal entries' })
        .getByRole('row')
        .filter({ hasText: 'JE-2031-' })
        .first()
        .waitFor();
      expect(await viewer.getByRole('link', { name: 'New entry' }).count()).toBe(0);
      await viewer.goto(`${app.url}/accounting/periods`);
      await viewer.getByRole('table', { name: 'Fiscal periods' }).getByText('Closed').waitFor();
      expect(await viewer.getByRole('form', { name: 'New fiscal period' }).count()).toBe(0);
    } finally {
      await viewerContext.close();
    }
  });
});
