// Requests run as the caller: the JWT's role and claims decide what RLS and grants
// allow (anon vs authenticated vs service_role), auth.uid() sees the token's subject,
// request.* settings match PostgREST's, and JWT failures get PostgREST's 401s.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwtSync } from '../../../stack/jwt.ts';
import type { TestStack } from '../../helpers/stack.ts';
import { ALICE, BOB, client, rest, startRestStack, userToken } from './helpers.ts';

let stack: TestStack;
let anon: SupabaseClient;
let alice: SupabaseClient;
let bob: SupabaseClient;
let service: SupabaseClient;

beforeAll(async () => {
  stack = await startRestStack();
  anon = client(stack);
  alice = client(stack, { token: userToken(stack, ALICE) });
  bob = client(stack, { token: userToken(stack, BOB) });
  service = client(stack, { key: stack.serviceRoleKey });
});
afterAll(async () => {
  await stack?.stop();
});

const bodies = (rows: unknown) => (rows as { body: string }[] | null)?.map((r) => r.body);

describe('row level security through REST', () => {
  it('each caller reads only what the policies allow', async () => {
    expect(bodies((await anon.from('notes').select('body').order('id')).data)).toEqual(['alice public']);
    expect(bodies((await alice.from('notes').select('body').order('id')).data)).toEqual([
      'alice private',
      'alice public',
    ]);
    expect(bodies((await bob.from('notes').select('body').order('id')).data)).toEqual(['alice public', 'bob private']);
    expect(bodies((await service.from('notes').select('body').order('id')).data)).toEqual([
      'alice private',
      'alice public',
      'bob private',
    ]);
  });

  it('an authenticated user writes their own rows and cannot touch others', async () => {
    const mine = await alice.from('notes').insert({ body: 'alice new' }).select('body, owner_id').single();
    expect(mine.status).toBe(201);
    expect(mine.data).toEqual({ body: 'alice new', owner_id: ALICE });

    const forged = await alice.from('notes').insert({ body: 'forged', owner_id: BOB });
    expect(forged.status).toBe(403);
    expect(forged.error).toEqual({
      code: '42501',
      details: null,
      hint: null,
      message: 'new row violates row-level security policy for table "notes"',
    });

    // Updates and deletes of rows the policy hides affect nothing.
    const hidden = await alice.from('notes').update({ body: 'hacked' }).eq('body', 'bob private').select();
    expect(hidden.status).toBe(200);
    expect(hidden.data).toEqual([]);
    const gone = await alice.from('notes').delete().eq('body', 'bob private').select();
    expect(gone.data).toEqual([]);
    expect(await stack.sql(`select body from public.notes where owner_id = '${BOB}'`)).toEqual([
      { body: 'bob private' },
    ]);

    const own = await alice.from('notes').update({ body: 'alice edited' }).eq('body', 'alice new').select('body');
    expect(own.data).toEqual([{ body: 'alice edited' }]);
  });

  it('anon gets 401 where PostgREST answers insufficient privilege for the anon role', async () => {
    const insert = await anon.from('notes').insert({ body: 'anonymous' });
    expect(insert.status).toBe(401);
    expect(insert.error).toEqual({
      code: '42501',
      details: null,
      hint: null,
      message: 'new row violates row-level security policy for table "notes"',
    });
    const secret = await anon.from('secrets').select();
    expect(secret.status).toBe(401);
    expect(secret.error).toEqual({
      code: '42501',
      details: null,
      hint: null,
      message: 'permission denied for table secrets',
    });
    const raw = await rest(stack, 'GET', '/secrets');
    expect(raw.headers.get('www-authenticate')).toBe('Bearer');
    expect((await alice.from('secrets').select('value')).data).toEqual([{ value: 'hunter2' }]);
  });

  it('security-invoker functions and views apply the caller policies too', async () => {
    expect(bodies((await bob.rpc('my_notes').select('body')).data)).toEqual(['alice public', 'bob private']);
  });
});

