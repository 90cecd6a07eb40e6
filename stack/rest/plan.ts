// The read plan (PostgREST's Plan.hs readPlan): a tree with one node per embedded
// resource, each with its resolved relationship, join conditions, filters, order and
// range. Everything that names a table, column or relationship is checked against the
// schema cache here, so the SQL builder only ever emits cached identifiers.
import { errors, RestError } from './errors.ts';
import type {
  AggFn,
  Field,
  JoinType,
  JsonOp,
  LogicTree,
  OpExpr,
  OrderTerm,
  QueryParams,
  Range,
  SelectItem,
} from './parser.ts';
import {
  qiKey,
  relColumns,
  relConstraint,
  relIsToOne,
  type QI,
  type Relationship,
  type SchemaCache,
  type Table,
} from './schema.ts';

export interface CField {
  name: string;
  jsonPath: JsonOp[];
  /** Wrap in to_jsonb() before applying the JSON path (non-json columns). */
  toJson: boolean;
  /** Wrap in to_tsvector(lang, ...) for full-text filters on non-tsvector columns. */
  toTsVector?: { lang?: string };
  /** The column's type, '' when unknown. */
  irType: string;
  /** COUNT over the whole embedded row (spread count()). */
  fullRow?: boolean;
}

export interface CSelect {
  field: CField;
  agg?: AggFn;
  aggCast?: string;
  cast?: string;
  alias?: string;
}

export type CFilter =
  { kind: 'filter'; field: CField; expr: OpExpr } | { kind: 'nullEmbed'; not: boolean; aggAlias: string };

export type CLogic =
  { kind: 'expr'; not: boolean; op: 'and' | 'or'; children: CLogic[] } | { kind: 'stmt'; filter: CFilter };

export type COrder =
  | { kind: 'field'; field: CField; dir?: 'asc' | 'desc'; nulls?: 'first' | 'last' }
  | { kind: 'relation'; relation: string; field: Field; dir?: 'asc' | 'desc'; nulls?: 'first' | 'last' };

export interface JoinCond {
  left: [QI | string, string];
  right: [QI | string, string];
}

export interface SpreadSelect {
  name: string;
  agg?: AggFn;
  aggCast?: string;
  alias?: string;
}

export type RelSelect =
  | { kind: 'embed'; selName: string; aggAlias: string; toOne: boolean; empty: boolean }
  | { kind: 'spread'; sels: SpreadSelect[]; aggAlias: string };

export type Spread =
  { kind: 'toOne' } | { kind: 'toMany'; extraSelect: { rel?: string; sel: CSelect }[]; order: COrder[] };

export interface ReadNode {
  select: CSelect[];
  from: QI;
  fromAlias?: string;
  where: CLogic[];
  order: COrder[];
  range: Range;
  relName: string;
  relAlias?: string;
  relHint?: string;
  relJoinType?: JoinType;
  relSpread?: Spread;
  relToParent?: Relationship;
  relJoinConds: JoinCond[];
  relAggAlias: string;
  relSelect: RelSelect[];
  depth: number;
  children: ReadNode[];
}

export type Action = 'read' | 'mutate' | 'rpc';

export interface PlanOptions {
  schema: string;
  action: Action;
  qp: QueryParams;
  topRange: Range;
  maxRows: number | undefined;
  aggregatesEnabled: boolean;
}

const ALL: Range = { offset: 0 };

function tableOf(cache: SchemaCache, qi: QI): Table | undefined {
  return cache.tables.get(qiKey(qi.schema, qi.name));
}

function resolveField(cache: SchemaCache, qi: QI, f: Field, tsLang?: { lang?: string }): CField {
  const col = tableOf(cache, qi)?.columns.get(f.name);
  const irType = col?.type ?? '';
  if (irType === 'json' || irType === 'jsonb') return { name: f.name, jsonPath: f.jsonPath, toJson: false, irType };
  if (irType === 'tsvector') return { name: f.name, jsonPath: f.jsonPath, toJson: true, irType };
  return { name: f.name, jsonPath: f.jsonPath, toJson: true, irType, toTsVector: tsLang };
}

