// The pure query-string grammar of stack/postgrest (spec 3.3): select trees, filters,
// logic trees, order, whole query strings, Prefer and Accept. Expected trees are
// written out by hand from PostgREST's documentation; fast-check checks that any
// input either parses or fails with a 400 PGRST100, never anything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../stack/postgrest/errors.ts';
import {
  parseAccept,
  parseFilterValue,
  parseLogic,
  parseOrder,
  parsePrefer,
  parseQuery,
  parseSelect,
} from '../../stack/postgrest/parser.ts';

const f = (name: string, json: { arrow: '->' | '->>'; key: string; index: boolean }[] = []) => ({ name, json });

function pgrst100(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('PGRST100');
    expect((e as ApiError).status).toBe(400);
    return e as ApiError;
  }
  throw new Error('expected PGRST100');
}

describe('select', () => {
  it('parses columns, star, aliases, casts and JSON paths', () => {
    expect(parseSelect('id,*,alias:name,price::text,data->a->>b,data->0,x:data->>-1::int')).toEqual([
      { kind: 'field', field: f('id') },
      { kind: 'star' },
      { kind: 'field', field: f('name'), alias: 'alias' },
      { kind: 'field', field: f('price'), cast: 'text' },
      { kind: 'field', field: f('data', [{ arrow: '->', key: 'a', index: false }, { arrow: '->>', key: 'b', index: false }]) },
      { kind: 'field', field: f('data', [{ arrow: '->', key: '0', index: true }]) },
      { kind: 'field', field: f('data', [{ arrow: '->>', key: '-1', index: true }]), alias: 'x', cast: 'int' },
    ]);
  });

  it('parses quoted names, embeds with hints, join types, spreads and nesting', () => {
    expect(parseSelect('"my col",a:rel!fk!inner(id,b(*)),...other(c),empty(),r!left(x)')).toEqual([
      { kind: 'field', field: f('my col') },
      {
        kind: 'embed',
        name: 'rel',
        alias: 'a',
        hint: 'fk',
        join: 'inner',
        spread: false,
        select: [
          { kind: 'field', field: f('id') },
          { kind: 'embed', name: 'b', spread: false, select: [{ kind: 'star' }] },
        ],
      },
      { kind: 'embed', name: 'other', spread: true, select: [{ kind: 'field', field: f('c') }] },
      { kind: 'embed', name: 'empty', spread: false, select: [] },
      { kind: 'embed', name: 'r', join: 'left', spread: false, select: [{ kind: 'field', field: f('x') }] },
    ]);
  });

  it('parses aggregates with casts before and after', () => {
    expect(parseSelect('count(),total:amount::int.sum()::text,price.avg()')).toEqual([
      { kind: 'count' },
      { kind: 'field', field: f('amount'), alias: 'total', cast: 'int', agg: 'sum', aggCast: 'text' },
      { kind: 'field', field: f('price'), agg: 'avg' },
    ]);
  });

  it('rejects malformed selects with PGRST100 naming the input', () => {
    expect(pgrst100(() => parseSelect('id,(')).message).toBe('"failed to parse select parameter (id,()" (line 1, column 4)');
    pgrst100(() => parseSelect('a(b'));
    pgrst100(() => parseSelect('a.median()'));
    pgrst100(() => parseSelect('x::'));
    pgrst100(() => parseSelect('a!hint'));
    pgrst100(() => parseSelect(',,'));
  });
});

