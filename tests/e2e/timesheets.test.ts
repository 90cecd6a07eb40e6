// Time to invoice in the browser, by the people who do each step: an employee (Sam Sales, in the
// Consulting department) logs a week of time on a customer project in the weekly grid, keyboard
// only, and submits it; the department's manager approves it (its cost is captured at Sam's cost
// rate); the accountant invoices the billable time from the project page through the
// create-invoice edge function; the invoice shows the hours at the project's rate, and the
// project's live margin shows what was billed against the cost of the time.
import fs from 'node:fs';
import { addDays, format, parseISO, startOfWeek, subWeeks } from 'date-fns';
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

const CUSTOMER = 'E2E Time & Co';
const PROJECT = 'E2E website audit';
const MAYA = '22222222-0000-4000-8000-000000000003';
const SAM_EMPLOYEE = 'ac200000-0000-4000-8000-000000000002';

describe('timesheets to invoice', () => {
  let stack: TestStack;
  let appDir: string;
  let app: StaticServer;
  let browser: IsolatedBrowser;
  const contexts: BrowserContext[] = [];
  let sam: Page;
  let maya: Page;
  let accountant: Page;
  let org: string;
  const pageErrors: string[] = [];
  // A week with no time of Sam's (the demo's reach five weeks back), long enough ago for his old
  // cost rate (55.00/h); set by the test, so a retry takes the week before.
  let week = '';
  const weekText = () => `${format(parseISO(week), 'd MMM')} – ${format(addDays(parseISO(week), 6), 'd MMM yyyy')}`;
  const day = (i: number) => format(addDays(parseISO(week), i), 'yyyy-MM-dd');
  const dayName = (i: number) => format(addDays(parseISO(week), i), 'EEEE d MMMM');

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
    sam = await signedIn('sales@northwind.test');
    maya = await signedIn('manager@northwind.test');
    accountant = await signedIn('accountant@northwind.test');
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
    await stack?.stop();
  });

  it('logs a week in the grid, approves it, invoices it from the project and the margin shows it', async () => {
    for (let back = 6; !week; back++) {
      const monday = format(startOfWeek(subWeeks(new Date(), back), { weekStartsOn: 1 }), 'yyyy-MM-dd');
      const [{ n }] = (await stack.sql<{ n: number }>(
        `select count(*)::int as n from public.timesheet_entries where employee_id = $1 and entry_date between $2 and $2::date + 6`,
        [SAM_EMPLOYEE, monday],
      )) as [{ n: number }];
      if (n === 0) week = monday;
    }
    // A new customer's project at 100.00 an hour, no tax, so its invoice is only this week.
    const [customer] = await stack.sql<{ id: string }>(
      `insert into public.accounts (org_id, name, email, currency, payment_terms_days)
       values ($1, $2, 'ap@time-and-co.example', 'USD', 30) returning id`,
      [org, `${CUSTOMER} (${week})`],
    );
    const [project] = await stack.sql<{ id: string; code: string }>(
      `insert into public.projects (org_id, name, account_id, manager_id, hourly_rate, tax_rate, start_date)
       values ($1, $2, $3, $4, 100, 0, $5) returning id, code`,
      [org, `${PROJECT} (${week})`, customer!.id, MAYA, week],
    );
    const label = `${project!.code} · ${PROJECT} (${week})`;

    // Sam: the project added to the empty week, the hours typed cell to cell with Tab.
    await sam.goto(`${app.url}/timesheets?week=${week}`);
    await sam.getByRole('heading', { level: 1, name: 'Timesheet' }).waitFor();
    await sam.getByText('No time this week').waitFor();
    await sam.getByRole('combobox', { name: 'Add a project' }).click();
    await sam.getByRole('option', { name: new RegExp(`^${escapeRegExp(label)}`) }).click();
    const grid = sam.getByRole('table', { name: `Timesheet of Sam Sales, week of ${weekText()}` });
    await grid.waitFor();
    await grid.getByLabel(`${label}, ${dayName(0)}`).focus();
    await sam.keyboard.type('8');
    for (const hours of ['7.5', '7:30', '6', '4']) {
      await sam.keyboard.press('Tab');
      await sam.keyboard.type(hours);
    }
    await sam.getByRole('textbox', { name: `Description: ${label}` }).fill('Audit interviews and report');
    // 8 + 7.5 + 7.5 + 6 + 4 = 33 hours.
    expect(await sam.getByTestId('week-total').textContent()).toBe('33.00');
    expect(await seriousViolations(sam)).toEqual([]);
    await sam.getByRole('button', { name: 'Submit week' }).click();
    await sam.getByText('Week submitted for approval').waitFor();
    await grid.getByText('Submitted', { exact: true }).waitFor();
    expect(await grid.getByLabel(`${label}, ${dayName(0)}`).getAttribute('readonly')).not.toBeNull();
    expect(
      await stack.sql(
        `select entry_date::text, hours::text, status::text, billable, description from public.timesheet_entries
         where project_id = $1 order by entry_date`,
        [project!.id],
      ),
    ).toEqual(
      [
        [0, '8.00'],
        [1, '7.50'],
        [2, '7.50'],
        [3, '6.00'],
        [4, '4.00'],
      ].map(([i, hours]) => ({
        entry_date: day(i as number),
        hours,
        status: 'submitted',
        billable: true,
        description: 'Audit interviews and report',
      })),
    );

    // Maya approves the week (Sam is in her department); the cost is Sam's 55.00/h: 33 × 55 = 1815.00.
    await maya.goto(`${app.url}/timesheets/approvals`);
    const card = maya
      .getByRole('heading', { name: `Sam Sales, week of ${weekText()}` })
      .locator('xpath=ancestor::section[1]');
    await card.getByText('33.00 h submitted').waitFor();
    await card.getByRole('button', { name: 'Approve' }).click();
    await maya.getByText('Approved 33.00 h of Sam Sales').waitFor();
    expect(
      await stack.sql(
        `select count(*)::int as n, sum(c.cost_amount)::text as cost from public.timesheet_entries t
         join public.timesheet_costs c on c.entry_id = t.id where t.project_id = $1 and t.status = 'approved'`,
        [project!.id],
      ),
    ).toEqual([{ n: 5, cost: '1815.00' }]);

    // The accountant: the project's margin before invoicing, then the invoice.
    await accountant.goto(`${app.url}/projects/${project!.id}`);
    await accountant.getByRole('heading', { level: 1, name: label }).waitFor();
    const figure = (name: string) =>
      accountant.locator('dt', { hasText: new RegExp(`^${name}$`) }).locator('xpath=following-sibling::dd[1]');
    await expectText(figure('Billed'), '$0.00');
    await expectText(figure('Margin'), '-$1,815.00');
    const unbilled = accountant.getByRole('table', { name: 'Time and expenses not invoiced yet' });
    const time = unbilled.getByRole('row', { name: /Time: Sam Sales/ });
    expect(await time.getByRole('cell').allTextContents()).toEqual(['33.00 h', '$100.00', '$3,300.00']);
    await accountant.getByRole('button', { name: 'Invoice billable time and expenses' }).click();
    const dialog = accountant.getByRole('dialog', { name: `Invoice ${project!.code}` });
    expect(await seriousViolations(accountant)).toEqual([]);
    await dialog.getByRole('button', { name: 'Create invoice' }).click();
    const link = accountant.getByRole('link', { name: /^Open invoice INV-\d{4}-\d+$/ });
    await link.waitFor();
    const invoiceNumber = (await link.textContent())!.replace('Open invoice ', '');

    // The margin follows: billed 3300.00 − time 1815.00 = 1485.00, 45.00 % of billed.
    await expectText(figure('Billed'), '$3,300.00');
    await expectText(figure('Margin'), '$1,485.00');
    await expectText(figure('Margin %'), '45.00%');
    await accountant.getByText('Nothing approved is waiting to be invoiced.').waitFor();
    expect(
      await stack.sql(
        `select count(*)::int as n from public.timesheet_entries t join public.invoices i on i.id = t.invoiced_invoice_id
         where t.project_id = $1 and i.number = $2`,
        [project!.id, invoiceNumber],
      ),
    ).toEqual([{ n: 5 }]);

    // The invoice: one line, 33 hours at the project's 100.00.
    await link.click();
    await accountant.getByRole('heading', { level: 1, name: `Invoice ${invoiceNumber}` }).waitFor();
    const lines = accountant.getByRole('table', { name: 'Lines' });
    const line = lines.getByRole('row', { name: new RegExp(`Time: Sam Sales, ${day(0)} – ${day(4)}`) });
    expect(await line.getByRole('cell').allTextContents()).toEqual(['33', '$100.00', '—', '0%', '$0.00', '$3,300.00']);
    const [invoice] = await stack.sql<{ total: string; project_id: string; pdf_path: string | null }>(
      `select total::text, project_id, pdf_path from public.invoices where number = $1 and org_id = $2`,
      [invoiceNumber, org],
    );
    expect(invoice).toMatchObject({ total: '3300.00', project_id: project!.id });
    expect(invoice!.pdf_path).toContain(invoiceNumber);
    // The employee record the grid wrote for is Sam's own.
    expect(
      await stack.sql(`select distinct employee_id from public.timesheet_entries where project_id = $1`, [project!.id]),
    ).toEqual([{ employee_id: SAM_EMPLOYEE }]);
  });

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits until the element shows exactly `text` (the page updates live). */
async function expectText(locator: ReturnType<Page['locator']>, text: string) {
  const deadline = Date.now() + 20_000;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await locator.textContent({ timeout: 20_000 });
    if (last === text) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(last).toBe(text);
}
