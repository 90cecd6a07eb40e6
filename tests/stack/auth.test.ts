// Auth (GoTrue) through the unmodified supabase-js client against a local stack with
// the CLI's default auth settings (auto-confirm): sessions, refresh rotation, user
// updates, sign-out scopes, JWT failures, error shapes, a restart, and a project
// trigger on auth.users.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwtSync } from '../../stack/jwt.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;

// A typical project trigger: a profile row per new user, from the signup metadata.
const FIXTURE = `
create table public.profiles (id uuid primary key references auth.users (id) on delete cascade, full_name text, role_seen text);
create function public.handle_new_user() returns trigger language plpgsql security definer set search_path = '' as $$
begin
  insert into public.profiles (id, full_name, role_seen) values (new.id, new.raw_user_meta_data ->> 'full_name', new.role);
  return new;
end $$;
create trigger on_auth_user_created after insert on auth.users for each row execute procedure public.handle_new_user();
create function public.reject_blocked() returns trigger language plpgsql as $$
begin
  if new.email like '%@blocked.example.com' then raise exception 'blocked domain'; end if;
  return new;
end $$;
create trigger reject_blocked before insert on auth.users for each row execute procedure public.reject_blocked();
-- Not security definer: runs as Auth's login, which (as on Supabase) may not write public tables.
create table public.signup_log (email text);
create function public.log_signup() returns trigger language plpgsql as $$
begin
  if new.email like '%@invoker.example.com' then insert into public.signup_log values (new.email); end if;
  return new;
end $$;
create trigger log_signup after insert on auth.users for each row execute procedure public.log_signup();
`;

beforeAll(async () => {
  stack = await startTestStack({ projectMigrations: false, sql: FIXTURE });
});
afterAll(async () => {
  await stack?.stop();
});

function client(): SupabaseClient {
  return createClient(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });
}

let n = 0;
const newEmail = () => `user${Date.now()}${++n}@example.com`;

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
}

