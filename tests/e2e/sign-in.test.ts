// The built SPA in Chromium against a local stack: sign in as a user made with the admin API, see the
// e-mail, survive a reload, sign out.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { buildApp, launchBrowser, serveStatic, type Browser, type StaticServer } from './support/app.ts';

const EMAIL = 'e2e.signin@example.com';
const PASSWORD = 'Correct-Horse-7';

describe('sign-in in the browser', () => {
  let stack: TestStack;
  let appDir: string;
  let app: StaticServer;
  let browser: Browser;
  let page: Page;
  let userId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    const admin = createClient(stack.url, stack.serviceRoleKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      // Node 20 has no global WebSocket; supabase-js builds its realtime client eagerly. The cast: ws's
      // constructor type does not match realtime-js's WebSocketLikeConstructor, though it works at runtime.
      realtime: { transport: WebSocket as never },
    });
    const { data, error } = await admin.auth.admin.createUser({
      email: EMAIL,
      password: PASSWORD,
      email_confirm: true,
    });
    if (error) throw error;
    userId = data.user.id;

    appDir = await buildApp({ supabaseUrl: stack.url, anonKey: stack.anonKey });
    app = await serveStatic(appDir);
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
    await stack?.stop();
  });

  async function submit(email: string, password: string) {
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('redirects a signed-out visitor to the sign-in page', async () => {
    await page.goto(`${app.url}/`);
    await page.waitForURL(`${app.url}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in to Ledgerline' }).waitFor();
  });

  it("shows the server's message for a wrong password", async () => {
    await submit(EMAIL, 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Invalid login credentials');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('signs in, and a user without an organisation is asked to create one, also after a reload', async () => {
    await submit(EMAIL, PASSWORD);
    await page.waitForURL(`${app.url}/organizations/new`);
    await page.getByRole('heading', { name: 'Create your organisation' }).waitFor();
    await page.getByText(`Signed in as ${EMAIL}`).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Create your organisation' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/organizations/new');
  });

  it('signs out: back to the sign-in page, session gone from the browser and the server', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${app.url}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in to Ledgerline' }).waitFor();

    const storedKeys = await page.evaluate(() => Object.keys(window.localStorage));
    expect(storedKeys.filter((key) => key.endsWith('-auth-token'))).toEqual([]);
    // Signing out of this browser revokes its session on the server (the only one this user had).
    const [row] = await stack.sql<{ n: string }>('select count(*)::text as n from auth.sessions where user_id = $1', [
      userId,
    ]);
    expect(row?.n).toBe('0');

    // And the guard holds again.
    await page.goto(`${app.url}/`);
    await page.waitForURL(`${app.url}/sign-in`);
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
