// PostgREST's query-string grammar (spec 3.3; PostgREST ApiRequest/QueryParams.hs) as
// a pure module: select trees, filters, logic trees, order, ranges, Prefer and Accept.
// Everything here only produces data; identifiers are checked against the schema
// cache and values become bind parameters later (sql.ts).
import { ApiError, parseError } from './errors.ts';

export interface JsonOp {
  arrow: '->' | '->>';
  key: string;
  /** Numeric path element: an array index. */
  index: boolean;
}

export interface Field {
  name: string;
  json: JsonOp[];
}

export type AggFn = 'count' | 'sum' | 'avg' | 'min' | 'max';

export type SelectItem =
  | { kind: 'star' }
  | { kind: 'field'; field: Field; alias?: string; cast?: string; agg?: AggFn; aggCast?: string }
  | { kind: 'count'; alias?: string; cast?: string }
  | {
      kind: 'embed';
      name: string;
      alias?: string;
      hint?: string;
      join?: 'inner' | 'left';
      spread: boolean;
      select: SelectItem[];
    };

export const OPERATORS = [
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch', 'in', 'is', 'isdistinct',
  'fts', 'plfts', 'phfts', 'wfts', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj',
] as const;
export type Operator = (typeof OPERATORS)[number];
const QUANTIFIABLE = new Set(['eq', 'like', 'ilike', 'gt', 'gte', 'lt', 'lte', 'match', 'imatch']);
const FTS = new Set(['fts', 'plfts', 'phfts', 'wfts']);
const IS_VALUES = new Set(['null', 'not_null', 'true', 'false', 'unknown']);

export interface Filter {
  field: Field;
  negate: boolean;
  op: Operator;
  modifier?: 'any' | 'all';
  /** Text-search configuration of fts operators. */
  config?: string;
  /** A scalar value, or a list for `in` and any/all. */
  value: string | string[];
}

export type LogicNode = { kind: 'filter'; filter: Filter } | LogicTree;
export interface LogicTree {
  kind: 'logic';
  op: 'and' | 'or';
  negate: boolean;
  children: LogicNode[];
}

export interface OrderTerm {
  /** Set when ordering by a to-one embed's column: `rel(col)`. */
  relation?: string;
  field: Field;
  dir?: 'asc' | 'desc';
  nulls?: 'first' | 'last';
}

/** Filters, logic, order and range that apply at one level of the embed tree. */
export interface LevelParams {
  filters: Filter[];
  logic: LogicTree[];
  order?: OrderTerm[];
  limit?: number;
  offset?: number;
  /** Embed-level null filters on the embed itself: `rel=is.null` / `rel=not.is.null`. */
}

export interface QueryParams {
  select: SelectItem[];
  /** Parameters by embed path ('' = top level, 'a.b' = nested embed by alias/name). */
  levels: Map<string, LevelParams>;
  columns?: string[];
  onConflict?: string[];
  /** Keys that were not reserved or filters: RPC GET arguments are taken from here. */
  rest: [string, string][];
}

// ---------------------------------------------------------------------------
// Cursor over one parameter value.

const IDENT = /[\p{L}\p{N}_$]/u;

