// SQL for a planned request, shaped like PostgREST's QueryBuilder/SqlFragment/Statements:
// one statement per request that builds the whole JSON body in Postgres (json_agg,
// row_to_json and lateral subqueries for embeds). Identifiers come from the schema
// cache and are always quoted; every value from the request is a bind parameter.
import type { AggFn, JsonOp, Operation } from './parser.ts';
import type { CField, CFilter, CLogic, COrder, CSelect, JoinCond, ReadNode, SpreadSelect } from './plan.ts';
import type { Range } from './parser.ts';
import type { QI, Routine, RoutineParam } from './schema.ts';

export class Sql {
  readonly params: (string | Buffer | null)[] = [];
  p(v: string | Buffer | null): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }
}

export function ident(s: string): string {
  return `"${s.replace(/\0/g, '').replace(/"/g, '""')}"`;
}

function fromQi(q: QI | string): string {
  if (typeof q === 'string') return ident(q);
  return q.schema ? `${ident(q.schema)}.${ident(q.name)}` : ident(q.name);
}

function col(table: QI | string, c: string): string {
  return c === '*' ? `${fromQi(table)}.*` : `${fromQi(table)}.${ident(c)}`;
}

/** Casts are type names: the parser only lets letters, digits, `_`, `$` and spaces through. */
function castType(t: string): string {
  if (!/^[\p{L}\p{N}_$ ]+$/u.test(t)) throw new Error(`invalid cast ${t}`);
  return t;
}

function jsonPath(q: Sql, jp: JsonOp[]): string {
  return jp.map((o) => `${o.arrow}${o.idx ? `${q.p(o.key)}::int` : q.p(o.key)}`).join('');
}

function fmtField(q: Sql, table: QI | string, f: CField): string {
  let fld: string;
  if (f.fullRow) fld = ident(typeof table === 'string' ? table : table.name);
  else if (f.jsonPath.length === 0) fld = col(table, f.name);
  else if (f.toJson) fld = `to_jsonb(${col(table, f.name)})${jsonPath(q, f.jsonPath)}`;
  else fld = `${col(table, f.name)}${jsonPath(q, f.jsonPath)}`;
  if (f.toTsVector) return `to_tsvector(${f.toTsVector.lang !== undefined ? `${q.p(f.toTsVector.lang)}, ` : ''}${fld})`;
  return fld;
}

function applyCast(cast: string | undefined, s: string): string {
  return cast ? `CAST( ${s} AS ${castType(cast)} )` : s;
}

function applyAgg(agg: AggFn | undefined, aggCast: string | undefined, s: string): string {
  if (!agg) return s;
  return applyCast(aggCast, `${agg.toUpperCase()}(${s})`);
}

function as(alias: string | undefined): string {
  return alias ? ` AS ${ident(alias)}` : '';
}

function fmtSelect(q: Sql, table: QI | string, s: CSelect): string {
  return applyAgg(s.agg, s.aggCast, applyCast(s.cast, fmtField(q, table, s.field))) + as(s.alias);
}

function fullSelName(aggAlias: string, name: string): string {
  return name === '*' ? `${ident(aggAlias)}.*` : `${ident(aggAlias)}.${ident(name)}`;
}

function fmtSpreadSelect(aggAlias: string, s: SpreadSelect): string {
  return applyAgg(s.agg, s.aggCast, fullSelName(aggAlias, s.name)) + as(s.alias);
}

const SIMPLE: Record<string, string> = {
  neq: '<>',
  cs: '@>',
  cd: '<@',
  ov: '&&',
  sl: '<<',
  sr: '>>',
  nxr: '&<',
  nxl: '&>',
  adj: '-|-',
};
const QUANT: Record<string, string> = {
  eq: '=',
  gte: '>=',
  gt: '>',
  lte: '<=',
  lt: '<',
  like: 'like',
  ilike: 'ilike',
  match: '~',
  imatch: '~*',
};
const FTS: Record<string, string> = {
  fts: '@@ to_tsquery',
  plfts: '@@ plainto_tsquery',
  phfts: '@@ phraseto_tsquery',
  wfts: '@@ websearch_to_tsquery',
};

