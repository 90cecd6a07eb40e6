// E-mail flows with confirmations on: every link is taken from the mail catcher's
// JSON API and followed like a browser would (303 to the redirect URL with tokens in
// the fragment, or ?code= for PKCE), then the session is used through supabase-js.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox as readInbox, type CaughtMessage } from '../helpers/mail.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
const SITE = 'http://127.0.0.1:5173';

beforeAll(async () => {
  stack = await startTestStack({ projectMigrations: false, config: { auth: { enableConfirmations: true } } });
});
afterAll(async () => {
  await stack?.stop();
});

function client(opts: { pkce?: boolean; key?: string } = {}): SupabaseClient {
  return createClient(stack.url, opts.key ?? stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, flowType: opts.pkce ? 'pkce' : 'implicit' },
    realtime: { transport: WebSocket as never },
  });
}

let n = 0;
const newEmail = () => `mail${Date.now()}${++n}@example.com`;

type Message = CaughtMessage;

/** Every message to `address`, newest first, in full. */
const inbox = (address: string): Promise<Message[]> => readInbox(stack.mailUrl, address);

async function latest(address: string): Promise<Message> {
  const all = await inbox(address);
  expect(all.length).toBeGreaterThan(0);
  return all[0]!;
}

const verifyLink = (m: Message) => m.Links.find((l) => l.includes('/auth/v1/verify?'))!;
const codeOf = (m: Message) => /enter the code: (\d{6})/.exec(m.Text)![1]!;

/** Follows a verify link without following its redirect. */
async function follow(link: string): Promise<{ status: number; location: URL; fragment: URLSearchParams }> {
  const res = await fetch(link, { redirect: 'manual' });
  const location = new URL(res.headers.get('location')!);
  return { status: res.status, location, fragment: new URLSearchParams(location.hash.slice(1)) };
}

