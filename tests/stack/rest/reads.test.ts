// PostgREST reads through the unmodified supabase-js: select grammar, every kind of
// embedded resource, every filter operator, logic trees, ordering, ranges, counts and
// response shapes, against the film fixture (tests/fixtures/rest/schema.sql). Expected
// values are written out from the fixture data.
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

const ids = (rows: unknown) => (rows as { id: number }[] | null)?.map((r) => r.id);

async function eventually<T>(fn: () => PromiseLike<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('select', () => {
  it('returns columns, aliases, casts and JSON paths', async () => {
    const { data, error } = await db
      .from('films')
      .select(
        'id, name:title, year::text, lang:meta->>lang, award_count:meta->awards->count, meta->awards, meta->cast->0, details->color',
      )
      .eq('id', 1)
      .single();
    expect(error).toBeNull();
    expect(data).toEqual({
      id: 1,
      name: 'Cléo from 5 to 7',
      year: '1962',
      lang: 'fr',
      award_count: 2,
      awards: { count: 2 },
      cast: 'Corinne',
      color: false,
    });
  });

  it('renders every column type as PostgreSQL renders it to JSON', async () => {
    const { data } = await db.from('films').select('*').eq('id', 2).single();
    expect(data).toEqual({
      id: 2,
      title: 'Rashomon',
      director_id: 2,
      genre: 'drama',
      year: 1950,
      rating: 8.2,
      tags: ['japan', 'classic'],
      meta: { lang: 'ja', awards: { count: 5 } },
      details: { color: false },
      runtime: '[80,90)',
      search: "'rashomon':1",
      created_at: '2020-01-01T00:00:00+00:00',
    });
  });

  it('selects, filters and orders by computed columns (functions of the row)', async () => {
    const { data } = await db.from('films').select('id, label').like('label', '%(195%').order('label');
    expect(data).toEqual([
      { id: 3, label: 'Ikiru (1952)' },
      { id: 2, label: 'Rashomon (1950)' },
    ]);
  });

  it('reports unknown columns and tables as PostgREST does', async () => {
    const col = await db.from('films').select('nope');
    expect(col.status).toBe(400);
    expect(col.error).toEqual({
      code: '42703',
      details: null,
      hint: null,
      message: 'column films.nope does not exist',
    });
    const tbl = await db.from('film').select();
    expect(tbl.status).toBe(404);
    expect(tbl.error).toEqual({
      code: 'PGRST205',
      details: null,
      hint: "Perhaps you meant the table 'public.films'",
      message: "Could not find the table 'public.film' in the schema cache",
    });
  });

  it('answers a malformed select with 400 PGRST100', async () => {
    const { status, error } = await db.from('films').select('id,directors(name');
    expect(status).toBe(400);
    expect(error?.code).toBe('PGRST100');
    expect(error?.message).toMatch(
      /^"failed to parse select parameter \(id,directors\(name\)" \(line 1, column \d+\)$/,
    );
  });
});

describe('embedded resources', () => {
  it('many-to-one embeds render as an object, or null', async () => {
    const { data } = await db.from('films').select('title, directors(name)').in('id', [1, 6]).order('id');
    expect(data).toEqual([
      { title: 'Cléo from 5 to 7', directors: { name: 'Agnès Varda' } },
      { title: 'Untitled', directors: null },
    ]);
  });

  it('one-to-many embeds render as arrays with their own filters, order, limit and offset', async () => {
    const ordered = await db
      .from('films')
      .select('title, reviews(stars, body)')
      .in('id', [1, 2, 4])
      .order('id')
      .order('stars', { referencedTable: 'reviews', ascending: true });
    expect(ordered.data).toEqual([
      {
        title: 'Cléo from 5 to 7',
        reviews: [
          { stars: 4, body: 'Paris in real time' },
          { stars: 5, body: 'Luminous' },
        ],
      },
      { title: 'Rashomon', reviews: [{ stars: 5, body: 'Four truths' }] },
      { title: 'The Gleaners and I', reviews: [] },
    ]);
    const limited = await db
      .from('films')
      .select('id, reviews(stars)')
      .in('id', [1, 3])
      .order('id')
      .order('stars', { referencedTable: 'reviews' })
      .range(1, 1, { referencedTable: 'reviews' });
    expect(limited.data).toEqual([
      { id: 1, reviews: [{ stars: 5 }] },
      { id: 3, reviews: [{ stars: 5 }] },
    ]);
    const filtered = await db
      .from('films')
      .select('id, reviews(stars)')
      .eq('reviews.stars', 5)
      .in('id', [1, 3, 4])
      .order('id');
    expect(filtered.data).toEqual([
      { id: 1, reviews: [{ stars: 5 }] },
      { id: 3, reviews: [{ stars: 5 }] },
      { id: 4, reviews: [] },
    ]);
  });

  it('many-to-many embeds go through the junction table, both ways', async () => {
    const films = await db
      .from('films')
      .select('title, actors(name)')
      .eq('id', 2)
      .order('name', { referencedTable: 'actors' });
    expect(films.data).toEqual([
      { title: 'Rashomon', actors: [{ name: 'Takashi Shimura' }, { name: 'Toshiro Mifune' }] },
    ]);
    const actors = await db
      .from('actors')
      .select('name, films(title)')
      .eq('id', 3)
      .order('title', { referencedTable: 'films' });
    expect(actors.data).toEqual([{ name: 'Takashi Shimura', films: [{ title: 'Ikiru' }, { title: 'Rashomon' }] }]);
    const junction = await db.from('films').select('id, roles(character, actors(name))').eq('id', 5).single();
    expect(junction.data).toEqual({ id: 5, roles: [{ character: 'Jeanne', actors: { name: 'Delphine Seyrig' } }] });
  });

  it('one-to-one embeds render as an object', async () => {
    const { data } = await db.from('films').select('id, film_budgets(amount)').in('id', [1, 3]).order('id');
    expect(data).toEqual([
      { id: 1, film_budgets: { amount: 64000 } },
      { id: 3, film_budgets: null },
    ]);
  });

  it('self-references embed the parent by column and the children by table', async () => {
    const { data } = await db
      .from('employees')
      .select('name, manager:manager_id(name), reports:employees(name)')
      .order('id')
      .order('id', { referencedTable: 'reports' });
    expect(data).toEqual([
      { name: 'Ada', manager: null, reports: [{ name: 'Grace' }, { name: 'Linus' }] },
      { name: 'Grace', manager: { name: 'Ada' }, reports: [{ name: 'Ken' }] },
      { name: 'Linus', manager: { name: 'Ada' }, reports: [] },
      { name: 'Ken', manager: { name: 'Grace' }, reports: [] },
    ]);
  });

  it('a self-reference hint names the children (PostgREST: family_tree!parent)', async () => {
    const { data } = await db
      .from('employees')
      .select('name, reports:employees!manager_id(name)')
      .in('id', [1, 2])
      .order('id')
      .order('id', { referencedTable: 'reports' });
    expect(data).toEqual([
      { name: 'Ada', reports: [{ name: 'Grace' }, { name: 'Linus' }] },
      { name: 'Grace', reports: [{ name: 'Ken' }] },
    ]);
  });

  it('counts embedded rows with the legacy rel(count), aggregates disabled', async () => {
    const { data } = await db.from('directors').select('name, films(count)').order('id');
    expect(data).toEqual([
      { name: 'Agnès Varda', films: [{ count: 2 }] },
      { name: 'Akira Kurosawa', films: [{ count: 2 }] },
      { name: 'Chantal Akerman', films: [{ count: 1 }] },
    ]);
  });

  it('two foreign keys to one table are ambiguous (300) until a !hint picks one', async () => {
    const amb = await db.from('messages').select('body, people(name)');
    expect(amb.status).toBe(300);
    expect(amb.error?.code).toBe('PGRST201');
    expect(amb.error?.message).toBe(
      "Could not embed because more than one relationship was found for 'messages' and 'people'",
    );
    expect(amb.error?.hint).toBe(
      "Try changing 'people' to one of the following: 'people!messages_receiver_id_fkey', 'people!messages_sender_id_fkey'. Find the desired relationship in the 'details' key.",
    );
    expect(amb.error?.details).toEqual([
      {
        cardinality: 'many-to-one',
        embedding: 'messages with people',
        relationship: 'messages_receiver_id_fkey using messages(receiver_id) and people(id)',
      },
      {
        cardinality: 'many-to-one',
        embedding: 'messages with people',
        relationship: 'messages_sender_id_fkey using messages(sender_id) and people(id)',
      },
    ]);
    const { data } = await db
      .from('messages')
      .select('body, sender:people!sender_id(name), receiver:people!messages_receiver_id_fkey(name)')
      .order('id');
    expect(data).toEqual([
      { body: 'hi Bob', sender: { name: 'Alice' }, receiver: { name: 'Bob' } },
      { body: 'hi Alice', sender: { name: 'Bob' }, receiver: { name: 'Alice' } },
      { body: 'hi Carol', sender: { name: 'Alice' }, receiver: { name: 'Carol' } },
    ]);
    const sent = await db
      .from('people')
      .select('name, sent:messages!sender_id(body)')
      .eq('id', 1)
      .order('id', { referencedTable: 'sent' })
      .single();
    expect(sent.data).toEqual({ name: 'Alice', sent: [{ body: 'hi Bob' }, { body: 'hi Carol' }] });
  });

  it('!inner drops parents without matches, !left keeps them, empty embeds only filter', async () => {
    const inner = await db
      .from('films')
      .select('title, reviews!inner(stars)', { count: 'exact' })
      .eq('reviews.stars', 3);
    expect(inner.data).toEqual([{ title: 'Ikiru', reviews: [{ stars: 3 }] }]);
    expect(inner.count).toBe(1);
    const left = await db.from('films').select('id, reviews!left(stars)').eq('reviews.stars', 3).order('id');
    expect(left.data).toEqual([
      { id: 1, reviews: [] },
      { id: 2, reviews: [] },
      { id: 3, reviews: [{ stars: 3 }] },
      { id: 4, reviews: [] },
      { id: 5, reviews: [] },
      { id: 6, reviews: [] },
    ]);
    const empty = await db.from('films').select('title, reviews()').eq('reviews.stars', 4).not('reviews', 'is', null);
    expect(empty.data).toEqual([{ title: 'Cléo from 5 to 7' }]);
    const none = await db
      .from('films')
      .select('id, reviews(stars)', { count: 'exact' })
      .is('reviews', null)
      .order('id');
    expect(none.data).toEqual([
      { id: 4, reviews: [] },
      { id: 5, reviews: [] },
      { id: 6, reviews: [] },
    ]);
    expect(none.count).toBe(3);
    const bad = await db.from('films').select('id, reviews(stars)').eq('reviews', 1);
    expect(bad.status).toBe(400);
    expect(bad.error).toEqual({
      code: 'PGRST120',
      details: 'Only is null or not is null filters are allowed on embedded resources',
      hint: null,
      message: "Bad operator on the 'reviews' embedded resource",
    });
  });

  it('spreads a to-one embed into the parent and a to-many embed into arrays', async () => {
    const one = await db.from('films').select('title, ...directors(director:name)').in('id', [1, 2]).order('id');
    expect(one.data).toEqual([
      { title: 'Cléo from 5 to 7', director: 'Agnès Varda' },
      { title: 'Rashomon', director: 'Akira Kurosawa' },
    ]);
    const many = await db
      .from('directors')
      .select('name, ...films(title, year)')
      .eq('id', 2)
      .order('year', { referencedTable: 'films' })
      .single();
    expect(many.data).toEqual({ name: 'Akira Kurosawa', title: ['Rashomon', 'Ikiru'], year: [1950, 1952] });
  });

  it('orders by a to-one embedded column; to-many is refused with PGRST118', async () => {
    const { data } = await db
      .from('films')
      .select('id, directors(name)')
      .not('director_id', 'is', null)
      .order('directors(name)', { ascending: false })
      .order('id');
    expect(ids(data)).toEqual([5, 2, 3, 1, 4]);
    const bad = await db.from('films').select('id, reviews(stars)').order('reviews(stars)');
    expect(bad.status).toBe(400);
    expect(bad.error).toEqual({
      code: 'PGRST118',
      details: "'films' and 'reviews' do not form a many-to-one or one-to-one relationship",
      hint: null,
      message: "A related order on 'reviews' is not possible",
    });
  });

  it('embeds through views using the foreign keys of their base tables', async () => {
    const card = await db.from('film_cards').select('title, directors(name)').eq('id', 4).single();
    expect(card.data).toEqual({ title: 'The Gleaners and I', directors: { name: 'Agnès Varda' } });
    const dir = await db.from('directors').select('name, film_cards(title)').eq('id', 3).single();
    expect(dir.data).toEqual({ name: 'Chantal Akerman', film_cards: [{ title: 'Jeanne Dielman' }] });
  });

  it('reports missing relationships and filters on resources that are not embedded', async () => {
    const rel = await db.from('films').select('id, nope(*)');
    expect(rel.status).toBe(400);
    expect(rel.error).toEqual({
      code: 'PGRST200',
      details:
        "Searched for a foreign key relationship between 'films' and 'nope' in the schema 'public', but no matches were found.",
      hint: null,
      message: "Could not find a relationship between 'films' and 'nope' in the schema cache",
    });
    const notEmbedded = await db.from('films').select('id').eq('reviews.stars', 5);
    expect(notEmbedded.status).toBe(400);
    expect(notEmbedded.error).toEqual({
      code: 'PGRST108',
      details: null,
      hint: "Verify that 'reviews' is included in the 'select' query parameter.",
      message: "'reviews' is not an embedded resource in this request",
    });
  });
});

describe('filters', () => {
  const q = () => db.from('films').select('id').order('id');

  it('compares with eq, neq, gt, gte, lt, lte, is and isdistinct', async () => {
    expect(ids((await q().eq('year', 1950)).data)).toEqual([2]);
    expect(ids((await q().neq('genre', 'drama')).data)).toEqual([4]);
    expect(ids((await q().gt('rating', 8.1)).data)).toEqual([2, 3]);
    expect(ids((await q().gte('rating', 8.2)).data)).toEqual([2, 3]);
    expect(ids((await q().lt('year', 1960)).data)).toEqual([2, 3]);
    expect(ids((await q().lte('year', 1962)).data)).toEqual([1, 2, 3]);
    expect(ids((await q().is('rating', null)).data)).toEqual([5, 6]);
    expect(ids((await q().not('rating', 'is', null)).data)).toEqual([1, 2, 3, 4]);
    expect(ids((await q().filter('genre', 'isdistinct', 'drama')).data)).toEqual([4, 6]);
    expect(ids((await q().not('year', 'gt', 1960)).data)).toEqual([2, 3]);
  });

  it('matches patterns with like, ilike, match, imatch and their any/all forms', async () => {
    expect(ids((await q().like('title', '%an%')).data)).toEqual([4, 5]);
    expect(ids((await q().like('title', '*an*')).data)).toEqual([4, 5]);
    expect(ids((await q().ilike('title', 'RASH*')).data)).toEqual([2]);
    expect(ids((await q().filter('title', 'match', '^R')).data)).toEqual([2]);
    expect(ids((await q().filter('title', 'imatch', '^r')).data)).toEqual([2]);
    expect(ids((await q().likeAnyOf('title', ['R%', 'I%'])).data)).toEqual([2, 3]);
    expect(ids((await q().ilikeAllOf('title', ['%E%', '%N%'])).data)).toEqual([4, 5, 6]);
    expect(ids((await q().filter('id', 'eq(any)', '{2,4}')).data)).toEqual([2, 4]);
    expect(ids((await q().filter('year', 'gt(all)', '{1940,1951}')).data)).toEqual([1, 3, 4, 5]);
  });

  it('filters with in(), quoting values that contain commas and parentheses', async () => {
    expect(ids((await q().in('id', [1, 3, 99])).data)).toEqual([1, 3]);
    expect(ids((await q().in('title', ['a,b (c)', 'Ikiru', 'Cléo from 5 to 7'])).data)).toEqual([1, 3]);
    expect(ids((await q().not('id', 'in', '(1,2,3)')).data)).toEqual([4, 5, 6]);
    expect(ids((await q().in('id', [])).data)).toEqual([]);
  });

  it('filters arrays, JSON and ranges with cs, cd, ov, sl, sr, nxl, nxr and adj', async () => {
    expect(ids((await q().contains('tags', ['classic'])).data)).toEqual([1, 2]);
    expect(ids((await q().containedBy('tags', ['japan', 'classic', 'paris'])).data)).toEqual([1, 2, 3, 5, 6]);
    expect(ids((await q().overlaps('tags', ['paris', 'harvest'])).data)).toEqual([1, 4]);
    expect(ids((await q().contains('meta', { lang: 'ja' })).data)).toEqual([2, 3]);
    expect(ids((await q().eq('meta->>lang', 'fr')).data)).toEqual([1, 4]);
    expect(ids((await q().gt('meta->awards->count', 1)).data)).toEqual([1, 2]);
    expect(ids((await q().rangeGt('runtime', '[100,120)')).data)).toEqual([3, 5]);
    expect(ids((await q().rangeLt('runtime', '[100,120)')).data)).toEqual([1, 2, 4]);
    expect(ids((await q().rangeGte('runtime', '[85,100)')).data)).toEqual([3, 5]);
    expect(ids((await q().rangeLte('runtime', '[80,90)')).data)).toEqual([2, 4]);
    expect(ids((await q().rangeAdjacent('runtime', '[95,100)')).data)).toEqual([1]);
    expect(ids((await q().overlaps('runtime', '[84,86)')).data)).toEqual([1, 2, 4]);
  });

  it('searches text with fts, plfts, phfts and wfts on tsvector and text columns', async () => {
    expect(ids((await q().textSearch('search', 'gleaners', { config: 'english' })).data)).toEqual([4]);
    expect(ids((await q().textSearch('title', 'gleaners and', { type: 'plain', config: 'english' })).data)).toEqual([
      4,
    ]);
    expect(
      ids((await q().textSearch('title', '"jeanne dielman"', { type: 'websearch', config: 'english' })).data),
    ).toEqual([5]);
    expect(ids((await q().textSearch('title', 'from 5', { type: 'phrase', config: 'english' })).data)).toEqual([1]);
    expect(ids((await q().textSearch('search', "'rashomon' | 'ikiru'")).data)).toEqual([2, 3]);
  });

  it('combines with or/and, nesting, negation, and inside embeds', async () => {
    expect(ids((await q().or('year.lt.1951,and(genre.eq.documentary,rating.gte.7)')).data)).toEqual([2, 4]);
    expect(ids((await q().or('title.eq."Cléo from 5 to 7",id.in.(5,6)')).data)).toEqual([1, 5, 6]);
    expect(ids((await q().or('tags.cs.{harvest},and(year.gte.1950,year.lte.1951)')).data)).toEqual([2, 4]);
    const negated = await rest(stack, 'GET', '/films?select=id&not.or=(year.lt.1960,year.is.null)&order=id');
    expect(negated.json()).toEqual([{ id: 1 }, { id: 4 }, { id: 5 }]);
    const embedded = await db
      .from('films')
      .select('id, reviews(stars)')
      .or('stars.eq.3,stars.eq.4', { referencedTable: 'reviews' })
      .in('id', [1, 3])
      .order('id');
    expect(embedded.data).toEqual([
      { id: 1, reviews: [{ stars: 4 }] },
      { id: 3, reviews: [{ stars: 3 }] },
    ]);
  });

  it('treats quotes, commas, parentheses, unicode and SQL in filter values as plain values', async () => {
    for (const v of ["'; drop table films; --", 'a,b)', '(x', '"quoted"', 'Ωμέγα 🎬', 'x\\y', '%_*']) {
      const r = await q().eq('title', v);
      expect(r.error).toBeNull();
      expect(r.data).toEqual([]);
    }
    const { count } = await db.from('films').select('*', { count: 'exact', head: true });
    expect(count).toBe(6);
  });

  it('answers filter syntax errors with 400 PGRST100', async () => {
    const r = await rest(stack, 'GET', '/films?id=noop.1');
    expect(r.status).toBe(400);
    expect(r.json()).toEqual({
      code: 'PGRST100',
      details: expect.stringMatching(/^unexpected "n" expecting/),
      hint: null,
      message: '"failed to parse filter (noop.1)" (line 1, column 1)',
    });
    expect(r.headers.get('proxy-status')).toBe('PostgREST; error=PGRST100');
  });
});

describe('order, ranges and counts', () => {
  it('orders with nullsfirst and nullslast', async () => {
    const a = await db.from('films').select('id').order('rating', { ascending: false, nullsFirst: true }).order('id');
    expect(ids(a.data)).toEqual([5, 6, 3, 2, 1, 4]);
    const b = await db.from('films').select('id').order('rating', { ascending: true, nullsFirst: false }).order('id');
    expect(ids(b.data)).toEqual([4, 1, 2, 3, 5, 6]);
  });

  it('pages with range() and reports the total in Content-Range (206 when partial)', async () => {
    const page = await db.from('films').select('id', { count: 'exact' }).order('id').range(1, 2);
    expect(page.status).toBe(206);
    expect(page.count).toBe(6);
    expect(ids(page.data)).toEqual([2, 3]);
    const all = await db.from('films').select('id', { count: 'exact' });
    expect(all.status).toBe(200);
    expect(all.count).toBe(6);
    const head = await db.from('films').select('*', { count: 'exact', head: true }).gt('id', 2);
    expect(head.data).toBeNull();
    expect(head.count).toBe(4);
    const planned = await db.from('films').select('id', { count: 'planned' });
    expect(typeof planned.count).toBe('number');
    const estimated = await db.from('films').select('id', { count: 'estimated' });
    expect(estimated.count).toBe(6);
  });

  it('answers Range headers, limit=0 and out-of-range offsets like PostgREST', async () => {
    const r = await rest(stack, 'GET', '/films?select=id&order=id', { headers: { Range: '1-2' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-range')).toBe('1-2/*');
    expect(r.json()).toEqual([{ id: 2 }, { id: 3 }]);
    const zero = await rest(stack, 'GET', '/films?select=id&limit=0', { headers: { Prefer: 'count=exact' } });
    expect(zero.status).toBe(206);
    expect(zero.headers.get('content-range')).toBe('*/6');
    expect(zero.json()).toEqual([]);
    const beyond = await rest(stack, 'GET', '/films?select=id&offset=10', { headers: { Prefer: 'count=exact' } });
    expect(beyond.status).toBe(416);
    expect(beyond.json()).toEqual({
      code: 'PGRST103',
      details: 'An offset of 10 was requested, but there are only 6 rows.',
      hint: null,
      message: 'Requested range not satisfiable',
    });
    const negative = await rest(stack, 'GET', '/films?select=id&limit=-1');
    expect(negative.status).toBe(416);
    expect(negative.json()).toMatchObject({
      code: 'PGRST103',
      details: 'Limit should be greater than or equal to zero.',
    });
    const empty = await rest(stack, 'GET', '/films?id=eq.99');
    expect(empty.headers.get('content-range')).toBe('*/*');
  });

  it('caps every read at max_rows (1000), even with a larger limit', async () => {
    const capped = await db.from('numbers').select('n', { count: 'exact' }).order('n');
    expect(capped.status).toBe(206);
    expect(capped.data).toHaveLength(1000);
    expect(capped.count).toBe(1100);
    const asked = await db.from('numbers').select('n').order('n').limit(5000);
    expect(asked.data).toHaveLength(1000);
    const offset = await db.from('numbers').select('n').order('n').range(1050, 1200);
    expect(offset.data).toHaveLength(50);
  });
});

describe('response shapes and headers', () => {
  it('single() asks for one object and gets 406 PGRST116 otherwise; maybeSingle() unwraps', async () => {
    const one = await db.from('directors').select('name').eq('id', 1).single();
    expect(one.data).toEqual({ name: 'Agnès Varda' });
    const none = await db.from('directors').select('name').eq('id', 99).single();
    expect(none.status).toBe(406);
    expect(none.error).toEqual({
      code: 'PGRST116',
      details: 'The result contains 0 rows',
      hint: null,
      message: 'Cannot coerce the result to a single JSON object',
    });
    const maybe = await db.from('directors').select('name').eq('id', 99).maybeSingle();
    expect(maybe.error).toBeNull();
    expect(maybe.data).toBeNull();
    const head = await rest(stack, 'HEAD', '/directors', { headers: { Accept: 'application/vnd.pgrst.object+json' } });
    expect(head.status).toBe(406);
    const many = await db.from('directors').select('name').maybeSingle();
    expect(many.status).toBe(406);
    expect(many.error?.code).toBe('PGRST116');
  });

  it('returns CSV, stripped nulls and the headers PostgREST sets', async () => {
    const csv = await db.from('films').select('id,title,year').lte('id', 2).order('id').csv();
    expect(csv.data).toBe('id,title,year\n1,"Cléo from 5 to 7",1962\n2,Rashomon,1950');
    const stripped = await db.from('films').select('id,year').gte('id', 5).order('id').stripNulls();
    expect(stripped.data).toEqual([{ id: 5, year: 1975 }, { id: 6 }]);
    const r = await rest(stack, 'GET', '/films?select=id&id=eq.1');
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(r.headers.get('content-range')).toBe('0-0/*');
    expect(r.headers.get('content-location')).toBe('/films?id=eq.1&select=id');
    expect(r.headers.get('content-profile')).toBe('public');
    const html = await rest(stack, 'GET', '/films', { headers: { Accept: 'text/html' } });
    expect(html.status).toBe(406);
    expect(html.json()).toEqual({
      code: 'PGRST107',
      details: null,
      hint: null,
      message: 'None of these media types are available: text/html',
    });
  });

  it('selects another exposed schema with Accept-Profile and refuses others', async () => {
    const { data } = await db.schema('graphql_public').from('gadgets').select('label').order('id');
    expect(data).toEqual([{ label: 'sprocket' }, { label: 'gizmo' }]);
    const r = await rest(stack, 'GET', '/gadgets?select=id&id=eq.2', {
      headers: { 'Accept-Profile': 'graphql_public' },
    });
    expect(r.headers.get('content-profile')).toBe('graphql_public');
    const bad = await db.schema('auth').from('users').select();
    expect(bad.status).toBe(406);
    expect(bad.error).toEqual({
      code: 'PGRST106',
      details: null,
      hint: 'Only the following schemas are exposed: public, graphql_public',
      message: 'Invalid schema: auth',
    });
  });

  it('answers OPTIONS with the allowed methods and the root with an OpenAPI description', async () => {
    const t = await rest(stack, 'OPTIONS', '/films');
    expect(t.status).toBe(200);
    expect(t.headers.get('allow')).toBe('OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE');
    const spec = await rest(stack, 'GET', '/', { headers: { Accept: 'application/openapi+json' } });
    expect(spec.status).toBe(200);
    const doc = spec.json() as {
      swagger: string;
      paths: Record<string, unknown>;
      definitions: Record<string, { properties: Record<string, unknown> }>;
    };
    expect(doc.swagger).toBe('2.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/films', '/rpc/add']));
    expect(Object.keys(doc.definitions.films!.properties)).toContain('title');
    const bad = await rest(stack, 'GET', '/films/1');
    expect(bad.status).toBe(404);
    expect(bad.json()).toEqual({
      code: 'PGRST125',
      details: null,
      hint: null,
      message: 'Invalid path specified in request URL',
    });
  });
});

describe('schema cache and configuration', () => {
  it('sees DDL after NOTIFY pgrst (and the DDL event trigger)', async () => {
    await stack.sql(
      `create table public.late_table (id int primary key, label text); insert into public.late_table values (1, 'late')`,
    );
    await stack.sql(`notify pgrst, 'reload schema'`);
    const r = await eventually(
      () => db.from('late_table').select('label'),
      (v) => v.error === null,
    );
    expect(r.data).toEqual([{ label: 'late' }]);
  });

  it('allows aggregates only once pgrst.db_aggregates_enabled is set on the authenticator', async () => {
    const off = await db.from('reviews').select('count()');
    expect(off.status).toBe(400);
    expect(off.error).toEqual({
      code: 'PGRST123',
      details: null,
      hint: null,
      message: 'Use of aggregate functions is not allowed',
    });
    await stack.sql(`alter role authenticator set pgrst.db_aggregates_enabled = 'true'; notify pgrst, 'reload config'`);
    try {
      const total = await eventually(
        () => db.from('reviews').select('stars.sum(), count()'),
        (v) => v.error === null,
      );
      expect(total.data).toEqual([{ sum: 22, count: 5 }]);
      const grouped = await db.from('reviews').select('film_id, stars.max(), n:count()').order('film_id');
      expect(grouped.data).toEqual([
        { film_id: 1, max: 5, n: 2 },
        { film_id: 2, max: 5, n: 1 },
        { film_id: 3, max: 5, n: 2 },
      ]);
      const embedded = await db.from('films').select('id, reviews(stars.avg()::int)').in('id', [1, 2]).order('id');
      expect(embedded.data).toEqual([
        { id: 1, reviews: [{ avg: 5 }] },
        { id: 2, reviews: [{ avg: 5 }] },
      ]);
      const hoisted = await db.from('reviews').select('...films(genre), stars.sum()');
      expect(hoisted.data).toEqual([{ sum: 22, genre: 'drama' }]);
    } finally {
      await stack.sql(`alter role authenticator reset pgrst.db_aggregates_enabled; notify pgrst, 'reload config'`);
    }
  });
});