/** A Postgres array literal of text values (PostgREST's pgBuildArrayLiteral). */
export function arrayLiteral(vals: string[]): string {
  return `{${vals.map((v) => `"${v.replace(/\0/g, '').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

function fmtOperation(q: Sql, op: Operation): string {
  switch (op.kind) {
    case 'simple':
      return ` ${SIMPLE[op.op]} ${q.p(op.value)}`;
    case 'quant': {
      const v = op.op === 'like' || op.op === 'ilike' ? op.value.replace(/\*/g, '%') : op.value;
      const param = q.p(v);
      return ` ${QUANT[op.op]} ${op.quant === 'any' ? `ANY(${param})` : op.quant === 'all' ? `ALL(${param})` : param}`;
    }
    case 'is':
      return ` IS ${{ null: 'NULL', not_null: 'NOT NULL', true: 'TRUE', false: 'FALSE', unknown: 'UNKNOWN' }[op.value]}`;
    case 'isdistinct':
      return ` IS DISTINCT FROM ${q.p(op.value)}`;
    case 'in':
      return op.values.length === 1 && op.values[0] === ''
        ? ` = ANY('{}') `
        : ` = ANY (${q.p(arrayLiteral(op.values))}) `;
    case 'fts':
      return ` ${FTS[op.op]}(${op.lang !== undefined ? `${q.p(op.lang)}, ` : ''}${q.p(op.value)}) `;
  }
}

function fmtFilter(q: Sql, table: QI | string, f: CFilter): string {
  if (f.kind === 'nullEmbed') return `${ident(f.aggAlias)} IS ${f.not ? '' : 'NOT '}DISTINCT FROM NULL`;
  return `${f.expr.not ? 'NOT' : ''} ${fmtField(q, table, f.field)}${fmtOperation(q, f.expr.op)}`;
}

export function fmtLogic(q: Sql, table: QI | string, t: CLogic): string {
  if (t.kind === 'stmt') return fmtFilter(q, table, t.filter);
  return `${t.not ? 'NOT' : ''} (${t.children.map((c) => fmtLogic(q, table, c)).join(t.op === 'and' ? ' AND ' : ' OR ')})`;
}

function fmtOrderTerm(q: Sql, table: QI | string, o: COrder): string {
  const fld =
    o.kind === 'field'
      ? fmtField(q, table, o.field)
      : fmtField(q, o.relation, { name: o.field.name, jsonPath: o.field.jsonPath, toJson: false, irType: '' });
  const dir = o.dir === 'asc' ? 'ASC' : o.dir === 'desc' ? 'DESC' : '';
  const nulls = o.nulls === 'first' ? 'NULLS FIRST' : o.nulls === 'last' ? 'NULLS LAST' : '';
  return `${fld} ${[dir, nulls].filter(Boolean).join(' ')}`.trimEnd();
}

function orderBy(q: Sql, table: QI | string, order: COrder[]): string {
  return order.length ? `ORDER BY ${order.map((o) => fmtOrderTerm(q, table, o)).join(', ')}` : '';
}

function limitOffset(q: Sql, r: Range): string {
  if (r.offset === 0 && r.limit === undefined) return '';
  return `LIMIT ${r.limit === undefined ? 'ALL' : q.p(String(r.limit))} OFFSET ${q.p(String(r.offset))}`;
}

function joinCond(c: JoinCond): string {
  return `${col(c.left[0], c.left[1])} = ${col(c.right[0], c.right[1])}`;
}

function nodeQi(n: ReadNode): QI | string {
  return n.fromAlias ?? n.from;
}

function fromClause(n: ReadNode): string {
  const j = n.relToParent?.card.kind === 'm2m' ? `, ${fromQi(n.relToParent.card.junction.table)}` : '';
  return ` FROM ${fromQi(n.from)}${n.fromAlias ? ` AS ${ident(n.fromAlias)}` : ''}${j}`;
}

function groupBy(q: Sql, n: ReadNode): string {
  const anyAgg =
    n.select.some((s) => s.agg) || n.relSelect.some((r) => r.kind === 'spread' && r.sels.some((s) => s.agg));
  if (!anyAgg) return '';
  const qi = nodeQi(n);
  const terms: string[] = [];
  for (const s of n.select) {
    if (s.agg) continue;
    terms.push(s.alias ? ident(s.alias) : fmtField(q, qi, s.field));
  }
  for (const r of n.relSelect) {
    if (r.kind === 'embed') terms.push(ident(r.selName));
    else {
      const gs = r.sels.filter((s) => !s.agg).map((s) => `${ident(r.aggAlias)}.${ident(s.alias ?? s.name)}`);
      if (gs.length) terms.push(gs.join(', '));
    }
  }
  return terms.length ? ` GROUP BY ${terms.join(', ')}` : '';
}

export function readPlanToQuery(q: Sql, n: ReadNode): string {
  const qi = nodeQi(n);
  const selects =
    n.select.length === 0 && n.children.length === 0 ? [col(qi, '*')] : n.select.map((s) => fmtSelect(q, qi, s));
  const extra =
    n.relSpread?.kind === 'toMany' ? n.relSpread.extraSelect.map((e) => fmtSelect(q, e.rel ?? qi, e.sel)) : [];
  const joinSelects: string[] = [];
  const joins: string[] = [];
  for (const r of n.relSelect) {
    const child = n.children.find((c) => c.relAggAlias === r.aggAlias)!;
    const A = ident(r.aggAlias);
    if (r.kind === 'embed') {
      if (!r.empty) {
        joinSelects.push(
          r.toOne
            ? `row_to_json(${A}.*)::jsonb AS ${ident(r.selName)}`
            : `COALESCE( ${A}.${A}, '[]') AS ${ident(r.selName)}`,
        );
      }
    } else {
      for (const s of r.sels) joinSelects.push(fmtSpreadSelect(r.aggAlias, s));
    }
    joins.push(joinFor(q, r.kind === 'embed' && r.toOne, child));
  }
  const where = [...n.where.map((t) => fmtLogic(q, qi, t)), ...n.relJoinConds.map(joinCond)];
  return (
    `SELECT ${[...selects, ...extra, ...joinSelects].join(', ')}` +
    fromClause(n) +
    (joins.length ? joins.join(' ') : '') +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ' ' +
    groupBy(q, n) +
    ' ' +
    orderBy(q, qi, n.order) +
    ' ' +
    limitOffset(q, n.range)
  );
}

function joinFor(q: Sql, toOneEmbed: boolean, child: ReadNode): string {
  const A = ident(child.relAggAlias);
  const inner = child.relJoinType === 'inner';
  const correlated = (sub: string, cond: string) =>
    ` ${inner ? 'INNER' : 'LEFT'} JOIN LATERAL ( ${sub} ) AS ${A} ON ${cond}`;
  const sub = readPlanToQuery(q, child);
  const selectSubqAgg = `SELECT json_agg(${A})::jsonb AS ${A}`;
  const fromSubqAgg = ` FROM (${sub} ) AS ${A}`;
  const cond = inner ? `${A} IS NOT NULL` : 'TRUE';
  if (child.relSpread?.kind === 'toMany') {
    const order = child.relSpread.order;
    const sels = spreadSelectsOf(child).map(
      (s) =>
        `COALESCE(json_agg(${fullSelName(child.relAggAlias, s.name)} ${orderBy(q, child.relAggAlias, order)}),'[]')::jsonb AS ${ident(
          s.alias ?? s.name,
        )}`,
    );
    return correlated(`${selectSubqAgg}${sels.length ? ', ' : ''}${sels.join(', ')}${fromSubqAgg}`, cond);
  }
  if (toOneEmbed || child.relSpread?.kind === 'toOne') return correlated(sub, 'TRUE');
  return correlated(selectSubqAgg + fromSubqAgg, cond);
}

function spreadSelectsOf(n: ReadNode): SpreadSelect[] {
  return [
    ...n.select.map((s) => ({ name: s.alias ?? s.field.name })),
    ...n.relSelect.flatMap((r): SpreadSelect[] => (r.kind === 'embed' ? [{ name: r.selName }] : r.sels)),
  ];
}

/** COUNT of the root rows: only WHERE, EXISTS for !inner embeds, no LIMIT (readPlanToCountQuery). */
export function countQuery(q: Sql, n: ReadNode): string {
  const qi = nodeQi(n);
  const countLogic = (t: CLogic): string => {
    if (t.kind === 'expr') {
      return `${t.not ? 'NOT' : ''} (${t.children.map(countLogic).join(t.op === 'and' ? ' AND ' : ' OR ')})`;
    }
    const f = t.filter;
    if (f.kind === 'nullEmbed') {
      const child = n.children.find((c) => c.relAggAlias === f.aggAlias);
      return child ? `${f.not ? '' : 'NOT '}EXISTS (${countQuery(q, child)})` : 'TRUE';
    }
    return fmtFilter(q, qi, f);
  };
  const parts = [
    ...n.where.map(countLogic),
    ...n.relJoinConds.map(joinCond),
    ...n.children.filter((c) => c.relJoinType === 'inner').map((c) => `EXISTS (${countQuery(q, c)} )`),
  ];
  return `SELECT 1 ${fromClause(n)}${parts.length ? ` WHERE ${parts.join(' AND ')}` : ''}`;
}

// ---- bodies ------------------------------------------------------------------------

export type Handler = 'json' | 'jsonStrip' | 'single' | 'singleStrip' | 'csv' | 'none';

const CSV_BODY =
  "(SELECT coalesce(string_agg(a.k, ','), '') FROM (SELECT json_object_keys(r)::text as k FROM ( SELECT row_to_json(hh) as r from pgrst_source as hh limit 1) s) a) || '\n' || coalesce(string_agg(substring(_postgrest_t::text, 2, length(_postgrest_t::text) - 2), '\n'), '')";

export function bodyExpr(h: Handler, rout?: Routine): string {
  const scalar = rout ? !rout.returns.setOf && !rout.returns.composite : false;
  const setOfScalar = rout ? rout.returns.setOf && !rout.returns.composite : false;
  const singleComposite = rout ? !rout.returns.setOf && rout.returns.composite : false;
  const strip = (s: string, yes: boolean) => (yes ? `json_strip_nulls(${s})` : s);
  switch (h) {
    case 'none':
      return "''::text";
    case 'csv':
      return CSV_BODY;
    case 'single':
    case 'singleStrip':
      return scalar
        ? `coalesce(${strip('json_agg(_postgrest_t.pgrst_scalar)->0', h === 'singleStrip')}, 'null')`
        : `coalesce(${strip('json_agg(_postgrest_t)->0', h === 'singleStrip')}, 'null')`;
    default: {
      const s = h === 'jsonStrip';
      if (singleComposite) return `coalesce(${strip('json_agg(_postgrest_t)->0', s)}, 'null')`;
      if (scalar) return `coalesce(${strip('json_agg(_postgrest_t.pgrst_scalar)->0', s)}, 'null')`;
      if (setOfScalar) return `coalesce(${strip('json_agg(_postgrest_t.pgrst_scalar)', s)}, '[]')`;
      return `coalesce(${strip('json_agg(_postgrest_t)', s)}, '[]')`;
    }
  }
}

const RESPONSE_GUCS =
  "nullif(current_setting('response.headers', true), '') AS response_headers, nullif(current_setting('response.status', true), '') AS response_status";

export interface ReadStatement {
  text: string;
  params: (string | Buffer | null)[];
}

/** GET/HEAD on a table or view (Statements.mainRead). */
export function mainRead(
  tree: ReadNode,
  handler: Handler,
  count: 'exact' | 'estimated' | undefined,
  maxRows: number | undefined,
): ReadStatement {
  const q = new Sql();
  const select = readPlanToQuery(q, tree);
  let countCte = '';
  let countExpr = 'null::bigint';
  if (count) {
    const limited = count === 'estimated' && maxRows !== undefined ? ` LIMIT ${maxRows + 1}` : '';
    countCte = `, pgrst_source_count AS (${countQuery(q, tree)}${limited})`;
    countExpr = '(SELECT pg_catalog.count(*) FROM pgrst_source_count)';
  }
  const text =
    `WITH pgrst_source AS ( ${select} ) ${countCte} ` +
    `SELECT ${countExpr} AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, ` +
    `(${bodyExpr(handler)})::text AS body, ${RESPONSE_GUCS} ` +
    `FROM ( SELECT * FROM pgrst_source ) _postgrest_t`;
  return { text, params: q.params };
}

/** EXPLAIN of the count query for Prefer: count=planned|estimated. */
export function explainCount(tree: ReadNode, cte?: string): ReadStatement {
  const q = new Sql();
  const text = `EXPLAIN (FORMAT JSON) ${cte ?? ''}${countQuery(q, tree)}`;
  return { text, params: q.params };
}

// ---- mutations ---------------------------------------------------------------------

export interface MutationColumn {
  name: string;
  type: string;
  default?: string | null;
}

function literal(s: string): string {
  // Only for text that comes from the catalog (column names, default expressions).
  const escaped = `'${s.replace(/\0/g, '').replace(/'/g, "''")}'`;
  return s.includes('\\') ? `E${escaped.replace(/\\/g, '\\\\')}` : escaped;
}

function jsonBody(
  q: Sql,
  body: string,
  fields: MutationColumn[],
  opts: { select: boolean; limitOne: boolean; defaults: boolean },
): string {
  const isObject = /^[ \t\n\r]*\{/.test(body);
  const param = q.p(body);
  const selectClause = opts.select ? `SELECT ${fields.map((f) => `"pgrst_body".${ident(f.name)}`).join(', ')} ` : '';
  const fromClause = `FROM (SELECT ${param}::${opts.defaults ? 'jsonb' : 'json'} AS json_data) pgrst_payload, `;
  const defs = fields.filter((f) => f.default != null).map((f) => `${literal(f.name)}, ${f.default}`);
  const defsJsonb = `jsonb_build_object(${defs.join(',')})`;
  let defaultsClause = '';
  if (opts.defaults) {
    defaultsClause = isObject
      ? `LATERAL (SELECT ${defsJsonb} || pgrst_payload.json_data AS val) pgrst_json_defs, `
      : `LATERAL (SELECT jsonb_agg(${defsJsonb} || elem) AS val from jsonb_array_elements(pgrst_payload.json_data) elem) pgrst_json_defs, `;
  }
  const finalBody = opts.defaults ? 'pgrst_json_defs.val' : 'pgrst_payload.json_data';
  const arrayElements = opts.defaults ? 'jsonb_array_elements' : 'json_array_elements';
  const toRecordset = opts.defaults
    ? isObject
      ? 'jsonb_to_record'
      : 'jsonb_to_recordset'
    : isObject
      ? 'json_to_record'
      : 'json_to_recordset';
  const typedCols = fields.map((f) => `${ident(f.name)} ${f.type}`).join(', ');
  const source = fields.length
    ? `${toRecordset}(${finalBody}) AS _(${typedCols}) ${opts.limitOne ? 'LIMIT 1' : ''}`
    : isObject
      ? '(values(1)) _ '
      : `${arrayElements}(${finalBody}) _ `;
  const parsedCols = fields.map((f) => ident(f.name)).join(', ');
  return `${selectClause}${fromClause}${defaultsClause}LATERAL (SELECT ${parsedCols} FROM ${source}) pgrst_body `;
}

function returning(qi: QI, cols: string[]): string {
  return cols.length === 0 ? 'RETURNING 1' : `RETURNING ${cols.map((c) => col(qi, c)).join(', ')}`;
}

function insertedCounter(add: boolean): string {
  const [sym, num] = add ? ['+', '0'] : ['-', '-1'];
  return `set_config('pgrst.inserted', (coalesce(nullif(current_setting('pgrst.inserted', true), '')::int, 0) ${sym} 1)::text, true) <> '${num}'`;
}

export type Mutation =
  | {
      kind: 'insert';
      qi: QI;
      columns: MutationColumn[];
      body: string;
      onConflict?: { resolution: 'merge' | 'ignore'; columns: string[] };
      /** PUT: the filters the single row must match. */
      putConditions: CLogic[];
      returning: string[];
      applyDefaults: boolean;
    }
  | {
      kind: 'update';
      qi: QI;
      columns: MutationColumn[];
      body: string;
      where: CLogic[];
      returning: string[];
      applyDefaults: boolean;
    }
  | { kind: 'delete'; qi: QI; where: CLogic[]; returning: string[] };

function mutationQuery(q: Sql, m: Mutation): string {
  if (m.kind === 'insert') {
    const mergeDups = m.onConflict?.resolution === 'merge';
    let s = `INSERT INTO ${fromQi(m.qi)}${m.columns.length ? `(${m.columns.map((c) => ident(c.name)).join(', ')}) ` : ' '}`;
    s += jsonBody(q, m.body, m.columns, { select: true, limitOne: false, defaults: m.applyDefaults });
    if (m.putConditions.length) {
      s += `WHERE ${insertedCounter(true)} AND ${m.putConditions.map((c) => fmtLogic(q, 'pgrst_body', c)).join(' AND ')}`;
    } else if (mergeDups) s += `WHERE ${insertedCounter(true)}`;
    if (m.onConflict && m.onConflict.columns.length) {
      s += ` ON CONFLICT(${m.onConflict.columns.map(ident).join(', ')}) `;
      if (m.onConflict.resolution === 'ignore' || m.columns.length === 0) s += 'DO NOTHING';
      else {
        s += `DO UPDATE SET ${m.columns.map((c) => `${ident(c.name)} = EXCLUDED.${ident(c.name)}`).join(', ')}`;
        s += ` WHERE ${insertedCounter(false)}`;
      }
    }
    return `${s} ${returning(m.qi, m.returning)}`;
  }
  const where = (ts: CLogic[]) => (ts.length ? ` WHERE ${ts.map((t) => fmtLogic(q, m.qi, t)).join(' AND ')}` : '');
  if (m.kind === 'update') {
    if (m.columns.length === 0) {
      const cols = m.returning.length ? m.returning.map((c) => col(m.qi.name, c)).join(', ') : 'NULL';
      return `SELECT ${cols} FROM ${fromQi(m.qi)} WHERE false`;
    }
    const sets = m.columns.map((c) => `${ident(c.name)} = "pgrst_body".${ident(c.name)}`).join(', ');
    const from = jsonBody(q, m.body, m.columns, { select: false, limitOne: false, defaults: m.applyDefaults });
    return `UPDATE ${fromQi(m.qi)} SET ${sets} ${from}${where(m.where)} ${returning(m.qi, m.returning)}`;
  }
  return `DELETE FROM ${fromQi(m.qi)} ${where(m.where)} ${returning(m.qi, m.returning)}`;
}

/** Statements.mainWrite: the mutation in a CTE, the representation built from it. */
export function mainWrite(
  m: Mutation,
  tree: ReadNode,
  handler: Handler,
  opts: { headersOnly: boolean; pk: string[] },
): ReadStatement {
  const q = new Sql();
  const mutation = mutationQuery(q, m);
  const isInsert = m.kind === 'insert';
  let loc = 'array[]::text[]';
  if (isInsert && opts.headersOnly) {
    const keys = q.p(arrayLiteral(opts.pk));
    loc =
      `CASE WHEN pg_catalog.count(_postgrest_t) = 1 THEN coalesce((` +
      `WITH data AS (SELECT row_to_json(_) AS row FROM pgrst_source AS _ LIMIT 1) ` +
      `SELECT array_agg(json_data.key || '=' || coalesce('eq.' || json_data.value, 'is.null')) ` +
      `FROM data CROSS JOIN json_each_text(data.row) AS json_data WHERE json_data.key = ANY(${keys}::text[])` +
      `), array[]::text[]) ELSE array[]::text[] END`;
  }
  const countsInserted = isInsert && (m.putConditions.length > 0 || m.onConflict?.resolution === 'merge');
  const inserted = countsInserted ? "nullif(current_setting('pgrst.inserted', true),'')::int" : 'null::int';
  const selectF = handler === 'none' ? 'SELECT * FROM pgrst_source' : readPlanToQuery(q, tree);
  const text =
    `WITH pgrst_source AS (${mutation}) ` +
    `SELECT '' AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, to_json(${loc})::text AS header, ` +
    `(${bodyExpr(handler)})::text AS body, ${RESPONSE_GUCS}, ${inserted} AS response_inserted ` +
    `FROM (${selectF}) _postgrest_t`;
  return { text, params: q.params };
}

// ---- RPC ---------------------------------------------------------------------------

export type CallArgs =
  | { kind: 'direct'; args: Map<string, string[]> }
  | { kind: 'json'; body: string | null }
  | { kind: 'raw'; body: string | Buffer | null };

function callQuery(q: Sql, r: Routine, params: RoutineParam[] | 'single', args: CallArgs): string {
  const scalar = !r.returns.composite;
  const fn = fromQi({ schema: r.schema, name: r.name });
  const callIt = (arg: string) =>
    scalar ? `(SELECT ${fn}(${arg}) pgrst_scalar) pgrst_call` : `${fn}(${arg}) pgrst_call`;
  let from: string;
  if (params === 'single') {
    const p = r.params[0]!;
    const body = args.kind === 'direct' ? null : args.body;
    from = `FROM ${callIt(p.type === 'bytea' ? `${q.p(body)}::bytea` : `${q.p(body)}::${p.type}`)}`;
  } else if (params.length === 0) {
    from = `FROM ${callIt('')}`;
  } else if (args.kind === 'direct') {
    const fmt = params.map((p) => {
      const vals = args.args.get(p.name) ?? [];
      const value = p.variadic ? q.p(arrayLiteral(vals)) : q.p(vals[vals.length - 1] ?? null);
      return `${p.variadic ? 'VARIADIC ' : ''}${ident(p.name)} := ${value}::${p.typeMaxLength}`;
    });
    from = `FROM ${callIt(fmt.join(', '))}`;
  } else {
    const body = args.body ?? '{}';
    const fields = params.map((p) => ({ name: p.name, type: p.typeMaxLength }));
    const named = params.map((p) => `${p.variadic ? 'VARIADIC ' : ''}${ident(p.name)} := pgrst_body.${ident(p.name)}`);
    from = `${jsonBody(q, typeof body === 'string' ? body : body.toString('utf8'), fields, {
      select: false,
      limitOne: true,
      defaults: false,
    })}, LATERAL ${callIt(named.join(', '))}`;
  }
  return `SELECT ${scalar ? 'pgrst_call.pgrst_scalar' : '"pgrst_call".*'} ${from}`;
}

/** Statements.mainCall. */
export function mainCall(
  r: Routine,
  params: RoutineParam[] | 'single',
  args: CallArgs,
  tree: ReadNode,
  handler: Handler,
  count: 'exact' | 'estimated' | undefined,
  maxRows: number | undefined,
): ReadStatement {
  const q = new Sql();
  const call = callQuery(q, r, params, args);
  const select = readPlanToQuery(q, tree);
  const single = !r.returns.setOf;
  const pageCount = single ? '1' : 'pg_catalog.count(_postgrest_t)';
  let countCte = '';
  let countExpr = 'null::bigint';
  if (count) {
    const limited = count === 'estimated' && maxRows !== undefined ? ` LIMIT ${maxRows + 1}` : '';
    countCte = `, pgrst_source_count AS (${countQuery(q, tree)}${limited}) `;
    countExpr = '(SELECT pg_catalog.count(*) FROM pgrst_source_count)';
  }
  const text =
    `WITH pgrst_source AS (${call}) ${countCte}` +
    `SELECT ${countExpr} AS total_result_set, ${pageCount} AS page_total, ` +
    `(${bodyExpr(handler, r)})::text AS body, ${RESPONSE_GUCS} ` +
    `FROM (${select}) _postgrest_t`;
  return { text, params: q.params };
}
