// The PostgREST query-string grammar (ApiRequest/QueryParams.hs) as a pure module:
// select trees, filters with not/any/all, and/or logic trees, order, limit/offset,
// columns and on_conflict. It follows Parsec's semantics where they are visible to
// clients (what backtracks, what is ignored at the end of a value) and reports a
// malformed parameter as PGRST100 naming the parameter and the position.
import { queryParamError, RestError } from './errors.ts';

export interface JsonOp {
  arrow: '->' | '->>';
  /** Key name, or the signed index ("+1", "-2") when `idx`. */
  key: string;
  idx: boolean;
}

export interface Field {
  name: string;
  jsonPath: JsonOp[];
}

export type AggFn = 'count' | 'sum' | 'avg' | 'max' | 'min';
export type JoinType = 'inner' | 'left';

export type SelectItem =
  | { kind: 'field'; field: Field; alias?: string; cast?: string; agg?: AggFn; aggCast?: string }
  | {
      kind: 'relation';
      name: string;
      alias?: string;
      hint?: string;
      joinType?: JoinType;
      children: SelectItem[];
    }
  | { kind: 'spread'; name: string; hint?: string; joinType?: JoinType; children: SelectItem[] };

export type SimpleOp = 'neq' | 'cs' | 'cd' | 'ov' | 'sl' | 'sr' | 'nxr' | 'nxl' | 'adj';
export type QuantOp = 'eq' | 'gte' | 'gt' | 'lte' | 'lt' | 'like' | 'ilike' | 'match' | 'imatch';
export type FtsOp = 'fts' | 'plfts' | 'phfts' | 'wfts';
export type IsVal = 'null' | 'not_null' | 'true' | 'false' | 'unknown';

export type Operation =
  | { kind: 'in'; values: string[] }
  | { kind: 'is'; value: IsVal }
  | { kind: 'isdistinct'; value: string }
  | { kind: 'fts'; op: FtsOp; lang?: string; value: string }
  | { kind: 'simple'; op: SimpleOp; value: string }
  | { kind: 'quant'; op: QuantOp; quant?: 'any' | 'all'; value: string };

export interface OpExpr {
  not: boolean;
  op: Operation;
}

export interface Filter {
  field: Field;
  expr: OpExpr;
}

export type LogicTree =
  { kind: 'expr'; not: boolean; op: 'and' | 'or'; children: LogicTree[] } | { kind: 'stmt'; filter: Filter };

export type OrderTerm =
  | { kind: 'field'; field: Field; dir?: 'asc' | 'desc'; nulls?: 'first' | 'last' }
  | { kind: 'relation'; relation: string; field: Field; dir?: 'asc' | 'desc'; nulls?: 'first' | 'last' };

/** Rows [offset, offset+limit-1]; `limit` undefined = unbounded. */
export interface Range {
  offset: number;
  limit?: number;
}

export interface QueryParams {
  /** Sorted, re-encoded query string (Content-Location). */
  canonical: string;
  /** RPC GET arguments: parameters whose value is not an operator expression. */
  rpcParams: [string, string][];
  /** limit/offset per embed path ([] for the top level). */
  ranges: { path: string[]; range: Range }[];
  order: { path: string[]; terms: OrderTerm[] }[];
  logic: { path: string[]; tree: LogicTree }[];
  columns?: string[];
  select: SelectItem[];
  filters: { path: string[]; filter: Filter }[];
  /** Names of every filter key (RPC argument matching, PUT). */
  filterFields: Set<string>;
  onConflict?: string[];
  /** A limit that was negative (PostgREST answers 416). */
  negativeLimit: boolean;
}

// ---------------------------------------------------------------------------------
// A tiny Parsec: `attempt` is try, `alt` is <|>, failure after consuming input is final.

// Thrown on every failed alternative: a plain object, because capturing an Error's
// stack trace on each backtrack made parsing dominate the request's CPU time.
class ParseFail {}
const PARSE_FAIL = new ParseFail();

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

function showChar(c: string | undefined): string {
  return c === undefined ? 'end of input' : JSON.stringify(c);
}

class Parser {
  pos = 0;
  private errPos = -1;
  private errUnexpected: string | undefined;
  private errExpected: string[] = [];
  readonly c: string[];

  constructor(
    readonly input: string,
    private readonly what: string,
  ) {
    this.c = Array.from(input);
  }