/** A raw call to /auth/v1 with the anon key, as auth-js would send it. */
async function authFetch(path: string, init: RequestInit & { version?: boolean; bearer?: string } = {}) {
  const headers: Record<string, string> = {
    apikey: stack.anonKey,
    Authorization: `Bearer ${init.bearer ?? stack.anonKey}`,
    'Content-Type': 'application/json;charset=UTF-8',
  };
  if (init.version !== false) headers['X-Supabase-Api-Version'] = '2024-01-01';
  const res = await fetch(`${stack.url}/auth/v1${path}`, {
    ...init,
    headers: { ...headers, ...(init.headers as object) },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

async function signedIn(email = newEmail(), password = 'password123') {
  const c = client();
  const { data, error } = await c.auth.signUp({ email, password });
  expect(error).toBeNull();
  return { c, email, password, session: data.session! };
}

describe('sign up and sign in', () => {
  it('signs up with auto-confirm, returns a session, and runs the auth.users trigger', async () => {
    const c = client();
    const email = newEmail();
    const { data, error } = await c.auth.signUp({
      email,
      password: 'password123',
      options: { data: { full_name: 'Ada Lovelace' } },
    });
    expect(error).toBeNull();
    expect(data.session).not.toBeNull();
    expect(data.user).toMatchObject({
      aud: 'authenticated',
      role: 'authenticated',
      email,
      phone: '',
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {
        full_name: 'Ada Lovelace',
        email,
        email_verified: true,
        phone_verified: false,
        sub: data.user!.id,
      },
      is_anonymous: false,
    });
    expect(data.user!.email_confirmed_at).toBeTruthy();
    expect(data.user!.identities).toHaveLength(1);
    expect(data.user!.identities![0]).toMatchObject({
      provider: 'email',
      id: data.user!.id,
      user_id: data.user!.id,
      email,
    });
    // The trigger ran on insert, before GoTrue set the role (as on Supabase).
    const rows = await stack.sql('select full_name, role_seen from public.profiles where id = $1', [data.user!.id]);
    expect(rows).toEqual([{ full_name: 'Ada Lovelace', role_seen: '' }]);
    const [stored] = await stack.sql<{ prefix: string; confirmed: boolean; instance_id: string }>(
      `select substr(encrypted_password, 1, 7) as prefix, confirmed_at is not null as confirmed, instance_id::text
       from auth.users where id = $1`,
      [data.user!.id],
    );
    expect(stored).toEqual({ prefix: '$2a$10$', confirmed: true, instance_id: '00000000-0000-0000-0000-000000000000' });
  });

  it('issues access tokens with GoTrue claims', async () => {
    const { session } = await signedIn();
    const claims = claimsOf(session.access_token);
    expect(Object.keys(claims)).toEqual([
      'iss',
      'sub',
      'aud',
      'exp',
      'iat',
      'email',
      'phone',
      'app_metadata',
      'user_metadata',
      'role',
      'aal',
      'amr',
      'session_id',
      'is_anonymous',
    ]);
    expect(claims).toMatchObject({
      iss: `${stack.url}/auth/v1`,
      sub: session.user.id,
      aud: 'authenticated',
      role: 'authenticated',
      aal: 'aal1',
      is_anonymous: false,
      email: session.user.email,
      phone: '',
    });
    expect(claims.exp).toBe((claims.iat as number) + 3600);
    expect(session.expires_in).toBeGreaterThanOrEqual(3599);
    expect(session.token_type).toBe('bearer');
    expect(claims.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) }]);
    const sessions = await stack.sql('select id::text from auth.sessions where user_id = $1', [session.user.id]);
    expect(sessions).toEqual([{ id: claims.session_id }]);
    expect(session.refresh_token).toMatch(/^[a-z2-7]{12}$/);
  });

  it('refuses a second sign-up with user_already_exists', async () => {
    const { email } = await signedIn();
    const { data, error } = await client().auth.signUp({ email, password: 'another-password' });
    expect(data.user).toBeNull();
    expect(error).toMatchObject({ status: 422, code: 'user_already_exists', message: 'User already registered' });
  });

  it('refuses weak passwords with weak_password and its reasons', async () => {
    const { error } = await client().auth.signUp({ email: newEmail(), password: '123' });
    expect(error).toMatchObject({
      name: 'AuthWeakPasswordError',
      status: 422,
      code: 'weak_password',
      reasons: ['length'],
    });
    expect(error!.message).toBe('Password should be at least 6 characters.');
  });

  it('signs in with the password and refuses a wrong one with invalid_credentials', async () => {
    const { email } = await signedIn();
    const c = client();
    const ok = await c.auth.signInWithPassword({ email: email.toUpperCase(), password: 'password123' });
    expect(ok.error).toBeNull();
    expect(ok.data.user!.email).toBe(email);
    expect(claimsOf(ok.data.session!.access_token).amr).toEqual([
      { method: 'password', timestamp: expect.any(Number) },
    ]);
    const wrong = await c.auth.signInWithPassword({ email, password: 'wrong-password' });
    expect(wrong.error).toMatchObject({
      status: 400,
      code: 'invalid_credentials',
      message: 'Invalid login credentials',
    });
    const unknown = await c.auth.signInWithPassword({ email: newEmail(), password: 'password123' });
    expect(unknown.error).toMatchObject({ status: 400, code: 'invalid_credentials' });
  });

  it('reports a failing auth.users trigger as "Database error saving new user" and keeps nothing', async () => {
    for (const email of ['someone@blocked.example.com', 'someone@invoker.example.com']) {
      const res = await authFetch('/signup', {
        method: 'POST',
        body: JSON.stringify({ email, password: 'password123' }),
      });
      expect(res).toMatchObject({
        status: 500,
        body: { code: 'unexpected_failure', message: 'Database error saving new user' },
      });
      expect(await stack.sql('select id from auth.users where email = $1', [email])).toEqual([]);
    }
  });

  it('refuses anonymous sign-ins while they are disabled', async () => {
    const { error } = await client().auth.signInAnonymously();
    expect(error).toMatchObject({
      status: 422,
      code: 'anonymous_provider_disabled',
      message: 'Anonymous sign-ins are disabled',
    });
  });
});