class Cursor {
  i = 0;
  constructor(
    readonly s: string,
    readonly what: string,
  ) {}
  get done(): boolean {
    return this.i >= this.s.length;
  }
  peek(n = 0): string {
    return this.s[this.i + n] ?? '';
  }
  startsWith(t: string): boolean {
    return this.s.startsWith(t, this.i);
  }
  eat(t: string): boolean {
    if (this.s.startsWith(t, this.i)) {
      this.i += t.length;
      return true;
    }
    return false;
  }
  fail(expecting: string): never {
    const at = this.done ? 'end of input' : `"${this.peek()}"`;
    // Parsec's rendering, as PostgREST returns it: "\"msg\" (line 1, column n)".
    throw parseError(`"failed to parse ${this.what} (${this.s})" (line 1, column ${this.i + 1})`, `unexpected ${at} expecting ${expecting}`);
  }
  expect(t: string): void {
    if (!this.eat(t)) this.fail(`"${t}"`);
  }
  /** A double-quoted string with backslash escapes. */
  quoted(): string {
    this.expect('"');
    let out = '';
    while (!this.done && this.peek() !== '"') {
      if (this.peek() === '\\' && this.i + 1 < this.s.length) {
        out += this.s[this.i + 1];
        this.i += 2;
      } else {
        out += this.s[this.i++];
      }
    }
    this.expect('"');
    return out;
  }
  /** Identifier: letters, digits, _ and $, plus "-" not starting "->"; or a quoted name. */
  ident(expecting = 'field name'): string {
    if (this.peek() === '"') return this.quoted();
    const start = this.i;
    while (!this.done) {
      const c = this.peek();
      if (IDENT.test(c) || c === ' ') this.i++;
      else if (c === '-' && this.peek(1) !== '>' && this.i > start) this.i++;
      else break;
    }
    const name = this.s.slice(start, this.i).trim();
    if (!name) {
      this.i = start;
      this.fail(expecting);
    }
    return name;
  }
  jsonPath(): JsonOp[] {
    const ops: JsonOp[] = [];
    for (;;) {
      let arrow: '->' | '->>';
      if (this.eat('->>')) arrow = '->>';
      else if (this.eat('->')) arrow = '->';
      else return ops;
      const m = /^-?\d+(?![\p{L}\p{N}_$])/u.exec(this.s.slice(this.i));
      if (m) {
        this.i += m[0].length;
        ops.push({ arrow, key: m[0], index: true });
      } else {
        ops.push({ arrow, key: this.ident('JSON key'), index: false });
      }
    }
  }
  field(): Field {
    const name = this.ident();
    return { name, json: this.jsonPath() };
  }
  cast(): string | undefined {
    if (!this.eat('::')) return undefined;
    const m = /^[A-Za-z_][A-Za-z0-9_]*(\[\])?/.exec(this.s.slice(this.i));
    if (!m) this.fail('type name');
    this.i += m[0].length;
    return m[0];
  }
}

// ---------------------------------------------------------------------------
// select

const AGGS: AggFn[] = ['count', 'sum', 'avg', 'min', 'max'];

export function parseSelect(s: string): SelectItem[] {
  const c = new Cursor(s, 'select parameter');
  const items = selectList(c, false);
  if (!c.done) c.fail('"," or end of input');
  return items;
}

function selectList(c: Cursor, nested: boolean): SelectItem[] {
  const items: SelectItem[] = [];
  if (nested && c.peek() === ')') return items;
  if (!nested && c.done) return [{ kind: 'star' }];
  for (;;) {
    items.push(selectItem(c));
    if (!c.eat(',')) break;
  }
  return items;
}

function selectItem(c: Cursor): SelectItem {
  if (c.eat('...')) {
    const name = c.ident('relation name');
    const item = embedRest(c, name, undefined, true);
    if (!item) c.fail('"(" after a spread relation');
    return item;
  }
  if (c.eat('*')) return { kind: 'star' };
  if (c.startsWith('count()')) {
    c.i += 7;
    return { kind: 'count', cast: c.cast() };
  }
  let name = c.ident();
  let alias: string | undefined;
  if (c.peek() === ':' && c.peek(1) !== ':') {
    c.i++;
    alias = name;
    if (c.eat('...')) c.fail('field name (spread cannot be aliased)');
    if (c.startsWith('count()')) {
      c.i += 7;
      return { kind: 'count', alias, cast: c.cast() };
    }
    name = c.ident();
  }
  const embed = embedRest(c, name, alias, false);
  if (embed) return embed;
  const field: Field = { name, json: c.jsonPath() };
  let cast = c.cast();
  let agg: AggFn | undefined;
  let aggCast: string | undefined;
  if (c.peek() === '.') {
    const m = /^\.(count|sum|avg|min|max)\(\)/.exec(c.s.slice(c.i));
    if (!m) c.fail('aggregate function (count(), sum(), avg(), min(), max())');
    c.i += m[0].length;
    agg = m[1] as AggFn;
    aggCast = c.cast();
  }
  if (agg && !AGGS.includes(agg)) c.fail('aggregate');
  if (!agg && cast === undefined) cast = undefined;
  return { kind: 'field', field, ...(alias ? { alias } : {}), ...(cast ? { cast } : {}), ...(agg ? { agg } : {}), ...(aggCast ? { aggCast } : {}) };
}

function embedRest(c: Cursor, name: string, alias: string | undefined, spread: boolean): SelectItem | undefined {
  const save = c.i;
  let hint: string | undefined;
  let join: 'inner' | 'left' | undefined;
  while (c.eat('!')) {
    const h = c.ident('hint or join type (inner, left)');
    if (h === 'inner' || h === 'left') {
      if (join) c.fail('"(" (join type given twice)');
      join = h;
    } else {
      if (hint) c.fail('"(" (hint given twice)');
      hint = h;
    }
  }
  if (!c.eat('(')) {
    if (hint || join) c.fail('"("');
    c.i = save;
    return undefined;
  }
  const select = selectList(c, true);
  c.expect(')');
  return { kind: 'embed', name, ...(alias ? { alias } : {}), ...(hint ? { hint } : {}), ...(join ? { join } : {}), spread, select };
}

