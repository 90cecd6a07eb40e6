// PostgREST writes through supabase-js (and raw requests for what it cannot send):
// inserts, upserts, updates, deletes, Prefer variants, statuses, safeupdate, max-affected,
// tx=rollback, single-object failures that must not commit, and constraint errors.
// The database is checked with hand-written SQL after each write.
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

const items = (where: string) =>
  stack.sql<{ id: number; name: string; qty: number; note: string | null }>(
    `select id, name, qty, note from public.items where ${where} order by id`,
  );

/** maxAffected() is typed for PostgREST 13+ clients only; the untyped client still sends it. */
type MaxAffected = { maxAffected(n: number): PromiseLike<{ status: number; error: unknown; data: unknown }> };

describe('insert', () => {
  it('inserts a row; without select() the answer is 201 and no body', async () => {
    const r = await db.from('items').insert({ id: 10, name: 'gear', qty: 3 });
    expect(r.status).toBe(201);
    expect(r.error).toBeNull();
    expect(r.data).toBeNull();
    expect(await items('id = 10')).toEqual([{ id: 10, name: 'gear', qty: 3, note: null }]);
  });

  it('returns the representation with select(), defaults and embeds included', async () => {
    const one = await db.from('items').insert({ id: 11, name: 'cog' }).select('id, name, qty').single();
    expect(one.status).toBe(201);
    expect(one.data).toEqual({ id: 11, name: 'cog', qty: 0 });
    const embedded = await db
      .from('reviews')
      .insert({ film_id: 2, stars: 4, body: 'A classic' })
      .select('stars, films(title, directors(name))')
      .single();
    expect(embedded.data).toEqual({ stars: 4, films: { title: 'Rashomon', directors: { name: 'Akira Kurosawa' } } });
  });

  it('inserts many rows: missing keys are null, or the column default with defaultToNull: false', async () => {
    const nulls = await db.from('counters').insert([{ label: 'a' }, { n: 1 }]);
    expect(nulls.status).toBe(400);
    expect(nulls.error?.code).toBe('23502');
    const defaults = await db
      .from('counters')
      .insert([{ label: 'a' }, { n: 1 }], { defaultToNull: false })
      .select('label, n')
      .order('n');
    expect(defaults.status).toBe(201);
    expect(defaults.data).toEqual([
      { label: 'unnamed', n: 1 },
      { label: 'a', n: 7 },
    ]);
    const none = await db.from('counters').insert([]).select();
    expect(none.status).toBe(201);
    expect(none.data).toEqual([]);
  });

  it('upserts with merge-duplicates on the primary key or on_conflict, and ignore-duplicates', async () => {
    const mixed = await db
      .from('items')
      .upsert([
        { id: 1, name: 'bolt', qty: 11 },
        { id: 20, name: 'rivet', qty: 5 },
      ])
      .select('id, name, qty')
      .order('id');
    expect(mixed.status).toBe(201);
    expect(mixed.data).toEqual([
      { id: 1, name: 'bolt', qty: 11 },
      { id: 20, name: 'rivet', qty: 5 },
    ]);
    const updateOnly = await db.from('items').upsert({ id: 1, name: 'bolt', qty: 12 }).select('qty').single();
    expect(updateOnly.status).toBe(200);
    expect(updateOnly.data).toEqual({ qty: 12 });
    const byName = await db.from('items').upsert({ id: 2, name: 'nut', qty: 30 }, { onConflict: 'name' });
    expect(byName.status).toBe(200);
    const ignored = await db
      .from('items')
      .upsert(
        [
          { id: 1, name: 'bolt', qty: 999 },
          { id: 21, name: 'pin', qty: 1 },
        ],
        { ignoreDuplicates: true },
      )
      .select('id');
    expect(ignored.status).toBe(201);
    expect(ignored.data).toEqual([{ id: 21 }]);
    expect(await items('id in (1, 2, 20, 21)')).toEqual([
      { id: 1, name: 'bolt', qty: 12, note: null },
      { id: 2, name: 'nut', qty: 30, note: 'metric' },
      { id: 20, name: 'rivet', qty: 5, note: null },
      { id: 21, name: 'pin', qty: 1, note: null },
    ]);
  });

  it('answers return=headers-only with a Location header', async () => {
    const r = await rest(stack, 'POST', '/counters', {
      headers: { 'Content-Type': 'application/json', Prefer: 'return=headers-only' },
      body: JSON.stringify({ label: 'located' }),
    });
    expect(r.status).toBe(201);
    expect(r.text).toBe('');
    const [row] = await stack.sql<{ id: string }>(`select id::text from public.counters where label = 'located'`);
    expect(r.headers.get('location')).toBe(`/counters?id=eq.${row!.id}`);
    expect(r.headers.get('preference-applied')).toBe('return=headers-only');
  });

  it('upserts a single row by primary key with PUT', async () => {
    const put = (q: string, body: unknown, prefer = 'return=representation') =>
      rest(stack, 'PUT', `/items${q}`, {
        headers: { 'Content-Type': 'application/json', Prefer: prefer },
        body: JSON.stringify(body),
      });
    const created = await put('?id=eq.30', { id: 30, name: 'spring', qty: 2 });
    expect(created.status).toBe(201);
    expect(created.json()).toEqual([{ id: 30, name: 'spring', qty: 2, note: null, updated_at: null }]);
    const replaced = await put('?id=eq.30', { id: 30, name: 'spring', qty: 3 });
    expect(replaced.status).toBe(200);
    expect((await put('?id=eq.30', { id: 30, name: 'spring', qty: 4 }, 'return=minimal')).status).toBe(204);
    const mismatch = await put('?id=eq.31', { id: 32, name: 'x' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json()).toEqual({
      code: 'PGRST115',
      details: null,
      hint: null,
      message: 'Payload values do not match URL in primary key column(s)',
    });
    const notPk = await put('?name=eq.spring', { id: 30, name: 'spring' });
    expect(notPk.status).toBe(405);
    expect(notPk.json()).toMatchObject({ code: 'PGRST105' });
    expect(await items('id in (30, 31, 32)')).toEqual([{ id: 30, name: 'spring', qty: 4, note: null }]);
  });

  it('accepts CSV and form-encoded bodies', async () => {
    const csv = await rest(stack, 'POST', '/items', {
      headers: { 'Content-Type': 'text/csv' },
      body: 'id,name,note\n40,csv-a,NULL\n41,"csv, b",x\n',
    });
    expect(csv.status).toBe(201);
    const form = await rest(stack, 'POST', '/items', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'id=42&name=form+item',
    });
    expect(form.status).toBe(201);
    expect(await items('id between 40 and 42')).toEqual([
      { id: 40, name: 'csv-a', qty: 0, note: null },
      { id: 41, name: 'csv, b', qty: 0, note: 'x' },
      { id: 42, name: 'form item', qty: 0, note: null },
    ]);
  });

  it('rejects invalid bodies and unknown columns', async () => {
    const post = (body: string, q = '') =>
      rest(stack, 'POST', `/items${q}`, { headers: { 'Content-Type': 'application/json' }, body });
    const invalid = await post('{"id": 1,');
    expect(invalid.status).toBe(400);
    expect(invalid.json()).toEqual({ code: 'PGRST102', details: null, hint: null, message: 'Empty or invalid json' });
    const ragged = await post('[{"id": 50, "name": "a"}, {"id": 51}]');
    expect(ragged.status).toBe(400);
    expect(ragged.json()).toEqual({
      code: 'PGRST102',
      details: null,
      hint: null,
      message: 'All object keys must match',
    });
    const unknown = await db.from('items').insert({ id: 52, name: 'x', nope: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.error).toEqual({
      code: 'PGRST204',
      details: null,
      hint: null,
      message: "Could not find the 'nope' column of 'items' in the schema cache",
    });
    const wrongType = await rest(stack, 'POST', '/items', {
      headers: { 'Content-Type': 'application/xml' },
      body: '<x/>',
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json()).toMatchObject({
      code: 'PGRST102',
      message: 'Content-Type not acceptable: application/xml',
    });
    expect(await items('id between 50 and 52')).toEqual([]);
  });
});

describe('update and delete', () => {
  it('updates matching rows, with or without a representation and a count', async () => {
    const plain = await db.from('items').update({ note: 'zinc' }).eq('id', 3);
    expect(plain.status).toBe(204);
    expect(plain.data).toBeNull();
    const rep = await db
      .from('items')
      .update({ qty: 7 }, { count: 'exact' })
      .in('id', [3, 10])
      .select('id, qty')
      .order('id');
    expect(rep.status).toBe(200);
    expect(rep.count).toBe(2);
    expect(rep.data).toEqual([
      { id: 3, qty: 7 },
      { id: 10, qty: 7 },
    ]);
    const nothing = await db.from('items').update({ qty: 1 }).eq('id', 12345).select();
    expect(nothing.status).toBe(200);
    expect(nothing.data).toEqual([]);
    expect(await items('id in (3, 10)')).toEqual([
      { id: 3, name: 'washer', qty: 7, note: 'zinc' },
      { id: 10, name: 'gear', qty: 7, note: null },
    ]);
  });

  it('deletes matching rows', async () => {
    await db.from('items').insert([
      { id: 80, name: 'd1' },
      { id: 81, name: 'd2' },
    ]);
    const plain = await db.from('items').delete().eq('id', 80);
    expect(plain.status).toBe(204);
    const rep = await db.from('items').delete({ count: 'exact' }).eq('id', 81).select('name');
    expect(rep.status).toBe(200);
    expect(rep.count).toBe(1);
    expect(rep.data).toEqual([{ name: 'd2' }]);
    expect(await items('id in (80, 81)')).toEqual([]);
  });

  it('refuses UPDATE and DELETE without any filter, as pg-safeupdate does on Supabase', async () => {
    const [{ n: before }] = (await stack.sql<{ n: string }>('select count(*)::text as n from public.items')) as [
      { n: string },
    ];
    const up = await db.from('items').update({ note: 'everything' });
    expect(up.status).toBe(400);
    expect(up.error).toEqual({ code: '21000', details: null, hint: null, message: 'UPDATE requires a WHERE clause' });
    const del = await db.from('items').delete();
    expect(del.status).toBe(400);
    expect(del.error).toEqual({ code: '21000', details: null, hint: null, message: 'DELETE requires a WHERE clause' });
    const svc = client(stack, { key: stack.serviceRoleKey });
    expect((await svc.from('items').delete()).error?.code).toBe('21000');
    const [{ n: after }] = (await stack.sql<{ n: string }>('select count(*)::text as n from public.items')) as [
      { n: string },
    ];
    expect(after).toBe(before);
    expect(await items(`note = 'everything'`)).toEqual([]);
  });

  it('max-affected with handling=strict refuses (400 PGRST124) and rolls back', async () => {
    const tooMany = await (
      db.from('items').update({ note: 'strict' }).in('id', [1, 2]) as unknown as MaxAffected
    ).maxAffected(1);
    expect(tooMany.status).toBe(400);
    expect(tooMany.error).toEqual({
      code: 'PGRST124',
      details: 'The query affects 2 rows',
      hint: null,
      message: 'Query result exceeds max-affected preference constraint',
    });
    expect(await items(`note = 'strict'`)).toEqual([]);
    const fine = await (
      db.from('items').update({ note: 'strict' }).in('id', [1, 2]) as unknown as MaxAffected
    ).maxAffected(2);
    expect(fine.status).toBe(204);
    expect((await items(`note = 'strict'`)).map((r) => r.id)).toEqual([1, 2]);
  });

  it('Prefer: tx=rollback answers as if committed and keeps nothing', async () => {
    const r = await db.from('items').insert({ id: 90, name: 'ghost' }).select('id, name').rollback();
    expect(r.status).toBe(201);
    expect(r.data).toEqual([{ id: 90, name: 'ghost' }]);
    expect(await items('id = 90')).toEqual([]);
    const d = await db.from('items').delete().eq('id', 1).select('id').rollback();
    expect(d.data).toEqual([{ id: 1 }]);
    expect((await items('id = 1')).length).toBe(1);
  });

  it('a single-object request that affects several rows is 406 and commits nothing', async () => {
    const r = await db
      .from('items')
      .insert([
        { id: 60, name: 's1' },
        { id: 61, name: 's2' },
      ])
      .select()
      .single();
    expect(r.status).toBe(406);
    expect(r.error).toEqual({
      code: 'PGRST116',
      details: 'The result contains 2 rows',
      hint: null,
      message: 'Cannot coerce the result to a single JSON object',
    });
    expect(await items('id in (60, 61)')).toEqual([]);
    const up = await db.from('items').update({ note: 'single' }).in('id', [1, 2]).select().single();
    expect(up.status).toBe(406);
    // Also without a representation: the media type asks for one object.
    const minimal = await rest(stack, 'PATCH', '/items?id=in.(1,2)', {
      headers: { 'Content-Type': 'application/json', Accept: 'application/vnd.pgrst.object+json' },
      body: JSON.stringify({ note: 'single' }),
    });
    expect(minimal.status).toBe(406);
    expect(await items(`note = 'single'`)).toEqual([]);
  });
});

describe('errors from the database', () => {
  it('maps unique and foreign key violations to 409, check and not-null violations to 400', async () => {
    const unique = await db.from('items').insert({ id: 70, name: 'bolt' });
    expect(unique.status).toBe(409);
    expect(unique.error).toEqual({
      code: '23505',
      details: 'Key (name)=(bolt) already exists.',
      hint: null,
      message: 'duplicate key value violates unique constraint "items_name_key"',
    });
    const fk = await db.from('reviews').insert({ film_id: 999, stars: 1, body: 'x' });
    expect(fk.status).toBe(409);
    expect(fk.error?.code).toBe('23503');
    expect(fk.error?.details).toBe('Key (film_id)=(999) is not present in table "films".');
    const check = await db.from('items').update({ qty: -1 }).eq('id', 1);
    expect(check.status).toBe(400);
    expect(check.error?.code).toBe('23514');
    const notNull = await db.from('items').insert({ id: 71 });
    expect(notNull.status).toBe(400);
    expect(notNull.error?.code).toBe('23502');
    const badInput = await db.from('items').insert({ id: 'seventy-two', name: 'x' });
    expect(badInput.status).toBe(400);
    expect(badInput.error?.code).toBe('22P02');
    const r = await rest(stack, 'POST', '/items', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 73, name: 'bolt' }),
    });
    expect(r.headers.get('proxy-status')).toBe('PostgREST; error=23505');
    expect(await items('id between 70 and 73')).toEqual([]);
  });

  it('echoes applied preferences and rejects unknown ones only with handling=strict', async () => {
    const ok = await rest(stack, 'POST', '/counters?select=label', {
      headers: {
        'Content-Type': 'application/json',
        Prefer: 'return=representation, missing=default, handling=strict',
      },
      body: JSON.stringify({ n: 3 }),
    });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('preference-applied')).toBe('missing=default, return=representation, handling=strict');
    expect(ok.json()).toEqual([{ label: 'unnamed' }]);
    const strict = await rest(stack, 'POST', '/counters', {
      headers: { 'Content-Type': 'application/json', Prefer: 'handling=strict, bogus=1' },
      body: JSON.stringify({ n: 4 }),
    });
    expect(strict.status).toBe(400);
    expect(strict.json()).toEqual({
      code: 'PGRST122',
      details: 'Invalid preferences: bogus=1',
      hint: null,
      message: 'Invalid preferences given with handling=strict',
    });
    const lenient = await rest(stack, 'POST', '/counters', {
      headers: { 'Content-Type': 'application/json', Prefer: 'bogus=1' },
      body: JSON.stringify({ n: 5 }),
    });
    expect(lenient.status).toBe(201);
  });

  it('refuses methods PostgREST does not serve', async () => {
    const r = await rest(stack, 'LOCK', '/items');
    expect(r.status).toBe(405);
    expect(r.json()).toEqual({ code: 'PGRST117', details: null, hint: null, message: 'Unsupported HTTP method: LOCK' });
    const rpc = await rest(stack, 'PATCH', '/rpc/add', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(rpc.status).toBe(405);
    expect(rpc.json()).toEqual({
      code: 'PGRST101',
      details: null,
      hint: null,
      message: 'Cannot use the PATCH method on RPC',
    });
  });
});
