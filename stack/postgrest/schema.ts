// The schema cache: tables, views, columns, keys, relationships and functions of the
// exposed schemas, read from pg_catalog once and rebuilt on 'schema-changed'.
// Requests never query the catalog.
import type pg from 'pg';

export interface Column {
  name: string;
  /** format_type(): e.g. "integer", "text[]", "character varying(20)". */
  type: string;
  /** Base type name (domains resolved), e.g. "tsvector", "jsonb", "_text". */
  baseType: string;
  /** pg_type.typcategory of the base type: 'A' array, 'S' string, 'N' numeric, ... */
  category: string;
  nullable: boolean;
  default: string | null;
  generated: boolean;
  position: number;
}

export interface Relation {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: Map<string, Column>;
  pk: string[];
  /** Unique column sets (PK included). */
  uniques: string[][];
  insertable: boolean;
  comment: string | null;
  /** Computed fields: functions taking this relation's row (PostgREST computed columns). */
  computed?: Map<string, { schema: string; name: string; type: string }>;
}

export interface Relationship {
  /** Cardinality seen from `from`. */
  cardinality: 'm2o' | 'o2m' | 'o2o' | 'm2m';
  from: Relation;
  to: Relation;
  constraint: string;
  fromCols: string[];
  toCols: string[];
  /** For m2m: the junction and its column pairs. */
  junction?: { rel: Relation; constraint1: string; constraint2: string; srcCols: string[]; dstCols: string[] };
}

export interface FnArg {
  name: string;
  type: string;
  hasDefault: boolean;
  variadic: boolean;
}

export interface Fn {
  schema: string;
  name: string;
  oid: number;
  args: FnArg[];
  volatility: 'i' | 's' | 'v';
  returnsSet: boolean;
  /** Return type as format_type(). */
  returnType: string;
  /** 'void' | 'scalar' | 'composite' (a row type: table, view or composite) */
  returnKind: 'void' | 'scalar' | 'composite';
  /** The relation whose row type is returned (embeds on RPC results), if any. */
  returnRel?: Relation;
  /** Output column names of a composite/TABLE result. */
  outColumns: string[];
  comment: string | null;
}

export interface SchemaCache {
  relations: Map<string, Relation>; // key: schema.name
  relationships: Map<string, Relationship[]>; // key: schema.name of `from`
  functions: Map<string, Fn[]>; // key: schema.name
  /** Role settings per role: statement_timeout etc. (pg_db_role_setting). */
  roleSettings: Map<string, [string, string][]>;
  aggregatesEnabled: boolean;
  roles: Set<string>;
}

export const relKey = (schema: string, name: string): string => `${schema}.${name}`;

const RELATIONS_SQL = `
select c.oid::int8::text as oid, n.nspname as schema, c.relname as name, c.relkind as kind,
       obj_description(c.oid, 'pg_class') as comment,
       case when c.relkind in ('r','p','f') then true
            else (pg_relation_is_updatable(c.oid, true) & 8) = 8 end as insertable
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = any($1) and c.relkind in ('r','p','v','m','f')`;

const COLUMNS_SQL = `
select a.attrelid::int8::text as oid, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
       coalesce(bt.typname, t.typname) as base, coalesce(bt.typcategory, t.typcategory) as category,
       not a.attnotnull as nullable, pg_get_expr(d.adbin, d.adrelid) as "default",
       a.attgenerated <> '' as generated, a.attnum as position
from pg_attribute a
join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_type t on t.oid = a.atttypid
left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where n.nspname = any($1) and c.relkind in ('r','p','v','m','f') and a.attnum > 0 and not a.attisdropped
order by a.attrelid, a.attnum`;

// Keys and foreign keys of every schema (a view in an exposed schema may select from
// a table in a private one).
const CONSTRAINTS_SQL = `
select con.conname as name, con.contype as type, con.conrelid::int8::text as rel, con.confrelid::int8::text as frel,
       array(select a.attname from unnest(con.conkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.o)::text[] as cols,
       array(select a.attname from unnest(con.confkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.o)::text[] as fcols,
       n.nspname as schema, c.relname as relname
from pg_constraint con
join pg_class c on c.oid = con.conrelid
join pg_namespace n on n.oid = c.relnamespace
where con.contype in ('p','u','f')
union all
select ic.relname, 'u', i.indrelid::int8::text, null,
       array(select a.attname from unnest(i.indkey::int2[]) k(n) join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.n)::text[],
       null, n.nspname, c.relname
from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_class c on c.oid = i.indrelid
join pg_namespace n on n.oid = c.relnamespace
where i.indisunique and i.indpred is null and i.indexprs is null
  and not exists (select 1 from pg_constraint x where x.conindid = i.indexrelid)`;