function resolveFilter(cache: SchemaCache, qi: QI, f: { field: Field; expr: OpExpr }): CFilter {
  const ts = f.expr.op.kind === 'fts' ? { lang: f.expr.op.lang } : undefined;
  return { kind: 'filter', field: resolveField(cache, qi, f.field, ts), expr: f.expr };
}

export function resolveLogic(cache: SchemaCache, qi: QI, t: LogicTree): CLogic {
  if (t.kind === 'stmt') return { kind: 'stmt', filter: resolveFilter(cache, qi, t.filter) };
  return { kind: 'expr', not: t.not, op: t.op, children: t.children.map((c) => resolveLogic(cache, qi, c)) };
}

export function resolveRootFilter(cache: SchemaCache, qi: QI, f: { field: Field; expr: OpExpr }): CLogic {
  return { kind: 'stmt', filter: resolveFilter(cache, qi, f) };
}

function initTree(cache: SchemaCache, schema: string, root: QI, items: SelectItem[]): ReadNode {
  const mk = (from: QI, relName: string, depth: number): ReadNode => ({
    select: [],
    from,
    where: [],
    order: [],
    range: ALL,
    relName,
    relJoinConds: [],
    relAggAlias: '',
    relSelect: [],
    depth,
    children: [],
  });
  const fill = (node: ReadNode, its: SelectItem[]) => {
    for (const it of its) {
      if (it.kind === 'field') {
        node.select.push({
          field: resolveField(cache, node.from, it.field),
          agg: it.agg,
          aggCast: it.aggCast,
          cast: it.cast,
          alias: it.alias,
        });
      } else {
        const child = mk({ schema, name: it.name }, it.name, node.depth + 1);
        child.relHint = it.hint;
        child.relJoinType = it.joinType;
        if (it.kind === 'relation') child.relAlias = it.alias;
        else child.relSpread = { kind: 'toOne' };
        fill(child, it.children);
        node.children.push(child);
      }
    }
  };
  const rootNode = mk(root, root.name, 0);
  fill(rootNode, items);
  return rootNode;
}

/** Finds the node an embed path (`clients.projects`) names: by alias, else by relation name. */
function findNode(root: ReadNode, path: string[]): ReadNode {
  let node = root;
  for (const name of path) {
    const next = node.children.find((c) => (c.relAlias ?? c.relName) === name);
    if (!next) throw errors.notEmbedded(name);
    node = next;
  }
  return node;
}

// ---- relationships ---------------------------------------------------------------

function compressedRel(r: Relationship): Record<string, string> {
  const fmt = (els: string[]) => `(${els.join(', ')})`;
  const embedding = `${r.table.name} with ${r.foreignTable.name}`;
  if (r.card.kind === 'm2m') {
    const j = r.card.junction;
    return {
      cardinality: 'many-to-many',
      embedding,
      relationship: `${j.table.name} using ${j.constraint1}${fmt(j.colsSource.map((c) => c[0]))} and ${
        j.constraint2
      }${fmt(j.colsTarget.map((c) => c[0]))}`,
    };
  }
  const label = { m2o: 'many-to-one', o2m: 'one-to-many', o2o: 'one-to-one' }[r.card.kind];
  return {
    cardinality: label,
    embedding,
    relationship: `${r.card.constraint} using ${r.table.name}${fmt(r.card.columns.map((c) => c[0]))} and ${
      r.foreignTable.name
    }${fmt(r.card.columns.map((c) => c[1]))}`,
  };
}

function relHintName(r: Relationship): string {
  return `'${r.foreignTable.name}!${r.card.kind === 'm2m' ? r.card.junction.table.name : r.card.constraint}'`;
}

