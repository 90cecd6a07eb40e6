// The schema cache (PostgREST's SchemaCache.hs): tables and views with their columns
// and keys, relationships inferred from foreign keys (also through simple views and
// junction tables), and the callable functions of the exposed schemas. Built from
// pg_catalog once and again whenever the schema changes, so requests never query the
// catalog.
import type pg from 'pg';

export interface Column {
  name: string;
  /** Type as PostgREST's data_type: base type of pg_catalog domains, no typmod for pg_catalog types. */
  type: string;
  nominalType: string;
  nullable: boolean;
  default: string | null;
  enumValues: string[];
}

export interface Table {
  schema: string;
  name: string;
  isView: boolean;
  insertable: boolean;
  updatable: boolean;
  deletable: boolean;
  pk: string[];
  columns: Map<string, Column>;
  columnList: Column[];
}

export interface QI {
  schema: string;
  name: string;
}

export type Cardinality =
  | { kind: 'm2o'; constraint: string; columns: [string, string][] }
  | { kind: 'o2m'; constraint: string; columns: [string, string][] }
  | { kind: 'o2o'; constraint: string; columns: [string, string][]; isParent: boolean }
  | {
      kind: 'm2m';
      junction: {
        table: QI;
        constraint1: string;
        constraint2: string;
        /** (junction column, source column) */
        colsSource: [string, string][];
        /** (junction column, target column) */
        colsTarget: [string, string][];
      };
    };

export interface Relationship {
  table: QI;
  foreignTable: QI;
  isSelf: boolean;
  card: Cardinality;
  tableIsView: boolean;
  foreignTableIsView: boolean;
}

export interface RoutineParam {
  name: string;
  type: string;
  /** Type without length limits (character varying instead of character(n)). */
  typeMaxLength: string;
  required: boolean;
  variadic: boolean;
}

export interface Routine {
  schema: string;
  name: string;
  params: RoutineParam[];
  returns: { setOf: boolean; composite: boolean; schema: string; name: string };
  volatility: 'i' | 's' | 'v';
  hasVariadic: boolean;
  /** Hoisted function settings (statement_timeout etc.) applied per request. */
  settings: [string, string][];
}

export interface SchemaCache {
  /** Bumped on every rebuild; keys cached query shapes. */
  version: number;
  tables: Map<string, Table>;
  /** Keyed by `schema\0table` of the origin. */
  relationships: Map<string, Relationship[]>;
  routines: Map<string, Routine[]>;
  /** Settings applied per request for each impersonated role (statement_timeout...). */
  roleSettings: Map<string, [string, string][]>;
  aggregatesEnabled: boolean;
}

export const qiKey = (schema: string, name: string) => `${schema}\u0000${name}`;

export function relIsToOne(r: Relationship): boolean {
  return r.card.kind === 'm2o' || r.card.kind === 'o2o';
}

export function relConstraint(r: Relationship): string | undefined {
  return r.card.kind === 'm2m' ? undefined : r.card.constraint;
}

export function relColumns(r: Relationship): [string, string][] {
  return r.card.kind === 'm2m' ? [] : r.card.columns;
}

// ---- catalog queries (adapted from SchemaCache.hs for PostgreSQL 17) --------------------