describe('error shapes', () => {
  it('answers the 2024-01-01 shape with the version and error-code headers', async () => {
    const res = await authFetch('/token?grant_type=password', {
      method: 'POST',
      body: JSON.stringify({ email: 'nobody@example.com', password: 'x' }),
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });
    expect(res.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(res.headers.get('x-sb-error-code')).toBe('invalid_credentials');
  });

  it('answers the legacy shape without the version header', async () => {
    const res = await authFetch('/token?grant_type=password', {
      method: 'POST',
      version: false,
      body: JSON.stringify({ email: 'nobody@example.com', password: 'x' }),
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
    expect(res.headers.get('x-supabase-api-version')).toBeNull();
    expect(res.headers.get('x-sb-error-code')).toBe('invalid_credentials');
  });

  it('reports bad JSON, unknown grant types and missing bearer tokens like GoTrue', async () => {
    const badJson = await authFetch('/signup', { method: 'POST', body: '{"email":' });
    expect(badJson.status).toBe(400);
    expect(badJson.body.code).toBe('bad_json');
    const wrongType = await authFetch('/signup', {
      method: 'POST',
      body: JSON.stringify({ email: 42, password: 'x' }),
    });
    expect(wrongType.body).toEqual({
      code: 'bad_json',
      message:
        'Could not parse request body as JSON: json: cannot unmarshal number into Go struct field SignupParams.email of type string',
    });
    const grant = await authFetch('/token?grant_type=magic', { method: 'POST', body: '{}' });
    expect(grant).toMatchObject({
      status: 400,
      body: { code: 'invalid_credentials', message: 'unsupported_grant_type' },
    });
    const res = await fetch(`${stack.url}/auth/v1/user`, { headers: { 'X-Supabase-Api-Version': '2024-01-01' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      code: 'no_authorization',
      message: 'This endpoint requires a valid Bearer token',
    });
    const anon = await authFetch('/user');
    expect(anon).toMatchObject({ status: 403, body: { code: 'bad_jwt', message: 'invalid claim: missing sub claim' } });
    const missingRefresh = await authFetch('/token?grant_type=refresh_token', { method: 'POST', body: '{}' });
    expect(missingRefresh).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'refresh_token required' },
    });
  });

  it('serves settings, health and an empty JWKS', async () => {
    const settings = await authFetch('/settings');
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({
      disable_signup: false,
      mailer_autoconfirm: true,
      saml_enabled: false,
      external: { email: true, phone: false, anonymous_users: false, github: false },
    });
    const health = await authFetch('/health');
    expect(health.body).toMatchObject({ name: 'GoTrue' });
    const jwks = await fetch(`${stack.url}/auth/v1/.well-known/jwks.json`);
    expect(await jwks.json()).toEqual({ keys: [] });
    expect(jwks.headers.get('cache-control')).toBe('public, max-age=600');
    const missing = await fetch(`${stack.url}/auth/v1/no-such-route`);
    expect(missing.status).toBe(404);
  });
});

describe('refresh tokens', () => {
  it('rotates the refresh token and keeps the session', async () => {
    const { c, session } = await signedIn();
    const { data, error } = await c.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.session!.refresh_token).not.toBe(session.refresh_token);
    expect(claimsOf(data.session!.access_token).session_id).toBe(claimsOf(session.access_token).session_id);
    const [row] = await stack.sql<{ revoked: boolean; child_parent: string }>(
      `select t.revoked, c.parent as child_parent from auth.refresh_tokens t
       join auth.refresh_tokens c on c.parent = t.token where t.token = $1`,
      [session.refresh_token],
    );
    expect(row).toEqual({ revoked: true, child_parent: session.refresh_token });
  });

  it('hands back the current token when the previous one is replayed (lost response)', async () => {
    const { c, session } = await signedIn();
    const first = await c.auth.refreshSession();
    const replay = await client().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(replay.error).toBeNull();
    expect(replay.data.session!.refresh_token).toBe(first.data.session!.refresh_token);
  });

  it('detects reuse of a revoked token after the reuse interval and revokes the whole family', async () => {
    const { c, session } = await signedIn();
    const second = (await c.auth.refreshSession()).data.session!;
    const third = (await c.auth.refreshSession({ refresh_token: second.refresh_token })).data.session!;
    // The first token was revoked when it was used; pretend that was 11 s ago (interval is 10 s).
    await stack.sql(`update auth.refresh_tokens set updated_at = now() - interval '11 seconds' where token = $1`, [
      session.refresh_token,
    ]);
    const reuse = await client().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(reuse.error).toMatchObject({
      status: 400,
      code: 'refresh_token_already_used',
      message: 'Invalid Refresh Token: Already Used',
    });
    const [left] = await stack.sql<{ active: string }>(
      `select count(*) filter (where not revoked)::text as active from auth.refresh_tokens where session_id = $1`,
      [claimsOf(session.access_token).session_id],
    );
    expect(left).toEqual({ active: '0' });
    await stack.sql(`update auth.refresh_tokens set updated_at = now() - interval '11 seconds' where token = $1`, [
      third.refresh_token,
    ]);
    const after = await client().auth.refreshSession({ refresh_token: third.refresh_token });
    expect(after.error).toMatchObject({ code: 'refresh_token_already_used' });
  });

  it('allows reuse of a revoked token within the reuse interval', async () => {
    const { c, session } = await signedIn();
    const second = (await c.auth.refreshSession()).data.session!;
    await c.auth.refreshSession({ refresh_token: second.refresh_token });
    // session.refresh_token is revoked and no longer the parent of the active token.
    const again = await client().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(again.error).toBeNull();
  });

  it('refuses unknown refresh tokens', async () => {
    const { error } = await client().auth.refreshSession({ refresh_token: 'abcdefghijkl' });
    expect(error).toMatchObject({
      status: 400,
      code: 'refresh_token_not_found',
      message: 'Invalid Refresh Token: Refresh Token Not Found',
    });
  });
});

