// Builds the one SQL statement of each request from a parsed query and the schema
// cache. Identifiers come only from the cache (quoted); every value from the request
// is a bind parameter. The JSON body is built in Postgres (json_agg, row_to_json and
// lateral subqueries for embedded resources).
import { ApiError } from './errors.ts';
import type { Field, Filter, LevelParams, LogicTree, OrderTerm, QueryParams, SelectItem } from './parser.ts';
import { relKey, type Column, type Relation, type Relationship, type SchemaCache } from './schema.ts';

export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
export function qualified(rel: { schema: string; name: string }): string {
  return `${ident(rel.schema)}.${ident(rel.name)}`;
}

export class Params {
  values: unknown[] = [];
  add(v: unknown, cast?: string): string {
    this.values.push(v);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}

export interface BuildEnv {
  cache: SchemaCache;
  params: Params;
  /** Counter for unique SQL aliases. */
  n: number;
  /** Level params not consumed by an embed (→ PGRST108). */
  used: Set<string>;
  query: QueryParams;
  /** A computed field was read: the row alias must keep the table's row type. */
  usesComputed?: boolean;
}

export function columnNotFound(rel: Relation, col: string): ApiError {
  return new ApiError(400, '42703', `column ${rel.name}.${col} does not exist`);
}

function column(rel: Relation, name: string): Column {
  const c = rel.columns.get(name);
  if (c) return c;
  const fn = rel.computed?.get(name);
  if (fn) {
    const base = fn.type.replace(/\[\]$/, '');
    return { name, type: fn.type, baseType: base, category: fn.type.endsWith('[]') ? 'A' : 'X', nullable: true, default: null, generated: true, position: 0 };
  }
  throw columnNotFound(rel, name);
}



/** `alias."col"` followed by its JSON path (keys and indexes as parameters). */
function fieldExpr(env: BuildEnv, rel: Relation, alias: string, field: Field): string {
  const col = column(rel, field.name);
  const computed = !rel.columns.has(field.name) ? rel.computed?.get(field.name) : undefined;
  let sql = computed ? `${qualified(computed)}(${alias})` : `${alias}.${ident(field.name)}`;
  if (computed) env.usesComputed = true;
  // Arrays and composites take JSON paths through their JSON form, as PostgREST allows.
  if (field.json.length && col.baseType !== 'json' && col.baseType !== 'jsonb') sql = `to_jsonb(${sql})`;
  for (const op of field.json) {
    sql = `(${sql}${op.arrow}${env.params.add(op.index ? Number(op.key) : op.key, op.index ? 'int' : 'text')})`;
  }
  return sql;
}

// ---------------------------------------------------------------------------
// Filters

const SIMPLE_OPS: Record<string, string> = {
  eq: '=',
  neq: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  like: 'like',
  ilike: 'ilike',
  match: '~',
  imatch: '~*',
  cs: '@>',
  cd: '<@',
  ov: '&&',
  sl: '<<',
  sr: '>>',
  nxr: '&<',
  nxl: '&>',
  adj: '-|-',
  isdistinct: 'is distinct from',
};
const FTS_FN: Record<string, string> = {
  fts: 'to_tsquery',
  plfts: 'plainto_tsquery',
  phfts: 'phraseto_tsquery',
  wfts: 'websearch_to_tsquery',
};

function filterSql(env: BuildEnv, rel: Relation, alias: string, f: Filter): string {
  const col = column(rel, f.field.name);
  const lhs = fieldExpr(env, rel, alias, f.field);
  // JSON path results compare as text (->>) or jsonb/json (->): values cast accordingly.
  let sql: string;
  const p = (v: unknown) => env.params.add(v);
  if (f.op === 'is') {
    const v = f.value as string;
    sql = v === 'not_null' ? `${lhs} is not null` : `${lhs} is ${v}`;
  } else if (f.op === 'in') {
    const list = f.value as string[];
    sql = `${lhs} = any(${p(list)})`;
  } else if (f.op in FTS_FN) {
    const q = f.config
      ? `${FTS_FN[f.op]}(${env.params.add(f.config, 'regconfig')}, ${p(f.value)})`
      : `${FTS_FN[f.op]}(${p(f.value)})`;
    const isTsv = !f.field.json.length && col.baseType === 'tsvector';
    const doc = isTsv ? lhs : f.config ? `to_tsvector(${env.params.add(f.config, 'regconfig')}, ${lhs})` : `to_tsvector(${lhs})`;
    sql = `${doc} @@ ${q}`;
  } else if (f.modifier) {
    sql = `${lhs} ${SIMPLE_OPS[f.op]} ${f.modifier}(${p(f.value)})`;
  } else {
    // The value's type comes from the column: cs/cd/ov take JSON for json(b), {..} for arrays.
    sql = `${lhs} ${SIMPLE_OPS[f.op]} ${p(f.value)}`;
  }
  return f.negate ? `not (${sql})` : sql;
}

function logicSql(env: BuildEnv, rel: Relation, alias: string, tree: LogicTree): string {
  const parts = tree.children.map((c) =>
    c.kind === 'filter' ? filterSql(env, rel, alias, c.filter) : logicSql(env, rel, alias, c),
  );
  const sql = `(${parts.join(tree.op === 'or' ? ' or ' : ' and ')})`;
  return tree.negate ? `not ${sql}` : sql;
}

// ---------------------------------------------------------------------------
// Relationships

function relationshipLabel(r: Relationship): string {
  if (r.junction) {
    return `${r.junction.constraint1} using ${r.from.name}(${r.fromCols.join(', ')}) and ${r.junction.rel.name}(${r.junction.srcCols.join(', ')}), ${r.junction.constraint2} using ${r.junction.rel.name}(${r.junction.dstCols.join(', ')}) and ${r.to.name}(${r.toCols.join(', ')})`;
  }
  const [a, b] = r.cardinality === 'o2m' ? [r.to, r.from] : [r.from, r.to];
  const [ac, bc] = r.cardinality === 'o2m' ? [r.toCols, r.fromCols] : [r.fromCols, r.toCols];
  return `${r.constraint} using ${a.name}(${ac.join(', ')}) and ${b.name}(${bc.join(', ')})`;
}
const CARDINALITY: Record<Relationship['cardinality'], string> = {
  m2o: 'many-to-one',
  o2m: 'one-to-many',
  o2o: 'one-to-one',
  m2m: 'many-to-many',
};

export function findRelationship(cache: SchemaCache, from: Relation, name: string, hint: string | undefined): Relationship {
  const all = cache.relationships.get(relKey(from.schema, from.name)) ?? [];
  // The embed may name the target relation, the FK constraint, or an FK column (to-one).
  let candidates = all.filter((r) => r.to.name === name && r.to.schema === from.schema);
  if (!candidates.length) candidates = all.filter((r) => r.to.name === name);
  if (!candidates.length) {
    candidates = all.filter(
      (r) =>
        (!r.junction && r.constraint === name) ||
        ((r.cardinality === 'm2o' || r.cardinality === 'o2o') && r.fromCols.length === 1 && r.fromCols[0] === name),
    );
  }
  if (hint) {
    candidates = candidates.filter(
      (r) =>
        r.constraint === hint ||
        r.junction?.constraint2 === hint ||
        r.junction?.rel.name === hint ||
        (!r.junction && (r.fromCols.includes(hint) || r.toCols.includes(hint)) && r.fromCols.length === 1),
    );
  }
  if (candidates.length === 2 && candidates.every((r) => r.to === from && !r.junction)) {
    // Self-reference (PostgREST docs, family_tree): embedding by the FK column gives
    // the parent; the table hinted with the FK column (or constraint) gives the children.
    const byColumn = !hint && candidates.filter((r) => r.cardinality === 'm2o' && r.fromCols.length === 1 && r.fromCols[0] === name);
    if (byColumn && byColumn.length === 1) return byColumn[0]!;
    const children = (hint || name === from.name) && candidates.filter((r) => r.cardinality === 'o2m');
    if (children && children.length === 1) return children[0]!;
  }
  if (candidates.length === 1) return candidates[0]!;
  candidates = [...candidates].sort((a, b) => (a.constraint < b.constraint ? -1 : a.constraint > b.constraint ? 1 : 0));
  if (!candidates.length) {
    throw new ApiError(
      400,
      'PGRST200',
      `Could not find a relationship between '${from.name}' and '${name}' in the schema cache`,
      `Searched for a foreign key relationship between '${from.name}' and '${name}'${hint ? ` using the hint '${hint}'` : ''} in the schema '${from.schema}', but no matches were found.`,
      null,
    );
  }
  // A direct FK relationship wins over many-to-many through a junction? PostgREST
  // reports both as ambiguous; so do we.
  throw Object.assign(
    new ApiError(
      300,
      'PGRST201',
      `Could not embed because more than one relationship was found for '${from.name}' and '${name}'`,
      null,
      `Try changing '${name}' to one of the following: ${candidates.map((r) => `'${name}!${r.junction ? r.junction.rel.name : r.constraint}'`).join(', ')}. Find the desired relationship in the 'details' key.`,
    ),
    {
      detailsJson: candidates.map((r) => ({
        cardinality: CARDINALITY[r.cardinality],
        embedding: `${from.name} with ${name}`,
        relationship: relationshipLabel(r),
      })),
    },
  );
}

function joinCondition(r: Relationship, child: string, parent: string, junctionAlias: string): string {
  if (r.junction) {
    const j = r.junction;
    const a = j.srcCols.map((c, i) => `${junctionAlias}.${ident(c)} = ${parent}.${ident(r.fromCols[i]!)}`);
    return a.join(' and ');
  }
  return r.fromCols.map((c, i) => `${child}.${ident(r.toCols[i]!)} = ${parent}.${ident(c)}`).join(' and ');
}

function junctionJoin(r: Relationship, child: string, junctionAlias: string): string {
  const j = r.junction!;
  const on = j.dstCols.map((c, i) => `${junctionAlias}.${ident(c)} = ${child}.${ident(r.toCols[i]!)}`).join(' and ');
  return ` join ${qualified(j.rel)} ${junctionAlias} on ${on}`;
}

// ---------------------------------------------------------------------------
// Select levels

export interface Level {
  /** `expr as "key"` entries. */
  list: string[];
  keys: string[];
  joins: string[];
  where: string[];
  orderBy: string[];
  groupBy: string[];
  limit?: number;
  offset?: number;
  hasAggregate: boolean;
  /** Some condition reads an embed (!inner, rel=is.null): the page cannot be cut before the embeds. */
  embedFilters: boolean;
}

const isToOne = (r: Relationship) => r.cardinality === 'm2o' || r.cardinality === 'o2o';

function embedKey(item: Extract<SelectItem, { kind: 'embed' }>): string {
  return item.alias ?? item.name;
}

/**
 * Builds the select list, lateral joins and conditions of one level. `path` is the
 * embed path of this level in the query's level params ('' = top).
 */
export function buildLevel(
  env: BuildEnv,
  rel: Relation,
  alias: string,
  items: SelectItem[],
  path: string[],
  opts: { applyFilters: boolean; aggregatesEnabled: boolean },
): Level {
  const lp: LevelParams = env.query.levels.get(path.join('.')) ?? { filters: [], logic: [] };
  env.used.add(path.join('.'));
  const level: Level = { list: [], keys: [], joins: [], where: [], orderBy: [], groupBy: [], hasAggregate: false, embedFilters: false };
  const embeds = new Map<string, { lateral: string; rel: Relationship; toOne: boolean; spread: boolean }>();
  const plain: string[] = [];

  const add = (expr: string, key: string, grouped: boolean) => {
    level.list.push(`${expr} as ${ident(key)}`);
    level.keys.push(key);
    if (grouped) plain.push(expr);
  };

  for (const item of items) {
    switch (item.kind) {
      case 'star':
        for (const c of rel.columns.keys()) add(`${alias}.${ident(c)}`, c, true);
        break;
      case 'count':
        if (!opts.aggregatesEnabled) throw aggregatesDisabled();
        level.hasAggregate = true;
        add(item.cast ? `count(*)::${item.cast}` : 'count(*)', item.alias ?? 'count', false);
        break;
      case 'field': {
        let expr = fieldExpr(env, rel, alias, item.field);
        if (item.cast) expr = `(${expr})::${item.cast}`;
        // The output key is the last JSON path key that is not an array index.
        const last = [...item.field.json].reverse().find((o) => !o.index);
        let key = item.alias ?? (last ? last.key : item.field.name);
        if (item.agg) {
          if (!opts.aggregatesEnabled) throw aggregatesDisabled();
          level.hasAggregate = true;
          expr = `${item.agg}(${expr})`;
          if (item.aggCast) expr = `(${expr})::${item.aggCast}`;
          key = item.alias ?? item.agg;
          add(expr, key, false);
        } else {
          add(expr, key, true);
        }
        break;
      }
      case 'embed': {
        const r = findRelationship(env.cache, rel, item.name, item.hint);
        const key = embedKey(item);
        const childAlias = `t${++env.n}`;
        const lat = `e${env.n}`;
        const jAlias = `j${env.n}`;
        const toOne = isToOne(r);
        // Bare `count` in an embed is PostgREST's embedded count: rel(count).
        const childItems: SelectItem[] = item.select.map((s) =>
          s.kind === 'field' && s.field.name === 'count' && !s.field.json.length && !s.agg && !r.to.columns.has('count')
            ? { kind: 'count', alias: s.alias, cast: s.cast }
            : s,
        );
        const bareCount = childItems.some((s, i) => s.kind === 'count' && item.select[i]!.kind === 'field');
        const child = buildLevel(env, r.to, childAlias, childItems, [...path, key], {
          applyFilters: true,
          aggregatesEnabled: opts.aggregatesEnabled || bareCount,
        });
        const from =
          `from ${qualified(r.to)} ${childAlias}` + (r.junction ? junctionJoin(r, childAlias, jAlias) : '') + child.joins.join('');
        const where = [joinCondition(r, childAlias, alias, jAlias), ...child.where];
        const inner = selectSql(child, from, where, undefined, env.params);
        let lateral: string;
        if (item.spread && toOne) {
          lateral = `(${inner.replace(/^select /, 'select true as "pgrst_exists", ')}) ${lat}`;
          for (const k of child.keys) add(`${lat}.${ident(k)}`, k, true);
        } else if (item.spread) {
          lateral = `(select true as "pgrst_exists", ${child.keys.map((k) => `json_agg(x.${ident(k)}) as ${ident(k)}`).join(', ') || 'null'} from (${inner}) x having count(*) > 0) ${lat}`;
          for (const k of child.keys) add(`coalesce(${lat}.${ident(k)}, '[]')`, k, false);
        } else if (toOne) {
          lateral = `(select true as "pgrst_exists", row_to_json(x) as body from (${inner}) x) ${lat}`;
          if (item.select.length) add(`${lat}.body`, key, false);
        } else {
          lateral = `(select true as "pgrst_exists", json_agg(x) as body from (${inner}) x having count(*) > 0) ${lat}`;
          if (item.select.length) add(`coalesce(${lat}.body, '[]')`, key, false);
        }
        level.joins.push(` left join lateral ${lateral} on true`);
        if (item.join === 'inner') {
          level.where.push(`${lat}."pgrst_exists" is not null`);
          level.embedFilters = true;
        }
        embeds.set(key, { lateral: lat, rel: r, toOne, spread: item.spread });
        break;
      }
    }
  }
  if (level.hasAggregate) level.groupBy = plain;

  if (opts.applyFilters) {
    for (const f of lp.filters) {
      const e = embeds.get(f.field.name);
      if (e && !rel.columns.has(f.field.name)) {
        if (f.op !== 'is' || (f.value !== 'null' && f.value !== 'not_null') || f.field.json.length) {
          throw new ApiError(400, 'PGRST120', `Bad operator on the '${f.field.name}' embedded resource`, 'Only is null or not is null filters are allowed on embedded resources');
        }
        const isNull = (f.value === 'null') !== f.negate;
        level.where.push(`${e.lateral}."pgrst_exists" is ${isNull ? '' : 'not '}null`);
        level.embedFilters = true;
        continue;
      }
      level.where.push(filterSql(env, rel, alias, f));
    }
    for (const t of lp.logic) level.where.push(logicSql(env, rel, alias, t));
  }
  for (const o of lp.order ?? []) level.orderBy.push(orderSql(env, rel, alias, o, embeds));
  level.limit = lp.limit;
  level.offset = lp.offset;
  return level;
}

function orderSql(
  env: BuildEnv,
  rel: Relation,
  alias: string,
  o: OrderTerm,
  embeds: Map<string, { lateral: string; rel: Relationship; toOne: boolean }>,
): string {
  let expr: string;
  if (o.relation) {
    const e = embeds.get(o.relation);
    if (!e) {
      throw new ApiError(400, 'PGRST108', `'${o.relation}' is not an embedded resource in this request`, null, `Verify that '${o.relation}' is included in the 'select' query parameter.`);
    }
    if (!e.toOne) {
      throw new ApiError(400, 'PGRST118', `A related order on '${o.relation}' is not possible`, `'${rel.name}' and '${o.relation}' do not form a many-to-one or one-to-one relationship`);
    }
    // A scalar subquery over the to-one target: at most one row by construction.
    const r = e.rel;
    const c = `o${++env.n}`;
    const target = fieldExpr(env, r.to, c, o.field);
    expr = `(select ${target} from ${qualified(r.to)} ${c} where ${joinCondition(r, c, alias, '')} limit 1)`;
  } else {
    expr = fieldExpr(env, rel, alias, o.field);
  }
  return `${expr}${o.dir === 'desc' ? ' desc' : ' asc'}${o.nulls ? ` nulls ${o.nulls}` : ''}`;
}

export function aggregatesDisabled(): ApiError {
  return new ApiError(400, 'PGRST123', 'Use of aggregate functions is not allowed');
}

/** `select <list> from ... where ... group by ... order by ... limit ... offset ...` */
export function selectSql(level: Level, from: string, where: string[], limitOverride?: { limit?: number; offset?: number }, params?: Params): string {
  let sql = `select ${level.list.join(', ') || 'null as "pgrst_empty"'} ${from}`;
  if (where.length) sql += ` where ${where.join(' and ')}`;
  if (level.groupBy.length) sql += ` group by ${level.groupBy.join(', ')}`;
  if (level.orderBy.length) sql += ` order by ${level.orderBy.join(', ')}`;
  const limit = limitOverride ? limitOverride.limit : level.limit;
  const offset = limitOverride ? limitOverride.offset : level.offset;
  // Bound, so that pages of one query share one prepared statement.
  if (limit !== undefined) sql += params ? ` limit ${params.add(Math.floor(limit), 'int8')}` : ` limit ${Math.floor(limit)}`;
  if (offset) sql += params ? ` offset ${params.add(Math.floor(offset), 'int8')}` : ` offset ${Math.floor(offset)}`;
  return sql;
}

/** Level params whose path did not match an embed of the select. */
export function checkUnusedLevels(env: BuildEnv): void {
  for (const [k, lp] of env.query.levels) {
    if (env.used.has(k)) continue;
    if (!lp.filters.length && !lp.logic.length && !lp.order && lp.limit === undefined && lp.offset === undefined) continue;
    const name = k.split('.').pop()!;
    throw new ApiError(400, 'PGRST108', `'${name}' is not an embedded resource in this request`, null, `Verify that '${name}' is included in the 'select' query parameter.`);
  }
}