// ---------------------------------------------------------------------------
// filters

/** `[not.]op[(modifier)].value`, the right-hand side of `col=...`. */
export function parseFilterValue(field: Field, raw: string): Filter {
  const c = new Cursor(raw, 'filter');
  const negate = c.eat('not.');
  const f = filterOp(c, field, negate, false);
  return f;
}

function filterOp(c: Cursor, field: Field, negate: boolean, inLogic: boolean): Filter {
  const m = /^[a-z]+/.exec(c.s.slice(c.i));
  const op = m?.[0] as Operator | undefined;
  if (!op || !(OPERATORS as readonly string[]).includes(op)) {
    c.fail(`operator (${OPERATORS.join(', ')})`);
  }
  c.i += op.length;
  let modifier: 'any' | 'all' | undefined;
  let config: string | undefined;
  if (c.peek() === '(') {
    if (QUANTIFIABLE.has(op) && (c.startsWith('(any)') || c.startsWith('(all)'))) {
      modifier = c.startsWith('(any)') ? 'any' : 'all';
      c.i += 5;
    } else if (FTS.has(op)) {
      c.i++;
      const m2 = /^[A-Za-z0-9_]+/.exec(c.s.slice(c.i));
      if (!m2) c.fail('text search configuration');
      config = m2[0];
      c.i += config.length;
      c.expect(')');
    } else {
      c.fail('"." (modifiers (any)/(all) only apply to eq, like, ilike, gt, gte, lt, lte, match, imatch)');
    }
  }
  c.expect('.');
  let value: string | string[];
  if (op === 'in') {
    value = list(c, '(', ')');
  } else if (modifier) {
    value = list(c, '{', '}');
  } else if (inLogic) {
    value = logicValue(c);
  } else {
    value = c.s.slice(c.i);
    c.i = c.s.length;
  }
  if (op === 'is') {
    const v = (value as string).toLowerCase();
    if (!IS_VALUES.has(v)) {
      throw parseError(`"failed to parse filter (${c.s})" (line 1, column ${c.s.length - String(value).length + 1})`, `unexpected "${value}" expecting null, not_null, true, false or unknown`);
    }
    value = v;
  }
  if ((op === 'like' || op === 'ilike') && typeof value === 'string') value = value.replace(/\*/g, '%');
  if ((op === 'like' || op === 'ilike') && Array.isArray(value)) value = value.map((v) => v.replace(/\*/g, '%'));
  return { field, negate, op, ...(modifier ? { modifier } : {}), ...(config ? { config } : {}), value };
}

/** A list `(a,"b,c",d)` or `{a,b}`: items may be double-quoted with backslash escapes. */
function list(c: Cursor, open: string, close: string): string[] {
  c.expect(open);
  const out: string[] = [];
  if (c.eat(close)) return out;
  for (;;) {
    if (c.peek() === '"') {
      out.push(c.quoted());
    } else {
      const start = c.i;
      while (!c.done && c.peek() !== ',' && c.peek() !== close) c.i++;
      out.push(c.s.slice(start, c.i));
    }
    if (c.eat(close)) return out;
    c.expect(',');
  }
}

/** A value inside or=(...): quoted, a {..} literal, or up to the next top-level "," or ")". */
function logicValue(c: Cursor): string {
  if (c.peek() === '"') return c.quoted();
  const start = c.i;
  if (c.peek() === '{') {
    let depth = 0;
    while (!c.done) {
      const ch = c.s[c.i++];
      if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) break;
    }
    if (depth !== 0) c.fail('"}"');
    return c.s.slice(start, c.i);
  }
  while (!c.done && c.peek() !== ',' && c.peek() !== ')') c.i++;
  return c.s.slice(start, c.i);
}

// ---------------------------------------------------------------------------
// logic trees: or=(a.eq.1,and(b.gt.2,c.lt.3))

export function parseLogic(op: 'and' | 'or', negate: boolean, raw: string): LogicTree {
  const c = new Cursor(raw, 'logic tree');
  const tree = logicBody(c, op, negate);
  if (!c.done) c.fail('end of input');
  return tree;
}