/** Dice coefficient on character bigrams: a stand-in for PostgREST's FuzzySet. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const t = `-${s.toLowerCase()}-`;
    const out: string[] = [];
    for (let i = 0; i < t.length - 1; i++) out.push(t.slice(i, i + 2));
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  const counts = new Map<string, number>();
  for (const g of gb) counts.set(g, (counts.get(g) ?? 0) + 1);
  let hits = 0;
  for (const g of ga) {
    const c = counts.get(g) ?? 0;
    if (c > 0) {
      hits++;
      counts.set(g, c - 1);
    }
  }
  return (2 * hits) / (ga.length + gb.length);
}

export function bestMatch(name: string, candidates: Iterable<string>, min: number): string | undefined {
  let best: string | undefined;
  let score = min;
  for (const c of candidates) {
    const s = similarity(name, c);
    if (s >= score && c !== name) {
      best = c;
      score = s;
    }
  }
  return best;
}

function findRel(cache: SchemaCache, schema: string, origin: string, target: string, hint?: string): Relationship {
  const all = (cache.relationships.get(qiKey(schema, origin)) ?? []).filter((r) => r.foreignTable.schema === schema);
  const single = (r: Relationship) => {
    const cols = relColumns(r);
    return cols.length === 1 ? cols[0] : undefined;
  };
  const matchFKSingleCol = (h: string, r: Relationship) => r.card.kind !== 'm2m' && single(r)?.[0] === h;
  const matchFKRefSingleCol = (h: string, r: Relationship) => r.card.kind !== 'm2m' && single(r)?.[1] === h;
  const matchConstraint = (h: string, r: Relationship) => relConstraint(r) === h;
  const matchJunction = (h: string, r: Relationship) => r.card.kind === 'm2m' && r.card.junction.table.name === h;
  const rels = all.filter((r) => {
    if (r.isSelf) {
      if (hint === undefined) {
        return (
          (target === r.foreignTable.name && r.card.kind === 'o2m') ||
          (matchFKSingleCol(target, r) && r.card.kind === 'm2o')
        );
      }
      return target === r.foreignTable.name && r.card.kind === 'o2m' && matchFKRefSingleCol(hint, r);
    }
    if (hint === undefined) {
      return (
        target === r.foreignTable.name ||
        (matchConstraint(target, r) && !r.foreignTableIsView) ||
        (matchFKSingleCol(target, r) && !r.foreignTableIsView)
      );
    }
    return (
      target === r.foreignTable.name &&
      (matchConstraint(hint, r) || matchFKSingleCol(hint, r) || matchFKRefSingleCol(hint, r) || matchJunction(hint, r))
    );
  });
  if (rels.length === 1) return rels[0]!;
  if (rels.length === 0) {
    const originRels = cache.relationships.get(qiKey(schema, origin));
    let suggestion: string | undefined;
    if (!originRels) {
      const origins = [...cache.relationships.keys()]
        .map((k) => k.split('\u0000'))
        .filter(([s]) => s === schema)
        .map(([, n]) => n!);
      const s = bestMatch(origin, origins, 0.33);
      if (s) suggestion = `Perhaps you meant '${s}' instead of '${origin}'.`;
    } else {
      const s = bestMatch(
        target,
        originRels.map((r) => r.foreignTable.name),
        0.33,
      );
      if (s) suggestion = `Perhaps you meant '${s}' instead of '${target}'.`;
    }
    throw new RestError(
      400,
      'PGRST200',
      `Could not find a relationship between '${origin}' and '${target}' in the schema cache`,
      `Searched for a foreign key relationship between '${origin}' and '${target}${
        hint !== undefined ? `' using the hint '${hint}` : ''
      }' in the schema '${schema}', but no matches were found.`,
      suggestion ?? null,
    );
  }
  throw new RestError(
    300,
    'PGRST201',
    `Could not embed because more than one relationship was found for '${origin}' and '${target}'`,
    rels.map(compressedRel),
    `Try changing '${target}' to one of the following: ${rels
      .map(relHintName)
      .join(', ')}. Find the desired relationship in the 'details' key.`,
  );
}

function joinConditions(r: Relationship, tblAlias: string | undefined, parentAlias: string | undefined): JoinCond[] {
  const tSchema = r.table.schema;
  const parentRef = parentAlias ?? { schema: tSchema, name: r.table.name };
  if (r.card.kind === 'm2m') {
    const j = r.card.junction;
    return [
      ...j.colsTarget.map(([jcol, tcol]): JoinCond => ({
        left: [{ schema: tSchema, name: r.foreignTable.name }, tcol],
        right: [j.table, jcol],
      })),
      ...j.colsSource.map(([jcol, scol]): JoinCond => ({ left: [j.table, jcol], right: [parentRef, scol] })),
    ];
  }
  const childRef = tblAlias ?? { schema: tSchema, name: r.foreignTable.name };
  return r.card.columns.map(([c, fc]): JoinCond => ({ left: [childRef, fc], right: [parentRef, c] }));
}

function addRels(cache: SchemaCache, schema: string, root: ReadNode): void {
  const visit = (parent: ReadNode) => {
    for (const child of parent.children) {
      const origin = parent.depth === 0 ? (parent.fromAlias ?? parent.from.name) : parent.from.name;
      const r = findRel(cache, schema, origin, child.relName, child.relHint);
      const newAlias = `${r.foreignTable.name}_${child.depth}`;
      child.relAggAlias = `${r.table.name}_${child.relAlias ?? child.relName}_${child.depth}`;
      if (child.relSpread && !relIsToOne(r)) child.relSpread = { kind: 'toMany', extraSelect: [], order: [] };
      child.from = r.foreignTable;
      child.relToParent = r;
      if (r.card.kind === 'm2m') {
        child.relJoinConds = joinConditions(r, undefined, parent.fromAlias);
      } else {
        child.fromAlias = newAlias;
        child.relJoinConds = joinConditions(r, newAlias, parent.fromAlias);
      }
      visit(child);
    }
  };
  visit(root);
}

// ---- the pipeline --------------------------------------------------------------

function expandStars(cache: SchemaCache, node: ReadNode, hasAgg: boolean): void {
  const newHasAgg =
    hasAgg || node.select.some((s) => s.agg) || (node.relSpread !== undefined && node.relSpread.kind === 'toMany');
  const isSpread = node.relSpread !== undefined;
  const hasStar = node.select.some((s) => s.field.name === '*' && (!s.agg || (isSpread && s.agg === 'count')));
  if (hasStar && newHasAgg) {
    const table = tableOf(cache, node.from);
    node.select = node.select.flatMap((s): CSelect[] => {
      if (s.field.name === '*' && s.field.jsonPath.length === 0 && !s.agg) {
        return (table?.columnList ?? []).map((c) => ({
          ...s,
          field: resolveField(cache, node.from, { name: c.name, jsonPath: [] }),
        }));
      }
      if (isSpread && s.field.name === '*' && s.agg === 'count')
        return [{ ...s, field: { ...s.field, fullRow: true } }];
      return [s];
    });
  }
  for (const c of node.children) expandStars(cache, c, newHasAgg);
}

function addAliases(node: ReadNode): void {
  const isSpread = node.relSpread !== undefined;
  node.select = node.select.map((s) => {
    if (s.alias) return s;
    if (s.agg) return isSpread ? { ...s, alias: s.agg } : s;
    const jp = s.field.jsonPath;
    if (jp.length > 0) {
      const last = jp[jp.length - 1]!;
      if (!last.idx) return { ...s, alias: last.key };
      const lastKey = [...jp].reverse().find((o) => !o.idx);
      return { ...s, alias: lastKey ? lastKey.key : s.field.name };
    }
    return s;
  });
  for (const c of node.children) addAliases(c);
}

function addRelatedOrders(node: ReadNode): void {
  node.order = node.order.map((o) => {
    if (o.kind !== 'relation') return o;
    const found = node.children.find((c) => (c.relAlias ?? c.relName) === o.relation);
    if (!found) throw errors.notEmbedded(o.relation);
    if (!found.relToParent || !relIsToOne(found.relToParent)) {
      throw errors.relatedOrderNotToOne(node.from.name, found.relAlias ?? found.relName);
    }
    return { ...o, relation: found.relAggAlias };
  });
  for (const c of node.children) addRelatedOrders(c);
}

function addNullEmbedFilters(node: ReadNode): void {
  const conv = (t: CLogic): CLogic => {
    if (t.kind === 'expr') return { ...t, children: t.children.map(conv) };
    const f = t.filter;
    if (f.kind !== 'filter' || f.field.jsonPath.length > 0) return t;
    const child = node.children.find((c) => (c.relAlias ?? c.relName) === f.field.name);
    // A real column of the same name wins (the filter is on the column).
    if (!child || f.field.irType !== '') return t;
    if (f.expr.op.kind === 'is' && f.expr.op.value === 'null') {
      return { kind: 'stmt', filter: { kind: 'nullEmbed', not: f.expr.not, aggAlias: child.relAggAlias } };
    }
    // Only `is.null` / `not.is.null` may target an embedded resource itself.
    throw errors.unacceptableFilter(f.field.name);
  };
  node.where = node.where.map(conv);
  for (const c of node.children) addNullEmbedFilters(c);
}

function spreadSelects(node: ReadNode): SpreadSelect[] {
  return [
    ...node.select.map((s) => ({ name: s.alias ?? s.field.name })),
    ...node.relSelect.flatMap((r): SpreadSelect[] => (r.kind === 'embed' ? [{ name: r.selName }] : r.sels)),
  ];
}

function hasOnlyNullEmbed(node: ReadNode): boolean {
  return node.select.length === 0 && node.children.every(hasOnlyNullEmbed);
}

function addRelSelects(node: ReadNode): void {
  for (const c of node.children) addRelSelects(c);
  node.relSelect = node.children.map((c): RelSelect => {
    if (c.relSpread) return { kind: 'spread', sels: spreadSelects(c), aggAlias: c.relAggAlias };
    return {
      kind: 'embed',
      selName: c.relAlias ?? c.relName,
      aggAlias: c.relAggAlias,
      toOne: relIsToOne(c.relToParent!),
      empty: hasOnlyNullEmbed(c),
    };
  });
}

function validateAggregates(node: ReadNode, enabled: boolean): void {
  if (!enabled && node.select.some((s) => s.agg)) throw errors.aggregatesNotAllowed();
  for (const c of node.children) validateAggregates(c, enabled);
}

type Hoisted = { aggAlias: string; name: string; agg: AggFn; aggCast?: string; alias?: string };

/** Aggregates inside a to-one spread apply at the parent (`select=client_id,...invoices(total.sum())`). */
function hoistSpreadAggs(node: ReadNode): Hoisted[] {
  const childAggs = node.children.flatMap(hoistSpreadAggs);
  const isToOneSpread = node.relSpread?.kind === 'toOne';
  let aggList: Hoisted[] = [];
  if (!(node.depth === 0 || (node.relToParent && !isToOneSpread))) {
    node.select = node.select.map((s) => {
      if (!s.agg) return s;
      aggList.push({
        aggAlias: node.relAggAlias,
        name: s.alias ?? s.field.name,
        agg: s.agg,
        aggCast: s.aggCast,
        alias: s.alias,
      });
      return { ...s, agg: undefined, aggCast: undefined };
    });
  }
  if (isToOneSpread) {
    aggList = [...aggList, ...childAggs.map((h) => ({ ...h, aggAlias: node.relAggAlias }))];
  } else if (node.children.length > 0) {
    node.relSelect = node.relSelect.map((r) => {
      if (r.kind !== 'spread') return r;
      return {
        ...r,
        sels: r.sels.map((s) => {
          const h = childAggs.find((a) => a.aggAlias === r.aggAlias && a.name === s.name);
          return h ? { ...s, agg: h.agg, aggCast: h.aggCast, alias: h.alias } : s;
        }),
      };
    });
  }
  return isToOneSpread ? aggList : [];
}

