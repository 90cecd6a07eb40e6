// Support queue in the browser: a ticket created past its SLA shows as breached, a new
// one shows the time left; replying to the customer stamps the first response.
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

describe('support tickets', () => {
  let stack: TestStack;
  let appDir: string;
  let app: StaticServer;
  let browser: IsolatedBrowser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    stack = await startTestStack({ seed: true });
    // Opened ten days ago as urgent, never answered: far past both SLA targets.
    await stack.sql(
      `insert into public.tickets (org_id, subject, priority, created_at, contact_id)
       select $1, 'Cold storage unit failing', 'urgent', now() - interval '10 days', c.id
       from public.contacts c where c.org_id = $1 order by c.email limit 1`,
      [ORG],
    );
    appDir = await buildApp({ supabaseUrl: stack.url, anonKey: stack.anonKey });
    app = await serveStatic(appDir);
    browser = await launchIsolatedBrowser();
    context = await browser.newContext();
    page = await context.newPage();
    await signInAsDemoUser(page, app.url, 'support@northwind.test');
  }, 240_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
    await stack?.stop();
  });

  it('shows a ticket created past its SLA as breached, first in the queue', async () => {
    await page.goto(`${app.url}/tickets`);
    const table = page.getByRole('table', { name: 'Tickets' });
    const row = table.getByRole('row').filter({ hasText: 'Cold storage unit failing' });
    await row.getByText('Response breached').waitFor();
    expect(await table.locator('tbody tr').first().textContent()).toContain('Cold storage unit failing');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('creates a ticket with its SLA clock, and a reply stamps the first response', async () => {
    await page.getByRole('button', { name: 'New ticket' }).click();
    const dialog = page.getByRole('dialog', { name: 'New ticket' });
    await dialog.getByLabel('Subject').fill('Invoice copy requested');
    await dialog.getByRole('button', { name: 'Create ticket' }).click();
    await page.getByRole('heading', { level: 1, name: /Invoice copy requested/ }).waitFor();
    await page.getByText(/^Due in /).waitFor();
    await page.getByLabel(/^Reply/).fill('Attached, sorry for the wait.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Attached, sorry for the wait.').waitFor();
    const [t] = await stack.sql<{ first_responded_at: string | null; status: string }>(
      `select first_responded_at, status from public.tickets where subject = 'Invoice copy requested'`,
    );
    expect(t!.first_responded_at).not.toBeNull();
    expect(t!.status).toBe('open');
  });
});