describe('request context', () => {
  it('sets role, claims (role included), method, path, lower-cased headers and the search path', async () => {
    const token = userToken(stack, ALICE, { app_metadata: { plan: 'pro' } });
    const r = await rest(stack, 'GET', '/rpc/whoami', {
      headers: { Authorization: `Bearer ${token}`, 'X-Custom-Header': 'Value', Cookie: 'a=1' },
    });
    expect(r.status).toBe(200);
    const who = r.json() as Record<string, unknown>;
    expect(who.role).toBe('authenticated');
    expect(who.sub).toBe(ALICE);
    expect(who.claims).toMatchObject({ sub: ALICE, role: 'authenticated', app_metadata: { plan: 'pro' } });
    expect(who.method).toBe('GET');
    expect(who.path).toBe('/rpc/whoami');
    expect(who.headers).toMatchObject({ 'x-custom-header': 'Value', authorization: `Bearer ${token}` });
    expect(who.headers).not.toHaveProperty('cookie');
    expect(who.search_path).toBe('"public", "public", "extensions"');
    expect(who.read_only).toBe('on');
    // The impersonated role's own settings apply (Supabase: authenticated 8s, anon 3s).
    expect(who.statement_timeout).toBe('8s');
  });

  it('anonymous requests run as anon with claims {"role":"anon"} merged into the key claims', async () => {
    const { data } = await anon.rpc('whoami');
    expect(data).toMatchObject({
      role: 'anon',
      sub: null,
      claims: { role: 'anon', iss: 'supabase-demo' },
      statement_timeout: '3s',
    });
    const noKey = await fetch(`${stack.url}/rest/v1/rpc/whoami`);
    expect(await noKey.json()).toMatchObject({ role: 'anon', claims: { role: 'anon' } });
  });

  it('honours Prefer: timezone for the transaction', async () => {
    const r = await rest(stack, 'GET', '/rpc/whoami', { headers: { Prefer: 'timezone=America/New_York' } });
    expect((r.json() as { timezone: string }).timezone).toBe('America/New_York');
    expect(r.headers.get('preference-applied')).toBe('timezone=America/New_York');
  });

  it('works with the opaque publishable and secret keys (the gateway maps them)', async () => {
    const pub = client(stack, { key: stack.config.publishableKey });
    expect(bodies((await pub.from('notes').select('body')).data)).toEqual(['alice public']);
    const sec = client(stack, { key: stack.config.secretKey });
    const all = await stack.sql<{ n: number }>('select count(*)::int as n from public.notes');
    expect((await sec.from('notes').select('body')).data).toHaveLength(all[0]!.n);
  });
});

describe('JWT failures', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it('answers a token that is not a JWT with 401 PGRST301 and WWW-Authenticate', async () => {
    const r = await rest(stack, 'GET', '/films', { headers: { Authorization: 'Bearer not-a-jwt' } });
    expect(r.status).toBe(401);
    expect(r.json()).toEqual({
      code: 'PGRST301',
      details: null,
      hint: null,
      message: 'Expected 3 parts in JWT; got 1',
    });
    expect(r.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="Expected 3 parts in JWT; got 1"',
    );
    expect(r.headers.get('proxy-status')).toBe('PostgREST; error=PGRST301');
  });

  it('answers a bad signature with PGRST301 and an expired token with PGRST303', async () => {
    const forged = signJwtSync({ role: 'service_role', exp: now() + 60 }, 'another-secret-that-is-at-least-32-chars');
    const bad = await client(stack, { token: forged }).from('notes').select();
    expect(bad.status).toBe(401);
    expect(bad.error).toEqual({
      code: 'PGRST301',
      details: null,
      hint: null,
      message: 'JWT cryptographic operation failed',
    });
    const expired = userToken(stack, ALICE, { exp: now() - 120 });
    const old = await rest(stack, 'GET', '/notes', { headers: { Authorization: `Bearer ${expired}` } });
    expect(old.status).toBe(401);
    expect(old.json()).toEqual({ code: 'PGRST303', details: null, hint: null, message: 'JWT expired' });
    expect(old.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="JWT expired"');
    // PostgREST allows 30 s of clock skew.
    const justExpired = userToken(stack, ALICE, { exp: now() - 5 });
    expect(
      (await rest(stack, 'GET', '/notes?select=id', { headers: { Authorization: `Bearer ${justExpired}` } })).status,
    ).toBe(200);
  });

  it('answers a role that does not exist with 401 (22023)', async () => {
    const token = signJwtSync({ role: 'nobody', exp: now() + 60 }, stack.jwtSecret);
    const r = await client(stack, { token }).from('films').select('id');
    expect(r.status).toBe(401);
    expect(r.error).toEqual({ code: '22023', details: null, hint: null, message: 'role "nobody" does not exist' });
  });

  it('takes a token without a role claim as anon', async () => {
    const token = signJwtSync({ sub: ALICE, exp: now() + 60 }, stack.jwtSecret);
    const r = await rest(stack, 'GET', '/rpc/whoami', { headers: { Authorization: `Bearer ${token}` } });
    expect(r.json()).toMatchObject({ role: 'anon', sub: ALICE });
  });
});