const TABLES_SQL = `
with
columns as (
  select
    c.oid as relid,
    a.attname::text as column_name,
    case
      when (t.typbasetype != 0) and (ad.adbin is null) then pg_get_expr(t.typdefaultbin, 0)
      when a.attidentity = 'd' then format('nextval(%L)', seq.objid::regclass)
      when a.attgenerated = 's' then null
      else pg_get_expr(ad.adbin, ad.adrelid)::text
    end as column_default,
    not (a.attnotnull or t.typtype = 'd' and t.typnotnull) as is_nullable,
    case
      when t.typtype = 'd' then
        case when bt.typnamespace = 'pg_catalog'::regnamespace then format_type(bt.oid, null::integer)
             else format_type(a.atttypid, a.atttypmod) end
      else
        case when t.typnamespace = 'pg_catalog'::regnamespace then format_type(a.atttypid, null::integer)
             else format_type(a.atttypid, a.atttypmod) end
    end::text as data_type,
    format_type(a.atttypid, a.atttypmod)::text as nominal_data_type,
    coalesce((select array_agg(enumlabel order by enumsortorder) from pg_enum where enumtypid = bt.oid), '{}') as enum_values,
    a.attnum as position
  from pg_attribute a
  join pg_class c on a.attrelid = c.oid
  join pg_type t on a.atttypid = t.oid
  join pg_type bt on bt.oid = pg_basetype(t.oid)
  left join pg_attrdef ad on a.attrelid = ad.adrelid and a.attnum = ad.adnum
  left join pg_depend seq on seq.refobjid = a.attrelid and seq.refobjsubid = a.attnum and seq.deptype = 'i'
  where a.attnum > 0 and not a.attisdropped
    and c.relkind in ('r', 'v', 'f', 'm', 'p')
    and c.relnamespace = any($1::regnamespace[])
),
columns_agg as (
  select relid, json_agg(json_build_object(
    'name', column_name, 'type', data_type, 'nominalType', nominal_data_type,
    'nullable', is_nullable, 'default', column_default, 'enumValues', enum_values
  ) order by position) as columns
  from columns group by relid
),
tbl_pk_cols as (
  select r.oid as relid, array_agg(a.attname::text order by a.attname) as pk_cols
  from pg_class r
  join pg_constraint c on r.oid = c.conrelid
  join pg_attribute a on a.attrelid = r.oid and a.attnum = any (c.conkey)
  where c.contype = 'p' and r.relkind in ('r', 'p') and not a.attisdropped
  group by r.oid
)
select
  n.nspname as schema,
  c.relname as name,
  c.relkind in ('v', 'm') as is_view,
  (c.relkind in ('r', 'p') or (c.relkind in ('v', 'f') and (pg_relation_is_updatable(c.oid::regclass, true) & 8) = 8)) as insertable,
  (c.relkind in ('r', 'p') or (c.relkind in ('v', 'f') and (pg_relation_is_updatable(c.oid::regclass, true) & 4) = 4)) as updatable,
  (c.relkind in ('r', 'p') or (c.relkind in ('v', 'f') and (pg_relation_is_updatable(c.oid::regclass, true) & 16) = 16)) as deletable,
  coalesce(tpks.pk_cols, '{}') as pk_cols,
  coalesce(cols_agg.columns, '[]') as columns
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
left join tbl_pk_cols tpks on c.oid = tpks.relid
left join columns_agg cols_agg on c.oid = cols_agg.relid
where c.relkind in ('v', 'r', 'm', 'f', 'p')
  and c.relnamespace = any($1::regnamespace[])
  and not c.relispartition
order by n.nspname, c.relname`;

/** Many-to-one relationships from every foreign key; one-to-one when the FK columns are unique. */
const FK_SQL = `
with pks_uniques_cols as (
  select conrelid, array_agg(key order by key) as cols
  from pg_constraint, lateral unnest(conkey) as _(key)
  where contype in ('p', 'u') and connamespace <> 'pg_catalog'::regnamespace
  group by oid, conrelid
)
select
  ns1.nspname as table_schema,
  tab.relname as table_name,
  tab.relkind in ('v', 'm') as table_is_view,
  ns2.nspname as foreign_table_schema,
  other.relname as foreign_table_name,
  other.relkind in ('v', 'm') as foreign_table_is_view,
  traint.conrelid = traint.confrelid as is_self,
  traint.conname as constraint_name,
  column_info.cols_and_fcols,
  (column_info.cols in (select cols from pks_uniques_cols where conrelid = traint.conrelid)) as one_to_one
from pg_constraint traint
join lateral (
  select
    json_agg(json_build_array(cols.attname, refs.attname) order by ord) as cols_and_fcols,
    array_agg(cols.attnum order by cols.attnum) as cols
  from unnest(traint.conkey, traint.confkey) with ordinality as _(col, ref, ord)
  join pg_attribute cols on cols.attrelid = traint.conrelid and cols.attnum = col
  join pg_attribute refs on refs.attrelid = traint.confrelid and refs.attnum = ref
) as column_info on true
join pg_namespace ns1 on ns1.oid = traint.connamespace
join pg_class tab on tab.oid = traint.conrelid
join pg_class other on other.oid = traint.confrelid
join pg_namespace ns2 on ns2.oid = other.relnamespace
where traint.contype = 'f' and traint.conparentid = 0
order by traint.conrelid, traint.conname`;