  peek(offset = 0): string | undefined {
    return this.c[this.pos + offset];
  }

  eof(): boolean {
    return this.pos >= this.c.length;
  }

  startsWith(s: string): boolean {
    const cs = Array.from(s);
    for (let i = 0; i < cs.length; i++) if (this.c[this.pos + i] !== cs[i]) return false;
    return true;
  }

  fail(expected: string | string[]): never {
    const exp = Array.isArray(expected) ? expected : [expected];
    if (this.pos > this.errPos) {
      this.errPos = this.pos;
      this.errUnexpected = showChar(this.peek());
      this.errExpected = [...exp];
    } else if (this.pos === this.errPos) {
      for (const e of exp) if (!this.errExpected.includes(e)) this.errExpected.push(e);
    }
    throw PARSE_FAIL;
  }

  /** Consumes `s` entirely or fails without consuming (Parsec's `string` under `try`). */
  str(s: string): void {
    if (!this.startsWith(s)) this.fail(JSON.stringify(s));
    this.pos += Array.from(s).length;
  }

  char(ch: string, label = JSON.stringify(ch)): void {
    if (this.peek() !== ch) this.fail(label);
    this.pos++;
  }

  attempt<T>(fn: () => T): T {
    const start = this.pos;
    try {
      return fn();
    } catch (e) {
      this.pos = start;
      throw e;
    }
  }

  /** Parsec `<|>`: the next alternative runs only if the previous failed without consuming. */
  alt<T>(...fns: (() => T)[]): T {
    const start = this.pos;
    for (let i = 0; i < fns.length; i++) {
      try {
        return fns[i]!();
      } catch (e) {
        if (!(e instanceof ParseFail) || this.pos !== start || i === fns.length - 1) throw e;
      }
    }
    throw PARSE_FAIL;
  }

  optional<T>(fn: () => T): T | undefined {
    const start = this.pos;
    try {
      return fn();
    } catch (e) {
      if (e instanceof ParseFail && this.pos === start) return undefined;
      throw e;
    }
  }

  lookaheadEnd(chars: string[], label: string[]): void {
    const c = this.peek();
    if (c === undefined || chars.includes(c)) return;
    this.fail(label);
  }

  ws(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  toError(): RestError {
    const col = (this.errPos < 0 ? this.pos : this.errPos) + 1;
    const expected = this.errExpected.filter((e) => e !== '');
    let details = this.errUnexpected ? `unexpected ${this.errUnexpected}` : 'unknown parse error';
    if (expected.length > 0) {
      const list =
        expected.length === 1 ? expected[0] : `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1]}`;
      details += ` expecting ${list}`;
    }
    return queryParamError(`"${this.what}" (line 1, column ${col})`, details);
  }

  run<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ParseFail) throw this.toError();
      throw e;
    }
  }
}

// ---- lexical pieces ----------------------------------------------------------------

function quotedValue(p: Parser): string {
  p.char('"');
  let out = '';
  for (;;) {
    const c = p.peek();
    if (c === undefined) p.fail('"\\""');
    if (c === '"') break;
    if (c === '\\') {
      p.pos++;
      const n = p.peek();
      if (n === undefined) p.fail('any character');
      out += n;
      p.pos++;
      continue;
    }
    out += c;
    p.pos++;
  }
  p.pos++;
  return out;
}

function identifier(p: Parser): string {
  const start = p.pos;
  while (!p.eof()) {
    const c = p.peek()!;
    if (isLetter(c) || isDigit(c) || c === '_' || c === ' ' || c === '$') p.pos++;
    else break;
  }
  if (p.pos === start) p.fail(['letter', 'digit', '"_"', '" "', '"$"']);
  return p.c.slice(start, p.pos).join('').trim();
}

/** Identifiers joined by dashes that do not start an arrow (`a-b` but not `a->b`). */
function sepByDash(p: Parser, ident: (p: Parser) => string): string {
  const parts = [ident(p)];
  for (;;) {
    if (p.peek() === '-' && p.peek(1) !== '>') {
      p.pos++;
      parts.push(ident(p));
    } else break;
  }
  return parts.join('-');
}

function fieldName(p: Parser): string {
  if (p.peek() === '"') return quotedValue(p);
  const c = p.peek();
  if (c === undefined || !(isLetter(c) || isDigit(c) || c === '_' || c === ' ' || c === '$')) {
    p.fail('field name (* or [a..z0..9_$])');
  }
  return sepByDash(p, identifier);
}

