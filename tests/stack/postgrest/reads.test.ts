// Reads through the unmodified supabase-js against stack/postgrest over the library
// fixture: select grammar, embeds of every cardinality, filters, logic, order,
// ranges, counts, media types, profiles, schema reload and errors. Expected values
// are literals read off tests/fixtures/postgrest/schema.sql.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { TestStack } from '../../helpers/stack.ts';
import { client, rest, startPostgrestStack } from './helpers.ts';

let stack: TestStack;
let anon: SupabaseClient;

beforeAll(async () => {
  stack = await startPostgrestStack();
  anon = client(stack);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const ids = (rows: unknown) => (rows as { id: number }[]).map((r) => r.id);

describe('select', () => {
  it('returns columns in order with a 200 and a Content-Range', async () => {
    const res = await rest(stack, 'GET', '/books?select=id,title&order=id&limit=2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-range')).toBe('0-1/*');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual([
      { id: 1, title: 'The Quiet Harbor' },
      { id: 2, title: 'Salt and Stone' },
    ]);
  });

  it('supports aliases, casts and JSON paths', async () => {
    const { data, error } = await anon
      .from('books')
      .select('name:title, price::text, meta->>lang, awards:meta->awards, series:meta->series->>name, first_tag:tags->0')
      .eq('id', 1);
    expect(error).toBeNull();
    expect(data).toEqual([{ name: 'The Quiet Harbor', price: '12.50', lang: 'en', awards: 2, series: 'Coast', first_tag: 'sea' }]);
  });

  it('selects, filters and orders by computed fields (functions of the row)', async () => {
    const { data, error } = await anon
      .from('books')
      .select('id, label, publishers(name)')
      .like('label', '%(crime)')
      .order('label', { ascending: false });
    expect(error).toBeNull();
    expect(data).toEqual([
      { id: 5, label: 'The Dark Harbor (crime)', publishers: null },
      { id: 3, label: 'Night Trains (crime)', publishers: { name: 'Quill & Co' } },
    ]);
  });

  it('accepts quoted column names and star with extra columns', async () => {
    const res = await rest(stack, 'GET', '/publishers?select=%22name%22,*&id=eq.2');
    expect(res.json()).toEqual([{ name: 'Quill & Co', id: 2, country: 'FR' }]);
  });
});

describe('embedding', () => {
  it('embeds many-to-one with !hint when two FKs point to the same table', async () => {
    const { data, error } = await anon
      .from('books')
      .select('title, author:authors!books_author_id_fkey(name), editor:authors!editor_id(name)')
      .in('id', [3, 4])
      .order('id');
    expect(error).toBeNull();
    expect(data).toEqual([
      { title: 'Night Trains', author: { name: 'Bo Sten' }, editor: { name: 'Ada Lind' } },
      { title: 'On Walking', author: { name: 'Cy Moreau' }, editor: null },
    ]);
  });

  it('answers 300 PGRST201 for an ambiguous embed and 400 PGRST200 for an unrelated one', async () => {
    const amb = await anon.from('books').select('title, authors(name)');
    expect(amb.status).toBe(300);
    expect(amb.error?.code).toBe('PGRST201');
    expect(amb.error?.hint).toContain("'authors!books_author_id_fkey'");
    expect(amb.error?.hint).toContain("'authors!books_editor_id_fkey'");
    const none = await anon.from('publishers').select('name, categories(name)');
    expect(none.status).toBe(400);
    expect(none.error).toEqual({
      code: 'PGRST200',
      details: "Searched for a foreign key relationship between 'publishers' and 'categories' in the schema 'public', but no matches were found.",
      hint: null,
      message: "Could not find a relationship between 'publishers' and 'categories' in the schema cache",
    });
  });

  it('embeds one-to-many with per-embed order and limit', async () => {
    const { data } = await anon
      .from('publishers')
      .select('name, books(title)')
      .order('id')
      .order('id', { referencedTable: 'books', ascending: false })
      .limit(2, { referencedTable: 'books' });
    expect(data).toEqual([
      { name: 'Harbor Press', books: [{ title: 'Quiet Fields, Loud Skies' }, { title: 'Salt and Stone' }] },
      { name: 'Quill & Co', books: [{ title: 'On Walking' }, { title: 'Night Trains' }] },
      { name: 'Empty House', books: [] },
    ]);
  });

  it('embeds many-to-many through the junction table', async () => {
    const { data } = await anon
      .from('books')
      .select('id, categories(name)')
      .in('id', [1, 3, 4])
      .order('id')
      .order('name', { referencedTable: 'categories' });
    expect(data).toEqual([
      { id: 1, categories: [{ name: 'Fiction' }, { name: 'Travel' }] },
      { id: 3, categories: [{ name: 'Award winners' }, { name: 'Fiction' }] },
      { id: 4, categories: [] },
    ]);
  });

  it('embeds a self-reference and a one-to-one as objects', async () => {
    // As in PostgREST's family_tree example: the FK column names the parent, the
    // table hinted with that column names the children.
    const mentors = await anon
      .from('authors')
      .select('name, mentor:mentor_id(name), mentees:authors!mentor_id(name)')
      .order('id')
      .order('id', { referencedTable: 'mentees' });
    expect(mentors.data).toEqual([
      { name: 'Ada Lind', mentor: null, mentees: [{ name: 'Bo Sten' }, { name: 'Cy Moreau' }] },
      { name: 'Bo Sten', mentor: { name: 'Ada Lind' }, mentees: [{ name: 'Di Park' }] },
      { name: 'Cy Moreau', mentor: { name: 'Ada Lind' }, mentees: [] },
      { name: 'Di Park', mentor: { name: 'Bo Sten' }, mentees: [] },
    ]);
    // The table's own name (no hint) also means the children.
    const children = await anon.from('authors').select('name, authors(name)').eq('id', 2);
    expect(children.data).toEqual([{ name: 'Bo Sten', authors: [{ name: 'Di Park' }] }]);
    const stats = await anon.from('books').select('id, book_stats(sales)').lte('id', 2).order('id');
    expect(stats.data).toEqual([
      { id: 1, book_stats: { sales: 1200 } },
      { id: 2, book_stats: null },
    ]);
  });

  it('nests embeds', async () => {
    const { data } = await anon
      .from('publishers')
      .select('name, books(title, author:authors!author_id(name, mentor:mentor_id(name)))')
      .eq('id', 2)
      .order('id', { referencedTable: 'books' });
    expect(data).toEqual([
      {
        name: 'Quill & Co',
        books: [
          { title: 'Night Trains', author: { name: 'Bo Sten', mentor: { name: 'Ada Lind' } } },
          { title: 'On Walking', author: { name: 'Cy Moreau', mentor: { name: 'Ada Lind' } } },
        ],
      },
    ]);
  });

  it('filters embedded rows only, or parents too with !inner', async () => {
    const left = await anon.from('publishers').select('name, books(title)').eq('books.genre', 'crime').order('id');
    expect(left.data).toEqual([
      { name: 'Harbor Press', books: [] },
      { name: 'Quill & Co', books: [{ title: 'Night Trains' }] },
      { name: 'Empty House', books: [] },
    ]);
    const inner = await anon
      .from('publishers')
      .select('name, books!inner(title)', { count: 'exact' })
      .eq('books.genre', 'crime');
    expect(inner.data).toEqual([{ name: 'Quill & Co', books: [{ title: 'Night Trains' }] }]);
    expect(inner.count).toBe(1);
  });

  it('filters parents on an embed with is.null / not.is.null, and on an empty embed', async () => {
    const { data } = await anon.from('books').select('id, book_stats()').not('book_stats', 'is', null).order('id');
    expect(data).toEqual([{ id: 1 }, { id: 3 }, { id: 6 }]);
    const without = await anon.from('books').select('id, book_stats(sales)').is('book_stats', null).order('id');
    expect(ids(without.data)).toEqual([2, 4, 5]);
    const bad = await rest(stack, 'GET', '/books?select=id,book_stats(sales)&book_stats=eq.1');
    expect(bad.status).toBe(400);
    expect(bad.json()).toEqual({
      code: 'PGRST120',
      details: 'Only is null or not is null filters are allowed on embedded resources',
      hint: null,
      message: "Bad operator on the 'book_stats' embedded resource",
    });
  });

  it('applies or= inside an embed', async () => {
    const { data } = await anon
      .from('publishers')
      .select('name, books(title)')
      .or('stock.gt.10,stock.eq.0', { referencedTable: 'books' })
      .order('id');
    expect(data).toEqual([
      { name: 'Harbor Press', books: [{ title: 'Salt and Stone' }] },
      { name: 'Quill & Co', books: [{ title: 'Night Trains' }] },
      { name: 'Empty House', books: [] },
    ]);
  });

  it('spreads a to-one embed into the parent', async () => {
    const { data } = await anon.from('books').select('title, ...publishers(publisher:name, country)').eq('id', 3);
    expect(data).toEqual([{ title: 'Night Trains', publisher: 'Quill & Co', country: 'FR' }]);
  });

  it('counts embedded rows with rel(count)', async () => {
    const { data } = await anon.from('publishers').select('name, books(count)').order('id');
    expect(data).toEqual([
      { name: 'Harbor Press', books: [{ count: 3 }] },
      { name: 'Quill & Co', books: [{ count: 2 }] },
      { name: 'Empty House', books: [{ count: 0 }] },
    ]);
  });

  it('embeds from a view that selects from one table', async () => {
    const { data, error } = await anon.from('cheap_books').select('title, authors(name)').order('id');
    expect(error).toBeNull();
    expect(data).toEqual([
      { title: 'The Quiet Harbor', authors: { name: 'Ada Lind' } },
      { title: 'Salt and Stone', authors: { name: 'Ada Lind' } },
      { title: 'The Dark Harbor', authors: { name: 'Bo Sten' } },
    ]);
  });

  it('embeds from a view over a join through its base tables\' foreign keys, both ways', async () => {
    const cards = await anon.from('book_cards').select('title, publisher_name, authors(name)').in('id', [3, 5]).order('id');
    expect(cards.error).toBeNull();
    expect(cards.data).toEqual([
      { title: 'Night Trains', publisher_name: 'Quill & Co', authors: { name: 'Bo Sten' } },
      { title: 'The Dark Harbor', publisher_name: null, authors: { name: 'Bo Sten' } },
    ]);
    const back = await anon.from('authors').select('name, book_cards(title)').eq('id', 3);
    expect(back.data).toEqual([{ name: 'Cy Moreau', book_cards: [{ title: 'On Walking' }] }]);
  });

  it('refuses filters on an embed that is not selected (PGRST108)', async () => {
    const { error, status } = await anon.from('publishers').select('name').eq('books.genre', 'crime');
    expect(status).toBe(400);
    expect(error).toEqual({
      code: 'PGRST108',
      details: null,
      hint: "Verify that 'books' is included in the 'select' query parameter.",
      message: "'books' is not an embedded resource in this request",
    });
  });
});

describe('filters', () => {
  const cases: [string, string, number[]][] = [
    ['gt', 'price=gt.15', [3, 4]],
    ['gte', 'price=gte.18', [3, 4]],
    ['lt', 'price=lt.10', [2]],
    ['lte', 'price=lte.12.5', [1, 2]],
    ['neq', 'genre=neq.crime', [1, 2, 4]],
    ['eq with a space', 'title=eq.On+Walking', [4]],
    ['like with *', 'title=like.The*', [1, 5]],
    ['ilike', 'title=ilike.*HARBOR*', [1, 5]],
    ['match', 'title=match.^Q', [6]],
    ['imatch', 'title=imatch.^q', [6]],
    ['in with quotes', 'id=in.(2,"4")', [2, 4]],
    ['not in', 'id=not.in.(1,2,3)', [4, 5, 6]],
    ['is null', 'editor_id=is.null', [4, 6]],
    ['not is null', 'genre=not.is.null', [1, 2, 3, 4, 5]],
    ['isdistinct', 'genre=isdistinct.crime', [1, 2, 4, 6]],
    ['fts on tsvector', 'search=fts.harbor', [1, 5]],
    ['fts with config on text', 'title=fts(english).quiet%20%26%20harbor', [1]],
    ['plfts', 'search=plfts.quiet+harbor', [1]],
    ['phfts', 'search=phfts(english).dark+harbor', [5]],
    ['wfts', 'search=wfts.harbor+-dark', [1]],
    ['not fts', 'search=not.fts.harbor', [2, 3, 4, 6]],
    ['array contains', 'tags=cs.{sea,night}', [5]],
    ['array contained', 'tags=cd.{sea,calm,night}', [1, 2, 4, 5, 6]],
    ['array overlaps', 'tags=ov.{rail,calm}', [1, 3, 6]],
    ['jsonb contains', 'meta=cs.{"lang":"en"}', [1, 2, 5]],
    ['range strictly left', 'pages=sl.[300,400)', [1, 2, 5]],
    ['range strictly right', 'pages=sr.[0,50)', [1, 3, 5]],
    ['range not extending right', 'pages=nxr.[0,260)', [1, 2]],
    ['range not extending left', 'pages=nxl.[150,1000)', [3, 5]],
    ['range adjacent', 'pages=adj.[250,260)', [1]],
    ['range overlaps', 'pages=ov.[240,260)', [1, 3, 5]],
    ['like(any)', 'title=like(any).{*Harbor*,*Stone*}', [1, 2, 5]],
    ['gt(all)', 'id=gt(all).{1,2}', [3, 4, 5, 6]],
    ['eq(any)', 'id=eq(any).{1,3}', [1, 3]],
    ['JSON path text', 'meta->>lang=eq.fr', [3]],
    ['JSON path number', 'meta->awards=gt.1', [1, 6]],
    ['enum', 'genre=in.(essay,poetry)', [2, 4]],
    ['date', 'published=gte.2010-01-01', [3, 5, 6]],
    ['or with nested and', 'or=(price.lt.10,and(genre.eq.crime,stock.gt.10))', [2, 3]],
    ['not.or', 'not.or=(genre.eq.crime,genre.is.null)', [1, 2, 4]],
    ['and with not inside', 'and=(id.gt.1,id.not.in.(3,4),stock.gte.1)', [5, 6]],
    ['or with a quoted value holding reserved characters', 'or=(title.eq."Quiet Fields, Loud Skies",id.eq.2)', [2, 6]],
    ['or with any', 'or=(id.eq(any).{1,2},title.like.*Walking)', [1, 2, 4]],
    ['unicode value', 'title=eq.%C3%9Cn%C3%AFc%C3%B6d%C3%A9', []],
    ['SQL in a value is only a value', "title=eq.x'%3B%20drop%20table%20books%3B--", []],
  ];
  it.each(cases)('%s', async (_name, filter, expected) => {
    const res = await rest(stack, 'GET', `/books?select=id&order=id&${filter}`);
    expect(res.status, res.text).toBe(200);
    expect(ids(res.json())).toEqual(expected);
  });

  it('works through supabase-js helpers', async () => {
    const a = await anon.from('books').select('id').textSearch('title', "'quiet' & 'fields'", { config: 'english' });
    expect(ids(a.data)).toEqual([6]);
    const b = await anon.from('books').select('id').contains('meta', { series: { name: 'Coast' } });
    expect(ids(b.data)).toEqual([1]);
    const c = await anon.from('books').select('id').overlaps('tags', ['rail']).not('id', 'eq', 1);
    expect(ids(c.data)).toEqual([3]);
    const d = await anon.from('books').select('id').match({ author_id: 2, genre: 'crime' }).order('id');
    expect(ids(d.data)).toEqual([3, 5]);
    const e = await anon.from('books').select('id').in('title', ['On Walking', 'Salt and Stone', 'a,b(c)']).order('id');
    expect(ids(e.data)).toEqual([2, 4]);
    const f = await anon.from('books').select('id').ilikeAnyOf('title', ['%stone', '%walk%']).order('id');
    expect(ids(f.data)).toEqual([2, 4]);
  });

  it('answers 400 PGRST100 naming the problem for malformed filters', async () => {
    const op = await rest(stack, 'GET', '/books?id=equals.1');
    expect(op.status).toBe(400);
    expect(op.json().code).toBe('PGRST100');
    expect(op.json().message).toBe('"failed to parse filter (equals.1)" (line 1, column 1)');
    expect(op.json().details).toContain('operator');
    const isv = await rest(stack, 'GET', '/books?id=is.maybe');
    expect(isv.json().code).toBe('PGRST100');
    const logic = await rest(stack, 'GET', '/books?or=(id.eq.1');
    expect(logic.status).toBe(400);
    expect(logic.json().message).toBe('"failed to parse logic tree ((id.eq.1)" (line 1, column 9)');
    const sel = await rest(stack, 'GET', '/books?select=id,(');
    expect(sel.json().code).toBe('PGRST100');
    expect(sel.json().message).toBe('"failed to parse select parameter (id,()" (line 1, column 4)');
    const ord = await rest(stack, 'GET', '/books?order=id.sideways');
    expect(ord.json().code).toBe('PGRST100');
  });

  it('reports type errors from Postgres as 400 with the SQLSTATE', async () => {
    const { error, status } = await anon.from('books').select('id').eq('id', 'abc');
    expect(status).toBe(400);
    expect(error).toEqual({ code: '22P02', details: null, hint: null, message: 'invalid input syntax for type integer: "abc"' });
  });

  it('reports unknown columns as 42703', async () => {
    const sel = await anon.from('books').select('id, nope');
    expect(sel.status).toBe(400);
    expect(sel.error).toEqual({ code: '42703', details: null, hint: null, message: 'column books.nope does not exist' });
    const filt = await anon.from('books').select('id').eq('nope', 1);
    expect(filt.error?.code).toBe('42703');
  });
});

describe('order, limit, ranges and counts', () => {
  it('orders with nulls first/last and on a to-one embed column', async () => {
    const last = await rest(stack, 'GET', '/books?select=id&order=price.desc.nullslast');
    expect(ids(last.json())).toEqual([4, 3, 5, 1, 2, 6]);
    const first = await anon.from('books').select('id').order('price', { ascending: false, nullsFirst: true });
    expect(ids(first.data)).toEqual([6, 4, 3, 5, 1, 2]);
    const byAuthor = await rest(stack, 'GET', '/books?select=id,author:authors!author_id(name)&order=author(name).desc,id.asc');
    expect(byAuthor.status, byAuthor.text).toBe(200);
    expect(ids(byAuthor.json())).toEqual([6, 4, 3, 5, 1, 2]);
    const json = await rest(stack, 'GET', '/books?select=id&order=meta->>lang.asc.nullslast,id.desc&limit=3');
    const negative = await rest(stack, 'GET', '/books?select=id&limit=-1');
    expect(negative.status).toBe(416);
    expect(negative.json().details).toBe('Limit should be greater than or equal to zero.');
    expect(ids(json.json())).toEqual([6, 5, 2]);
  });

  it('ranges with offset/limit and counts them (206 when partial)', async () => {
    const { data, count, status } = await anon.from('books').select('id', { count: 'exact' }).order('id').range(1, 2);
    expect(ids(data)).toEqual([2, 3]);
    expect(count).toBe(6);
    expect(status).toBe(206);
    const all = await rest(stack, 'GET', '/books?select=id', { headers: { Prefer: 'count=exact' } });
    expect(all.status).toBe(200);
    expect(all.headers.get('content-range')).toBe('0-5/6');
    const planned = await anon.from('books').select('id', { count: 'planned' });
    expect(typeof planned.count).toBe('number');
    const estimated = await anon.from('books').select('id', { count: 'estimated' }).gt('id', 2);
    expect(estimated.count).toBe(4);
  });

  it('honours the Range header and answers 416 beyond the end', async () => {
    const res = await rest(stack, 'GET', '/books?select=id&order=id', { headers: { Range: '2-3', 'Range-Unit': 'items' } });
    expect(res.headers.get('content-range')).toBe('2-3/*');
    expect(ids(res.json())).toEqual([3, 4]);
    const beyond = await rest(stack, 'GET', '/books?select=id&offset=10', { headers: { Prefer: 'count=exact' } });
    expect(beyond.status).toBe(416);
    expect(beyond.json()).toEqual({
      code: 'PGRST103',
      details: 'An offset of 10 was requested, but there are only 6 rows.',
      hint: null,
      message: 'Requested range not satisfiable',
    });
    const empty = await rest(stack, 'GET', '/books?select=id&id=gt.100', { headers: { Prefer: 'count=exact' } });
    expect(empty.status).toBe(200);
    expect(empty.headers.get('content-range')).toBe('*/0');
  });

  it('HEAD returns headers and the count without a body', async () => {
    const { data, count, status } = await anon.from('books').select('*', { count: 'exact', head: true }).gt('stock', 2);
    expect(status).toBe(200);
    expect(data).toBeNull();
    expect(count).toBe(4);
    const raw = await rest(stack, 'HEAD', '/books');
    expect(raw.text).toBe('');
    expect(raw.headers.get('content-range')).toBe('0-5/*');
  });

  it('caps every read at max_rows (1000)', async () => {
    await stack.sql(`insert into public.counters (name) select 'c' || g from generate_series(1, 1100) g`);
    try {
      const { data, count } = await anon.from('counters').select('name', { count: 'exact' }).limit(5000);
      expect(data).toHaveLength(1000);
      expect(count).toBe(1100);
    } finally {
      await stack.sql(`delete from public.counters`);
    }
  });
});

describe('media types', () => {
  it('single() returns an object, or 406 PGRST116', async () => {
    const one = await anon.from('books').select('id, title').eq('id', 2).single();
    expect(one.data).toEqual({ id: 2, title: 'Salt and Stone' });
    const none = await anon.from('books').select('id').eq('id', 99).single();
    expect(none.status).toBe(406);
    expect(none.error).toEqual({
      code: 'PGRST116',
      details: 'The result contains 0 rows',
      hint: null,
      message: 'Cannot coerce the result to a single JSON object',
    });
    const many = await rest(stack, 'GET', '/books?select=id', { headers: { Accept: 'application/vnd.pgrst.object+json' } });
    expect(many.status).toBe(406);
    expect(many.json().details).toBe('The result contains 6 rows');
    const maybe = await anon.from('books').select('id').eq('id', 99).maybeSingle();
    expect(maybe.data).toBeNull();
    expect(maybe.error).toBeNull();
  });

  it('renders CSV and strips nulls', async () => {
    const csv = await anon.from('publishers').select('id, name, country').order('id').csv();
    expect(csv.data).toBe('id,name,country\n1,"Harbor Press",NO\n2,"Quill & Co",FR\n3,"Empty House",');
    const stripped = await anon.from('books').select('id, editor_id, genre').eq('id', 6).stripNulls();
    expect(stripped.data).toEqual([{ id: 6 }]);
  });

  it('refuses unknown media types with 406 PGRST107', async () => {
    const res = await rest(stack, 'GET', '/books', { headers: { Accept: 'image/png' } });
    expect(res.status).toBe(406);
    expect(res.json().code).toBe('PGRST107');
  });

  it('serves an OpenAPI 2.0 document at the root', async () => {
    const res = await rest(stack, 'GET', '/', { headers: { Accept: 'application/openapi+json' } });
    expect(res.status).toBe(200);
    const doc = res.json();
    expect(doc.swagger).toBe('2.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/books', '/authors', '/cheap_books', '/rpc/add']));
    expect(doc.definitions.books.properties.title.type).toBe('string');
  });
});

