// Property-based fuzzing of /rest/v1 (fast-check): query strings built from PostgREST's
// grammar pieces mixed with hostile values (quotes, commas, parentheses, unicode, SQL
// fragments), and random write bodies under Prefer: tx=rollback. Every reply must be a
// well-formed 2xx or 4xx (never 5xx, never a dropped connection), and the database
// must be exactly as before.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../helpers/stack.ts';
import { ALICE, client, rest, startRestStack, userToken } from './helpers.ts';

let stack: TestStack;
let aliceToken: string;

beforeAll(async () => {
  stack = await startRestStack();
  aliceToken = userToken(stack, ALICE);
});
afterAll(async () => {
  await stack?.stop();
});

const TABLES = [
  'public.directors',
  'public.films',
  'public.actors',
  'public.roles',
  'public.film_budgets',
  'public.reviews',
  'public.employees',
  'public.people',
  'public.messages',
  'public.items',
  'public.counters',
  'public.numbers',
  'public.notes',
  'public.secrets',
  'graphql_public.gadgets',
];

/** A digest of every fixture table's rows, written as plain SQL. */
async function checksum(): Promise<string> {
  const parts = TABLES.map((t) => `(select coalesce(string_agg(x::text, ',' order by x::text), '') from ${t} x)`);
  const [row] = await stack.sql<{ digest: string }>(`select md5(concat_ws('|', ${parts.join(', ')})) as digest`);
  return row!.digest;
}

