// Live dashboards against the seeded stack: the manager watches the sales manager dashboard
// (their start page); a rep in another browser marks one of her open deals won on its page; the
// manager's "Won" tile and the rep's leaderboard row grow by the deal's amount within seconds,
// without a reload, and the dashboard says it was updated just now. The dashboard passes axe in
// both themes.
import fs from 'node:fs';
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
const RITA = '22222222-0000-4000-8000-000000000009';

/** "$12,345.60" → 12345.6 */
const dollars = (text: string) => Number(text.replace(/[^0-9.-]/g, ''));

describe('live dashboards', () => {
  let stack: TestStack;
  let appDir: string;
  let app: StaticServer;
  let browser: IsolatedBrowser;
  const contexts: BrowserContext[] = [];
  let manager: Page;
  let rep: Page;
  const pageErrors: string[] = [];

  async function signedIn(email: string): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInAsDemoUser(page, app.url, email);
    return page;
  }

  const wonTile = (page: Page) => page.locator('[data-testid="kpi-tile"][data-label="Won"]').first();
  const wonValue = async (page: Page) => dollars((await wonTile(page).getByTestId('kpi-value').textContent())!);
  const leaderboardRow = (page: Page) =>
    page.getByRole('region', { name: 'Leaderboard' }).getByRole('row').filter({ hasText: 'Rita Rep' });

  beforeAll(async () => {
    stack = await startTestStack({ seed: true });
    appDir = await buildApp({ supabaseUrl: stack.url, anonKey: stack.anonKey });
    app = await serveStatic(appDir);
    browser = await launchIsolatedBrowser();
    manager = await signedIn('manager@northwind.test');
    rep = await signedIn('rep@northwind.test');
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
    await stack?.stop();
  });

  it("updates the manager's dashboard when a rep wins a deal in another browser, without a reload", async () => {
    // The manager's start page is the sales manager dashboard, live.
    await manager.getByTestId('dashboard-sales-manager').waitFor();
    await wonTile(manager).getByTestId('kpi-value').waitFor();
    await manager.getByTestId('live-badge').getByText('Live').waitFor();
    const wonBefore = await wonValue(manager);
    const ritaBefore = dollars((await leaderboardRow(manager).locator('td').nth(1).textContent()) ?? '0');
    await manager.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));

    // One of Rita's open deals, in the base currency (so the tile grows by exactly its amount).
    const [deal] = await stack.sql<{ id: string; title: string; amount: string }>(
      `select d.id, d.title, d.amount::text from public.deals d
       where d.org_id = $1 and d.owner_id = $2 and d.status = 'open' and d.currency = 'USD'
         and d.account_id is not null and d.archived_at is null
       order by d.amount desc limit 1`,
      [ORG, RITA],
    );
    const amount = Number(deal!.amount);

    // Rita, in her own browser, marks it won on its page.
    await rep.goto(`${app.url}/deals/${deal!.id}`);
    await rep.getByRole('heading', { level: 1, name: deal!.title }).waitFor();
    // The header's "Won" button (the stage path under it has a "Won" stage too).
    await rep.getByRole('button', { name: 'Won', exact: true }).first().click();
    const wonAt = Date.now();
    await rep.getByRole('button', { name: 'Mark as won' }).click();
    await rep.getByText(`“${deal!.title}” won`).waitFor();
    expect(await stack.sql(`select status::text from public.deals where id = $1`, [deal!.id])).toEqual([
      { status: 'won' },
    ]);

    // The manager's dashboard follows within seconds: the tile and Rita's row grow by the amount.
    await manager.waitForFunction(
      ({ expected }) => {
        const tile = document.querySelector('[data-testid="kpi-tile"][data-label="Won"] [data-testid="kpi-value"]');
        return tile && Number(tile.textContent!.replace(/[^0-9.-]/g, '')) === expected;
      },
      { expected: Math.round((wonBefore + amount) * 100) / 100 },
      { timeout: 10_000 },
    );
    const seenAfter = Date.now() - wonAt;
    expect(seenAfter).toBeLessThan(10_000);
    await expect
      .poll(async () => dollars((await leaderboardRow(manager).locator('td').nth(1).textContent())!))
      .toBe(Math.round((ritaBefore + amount) * 100) / 100);
    await manager.getByTestId('updated-at').getByText('Updated just now').waitFor();
    // Still the same page: nothing reloaded it.
    expect(await manager.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
    expect(pageErrors).toEqual([]);
  });

  it('has no serious accessibility problems, in the light and dark themes', async () => {
    await manager.goto(`${app.url}/dashboards/sales-manager`);
    await manager.getByRole('heading', { level: 1, name: 'Sales team dashboard' }).waitFor();
    await wonTile(manager).getByTestId('kpi-value').waitFor();
    await manager.getByRole('figure', { name: 'Deal funnel' }).waitFor();
    expect(await seriousViolations(manager)).toEqual([]);
    await manager.evaluate(() => document.documentElement.classList.add('dark'));
    expect(await seriousViolations(manager)).toEqual([]);
    await manager.evaluate(() => document.documentElement.classList.remove('dark'));
  });
});