function addToManyOrderSelects(node: ReadNode): void {
  if (node.relSpread?.kind === 'toMany') {
    const anyAgg =
      node.select.some((s) => s.agg) || node.relSelect.some((r) => r.kind === 'spread' && r.sels.some((s) => s.agg));
    if (anyAgg) throw errors.notImplemented('Aggregates are not implemented for one-to-many or many-to-many spreads.');
    const extra: { rel?: string; sel: CSelect }[] = [];
    const order: COrder[] = [];
    node.order.forEach((o, i) => {
      const name = o.kind === 'field' ? o.field.name : o.field.name;
      const alias = `${node.relAggAlias}_${name}_${i + 1}`;
      if (o.kind === 'field') extra.push({ sel: { field: o.field, alias } });
      else
        extra.push({
          rel: o.relation,
          sel: { field: { name: o.field.name, jsonPath: o.field.jsonPath, toJson: false, irType: '' }, alias },
        });
      order.push({
        kind: 'field',
        field: { name: alias, jsonPath: [], toJson: false, irType: '' },
        dir: o.dir,
        nulls: o.nulls,
      });
    });
    node.relSpread = { kind: 'toMany', extraSelect: extra, order };
    node.order = [];
  }
  for (const c of node.children) addToManyOrderSelects(c);
}