const hostile = fc.constantFrom(
  "'",
  '"',
  ',',
  '(',
  ')',
  '.',
  ':',
  '::',
  '*',
  '%',
  '\\',
  '{',
  '}',
  '[',
  ']',
  '->',
  '->>',
  '!',
  '!inner',
  'not.',
  ' ',
  '\u0000',
  'é',
  '🎬',
  'Ωμέγα',
  "'; drop table films; --",
  '1 or 1=1',
  '$$',
  'null',
  'true',
  '-1',
  '99999999999999999999',
  '1e400',
);
const words = fc.constantFrom(
  'id',
  'title',
  'year',
  'rating',
  'tags',
  'meta',
  'runtime',
  'search',
  'genre',
  'name',
  'stars',
  'body',
  'directors',
  'reviews',
  'actors',
  'roles',
  'films',
  'employees',
  'manager_id',
  'people',
  'sender_id',
  'count',
  'nope',
  'n',
);
const ops = fc.constantFrom(
  'eq.',
  'neq.',
  'gt.',
  'gte.',
  'lt.',
  'lte.',
  'like.',
  'ilike.',
  'match.',
  'imatch.',
  'in.(',
  'is.',
  'isdistinct.',
  'fts.',
  'plfts(english).',
  'phfts.',
  'wfts(simple).',
  'cs.',
  'cd.',
  'ov.',
  'sl.',
  'sr.',
  'nxr.',
  'nxl.',
  'adj.',
  'eq(any).',
  'like(all).',
  'not.eq.',
  'not.in.(',
);
const token = fc.oneof(
  { weight: 3, arbitrary: words },
  { weight: 2, arbitrary: hostile },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const text = fc.array(token, { maxLength: 6 }).map((a) => a.join(''));
const selectValue = fc.oneof(
  text,
  fc
    .array(
      fc.oneof(
        words,
        words.map((w) => `${w}(*)`),
        words.map((w) => `${w}!inner(id)`),
        text,
      ),
      { maxLength: 4 },
    )
    .map((a) => a.join(',')),
);
const filterValue = fc.tuple(ops, text).map(([o, v]) => o + v);
const param = fc.oneof(
  { weight: 2, arbitrary: fc.tuple(fc.constant('select'), selectValue) },
  { weight: 5, arbitrary: fc.tuple(words, filterValue) },
  {
    weight: 2,
    arbitrary: fc.tuple(
      fc.tuple(words, words).map(([a, b]) => `${a}.${b}`),
      filterValue,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(
      words.map((w) => `${w}->>lang`),
      filterValue,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.constantFrom('or', 'and', 'not.or', 'reviews.or'),
      text.map((t) => `(${t})`),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(
      fc.constantFrom('or', 'and', 'not.and'),
      fc.tuple(words, filterValue, words, filterValue).map(([a, b, c, d]) => `(${a}.${b},${c}.${d})`),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(
      fc.constantFrom('order', 'reviews.order'),
      fc.oneof(
        words,
        words.map((w) => `${w}.desc.nullslast`),
        text,
      ),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(
      fc.constantFrom('limit', 'offset', 'reviews.limit'),
      fc.oneof(text, fc.integer({ min: -5, max: 2000 }).map(String)),
    ),
  },
  { weight: 1, arbitrary: fc.tuple(text, text) },
);
const query = fc
  .array(param, { maxLength: 4 })
  .map((ps) => ps.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
/** Writes: filters on real columns, so that most requests reach the database. */
const writeQuery = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom('id', 'name', 'qty', 'body', 'stars'), filterValue),
      fc.tuple(fc.constantFrom('select', 'columns', 'on_conflict'), selectValue),
    ),
    { maxLength: 3 },
  )
  .map((ps) => ps.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
const resource = fc.constantFrom(
  '/films',
  '/directors',
  '/reviews',
  '/employees',
  '/messages',
  '/notes',
  '/numbers',
  '/film_cards',
  '/items',
  '/rpc/films_by_genre',
  '/rpc/film_titles',
  '/rpc/search_films',
  '/rpc/add',
  '/rpc/whoami',
  '/nope',
);

/** Status codes seen, to check the fuzzing reaches the database and not only the parser. */
const seen = new Map<string, number>();
const tally = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);

function expectWellFormed(r: { status: number; text: string; headers: Headers }, what: string): void {
  tally(
    r.status < 300 ? '2xx' : r.status >= 400 && r.status < 500 ? `4xx:${JSON.parse(r.text).code}` : String(r.status),
  );
  if (r.status >= 500 || r.status < 200) throw new Error(`${what} answered ${r.status}: ${r.text}`);
  if (r.status >= 400 && r.status !== 416) {
    const body = JSON.parse(r.text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['code', 'details', 'hint', 'message']);
    expect(typeof body.code).toBe('string');
    expect(typeof body.message).toBe('string');
    expect(r.headers.get('proxy-status')).toBe(`PostgREST; error=${body.code}`);
  }
}

describe('fuzzing', () => {
  it('answers random reads with 2xx/4xx and never changes the database', async () => {
    seen.clear();
    const before = await checksum();
    await fc.assert(
      fc.asyncProperty(
        resource,
        query,
        fc.boolean(),
        fc.constantFrom('GET', 'HEAD'),
        async (path, qs, authed, method) => {
          const r = await rest(stack, method, `${path}?${qs}`, {
            headers: authed ? { Authorization: `Bearer ${aliceToken}` } : {},
          });
          if (method === 'HEAD') {
            if (r.status >= 500) throw new Error(`HEAD ${path}?${qs} answered ${r.status}`);
            return;
          }
          expectWellFormed(r, `GET ${path}?${qs}`);
        },
      ),
      { numRuns: 700 },
    );
    expect(await checksum()).toBe(before);
    // The runs got past the parser: successes, and errors from the database and the planner.
    expect(seen.get('2xx') ?? 0).toBeGreaterThan(25);
    expect(
      [...seen.keys()].filter((k) => /^4xx:[0-9A-Z]{5}$/.test(k) && !k.startsWith('4xx:PGRST')).length,
    ).toBeGreaterThan(0);
    expect([...seen.keys()].filter((k) => k.startsWith('4xx:PGRST2')).length).toBeGreaterThan(0);
  });

  it('treats arbitrary filter values through supabase-js as plain values', async () => {
    const before = await checksum();
    const db = client(stack);
    const value = fc.oneof(
      fc.string({ maxLength: 30, unit: 'grapheme' }),
      fc.array(hostile, { maxLength: 8 }).map((a) => a.join('')),
    );
    await fc.assert(
      fc.asyncProperty(
        value,
        fc.constantFrom('eq', 'neq', 'like', 'ilike', 'in', 'contains', 'textSearch', 'or', 'gt', 'match'),
        async (v, how) => {
          const q = db.from('films').select('id, directors(name)');
          const r =
            how === 'in'
              ? await q.in('title', [v, 'x'])
              : how === 'contains'
                ? await q.contains('tags', [v])
                : how === 'textSearch'
                  ? await q.textSearch('title', v)
                  : how === 'or'
                    ? await q.or(`title.eq.${v},id.eq.1`)
                    : how === 'match'
                      ? await q.filter('title', 'match', v)
                      : how === 'neq'
                        ? await q.neq('title', v)
                        : how === 'like'
                          ? await q.like('title', v)
                          : how === 'ilike'
                            ? await q.ilike('title', v)
                            : how === 'gt'
                              ? await q.gt('title', v)
                              : await q.eq('title', v);
          if (r.status >= 500 || r.status === 0)
            throw new Error(`${how} ${JSON.stringify(v)} answered ${r.status}: ${JSON.stringify(r.error)}`);
          if (r.error) expect(Object.keys(r.error).sort()).toEqual(['code', 'details', 'hint', 'message']);
        },
      ),
      { numRuns: 500 },
    );
    expect(await checksum()).toBe(before);
  });

  it('answers random writes under tx=rollback with 2xx/4xx and keeps nothing', async () => {
    seen.clear();
    const before = await checksum();
    const json = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v));
    const itemish = fc
      .record(
        {
          id: fc.oneof(fc.integer({ min: -3, max: 200 }), fc.string({ maxLength: 4 })),
          name: fc.oneof(text, fc.constant(null)),
          qty: fc.oneof(fc.integer({ min: -2, max: 5 }), text),
        },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v));
    const body = fc.oneof(
      json,
      itemish,
      text,
      fc.array(itemish, { maxLength: 3 }).map((a) => `[${a.join(',')}]`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('POST', 'PATCH', 'DELETE', 'PUT'),
        fc.constantFrom(
          '/items',
          '/notes',
          '/reviews',
          '/counters',
          '/rpc/bump_qty',
          '/rpc/echo_json',
          '/rpc/add_item_volatile',
        ),
        writeQuery,
        body,
        fc.constantFrom('application/json', 'text/csv', 'application/x-www-form-urlencoded', 'text/plain'),
        fc.constantFrom(
          'return=representation',
          'return=minimal',
          'resolution=merge-duplicates',
          'missing=default',
          'return=headers-only',
        ),
        async (method, path, qs, b, ct, pref) => {
          if (path.startsWith('/rpc') && method !== 'POST') return;
          const r = await rest(stack, method, `${path}?${qs}`, {
            headers: { 'Content-Type': ct, Prefer: `tx=rollback, ${pref}`, Authorization: `Bearer ${aliceToken}` },
            body: b,
          });
          expectWellFormed(r, `${method} ${path}?${qs} ${b}`);
        },
      ),
      { numRuns: 500 },
    );
    expect(await checksum()).toBe(before);
    expect(seen.get('2xx') ?? 0).toBeGreaterThan(10);
    // Still serving.
    expect((await rest(stack, 'GET', '/films?select=id&id=eq.1')).json()).toEqual([{ id: 1 }]);
  });
});