function jsonKeyIdentifier(p: Parser): string {
  const start = p.pos;
  while (!p.eof() && !'(-:.,>)'.includes(p.peek()!)) p.pos++;
  if (p.pos === start) p.fail('any non reserved character different from: .,>()');
  return p.c.slice(start, p.pos).join('').trim();
}

function jsonPath(p: Parser): JsonOp[] {
  const out: JsonOp[] = [];
  for (;;) {
    let arrow: '->' | '->>';
    if (p.startsWith('->>')) arrow = '->>';
    else if (p.startsWith('->')) arrow = '->';
    else break;
    p.pos += arrow.length;
    const operand = p.alt(
      () =>
        p.attempt(() => {
          let s = '+';
          if (p.peek() === '-') {
            s = '-';
            p.pos++;
          }
          const start = p.pos;
          while (!p.eof() && isDigit(p.peek()!)) p.pos++;
          if (p.pos === start) p.fail('digit');
          const digits = p.c.slice(start, p.pos).join('');
          if (!(p.eof() || p.startsWith('->') || p.startsWith('::') || p.startsWith('.') || p.startsWith(','))) {
            p.fail(['digit', '"->"', '"::"', '"."', '","', 'end of input']);
          }
          return { key: s + digits, idx: true };
        }),
      () =>
        p.attempt(() => ({
          key: p.peek() === '"' ? quotedValue(p) : sepByDash(p, jsonKeyIdentifier),
          idx: false,
        })),
    );
    out.push({ arrow, ...operand });
  }
  return out;
}

function field(p: Parser): Field {
  p.ws();
  const name = fieldName(p);
  const path = jsonPath(p);
  p.ws();
  return { name, jsonPath: path };
}

function aliasSep(p: Parser): void {
  if (p.peek() === ':' && p.peek(1) !== ':') {
    p.pos++;
    return;
  }
  p.fail('":"');
}

function optAlias(p: Parser): string | undefined {
  return p.optional(() =>
    p.attempt(() => {
      const a = fieldName(p);
      aliasSep(p);
      return a;
    }),
  );
}

/** Cast and hint names: letters, digits, `_`, space, `$` (never quoted). */
function castIdentifier(p: Parser): string {
  return identifier(p);
}

// ---- select ----------------------------------------------------------------------

function selectEnd(p: Parser): void {
  p.lookaheadEnd([')', ','], ['")"', '","', 'end of input']);
}

function fieldSelect(p: Parser): SelectItem {
  p.ws();
  const item = p.alt<SelectItem>(
    () =>
      p.attempt(() => {
        p.char('*');
        selectEnd(p);
        return { kind: 'field', field: { name: '*', jsonPath: [] } };
      }),
    () =>
      p.attempt(() => {
        const alias = optAlias(p);
        p.str('count()');
        const aggCast = p.optional(() => {
          p.str('::');
          return castIdentifier(p);
        });
        selectEnd(p);
        return { kind: 'field', field: { name: '*', jsonPath: [] }, agg: 'count', aggCast, alias };
      }),
    () => {
      const alias = optAlias(p);
      const fld = field(p);
      const cast = p.optional(() => {
        p.str('::');
        return castIdentifier(p);
      });
      const agg = p.optional(() =>
        p.attempt(() => {
          p.char('.');
          let fn: AggFn;
          if (p.startsWith('sum')) fn = 'sum';
          else if (p.startsWith('avg')) fn = 'avg';
          else if (p.startsWith('count')) fn = 'count';
          else if (p.startsWith('max')) fn = 'max';
          else if (p.startsWith('min')) fn = 'min';
          else p.fail(['"sum"', '"avg"', '"count"', '"max"', '"min"']);
          p.str(fn);
          p.str('()');
          return fn;
        }),
      );
      const aggCast = p.optional(() => {
        p.str('::');
        return castIdentifier(p);
      });
      if (!fld.jsonPath.length && !cast && !agg) {
        // Parsec reports what could continue a plain field name here.
        p.lookaheadEnd(
          [')', ','],
          ['letter', 'digit', '"-"', '"->>"', '"->"', '"::"', '"."', '")"', '","', 'end of input'],
        );
      } else selectEnd(p);
      return { kind: 'field', field: fld, alias, cast, agg, aggCast };
    },
  );
  p.ws();
  return item;
}

