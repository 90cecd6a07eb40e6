// The REST service's pure parts: PostgREST's query-string grammar, Prefer and Accept
// parsing, and the SQL builder's handling of values (always bind parameters). The
// expected trees are written out by hand from PostgREST's documentation and doctests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RestError } from '../../stack/rest/errors.ts';
import {
  parseFilterValue,
  parseLogic,
  parseOrder,
  parseQueryParams,
  parseSelect,
  splitQuery,
  urlDecode,
} from '../../stack/rest/parser.ts';
import { buildReadPlan } from '../../stack/rest/plan.ts';
import { decodeMediaType, parseAccept, parsePrefer, preferenceApplied } from '../../stack/rest/prefer.ts';
import type { Column, SchemaCache, Table } from '../../stack/rest/schema.ts';
import { arrayLiteral, ident, mainRead } from '../../stack/rest/sql.ts';

const fld = (name: string) => ({ name, jsonPath: [] });

function pgrst100(f: () => unknown): RestError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RestError);
    expect((e as RestError).code).toBe('PGRST100');
    expect((e as RestError).status).toBe(400);
    return e as RestError;
  }
  throw new Error('expected a PGRST100 parse error');
}

describe('select', () => {
  it('parses columns, star, aliases, casts and JSON paths', () => {
    expect(parseSelect('id,*,alias:name,price::text,data->a->>b,data->0,data->>-1,cast:data->x::int')).toEqual([
      { kind: 'field', field: fld('id') },
      { kind: 'field', field: fld('*') },
      { kind: 'field', field: fld('name'), alias: 'alias' },
      { kind: 'field', field: fld('price'), cast: 'text' },
      {
        kind: 'field',
        field: {
          name: 'data',
          jsonPath: [
            { arrow: '->', key: 'a', idx: false },
            { arrow: '->>', key: 'b', idx: false },
          ],
        },
      },
      { kind: 'field', field: { name: 'data', jsonPath: [{ arrow: '->', key: '+0', idx: true }] } },
      { kind: 'field', field: { name: 'data', jsonPath: [{ arrow: '->>', key: '-1', idx: true }] } },
      {
        kind: 'field',
        field: { name: 'data', jsonPath: [{ arrow: '->', key: 'x', idx: false }] },
        alias: 'cast',
        cast: 'int',
      },
    ]);
  });

  it('parses quoted names, dashes and spaces', () => {
    expect(parseSelect('"a,b","quote\\"d",first-name, spaced name ')).toEqual([
      { kind: 'field', field: fld('a,b') },
      { kind: 'field', field: fld('quote"d') },
      { kind: 'field', field: fld('first-name') },
      { kind: 'field', field: fld('spaced name') },
    ]);
  });

  it('parses embeds with alias, hint, join type, nesting and spread', () => {
    expect(
      parseSelect(
        'title,director:directors!films_director_id_fkey!inner(name,films(*)),roles!left(),...budget(amount)',
      ),
    ).toEqual([
      { kind: 'field', field: fld('title') },
      {
        kind: 'relation',
        name: 'directors',
        alias: 'director',
        hint: 'films_director_id_fkey',
        joinType: 'inner',
        children: [
          { kind: 'field', field: fld('name') },
          { kind: 'relation', name: 'films', children: [{ kind: 'field', field: fld('*') }] },
        ],
      },
      { kind: 'relation', name: 'roles', joinType: 'left', children: [] },
      { kind: 'spread', name: 'budget', children: [{ kind: 'field', field: fld('amount') }] },
    ]);
    // Join type first, hint second.
    expect(parseSelect('r!inner!hint(*)')[0]).toMatchObject({ name: 'r', hint: 'hint', joinType: 'inner' });
  });

  it('parses aggregates: count(), col.agg() and casts before and after', () => {
    expect(parseSelect('count(),n:count()::text,total.sum(),price::numeric.avg()::int,id.max(),id.min()')).toEqual([
      { kind: 'field', field: fld('*'), agg: 'count' },
      { kind: 'field', field: fld('*'), agg: 'count', aggCast: 'text', alias: 'n' },
      { kind: 'field', field: fld('total'), agg: 'sum' },
      { kind: 'field', field: fld('price'), cast: 'numeric', agg: 'avg', aggCast: 'int' },
      { kind: 'field', field: fld('id'), agg: 'max' },
      { kind: 'field', field: fld('id'), agg: 'min' },
    ]);
  });

  it('an empty select is an empty list; `count` alone is a column', () => {
    expect(parseSelect('')).toEqual([]);
    expect(parseSelect('count')).toEqual([{ kind: 'field', field: fld('count') }]);
  });

  it('reports malformed selects as PGRST100 naming the parameter and column', () => {
    const e = pgrst100(() => parseSelect('id,clients(name[])'));
    expect(e.message).toBe('"failed to parse select parameter (id,clients(name[]))" (line 1, column 16)');
    expect(e.details).toMatch(/^unexpected "\[" expecting/);
    expect(pgrst100(() => parseSelect('name::')).message).toContain('column 7');
    expect(pgrst100(() => parseSelect('data->>-78xy')).details).toMatch(/^unexpected "x"/);
    pgrst100(() => parseSelect('rel(id'));
    pgrst100(() => parseSelect('name!hint'));
  });
});