describe('the signed-in user', () => {
  it('gets and updates the user (metadata, password)', async () => {
    const { c, email, session } = await signedIn();
    const got = await c.auth.getUser();
    expect(got.error).toBeNull();
    expect(got.data.user).toMatchObject({ id: session.user.id, email });
    const updated = await c.auth.updateUser({ data: { full_name: 'Grace Hopper', theme: 'dark' } });
    expect(updated.error).toBeNull();
    expect(updated.data.user!.user_metadata).toMatchObject({
      full_name: 'Grace Hopper',
      theme: 'dark',
      email_verified: true,
    });
    const removed = await c.auth.updateUser({ data: { theme: null } });
    expect(removed.data.user!.user_metadata).not.toHaveProperty('theme');
    const same = await c.auth.updateUser({ password: 'password123' });
    expect(same.error).toMatchObject({ status: 422, code: 'same_password' });
    const changed = await c.auth.updateUser({ password: 'new-password-456' });
    expect(changed.error).toBeNull();
    const old = await client().auth.signInWithPassword({ email, password: 'password123' });
    expect(old.error).toMatchObject({ code: 'invalid_credentials' });
    const fresh = await client().auth.signInWithPassword({ email, password: 'new-password-456' });
    expect(fresh.error).toBeNull();
  });

  it('ends the other sessions when the password changes', async () => {
    const { c, email } = await signedIn();
    const other = client();
    await other.auth.signInWithPassword({ email, password: 'password123' });
    await c.auth.updateUser({ password: 'changed-password' });
    expect((await c.auth.getUser()).error).toBeNull();
    const { error } = await other.auth.refreshSession();
    expect(error).toMatchObject({ code: 'refresh_token_not_found' });
  });

  it('signs out locally: only that session ends', async () => {
    const { c, email } = await signedIn();
    const other = client();
    await other.auth.signInWithPassword({ email, password: 'password123' });
    const localToken = (await c.auth.getSession()).data.session!.access_token;
    expect((await c.auth.signOut({ scope: 'local' })).error).toBeNull();
    const gone = await authFetch('/user', { bearer: localToken });
    expect(gone).toMatchObject({
      status: 403,
      body: { code: 'session_not_found', message: 'Session from session_id claim in JWT does not exist' },
    });
    expect((await other.auth.getUser()).error).toBeNull();
    expect((await other.auth.refreshSession()).error).toBeNull();
  });

  it('signs out globally: every session ends', async () => {
    const { c, email } = await signedIn();
    const other = client();
    const otherSession = (await other.auth.signInWithPassword({ email, password: 'password123' })).data.session!;
    const res = await authFetch('/logout?scope=global', {
      method: 'POST',
      bearer: (await c.auth.getSession()).data.session!.access_token,
    });
    expect(res.status).toBe(204);
    const { data, error } = await other.auth.getUser(otherSession.access_token);
    expect(data.user).toBeNull();
    expect(error!.name).toBe('AuthSessionMissingError');
    expect((await other.auth.refreshSession({ refresh_token: otherSession.refresh_token })).error).toMatchObject({
      code: 'refresh_token_not_found',
    });
    const [count] = await stack.sql<{ n: string }>('select count(*)::text as n from auth.sessions where user_id = $1', [
      otherSession.user.id,
    ]);
    expect(count).toEqual({ n: '0' });
  });

  it('signs out the other sessions with scope=others', async () => {
    const { c, email } = await signedIn();
    const other = client();
    await other.auth.signInWithPassword({ email, password: 'password123' });
    expect((await c.auth.signOut({ scope: 'others' })).error).toBeNull();
    expect((await c.auth.getUser()).error).toBeNull();
    expect((await other.auth.refreshSession()).error).toMatchObject({ code: 'refresh_token_not_found' });
  });
});