function logicBody(c: Cursor, op: 'and' | 'or', negate: boolean): LogicTree {
  c.expect('(');
  const children: LogicNode[] = [];
  for (;;) {
    children.push(logicNode(c));
    if (c.eat(')')) break;
    c.expect(',');
  }
  return { kind: 'logic', op, negate, children };
}

function logicNode(c: Cursor): LogicNode {
  const save = c.i;
  const neg = c.eat('not.');
  for (const op of ['and', 'or'] as const) {
    if (c.startsWith(`${op}(`)) {
      c.i += op.length;
      return logicBody(c, op, neg);
    }
  }
  c.i = save;
  const field = c.field();
  c.expect('.');
  const negate = c.eat('not.');
  return { kind: 'filter', filter: filterOp(c, field, negate, true) };
}

// ---------------------------------------------------------------------------
// order

export function parseOrder(raw: string): OrderTerm[] {
  const c = new Cursor(raw, 'order');
  const terms: OrderTerm[] = [];
  for (;;) {
    let relation: string | undefined;
    let field = c.field();
    if (c.eat('(')) {
      relation = field.name;
      if (field.json.length) c.fail('"." after a JSON path');
      field = c.field();
      c.expect(')');
    }
    const term: OrderTerm = { field, ...(relation ? { relation } : {}) };
    while (c.eat('.')) {
      if (c.eat('asc')) term.dir = 'asc';
      else if (c.eat('desc')) term.dir = 'desc';
      else if (c.eat('nullsfirst')) term.nulls = 'first';
      else if (c.eat('nullslast')) term.nulls = 'last';
      else c.fail('asc, desc, nullsfirst or nullslast');
    }
    terms.push(term);
    if (c.done) break;
    c.expect(',');
  }
  return terms;
}

// ---------------------------------------------------------------------------
// whole query string

function nonNegativeInt(key: string, v: string): number {
  if (key === 'limit' && /^-\d{1,15}$/.test(v)) {
    throw new ApiError(416, 'PGRST103', 'Requested range not satisfiable', 'Limit should be greater than or equal to zero.');
  }
  if (!/^\d{1,15}$/.test(v)) {
    throw parseError(`failed to parse ${key} parameter (${v})`, `unexpected "${v}" expecting a non-negative integer`);
  }
  return Number(v);
}

/** Names in `columns=` / `on_conflict=`: comma-separated, optionally double-quoted. */
export function parseNameList(key: string, raw: string): string[] {
  const c = new Cursor(raw, `${key} parameter`);
  const out: string[] = [];
  for (;;) {
    out.push(c.ident('column name'));
    if (c.done) return out;
    c.expect(',');
  }
}

/** Splits `a.b.col->>x` into the embed path and the field. */
function keyPath(key: string): { path: string[]; field: Field } {
  const c = new Cursor(key, 'filter key');
  const names: string[] = [c.ident()];
  while (c.eat('.')) names.push(c.ident());
  const json = c.jsonPath();
  if (!c.done) c.fail('"=" after the column');
  const name = names.pop()!;
  return { path: names, field: { name, json } };
}

function level(levels: Map<string, LevelParams>, path: string[]): LevelParams {
  const k = path.join('.');
  let l = levels.get(k);
  if (!l) {
    l = { filters: [], logic: [] };
    levels.set(k, l);
  }
  return l;
}

/**
 * Parses all parameters. `isArg` tells which non-reserved keys are RPC arguments
 * (they are left in `rest` instead of becoming filters).
 */
export function parseQuery(params: URLSearchParams, isArg: (key: string) => boolean = () => false): QueryParams {
  const q: QueryParams = { select: [{ kind: 'star' }], levels: new Map(), rest: [] };
  level(q.levels, []);
  for (const [key, value] of params) {
    if (key === 'select') {
      q.select = parseSelect(value);
      continue;
    }
    if (key === 'columns') {
      q.columns = parseNameList('columns', value);
      continue;
    }
    if (key === 'on_conflict') {
      q.onConflict = parseNameList('on_conflict', value);
      continue;
    }
    if (isArg(key)) {
      q.rest.push([key, value]);
      continue;
    }
    const parts = key.split('.');
    const last = parts[parts.length - 1]!;
    const prefix = parts.slice(0, -1);
    if (last === 'order' || last === 'limit' || last === 'offset') {
      const l = level(q.levels, prefix);
      if (last === 'order') l.order = parseOrder(value);
      else l[last] = nonNegativeInt(last, value);
      continue;
    }
    if (last === 'or' || last === 'and') {
      const negate = prefix[prefix.length - 1] === 'not';
      const path = negate ? prefix.slice(0, -1) : prefix;
      level(q.levels, path).logic.push(parseLogic(last, negate, value));
      continue;
    }
    if (key === '') throw parseError('failed to parse filter ()', 'empty parameter name');
    const { path, field } = keyPath(key);
    level(q.levels, path).filters.push(parseFilterValue(field, value));
  }
  return q;
}

