// Two sales reps on one deal board, in two browser contexts against a seeded local
// stack: one drags a card to another column (or moves it from the deal's page);
// the other sees the "being moved" marker and then the card in its new column, with no
// REST request from the watching page in between (the update comes over Realtime); each
// sees the other's presence avatar; dropping on Lost asks for a reason.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Request } from 'playwright-core';
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

describe('the shared deal board', () => {
  let stack: TestStack;
  let appDir: string;
  let app: StaticServer;
  let browser: IsolatedBrowser;
  const contexts: BrowserContext[] = [];
  let sam: Page;
  let rita: Page;
  let stages: Record<string, string>;
  const ritaRequests: { url: string; at: number }[] = [];
  const pageErrors: string[] = [];

  async function signedInPage(email: string): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInAsDemoUser(page, app.url, email);
    return page;
  }

  const column = (page: Page, stage: string) =>
    page.locator(`[data-testid="board-column"][data-stage-id="${stages[stage]}"]`);
  const card = (page: Page, stage: string, dealId: string) => column(page, stage).locator(`[data-deal-id="${dealId}"]`);

  async function dealIn(stage: string, offset = 0): Promise<{ id: string; title: string }> {
    const [row] = await stack.sql<{ id: string; title: string }>(
      `select id, title from public.deals where stage_id = $1 and archived_at is null order by rank offset $2 limit 1`,
      [stages[stage], offset],
    );
    return row!;
  }

  beforeAll(async () => {
    stack = await startTestStack({ seed: true });
    const rows = await stack.sql<{ id: string; name: string }>(
      `select s.id, s.name from public.pipeline_stages s join public.pipelines p on p.id = s.pipeline_id where p.org_id = $1 and p.is_default`,
      [ORG],
    );
    stages = Object.fromEntries(rows.map((r) => [r.name, r.id]));
    appDir = await buildApp({ supabaseUrl: stack.url, anonKey: stack.anonKey });
    app = await serveStatic(appDir);
    browser = await launchIsolatedBrowser();
    sam = await signedInPage('sales@northwind.test');
    rita = await signedInPage('rep@northwind.test');
    rita.on('request', (request: Request) => ritaRequests.push({ url: request.url(), at: Date.now() }));
    for (const page of [sam, rita]) {
      await page.goto(`${app.url}/deals`);
      await page.getByTestId('deal-board').waitFor();
      await page.getByText('● Live').waitFor();
    }
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
    await stack?.stop();
  });

  it('shows each rep the other on the board', async () => {
    await rita.getByRole('list', { name: 'Also on this board' }).getByText('Sam Sales').waitFor({ state: 'attached' });
    await sam.getByRole('list', { name: 'Also on this board' }).getByText('Rita Rep').waitFor({ state: 'attached' });
    expect(await seriousViolations(rita)).toEqual([]);
  });

  it('moves a dragged card on the other rep’s board over Realtime, without a REST request', async () => {
    const deal = await dealIn('Qualified');
    const source = card(sam, 'Qualified', deal.id);
    const target = column(sam, 'Proposal');
    const from = (await source.boundingBox())!;
    const to = (await target.boundingBox())!;

    await sam.mouse.move(from.x + from.width / 2, from.y + 20);
    await sam.mouse.down();
    await sam.mouse.move(from.x + from.width / 2 + 30, from.y + 40, { steps: 5 });
    await sam.mouse.move(to.x + to.width / 2, to.y + 150, { steps: 15 });
    // While Sam drags, Rita sees who is moving the card.
    await card(rita, 'Qualified', deal.id).getByText('Sam Sales is moving this').waitFor();

    const dropAt = Date.now();
    await sam.mouse.up();
    // The mover sees it at once (optimistic), then the server's answer.
    await card(sam, 'Proposal', deal.id).waitFor();
    await card(rita, 'Proposal', deal.id).waitFor({ timeout: 10_000 });
    const seenAt = Date.now();
    await expect(card(rita, 'Qualified', deal.id).count()).resolves.toBe(0);
    const rest = ritaRequests.filter((r) => r.at >= dropAt && r.at <= seenAt && r.url.includes('/rest/v1/'));
    expect(rest).toEqual([]);
    expect(
      await stack.sql(
        `select s.name from public.deals d join public.pipeline_stages s on s.id = d.stage_id where d.id = $1`,
        [deal.id],
      ),
    ).toEqual([{ name: 'Proposal' }]);
    await expect(card(rita, 'Qualified', deal.id).getByText('is moving this').count()).resolves.toBe(0);
  });

  it('keeps the column totals right on both boards', async () => {
    const [proposal] = await stack.sql<{ n: string }>(
      `select count(*)::text as n from public.deals where stage_id = $1 and archived_at is null`,
      [stages['Proposal']],
    );
    for (const page of [sam, rita]) {
      await expect.poll(() => column(page, 'Proposal').getByTestId('column-count').textContent()).toBe(proposal!.n);
    }
  });

  it('moves a deal from its page with the keyboard, and the board of the other rep follows', async () => {
    const deal = await dealIn('Qualified');
    const page = await browser.newContext().then(async (context) => {
      contexts.push(context);
      const p = await context.newPage();
      await signInAsDemoUser(p, app.url, 'sales@northwind.test');
      return p;
    });
    await page.goto(`${app.url}/deals/${deal.id}`);
    const stagePath = page.getByRole('navigation', { name: 'Stages' });
    await stagePath.getByRole('button', { name: 'Negotiation' }).focus();
    await page.keyboard.press('Enter');
    await card(rita, 'Negotiation', deal.id).waitFor({ timeout: 10_000 });
    await expect
      .poll(() => stagePath.getByRole('button', { name: 'Negotiation' }).getAttribute('aria-current'))
      .toBe('step');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('asks for a reason when a card is dropped on Lost', async () => {
    const deal = await dealIn('Lead in');
    const from = (await card(sam, 'Lead in', deal.id).boundingBox())!;
    const to = (await column(sam, 'Lost').boundingBox())!;
    await sam.mouse.move(from.x + from.width / 2, from.y + 20);
    await sam.mouse.down();
    await sam.mouse.move(from.x + from.width / 2 + 30, from.y + 40, { steps: 5 });
    await sam.mouse.move(to.x + to.width / 2, to.y + 150, { steps: 20 });
    await sam.mouse.up();
    const dialog = sam.getByRole('dialog', { name: 'Why was this deal lost?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Mark as lost' }).click();
    await dialog.getByText('Say why the deal was lost').waitFor();
    await dialog.getByRole('button', { name: 'Chose a competitor' }).click();
    await dialog.getByRole('button', { name: 'Mark as lost' }).click();
    await card(rita, 'Lost', deal.id).waitFor({ timeout: 10_000 });
    expect(await stack.sql(`select status, lost_reason from public.deals where id = $1`, [deal.id])).toEqual([
      { status: 'lost', lost_reason: 'Chose a competitor' },
    ]);
    expect(pageErrors).toEqual([]);
  });
});
