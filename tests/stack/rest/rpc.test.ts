// PostgREST functions (/rest/v1/rpc) through supabase-js: named arguments by POST and
// GET, scalar, void, set-returning and table results with filters/order/ranges,
// overloads chosen by argument names, a single unnamed json/text parameter, variadic
// arguments, read-only GET transactions, and errors raised in SQL.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../helpers/stack.ts';
import { client, rest, startRestStack } from './helpers.ts';

let stack: TestStack;
let db: SupabaseClient;

beforeAll(async () => {
  stack = await startRestStack();
  db = client(stack);
});
afterAll(async () => {
  await stack?.stop();
});

describe('calling functions', () => {
  it('passes named arguments by POST, GET and HEAD and returns scalars bare', async () => {
    const post = await db.rpc('add', { a: 2, b: 40 });
    expect(post.status).toBe(200);
    expect(post.data).toBe(42);
    const get = await db.rpc('add', { a: 1, b: 2 }, { get: true });
    expect(get.data).toBe(3);
    const head = await db.rpc('add', { a: 1, b: 2 }, { head: true });
    expect(head.status).toBe(200);
    expect(head.data).toBeNull();
    expect((await db.rpc('hello')).data).toBe('hello');
  });

  it('answers void functions with 204 and no body', async () => {
    const r = await db.rpc('noop');
    expect(r.status).toBe(204);
    expect(r.data).toBeNull();
    expect(r.error).toBeNull();
  });

  it('returns sets of rows that accept select, embeds, filters, order, ranges and counts', async () => {
    const r = await db
      .rpc('films_by_genre', { g: 'drama' }, { count: 'exact' })
      .select('title, year, directors(name)')
      .gt('year', 1951)
      .order('year', { ascending: false })
      .range(0, 1);
    expect(r.status).toBe(206);
    expect(r.count).toBe(3);
    expect(r.data).toEqual([
      { title: 'Jeanne Dielman', year: 1975, directors: { name: 'Chantal Akerman' } },
      { title: 'Cléo from 5 to 7', year: 1962, directors: { name: 'Agnès Varda' } },
    ]);
    const single = await db.rpc('films_by_genre', { g: 'documentary' }).select('title').single();
    expect(single.data).toEqual({ title: 'The Gleaners and I' });
  });

  it('returns sets of scalars as arrays and TABLE results as rows', async () => {
    expect((await db.rpc('film_titles', { min_year: 1970 })).data).toEqual(['The Gleaners and I', 'Jeanne Dielman']);
    expect((await db.rpc('film_titles')).data).toEqual([
      'Cléo from 5 to 7',
      'Rashomon',
      'Ikiru',
      'The Gleaners and I',
      'Jeanne Dielman',
    ]);
    const table = await db.rpc('search_films', { q: 'rashomon' }, { get: true });
    expect(table.data).toEqual([{ id: 2, title: 'Rashomon' }]);
    const filtered = await db.rpc('search_films', { q: 'ikiru' }).eq('id', 2);
    expect(filtered.data).toEqual([]);
  });

  it('chooses overloads by argument names; same names are ambiguous (300)', async () => {
    expect((await db.rpc('describe', { id: 3 })).data).toBe('film 3');
    expect((await db.rpc('describe', { name: 'x' })).data).toBe('name x');
    expect((await db.rpc('describe', { name: 'x', loud: true }, { get: true })).data).toBe('NAME X');
    const amb = await db.rpc('twin', { x: 1 });
    expect(amb.status).toBe(300);
    expect(amb.error).toEqual({
      code: 'PGRST203',
      details: null,
      hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
      message:
        'Could not choose the best candidate function between: public.twin(x => integer), public.twin(x => text)',
    });
  });

  it('passes the whole body to a single unnamed json parameter, and text bodies to a text one', async () => {
    const json = await db.rpc('echo_json', { any: ['shape'], n: 1 });
    expect(json.data).toEqual({ any: ['shape'], n: 1 });
    const text = await rest(stack, 'POST', '/rpc/echo_text', {
      headers: { 'Content-Type': 'text/plain' },
      body: 'plain body',
    });
    expect(text.status).toBe(200);
    expect(text.json()).toBe('got plain body');
  });

  it('takes variadic arguments as a JSON array or repeated query parameters', async () => {
    expect((await db.rpc('sum_all', { nums: [1, 2, 3] })).data).toBe(6);
    const get = await rest(stack, 'GET', '/rpc/sum_all?nums=1&nums=2&nums=39');
    expect(get.json()).toBe(42);
  });

  it('returns a row type as an object and may change data when called by POST', async () => {
    const r = await db.rpc('bump_qty', { item_id: 2, delta: 5 });
    expect(r.data).toEqual({ id: 2, name: 'nut', qty: 25, note: 'metric', updated_at: null });
    expect(await stack.sql('select qty from public.items where id = 2')).toEqual([{ qty: 25 }]);
  });

  it('runs GET calls read-only: a function that writes is refused with 405', async () => {
    const r = await db.rpc('add_item_volatile', { item_name: 'via-get' }, { get: true });
    expect(r.status).toBe(405);
    expect(r.error).toEqual({
      code: '25006',
      details: null,
      hint: null,
      message: 'cannot execute INSERT in a read-only transaction',
    });
    const ok = await db.rpc('add_item_volatile', { item_name: 'via-post' });
    expect(ok.status).toBe(200);
    expect(await stack.sql(`select name from public.items where name like 'via-%'`)).toEqual([{ name: 'via-post' }]);
  });

  it('rolls a POST call back with Prefer: tx=rollback', async () => {
    const r = await db.rpc('add_item_volatile', { item_name: 'rolled-back' }).rollback();
    expect(r.status).toBe(200);
    expect(await stack.sql(`select name from public.items where name = 'rolled-back'`)).toEqual([]);
  });
});

