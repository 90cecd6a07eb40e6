// CSV import of accounts in the browser: a 1,000-row file with exactly 3 bad rows is
// refused with exactly those 3 rows reported and nothing imported; the corrected file
// imports all 1,000 in one go.
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
const BAD_ROWS = [17, 512, 999];

function csv(withErrors: boolean): string {
  const lines = ['Company,Email,Phone,Credit limit,Tags'];
  for (let i = 1; i <= 1000; i++) {
    let name = `Import Test ${i}`;
    let email = `buyer${i}@importtest${i}.example`;
    let limit = String(1000 + i);
    if (withErrors && i === BAD_ROWS[0]) name = '';
    if (withErrors && i === BAD_ROWS[1]) email = 'not-an-email';
    if (withErrors && i === BAD_ROWS[2]) limit = 'a lot';
    lines.push(`"${name}",${email},+1 555 ${String(i).padStart(4, '0')},${limit},"import, batch-${i % 3}"`);
  }
  return lines.join('\n');
}

describe('account import', () => {
  let stack: TestStack;
  let appDir: string;
  let app: StaticServer;
  let browser: IsolatedBrowser;
  let context: BrowserContext;
  let page: Page;

  const imported = async () =>
    Number(
      (
        await stack.sql<{ n: string }>(
          `select count(*) as n from public.accounts where org_id = $1 and name like 'Import Test %'`,
          [ORG],
        )
      )[0]!.n,
    );

  beforeAll(async () => {
    stack = await startTestStack({ seed: true });
    appDir = await buildApp({ supabaseUrl: stack.url, anonKey: stack.anonKey });
    app = await serveStatic(appDir);
    browser = await launchIsolatedBrowser();
    context = await browser.newContext();
    page = await context.newPage();
    await signInAsDemoUser(page, app.url, 'sales@northwind.test');
  }, 240_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
    await stack?.stop();
  });

  it('reports exactly the 3 bad rows of 1,000 and imports nothing', async () => {
    await page.goto(`${app.url}/accounts`);
    await page.getByRole('table', { name: 'Accounts' }).waitFor();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import accounts' });
    await dialog.waitFor();
    await dialog
      .getByLabel('CSV file')
      .setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(true)) });
    await expect
      .poll(() => dialog.getByTestId('import-summary').textContent())
      .toContain('1000 rows read from accounts.csv · 3 with errors');
    const rows = dialog.getByTestId('import-errors').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const reported = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector('td')!.textContent)));
    expect(reported).toEqual(BAD_ROWS);
    expect(await dialog.getByRole('button', { name: 'Import 1000 accounts' }).isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await imported()).toBe(0);
  });

  it('imports the corrected file, all 1,000 rows', async () => {
    const dialog = page.getByRole('dialog', { name: 'Import accounts' });
    await dialog
      .getByLabel('CSV file')
      .setInputFiles({ name: 'accounts-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(false)) });
    await expect
      .poll(() => dialog.getByTestId('import-summary').textContent())
      .toContain('1000 rows read from accounts-fixed.csv · no errors');
    await dialog.getByRole('button', { name: 'Import 1000 accounts' }).click();
    await dialog.getByText('1000 accounts imported from accounts-fixed.csv.').waitFor();
    expect(await imported()).toBe(1000);
    expect(
      await stack.sql(
        `select email, credit_limit, tags from public.accounts where org_id = $1 and name = 'Import Test 512'`,
        [ORG],
      ),
    ).toEqual([{ email: 'buyer512@importtest512.example', credit_limit: '1512.00', tags: ['batch-2', 'import'] }]);
  });
});
