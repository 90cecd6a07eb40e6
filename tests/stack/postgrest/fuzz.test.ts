// Property-based fuzzing of stack/postgrest over HTTP: query strings built from the
// grammar's own tokens plus quotes, commas, parentheses, unicode and SQL fragments.
// Every reply must be a well-formed 2xx or 4xx (errors with all four keys), never a
// 500, and read requests must leave the database unchanged.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../helpers/stack.ts';
import { dbDigest, rest, startPostgrestStack } from './helpers.ts';

let stack: TestStack;
let digest: string;

beforeAll(async () => {
  stack = await startPostgrestStack();
  digest = await dbDigest(stack);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const columns = ['id', 'title', 'price', 'tags', 'meta', 'meta->>lang', 'meta->awards', 'pages', 'search', 'genre', 'nope', '"title"'];
const values = ['1', 'x', '', '"a,b"', '(1,2)', '{a,b}', "'; drop table books; --", 'null', 'é日本', '[1,5)', '*', '\\', '%', '1.5', '{"a":1}', ')', '(', 'true'];
const ops = ['eq', 'neq', 'gt', 'lt', 'like', 'ilike', 'in', 'is', 'fts', 'plfts(english)', 'cs', 'cd', 'ov', 'sl', 'adj', 'match', 'eq(any)', 'like(all)', 'not.eq', 'bogus', 'isdistinct'];
const embeds = ['authors!author_id', 'authors', 'publishers', 'categories', 'book_stats', 'nothing', 'authors!inner', '...publishers'];

const filter = fc.tuple(fc.constantFrom(...columns), fc.constantFrom(...ops), fc.constantFrom(...values)).map(([c, o, v]) => `${c}.${o}.${v}`);
const selectItem = fc.oneof(
  fc.constantFrom(...columns, '*', 'count()', 'price.sum()', 'x:title', 'price::text', ''),
  fc.tuple(fc.constantFrom(...embeds), fc.constantFrom('*', 'name', 'id,name', '', 'count', 'nope')).map(([e, s]) => `${e}(${s})`),
);
const param = fc.oneof(
  fc.array(selectItem, { maxLength: 4 }).map((xs) => ['select', xs.join(',')] as [string, string]),
  fc.tuple(fc.constantFrom(...columns, 'publishers.name', 'authors', 'book_stats'), fc.constantFrom(...ops), fc.constantFrom(...values)).map(
    ([c, o, v]) => [c, `${o}.${v}`] as [string, string],
  ),
  fc
    .tuple(fc.constantFrom('or', 'and', 'not.or', 'publishers.or'), fc.array(fc.oneof(filter, filter.map((x) => `and(${x},not.${x})`)), { maxLength: 3 }))
    .map(([k, xs]) => [k, `(${xs.join(',')})`] as [string, string]),
  fc.tuple(fc.constantFrom(...columns, 'publishers(name)', 'x'), fc.constantFrom('', '.asc', '.desc.nullslast', '.up')).map(([c, d]) => ['order', `${c}${d}`] as [string, string]),
  fc.tuple(fc.constantFrom('limit', 'offset', 'publishers.limit'), fc.constantFrom('0', '3', '-1', 'x', '99999999999')).map(([k, v]) => [k, v] as [string, string]),
  fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 })),
);
const prefer = fc.constantFrom('', 'count=exact', 'count=planned', 'count=estimated', 'handling=strict, bogus');
const accept = fc.constantFrom('', 'application/json', 'application/vnd.pgrst.object+json', 'text/csv', 'application/vnd.pgrst.array+json;nulls=stripped', 'x/y');

function wellFormed(status: number, text: string, method: string): void {
  expect(status, text).toBeLessThan(500);
  if (status >= 400 && method !== 'HEAD') {
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['code', 'details', 'hint', 'message']);
  }
}

const statuses = new Map<number, number>();

describe('fuzzing', () => {
  it('answers random read query strings with a well-formed 2xx/4xx and never changes the database', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(param, { maxLength: 5 }),
        prefer,
        accept,
        fc.constantFrom('GET', 'HEAD', 'GET'),
        fc.constantFrom('/books', '/authors', '/cheap_books', '/rpc/books_by_author', '/rpc/titles'),
        async (params, pref, acc, method, path) => {
          const qs = new URLSearchParams(params).toString();
          const res = await rest(stack, method, `${path}?${qs}${path === '/rpc/books_by_author' ? '&author=1' : ''}`, {
            headers: { ...(pref ? { Prefer: pref } : {}), ...(acc ? { Accept: acc } : {}) },
          });
          wellFormed(res.status, res.text, method);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        },
      ),
      { numRuns: 400 },
    );
    expect(await dbDigest(stack)).toBe(digest);
    // The generator reaches both successful and refused requests.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(20);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(20);
  });

  it('answers raw, badly encoded query strings without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 30 }), async (raw) => {
        const encoded = raw.replace(/[#\s]/g, (c) => encodeURIComponent(c));
        const res = await fetch(`${stack.url}/rest/v1/books?${encoded}`, { headers: { apikey: stack.anonKey } });
        wellFormed(res.status, await res.text(), 'GET');
      }),
      { numRuns: 200 },
    );
    expect(await dbDigest(stack)).toBe(digest);
  });

  it('treats filter values with SQL fragments as values in writes too', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...values), fc.string({ maxLength: 12 }), async (v, w) => {
        const res = await rest(stack, 'PATCH', `/books?title=eq.${encodeURIComponent(v + w)}`, {
          key: stack.serviceRoleKey,
          headers: { 'Content-Type': 'application/json', Prefer: 'tx=rollback' },
          body: JSON.stringify({ stock: 1 }),
        });
        wellFormed(res.status, res.text, 'PATCH');
      }),
      { numRuns: 100 },
    );
    expect(await dbDigest(stack)).toBe(digest);
  });
});