/**
 * Which view columns come straight from a table's PK/FK columns (PostgREST's
 * allViewsKeyDependencies: it reads the view's parsed query tree, so `select id as x`
 * is followed through any number of views).
 */
const VIEW_KEY_DEPS_SQL = `
with recursive
pks_fks as (
  select contype::text as contype, conname, array_length(conkey, 1) as ncol, conrelid as resorigtbl, col as resorigcol, ord
  from pg_constraint
  left join lateral unnest(conkey) with ordinality as _(col, ord) on true
  where contype in ('p', 'f')
  union
  select concat(contype, '_ref') as contype, conname, array_length(confkey, 1) as ncol, confrelid, col, ord
  from pg_constraint
  left join lateral unnest(confkey) with ordinality as _(col, ord) on true
  where contype = 'f'
),
views as (
  select c.oid as view_id, c.relnamespace as view_schema_id, n.nspname as view_schema, c.relname as view_name, r.ev_action as view_definition
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  join pg_rewrite r on r.ev_class = c.oid
  where c.relkind in ('v', 'm') and c.relnamespace = any($1::regnamespace[] || $2::regnamespace[])
),
transform_json as (
  select view_id, view_schema_id, view_schema, view_name,
    replace(replace(replace(replace(replace(replace(replace(
    regexp_replace(
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
      view_definition::text,
      '<>', '()'),
      ',', ''),
      E'\\\\{', ''),
      E'\\\\}', ''),
      ' :targetList ', ',"targetList":'),
      ' :resno ', ',"resno":'),
      ' :resorigtbl ', ',"resorigtbl":'),
      ' :resorigcol ', ',"resorigcol":'),
      '{', '{ :'),
      '((', '{(('),
      '({', '{({'),
    ' :[^}{,]+', ',"":', 'g'),
      ',"":}', '}'),
      ',"":,', ','),
      '{(', '('),
      '{,', '{'),
      '(', '['),
      ')', ']'),
      ' ', ','
    )::json as view_definition
  from views
),
target_entries as (
  select view_id, view_schema_id, view_schema, view_name,
    json_array_elements(view_definition->0->'targetList') as entry
  from transform_json
),
results as (
  select view_id, view_schema_id, view_schema, view_name,
    (entry->>'resno')::int as view_column,
    (entry->>'resorigtbl')::oid as resorigtbl,
    (entry->>'resorigcol')::int as resorigcol
  from target_entries
),
recursion(view_id, view_schema_id, view_schema, view_name, view_column, resorigtbl, resorigcol, is_cycle, path) as (
  select r.*, false, array[resorigtbl] from results r where view_schema_id = any ($1::regnamespace[])
  union all
  select view.view_id, view.view_schema_id, view.view_schema, view.view_name, view.view_column,
    tab.resorigtbl, tab.resorigcol, tab.resorigtbl = any(path), path || tab.resorigtbl
  from recursion view
  join results tab on view.resorigtbl = tab.view_id and view.resorigcol = tab.view_column
  where not is_cycle
),
repeated_references as (
  select view_id, view_schema, view_name, resorigtbl, resorigcol, array_agg(attname::text) as view_columns
  from recursion
  join pg_attribute vcol on vcol.attrelid = view_id and vcol.attnum = view_column
  group by view_id, view_schema, view_name, resorigtbl, resorigcol
)
select
  sch.nspname as table_schema,
  tbl.relname as table_name,
  rep.view_schema,
  rep.view_name,
  pks_fks.conname as constraint_name,
  pks_fks.contype as constraint_type,
  json_agg(json_build_array(col.attname, view_columns) order by pks_fks.ord) as column_dependencies
from repeated_references rep
join pks_fks using (resorigtbl, resorigcol)
join pg_class tbl on tbl.oid = rep.resorigtbl
join pg_attribute col on col.attrelid = tbl.oid and col.attnum = rep.resorigcol
join pg_namespace sch on sch.oid = tbl.relnamespace
group by sch.nspname, tbl.relname, rep.view_schema, rep.view_name, pks_fks.conname, pks_fks.contype, pks_fks.ncol
having ncol = array_length(array_agg(row(col.attname, view_columns) order by pks_fks.ord), 1)`;