describe('filters', () => {
  it('parses every operator', () => {
    const ops = ['eq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch'];
    for (const op of ops)
      expect(parseFilterValue(`${op}.v`)).toEqual({ not: false, op: { kind: 'quant', op, value: 'v' } });
    for (const op of ['neq', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj']) {
      expect(parseFilterValue(`${op}.v`)).toEqual({ not: false, op: { kind: 'simple', op, value: 'v' } });
    }
    for (const op of ['fts', 'plfts', 'phfts', 'wfts']) {
      expect(parseFilterValue(`${op}.a b`)).toEqual({ not: false, op: { kind: 'fts', op, value: 'a b' } });
    }
    expect(parseFilterValue('isdistinct.x')).toEqual({ not: false, op: { kind: 'isdistinct', value: 'x' } });
  });

  it('takes the rest of the value verbatim, dots, commas and parentheses included', () => {
    expect(parseFilterValue('eq.a.b,c(d)"e"')).toEqual({
      not: false,
      op: { kind: 'quant', op: 'eq', value: 'a.b,c(d)"e"' },
    });
    expect(parseFilterValue('eq.')).toEqual({ not: false, op: { kind: 'quant', op: 'eq', value: '' } });
  });

  it('parses not, any/all modifiers, fts languages and is values (case-insensitive)', () => {
    expect(parseFilterValue('not.eq(all).{1,2}')).toEqual({
      not: true,
      op: { kind: 'quant', op: 'eq', quant: 'all', value: '{1,2}' },
    });
    expect(parseFilterValue('like(any).{a*,*b}')).toEqual({
      not: false,
      op: { kind: 'quant', op: 'like', quant: 'any', value: '{a*,*b}' },
    });
    expect(parseFilterValue('wfts(english).the cat')).toEqual({
      not: false,
      op: { kind: 'fts', op: 'wfts', lang: 'english', value: 'the cat' },
    });
    expect(parseFilterValue('is.NULL')).toEqual({ not: false, op: { kind: 'is', value: 'null' } });
    expect(parseFilterValue('not.is.not_null')).toEqual({ not: true, op: { kind: 'is', value: 'not_null' } });
    expect(parseFilterValue('is.True')).toEqual({ not: false, op: { kind: 'is', value: 'true' } });
    expect(parseFilterValue('is.unknown')).toEqual({ not: false, op: { kind: 'is', value: 'unknown' } });
  });

  it('parses in lists with quoted values and backslash escapes', () => {
    expect(parseFilterValue('in.(1,"a,b","c\\"d",)')).toEqual({
      not: false,
      op: { kind: 'in', values: ['1', 'a,b', 'c"d', ''] },
    });
    expect(parseFilterValue('not.in.()')).toEqual({ not: true, op: { kind: 'in', values: [''] } });
  });

  it('rejects unknown operators and malformed modifiers', () => {
    const e = pgrst100(() => parseFilterValue('noop.0'));
    expect(e.message).toBe('"failed to parse filter (noop.0)" (line 1, column 1)');
    pgrst100(() => parseFilterValue('eq'));
    pgrst100(() => parseFilterValue('eq().x'));
    pgrst100(() => parseFilterValue('fts().x'));
    pgrst100(() => parseFilterValue('is.maybe'));
    pgrst100(() => parseFilterValue('in.(1,2'));
    pgrst100(() => parseFilterValue('not.nope.1'));
  });
});

describe('logic trees', () => {
  it('parses nested and/or with negation', () => {
    expect(parseLogic('or', '(id.eq.1,not.and(a.gt.2,b.in.(x,"y,z")),name.eq."a,b")')).toEqual({
      path: [],
      tree: {
        kind: 'expr',
        not: false,
        op: 'or',
        children: [
          {
            kind: 'stmt',
            filter: { field: fld('id'), expr: { not: false, op: { kind: 'quant', op: 'eq', value: '1' } } },
          },
          {
            kind: 'expr',
            not: true,
            op: 'and',
            children: [
              {
                kind: 'stmt',
                filter: { field: fld('a'), expr: { not: false, op: { kind: 'quant', op: 'gt', value: '2' } } },
              },
              {
                kind: 'stmt',
                filter: { field: fld('b'), expr: { not: false, op: { kind: 'in', values: ['x', 'y,z'] } } },
              },
            ],
          },
          {
            kind: 'stmt',
            filter: { field: fld('name'), expr: { not: false, op: { kind: 'quant', op: 'eq', value: 'a,b' } } },
          },
        ],
      },
    });
  });

  it('takes embed paths and not. from the key', () => {
    expect(parseLogic('not.and', '(a.eq.1)').tree).toMatchObject({ kind: 'expr', not: true, op: 'and' });
    expect(parseLogic('clients.projects.or', '(a.eq.1)').path).toEqual(['clients', 'projects']);
  });

  it('keeps {a,b} array literals whole inside logic trees', () => {
    const t = parseLogic('or', '(tags.cs.{a,b},id.eq.1)').tree;
    expect(t.kind === 'expr' && t.children[0]).toEqual({
      kind: 'stmt',
      filter: { field: fld('tags'), expr: { not: false, op: { kind: 'simple', op: 'cs', value: '{a,b}' } } },
    });
  });

  it('rejects malformed trees', () => {
    expect(pgrst100(() => parseLogic('or', '()')).message).toBe('"failed to parse logic tree (())" (line 1, column 4)');
    pgrst100(() => parseLogic('or', '(id.in.1,2,id.eq.3)'));
    pgrst100(() => parseLogic('or', 'id=eq.1'));
    pgrst100(() => parseLogic('or', '(id.eq.1,not.xor(a.eq.1))'));
  });
});

describe('order', () => {
  it('parses directions, null ordering, JSON paths and related columns', () => {
    expect(parseOrder('name.desc.nullsfirst,age,data->k.asc.nullslast,clients(name).desc')).toEqual([
      { kind: 'field', field: fld('name'), dir: 'desc', nulls: 'first' },
      { kind: 'field', field: fld('age') },
      {
        kind: 'field',
        field: { name: 'data', jsonPath: [{ arrow: '->', key: 'k', idx: false }] },
        dir: 'asc',
        nulls: 'last',
      },
      { kind: 'relation', relation: 'clients', field: fld('name'), dir: 'desc' },
    ]);
    expect(parseOrder('id.nullslast')).toEqual([{ kind: 'field', field: fld('id'), nulls: 'last' }]);
  });

  it('rejects unknown directions', () => {
    expect(pgrst100(() => parseOrder('id.descc')).message).toContain('failed to parse order (id.descc)');
    pgrst100(() => parseOrder('id.ac'));
    pgrst100(() => parseOrder('id.asc.nullslasttt'));
    pgrst100(() => parseOrder('clients(name,id)'));
  });
});

describe('whole query strings', () => {
  it('sorts parameters into select, filters, logic, order, ranges and reserved ones', () => {
    const qp = parseQueryParams(
      'select=id,rel(*)&id=eq.1&rel.name=like.*a*&order=id.desc&rel.order=name&limit=10&offset=5&rel.limit=2&or=(a.eq.1,b.eq.2)&rel.or=(c.eq.3)&columns=a,"b"&on_conflict=id',
      false,
    );
    expect(qp.filters).toEqual([
      { path: [], filter: { field: fld('id'), expr: { not: false, op: { kind: 'quant', op: 'eq', value: '1' } } } },
      {
        path: ['rel'],
        filter: { field: fld('name'), expr: { not: false, op: { kind: 'quant', op: 'like', value: '*a*' } } },
      },
    ]);
    expect(qp.order.map((o) => o.path)).toEqual([[], ['rel']]);
    expect(qp.logic.map((l) => l.path)).toEqual([[], ['rel']]);
    expect(qp.ranges).toEqual([
      { path: [], range: { offset: 5, limit: 10 } },
      { path: ['rel'], range: { offset: 0, limit: 2 } },
    ]);
    expect(qp.columns).toEqual(['a', 'b']);
    expect(qp.onConflict).toEqual(['id']);
    expect(qp.select).toHaveLength(2);
  });

  it('decodes + as a space and percent escapes, leaving bad escapes alone', () => {
    expect(splitQuery('a=x+y&b=%41%2C%zz&c')).toEqual([
      ['a', 'x y'],
      ['b', 'A,%zz'],
      ['c', undefined],
    ]);
    expect(urlDecode('%C3%A9%E2%82%AC')).toBe('é€');
    expect(parseQueryParams('name=eq.a+b', false).filters[0]!.filter.expr.op).toEqual({
      kind: 'quant',
      op: 'eq',
      value: 'a b',
    });
  });

  it('defaults select to * and ignores unreadable limits', () => {
    expect(parseQueryParams('', false).select).toEqual([{ kind: 'field', field: fld('*') }]);
    expect(parseQueryParams('limit=abc', false).ranges).toEqual([{ path: [], range: { offset: 0, limit: undefined } }]);
    expect(parseQueryParams('limit=-1', false).negativeLimit).toBe(true);
  });

  it('on RPC reads, values that are not operator expressions are arguments', () => {
    const qp = parseQueryParams('a=1&b=eq.2&c=hello world', true);
    expect(qp.rpcParams).toEqual([
      ['a', '1'],
      ['c', 'hello world'],
    ]);
    expect(qp.filters.map((f) => f.filter.field.name)).toEqual(['b']);
    // On a table the same value is a parse error.
    pgrst100(() => parseQueryParams('a=1', false));
  });

  it('canonicalises the query string by sorted keys', () => {
    expect(parseQueryParams('select=a,b&id=eq.1', false).canonical).toBe('id=eq.1&select=a%2Cb');
  });
});

describe('Prefer and Accept', () => {
  it('takes the first value of each preference across comma-joined headers', () => {
    const p = parsePrefer([
      'return=representation, count=exact',
      'return=minimal, tx=rollback, bogus, max-affected=5, timezone=UTC',
    ]);
    expect(p).toEqual({
      return: 'representation',
      count: 'exact',
      tx: 'rollback',
      maxAffected: 5,
      timezone: 'UTC',
      invalid: ['bogus'],
    });
    expect(preferenceApplied({ ...p, handling: 'strict' })).toBe(
      'return=representation, count=exact, tx=rollback, handling=strict, timezone=UTC, max-affected=5',
    );
    expect(preferenceApplied({})).toBeUndefined();
  });

  it('decodes PostgREST media types and orders Accept by quality', () => {
    expect(decodeMediaType('application/vnd.pgrst.object+json;nulls=stripped')).toEqual({
      kind: 'object',
      stripNulls: true,
    });
    expect(decodeMediaType('ApplicatIon/vnd.PgRsT.object+json')).toEqual({ kind: 'object', stripNulls: false });
    expect(decodeMediaType('application/vnd.pgrst.array+json')).toEqual({ kind: 'json' });
    expect(decodeMediaType('application/vnd.pgrst.array+json;nulls=stripped')).toEqual({ kind: 'arrayStrip' });
    expect(decodeMediaType('text/csv')).toEqual({ kind: 'csv' });
    expect(parseAccept('text/html;q=0.5, text/csv')).toEqual([{ kind: 'csv' }, { kind: 'other', mime: 'text/html' }]);
    expect(parseAccept(undefined)).toEqual([{ kind: 'any' }]);
  });
});

describe('SQL building', () => {
  const col = (name: string, type: string): Column => ({
    name,
    type,
    nominalType: type,
    nullable: true,
    default: null,
    enumValues: [],
  });
  const table: Table = {
    schema: 'public',
    name: 'films',
    isView: false,
    insertable: true,
    updatable: true,
    deletable: true,
    pk: ['id'],
    columns: new Map([
      ['id', col('id', 'integer')],
      ['title', col('title', 'text')],
      ['meta', col('meta', 'jsonb')],
    ]),
    columnList: [col('id', 'integer'), col('title', 'text'), col('meta', 'jsonb')],
  };
  const cache: SchemaCache = {
    version: 1,
    tables: new Map([['public\u0000films', table]]),
    relationships: new Map(),
    routines: new Map(),
    roleSettings: new Map(),
    aggregatesEnabled: false,
  };
  const build = (qs: string) => {
    const qp = parseQueryParams(qs, false);
    const tree = buildReadPlan(
      cache,
      { schema: 'public', name: 'films' },
      {
        schema: 'public',
        action: 'read',
        qp,
        topRange: { offset: 0 },
        maxRows: 1000,
        aggregatesEnabled: false,
      },
    );
    return mainRead(tree, 'json', undefined, 1000);
  };

  it('quotes identifiers and escapes array literals', () => {
    expect(ident('a"b\u0000c')).toBe('"a""bc"');
    expect(arrayLiteral(['a,b', 'c"d', 'e\\f'])).toBe('{"a,b","c\\"d","e\\\\f"}');
  });

  it('puts filter values only in bind parameters', () => {
    const s = build(
      'select=id,title,meta->>k&title=eq.x&meta->a->>b=in.(1,2)&id=not.is.null&order=title.desc.nullslast',
    );
    expect(s.text).toContain('"public"."films"."title" = $');
    expect(s.text).toContain('"public"."films"."meta"->$');
    expect(s.text).toContain('ORDER BY "public"."films"."title" DESC NULLS LAST');
    expect(s.params).toContain('x');
    expect(s.params).toContain('{"1","2"}');
    expect(s.text).not.toContain("'x'");
  });

  it('never puts any filter value into the SQL text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }).filter((v) => v.length > 3),
        fc.constantFrom('eq', 'neq', 'like', 'ilike', 'gt', 'cs', 'fts', 'isdistinct', 'match'),
        (value, op) => {
          const qs = new URLSearchParams({ title: `${op}.${value}` }).toString();
          const s = build(qs);
          expect(s.text.includes(value)).toBe(false);
          const expected = op === 'like' || op === 'ilike' ? value.replace(/\*/g, '%') : value;
          expect(s.params.some((p) => typeof p === 'string' && p.includes(expected))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round-trips in() lists quoted the way postgrest-js quotes them (property)', () => {
    const item = fc.string({ maxLength: 12, unit: 'grapheme' }).filter((s) => !/["\\]/.test(s));
    fc.assert(
      fc.property(fc.uniqueArray(item, { minLength: 1, maxLength: 6 }), (values) => {
        // postgrest-js: values containing , ( ) are wrapped in double quotes.
        const list = values.map((v) => (/[,()]/.test(v) ? `"${v}"` : v)).join(',');
        const qs = new URLSearchParams({ id: `in.(${list})` }).toString();
        const f = parseQueryParams(qs, false).filters[0]!.filter.expr.op;
        // Unquoted values keep surrounding spaces except at the list's outer edges.
        expect(f.kind).toBe('in');
        if (f.kind !== 'in') return;
        expect(f.values.map((v) => v.trim())).toEqual(values.map((v) => v.trim()));
      }),
      { numRuns: 300 },
    );
  });

  it('answers any query string with a result or a PGRST100, never another error (property)', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('select', 'order', 'or', 'and', 'limit', 'not.or', 'a.or', 'id', 'x.y', 'data->a'),
      fc.constantFrom(
        '(',
        ')',
        ',',
        '.',
        ':',
        '!',
        '"',
        '\\',
        '*',
        '->',
        '->>',
        '::',
        '{',
        '}',
        'eq.',
        'not.',
        'in.(',
        '..',
      ),
    );
    const value = fc.array(piece, { maxLength: 8 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, value), { maxLength: 5 }), fc.boolean(), (pairs, rpc) => {
        const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        try {
          parseQueryParams(qs, rpc);
        } catch (e) {
          expect(e).toBeInstanceOf(RestError);
          expect((e as RestError).code).toBe('PGRST100');
          expect((e as RestError).message).toMatch(/^"failed to parse /);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
