// postgres_changes binding parameters, parsed as Realtime parses them
// (lib/extensions/postgres_cdc_rls/subscriptions.ex parse_subscription_params).

export const FILTER_OPS = [
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'like',
  'ilike',
  'is',
  'match',
  'imatch',
  'isdistinct',
] as const;

/** [column, op, value, negate] as written to realtime.subscription.filters. */
export type Filter = [string, string, string, boolean];

export interface SubscriptionParams {
  /** '*', INSERT, UPDATE or DELETE. */
  action: string;
  schema: string;
  table: string;
  filters: Filter[];
  selectedColumns: string[] | null;
}

export type ParseResult = { ok: true; params: SubscriptionParams } | { ok: false; error: string };

function elixirInspect(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return `[${v.map(elixirInspect).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `%{${entries.map(([k, x]) => `${JSON.stringify(k)} => ${elixirInspect(x)}`).join(', ')}}`;
  }
  return String(v);
}

/** How Realtime logs a parsed binding in its error messages. */
export function paramsToLog(p: SubscriptionParams): string {
  const filters = `[${p.filters.map(([c, o, v, n]) => `{${JSON.stringify(c)}, ${JSON.stringify(o)}, ${JSON.stringify(v)}, ${n}}`).join(', ')}]`;
  const select = p.selectedColumns ? elixirInspect(p.selectedColumns) : 'nil';
  return `event: ${p.action}, schema: ${p.schema}, table: ${p.table}, filters: ${filters}, select: ${select}`;
}

function actionFilter(params: Record<string, unknown>): string {
  const e = params.event;
  if (e === '*') return '*';
  if (typeof e === 'string') {
    const u = e.toUpperCase();
    if (u === 'INSERT' || u === 'UPDATE' || u === 'DELETE') return u;
  }
  return '*';
}

/** Splits on commas outside quotes and parentheses. */
function splitTopLevel(filter: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let prev = '';
  let current = '';
  for (let i = 0; i < filter.length; i++) {
    const ch = filter[i]!;
    if (quoted) {
      if (ch === '\\' && i + 1 < filter.length) {
        current += ch + filter[i + 1]!;
        prev = filter[i + 1]!;
        i++;
        continue;
      }
      if (ch === '"') quoted = false;
      current += ch;
      prev = ch;
      continue;
    }
    if (ch === '"' && (prev === '.' || prev === '(' || prev === ',')) {
      quoted = true;
      current += ch;
      prev = ch;
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
      prev = '';
      continue;
    }
    current += ch;
    prev = ch;
  }
  out.push(current);
  return out;
}

function unquoteValue(value: string): string {
  if (!value.startsWith('"')) return value;
  let acc = '';
  for (let i = 1; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '"') return i === value.length - 1 ? acc : value;
    if (ch === '\\' && i + 1 < value.length) {
      acc += value[i + 1]!;
      i++;
      continue;
    }
    acc += ch;
  }
  return value;
}

function parseSegment(segment: string): { ok: true; filter: Filter } | { ok: false; error: string } {
  const trimmed = segment.trim();
  if (trimmed === '') return { ok: false, error: 'filter must not contain empty segments (check for extra commas)' };
  const eq = trimmed.indexOf('=');
  if (eq < 0) return { ok: false, error: elixirInspect([trimmed]) };
  const col = trimmed.slice(0, eq);
  let rest = trimmed.slice(eq + 1);
  let negate = false;
  if (rest.startsWith('not.')) {
    negate = true;
    rest = rest.slice(4);
  }
  const dot = rest.indexOf('.');
  if (dot < 0) return { ok: false, error: elixirInspect([rest]) };
  const op = rest.slice(0, dot);
  const value = rest.slice(dot + 1);
  if (!(FILTER_OPS as readonly string[]).includes(op)) return { ok: false, error: elixirInspect([op, value]) };
  if (op === 'in') {
    if (value.length >= 2 && value.startsWith('(') && value.endsWith(')')) {
      return { ok: true, filter: [col, op, `{${value.slice(1, -1)}}`, negate] };
    }
    return { ok: false, error: '`in` filter value must be wrapped by parentheses' };
  }
  return { ok: true, filter: [col, op, unquoteValue(value), negate] };
}

function parseFilters(filter: string): { ok: true; filters: Filter[] } | { ok: false; error: string } {
  const trimmed = filter.trim();
  if (trimmed === '') return { ok: true, filters: [] };
  const filters: Filter[] = [];
  for (const seg of splitTopLevel(trimmed)) {
    const r = parseSegment(seg);
    if (!r.ok) return r;
    filters.push(r.filter);
  }
  return { ok: true, filters };
}

export function parseSubscriptionParams(raw: unknown): ParseResult {
  const params = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const action = actionFilter(params);
  let selectedColumns: string[] | null = null;
  if (Array.isArray(params.select)) {
    const cols = params.select.filter((c): c is string => typeof c === 'string');
    selectedColumns = cols.length ? cols : null;
  } else if (typeof params.select === 'string') {
    return {
      ok: false,
      error: 'Error parsing `select` params: expected a list of column name strings, e.g. select: ["col1", "col2"]',
    };
  }
  const has = (k: string) => Object.prototype.hasOwnProperty.call(params, k);
  let schema: string;
  let table: string;
  let filters: Filter[] = [];
  if (typeof params.schema === 'string' && typeof params.table === 'string' && typeof params.filter === 'string') {
    const r = parseFilters(params.filter);
    if (!r.ok) return { ok: false, error: `Error parsing \`filter\` params: ${r.error}` };
    schema = params.schema;
    table = params.table;
    filters = r.filters;
  } else if (typeof params.schema === 'string' && typeof params.table === 'string' && !has('filter')) {
    schema = params.schema;
    table = params.table;
  } else if (typeof params.schema === 'string' && !has('table') && !has('filter')) {
    schema = params.schema;
    table = '*';
  } else if (typeof params.table === 'string' && !has('schema') && !has('filter')) {
    schema = 'public';
    table = params.table;
  } else {
    return {
      ok: false,
      error: `No subscription params provided. Please provide at least a \`schema\` or \`table\` to subscribe to: ${elixirInspect(params)}`,
    };
  }
  if (selectedColumns && (schema === '*' || table === '*')) {
    return {
      ok: false,
      error: 'Column selection is not supported for wildcard subscriptions. Provide an explicit schema and table name.',
    };
  }
  return { ok: true, params: { action, schema, table, filters, selectedColumns } };
}

/** :erlang.phash2-like id for a binding: a stable 27-bit integer of its parameters. */
export function bindingId(params: unknown): number {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  const text = JSON.stringify(canon(params)) ?? '';
  // FNV-1a, folded to 27 bits (phash2's default range is 0..2^27-1).
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h & 0x7ffffff;
}