describe('sign-up confirmation', () => {
  it('returns the user without a session, mails a link, and the link signs in', async () => {
    const email = newEmail();
    const c = client();
    const { data, error } = await c.auth.signUp({
      email,
      password: 'password123',
      options: { emailRedirectTo: `${SITE}/welcome` },
    });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(data.user).toMatchObject({ email, user_metadata: { email_verified: false } });
    expect(data.user!.email_confirmed_at).toBeUndefined();
    expect(data.user!.confirmation_sent_at).toBeTruthy();

    const early = await client().auth.signInWithPassword({ email, password: 'password123' });
    expect(early.error).toMatchObject({ status: 400, code: 'email_not_confirmed', message: 'Email not confirmed' });

    const mail = await latest(email);
    expect(mail.Subject).toBe('Confirm your email address');
    const link = verifyLink(mail);
    expect(link).toMatch(
      new RegExp(`^${stack.url}/auth/v1/verify\\?token=[0-9a-f]{56}&type=signup&redirect_to=${SITE}/welcome$`),
    );
    const [tokens] = await stack.sql<{ confirmation_token: string }>(
      'select confirmation_token from auth.users where email = $1',
      [email],
    );
    expect(link).toContain(`token=${tokens!.confirmation_token}`);

    const { status, location, fragment } = await follow(link);
    expect(status).toBe(303);
    expect(`${location.origin}${location.pathname}`).toBe(`${SITE}/welcome`);
    expect(fragment.get('type')).toBe('signup');
    expect(fragment.get('token_type')).toBe('bearer');
    expect(Number(fragment.get('expires_in'))).toBeGreaterThan(3500);
    const set = await c.auth.setSession({
      access_token: fragment.get('access_token')!,
      refresh_token: fragment.get('refresh_token')!,
    });
    expect(set.error).toBeNull();
    const me = await c.auth.getUser();
    expect(me.data.user).toMatchObject({ email, user_metadata: { email_verified: true } });
    expect(me.data.user!.email_confirmed_at).toBeTruthy();
    expect(me.data.user!.identities![0]!.identity_data).toMatchObject({ email_verified: true });

    // A link works once.
    const again = await follow(link);
    expect(again.status).toBe(303);
    expect(Object.fromEntries(again.fragment)).toEqual({
      error: 'access_denied',
      error_code: 'otp_expired',
      error_description: 'Email link is invalid or has expired',
      sb: '',
    });
    expect((await client().auth.signInWithPassword({ email, password: 'password123' })).error).toBeNull();
  });

  it('runs the PKCE variant: the confirmation link redirects with ?code=', async () => {
    const email = newEmail();
    const c = client({ pkce: true });
    const { data } = await c.auth.signUp({
      email,
      password: 'password123',
      options: { emailRedirectTo: `${SITE}/cb` },
    });
    expect(data.session).toBeNull();
    const link = verifyLink(await latest(email));
    expect(link).toMatch(/token=pkce_[0-9a-f]{56}&type=signup/);
    const { location } = await follow(link);
    expect(location.pathname).toBe('/cb');
    const exchanged = await c.auth.exchangeCodeForSession(location.searchParams.get('code')!);
    expect(exchanged.error).toBeNull();
    expect(exchanged.data.user!.email_confirmed_at).toBeTruthy();
    const unknown = await fetch(`${stack.url}/auth/v1/token?grant_type=pkce`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, 'Content-Type': 'application/json', 'X-Supabase-Api-Version': '2024-01-01' },
      body: JSON.stringify({ auth_code: '00000000-0000-4000-8000-000000000000', code_verifier: 'v'.repeat(43) }),
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      code: 'flow_state_not_found',
      message: 'invalid flow state, no valid flow state found',
    });
  });

  it('confirms with the e-mailed code through verifyOtp', async () => {
    const email = newEmail();
    await client().auth.signUp({ email, password: 'password123' });
    const c = client();
    const wrong = await c.auth.verifyOtp({ email, token: '000000', type: 'signup' });
    expect(wrong.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });
    const { data, error } = await c.auth.verifyOtp({ email, token: codeOf(await latest(email)), type: 'signup' });
    expect(error).toBeNull();
    expect(data.session!.user.email).toBe(email);
  });

  it('answers a repeated sign-up of a confirmed address with an obfuscated user and no mail', async () => {
    const email = newEmail();
    const first = await client().auth.signUp({ email, password: 'password123' });
    await client().auth.verifyOtp({ email, token: codeOf(await latest(email)), type: 'signup' });
    const before = (await inbox(email)).length;
    const again = await client().auth.signUp({ email, password: 'password123' });
    expect(again.error).toBeNull();
    expect(again.data.session).toBeNull();
    expect(again.data.user!.id).not.toBe(first.data.user!.id);
    expect(again.data.user!.identities).toEqual([]);
    expect((await inbox(email)).length).toBe(before);
  });

  it('resends the confirmation, but not twice within max_frequency', async () => {
    const email = newEmail();
    await client().auth.signUp({ email, password: 'password123' });
    const tooSoon = await client().auth.resend({ type: 'signup', email });
    expect(tooSoon.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
    await new Promise((r) => setTimeout(r, 1100));
    const ok = await client().auth.resend({ type: 'signup', email });
    expect(ok.error).toBeNull();
    expect(await inbox(email)).toHaveLength(2);
  });

  it('falls back to the site URL for a redirect that is not allowed', async () => {
    const email = newEmail();
    await client().auth.signUp({
      email,
      password: 'password123',
      options: { emailRedirectTo: 'https://evil.example.com/steal' },
    });
    expect(verifyLink(await latest(email))).toMatch(new RegExp(`&redirect_to=${SITE}$`));
    // additional_redirect_urls entries are globs matched against the whole URL.
    const listed = newEmail();
    await client().auth.signUp({
      email: listed,
      password: 'password123',
      options: { emailRedirectTo: 'http://localhost:5173' },
    });
    expect(verifyLink(await latest(listed))).toMatch(/&redirect_to=http:\/\/localhost:5173$/);
    const unlisted = newEmail();
    await client().auth.signUp({
      email: unlisted,
      password: 'password123',
      options: { emailRedirectTo: 'http://localhost:5173/x' },
    });
    expect(verifyLink(await latest(unlisted))).toMatch(new RegExp(`&redirect_to=${SITE}$`));
    // The site URL's host on a local address may use any port.
    const otherPort = newEmail();
    await client().auth.signUp({
      email: otherPort,
      password: 'password123',
      options: { emailRedirectTo: 'http://127.0.0.1:4000/cb' },
    });
    expect(verifyLink(await latest(otherPort))).toMatch(/&redirect_to=http:\/\/127.0.0.1:4000\/cb$/);
  });
});