const FUNCS_SQL = `
with
arguments as (
  select
    p.oid,
    json_agg(json_build_object(
      'name', coalesce(a.name, ''),
      'type', a.type::regtype::text,
      'typeMaxLength', case a.type
        when 'bit'::regtype then 'bit varying'
        when 'bit[]'::regtype then 'bit varying[]'
        when 'character'::regtype then 'character varying'
        when 'character[]'::regtype then 'character varying[]'
        else a.type::regtype::text end,
      'required', a.in_idx <= (p.pronargs - p.pronargdefaults),
      'variadic', coalesce(a.mode = 'v', false)
    ) order by a.idx) as args,
    case count(*) - count(nullif(a.name, ''))
      when 0 then true
      when 1 then (array_agg(a.type))[1] in ('bytea'::regtype, 'json'::regtype, 'jsonb'::regtype, 'text'::regtype, 'xml'::regtype)
      else false
    end as callable
  from pg_proc p,
    lateral (
      select name, type, mode, idx, row_number() over (order by idx) as in_idx
      from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]), p.proargnames, p.proargmodes)
        with ordinality as _(type, name, mode, idx)
      where type is not null and coalesce(mode, 'i') in ('i', 'b', 'v')
    ) a
  where p.pronamespace = any($1::regnamespace[])
  group by p.oid
)
select
  pn.nspname as schema,
  p.proname as name,
  coalesce(a.args, '[]') as args,
  tn.nspname as ret_schema,
  coalesce(comp.relname, t.typname) as ret_name,
  p.proretset as ret_setof,
  (t.typtype = 'c' or coalesce(p.proargmodes::text[] && '{t,b,o}', false)) as ret_composite,
  p.provolatile as volatility,
  p.provariadic > 0 as has_variadic,
  coalesce((
    select json_agg(json_build_array(substr(s, 1, strpos(s, '=') - 1), substr(s, strpos(s, '=') + 1)))
    from unnest(p.proconfig) s
    where s ~ '^(statement_timeout|plan_filter\\.statement_cost_limit|default_transaction_isolation)='
  ), '[]') as settings
from pg_proc p
left join arguments a on a.oid = p.oid
join pg_namespace pn on pn.oid = p.pronamespace
join pg_type t0 on t0.oid = p.prorettype
join pg_type t on t.oid = pg_basetype(t0.oid)
join pg_namespace tn on tn.oid = t.typnamespace
left join pg_class comp on comp.oid = t.typrelid
where t.oid <> 'trigger'::regtype and coalesce(a.callable, true)
  and p.prokind = 'f'
  and p.pronamespace = any($1::regnamespace[])`;

/** Settings of the roles the authenticator can switch to, applied per request (PostgREST's role settings). */
const ROLE_SETTINGS_SQL = `
with role_setting as (
  select r.rolname, unnest(r.rolconfig) as setting
  from pg_auth_members m
  join pg_roles r on r.oid = m.roleid
  where m.member = 'authenticator'::regrole
),
kv as (
  select rolname, substr(setting, 1, strpos(setting, '=') - 1) as key, substr(setting, strpos(setting, '=') + 1) as value
  from role_setting
)
select kv.rolname, json_agg(json_build_array(kv.key, kv.value)) as settings
from kv
join pg_settings ps on ps.name = kv.key and (ps.context = 'user' or has_parameter_privilege('authenticator'::regrole, ps.name, 'set'))
where kv.key <> 'default_transaction_isolation'
group by kv.rolname`;

/** PostgREST reads its own settings from the authenticator role (`alter role authenticator set pgrst.x = ...`). */
const PGRST_SETTINGS_SQL = `
select substr(s, 1, strpos(s, '=') - 1) as key, substr(s, strpos(s, '=') + 1) as value
from pg_db_role_setting, unnest(setconfig) s
where setrole = 'authenticator'::regrole
  and setdatabase in (0, (select oid from pg_database where datname = current_database()))
  and s like 'pgrst.%'
order by setdatabase`;

