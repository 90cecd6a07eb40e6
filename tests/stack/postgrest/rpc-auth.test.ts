// RPC and the caller's identity through supabase-js against stack/postgrest: named
// arguments by POST and GET, overloads, set-returning functions with filters, scalar,
// void, composite and json-body functions; JWT errors; per-request settings; and RLS
// through REST (authenticated users see and change only their rows, anon gets 401).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { signJwtSync } from '../../../stack/jwt.ts';
import type { TestStack } from '../../helpers/stack.ts';
import { ALICE, BOB, client, rest, startPostgrestStack, userToken } from './helpers.ts';

let stack: TestStack;
let anon: SupabaseClient;
let alice: SupabaseClient;
let bob: SupabaseClient;
let service: SupabaseClient;

beforeAll(async () => {
  stack = await startPostgrestStack();
  anon = client(stack);
  alice = client(stack, { token: userToken(stack, ALICE) });
  bob = client(stack, { token: userToken(stack, BOB) });
  service = client(stack, { key: stack.serviceRoleKey });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('rpc', () => {
  it('calls a scalar function by POST and by GET', async () => {
    const post = await anon.rpc('add', { a: 2, b: 3 });
    expect(post).toMatchObject({ data: 5, error: null, status: 200 });
    const get = await anon.rpc('add', { a: 40, b: 2 }, { get: true });
    expect(get.data).toBe(42);
    const raw = await rest(stack, 'GET', '/rpc/add?a=1&b=1');
    expect(raw.text).toBe('2');
  });

  it('answers 204 for void functions', async () => {
    const { data, error, status } = await anon.rpc('noop');
    expect(status).toBe(204);
    expect(data).toBeNull();
    expect(error).toBeNull();
  });

  it('applies select, filters, order and ranges to set-returning functions, with embeds', async () => {
    const { data } = await anon
      .rpc('books_by_author', { author: 2 })
      .select('title, publishers(name)')
      .order('id', { ascending: false });
    expect(data).toEqual([
      { title: 'The Dark Harbor', publishers: null },
      { title: 'Night Trains', publishers: { name: 'Quill & Co' } },
    ]);
    const filtered = await anon.rpc('books_by_author', { author: 1 }, { get: true }).select('id').gt('price', 10);
    expect(filtered.data).toEqual([{ id: 1 }]);
    const counted = await anon.rpc('titles', { min_price: 14 }, { count: 'exact' }).range(0, 1);
    expect(counted.data).toEqual([
      { id: 3, title: 'Night Trains' },
      { id: 4, title: 'On Walking' },
    ]);
    expect(counted.count).toBe(3);
    expect(counted.status).toBe(206);
  });

  it('returns a composite as an object, setof scalars as an array, arrays as arguments', async () => {
    expect((await anon.rpc('get_author', { author: 2 })).data).toEqual({ id: 2, name: 'Bo Sten', born: '1962-07-15', mentor_id: 1 });
    expect((await anon.rpc('numbers', { n: 3 })).data).toEqual([1, 2, 3]);
    expect((await anon.rpc('sum_array', { xs: [1, 2, 3] })).data).toBe(6);
    expect((await anon.rpc('sum_array', { xs: [4, 5] }, { get: true })).data).toBe(9);
    expect((await anon.rpc('titles')).data).toHaveLength(5);
  });

  it('chooses overloads by argument names, and reports ambiguity and absence', async () => {
    expect((await anon.rpc('describe', { id: 7 })).data).toBe('id 7');
    expect((await anon.rpc('describe', { name: 'x' })).data).toBe('name x');
    const amb = await anon.rpc('ambiguous', { x: 1 });
    expect(amb.status).toBe(300);
    expect(amb.error?.code).toBe('PGRST203');
    expect(amb.error?.hint).toBe('Try renaming the parameters or the function itself in the database so function overloading can be resolved');
    const missing = await anon.rpc('describe', { nope: 1 });
    expect(missing.status).toBe(404);
    expect(missing.error).toEqual({
      code: 'PGRST202',
      details: 'Searched for the function public.describe with parameter nope or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: null,
      message: 'Could not find the function public.describe(nope) in the schema cache',
    });
    const typo = await anon.rpc('ad', { a: 1, b: 2 }, { get: true });
    expect(typo.error).toEqual({
      code: 'PGRST202',
      details: 'Searched for the function public.ad with parameters a, b, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function public.add',
      message: 'Could not find the function public.ad(a, b) in the schema cache',
    });
  });

  it('passes the whole body to a function with one unnamed json parameter', async () => {
    const body = { a: [1, 2, { b: 'c' }], d: null };
    expect((await anon.rpc('echo', body)).data).toEqual(body);
  });

  it('runs GET calls read-only: a function that writes gets 405 (25006), one that does not works', async () => {
    const res = await alice.rpc('bump', { counter: 'g' }, { get: true });
    expect(res.status).toBe(405);
    expect(res.error).toEqual({ code: '25006', details: null, hint: null, message: 'cannot execute INSERT in a read-only transaction' });
    expect((await anon.rpc('pure_but_volatile', { x: 21 }, { get: true })).data).toBe(42);
    const verb = await rest(stack, 'PATCH', '/rpc/add', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(verb.status).toBe(405);
    expect(verb.json()).toEqual({ code: 'PGRST101', details: null, hint: null, message: 'Cannot use the PATCH method on RPC' });
  });

  it("lets RAISE SQLSTATE 'PGRST' and response.status/headers shape the reply", async () => {
    const paid = await rest(stack, 'POST', '/rpc/pay', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(paid.status).toBe(402);
    expect(paid.headers.get('x-quota')).toBe('0');
    expect(paid.json()).toEqual({ code: 'XP402', details: 'quota', hint: 'upgrade', message: 'Payment required' });
    const tea = await rest(stack, 'GET', '/rpc/teapot');
    expect(tea.status).toBe(418);
    expect(tea.headers.get('x-tea')).toBe('earl grey');
    expect(tea.json()).toBe('short and stout');
  });

  it('passes a text/plain body to a function with one unnamed text parameter', async () => {
    const res = await rest(stack, 'POST', '/rpc/shout', { headers: { 'Content-Type': 'text/plain' }, body: 'hello, world' });
    expect(res.status).toBe(200);
    expect(res.json()).toBe('HELLO, WORLD');
  });

  it('applies max-affected to set-returning functions only (PGRST124 / PGRST128)', async () => {
    const scalar = await rest(stack, 'POST', '/rpc/add', {
      headers: { 'Content-Type': 'application/json', Prefer: 'handling=strict, max-affected=1' },
      body: '{"a": 1, "b": 2}',
    });
    expect(scalar.status).toBe(400);
    expect(scalar.json().code).toBe('PGRST128');
    const set = await rest(stack, 'POST', '/rpc/titles', {
      headers: { 'Content-Type': 'application/json', Prefer: 'handling=strict, max-affected=2' },
      body: '{}',
    });
    expect(set.status).toBe(400);
    expect(set.json()).toEqual({ code: 'PGRST124', details: 'The query affects 5 rows', hint: null, message: 'Query result exceeds max-affected preference constraint' });
  });

  it('runs volatile functions by POST in a read-write transaction', async () => {
    expect((await alice.rpc('bump', { counter: 'k' })).data).toBe(1);
    expect((await alice.rpc('bump', { counter: 'k', step: 5 })).data).toBe(6);
    expect(await stack.sql(`select value from public.counters where name = 'k'`)).toEqual([{ value: 6 }]);
  });

  it('maps raise exception to 400 P0001 and missing privileges to 401 for anon', async () => {
    const failed = await anon.rpc('fail', { msg: 'nope, not today' });
    expect(failed.status).toBe(400);
    expect(failed.error).toEqual({ code: 'P0001', details: null, hint: null, message: 'nope, not today' });
    const denied = await anon.rpc('bump', { counter: 'x' });
    expect(denied.status).toBe(401);
    expect(denied.error?.code).toBe('42501');
  });
});

describe('per-request context', () => {
  it('sets role, claims, method, path, lower-cased headers and read-only GETs', async () => {
    const get = await rest(stack, 'GET', '/rpc/request_info', { headers: { 'X-Probe': 'hello' } });
    expect(get.json()).toMatchObject({ method: 'GET', path: '/rpc/request_info', role: 'anon', claims_role: 'anon', header: 'hello', read_only: 'on' });
    expect(get.json().search_path).toContain('public');
    const post = await alice.rpc('request_info');
    expect(post.data).toMatchObject({ method: 'POST', role: 'authenticated', claims_role: 'authenticated', read_only: 'on' });
    expect((await alice.rpc('whoami')).data).toBe(`${ALICE}:authenticated`);
    expect((await anon.rpc('whoami')).data).toBe('anon:anon');
    expect((await service.rpc('whoami')).data).toBe('anon:service_role');
  });

  it('honours Prefer: timezone and passes cookies as request.cookies, not as a header', async () => {
    const res = await rest(stack, 'GET', '/rpc/request_info', { headers: { Prefer: 'timezone=America/New_York', Cookie: 'a=1; b=two' } });
    expect(res.json()).toMatchObject({ timezone: 'America/New_York', cookies: { a: '1', b: 'two' }, has_cookie_header: false });
    expect(res.headers.get('preference-applied')).toBe('timezone=America/New_York');
  });

  it('answers 401 with WWW-Authenticate for bad or expired tokens and unknown roles', async () => {
    const bad = await rest(stack, 'GET', '/books', { headers: { Authorization: 'Bearer not.a.jwt' } });
    expect(bad.status).toBe(401);
    expect(bad.json().code).toBe('PGRST301');
    expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    const wrongKey = signJwtSync({ role: 'anon' }, 'another-secret-another-secret-another');
    const sig = await rest(stack, 'GET', '/books', { headers: { Authorization: `Bearer ${wrongKey}` } });
    expect(sig.json()).toEqual({ code: 'PGRST301', details: null, hint: null, message: 'JWT cryptographic operation failed' });
    const expired = signJwtSync({ role: 'authenticated', sub: ALICE, exp: Math.floor(Date.now() / 1000) - 120 }, stack.jwtSecret);
    const exp = await rest(stack, 'GET', '/books', { headers: { Authorization: `Bearer ${expired}` } });
    expect(exp.status).toBe(401);
    expect(exp.json()).toEqual({ code: 'PGRST303', details: null, hint: null, message: 'JWT expired' });
    expect(exp.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="JWT expired"');
    const ghost = signJwtSync({ role: 'ghost' }, stack.jwtSecret);
    const role = await rest(stack, 'GET', '/books', { headers: { Authorization: `Bearer ${ghost}` } });
    expect(role.status).toBe(401);
    expect(role.json().message).toBe('role "ghost" does not exist');
  });
});

describe('RLS through REST', () => {
  it('shows each user only their own notes, everything to service_role, and 401 to anon', async () => {
    const a = await alice.from('notes').select('body').order('id');
    expect(a.data).toEqual([{ body: 'alice 1' }, { body: 'alice 2' }]);
    const b = await bob.from('notes').select('body');
    expect(b.data).toEqual([{ body: 'bob 1' }]);
    const s = await service.from('notes').select('body', { count: 'exact', head: true });
    expect(s.count).toBe(3);
    const n = await anon.from('notes').select('body');
    expect(n.status).toBe(401);
    expect(n.error).toEqual({ code: '42501', details: null, hint: null, message: 'permission denied for table notes' });
  });

  it('lets a user insert only rows they own (403 otherwise), with auth.uid() as default', async () => {
    const own = await alice.from('notes').insert({ body: 'alice 3' }).select('owner_id, body');
    expect(own.status).toBe(201);
    expect(own.data).toEqual([{ owner_id: ALICE, body: 'alice 3' }]);
    const forged = await alice.from('notes').insert({ body: 'as bob', owner_id: BOB });
    expect(forged.status).toBe(403);
    expect(forged.error).toEqual({
      code: '42501',
      details: null,
      hint: null,
      message: 'new row violates row-level security policy for table "notes"',
    });
    await stack.sql(`delete from public.notes where body = 'alice 3'`);
  });

  it("does not let a user update or delete another user's rows", async () => {
    const upd = await alice.from('notes').update({ body: 'hacked' }).eq('body', 'bob 1').select();
    expect(upd.data).toEqual([]);
    const del = await alice.from('notes').delete().eq('body', 'bob 1').select();
    expect(del.data).toEqual([]);
    const own = await bob.from('notes').update({ body: 'bob 1!' }).eq('body', 'bob 1').select('body');
    expect(own.data).toEqual([{ body: 'bob 1!' }]);
    expect(await stack.sql(`select body from public.notes order by id`)).toEqual([
      { body: 'alice 1' },
      { body: 'alice 2' },
      { body: 'bob 1!' },
    ]);
    await stack.sql(`update public.notes set body = 'bob 1' where body = 'bob 1!'`);
  });

  it('anon mutations are refused with 401 42501', async () => {
    const ins = await anon.from('notes').insert({ body: 'x', owner_id: ALICE });
    expect(ins.status).toBe(401);
    expect(ins.error?.code).toBe('42501');
  });
});