function embedParams(p: Parser): { hint?: string; joinType?: JoinType } {
  const one = () =>
    p.optional(() => {
      p.char('!');
      return p.alt<{ join?: JoinType; hint?: string }>(
        () =>
          p.attempt(() => {
            p.str('left');
            return { join: 'left' };
          }),
        () =>
          p.attempt(() => {
            p.str('inner');
            return { join: 'inner' };
          }),
        () => p.attempt(() => ({ hint: fieldName(p) })),
      );
    });
  const a = one();
  const b = one();
  return { hint: a?.hint ?? b?.hint, joinType: a?.join ?? b?.join };
}

function spreadHeader(p: Parser): { name: string; hint?: string; joinType?: JoinType } {
  p.ws();
  p.str('...');
  const name = fieldName(p);
  const params = embedParams(p);
  if (p.peek() !== '(') p.fail('"("');
  return { name, ...params };
}

function relationHeader(p: Parser): { name: string; alias?: string; hint?: string; joinType?: JoinType } {
  p.ws();
  const alias = optAlias(p);
  const name = fieldName(p);
  if (name === 'count') p.fail('');
  const params = embedParams(p);
  if (p.peek() !== '(') p.fail('"("');
  return { name, alias, ...params };
}

function children(p: Parser): SelectItem[] {
  p.char('(');
  const items = fieldForest(p);
  p.char(')');
  p.ws();
  return items;
}

function fieldTree(p: Parser): SelectItem {
  return p.alt<SelectItem>(
    () => {
      const h = p.attempt(() => spreadHeader(p));
      return { kind: 'spread', ...h, children: children(p) };
    },
    () => {
      const h = p.attempt(() => relationHeader(p));
      return { kind: 'relation', ...h, children: children(p) };
    },
    () => fieldSelect(p),
  );
}

function sepByComma<T>(p: Parser, item: (p: Parser) => T, atLeastOne: boolean): T[] {
  const out: T[] = [];
  const first = atLeastOne ? item(p) : p.optional(() => item(p));
  if (first === undefined) return out;
  out.push(first);
  for (;;) {
    const before = p.pos;
    p.ws();
    if (p.peek() !== ',') {
      p.pos = before;
      break;
    }
    p.pos++;
    p.ws();
    out.push(item(p));
  }
  return out;
}

function fieldForest(p: Parser): SelectItem[] {
  return sepByComma(p, fieldTree, false);
}

// ---- filters -----------------------------------------------------------------------