async function confirmedUser() {
  const email = newEmail();
  const admin = client({ key: stack.serviceRoleKey });
  const { data, error } = await admin.auth.admin.createUser({ email, password: 'password123', email_confirm: true });
  expect(error).toBeNull();
  return { email, user: data.user! };
}

describe('password recovery', () => {
  it('mails a recovery link that signs in, and the new password works', async () => {
    const { email } = await confirmedUser();
    const c = client();
    const sent = await c.auth.resetPasswordForEmail(email, { redirectTo: `${SITE}/reset` });
    expect(sent).toEqual({ data: {}, error: null });
    const mail = await latest(email);
    expect(mail.Subject).toBe('Reset your password');
    const { fragment, location } = await follow(verifyLink(mail));
    expect(location.pathname).toBe('/reset');
    expect(fragment.get('type')).toBe('recovery');
    await c.auth.setSession({
      access_token: fragment.get('access_token')!,
      refresh_token: fragment.get('refresh_token')!,
    });
    const upd = await c.auth.updateUser({ password: 'recovered-password' });
    expect(upd.error).toBeNull();
    expect((await client().auth.signInWithPassword({ email, password: 'recovered-password' })).error).toBeNull();
    expect((await client().auth.signInWithPassword({ email, password: 'password123' })).error).toMatchObject({
      code: 'invalid_credentials',
    });
  });

  it('answers an unknown address like a known one', async () => {
    const { data, error } = await client().auth.resetPasswordForEmail(newEmail());
    expect(error).toBeNull();
    expect(data).toEqual({});
  });

  it('runs the PKCE variant: the link redirects with ?code= and the code is exchanged', async () => {
    const { email } = await confirmedUser();
    const c = client({ pkce: true });
    await c.auth.resetPasswordForEmail(email, { redirectTo: `${SITE}/reset` });
    const link = verifyLink(await latest(email));
    expect(link).toMatch(/token=pkce_[0-9a-f]{56}&type=recovery/);
    const { status, location } = await follow(link);
    expect(status).toBe(303);
    const code = location.searchParams.get('code')!;
    expect(code).toMatch(/^[0-9a-f-]{36}$/);
    const { data, error } = await c.auth.exchangeCodeForSession(code);
    expect(error).toBeNull();
    expect(data.session!.user.email).toBe(email);
    expect(JSON.parse(Buffer.from(data.session!.access_token.split('.')[1]!, 'base64url').toString()).amr).toEqual([
      { method: 'recovery', timestamp: expect.any(Number) },
    ]);
    // An auth code is good once.
    const again = await client({ pkce: true }).auth.exchangeCodeForSession(code);
    expect(again.error).toBeTruthy();
  });
});

describe('invitations', () => {
  it('invites by e-mail; the link signs the invitee in and a password can be set', async () => {
    const email = newEmail();
    const admin = client({ key: stack.serviceRoleKey });
    const { data, error } = await admin.auth.admin.inviteUserByEmail(email, {
      data: { org: 'acme' },
      redirectTo: `${SITE}/accept`,
    });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email, user_metadata: { org: 'acme' } });
    expect(data.user!.invited_at).toBeTruthy();
    const mail = await latest(email);
    expect(mail.Subject).toBe("You've been invited");
    const { fragment, location } = await follow(verifyLink(mail));
    expect(location.pathname).toBe('/accept');
    expect(fragment.get('type')).toBe('invite');
    const c = client();
    await c.auth.setSession({
      access_token: fragment.get('access_token')!,
      refresh_token: fragment.get('refresh_token')!,
    });
    expect((await c.auth.updateUser({ password: 'invited-password' })).error).toBeNull();
    const signIn = await client().auth.signInWithPassword({ email, password: 'invited-password' });
    expect(signIn.error).toBeNull();
    expect(signIn.data.user!.email_confirmed_at).toBeTruthy();
  });

  it('refuses to invite a confirmed address and needs service_role', async () => {
    const { email } = await confirmedUser();
    const admin = client({ key: stack.serviceRoleKey });
    const dup = await admin.auth.admin.inviteUserByEmail(email);
    expect(dup.error).toMatchObject({ status: 422, code: 'email_exists' });
    const anon = await client().auth.admin.inviteUserByEmail(newEmail());
    expect(anon.error).toMatchObject({ status: 403, code: 'not_admin', message: 'User not allowed' });
  });
});