describe('filters', () => {
  it('parses operators, negation, modifiers, fts configs and lists', () => {
    expect(parseFilterValue(f('a'), 'eq.1')).toEqual({ field: f('a'), negate: false, op: 'eq', value: '1' });
    expect(parseFilterValue(f('a'), 'not.like.*x*')).toEqual({ field: f('a'), negate: true, op: 'like', value: '%x%' });
    expect(parseFilterValue(f('a'), 'in.(1,"a,b",c\\d)')).toEqual({ field: f('a'), negate: false, op: 'in', value: ['1', 'a,b', 'c\\d'] });
    expect(parseFilterValue(f('a'), 'in.("a\\"b")').value).toEqual(['a"b']);
    expect(parseFilterValue(f('a'), 'ilike(any).{*a,b*}')).toEqual({ field: f('a'), negate: false, op: 'ilike', modifier: 'any', value: ['%a', 'b%'] });
    expect(parseFilterValue(f('t'), 'wfts(english).the cat')).toEqual({ field: f('t'), negate: false, op: 'wfts', config: 'english', value: 'the cat' });
    expect(parseFilterValue(f('a'), 'is.NULL').value).toBe('null');
    expect(parseFilterValue(f('a'), 'eq.a.b,c(d)').value).toBe('a.b,c(d)');
  });

  it('rejects unknown operators, bad is values and bad modifiers', () => {
    expect(pgrst100(() => parseFilterValue(f('a'), 'equals.1')).message).toBe('"failed to parse filter (equals.1)" (line 1, column 1)');
    pgrst100(() => parseFilterValue(f('a'), 'is.maybe'));
    pgrst100(() => parseFilterValue(f('a'), 'neq(any).{1}'));
    pgrst100(() => parseFilterValue(f('a'), 'in.1,2'));
    pgrst100(() => parseFilterValue(f('a'), 'eq'));
  });
});

describe('logic trees', () => {
  it('parses nested and/or with negation and quoted values', () => {
    expect(parseLogic('or', false, '(a.eq.1,not.and(b.gt.2,c.not.in.(1,2)),d.eq."x,y)",e->>f.like.*z)')).toEqual({
      kind: 'logic',
      op: 'or',
      negate: false,
      children: [
        { kind: 'filter', filter: { field: f('a'), negate: false, op: 'eq', value: '1' } },
        {
          kind: 'logic',
          op: 'and',
          negate: true,
          children: [
            { kind: 'filter', filter: { field: f('b'), negate: false, op: 'gt', value: '2' } },
            { kind: 'filter', filter: { field: f('c'), negate: true, op: 'in', value: ['1', '2'] } },
          ],
        },
        { kind: 'filter', filter: { field: f('d'), negate: false, op: 'eq', value: 'x,y)' } },
        { kind: 'filter', filter: { field: f('e', [{ arrow: '->>', key: 'f', index: false }]), negate: false, op: 'like', value: '%z' } },
      ],
    });
  });

  it('rejects unbalanced trees', () => {
    expect(pgrst100(() => parseLogic('or', false, '(a.eq.1')).message).toBe('"failed to parse logic tree ((a.eq.1)" (line 1, column 8)');
    pgrst100(() => parseLogic('and', false, 'a.eq.1'));
    pgrst100(() => parseLogic('or', false, '(a.eq.1))'));
    pgrst100(() => parseLogic('or', false, '()'));
  });
});