const SIMPLE_OPS: SimpleOp[] = ['neq', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj'];
// Longest first where one is a prefix of another (gte before gt).
const QUANT_OPS: QuantOp[] = ['eq', 'gte', 'gt', 'lte', 'lt', 'like', 'ilike', 'match', 'imatch'];
const FTS_OPS: FtsOp[] = ['fts', 'plfts', 'phfts', 'wfts'];
const OPERATOR = 'operator (eq, gt, ...)';

function delimiter(p: Parser): void {
  p.char('.', 'delimiter (.)');
}

function listVal(p: Parser): string[] {
  p.ws();
  p.char('(');
  p.ws();
  const elems: string[] = [];
  for (;;) {
    const el = p.alt(
      () =>
        p.attempt(() => {
          const q = quotedValue(p);
          const n = p.peek();
          if (n !== undefined && n !== ',' && n !== ')') p.fail(['","', '")"']);
          return q;
        }),
      () => {
        const start = p.pos;
        while (!p.eof() && p.peek() !== ',' && p.peek() !== ')') p.pos++;
        return p.c.slice(start, p.pos).join('');
      },
    );
    elems.push(el);
    if (p.peek() === ',') {
      p.pos++;
      continue;
    }
    break;
  }
  p.ws();
  p.char(')', '")"');
  p.ws();
  return elems;
}

function restOfInput(p: Parser): string {
  const s = p.c.slice(p.pos).join('');
  p.pos = p.c.length;
  return s;
}

function logicSingleVal(p: Parser): string {
  return p.alt(
    () =>
      p.attempt(() => {
        const q = quotedValue(p);
        const n = p.peek();
        if (n !== undefined && n !== ',' && n !== ')') p.fail(['","', '")"']);
        return q;
      }),
    () =>
      p.attempt(() => {
        p.char('{');
        const start = p.pos;
        while (!p.eof() && p.peek() !== '{' && p.peek() !== '}') p.pos++;
        p.char('}');
        return `{${p.c.slice(start, p.pos - 1).join('')}}`;
      }),
    () => {
      const start = p.pos;
      while (!p.eof() && p.peek() !== ',' && p.peek() !== ')') p.pos++;
      return p.c.slice(start, p.pos).join('');
    },
  );
}

function opExpr(p: Parser, value: (p: Parser) => string): OpExpr {
  const not = p.optional(() =>
    p.attempt(() => {
      p.str('not');
      delimiter(p);
      return true;
    }),
  );
  const op = p.alt<Operation>(
    () => {
      p.attempt(() => {
        p.str('in');
        delimiter(p);
      });
      return { kind: 'in', values: listVal(p) };
    },
    () => {
      p.attempt(() => {
        p.str('is');
        delimiter(p);
      });
      for (const v of ['null', 'not_null', 'true', 'false', 'unknown'] as IsVal[]) {
        const s = p.c
          .slice(p.pos, p.pos + v.length)
          .join('')
          .toLowerCase();
        if (s === v) {
          p.pos += v.length;
          return { kind: 'is', value: v };
        }
      }
      return p.fail('isVal: (null, not_null, true, false, unknown)');
    },
    () => {
      p.attempt(() => {
        p.str('isdistinct');
        delimiter(p);
      });
      return { kind: 'isdistinct', value: value(p) };
    },
    () =>
      p.attempt(() => {
        const op = FTS_OPS.find((o) => p.startsWith(o));
        if (!op) p.fail(OPERATOR);
        p.str(op);
        const lang = p.optional(() =>
          p.attempt(() => {
            p.char('(');
            const l = castIdentifier(p);
            p.char(')');
            return l;
          }),
        );
        delimiter(p);
        return { kind: 'fts', op, lang, value: value(p) };
      }),
    () =>
      p.attempt(() => {
        const op = SIMPLE_OPS.find((o) => p.startsWith(o));
        if (!op) p.fail(OPERATOR);
        p.str(op);
        delimiter(p);
        return { kind: 'simple', op, value: value(p) };
      }),
    () =>
      p.attempt(() => {
        let op: QuantOp | undefined;
        for (const o of QUANT_OPS) if (p.startsWith(o) && (!op || o.length > op.length)) op = o;
        if (!op) p.fail(OPERATOR);
        p.str(op);
        const quant = p.optional(() =>
          p.attempt(() => {
            p.char('(');
            let q: 'any' | 'all';
            if (p.startsWith('any')) q = 'any';
            else if (p.startsWith('all')) q = 'all';
            else p.fail(['"any"', '"all"']);
            p.str(q);
            p.char(')');
            return q;
          }),
        );
        delimiter(p);
        return { kind: 'quant', op, quant, value: value(p) };
      }),
    () => p.fail(OPERATOR),
  );
  return { not: not ?? false, op };
}

function logicTree(p: Parser): LogicTree {
  return p.alt<LogicTree>(
    () =>
      p.attempt(() => {
        const f = field(p);
        delimiter(p);
        return { kind: 'stmt', filter: { field: f, expr: opExpr(p, logicSingleVal) } };
      }),
    () => {
      const not =
        p.optional(() =>
          p.attempt(() => {
            p.str('not');
            delimiter(p);
            return true;
          }),
        ) ?? false;
      let op: 'and' | 'or';
      if (p.startsWith('and')) op = 'and';
      else if (p.startsWith('or')) op = 'or';
      else return p.fail('logic operator (and, or)');
      p.str(op);
      p.ws();
      p.char('(');
      p.ws();
      const kids: LogicTree[] = [logicTree(p)];
      for (;;) {
        p.ws();
        if (p.peek() !== ',') break;
        p.pos++;
        p.ws();
        kids.push(logicTree(p));
      }
      p.ws();
      p.char(')');
      p.ws();
      return { kind: 'expr', not, op, children: kids };
    },
  );
}

function order(p: Parser): OrderTerm[] {
  const end = () => p.lookaheadEnd([','], ['","', 'end of input']);
  const dirP = () =>
    p.optional(() =>
      p.alt<'asc' | 'desc'>(
        () =>
          p.attempt(() => {
            p.str('.asc');
            return 'asc';
          }),
        () =>
          p.attempt(() => {
            p.str('.desc');
            return 'desc';
          }),
      ),
    );
  // Parsec: (optionMaybe pNulls <* pEnd) <|> (pEnd $> Nothing)
  const nullsP = (): 'first' | 'last' | undefined => {
    const n = p.optional(() =>
      p.alt<'first' | 'last'>(
        () =>
          p.attempt(() => {
            p.str('.nullsfirst');
            return 'first';
          }),
        () =>
          p.attempt(() => {
            p.str('.nullslast');
            return 'last';
          }),
      ),
    );
    end();
    return n;
  };
  const term = (): OrderTerm => {
    p.ws();
    const t = p.alt<OrderTerm>(
      () =>
        p.attempt(() => {
          const relation = fieldName(p);
          p.char('(');
          const f = field(p);
          p.char(')');
          const dir = dirP();
          const nulls = nullsP();
          return { kind: 'relation', relation, field: f, dir, nulls };
        }),
      () => {
        const f = field(p);
        const dir = dirP();
        const nulls = nullsP();
        return { kind: 'field', field: f, dir, nulls };
      },
    );
    p.ws();
    return t;
  };
  const terms = [term()];
  while (p.peek() === ',') {
    p.pos++;
    terms.push(term());
  }
  return terms;
}

function columnsList(p: Parser): string[] {
  const out = [fieldName(p)];
  for (;;) {
    const before = p.pos;
    p.ws();
    if (p.peek() !== ',') {
      p.pos = before;
      break;
    }
    p.pos++;
    p.ws();
    out.push(fieldName(p));
  }
  return out;
}

function treePath(p: Parser): { path: string[]; field: Field } {
  const names = [fieldName(p)];
  while (p.peek() === '.') {
    p.pos++;
    names.push(fieldName(p));
  }
  const jp = jsonPath(p);
  return { path: names.slice(0, -1), field: { name: names[names.length - 1]!, jsonPath: jp } };
}

// ---- public entry points ----------------------------------------------------------

export function parseSelect(s: string): SelectItem[] {
  const p = new Parser(s, `failed to parse select parameter (${s})`);
  return p.run(() => fieldForest(p));
}

export function parseFilterValue(s: string): OpExpr {
  const p = new Parser(s, `failed to parse filter (${s})`);
  return p.run(() => opExpr(p, restOfInput));
}

export function parseOrder(s: string): OrderTerm[] {
  const p = new Parser(s, `failed to parse order (${s})`);
  return p.run(() => order(p));
}

/** `key` is e.g. "or", "not.and", "clients.or"; `value` is "(a.eq.1,b.gt.2)". */
export function parseLogic(key: string, value: string): { path: string[]; tree: LogicTree } {
  const kp = new Parser(key, `failed to parse logic path (${key})`);
  const names = kp.run(() => {
    const ns = [fieldName(kp)];
    while (kp.peek() === '.') {
      kp.pos++;
      ns.push(fieldName(kp));
    }
    return ns;
  });
  const op = names[names.length - 1]!;
  const path = names.slice(0, -1).filter((n) => n !== 'not');
  const full = (names.slice(0, -1).includes('not') ? `not.${op}` : op) + value;
  const p = new Parser(full, `failed to parse logic tree (${value})`);
  return { path, tree: p.run(() => logicTree(p)) };
}

export function parseColumns(s: string, what = 'columns'): string[] {
  const p = new Parser(s, `failed to parse ${what} parameter (${s})`);
  return p.run(() => columnsList(p));
}

export function parseTreePath(s: string): { path: string[]; field: Field } {
  const p = new Parser(s, `failed to parse tree path (${s})`);
  return p.run(() => treePath(p));
}

/** Percent-decoding as Haskell's urlDecode: invalid escapes stay literal, bad UTF-8 becomes U+FFFD. */
export function urlDecode(s: string): string {
  if (!/[%+]/.test(s)) return s;
  const bytes: number[] = [];
  const src = Buffer.from(s.replace(/\+/g, ' '), 'utf8');
  for (let i = 0; i < src.length; i++) {
    const b = src[i]!;
    if (b === 0x25 && i + 2 < src.length + 0 && isHex(src[i + 1]) && isHex(src[i + 2])) {
      bytes.push(parseInt(String.fromCharCode(src[i + 1]!, src[i + 2]!), 16));
      i += 2;
    } else bytes.push(b);
  }
  return new TextDecoder('utf-8').decode(Uint8Array.from(bytes));
}

function isHex(b: number | undefined): boolean {
  return b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66));
}