interface FkRow {
  table_schema: string;
  table_name: string;
  table_is_view: boolean;
  foreign_table_schema: string;
  foreign_table_name: string;
  foreign_table_is_view: boolean;
  is_self: boolean;
  constraint_name: string;
  cols_and_fcols: [string, string][];
  one_to_one: boolean;
}

interface KeyDep {
  table: QI;
  view: QI;
  constraint: string;
  type: 'p' | 'f' | 'f_ref';
  /** (table column, view columns referencing it) */
  cols: [string, string[]][];
}

const sameQi = (a: QI, b: QI) => a.schema === b.schema && a.name === b.name;

/** Every combination of one view column per key column (a key column can appear under several names). */
function expandKeyDepCols(cols: [string, string[]][]): [string, string][][] {
  let out: [string, string][][] = [[]];
  for (const [tcol, vcols] of cols) {
    const next: [string, string][][] = [];
    for (const prefix of out) for (const v of vcols) next.push([...prefix, [tcol, v]]);
    out = next;
  }
  return out;
}

function addViewRels(keyDeps: KeyDep[], rels: Relationship[]): Relationship[] {
  const index = new Map<string, KeyDep[]>();
  for (const d of keyDeps) {
    const k = `${qiKey(d.table.schema, d.table.name)}\u0000${d.constraint}\u0000${d.type}`;
    index.set(k, [...(index.get(k) ?? []), d]);
  }
  const out = [...rels];
  for (const r of rels) {
    if (r.card.kind !== 'm2o' && !(r.card.kind === 'o2o' && !r.card.isParent)) continue;
    const card = r.card;
    const build = (columns: [string, string][]): Cardinality =>
      card.kind === 'm2o'
        ? { kind: 'm2o', constraint: card.constraint, columns }
        : { kind: 'o2o', constraint: card.constraint, columns, isParent: false };
    const viewTable = index.get(`${qiKey(r.table.schema, r.table.name)}\u0000${card.constraint}\u0000f`) ?? [];
    const tableView =
      index.get(`${qiKey(r.foreignTable.schema, r.foreignTable.name)}\u0000${card.constraint}\u0000f_ref`) ?? [];
    for (const vt of viewTable) {
      for (const kc of expandKeyDepCols(vt.cols)) {
        out.push({
          table: vt.view,
          foreignTable: r.foreignTable,
          isSelf: false,
          card: build(kc.map(([, vcol], i) => [vcol, card.columns[i]![1]])),
          tableIsView: true,
          foreignTableIsView: false,
        });
      }
    }
    for (const tv of tableView) {
      for (const kc of expandKeyDepCols(tv.cols)) {
        out.push({
          table: r.table,
          foreignTable: tv.view,
          isSelf: false,
          card: build(card.columns.map(([tcol], i) => [tcol, kc[i]![1]])),
          tableIsView: false,
          foreignTableIsView: true,
        });
      }
    }
    for (const vt of viewTable) {
      for (const kc1 of expandKeyDepCols(vt.cols)) {
        for (const tv of tableView) {
          for (const kc2 of expandKeyDepCols(tv.cols)) {
            out.push({
              table: vt.view,
              foreignTable: tv.view,
              isSelf: sameQi(vt.view, tv.view),
              card: build(kc1.map(([, v1], i) => [v1, kc2[i]![1]])),
              tableIsView: true,
              foreignTableIsView: true,
            });
          }
        }
      }
    }
  }
  return out;
}

