// The Auth admin API through supabase-js with the service_role key (create, list with
// pagination, get, update, bans, delete, generate_link), and session expiry on a
// stack whose access tokens live only a few seconds.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

const JWT_EXPIRY = 3;
let stack: TestStack;
let admin: SupabaseClient;

beforeAll(async () => {
  stack = await startTestStack({ projectMigrations: false, config: { auth: { jwtExpiry: JWT_EXPIRY } } });
  admin = client(stack.serviceRoleKey);
});
afterAll(async () => {
  await stack?.stop();
});

function client(key = stack.anonKey): SupabaseClient {
  return createClient(stack.url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });
}

let n = 0;
const newEmail = () => `admin${Date.now()}${++n}@example.com`;

async function create(extra: Record<string, unknown> = {}) {
  const email = newEmail();
  const { data, error } = await admin.auth.admin.createUser({
    email,
    password: 'password123',
    email_confirm: true,
    ...extra,
  });
  expect(error).toBeNull();
  return { email, user: data.user! };
}

describe('admin users', () => {
  it('creates a confirmed user who can sign in', async () => {
    const email = newEmail();
    const { data, error } = await admin.auth.admin.createUser({
      email,
      password: 'password123',
      email_confirm: true,
      user_metadata: { full_name: 'Mary Jackson' },
      app_metadata: { tenant: 't1' },
    });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({
      email,
      role: 'authenticated',
      aud: 'authenticated',
      user_metadata: { full_name: 'Mary Jackson', email_verified: true },
      app_metadata: { provider: 'email', providers: ['email'], tenant: 't1' },
    });
    expect(data.user!.identities).toHaveLength(1);
    const signIn = await client().auth.signInWithPassword({ email, password: 'password123' });
    expect(signIn.error).toBeNull();
    expect(
      JSON.parse(Buffer.from(signIn.data.session!.access_token.split('.')[1]!, 'base64url').toString()).app_metadata,
    ).toEqual({
      provider: 'email',
      providers: ['email'],
      tenant: 't1',
    });
  });

  it('creates an unconfirmed user when email_confirm is false', async () => {
    const email = newEmail();
    const { data } = await admin.auth.admin.createUser({ email, password: 'password123' });
    expect(data.user!.email_confirmed_at).toBeUndefined();
    const signIn = await client().auth.signInWithPassword({ email, password: 'password123' });
    expect(signIn.error).toMatchObject({ code: 'email_not_confirmed' });
  });

  it('refuses duplicates, missing addresses and non-admin callers', async () => {
    const { email } = await create();
    const dup = await admin.auth.admin.createUser({ email, password: 'password123' });
    expect(dup.error).toMatchObject({
      status: 422,
      code: 'email_exists',
      message: 'A user with this email address has already been registered',
    });
    const none = await admin.auth.admin.createUser({ password: 'password123' });
    expect(none.error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Cannot create a user without either an email or phone',
    });
    const anon = await client().auth.admin.listUsers();
    expect(anon.error).toMatchObject({ status: 403, code: 'not_admin', message: 'User not allowed' });
    const user = client();
    await user.auth.signInWithPassword({ email, password: 'password123' });
    const token = (await user.auth.getSession()).data.session!.access_token;
    const asUser = await fetch(`${stack.url}/auth/v1/admin/users`, {
      headers: { apikey: stack.anonKey, Authorization: `Bearer ${token}`, 'X-Supabase-Api-Version': '2024-01-01' },
    });
    expect(asUser.status).toBe(403);
    expect(await asUser.json()).toEqual({ code: 'not_admin', message: 'User not allowed' });
  });

  it('lists users newest first with pagination headers', async () => {
    for (let i = 0; i < 5; i++) await create();
    const [{ total }] = (await stack.sql<{ total: string }>(`select count(*)::text as total from auth.users`)) as [
      { total: string },
    ];
    const totalUsers = Number(total);
    const page1 = await admin.auth.admin.listUsers({ page: 1, perPage: 2 });
    expect(page1.error).toBeNull();
    expect(page1.data.users).toHaveLength(2);
    expect(page1.data).toMatchObject({
      aud: 'authenticated',
      total: totalUsers,
      nextPage: 2,
      lastPage: Math.ceil(totalUsers / 2),
    });
    const newest = await stack.sql<{ id: string }>(
      'select id from auth.users order by created_at desc, id desc limit 3',
    );
    expect(page1.data.users.map((u) => u.id)).toEqual(newest.slice(0, 2).map((r) => r.id));
    const page2 = await admin.auth.admin.listUsers({ page: 2, perPage: 2 });
    expect(page2.data.users[0]!.id).toBe(newest[2]!.id);

    const raw = await fetch(`${stack.url}/auth/v1/admin/users?page=1&per_page=2`, {
      headers: { apikey: stack.serviceRoleKey, Authorization: `Bearer ${stack.serviceRoleKey}` },
    });
    expect(raw.headers.get('x-total-count')).toBe(String(totalUsers));
    expect(raw.headers.get('link')).toBe(
      `</admin/users?page=2&per_page=2>; rel="next", </admin/users?page=${Math.ceil(totalUsers / 2)}&per_page=2>; rel="last"`,
    );
    const bad = await fetch(`${stack.url}/auth/v1/admin/users?page=x`, {
      headers: {
        apikey: stack.serviceRoleKey,
        Authorization: `Bearer ${stack.serviceRoleKey}`,
        'X-Supabase-Api-Version': '2024-01-01',
      },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      code: 'validation_failed',
      message: 'Bad Pagination Parameters: strconv.ParseUint: parsing "x": invalid syntax',
    });
  });

  it('gets and updates a user', async () => {
    const { user } = await create();
    const got = await admin.auth.admin.getUserById(user.id);
    expect(got.data.user!.id).toBe(user.id);
    const target = newEmail();
    const upd = await admin.auth.admin.updateUserById(user.id, {
      email: target,
      email_confirm: true,
      user_metadata: { plan: 'pro' },
      app_metadata: { roles: ['owner'] },
      password: 'changed-by-admin',
    });
    expect(upd.error).toBeNull();
    expect(upd.data.user).toMatchObject({
      email: target,
      user_metadata: { plan: 'pro' },
      app_metadata: { roles: ['owner'] },
    });
    expect((await client().auth.signInWithPassword({ email: target, password: 'changed-by-admin' })).error).toBeNull();
    const missing = await admin.auth.admin.getUserById('7b0c5b5e-0000-4000-8000-000000000000');
    expect(missing.error).toMatchObject({ status: 404, code: 'user_not_found', message: 'User not found' });
    // auth-js validates the id itself; the server's answer, with a raw request:
    const notUuid = await fetch(`${stack.url}/auth/v1/admin/users/nope`, {
      headers: {
        apikey: stack.serviceRoleKey,
        Authorization: `Bearer ${stack.serviceRoleKey}`,
        'X-Supabase-Api-Version': '2024-01-01',
      },
    });
    expect(notUuid.status).toBe(404);
    expect(await notUuid.json()).toEqual({ code: 'validation_failed', message: 'user_id must be an UUID' });
  });

  it('deletes a user (hard and soft)', async () => {
    const { user } = await create();
    expect((await admin.auth.admin.deleteUser(user.id)).error).toBeNull();
    expect(await stack.sql('select 1 from auth.users where id = $1', [user.id])).toEqual([]);
    expect((await admin.auth.admin.getUserById(user.id)).error).toMatchObject({ code: 'user_not_found' });

    const soft = await create();
    const signedIn = client();
    await signedIn.auth.signInWithPassword({ email: soft.email, password: 'password123' });
    expect((await admin.auth.admin.deleteUser(soft.user.id, true)).error).toBeNull();
    const [row] = await stack.sql<{ deleted: boolean; email: string; password: string | null; sessions: string }>(
      `select deleted_at is not null as deleted, email, encrypted_password as password,
         (select count(*)::text from auth.sessions s where s.user_id = u.id) as sessions
       from auth.users u where id = $1`,
      [soft.user.id],
    );
    expect(row).toMatchObject({ deleted: true, password: null, sessions: '0' });
    expect(row!.email).not.toBe(soft.email);
    expect(
      (await client().auth.signInWithPassword({ email: soft.email, password: 'password123' })).error,
    ).toMatchObject({
      code: 'invalid_credentials',
    });
  });
});

