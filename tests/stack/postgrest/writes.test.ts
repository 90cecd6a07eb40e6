// Writes through supabase-js against stack/postgrest: insert (one, many, columns=,
// missing=default), upsert (merge/ignore, on_conflict), update, delete, PUT, CSV and
// form bodies, return=minimal|representation|headers-only, tx=rollback, safeupdate,
// max-affected, single-object rollback and constraint errors. Expected results are
// literals, checked in the database with hand-written SQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { TestStack } from '../../helpers/stack.ts';
import { client, rest, startPostgrestStack } from './helpers.ts';

let stack: TestStack;
let service: SupabaseClient;

beforeAll(async () => {
  stack = await startPostgrestStack();
  service = client(stack, { key: stack.serviceRoleKey });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});
beforeEach(async () => {
  await stack.sql(`delete from public.counters; delete from public.categories where id > 3; delete from public.publishers where id > 3`);
});

const counters = () => stack.sql<{ name: string; value: number }>(`select name, value from public.counters order by name`);

describe('insert', () => {
  it('inserts one row: 201, no body by default', async () => {
    const res = await service.from('counters').insert({ name: 'a', value: 1 });
    expect(res.status).toBe(201);
    expect(res.data).toBeNull();
    expect(res.error).toBeNull();
    expect(await counters()).toEqual([{ name: 'a', value: 1 }]);
  });

  it('returns the representation with select(), including embeds', async () => {
    const { data, status } = await service
      .from('book_categories')
      .insert({ book_id: 4, category_id: 2 })
      .select('book_id, categories(name), books(title)');
    expect(status).toBe(201);
    expect(data).toEqual([{ book_id: 4, categories: { name: 'Travel' }, books: { title: 'On Walking' } }]);
    await stack.sql(`delete from public.book_categories where book_id = 4`);
  });

  it('inserts many rows with the union of keys: missing keys are null, or defaults with missing=default', async () => {
    const nulls = await rest(stack, 'POST', '/publishers?columns=%22id%22,%22name%22,%22country%22', {
      key: stack.serviceRoleKey,
      headers: { 'Content-Type': 'application/json', Prefer: 'return=representation' },
      body: JSON.stringify([{ id: 10, name: 'P10', country: 'SE' }, { id: 11, name: 'P11' }]),
    });
    expect(nulls.status).toBe(201);
    expect(nulls.json()).toEqual([
      { id: 10, name: 'P10', country: 'SE' },
      { id: 11, name: 'P11', country: null },
    ]);
    const { data, error } = await service
      .from('counters')
      .insert([{ name: 'x', value: 5 }, { name: 'y' }], { defaultToNull: false })
      .select();
    expect(error).toBeNull();
    expect(data).toEqual([
      { name: 'x', value: 5 },
      { name: 'y', value: 0 },
    ]);
  });

  it('refuses an unknown column (PGRST204) and non-uniform keys without columns= (PGRST102)', async () => {
    const unknown = await service.from('counters').insert({ name: 'z', nope: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.error).toEqual({
      code: 'PGRST204',
      details: null,
      hint: null,
      message: "Could not find the 'nope' column of 'counters' in the schema cache",
    });
    const mixed = await rest(stack, 'POST', '/counters', {
      key: stack.serviceRoleKey,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify([{ name: 'a' }, { value: 1 }]),
    });
    expect(mixed.status).toBe(400);
    expect(mixed.json()).toEqual({ code: 'PGRST102', details: null, hint: null, message: 'All object keys must match' });
    const broken = await rest(stack, 'POST', '/counters', {
      key: stack.serviceRoleKey,
      headers: { 'Content-Type': 'application/json' },
      body: '{"name": ',
    });
    expect(broken.status).toBe(400);
    expect(broken.json().code).toBe('PGRST102');
    expect(await counters()).toEqual([]);
  });

  it('maps constraint errors: unique 409, FK 409, check 400, not-null 400', async () => {
    const unique = await service.from('publishers').insert({ id: 20, name: 'Harbor Press' });
    expect(unique.status).toBe(409);
    expect(unique.error?.code).toBe('23505');
    expect(unique.error?.details).toBe('Key (name)=(Harbor Press) already exists.');
    const fk = await service.from('books').insert({ id: 50, title: 'X', author_id: 99 });
    expect(fk.status).toBe(409);
    expect(fk.error?.code).toBe('23503');
    const check = await service.from('books').insert({ id: 50, title: 'X', author_id: 1, price: -1 });
    expect(check.status).toBe(400);
    expect(check.error?.code).toBe('23514');
    const notNull = await service.from('books').insert({ id: 50, author_id: 1 });
    expect(notNull.status).toBe(400);
    expect(notNull.error?.code).toBe('23502');
    expect(notNull.error).toHaveProperty('hint', null);
  });

  it('answers headers-only with a Location header', async () => {
    const res = await rest(stack, 'POST', '/counters', {
      key: stack.serviceRoleKey,
      headers: { 'Content-Type': 'application/json', Prefer: 'return=headers-only' },
      body: JSON.stringify({ name: 'loc', value: 3 }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/counters?name=eq.loc');
    expect(res.text).toBe('');
  });

  it('accepts CSV and form-urlencoded bodies', async () => {
    const csv = await rest(stack, 'POST', '/publishers', {
      key: stack.serviceRoleKey,
      headers: { 'Content-Type': 'text/csv', Prefer: 'return=representation' },
      body: 'id,name,country\n30,"Comma, Inc",NULL\n31,Plain,DK',
    });
    expect(csv.status).toBe(201);
    expect(csv.json()).toEqual([
      { id: 30, name: 'Comma, Inc', country: null },
      { id: 31, name: 'Plain', country: 'DK' },
    ]);
    const form = await rest(stack, 'POST', '/counters', {
      key: stack.serviceRoleKey,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Prefer: 'return=representation' },
      body: 'name=form+value&value=9',
    });
    expect(form.status).toBe(201);
    expect(form.json()).toEqual([{ name: 'form value', value: 9 }]);
  });
});

describe('upsert', () => {
  it('merges duplicates on the primary key: 201 when a row is new, 200 when all were updates', async () => {
    await stack.sql(`insert into public.counters values ('a', 1)`);
    const mixed = await service.from('counters').upsert([{ name: 'a', value: 10 }, { name: 'b', value: 2 }]).select();
    expect(mixed.status).toBe(201);
    expect(mixed.data).toEqual([
      { name: 'a', value: 10 },
      { name: 'b', value: 2 },
    ]);
    const updateOnly = await service.from('counters').upsert({ name: 'a', value: 11 }).select();
    expect(updateOnly.status).toBe(200);
    expect(await counters()).toEqual([
      { name: 'a', value: 11 },
      { name: 'b', value: 2 },
    ]);
  });

  it('ignores duplicates when asked, and uses on_conflict columns', async () => {
    await stack.sql(`insert into public.counters values ('a', 1)`);
    const ignored = await service.from('counters').upsert({ name: 'a', value: 99 }, { ignoreDuplicates: true }).select();
    expect(ignored.data).toEqual([]);
    expect(await counters()).toEqual([{ name: 'a', value: 1 }]);
    const byName = await service
      .from('publishers')
      .upsert({ id: 3, name: 'Empty House', country: 'IS' }, { onConflict: 'name' })
      .select('id, name, country');
    expect(byName.data).toEqual([{ id: 3, name: 'Empty House', country: 'IS' }]);
    await stack.sql(`update public.publishers set country = null where id = 3`);
  });

  it('PUT upserts one row addressed by its primary key', async () => {
    const put = (q: string, body: unknown, prefer = '') =>
      rest(stack, 'PUT', `/counters?${q}`, {
        key: stack.serviceRoleKey,
        headers: { 'Content-Type': 'application/json', ...(prefer ? { Prefer: prefer } : {}) },
        body: JSON.stringify(body),
      });
    const created = await put('name=eq.p', { name: 'p', value: 1 });
    expect(created.status, created.text).toBe(204);
    const replaced = await put('name=eq.p', { name: 'p', value: 2 }, 'return=representation');
    expect(replaced.status).toBe(200);
    expect(replaced.json()).toEqual([{ name: 'p', value: 2 }]);
    const mismatch = await put('name=eq.p', { name: 'q', value: 2 });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json().code).toBe('PGRST115');
    const noKey = await put('value=eq.2', { name: 'p', value: 2 });
    expect(noKey.status).toBe(405);
    expect(noKey.json().code).toBe('PGRST105');
    expect(await counters()).toEqual([{ name: 'p', value: 2 }]);
  });
});

describe('update and delete', () => {
  beforeEach(async () => {
    await stack.sql(`insert into public.counters values ('a', 1), ('b', 2), ('c', 3)`);
  });

  it('updates with filters: 204, or 200 with the rows', async () => {
    const minimal = await service.from('counters').update({ value: 20 }).eq('name', 'b');
    expect(minimal.status).toBe(204);
    const rep = await service.from('counters').update({ value: 0 }).gte('value', 3).select('name, value');
    expect(rep.status).toBe(200);
    expect([...(rep.data ?? [])].sort((x, y) => (x.name < y.name ? -1 : 1))).toEqual([
      { name: 'b', value: 0 },
      { name: 'c', value: 0 },
    ]);
    expect(await counters()).toEqual([
      { name: 'a', value: 1 },
      { name: 'b', value: 0 },
      { name: 'c', value: 0 },
    ]);
  });

  it('deletes with filters and returns deleted rows on request', async () => {
    const { data, status } = await service.from('counters').delete().in('name', ['a', 'c']).select();
    expect(status).toBe(200);
    expect(data).toHaveLength(2);
    expect(await counters()).toEqual([{ name: 'b', value: 2 }]);
    const minimal = await service.from('counters').delete().eq('name', 'b');
    expect(minimal.status).toBe(204);
    expect(await counters()).toEqual([]);
  });

  it('refuses UPDATE and DELETE without a filter (safeupdate)', async () => {
    const upd = await service.from('counters').update({ value: 0 });
    expect(upd.status).toBe(400);
    expect(upd.error).toEqual({ code: '21000', details: null, hint: null, message: 'UPDATE requires a WHERE clause' });
    const del = await rest(stack, 'DELETE', '/counters', { key: stack.serviceRoleKey });
    expect(del.status).toBe(400);
    expect(del.json()).toEqual({ code: '21000', details: null, hint: null, message: 'DELETE requires a WHERE clause' });
    expect(await counters()).toHaveLength(3);
  });

  it('enforces max-affected with handling=strict', async () => {
    const res = await rest(stack, 'PATCH', '/counters?value=gte.1', {
      key: stack.serviceRoleKey,
      headers: { 'Content-Type': 'application/json', Prefer: 'handling=strict, max-affected=2' },
      body: JSON.stringify({ value: 7 }),
    });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      code: 'PGRST124',
      details: 'The query affects 3 rows',
      hint: null,
      message: 'Query result exceeds max-affected preference constraint',
    });
    expect(await counters()).toEqual([
      { name: 'a', value: 1 },
      { name: 'b', value: 2 },
      { name: 'c', value: 3 },
    ]);
    const ok = await rest(stack, 'DELETE', '/counters?name=eq.a', {
      key: stack.serviceRoleKey,
      headers: { Prefer: 'handling=strict, max-affected=1' },
    });
    expect(ok.status).toBe(204);
  });

  it('rolls back with Prefer: tx=rollback but still answers with the representation', async () => {
    const res = await rest(stack, 'PATCH', '/counters?name=eq.a', {
      key: stack.serviceRoleKey,
      headers: { 'Content-Type': 'application/json', Prefer: 'return=representation, tx=rollback' },
      body: JSON.stringify({ value: 100 }),
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual([{ name: 'a', value: 100 }]);
    expect(res.headers.get('preference-applied')).toBe('return=representation, tx=rollback');
    expect((await counters())[0]).toEqual({ name: 'a', value: 1 });
  });

  it('does not commit a mutation that fails the single-object check (406)', async () => {
    const res = await service.from('counters').update({ value: 50 }).lte('value', 2).select().single();
    expect(res.status).toBe(406);
    expect(res.error?.code).toBe('PGRST116');
    expect(res.error?.details).toBe('The result contains 2 rows');
    expect(await counters()).toEqual([
      { name: 'a', value: 1 },
      { name: 'b', value: 2 },
      { name: 'c', value: 3 },
    ]);
  });

  it('refuses writes in a read-only GET transaction path and unknown columns in PATCH', async () => {
    const unknown = await service.from('counters').update({ nope: 1 }).eq('name', 'a');
    expect(unknown.status).toBe(400);
    expect(unknown.error?.code).toBe('PGRST204');
  });
});