describe('JWT checks', () => {
  it('refuses a tampered token with 403 bad_jwt', async () => {
    const { session } = await signedIn();
    const [h, , sig] = session.access_token.split('.');
    const payload = { ...claimsOf(session.access_token), role: 'service_role' };
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${sig}`;
    const res = await authFetch('/user', { bearer: tampered });
    expect(res).toMatchObject({
      status: 403,
      body: {
        code: 'bad_jwt',
        message: 'invalid JWT: unable to parse or verify signature, token signature is invalid: signature is invalid',
      },
    });
    const { error } = await client().auth.getUser(tampered);
    expect(error).toMatchObject({ status: 403, code: 'bad_jwt' });
  });

  it('refuses an expired token with 403 bad_jwt and GoTrue’s message', async () => {
    const { session } = await signedIn();
    const past = Math.floor(Date.now() / 1000) - 60;
    const expired = signJwtSync({ ...claimsOf(session.access_token), iat: past - 3600, exp: past }, stack.jwtSecret);
    const res = await authFetch('/user', { bearer: expired });
    expect(res).toMatchObject({
      status: 403,
      body: {
        code: 'bad_jwt',
        message: 'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired',
      },
    });
    const { error } = await client().auth.getUser(expired);
    expect(error).toMatchObject({ status: 403, code: 'bad_jwt' });
  });

  it('refuses a token whose user was deleted with user_not_found', async () => {
    const { session } = await signedIn();
    await stack.sql('delete from auth.users where id = $1', [session.user.id]);
    const res = await authFetch('/user', { bearer: session.access_token });
    expect(res).toMatchObject({
      status: 403,
      body: { code: 'user_not_found', message: 'User from sub claim in JWT does not exist' },
    });
  });
});

describe('GoTrue’s view of hand-inserted users', () => {
  it('fails like Supabase when a token column is NULL', async () => {
    const [u] = await stack.sql<{ id: string }>(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, created_at, updated_at,
         raw_app_meta_data, raw_user_meta_data)
       values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', 'seeded@example.com',
         extensions.crypt('password123', extensions.gen_salt('bf')), now(), now(), now(), '{"provider":"email","providers":["email"]}', '{}')
       returning id`,
    );
    const broken = await client().auth.signInWithPassword({ email: 'seeded@example.com', password: 'password123' });
    // auth-js treats 500 as retryable and drops the code; the body carries it.
    expect(broken.error).toMatchObject({
      name: 'AuthRetryableFetchError',
      status: 500,
      message: 'Database error querying schema',
    });
    const raw = await authFetch('/token?grant_type=password', {
      method: 'POST',
      body: JSON.stringify({ email: 'seeded@example.com', password: 'password123' }),
    });
    expect(raw).toMatchObject({
      status: 500,
      body: { code: 'unexpected_failure', message: 'Database error querying schema' },
    });
    await stack.sql(
      `update auth.users set confirmation_token = '', recovery_token = '', email_change_token_new = '', email_change = '' where id = $1`,
      [u!.id],
    );
    const fixed = await client().auth.signInWithPassword({ email: 'seeded@example.com', password: 'password123' });
    expect(fixed.error).toBeNull();
    expect(fixed.data.user!.id).toBe(u!.id);
  });
});

describe('restart', () => {
  it('refreshes a session issued before the stack restarted', async () => {
    const { c, session } = await signedIn();
    await stack.restart();
    const before = await client().auth.getUser(session.access_token);
    expect(before.error).toBeNull();
    const { data, error } = await c.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.session!.user.id).toBe(session.user.id);
    expect(claimsOf(data.session!.access_token).session_id).toBe(claimsOf(session.access_token).session_id);
  });
});