function addM2MRels(tables: Map<string, Table>, rels: Relationship[]): Relationship[] {
  const byTable = new Map<string, Relationship[]>();
  for (const r of rels) {
    const k = qiKey(r.table.schema, r.table.name);
    byTable.set(k, [...(byTable.get(k) ?? []), r]);
  }
  const out = [...rels];
  for (const r1 of rels) {
    if (r1.card.kind !== 'm2o') continue;
    const jt = r1.table;
    for (const r2 of byTable.get(qiKey(jt.schema, jt.name)) ?? []) {
      if (r2.card.kind !== 'm2o' || r2.card.constraint === r1.card.constraint) continue;
      const jtCols = new Set([...r1.card.columns.map((c) => c[0]), ...r2.card.columns.map((c) => c[0])]);
      const pk = new Set(tables.get(qiKey(jt.schema, jt.name))?.pk ?? []);
      if (![...jtCols].every((c) => pk.has(c))) continue;
      out.push({
        table: r1.foreignTable,
        foreignTable: r2.foreignTable,
        isSelf: sameQi(r1.foreignTable, r2.foreignTable),
        card: {
          kind: 'm2m',
          junction: {
            table: jt,
            constraint1: r1.card.constraint,
            constraint2: r2.card.constraint,
            colsSource: r1.card.columns.map(([a, b]) => [a, b]),
            colsTarget: r2.card.columns.map(([a, b]) => [a, b]),
          },
        },
        tableIsView: r1.foreignTableIsView,
        foreignTableIsView: r2.foreignTableIsView,
      });
    }
  }
  return out;
}

function addInverseRels(rels: Relationship[]): Relationship[] {
  const out = [...rels];
  for (const r of rels) {
    const swapped = (cols: [string, string][]) => cols.map(([a, b]) => [b, a] as [string, string]);
    if (r.card.kind === 'm2o') {
      out.push({
        table: r.foreignTable,
        foreignTable: r.table,
        isSelf: r.isSelf,
        card: { kind: 'o2m', constraint: r.card.constraint, columns: swapped(r.card.columns) },
        tableIsView: r.foreignTableIsView,
        foreignTableIsView: r.tableIsView,
      });
    } else if (r.card.kind === 'o2o') {
      out.push({
        table: r.foreignTable,
        foreignTable: r.table,
        isSelf: r.isSelf,
        card: {
          kind: 'o2o',
          constraint: r.card.constraint,
          columns: swapped(r.card.columns),
          isParent: !r.card.isParent,
        },
        tableIsView: r.foreignTableIsView,
        foreignTableIsView: r.tableIsView,
      });
    }
  }
  return out;
}

function addViewPrimaryKeys(tables: Map<string, Table>, keyDeps: KeyDep[]): void {
  for (const t of tables.values()) {
    if (!t.isView) continue;
    const pk: string[] = [];
    for (const d of keyDeps) {
      if (d.type === 'p' && sameQi(d.view, t)) for (const [, vcols] of d.cols) if (vcols[0]) pk.push(vcols[0]);
    }
    t.pk = pk;
  }
}

let version = 0;