// Which base-table columns each view column passes through unchanged (views that
// select straight from tables): from the view's rewrite rule target list.
const VIEW_COLUMNS_SQL = `
select v.oid::int8::text as view, v.relname as view_name, vn.nspname as view_schema,
       d.refobjid::int8::text as base, a.attname as base_col
from pg_class v
join pg_namespace vn on vn.oid = v.relnamespace
join pg_rewrite r on r.ev_class = v.oid
join pg_depend d on d.objid = r.oid and d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass
join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
where vn.nspname = any($1) and v.relkind in ('v','m') and d.refobjid <> v.oid and d.refobjsubid > 0`;

const FUNCTIONS_SQL = `
select p.oid::int8::text as oid, n.nspname as schema, p.proname as name, p.provolatile as volatility,
       p.proretset as retset, format_type(p.prorettype, null) as rettype, t.typtype as rettyptype,
       t.typrelid::int8::text as retrelid, p.pronargs as nargs, p.pronargdefaults as ndefaults,
       coalesce(p.proargnames, '{}') as argnames,
       coalesce(p.proargmodes::text[], '{}') as argmodes,
       array(select format_type(x, null) from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality u(x, o) order by o)::text[] as argtypes,
       obj_description(p.oid, 'pg_proc') as comment,
       (select t1.typrelid::int8::text from pg_type t1 where p.pronargs >= 1 and t1.oid = p.proargtypes[0] and t1.typrelid <> 0) as arg0rel
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_type t on t.oid = p.prorettype
where n.nspname = any($1) and p.prokind = 'f'`;

const ROLE_SETTINGS_SQL = `
select r.rolname as role, s.setconfig as config
from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
where s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
order by s.setdatabase`;

export async function loadSchemaCache(pool: pg.Pool, schemas: string[]): Promise<SchemaCache> {
  const [rels, cols, cons, viewCols, fns, settings, roles] = await Promise.all([
    pool.query(RELATIONS_SQL, [schemas]),
    pool.query(COLUMNS_SQL, [schemas]),
    pool.query(CONSTRAINTS_SQL),
    pool.query(VIEW_COLUMNS_SQL, [schemas]),
    pool.query(FUNCTIONS_SQL, [schemas]),
    pool.query(ROLE_SETTINGS_SQL),
    pool.query(`select rolname from pg_roles`),
  ]);
  return buildCache(rels.rows, cols.rows, cons.rows, viewCols.rows, fns.rows, settings.rows, roles.rows);
}

// Catalog rows, typed by the queries above.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;

