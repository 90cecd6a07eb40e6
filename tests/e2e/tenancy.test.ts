// Issue 6 end to end, in Chromium against a local stack: sign up, create an organisation, invite a
// second person by e-mail (Auth's invitation reaches the mail catcher), who sets a password and joins
// in another browser; change their role and find the change in the audit log; a member of another
// organisation reaches none of it by URL; password reset by e-mail; and axe-core finds no serious or
// critical problem on any page of the issue, in the light and the dark theme.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { BrowserContext, Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import {
  buildApp,
  launchIsolatedBrowser,
  serveStatic,
  type IsolatedBrowser,
  type StaticServer,
} from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { linkIn, waitForMail } from './support/mail.ts';

const OWNER = { name: 'Olivia Owner', email: 'olivia@acme.test', password: 'Anvil-Owner-42' };
const INVITEE = { email: 'ivan@acme.test', password: 'Anvil-Ivan-42' };
const OUTSIDER = { name: 'Bob Bolt', email: 'bob@bolt.test', password: 'Bolt-Bikes-42', newPassword: 'Bolt-Bikes-43' };

describe('organisations, members and invitations in the browser', () => {
  let stack: TestStack;
  let appDir: string;
  let app: StaticServer;
  let browser: IsolatedBrowser;
  const contexts: BrowserContext[] = [];
  let owner: Page;
  let invitee: Page;
  let orgAId: string;
  /** The accept link of the invitation (path and query), kept to try it again once used. */
  let acceptPath: string;
  const pageErrors: string[] = [];

  function client(): SupabaseClient {
    return createClient(stack.url, stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      // Node 20 has no global WebSocket; supabase-js builds its realtime client eagerly.
      realtime: { transport: WebSocket as never },
    });
  }

  async function newPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  const url = (path: string) => `${app.url}${path}`;
  const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

  /** Radix Select: open the combobox, pick the option. */
  async function choose(page: Page, combobox: string, option: string) {
    await page.getByRole('combobox', { name: combobox, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  /**
   * No spinner left (lists and forms have loaded) and no transition running: axe measures contrast on
   * what is painted, and a toast or dialog half-way through fading in has not reached its colours yet.
   */
  async function settled(page: Page) {
    await page.waitForFunction(
      () =>
        !document.querySelector('[role="status"] .animate-spin') &&
        // A table refetching (a filter just changed) is dimmed until the new page arrives.
        !document.querySelector('[aria-busy="true"]') &&
        document.getAnimations().every((animation) => animation.playState !== 'running'),
    );
  }

  async function expectAccessible(page: Page, what: string) {
    await settled(page);
    const problems = await seriousViolations(page);
    expect(problems, `axe on ${what}`).toEqual([]);
  }

  beforeAll(async () => {
    stack = await startTestStack();
    appDir = await buildApp({ supabaseUrl: stack.url, anonKey: stack.anonKey });
    app = await serveStatic(appDir);
    browser = await launchIsolatedBrowser();
    owner = await newPage();
    invitee = await newPage();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
    await stack?.stop();
  });

  it('signs up and creates an organisation', async () => {
    await owner.goto(url('/sign-up'));
    await h1(owner, 'Create your account').waitFor();
    await expectAccessible(owner, 'sign-up');

    await owner.getByLabel('Full name').fill(OWNER.name);
    await owner.getByLabel('E-mail').fill(OWNER.email);
    await owner.getByLabel('Password').fill(OWNER.password);
    await owner.getByRole('button', { name: 'Create account' }).click();

    // Confirmations are off locally: the session is immediate, and there is no organisation yet.
    await owner.waitForURL(url('/organizations/new'));
    await h1(owner, 'Create your organisation').waitFor();
    await expectAccessible(owner, 'create organisation');

    await owner.getByLabel('Organisation name').fill('Acme Anvils');
    expect(await owner.getByLabel('Short name').inputValue()).toBe('acme-anvils');
    await choose(owner, 'Base currency', 'EUR — Euro');
    await owner.getByRole('button', { name: 'Create organisation' }).click();

    await owner.waitForURL(url('/'));
    await h1(owner, 'Acme Anvils').waitFor();
    await expectAccessible(owner, 'home');

    const [org] = await stack.sql<{ id: string; base_currency: string; role: string; full_name: string }>(
      `select o.id, o.base_currency, m.role::text, p.full_name
       from public.organizations o join public.memberships m on m.org_id = o.id join public.profiles p on p.id = m.user_id
       where o.slug = 'acme-anvils'`,
    );
    expect(org).toMatchObject({ base_currency: 'EUR', role: 'owner', full_name: OWNER.name });
    orgAId = org!.id;
  });

  it('invites a second person by e-mail, who sets a password and joins in another browser', async () => {
    await owner.goto(url('/settings/members'));
    await owner.getByRole('table', { name: 'Members' }).getByText(OWNER.email).waitFor();
    await expectAccessible(owner, 'members');

    await owner.getByRole('button', { name: 'Invite member' }).first().click();
    const dialog = owner.getByRole('dialog', { name: 'Invite a member' });
    await dialog.waitFor();
    await expectAccessible(owner, 'invite dialog');
    await dialog.getByLabel('E-mail').fill(INVITEE.email);
    await choose(owner, 'Role', 'Sales');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await owner.getByText(`Invitation sent to ${INVITEE.email}`, { exact: false }).waitFor();

    await owner.goto(url('/settings/invitations'));
    await owner.getByRole('table', { name: 'Pending invitations' }).getByText(INVITEE.email).waitFor();
    await expectAccessible(owner, 'invitations');

    // A new person gets Auth's invitation e-mail; its link signs them in and lands on the accept page.
    const mail = await waitForMail(stack.mailUrl, INVITEE.email, /invit/i);
    const link = linkIn(mail, /\/auth\/v1\/verify/);
    const acceptUrl = new URL(new URL(link).searchParams.get('redirect_to') ?? '');
    expect(acceptUrl.pathname).toBe('/invitations/accept');
    expect(acceptUrl.searchParams.get('org')).toBe(orgAId);
    acceptPath = `${acceptUrl.pathname}${acceptUrl.search}`;
    await invitee.goto(link);
    await invitee.waitForURL((u) => u.pathname === '/invitations/accept');
    await h1(invitee, 'Welcome to Ledgerline').waitFor();
    await expectAccessible(invitee, 'accept invitation: choose a password');

    await invitee.getByLabel('New password', { exact: true }).fill(INVITEE.password);
    await invitee.getByLabel('Repeat the new password').fill(INVITEE.password);
    await invitee.getByRole('button', { name: 'Set password and join' }).click();

    await invitee.waitForURL(url('/'));
    await h1(invitee, 'Acme Anvils').waitFor();
    expect(await invitee.getByTestId('current-org-name').textContent()).toBe('Acme Anvils');
    // A salesperson sees no admin pages.
    const nav = await invitee.getByRole('navigation', { name: 'Main' }).textContent();
    expect(nav).not.toContain('Members');
    expect(nav).not.toContain('Audit log');

    // The password works for signing in from now on.
    const { error } = await client().auth.signInWithPassword(INVITEE);
    expect(error).toBeNull();

    await owner.reload();
    await owner.getByText('No pending invitations').waitFor();
  });

  it("changes the new member's role, and the change appears in the audit log", async () => {
    await owner.goto(url('/settings/members'));
    await choose(owner, `Role of ${INVITEE.email}`, 'Manager');
    await owner.getByText(`${INVITEE.email} is now Manager`).waitFor();
    const [membership] = await stack.sql<{ role: string }>(
      `select m.role::text from public.memberships m join auth.users u on u.id = m.user_id where u.email = $1 and m.org_id = $2`,
      [INVITEE.email, orgAId],
    );
    expect(membership?.role).toBe('manager');

    await owner.goto(url('/settings/audit-log'));
    await owner.getByRole('table', { name: 'Audit log' }).waitFor();
    await choose(owner, 'Record type', 'Membership');
    await choose(owner, 'Action', 'Changed');
    await owner.waitForURL(
      (u) => u.searchParams.get('table') === 'memberships' && u.searchParams.get('action') === 'UPDATE',
    );
    const row = owner.getByRole('row').filter({ hasText: 'role: sales → manager' });
    await row.waitFor();
    expect(await row.textContent()).toContain(OWNER.name);
    expect(await row.textContent()).toContain(`Membership: ${INVITEE.email}`);
    await expectAccessible(owner, 'audit log');

    // The details dialog shows the values before and after.
    await row.getByRole('button', { name: 'role: sales → manager' }).click();
    const details = owner.getByRole('dialog');
    await details.getByRole('rowheader', { name: 'role' }).waitFor();
    await expectAccessible(owner, 'audit entry details');
    await owner.keyboard.press('Escape');

    // The manager's own app follows on their next load: the audit log is theirs to read now.
    await invitee.reload();
    await invitee.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).waitFor();
  });

  it('shows the other admin pages without accessibility problems, in both themes', async () => {
    for (const [path, heading] of [
      ['/settings/organization', 'Organisation settings'],
      ['/settings/outbox', 'E-mail outbox'],
      ['/profile', 'Profile'],
    ] as const) {
      await owner.goto(url(path));
      await h1(owner, heading).waitFor();
      await expectAccessible(owner, path);
    }

    await owner.emulateMedia({ colorScheme: 'dark' });
    for (const [path, heading] of [
      ['/', 'Acme Anvils'],
      ['/settings/members', 'Members'],
      ['/settings/audit-log', 'Audit log'],
    ] as const) {
      await owner.goto(url(path));
      await h1(owner, heading).waitFor();
      expect(await owner.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
      await expectAccessible(owner, `${path} (dark)`);
    }
    await owner.emulateMedia({ colorScheme: 'light' });

    // The command palette (⌘K / Ctrl+K) finds pages and goes there.
    await owner.goto(url('/'));
    await h1(owner, 'Acme Anvils').waitFor();
    await owner.keyboard.press('Control+k');
    const palette = owner.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await expectAccessible(owner, 'command palette');
    await palette.getByRole('combobox').fill('outbox');
    await owner.keyboard.press('Enter');
    await owner.waitForURL(url('/settings/outbox'));
  });

  it("keeps another organisation's member out of its pages and data, whatever the URL", async () => {
    const admin = createClient(stack.url, stack.serviceRoleKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
    const created = await admin.auth.admin.createUser({
      email: OUTSIDER.email,
      password: OUTSIDER.password,
      email_confirm: true,
      user_metadata: { full_name: OUTSIDER.name },
    });
    expect(created.error).toBeNull();
    const bob = client();
    expect(
      (await bob.auth.signInWithPassword({ email: OUTSIDER.email, password: OUTSIDER.password })).error,
    ).toBeNull();
    const org = await bob.rpc('create_organization', { p_name: 'Bolt Bikes', p_slug: 'bolt-bikes' });
    expect(org.error).toBeNull();

    const outsider = await newPage();
    const leaked: string[] = [];
    outsider.on('request', (request) => {
      if (request.url().includes(orgAId) && request.url().includes('/rest/v1/')) leaked.push(request.url());
    });
    await outsider.goto(url('/sign-in'));
    await outsider.getByLabel('E-mail').fill(OUTSIDER.email);
    await outsider.getByLabel('Password').fill(OUTSIDER.password);
    await outsider.getByRole('button', { name: 'Sign in' }).click();
    await h1(outsider, 'Bolt Bikes').waitFor();

    for (const path of [
      `/settings/members?org=${orgAId}`,
      `/settings/audit-log?org=acme-anvils`,
      `/settings/organization?org=${orgAId}`,
      `/?org=acme-anvils`,
    ]) {
      await outsider.goto(url(path));
      await h1(outsider, 'No access to this organisation').waitFor();
      expect(await outsider.getByRole('table').count()).toBe(0);
      expect(await outsider.getByText('Acme Anvils').count()).toBe(0);
    }
    await expectAccessible(outsider, 'no access to an organisation');
    expect(await outsider.getByTestId('current-org-name').count()).toBe(0);

    // Back in their own organisation, whose switcher does not list the other one.
    await outsider.getByRole('button', { name: 'Go to Bolt Bikes' }).click();
    await outsider.getByRole('button', { name: /Switch organisation/ }).click();
    expect(await outsider.getByRole('menuitemradio').allTextContents()).toEqual(['Bolt BikesOwner']);
    await outsider.keyboard.press('Escape');

    // The database refuses the data whatever the UI does.
    for (const table of ['memberships', 'invitations', 'audit_log', 'email_outbox'] as const) {
      const { data, error } = await bob.from(table).select('*').eq('org_id', orgAId);
      expect(error).toBeNull();
      expect(data, table).toEqual([]);
    }
    expect((await bob.from('organizations').select('*').eq('id', orgAId)).data).toEqual([]);
    expect((await bob.from('profiles').select('*').eq('email', OWNER.email)).data).toEqual([]);
    const sneaky = await bob.from('memberships').update({ role: 'viewer' }).eq('org_id', orgAId).select();
    expect(sneaky.data ?? []).toEqual([]);
    expect(leaked).toEqual([]);
  });

  it('resets a forgotten password through the e-mailed link', async () => {
    const page = await newPage();
    await page.goto(url('/forgot-password'));
    await h1(page, 'Reset your password').waitFor();
    await expectAccessible(page, 'forgot password');
    await page.getByLabel('E-mail').fill(OUTSIDER.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText('Check your inbox').waitFor();

    const mail = await waitForMail(stack.mailUrl, OUTSIDER.email, /reset|password/i);
    await page.goto(linkIn(mail, /\/auth\/v1\/verify/));
    await page.waitForURL((u) => u.pathname === '/reset-password');
    await h1(page, 'Choose a new password').waitFor();
    await expectAccessible(page, 'reset password');
    await page.getByLabel('New password', { exact: true }).fill(OUTSIDER.newPassword);
    await page.getByLabel('Repeat the new password').fill(OUTSIDER.newPassword);
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.waitForURL(url('/'));
    await h1(page, 'Bolt Bikes').waitFor();

    expect(
      (await client().auth.signInWithPassword({ email: OUTSIDER.email, password: OUTSIDER.newPassword })).error,
    ).toBeNull();
    expect(
      (await client().auth.signInWithPassword({ email: OUTSIDER.email, password: OUTSIDER.password })).error,
    ).not.toBeNull();
  });

  it('shows the pages outside the app shell without accessibility problems', async () => {
    const page = await newPage();
    const pages: [string, string][] = [
      ['/sign-in', 'Sign in to Ledgerline'],
      ['/reset-password', 'This link does not work'],
      ['/invitations/accept', 'This invitation link is incomplete'],
      [`/invitations/accept?org=${orgAId}&token=abc`, 'You are invited to Ledgerline'],
      ['/no/such/page', 'Page not found'],
    ];
    for (const [path, heading] of pages) {
      await page.goto(url(path));
      await h1(page, heading).waitFor();
      await expectAccessible(page, path);
    }
  });

  it('refuses used and unknown invitation links with clear messages', async () => {
    // The invitee's own link again, once used.
    await invitee.goto(url(acceptPath));
    await h1(invitee, 'Join the organisation').waitFor();
    await invitee.getByRole('button', { name: 'Accept invitation' }).click();
    await invitee.getByText('This invitation has already been used').first().waitFor();
    await expectAccessible(invitee, 'accept invitation: refused');

    // A token that was never issued for this organisation.
    await invitee.goto(url(`/invitations/accept?org=${orgAId}&token=not-a-real-token`));
    await invitee.getByRole('button', { name: 'Accept invitation' }).click();
    await invitee.getByText('This invitation link is not valid').waitFor();
  });

  it('works on a phone-sized screen: the navigation is a drawer', async () => {
    await owner.setViewportSize({ width: 390, height: 844 });
    await owner.goto(url('/settings/members'));
    await h1(owner, 'Members').waitFor();
    expect(await owner.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    await owner.getByRole('button', { name: 'Open navigation' }).click();
    const drawer = owner.getByRole('dialog', { name: 'Navigation' });
    await drawer.getByRole('navigation', { name: 'Main' }).waitFor();
    await expectAccessible(owner, 'navigation drawer');
    await drawer.getByRole('link', { name: 'Audit log' }).click();
    await h1(owner, 'Audit log').waitFor();
    await drawer.waitFor({ state: 'detached' });
    await expectAccessible(owner, 'audit log on a phone');
    await owner.setViewportSize({ width: 1280, height: 900 });
  });

  it('erases a person’s data on request, and records that it happened', async () => {
    await invitee.goto(url('/profile'));
    await h1(invitee, 'Profile').waitFor();
    await invitee.getByRole('button', { name: 'Erase my data' }).click();
    const dialog = invitee.getByRole('dialog', { name: 'Erase your data?' });
    await dialog.waitFor();
    await expectAccessible(invitee, 'erase confirmation');
    const confirm = dialog.getByRole('button', { name: 'Erase my data' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(`Type ${INVITEE.email} to confirm`).fill(INVITEE.email);
    await confirm.click();

    await invitee.waitForURL(url('/sign-in'));
    await invitee.getByText('Your personal data was erased and your account closed.').waitFor();
    const [profile] = await stack.sql<{ email: string; full_name: string | null }>(
      `select p.email, p.full_name from public.profiles p join public.memberships m on m.user_id = p.id
       where m.org_id = $1 and m.role = 'manager'`,
      [orgAId],
    );
    expect(profile).toEqual({ email: 'erased@erased.invalid', full_name: null });
    expect((await client().auth.signInWithPassword(INVITEE)).error).not.toBeNull();

    await owner.goto(url('/settings/audit-log?action=ERASE'));
    await owner.getByRole('row').filter({ hasText: 'Personal data erased' }).waitFor();
  });

  it('raised no uncaught errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