describe('errors', () => {
  it('answers a missing function or wrong arguments with 404 PGRST202 and a hint', async () => {
    const missing = await db.rpc('ad', { a: 1, b: 2 });
    expect(missing.status).toBe(404);
    expect(missing.error).toEqual({
      code: 'PGRST202',
      details:
        'Searched for the function public.ad with parameters a, b or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function public.add',
      message: 'Could not find the function public.ad(a, b) in the schema cache',
    });
    const wrongArgs = await db.rpc('add', { a: 1 }, { get: true });
    expect(wrongArgs.status).toBe(404);
    expect(wrongArgs.error?.message).toBe('Could not find the function public.add(a) in the schema cache');
    expect(wrongArgs.error?.details).toBe(
      'Searched for the function public.add with parameter a, but no matches were found in the schema cache.',
    );
  });

  it('maps RAISE EXCEPTION to 400 P0001 with its detail and hint', async () => {
    const r = await db.rpc('fail', { msg: 'boom' });
    expect(r.status).toBe(400);
    expect(r.error).toEqual({ code: 'P0001', details: 'some detail', hint: 'a hint', message: 'boom' });
  });

  it("lets RAISE SQLSTATE 'PGRST' choose the status, body and headers", async () => {
    const r = await rest(stack, 'POST', '/rpc/fail_custom', {
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(402);
    expect(r.headers.get('x-quota')).toBe('0');
    expect(r.json()).toEqual({ code: 'XY123', details: 'quota', hint: 'upgrade', message: 'Payment required' });
  });

  it('applies response.status and response.headers set by the function', async () => {
    const r = await rest(stack, 'GET', '/rpc/with_response_gucs');
    expect(r.status).toBe(202);
    expect(r.headers.get('x-fixture')).toBe('yes');
    expect(r.json()).toBe('accepted');
  });

  it('refuses max-affected on a function that does not return a set', async () => {
    const r = await rest(stack, 'POST', '/rpc/hello', {
      headers: { 'Content-Type': 'application/json', Prefer: 'handling=strict, max-affected=1' },
      body: '{}',
    });
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ code: 'PGRST128' });
    const set = await rest(stack, 'POST', '/rpc/film_titles', {
      headers: { 'Content-Type': 'application/json', Prefer: 'handling=strict, max-affected=2' },
      body: '{}',
    });
    expect(set.status).toBe(400);
    expect(set.json()).toMatchObject({ code: 'PGRST124', details: 'The query affects 5 rows' });
  });
});
