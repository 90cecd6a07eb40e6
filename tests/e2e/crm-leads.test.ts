// Leads and campaigns in the browser, against the seeded stack: a manager tunes scoring and
// the rotation, a new lead is scored and given to the next rep, conversion lands on the new
// deal with account and contact made in one go; a campaign is created and gets members;
// tasks are added on a record and worked off in "My day".
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
const SAM = '22222222-0000-4000-8000-000000000004';
const RITA = '22222222-0000-4000-8000-000000000009';

describe('leads and campaigns', () => {
  let stack: TestStack;
  let appDir: string;
  let app: StaticServer;
  let browser: IsolatedBrowser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  async function choose(combobox: string, option: string) {
    await page.getByRole('combobox', { name: combobox, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
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

  it('adds a scoring rule, which rescores the open leads, and pauses a rep in the rotation', async () => {
    await page.goto(`${app.url}/settings/leads`);
    const rules = page.getByRole('list', { name: 'Scoring rules' });
    await rules.getByText('Source is “Referral”').waitFor();
    const form = page.getByRole('form', { name: 'New scoring rule' });
    await form.getByRole('combobox', { name: 'When', exact: true }).click();
    await page.getByRole('option', { name: 'Company', exact: true }).click();
    await form.getByRole('combobox', { name: 'Condition', exact: true }).click();
    await page.getByRole('option', { name: 'contains', exact: true }).click();
    // A contains-rule without a value is refused before anything is sent.
    await form.getByRole('button', { name: 'Add rule' }).click();
    await form.getByText('Enter the value to compare with').waitFor();
    await form.getByLabel('Value').fill('Delikatessen');
    await form.getByLabel('Points').fill('15');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await rules.getByText('Company contains “Delikatessen”').waitFor();
    // Referral (30) + phone (10) + over 10,000 (25) + the new rule (15).
    const [blauer] = await stack.sql<{ score: number }>(
      `select score from public.leads where org_id = $1 and company_name = 'Blauer See Delikatessen'`,
      [ORG],
    );
    expect(blauer!.score).toBe(80);

    // Sam stops taking leads for now: new ones go to Rita only.
    const rotation = page.getByRole('list', { name: 'Lead rotation' });
    await rotation.getByRole('listitem').filter({ hasText: 'Sam Sales' }).getByLabel('Takes leads').uncheck();
    await expect
      .poll(async () => (await stack.sql(`select active from public.lead_assignees where user_id = $1`, [SAM]))[0])
      .toEqual({ active: false });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('creates a lead that is scored and given to the next rep, then converts it into a deal', async () => {
    await page.goto(`${app.url}/leads`);
    const table = page.getByRole('table', { name: 'Leads' });
    // Best score first: the referral with a phone and a big value.
    await expect.poll(async () => table.locator('tbody tr').first().textContent()).toContain('Blauer See');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'New lead' }).click();
    const dialog = page.getByRole('dialog', { name: 'New lead' });
    // Nothing to identify the lead: refused with a message, nothing sent.
    await dialog.getByRole('button', { name: 'Create lead' }).click();
    await dialog.getByText('Enter a company, a contact name or an e-mail address').waitFor();
    await dialog.getByLabel('Company').fill('Tortuga Restaurante');
    await dialog.getByLabel('Contact name').fill('Miguel Angel Paolino');
    await dialog.getByLabel('E-mail').fill('miguel@tortuga.example');
    await dialog.getByLabel('Phone').fill('+52 5 555 2933');
    await dialog.getByLabel('Source').fill('Referral');
    await dialog.getByLabel('Estimated value').fill('15000');
    await dialog.getByRole('button', { name: 'Create lead' }).click();

    await page.getByRole('heading', { level: 1, name: 'Tortuga Restaurante' }).waitFor();
    await page.getByText('Score 65').waitFor();
    const [lead] = await stack.sql<{ id: string; owner_id: string }>(
      `select id, owner_id from public.leads where org_id = $1 and company_name = 'Tortuga Restaurante'`,
      [ORG],
    );
    expect(lead!.owner_id).toBe(RITA);

    await page.getByRole('button', { name: 'Convert' }).click();
    const convert = page.getByRole('dialog', { name: 'Convert Tortuga Restaurante' });
    await convert.getByLabel('Deal title').fill('Tortuga – first order');
    await convert.getByRole('button', { name: 'Convert lead' }).click();
    await page.getByRole('heading', { level: 1, name: /Tortuga – first order/ }).waitFor();

    const [converted] = await stack.sql<{
      status: string;
      account: string;
      contact: string;
      amount: string;
      deal_owner: string;
    }>(
      `select l.status::text, a.name as account, c.email as contact, d.amount::text, d.owner_id as deal_owner
       from public.leads l join public.accounts a on a.id = l.converted_account_id
       join public.contacts c on c.id = l.converted_contact_id join public.deals d on d.id = l.converted_deal_id
       where l.id = $1`,
      [lead!.id],
    );
    expect(converted).toEqual({
      status: 'converted',
      account: 'Tortuga Restaurante',
      contact: 'miguel@tortuga.example',
      amount: '15000.00',
      deal_owner: RITA,
    });

    // The lead page now says what it became, and a second conversion is not offered.
    await page.goto(`${app.url}/leads/${lead!.id}`);
    await page.getByText(/^Converted /).waitFor();
    await page.getByRole('link', { name: 'Open the deal' }).waitFor();
    expect(await page.getByRole('button', { name: 'Convert' }).count()).toBe(0);
  });

  it('creates a campaign and adds a contact and a lead as members', async () => {
    await page.goto(`${app.url}/campaigns`);
    const table = page.getByRole('table', { name: 'Campaigns' });
    await table.getByRole('row').filter({ hasText: 'Coffee program newsletter' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'New campaign' }).click();
    const dialog = page.getByRole('dialog', { name: 'New campaign' });
    await dialog.getByLabel('Name').fill('Winter tasting');
    await dialog.getByLabel('Budget').fill('1200');
    await dialog.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('heading', { level: 1, name: 'Winter tasting' }).waitFor();

    await page.getByRole('button', { name: 'Add members' }).click();
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('Maria');
    await page.getByRole('button', { name: 'Add Maria Anders' }).click();
    await choose('Add', 'Leads');
    await page.getByRole('searchbox', { name: 'Search leads' }).fill('Piccolo');
    await page.getByRole('button', { name: 'Add Georg Pipps (Piccolo und mehr)' }).click();
    await expect
      .poll(async () =>
        stack.sql<{ contacts: number; leads: number }>(
          `select count(m.contact_id)::int as contacts, count(m.lead_id)::int as leads
           from public.campaign_members m join public.campaigns c on c.id = m.campaign_id where c.name = 'Winter tasting'`,
        ),
      )
      .toEqual([{ contacts: 1, leads: 1 }]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('adds a task on a deal, and works the day off in "My day"', async () => {
    const MAYA = '22222222-0000-4000-8000-000000000003';
    await stack.sql(
      `insert into public.tasks (org_id, title, due_at, assignee_id) values ($1, 'Chase the signed contract', now() - interval '2 hours', $2)`,
      [ORG, MAYA],
    );
    const [deal] = await stack.sql<{ id: string }>(`select id from public.deals where title = 'Tortuga – first order'`);
    await page.goto(`${app.url}/deals/${deal!.id}`);
    await page.getByRole('button', { name: 'Add task' }).click();
    const dialog = page.getByRole('dialog', { name: 'New task' });
    await dialog.getByLabel('Task').fill('Send the price list');
    await dialog.getByLabel('Due').fill('2099-01-15T09:30');
    await choose('Reminder', '1 hour before');
    await dialog.getByRole('button', { name: 'Add task' }).click();
    await page.getByRole('list', { name: 'Tasks' }).getByText('Send the price list').waitFor();
    const [task] = await stack.sql<{ assignee_id: string; deal_id: string; minutes: number }>(
      `select assignee_id, deal_id, extract(epoch from due_at - reminder_at)::int / 60 as minutes
       from public.tasks where title = 'Send the price list'`,
    );
    expect(task).toEqual({ assignee_id: MAYA, deal_id: deal!.id, minutes: 60 });

    await page.goto(`${app.url}/my-day`);
    const overdue = page.getByRole('list', { name: 'Overdue' });
    await overdue.getByText('Chase the signed contract').waitFor();
    await page.getByRole('list', { name: 'Upcoming' }).getByText('Send the price list').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // Checked off, it moves to "Done today" at once (so click, not check: the box leaves this list).
    await overdue.getByRole('checkbox', { name: 'Done: Chase the signed contract' }).click();
    await page.getByRole('list', { name: 'Done today' }).getByText('Chase the signed contract').waitFor();
    await expect
      .poll(async () => stack.sql(`select status::text from public.tasks where title = 'Chase the signed contract'`))
      .toEqual([{ status: 'done' }]);
  });

  it('adds a catalogue product to the quote, priced for the customer, and the deal amount follows', async () => {
    const [deal] = await stack.sql<{ id: string }>(`select id from public.deals where title = 'Tortuga – first order'`);
    await page.goto(`${app.url}/deals/${deal!.id}`);
    await page.getByRole('searchbox', { name: 'Add a product' }).fill('chai');
    await page
      .getByRole('list', { name: 'Matching products' })
      .getByRole('button', { name: 'Add Chai tea, 24 bags' })
      .click();
    // Tortuga has no price list of its own: the product's sale price.
    await expect.poll(() => page.getByLabel('Line 1 unit price').inputValue()).toBe('18');
    await expect.poll(() => page.getByLabel('Line 1 description').inputValue()).toBe('Chai tea, 24 bags');
    await page.getByLabel('Line 1 quantity').fill('3');
    await page.getByRole('button', { name: 'Save lines' }).click();
    await expect
      .poll(async () => stack.sql(`select amount::text from public.deals where id = $1`, [deal!.id]))
      .toEqual([{ amount: '54.00' }]);
    const [line] = await stack.sql<{ product_id: string }>(
      `select product_id from public.deal_lines where deal_id = $1`,
      [deal!.id],
    );
    expect(line!.product_id).toBe('a3000000-0000-4000-8000-000000000001');
  });

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