describe('bans', () => {
  it('refuses a banned user everywhere until the ban is lifted', async () => {
    const { email, user } = await create();
    const c = client();
    const session = (await c.auth.signInWithPassword({ email, password: 'password123' })).data.session!;
    const ban = await admin.auth.admin.updateUserById(user.id, { ban_duration: '24h' });
    expect(ban.error).toBeNull();
    const until = Date.parse(ban.data.user!.banned_until!);
    expect(until - Date.now()).toBeGreaterThan(23.9 * 3600_000);

    const signIn = await client().auth.signInWithPassword({ email, password: 'password123' });
    expect(signIn.error).toMatchObject({ status: 400, code: 'user_banned', message: 'User is banned' });
    const me = await fetch(`${stack.url}/auth/v1/user`, {
      headers: {
        apikey: stack.anonKey,
        Authorization: `Bearer ${session.access_token}`,
        'X-Supabase-Api-Version': '2024-01-01',
      },
    });
    expect(me.status).toBe(403);
    expect(await me.json()).toEqual({ code: 'user_banned', message: 'User is banned' });
    const refresh = await c.auth.refreshSession();
    expect(refresh.error).toMatchObject({
      status: 400,
      code: 'user_banned',
      message: 'Invalid Refresh Token: User Banned',
    });

    const badDuration = await admin.auth.admin.updateUserById(user.id, { ban_duration: 'forever' });
    expect(badDuration.error).toMatchObject({ status: 400, code: 'validation_failed' });
    const lift = await admin.auth.admin.updateUserById(user.id, { ban_duration: 'none' });
    expect(lift.data.user!.banned_until).toBeUndefined();
    expect((await client().auth.signInWithPassword({ email, password: 'password123' })).error).toBeNull();
  });
});