function buildCache(
  relRows: Row[],
  colRows: Row[],
  conRows: Row[],
  viewColRows: Row[],
  fnRows: Row[],
  settingRows: Row[],
  roleRows: Row[],
): SchemaCache {
  const byOid = new Map<string, Relation>();
  const relations = new Map<string, Relation>();
  for (const r of relRows) {
    const rel: Relation = {
      schema: r.schema,
      name: r.name,
      kind: r.kind === 'v' || r.kind === 'm' ? 'view' : 'table',
      columns: new Map(),
      pk: [],
      uniques: [],
      insertable: r.insertable,
      comment: r.comment,
    };
    byOid.set(r.oid, rel);
    relations.set(relKey(rel.schema, rel.name), rel);
  }
  for (const c of colRows) {
    const rel = byOid.get(c.oid);
    if (!rel) continue;
    rel.columns.set(c.name, {
      name: c.name,
      type: c.type,
      baseType: c.base,
      category: c.category,
      nullable: c.nullable,
      default: c.default,
      generated: c.generated,
      position: c.position,
    });
  }
  // Foreign keys and keys by table oid (tables may be outside the exposed schemas).
  interface Fk {
    name: string;
    rel: string;
    frel: string;
    cols: string[];
    fcols: string[];
  }
  const fks: Fk[] = [];
  const keysByOid = new Map<string, { pk: string[]; uniques: string[][] }>();
  for (const k of conRows) {
    if (k.type === 'f') {
      fks.push({ name: k.name, rel: k.rel, frel: k.frel, cols: k.cols, fcols: k.fcols });
      continue;
    }
    let e = keysByOid.get(k.rel);
    if (!e) keysByOid.set(k.rel, (e = { pk: [], uniques: [] }));
    if (k.type === 'p') e.pk = k.cols;
    e.uniques.push(k.cols);
  }
  for (const [oid, rel] of byOid) {
    const e = keysByOid.get(oid);
    if (e) {
      rel.pk = e.pk;
      rel.uniques = e.uniques;
    }
  }

  // View column → base column maps: a view column passes a base column through when
  // the view reads a column of that name from exactly one of its base tables.
  const perView = new Map<string, Row[]>();
  for (const r of viewColRows) {
    const list = perView.get(r.view) ?? [];
    list.push(r);
    perView.set(r.view, list);
  }
  // Every relation (table or view) that exposes the base table `oid`, with its
  // column mapping base→exposed.
  const exposures = new Map<string, { rel: Relation; map: (c: string) => string | undefined }[]>();
  const addExposure = (baseOid: string, rel: Relation, map: (c: string) => string | undefined) => {
    const list = exposures.get(baseOid) ?? [];
    list.push({ rel, map });
    exposures.set(baseOid, list);
  };
  for (const [oid, rel] of byOid) if (rel.kind === 'table') addExposure(oid, rel, (c) => c);
  for (const [view, rows] of perView) {
    const rel = byOid.get(view);
    if (!rel) continue;
    const basesOf = new Map<string, Set<string>>();
    for (const r of rows) {
      const set = basesOf.get(r.base_col) ?? new Set<string>();
      set.add(r.base);
      basesOf.set(r.base_col, set);
    }
    const bases = new Set(rows.map((r) => r.base as string));
    for (const base of bases) {
      const inverse = new Map<string, string>();
      for (const name of rel.columns.keys()) {
        const b = basesOf.get(name);
        if (b && b.size === 1 && b.has(base)) inverse.set(name, name);
      }
      if (!inverse.size) continue;
      addExposure(base, rel, (c) => inverse.get(c));
      // A view over one table inherits its keys when it exposes their columns.
      const keys = keysByOid.get(base);
      if (keys && bases.size === 1) {
        const mapAll = (cs: string[]) => (cs.every((c) => inverse.has(c)) ? cs.map((c) => inverse.get(c)!) : undefined);
        rel.pk = mapAll(keys.pk) ?? [];
        rel.uniques = keys.uniques.map(mapAll).filter((x): x is string[] => !!x);
      }
    }
  }

  const relationships = new Map<string, Relationship[]>();
  const push = (r: Relationship) => {
    const k = relKey(r.from.schema, r.from.name);
    const list = relationships.get(k) ?? [];
    list.push(r);
    relationships.set(k, list);
  };
  const isUnique = (rel: Relation, cols: string[]) =>
    rel.uniques.some((u) => u.length === cols.length && u.every((c) => cols.includes(c)));
  const mapCols = (m: (c: string) => string | undefined, cols: string[]) => {
    const out = cols.map(m);
    return out.every((c) => c !== undefined) ? (out as string[]) : undefined;
  };
  for (const fk of fks) {
    for (const src of exposures.get(fk.rel) ?? []) {
      const fromCols = mapCols(src.map, fk.cols);
      if (!fromCols) continue;
      for (const dst of exposures.get(fk.frel) ?? []) {
        const toCols = mapCols(dst.map, fk.fcols);
        if (!toCols) continue;
        const o2o = isUnique(src.rel, fromCols);
        push({ cardinality: o2o ? 'o2o' : 'm2o', from: src.rel, to: dst.rel, constraint: fk.name, fromCols, toCols });
        push({ cardinality: o2o ? 'o2o' : 'o2m', from: dst.rel, to: src.rel, constraint: fk.name, fromCols: toCols, toCols: fromCols });
      }
    }
  }
  // Many-to-many: a junction table with two foreign keys whose columns are all in
  // its primary key (or one unique key), as PostgREST requires.
  const fksByRel = new Map<string, Fk[]>();
  for (const fk of fks) fksByRel.set(fk.rel, [...(fksByRel.get(fk.rel) ?? []), fk]);
  for (const [junctionOid, list] of fksByRel) {
    const junction = byOid.get(junctionOid);
    if (!junction || junction.kind !== 'table') continue;
    for (const a of list) {
      for (const b of list) {
        if (a === b) continue;
        const cols = new Set([...a.cols, ...b.cols]);
        const keyed = junction.uniques.some((u) => [...cols].every((c) => u.includes(c)));
        if (!keyed) continue;
        for (const src of exposures.get(a.frel) ?? []) {
          const srcCols = mapCols(src.map, a.fcols);
          if (!srcCols) continue;
          for (const dst of exposures.get(b.frel) ?? []) {
            const dstCols = mapCols(dst.map, b.fcols);
            if (!dstCols) continue;
            push({
              cardinality: 'm2m',
              from: src.rel,
              to: dst.rel,
              constraint: `${a.name}`,
              fromCols: srcCols,
              toCols: dstCols,
              junction: { rel: junction, constraint1: a.name, constraint2: b.name, srcCols: a.cols, dstCols: b.cols },
            });
          }
        }
      }
    }
  }

  const functions = new Map<string, Fn[]>();
  const relByTypeRel = byOid;
  for (const f of fnRows) {
    const modes: string[] = f.argmodes;
    const names: string[] = f.argnames;
    const types: string[] = f.argtypes;
    const args: FnArg[] = [];
    const outColumns: string[] = [];
    const n = types.length;
    let inIndex = 0;
    const inCount = Number(f.nargs);
    const firstDefault = inCount - Number(f.ndefaults);
    for (let i = 0; i < n; i++) {
      const mode = modes[i] ?? 'i';
      if (mode === 'i' || mode === 'b' || mode === 'v') {
        args.push({ name: names[i] ?? '', type: types[i]!, hasDefault: inIndex >= firstDefault, variadic: mode === 'v' });
        inIndex++;
      }
      if (mode === 'o' || mode === 'b' || mode === 't') outColumns.push(names[i] ?? '');
    }
    let returnKind: Fn['returnKind'] = 'scalar';
    let returnRel: Relation | undefined;
    if (f.rettype === 'void') returnKind = 'void';
    else if (f.rettyptype === 'c' || outColumns.length > 1 || modes.includes('t')) {
      returnKind = 'composite';
      returnRel = relByTypeRel.get(f.retrelid);
      if (returnRel && outColumns.length === 0) outColumns.push(...returnRel.columns.keys());
    } else if (f.rettype === 'record' && !f.retset) {
      returnKind = 'scalar';
    }
    const fn: Fn = {
      schema: f.schema,
      name: f.name,
      oid: Number(f.oid),
      args,
      volatility: f.volatility,
      returnsSet: f.retset,
      returnType: f.rettype,
      returnKind,
      returnRel,
      outColumns,
      comment: f.comment,
    };
    const k = relKey(fn.schema, fn.name);
    functions.set(k, [...(functions.get(k) ?? []), fn]);
    // One argument of a relation's row type and a non-set result: a computed field.
    const target = f.arg0rel ? byOid.get(f.arg0rel) : undefined;
    if (target && args.length >= 1 && args.slice(1).every((a) => a.hasDefault) && !f.retset && returnKind !== 'void') {
      target.computed ??= new Map();
      target.computed.set(fn.name, { schema: fn.schema, name: fn.name, type: fn.returnType });
    }
  }

  const roleSettings = new Map<string, [string, string][]>();
  let aggregatesEnabled = false;
  for (const s of settingRows) {
    const list = roleSettings.get(s.role) ?? [];
    for (const kv of (s.config as string[]) ?? []) {
      const eq = kv.indexOf('=');
      if (eq < 0) continue;
      const k = kv.slice(0, eq);
      const v = kv.slice(eq + 1);
      if (s.role === 'authenticator' && k === 'pgrst.db_aggregates_enabled') aggregatesEnabled = v === 'true';
      // Only settings a role can SET LOCAL itself, as PostgREST applies them per request.
      if (['statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout'].includes(k)) {
        const i = list.findIndex(([x]) => x === k);
        if (i >= 0) list[i] = [k, v];
        else list.push([k, v]);
      }
    }
    roleSettings.set(s.role, list);
  }
  return {
    relations,
    relationships,
    functions,
    roleSettings,
    aggregatesEnabled,
    roles: new Set(roleRows.map((r) => r.rolname as string)),
  };
}