/** Reads the whole cache in one repeatable-read transaction on the given pool. */
export async function loadSchemaCache(
  pool: pg.Pool,
  schemas: string[],
  extraSearchPath: string[],
): Promise<SchemaCache> {
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    // An empty search path makes format_type/regtype output schema-qualified names.
    await client.query(`set local search_path = ''`);
    const existing = (
      await client.query<{ nspname: string }>(`select nspname from pg_namespace where nspname = any($1)`, [schemas])
    ).rows.map((r) => r.nspname);
    const existingExtra = (
      await client.query<{ nspname: string }>(`select nspname from pg_namespace where nspname = any($1)`, [
        extraSearchPath,
      ])
    ).rows.map((r) => r.nspname);
    const nsps = existing.map((s) => `"${s.replace(/"/g, '""')}"`);
    const extraNsps = existingExtra.map((s) => `"${s.replace(/"/g, '""')}"`);

    const tablesRes = await client.query<{
      schema: string;
      name: string;
      is_view: boolean;
      insertable: boolean;
      updatable: boolean;
      deletable: boolean;
      pk_cols: string[];
      columns: Column[];
    }>(TABLES_SQL, [nsps]);
    const fkRes = await client.query<FkRow>(FK_SQL);
    const depsRes = await client.query<{
      table_schema: string;
      table_name: string;
      view_schema: string;
      view_name: string;
      constraint_name: string;
      constraint_type: string;
      column_dependencies: [string, string[]][];
    }>(VIEW_KEY_DEPS_SQL, [nsps, extraNsps]);
    const funcsRes = await client.query<{
      schema: string;
      name: string;
      args: RoutineParam[];
      ret_schema: string;
      ret_name: string;
      ret_setof: boolean;
      ret_composite: boolean;
      volatility: 'i' | 's' | 'v';
      has_variadic: boolean;
      settings: [string, string][];
    }>(FUNCS_SQL, [nsps]);
    const roleRes = await client.query<{ rolname: string; settings: [string, string][] }>(ROLE_SETTINGS_SQL);
    const pgrstRes = await client.query<{ key: string; value: string }>(PGRST_SETTINGS_SQL);
    await client.query('commit');

    const tables = new Map<string, Table>();
    for (const r of tablesRes.rows) {
      const columns = new Map<string, Column>();
      for (const c of r.columns) columns.set(c.name, c);
      tables.set(qiKey(r.schema, r.name), {
        schema: r.schema,
        name: r.name,
        isView: r.is_view,
        insertable: r.insertable,
        updatable: r.updatable,
        deletable: r.deletable,
        pk: r.pk_cols,
        columns,
        columnList: r.columns,
      });
    }
    const keyDeps: KeyDep[] = depsRes.rows.map((r) => ({
      table: { schema: r.table_schema, name: r.table_name },
      view: { schema: r.view_schema, name: r.view_name },
      constraint: r.constraint_name,
      type: r.constraint_type as KeyDep['type'],
      cols: r.column_dependencies,
    }));
    addViewPrimaryKeys(tables, keyDeps);

    const m2o: Relationship[] = fkRes.rows.map((r) => ({
      table: { schema: r.table_schema, name: r.table_name },
      foreignTable: { schema: r.foreign_table_schema, name: r.foreign_table_name },
      isSelf: r.is_self,
      card: r.one_to_one
        ? { kind: 'o2o', constraint: r.constraint_name, columns: r.cols_and_fcols, isParent: false }
        : { kind: 'm2o', constraint: r.constraint_name, columns: r.cols_and_fcols },
      tableIsView: r.table_is_view,
      foreignTableIsView: r.foreign_table_is_view,
    }));
    const all = addInverseRels(addM2MRels(tables, addViewRels(keyDeps, m2o)));
    const relationships = new Map<string, Relationship[]>();
    for (const r of all) {
      // Only relationships whose ends (and junction) are exposed are reachable.
      if (!schemas.includes(r.table.schema) || !schemas.includes(r.foreignTable.schema)) continue;
      if (r.card.kind === 'm2m' && !schemas.includes(r.card.junction.table.schema)) continue;
      const k = qiKey(r.table.schema, r.table.name);
      relationships.set(k, [...(relationships.get(k) ?? []), r]);
    }

    const routines = new Map<string, Routine[]>();
    for (const f of funcsRes.rows) {
      const k = qiKey(f.schema, f.name);
      routines.set(k, [
        ...(routines.get(k) ?? []),
        {
          schema: f.schema,
          name: f.name,
          params: f.args,
          returns: { setOf: f.ret_setof, composite: f.ret_composite, schema: f.ret_schema, name: f.ret_name },
          volatility: f.volatility,
          hasVariadic: f.has_variadic,
          settings: f.settings,
        },
      ]);
    }
    for (const list of routines.values()) list.sort((a, b) => a.params.length - b.params.length);

    const roleSettings = new Map<string, [string, string][]>();
    for (const r of roleRes.rows) roleSettings.set(r.rolname, r.settings);
    const pgrst = new Map<string, string>();
    for (const r of pgrstRes.rows) pgrst.set(r.key, r.value);

    return {
      version: ++version,
      tables,
      relationships,
      routines,
      roleSettings,
      aggregatesEnabled: (pgrst.get('pgrst.db_aggregates_enabled') ?? 'false').toLowerCase() === 'true',
    };
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

export function routineReturnsScalar(r: Routine): boolean {
  return !r.returns.setOf && !r.returns.composite;
}
export function routineReturnsSetOfScalar(r: Routine): boolean {
  return r.returns.setOf && !r.returns.composite;
}
export function routineReturnsSingleComposite(r: Routine): boolean {
  return !r.returns.setOf && r.returns.composite;
}
export function routineReturnsVoid(r: Routine): boolean {
  return !r.returns.setOf && !r.returns.composite && r.returns.schema === 'pg_catalog' && r.returns.name === 'void';
}
export function routineTableName(r: Routine): string | undefined {
  return r.returns.composite ? r.returns.name : undefined;
}