describe('generate_link', () => {
  it('generates a recovery link and code without sending mail', async () => {
    const { email, user } = await create();
    const { data, error } = await admin.auth.admin.generateLink({
      type: 'recovery',
      email,
      options: { redirectTo: 'http://127.0.0.1:5173/r' },
    });
    expect(error).toBeNull();
    expect(data.user!.id).toBe(user.id);
    expect(data.properties).toMatchObject({ verification_type: 'recovery', redirect_to: 'http://127.0.0.1:5173/r' });
    expect(data.properties!.email_otp).toMatch(/^\d{6}$/);
    expect(data.properties!.action_link).toBe(
      `${stack.url}/auth/v1/verify?token=${data.properties!.hashed_token}&type=recovery&redirect_to=http://127.0.0.1:5173/r`,
    );
    const res = await fetch(data.properties!.action_link, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const fragment = new URLSearchParams(new URL(res.headers.get('location')!).hash.slice(1));
    expect(fragment.get('type')).toBe('recovery');
    const mails = await (
      await fetch(`${stack.mailUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`)
    ).json();
    expect(mails.messages).toEqual([]);
  });

  it('signs up an unknown address with a signup link', async () => {
    const email = newEmail();
    const { data, error } = await admin.auth.admin.generateLink({ type: 'signup', email, password: 'password123' });
    expect(error).toBeNull();
    expect(data.properties!.verification_type).toBe('signup');
    expect(data.user!.email_confirmed_at).toBeUndefined();
    const { error: verifyError } = await client().auth.verifyOtp({
      email,
      token: data.properties!.email_otp,
      type: 'signup',
    });
    expect(verifyError).toBeNull();
    const missing = await admin.auth.admin.generateLink({ type: 'recovery', email: newEmail() });
    expect(missing.error).toMatchObject({ status: 404, code: 'user_not_found' });
  });
});

describe('session expiry', () => {
  it('expires access tokens after jwt_expiry; the refresh token still renews the session', async () => {
    const { email } = await create();
    const c = client();
    const { data } = await c.auth.signInWithPassword({ email, password: 'password123' });
    expect(data.session!.expires_in).toBe(JWT_EXPIRY);
    await new Promise((r) => setTimeout(r, (JWT_EXPIRY + 1) * 1000));
    const expired = await client().auth.getUser(data.session!.access_token);
    expect(expired.error).toMatchObject({ status: 403, code: 'bad_jwt' });
    expect(expired.error!.message).toBe(
      'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired',
    );
    // getUser() without a token goes through getSession(), which refreshes an expired session.
    const renewed = await c.auth.getUser();
    expect(renewed.error).toBeNull();
    expect(renewed.data.user!.email).toBe(email);
    expect((await c.auth.getSession()).data.session!.access_token).not.toBe(data.session!.access_token);
  });
});