describe('magic links and OTP', () => {
  it('signs in with the code of a magic-link mail', async () => {
    const { email } = await confirmedUser();
    const sent = await client().auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
    expect(sent.error).toBeNull();
    const mail = await latest(email);
    expect(mail.Subject).toBe('Your sign-in link');
    expect(verifyLink(mail)).toContain('type=magiclink');
    const { data, error } = await client().auth.verifyOtp({ email, token: codeOf(mail), type: 'email' });
    expect(error).toBeNull();
    expect(
      JSON.parse(Buffer.from(data.session!.access_token.split('.')[1]!, 'base64url').toString()).amr[0].method,
    ).toBe('otp');
  });

  it('refuses unknown addresses when shouldCreateUser is false', async () => {
    const { error } = await client().auth.signInWithOtp({ email: newEmail(), options: { shouldCreateUser: false } });
    expect(error).toMatchObject({ status: 422, code: 'otp_disabled', message: 'Signups not allowed for otp' });
  });

  it('signs up an unknown address with a confirmation mail', async () => {
    const email = newEmail();
    expect((await client().auth.signInWithOtp({ email })).error).toBeNull();
    expect((await latest(email)).Subject).toBe('Confirm your email address');
  });
});

describe('e-mail change', () => {
  it('needs both addresses confirmed, then moves the account to the new one', async () => {
    const { email } = await confirmedUser();
    const c = client();
    await c.auth.signInWithPassword({ email, password: 'password123' });
    const target = newEmail();
    const upd = await c.auth.updateUser({ email: target }, { emailRedirectTo: `${SITE}/changed` });
    expect(upd.error).toBeNull();
    expect(upd.data.user).toMatchObject({ email, new_email: target });
    const toNew = await latest(target);
    const toOld = await latest(email);
    expect(toNew.Subject).toBe('Confirm your new email address');
    expect(toOld.Subject).toBe('Confirm your new email address');
    expect(toOld.Text).toContain(target);

    const first = await follow(verifyLink(toOld));
    expect(first.status).toBe(303);
    expect(first.fragment.get('message')).toBe(
      'Confirmation link accepted. Please proceed to confirm link sent to the other email',
    );
    expect((await c.auth.getUser()).data.user!.email).toBe(email);

    const second = await follow(verifyLink(toNew));
    expect(second.fragment.get('type')).toBe('email_change');
    const me = await c.auth.getUser();
    expect(me.data.user!.email).toBe(target);
    expect(me.data.user!.new_email).toBeUndefined();
    expect((await client().auth.signInWithPassword({ email: target, password: 'password123' })).error).toBeNull();
  });

  it('refuses an address another account uses', async () => {
    const { email } = await confirmedUser();
    const other = await confirmedUser();
    const c = client();
    await c.auth.signInWithPassword({ email, password: 'password123' });
    const { error } = await c.auth.updateUser({ email: other.email });
    expect(error).toMatchObject({ status: 422, code: 'email_exists' });
  });
});

describe('reauthentication', () => {
  it('mails a verification code', async () => {
    const { email } = await confirmedUser();
    const c = client();
    await c.auth.signInWithPassword({ email, password: 'password123' });
    expect((await c.auth.reauthenticate()).error).toBeNull();
    const mail = await latest(email);
    expect(mail.Subject).toMatch(/^\d{6} is your verification code$/);
  });
});