describe('order and query strings', () => {
  it('parses order terms with directions, nulls and embedded columns', () => {
    expect(parseOrder('a,b.desc,c.asc.nullslast,rel(d).desc.nullsfirst,j->>k.desc')).toEqual([
      { field: f('a') },
      { field: f('b'), dir: 'desc' },
      { field: f('c'), dir: 'asc', nulls: 'last' },
      { relation: 'rel', field: f('d'), dir: 'desc', nulls: 'first' },
      { field: f('j', [{ arrow: '->>', key: 'k', index: false }]), dir: 'desc' },
    ]);
    pgrst100(() => parseOrder('a.up'));
  });

  it('sorts parameters into levels, with + as a space', () => {
    const q = parseQuery(new URLSearchParams('select=*,rel(*)&a=eq.x+y&rel.b=gt.1&rel.order=b.desc&rel.limit=2&limit=10&offset=5&not.or=(c.eq.1)&columns="x",y&on_conflict=y'));
    expect(q.columns).toEqual(['x', 'y']);
    expect(q.onConflict).toEqual(['y']);
    expect(q.levels.get('')).toEqual({
      filters: [{ field: f('a'), negate: false, op: 'eq', value: 'x y' }],
      logic: [{ kind: 'logic', op: 'or', negate: true, children: [{ kind: 'filter', filter: { field: f('c'), negate: false, op: 'eq', value: '1' } }] }],
      limit: 10,
      offset: 5,
    });
    expect(q.levels.get('rel')).toEqual({
      filters: [{ field: f('b'), negate: false, op: 'gt', value: '1' }],
      logic: [],
      order: [{ field: f('b'), dir: 'desc' }],
      limit: 2,
    });
    expect(() => parseQuery(new URLSearchParams('limit=-1'))).toThrow(expect.objectContaining({ code: 'PGRST103', status: 416 }));
    pgrst100(() => parseQuery(new URLSearchParams('limit=ten')));
  });

  it('leaves RPC arguments aside', () => {
    const q = parseQuery(new URLSearchParams('a=1&b=eq.2'), (k) => k === 'a');
    expect(q.rest).toEqual([['a', '1']]);
    expect(q.levels.get('')!.filters).toHaveLength(1);
  });
});

describe('Prefer and Accept', () => {
  it('parses comma-joined preferences', () => {
    const p = parsePrefer('return=representation, count=exact,tx=rollback, handling=strict, max-affected=5, bogus=1');
    expect(p).toMatchObject({ return: 'representation', count: 'exact', tx: 'rollback', handling: 'strict', maxAffected: 5 });
    expect(p.unknown).toEqual(['bogus=1']);
    expect(p.applied).toEqual(['return=representation', 'count=exact', 'tx=rollback', 'handling=strict', 'max-affected=5']);
  });

  it('negotiates media types', () => {
    expect(parseAccept(undefined)).toEqual({ kind: 'json', stripNulls: false });
    expect(parseAccept('application/vnd.pgrst.object+json')).toEqual({ kind: 'object', stripNulls: false });
    expect(parseAccept('application/vnd.pgrst.array+json;nulls=stripped')).toEqual({ kind: 'json', stripNulls: true });
    expect(parseAccept('text/csv;q=0.5, application/json')).toEqual({ kind: 'json', stripNulls: false });
    expect(parseAccept('image/png')).toEqual({ unsupported: 'image/png' });
    expect(parseAccept('application/openapi+json', true)).toEqual({ kind: 'openapi', stripNulls: false });
  });
});

describe('fuzzing', () => {
  const pieces = ['a', 'b', '"', ',', '(', ')', '.', ':', '::', '!', '->', '->>', '*', '{', '}', 'eq', 'not', 'in', 'or', 'and', 'é', '日本', "'", ';', '--', 'select', ' ', '\\', '...', 'inner'];
  const junk = fc.array(fc.constantFrom(...pieces), { maxLength: 25 }).map((xs) => xs.join(''));
  const anything = fc.oneof(junk, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));

  it('every parser either returns or throws a 400 PGRST100 (or 416 for a negative limit)', () => {
    const ok = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        // PGRST103 (416) is the one other refusal: a negative limit.
        if (!(e instanceof ApiError) || !((e.code === 'PGRST100' && e.status === 400) || (e.code === 'PGRST103' && e.status === 416))) throw e;
      }
    };
    fc.assert(
      fc.property(anything, anything, (s, t) => {
        ok(() => parseSelect(s));
        ok(() => parseFilterValue(f('a'), s));
        ok(() => parseLogic('or', false, s));
        ok(() => parseOrder(s));
        ok(() => parseQuery(new URLSearchParams([[s, t]])));
      }),
      { numRuns: 3000 },
    );
  });

  it('filter values survive round trips through in-lists', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 5 }), (vals) => {
        const quoted = vals.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',');
        expect(parseFilterValue(f('a'), `in.(${quoted})`).value).toEqual(vals);
      }),
    );
  });
});