function restrictRanges(node: ReadNode, maxRows: number | undefined): void {
  if (maxRows !== undefined) node.range = restrictRange(node.range, maxRows);
  for (const c of node.children) restrictRanges(c, maxRows);
}

export function restrictRange(r: Range, maxRows: number): Range {
  return { offset: r.offset, limit: r.limit === undefined ? maxRows : Math.min(r.limit, maxRows) };
}

export function rootRelName(root: ReadNode): string {
  return root.relName;
}

/** Builds the read plan of a table/view read, a mutation's returned representation, or an RPC result. */
export function buildReadPlan(cache: SchemaCache, root: QI, opts: PlanOptions): ReadNode {
  const { qp, schema, action } = opts;
  const tree = initTree(cache, schema, root, qp.select);

  // Filters and logic trees: mutations apply the top-level ones in the mutation itself.
  for (const f of qp.filters) {
    if (action === 'mutate' && f.path.length === 0) continue;
    const node = findNode(tree, f.path);
    node.where.push(resolveRootFilter(cache, node.from, f.filter));
  }
  for (const o of qp.order) {
    const node = findNode(tree, o.path);
    node.order = o.terms.map((t: OrderTerm): COrder =>
      t.kind === 'field' ? { ...t, field: resolveField(cache, node.from, t.field) } : t,
    );
  }
  if (action !== 'mutate') {
    for (const r of qp.ranges) {
      if (r.path.length === 0) continue;
      findNode(tree, r.path).range = r.range;
    }
    tree.range = opts.topRange;
  }
  for (const l of qp.logic) {
    if (action === 'mutate' && l.path.length === 0) continue;
    const node = findNode(tree, l.path);
    node.where.push(resolveLogic(cache, node.from, l.tree));
  }

  if (action !== 'read') tree.fromAlias = root.name;
  addRels(cache, schema, tree);
  if (action !== 'read') tree.from = { schema: '', name: 'pgrst_source' };
  expandStars(cache, tree, false);
  addAliases(tree);
  addRelatedOrders(tree);
  addNullEmbedFilters(tree);
  addRelSelects(tree);
  validateAggregates(tree, opts.aggregatesEnabled);
  hoistSpreadAggs(tree);
  addToManyOrderSelects(tree);
  if (action !== 'mutate') restrictRanges(tree, opts.maxRows);
  return tree;
}

/** Columns a mutation must RETURN so the representation (and its embeds) can be built. */
export function returningColumns(tree: ReadNode, pk: string[]): string[] {
  const names = new Set(tree.select.map((s) => s.field.name));
  if (names.has('*')) return ['*'];
  for (const c of tree.children) {
    const r = c.relToParent;
    if (!r) continue;
    if (r.card.kind === 'm2m') for (const [, scol] of r.card.junction.colsSource) names.add(scol);
    else for (const [col] of r.card.columns) names.add(col);
  }
  for (const k of pk) names.add(k);
  return [...names];
}

/** Every filter field name in the tree (RPC: columns the call must return). */
export function filterFieldNames(tree: ReadNode): Set<string> {
  const out = new Set<string>();
  const walk = (t: CLogic) => {
    if (t.kind === 'expr') t.children.forEach(walk);
    else if (t.filter.kind === 'filter') out.add(t.filter.field.name);
    else out.add(t.filter.aggAlias);
  };
  const visit = (n: ReadNode) => {
    n.where.forEach(walk);
    n.children.forEach(visit);
  };
  visit(tree);
  return out;
}

export { ALL as ALL_RANGE };