// ---------------------------------------------------------------------------
// headers

export interface Prefer {
  return?: 'minimal' | 'representation' | 'headers-only';
  count?: 'exact' | 'planned' | 'estimated';
  resolution?: 'merge-duplicates' | 'ignore-duplicates';
  missing?: 'default' | 'null';
  handling?: 'lenient' | 'strict';
  tx?: 'commit' | 'rollback';
  timezone?: string;
  maxAffected?: number;
  /** Preferences understood, in the order given (for Preference-Applied). */
  applied: string[];
  unknown: string[];
}

const PREFER_VALUES: Record<string, string[]> = {
  return: ['minimal', 'representation', 'headers-only'],
  count: ['exact', 'planned', 'estimated'],
  resolution: ['merge-duplicates', 'ignore-duplicates'],
  missing: ['default', 'null'],
  handling: ['lenient', 'strict'],
  tx: ['commit', 'rollback'],
};

export function parsePrefer(header: string | string[] | undefined): Prefer {
  const p: Prefer = { applied: [], unknown: [] };
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const part of raw.split(',')) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    const k = (eq < 0 ? item : item.slice(0, eq)).trim();
    const v = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (k in PREFER_VALUES && PREFER_VALUES[k]!.includes(v)) {
      if (k === 'return') p.return = v as Prefer['return'];
      else if (k === 'count') p.count = v as Prefer['count'];
      else if (k === 'resolution') p.resolution = v as Prefer['resolution'];
      else if (k === 'missing') p.missing = v as Prefer['missing'];
      else if (k === 'handling') p.handling = v as Prefer['handling'];
      else if (k === 'tx') p.tx = v as Prefer['tx'];
      p.applied.push(`${k}=${v}`);
    } else if (k === 'timezone' && v) {
      p.timezone = v;
      p.applied.push(item);
    } else if (k === 'max-affected' && /^\d+$/.test(v)) {
      p.maxAffected = Number(v);
      p.applied.push(`max-affected=${v}`);
    } else if (k === 'params' && v === 'single-object') {
      // Legacy RPC preference, accepted and ignored.
    } else {
      p.unknown.push(item);
    }
  }
  return p;
}

export type MediaKind = 'json' | 'object' | 'csv' | 'openapi' | 'text' | 'octet' | 'plan';
export interface Media {
  kind: MediaKind;
  stripNulls: boolean;
}

/** Picks the first acceptable media type from an Accept header. */
export function parseAccept(header: string | undefined, allowOpenApi = false): Media | { unsupported: string } {
  if (!header || !header.trim()) return { kind: 'json', stripNulls: false };
  const entries = header
    .split(',')
    .map((s, i) => {
      const [type, ...params] = s.split(';').map((x) => x.trim());
      const ps: Record<string, string> = {};
      for (const p of params) {
        const eq = p.indexOf('=');
        if (eq > 0) ps[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
      }
      const q = ps.q === undefined ? 1 : Number(ps.q);
      return { type: (type ?? '').toLowerCase(), ps, q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((e) => e.type && e.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const e of entries) {
    const strip = e.ps.nulls === 'stripped';
    switch (e.type) {
      case '*/*':
      case 'application/*':
      case 'application/json':
        return { kind: 'json', stripNulls: false };
      case 'application/vnd.pgrst.array+json':
        return { kind: 'json', stripNulls: strip };
      case 'application/vnd.pgrst.object+json':
        return { kind: 'object', stripNulls: strip };
      case 'text/csv':
        return { kind: 'csv', stripNulls: false };
      case 'application/openapi+json':
        if (allowOpenApi) return { kind: 'openapi', stripNulls: false };
        break;
      case 'text/plain':
        return { kind: 'text', stripNulls: false };
      case 'application/octet-stream':
        return { kind: 'octet', stripNulls: false };
    }
    if (e.type.startsWith('application/vnd.pgrst.plan')) return { kind: 'plan', stripNulls: false };
  }
  return { unsupported: header };
}