/** Splits a raw query string like http-types' parseQueryReplacePlus (separators `&` and `;`). */
export function splitQuery(qs: string): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  if (!qs) return out;
  for (const part of qs.split(/[&;]/)) {
    if (part === '') continue;
    const i = part.indexOf('=');
    if (i < 0) out.push([urlDecode(part), undefined]);
    else out.push([urlDecode(part.slice(0, i)), urlDecode(part.slice(i + 1))]);
  }
  return out;
}

function urlEncode(s: string): string {
  // Network.HTTP.Base.urlEncode: everything but ASCII alphanumerics and -_.~ is escaped.
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function readInteger(v: string): number | undefined {
  return /^\s*-?\d+\s*$/.test(v) ? Number(v.trim()) : undefined;
}

const RESERVED = new Set(['select', 'columns', 'on_conflict']);

function lastWord(key: string): string {
  const i = key.lastIndexOf('.');
  return i < 0 ? key : key.slice(i + 1);
}

/**
 * An RPC GET parameter: an operator expression makes it a filter; a value on which the
 * operator parser fails without consuming input is a function argument (Parsec's
 * `pOpExpr pSingleVal <|> pure (NoOpExpr v)`), one on which it fails later is an error.
 */
function parseFilterOrArg(v: string): OpExpr | undefined {
  const p = new Parser(v, `failed to parse filter (${v})`);
  return p.run(() => p.optional(() => opExpr(p, restOfInput)));
}

/**
 * Parses a whole query string. `isRpcRead`: GET/HEAD on /rpc, where a parameter whose
 * value is not an operator expression is a function argument instead of an error.
 */
export function parseQueryParams(qs: string, isRpcRead: boolean): QueryParams {
  const raw = splitQuery(qs);
  const params = raw.filter((kv): kv is [string, string] => kv[1] !== undefined);
  // Haskell's lookup: the first occurrence; a key without "=" counts as absent.
  const lookup = (k: string) => raw.find(([key]) => key === k)?.[1];
  const select = parseSelect(lookup('select') ?? '*');

  const order: QueryParams['order'] = [];
  const logic: QueryParams['logic'] = [];
  const filters: QueryParams['filters'] = [];
  const rpcParams: [string, string][] = [];
  const filterFields = new Set<string>();
  const limits = new Map<string, { path: string[]; value: number | undefined }>();
  const offsets = new Map<string, { path: string[]; value: number | undefined }>();

  for (const [k, v] of params) {
    const last = lastWord(k);
    if (last === 'order') {
      order.push({ path: parseTreePath(k).path, terms: parseOrder(v) });
    } else if (last === 'and' || last === 'or') {
      logic.push(parseLogic(k, v));
    } else if (last === 'limit' || last === 'offset') {
      const path = parseTreePath(k).path;
      (last === 'limit' ? limits : offsets).set(path.join('\u0000'), { path, value: readInteger(v) });
    } else if (!RESERVED.has(k)) {
      filterFields.add(k);
      const tp = parseTreePath(k);
      const expr = isRpcRead ? parseFilterOrArg(v) : parseFilterValue(v);
      if (expr === undefined) rpcParams.push([k, v]);
      else filters.push({ path: tp.path, filter: { field: tp.field, expr } });
    }
  }

  let negativeLimit = false;
  const ranges: QueryParams['ranges'] = [];
  for (const key of new Set([...limits.keys(), ...offsets.keys()])) {
    const l = limits.get(key);
    const o = offsets.get(key);
    if (l?.value !== undefined && l.value < 0) negativeLimit = true;
    // An unreadable limit or offset is ignored, as PostgREST's readMaybe does.
    ranges.push({
      path: (l ?? o)!.path,
      range: { offset: o?.value ?? 0, limit: l?.value === undefined ? undefined : Math.max(l.value, 0) },
    });
  }

  const columns = lookup('columns');
  const onConflict = lookup('on_conflict');
  const canonical = [...raw]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => `${urlEncode(k)}=${urlEncode(v ?? '')}`)
    .join('&');

  return {
    canonical,
    rpcParams,
    ranges,
    order,
    logic,
    columns: columns !== undefined ? parseColumns(columns) : undefined,
    select,
    filters,
    filterFields,
    onConflict: onConflict !== undefined ? parseColumns(onConflict, 'on_conflict') : undefined,
    negativeLimit,
  };
}