describe('profiles, schema cache, aggregates', () => {
  it('refuses an unexposed schema with 406 PGRST106 and echoes Content-Profile', async () => {
    const res = await rest(stack, 'GET', '/books', { headers: { 'Accept-Profile': 'auth' } });
    expect(res.status).toBe(406);
    expect(res.json()).toEqual({
      code: 'PGRST106',
      details: null,
      hint: 'Only the following schemas are exposed: public, graphql_public',
      message: 'Invalid schema: auth',
    });
    const ok = await rest(stack, 'GET', '/books?select=id&id=eq.1', { headers: { 'Accept-Profile': 'public' } });
    expect(ok.headers.get('content-profile')).toBe('public');
    // Several schemas are exposed (public, graphql_public): the profile is always named.
    const plain = await rest(stack, 'GET', '/books?select=id&id=eq.1');
    expect(plain.headers.get('content-profile')).toBe('public');
    expect(plain.headers.get('content-location')).toBe('/books?id=eq.1&select=id');
    const options = await rest(stack, 'OPTIONS', '/books');
    expect(options.status).toBe(200);
    expect(options.headers.get('allow')).toBe('OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE');
  });

  it('answers 404 PGRST205 for an unknown table', async () => {
    const { error, status } = await anon.from('bookz').select();
    expect(status).toBe(404);
    expect(error).toEqual({
      code: 'PGRST205',
      details: null,
      hint: "Perhaps you meant the table 'public.books'",
      message: "Could not find the table 'public.bookz' in the schema cache",
    });
  });

  it('sees new tables after NOTIFY pgrst', async () => {
    await stack.sql(`create table public.late (id int primary key); insert into public.late values (7); grant select on public.late to anon; notify pgrst, 'reload schema'`);
    let data: unknown = null;
    for (let i = 0; i < 50 && !data; i++) {
      const res = await anon.from('late').select('id');
      data = res.data;
      if (!data) await new Promise((r) => setTimeout(r, 100));
    }
    expect(data).toEqual([{ id: 7 }]);
  });

  it('allows aggregates only once pgrst.db_aggregates_enabled is set on the authenticator', async () => {
    const off = await anon.from('books').select('genre, total:stock.sum()');
    expect(off.status).toBe(400);
    expect(off.error).toEqual({ code: 'PGRST123', details: null, hint: null, message: 'Use of aggregate functions is not allowed' });
    await stack.sql(`alter role authenticator set pgrst.db_aggregates_enabled = 'true'; notify pgrst, 'reload config'`);
    try {
      let res: { data: unknown; error: unknown } = { data: null, error: off.error };
      for (let i = 0; i < 50 && res.error; i++) {
        res = await anon.from('books').select('author_id, total:stock.sum(), count(), price.max()').order('author_id');
        if (res.error) await new Promise((r) => setTimeout(r, 100));
      }
      expect(res.data).toEqual([
        { author_id: 1, total: 5, count: 2, max: 12.5 },
        { author_id: 2, total: 19, count: 2, max: 18 },
        { author_id: 3, total: 3, count: 1, max: 22 },
        { author_id: 4, total: 1, count: 1, max: null },
      ]);
    } finally {
      await stack.sql(`alter role authenticator reset pgrst.db_aggregates_enabled; notify pgrst, 'reload config'`);
    }
  });
});
