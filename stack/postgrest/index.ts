// A PostgREST-compatible /rest/v1 (spec 2.4 and 3): every request is one
// transaction on the authenticator pool, scoped to the caller's role and claims by
// one set_config batch, with the response body built by one SQL statement.
import type { IncomingMessage, ServerResponse } from 'node:http';
import crypto from 'node:crypto';
import type pg from 'pg';
import type { StackContext, StackService } from '../context.ts';
import { BodyTooLargeError, bearerToken, lowerCaseHeaders, readBody } from '../http.ts';
import { verifyJwt } from '../jwt.ts';
import { ApiError, fromPgError, type PgLikeError } from './errors.ts';
import { parseAccept, parsePrefer, parseQuery, type Media, type Prefer, type QueryParams } from './parser.ts';
import { loadSchemaCache, relKey, type Fn, type Relation, type SchemaCache } from './schema.ts';
import { buildLevel, checkUnusedLevels, ident, Params, qualified, selectSql, type BuildEnv, type Level } from './sql.ts';
import { openApiDocument } from './openapi.ts';
import { parseCsv } from './csv.ts';

interface Caller {
  role: string;
  claims: Record<string, unknown>;
}

interface Req {
  method: string;
  schema: string;
  profiled: boolean;
  caller: Caller;
  prefer: Prefer;
  media: Media;
  headers: Record<string, string>;
  path: string;
  search: string;
  cookie?: string;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

export function createRestService(ctx: StackContext): StackService {
  let cache: SchemaCache | undefined;
  let loading: Promise<SchemaCache> | undefined;
  const load = () => {
    const p = loadSchemaCache(ctx.adminPool, ctx.config.api.schemas).then(
      (c) => {
        cache = c;
        if (loading === p) loading = undefined;
        return c;
      },
      (e) => {
        if (loading === p) loading = undefined;
        throw e;
      },
    );
    loading = p;
    return p;
  };
  const reload = () => {
    load().catch((e: Error) => ctx.log('rest', `schema cache reload failed: ${e.message}`));
  };
  const getCache = async () => (loading ? await loading : (cache ?? (await load())));

  return {
    name: 'rest',
    prefix: '/rest/v1',
    async start() {
      await load();
      ctx.events.on('schema-changed', reload);
      ctx.events.on('config-reload', reload);
    },
    async stop() {
      ctx.events.off('schema-changed', reload);
      ctx.events.off('config-reload', reload);
    },
    async handle(req, res, subpath) {
      let reply: Reply;
      let profile: string | undefined;
      try {
        const c = await getCache();
        const r = await handleRequest(ctx, c, req, subpath);
        reply = r.reply;
        profile = r.profile;
      } catch (e) {
        reply = errorReply(e, req);
      }
      if (profile) reply.headers['Content-Profile'] = profile;
      send(res, req.method === 'HEAD', reply);
    },
  };
}

function send(res: ServerResponse, head: boolean, reply: Reply): void {
  const body = reply.body ?? '';
  const headers: Record<string, string | number> = { ...reply.headers };
  if (reply.body !== undefined || reply.status >= 400) headers['Content-Length'] = Buffer.byteLength(body);
  res.writeHead(reply.status, headers);
  res.end(head ? undefined : body);
}

function errorReply(e: unknown, req: IncomingMessage, anonymous = false): Reply {
  let err: ApiError;
  if (e instanceof ApiError) err = e;
  else if (e instanceof BodyTooLargeError) err = new ApiError(413, 'PGRST102', e.message);
  else if (e && typeof e === 'object' && (e as PgLikeError).code === 'PGRST' && 'severity' in e) {
    err = raisedPgrst(e as unknown as PgLikeError);
  } else if (e && typeof e === 'object' && 'code' in e && typeof (e as PgLikeError).code === 'string' && 'severity' in e) {
    err = fromPgError(e as unknown as PgLikeError, anonymous);
    if (err.status === 401 && !err.headers['WWW-Authenticate']) err.headers['WWW-Authenticate'] = 'Bearer';
  } else {
    console.error('[rest]', e);
    err = new ApiError(500, 'PGRSTX00', e instanceof Error ? e.message : String(e));
  }
  const body = err.body() as Record<string, unknown>;
  const detailsJson = (err as ApiError & { detailsJson?: unknown }).detailsJson;
  if (detailsJson) body.details = detailsJson;
  void req;
  return {
    status: err.status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Proxy-Status': `PostgREST; error=${err.code}`,
      ...err.headers,
    },
    body: JSON.stringify(body),
  };
}

/** RAISE SQLSTATE 'PGRST': the message is the JSON body, the detail {status, headers}. */
function raisedPgrst(e: PgLikeError): ApiError {
  try {
    const body = JSON.parse(e.message) as { code?: string; message?: string; details?: string; hint?: string };
    const meta = JSON.parse(e.detail ?? '{}') as { status?: number; headers?: Record<string, string> };
    if (typeof body !== 'object' || !body || typeof meta !== 'object' || !meta) throw new Error('not objects');
    return new ApiError(meta.status ?? 400, String(body.code ?? ''), String(body.message ?? ''), body.details ?? null, body.hint ?? null, meta.headers ?? {});
  } catch {
    return new ApiError(500, 'PGRST121', "Could not parse JSON in the RAISE SQLSTATE 'PGRST' error", `Invalid JSON value for MESSAGE: '${e.message}'`, null);
  }
}

/** response.status / response.headers set by the query (PostgREST's response GUCs). */
const RESPONSE_GUCS = `current_setting('response.status', true) as "pgrst_status", current_setting('response.headers', true) as "pgrst_headers"`;

function applyResponseGucs(reply: Reply, row: { pgrst_status?: string | null; pgrst_headers?: string | null }): Reply {
  if (row.pgrst_headers) {
    let list: unknown;
    try {
      list = JSON.parse(row.pgrst_headers);
    } catch {
      throw new ApiError(500, 'PGRST111', 'response.headers guc must be a JSON array composed of objects with a single key and a string value');
    }
    if (!Array.isArray(list)) throw new ApiError(500, 'PGRST111', 'response.headers guc must be a JSON array composed of objects with a single key and a string value');
    for (const o of list) {
      const entries = o && typeof o === 'object' ? Object.entries(o as object) : [];
      if (entries.length !== 1 || typeof entries[0]![1] !== 'string') {
        throw new ApiError(500, 'PGRST111', 'response.headers guc must be a JSON array composed of objects with a single key and a string value');
      }
      reply.headers[entries[0]![0]] = entries[0]![1] as string;
    }
  }
  if (row.pgrst_status) {
    const n = Number(row.pgrst_status);
    if (!Number.isInteger(n) || n < 100 || n > 599) throw new ApiError(500, 'PGRST112', 'response.status guc must be a valid status code');
    reply.status = n;
  }
  return reply;
}

// ---------------------------------------------------------------------------

function authenticate(req: IncomingMessage, config: StackContext['config'], cache: SchemaCache): Caller {
  const token = bearerToken(req);
  if (!token) return { role: 'anon', claims: { role: 'anon' } };
  const v = verifyJwt(token, config.jwtSecret, 30);
  if (!v.ok) {
    const code = v.failure === 'expired' || v.failure === 'not_yet_valid' || v.failure === 'issued_in_future' ? 'PGRST303' : 'PGRST301';
    throw new ApiError(401, code, v.message, null, null, {
      'WWW-Authenticate': `Bearer error="invalid_token", error_description="${v.message}"`,
    });
  }
  const role = typeof v.claims.role === 'string' && v.claims.role ? v.claims.role : 'anon';
  if (!cache.roles.has(role)) {
    throw new ApiError(401, '22023', `role "${role}" does not exist`);
  }
  return { role, claims: { ...v.claims, role } };
}

async function handleRequest(
  ctx: StackContext,
  cache: SchemaCache,
  req: IncomingMessage,
  subpath: string,
): Promise<{ reply: Reply; profile?: string }> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = req.url ?? '/';
  const qi = url.indexOf('?');
  const search = qi < 0 ? '' : url.slice(qi + 1);
  const schemas = ctx.config.api.schemas;
  const profileHeader = (method === 'GET' || method === 'HEAD' ? req.headers['accept-profile'] : req.headers['content-profile']) as
    | string
    | undefined;
  const schema = profileHeader ?? schemas[0] ?? 'public';
  if (!schemas.includes(schema)) {
    throw new ApiError(406, 'PGRST106', `Invalid schema: ${schema}`, null, `Only the following schemas are exposed: ${schemas.join(', ')}`);
  }
  const caller = authenticate(req, ctx.config, cache);
  const anonymous = caller.role === 'anon';
  const prefer = parsePrefer(req.headers.prefer);
  if (prefer.handling === 'strict' && prefer.unknown.length) {
    throw new ApiError(400, 'PGRST122', 'Invalid preferences given with handling=strict', `Invalid preferences: ${prefer.unknown.join(', ')}`);
  }
  const isRoot = subpath === '' || subpath === '/';
  const accepted = parseAccept(req.headers.accept as string | undefined, isRoot);
  if ('unsupported' in accepted) {
    throw new ApiError(406, 'PGRST107', `None of these media types are available: ${accepted.unsupported}`);
  }
  const r: Req = {
    method,
    schema,
    profiled: profileHeader !== undefined,
    caller,
    prefer,
    media: accepted,
    headers: withoutCookie(lowerCaseHeaders(req)),
    path: subpath || '/',
    search,
    cookie: req.headers.cookie,
  };
  // PostgREST names the schema in Content-Profile whenever several are exposed.
  const profile = profileHeader !== undefined || schemas.length > 1 ? schema : undefined;
  try {
    if (isRoot) {
      if (method !== 'GET' && method !== 'HEAD') throw new ApiError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
      return { reply: { status: 200, headers: { 'Content-Type': 'application/openapi+json; charset=utf-8' }, body: JSON.stringify(openApiDocument(cache, schema, ctx.config.apiUrl)) }, profile };
    }
    const segs = subpath.split('/').filter(Boolean).map(safeDecode);
    const params = new URLSearchParams(search);
    if (segs[0] === 'rpc' && segs.length === 2) {
      return { reply: await rpc(ctx, cache, r, req, segs[1]!, params), profile };
    }
    if (segs.length !== 1) throw new ApiError(404, 'PGRST125', `Invalid path specified in request URL`);
    const rel = cache.relations.get(relKey(schema, segs[0]!));
    if (!rel) {
      const close = closest([...cache.relations.values()].filter((x) => x.schema === schema).map((x) => x.name), segs[0]!);
      throw new ApiError(
        404,
        'PGRST205',
        `Could not find the table '${schema}.${segs[0]}' in the schema cache`,
        null,
        close ? `Perhaps you meant the table '${schema}.${close}'` : null,
      );
    }
    switch (method) {
      case 'OPTIONS':
        return {
          reply: { status: 200, headers: { Allow: rel.kind === 'table' || rel.insertable ? 'OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE' : 'OPTIONS,GET,HEAD' }, body: '' },
          profile,
        };
      case 'GET':
      case 'HEAD':
        return { reply: await read(ctx, cache, r, rel, params), profile };
      case 'POST':
      case 'PATCH':
      case 'PUT':
      case 'DELETE':
        return { reply: await mutate(ctx, cache, r, req, rel, params), profile };
      default:
        throw new ApiError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
    }
  } catch (e) {
    const reply = errorReply(e, req, anonymous);
    return { reply, profile };
  }
}

function withoutCookie(h: Record<string, string>): Record<string, string> {
  // PostgREST passes cookies as request.cookies, not among request.headers.
  const out = { ...h };
  delete out.cookie;
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new ApiError(400, 'PGRST100', `failed to parse path (${s})`);
  }
}

/** The closest name within an edit distance of 2, for "Perhaps you meant" hints. */
function closest(names: string[], target: string): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const n of names) {
    const d = distance(n, target);
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 99;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

// ---------------------------------------------------------------------------
// Transactions

const settingsSqlCache = new Map<string, string>();

function settingsStatement(cache: SchemaCache, r: Req, searchPath: string): { text: string; values: unknown[] } {
  const roleSettings = cache.roleSettings.get(r.caller.role) ?? [];
  const values: unknown[] = [searchPath];
  const parts = [`set_config('search_path', $1, true)`];
  for (const [k, v] of roleSettings) {
    values.push(k, v);
    parts.push(`set_config($${values.length - 1}, $${values.length}, true)`);
  }
  values.push(r.caller.role, JSON.stringify(r.caller.claims), r.method, r.path, JSON.stringify(r.headers), JSON.stringify(cookies(r.cookie)));
  const n = values.length;
  parts.push(
    `set_config('role', $${n - 5}, true)`,
    `set_config('request.jwt.claims', $${n - 4}, true)`,
    `set_config('request.method', $${n - 3}, true)`,
    `set_config('request.path', $${n - 2}, true)`,
    `set_config('request.headers', $${n - 1}, true)`,
    `set_config('request.cookies', $${n}, true)`,
  );
  if (r.prefer.timezone) {
    values.push(r.prefer.timezone);
    parts.push(`set_config('timezone', $${values.length}, true)`);
  }
  const text = `select ${parts.join(', ')}`;
  let cached = settingsSqlCache.get(text);
  if (!cached) settingsSqlCache.set(text, (cached = text));
  return { text: cached, values };
}

function cookies(h: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (h ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

function statementName(text: string): string {
  return `pgrst_${crypto.createHash('sha1').update(text).digest('base64url')}`;
}

/**
 * Runs one statement in one transaction scoped to the caller. BEGIN, the settings
 * batch and the statement are pipelined (one round trip); without `after` the
 * COMMIT (or the ROLLBACK of Prefer: tx=rollback) goes in the same round trip.
 * `after` may inspect the result, query more, or throw to roll back.
 */
async function runStatement(
  ctx: StackContext,
  cache: SchemaCache,
  r: Req,
  readOnly: boolean,
  text: string,
  values: unknown[],
  after?: (res: pg.QueryResult, client: pg.PoolClient) => Promise<void>,
): Promise<pg.QueryResult> {
  const client = await ctx.authenticatorPool.connect();
  const pipelined = client as unknown as { pipeline: boolean };
  pipelined.pipeline = true;
  let broken: Error | undefined;
  const send = (t: string | pg.QueryConfig) => {
    const q = client.query(t as pg.QueryConfig);
    q.catch(() => undefined);
    return q;
  };
  const endWord = r.prefer.tx === 'rollback' ? 'rollback' : 'commit';
  let ended: Promise<unknown> | undefined;
  try {
    const begin = send(readOnly ? 'begin isolation level read committed read only' : 'begin isolation level read committed');
    const searchPath = [r.schema, ...ctx.config.api.extraSearchPath].map(ident).join(', ');
    const st = settingsStatement(cache, r, searchPath);
    const settings = send({ name: statementName(st.text), text: st.text, values: st.values });
    const main = send(namedQuery(text, values));
    if (!after) ended = send(endWord);
    await begin;
    await settings;
    const res = await main;
    if (after) {
      try {
        await after(res, client);
      } catch (e) {
        ended = send('rollback');
        throw e;
      }
      ended = send(endWord);
    }
    await ended;
    return res;
  } catch (e) {
    // A failed statement leaves the transaction aborted; the pipelined COMMIT then
    // rolls it back. Without one in flight, end it here.
    if (ended) await ended.catch(() => undefined);
    else await client.query('rollback').catch((x: Error) => (broken = x));
    throw e;
  } finally {
    pipelined.pipeline = false;
    client.release(broken);
  }
}

/** Named (prepared once per connection) unless the statement text is one of too many shapes. */
const seenShapes = new Set<string>();
function namedQuery(text: string, values: unknown[]): pg.QueryConfig {
  if (seenShapes.size < 5000) seenShapes.add(text);
  return seenShapes.has(text) ? { name: statementName(text), text, values } : { text, values };
}


// ---------------------------------------------------------------------------
// Reads

const PREFER_ORDER = ['resolution', 'missing', 'return', 'count', 'tx', 'handling', 'timezone', 'max-affected'];

function preferenceApplied(p: Prefer, keys: string[]): Record<string, string> {
  const applied = PREFER_ORDER.filter((k) => keys.includes(k) || k === 'timezone')
    .flatMap((k) => p.applied.filter((a) => a.startsWith(`${k}=`)));
  return applied.length ? { 'Preference-Applied': applied.join(', ') } : {};
}

function rangeHeader(req: Req): { offset: number; limit?: number } | undefined {
  const h = req.headers.range;
  if (!h || (req.method !== 'GET' && req.method !== 'HEAD')) return undefined;
  const m = /^(?:items=)?\s*(\d+)-(\d*)\s*$/.exec(h);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : undefined;
  if (to !== undefined && to < from) {
    throw new ApiError(416, 'PGRST103', 'Requested range not satisfiable', `The lower boundary must be lower than or equal to the upper boundary in the Range header.`);
  }
  return { offset: from, limit: to === undefined ? undefined : to - from + 1 };
}

interface TopPlan {
  level: Level;
  usesComputed: boolean;
  from: string;
  /** The FROM of the top relation alone, without the embeds' lateral joins. */
  source: string;
  where: string[];
  params: Params;
}

function planTop(
  cache: SchemaCache,
  q: QueryParams,
  rel: Relation,
  source: string,
  applyFilters: boolean,
  params = new Params(),
): TopPlan {
  const env: BuildEnv = { cache, params, n: 0, used: new Set(), query: q };
  const level = buildLevel(env, rel, 't0', q.select, [], { applyFilters, aggregatesEnabled: cache.aggregatesEnabled });
  checkUnusedLevels(env);
  return { level, usesComputed: !!env.usesComputed, from: `from ${source} t0${level.joins.join('')}`, source: `from ${source} t0`, where: level.where, params };
}

function bodyExpr(media: Media, params: Params, keys: string[]): string {
  if (media.kind === 'csv') {
    // PostgREST's CSV: a header of the keys, then each row's text form without its parentheses.
    return `${params.add(keys.join(','), 'text')} || coalesce(E'\\n' || string_agg(substring(pgrst_x::text, 2, length(pgrst_x::text) - 2), E'\\n'), '')`;
  }
  return media.stripNulls ? `coalesce(json_strip_nulls(json_agg(pgrst_x)), '[]')::text` : `coalesce(json_agg(pgrst_x), '[]')::text`;
}

async function read(ctx: StackContext, cache: SchemaCache, r: Req, rel: Relation, params: URLSearchParams): Promise<Reply> {
  const q = parseQuery(params);
  return readSource(ctx, cache, r, rel, qualified(rel), q, new Params(), `/${rel.name}`);
}

async function readSource(
  ctx: StackContext,
  cache: SchemaCache,
  r: Req,
  rel: Relation,
  source: string,
  q: QueryParams,
  params: Params,
  location: string,
  opts: { readOnly?: boolean; single?: boolean; maxAffected?: number } = {},
): Promise<Reply> {
  const plan = planTop(cache, q, rel, source, true, params);
  const top = q.levels.get('') ?? { filters: [], logic: [] };
  const range = rangeHeader(r);
  const maxRows = ctx.config.api.maxRows;
  let offset = top.offset ?? range?.offset ?? 0;
  if (top.offset !== undefined && range) offset = top.offset;
  let limit = top.limit ?? range?.limit;
  if (!opts.single) limit = limit === undefined ? maxRows : Math.min(limit, maxRows);
  // The unlimited query (for planned counts) binds exactly the parameters so far.
  const unlimited = selectSql(plan.level, plan.from, plan.where, { limit: undefined, offset: undefined });
  const unlimitedParams = plan.params.values.length;
  let page: string;
  const whereSql = plan.where.length ? ` where ${plan.where.join(' and ')}` : '';
  if (plan.level.joins.length && !plan.level.embedFilters && !plan.level.hasAggregate && !plan.usesComputed) {
    // Cut the page first, then build the embeds for its rows only (a deep offset
    // must not compute embeds of the rows it skips).
    const orderSql = plan.level.orderBy.length ? ` order by ${plan.level.orderBy.join(', ')}` : '';
    let cut = `select t0.* ${plan.source}${whereSql}${orderSql}`;
    if (limit !== undefined) cut += ` limit ${plan.params.add(limit, 'int8')}`;
    if (offset) cut += ` offset ${plan.params.add(offset, 'int8')}`;
    page = `select ${plan.level.list.join(', ') || 'null as "pgrst_empty"'} from (${cut}) t0${plan.level.joins.join('')}${orderSql}`;
  } else {
    page = selectSql(plan.level, plan.from, plan.where, { limit, offset }, plan.params);
  }
  const count = r.prefer.count;
  const countFrom = plan.level.embedFilters ? plan.from : plan.source;
  const countBase = `select 1 ${countFrom}${whereSql}${plan.level.groupBy.length ? ` group by ${plan.level.groupBy.join(', ')}` : ''}`;
  let totalSql = 'null::int8';
  if (count === 'exact') totalSql = `(select count(*) from (${countBase}) pgrst_c)`;
  else if (count === 'estimated') totalSql = `(select count(*) from (${countBase} limit ${maxRows + 1}) pgrst_c)`;
  const text = `select ${totalSql} as total, count(*) as n, ${bodyExpr(r.media, plan.params, plan.level.keys)} as body, ${RESPONSE_GUCS} from (${page}) pgrst_x`;
  const values = plan.params.values;

  let planned: number | undefined;
  const needsAfter = count === 'planned' || count === 'estimated' || opts.maxAffected !== undefined;
  const res = await runStatement(ctx, cache, r, opts.readOnly ?? true, text, values, needsAfter
    ? async (res, client) => {
        const row = res.rows[0] as { total: string | null; n: string };
        if (count === 'planned' || (count === 'estimated' && row.total !== null && Number(row.total) > maxRows)) {
          planned = await plannedCount(client, unlimited, values.slice(0, unlimitedParams));
        }
        if (opts.maxAffected !== undefined && Number(row.n) > opts.maxAffected) {
          throw new ApiError(400, 'PGRST124', 'Query result exceeds max-affected preference constraint', `The query affects ${row.n} rows`);
        }
      }
    : undefined);
  const row = res.rows[0] as { total: string | null; n: string; body: string; pgrst_status: string | null; pgrst_headers: string | null };
  const total = planned ?? (row.total === null ? undefined : Number(row.total));
  return applyResponseGucs(readReply(r, { total, n: Number(row.n), body: row.body }, offset, location, q), row);
}

async function plannedCount(client: pg.PoolClient, countBase: string, values: unknown[]): Promise<number> {
  const res = await client.query({ text: `explain (format json) ${countBase}`, values });
  const plan = (res.rows[0] as { 'QUERY PLAN': unknown })['QUERY PLAN'];
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as [{ Plan: { 'Plan Rows': number } }];
  return Math.round(parsed[0].Plan['Plan Rows']);
}

/** PostgREST renders Content-Location with the query parameters sorted by name. */
function sortedQuery(search: string): string {
  return search
    .split('&')
    .filter(Boolean)
    .map((kv, i) => ({ kv, k: kv.split('=')[0]!, i }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
    .map((x) => x.kv)
    .join('&');
}

function readReply(
  r: Req,
  result: { total?: number; n: number; body: string },
  offset: number,
  location: string,
  q: QueryParams,
): Reply {
  void q;
  const { total, n } = result;
  const upper = offset + n - 1;
  const totalStr = total === undefined ? '*' : String(total);
  const contentRange = n === 0 ? `*/${totalStr}` : `${offset}-${upper}/${totalStr}`;
  if (total !== undefined && offset > total) {
    throw new ApiError(416, 'PGRST103', 'Requested range not satisfiable', `An offset of ${offset} was requested, but there are only ${total} rows.`, null, { 'Content-Range': `*/${total}` });
  }
  const status = total !== undefined && n < total ? 206 : 200;
  const headers: Record<string, string> = {
    'Content-Range': contentRange,
    'Content-Location': `${location}${r.search ? `?${sortedQuery(r.search)}` : ''}`,
    ...preferenceApplied(r.prefer, ['count']),
  };
  return shapeBody(r, status, headers, result.body, n);
}

/** Renders a JSON array body in the negotiated media type. */
function shapeBody(r: Req, status: number, headers: Record<string, string>, body: string, n: number): Reply {
  if (r.media.kind === 'object') {
    if (n !== 1) throw singleError(n);
    return { status, headers: { ...headers, 'Content-Type': 'application/vnd.pgrst.object+json; charset=utf-8' }, body: unwrapSingle(body) };
  }
  if (r.media.kind === 'csv') {
    return { status, headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' }, body };
  }
  if (r.media.kind !== 'json') {
    throw new ApiError(406, 'PGRST107', `None of these media types are available: ${r.headers.accept ?? ''}`);
  }
  return {
    status,
    headers: {
      ...headers,
      'Content-Type': r.media.stripNulls ? 'application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8' : 'application/json; charset=utf-8',
    },
    body,
  };
}

function unwrapSingle(body: string): string {
  // json_agg of one row is "[" + row + "]".
  return body.slice(1, -1).trim();
}

function singleError(n: number): ApiError {
  return new ApiError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', `The result contains ${n} rows`);
}

// ---------------------------------------------------------------------------
// Writes

interface Payload {
  /** Raw JSON text of an array of objects. */
  json: string;
  keys: string[];
  rows: number;
}

function parseJsonPayload(text: string, columns: string[] | undefined, single: boolean): Payload {
  let v: unknown;
  try {
    v = text.trim() ? JSON.parse(text) : undefined;
  } catch (e) {
    void e;
    throw new ApiError(400, 'PGRST102', 'Empty or invalid json');
  }
  if (v === undefined) {
    if (single) return { json: '[{}]', keys: [], rows: 1 };
    throw new ApiError(400, 'PGRST102', 'Empty or invalid json');
  }
  const list = Array.isArray(v) ? v : [v];
  if (single && Array.isArray(v) && v.length !== 1) throw new ApiError(400, 'PGRST102', 'Invalid body: expected a single JSON object');
  if (!list.every((o) => o && typeof o === 'object' && !Array.isArray(o))) {
    throw new ApiError(400, 'PGRST102', 'Invalid body: expected a JSON object or an array of objects');
  }
  let keys: string[];
  if (columns) keys = columns;
  else {
    keys = list.length ? Object.keys(list[0] as object) : [];
    const sig = [...keys].sort().join('\u0000');
    for (const o of list) {
      if ([...Object.keys(o as object)].sort().join('\u0000') !== sig) {
        throw new ApiError(400, 'PGRST102', 'All object keys must match');
      }
    }
  }
  return { json: Array.isArray(v) ? text : `[${text}]`, keys, rows: list.length };
}

function payloadFrom(req: Req, raw: Buffer, columns: string[] | undefined, single: boolean): Payload {
  const ct = (req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  const text = raw.toString('utf8');
  if (ct === 'text/csv') {
    const rows = parseCsv(text);
    return { json: JSON.stringify(rows), keys: columns ?? (rows[0] ? Object.keys(rows[0]) : []), rows: rows.length };
  }
  if (ct === 'application/x-www-form-urlencoded') {
    const obj: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(text)) obj[k] = v;
    return { json: JSON.stringify([obj]), keys: columns ?? Object.keys(obj), rows: 1 };
  }
  if (ct !== 'application/json' && !ct.startsWith('application/vnd.pgrst') && ct !== '*/*' && ct !== '') {
    throw new ApiError(400, 'PGRST102', `Content-Type not acceptable: ${ct}`);
  }
  return parseJsonPayload(text, columns, single);
}

function checkColumns(rel: Relation, keys: string[]): void {
  for (const k of keys) {
    if (!rel.columns.has(k)) {
      throw new ApiError(400, 'PGRST204', `Could not find the '${k}' column of '${rel.name}' in the schema cache`);
    }
  }
}

function hasFilters(q: QueryParams): boolean {
  const top = q.levels.get('');
  return !!top && (top.filters.length > 0 || top.logic.length > 0);
}

async function mutate(
  ctx: StackContext,
  cache: SchemaCache,
  r: Req,
  req: IncomingMessage,
  rel: Relation,
  params: URLSearchParams,
): Promise<Reply> {
  const q = parseQuery(params);
  const method = r.method;
  const representation = r.prefer.return === 'representation';
  const headersOnly = r.prefer.return === 'headers-only';
  const p = new Params();
  const target = qualified(rel);
  let mutation: string;
  let upsertInsertedFlag = false;

  const raw = method === 'DELETE' ? Buffer.alloc(0) : await readBody(req);
  // Filters on the target table (top level) go into the mutation's WHERE.
  const topWhereOf = () => {
    const topEnv: BuildEnv = { cache, params: p, n: 100, used: new Set(), query: { ...q, select: [], levels: new Map([['', q.levels.get('') ?? { filters: [], logic: [] }]]) } };
    return buildLevel(topEnv, rel, 't0', [], [], { applyFilters: true, aggregatesEnabled: false }).where;
  };

  if (method === 'POST' || method === 'PUT') {
    const payload = payloadFrom(r, raw, q.columns, method === 'PUT');
    checkColumns(rel, payload.keys);
    if (method === 'PUT') checkPut(rel, q, payload);
    const cols = payload.keys;
    const jsonParam = p.add(payload.json, 'json');
    const missingDefault = r.prefer.missing === 'default';
    const exprs = cols.map((c) => {
      const col = rel.columns.get(c)!;
      if (missingDefault && col.default) return `case when pgrst_e.j::jsonb ? ${p.add(c, 'text')} then pgrst_r.${ident(c)} else ${col.default} end`;
      return `pgrst_r.${ident(c)}`;
    });
    const source = `from json_array_elements(${jsonParam}) pgrst_e(j), lateral json_populate_record(null::${target}, pgrst_e.j) pgrst_r`;
    // No keys: one row of defaults per element (a zero-column SELECT).
    mutation = cols.length
      ? `insert into ${target} as t0 (${cols.map(ident).join(', ')}) select ${exprs.join(', ')} ${source}`
      : `insert into ${target} as t0 select from json_array_elements(${jsonParam}) pgrst_e(j)`;
    const resolution = method === 'PUT' ? 'merge-duplicates' : r.prefer.resolution;
    if (resolution) {
      const conflict = q.onConflict ?? rel.pk;
      if (!conflict.length) throw new ApiError(400, 'PGRST127', 'Upsert requires a primary key or on_conflict columns');
      checkColumns(rel, conflict);
      if (resolution === 'ignore-duplicates') {
        mutation += ` on conflict (${conflict.map(ident).join(', ')}) do nothing`;
      } else {
        const sets = cols.filter((c) => !conflict.includes(c) || method === 'PUT').map((c) => `${ident(c)} = excluded.${ident(c)}`);
        mutation += sets.length
          ? ` on conflict (${conflict.map(ident).join(', ')}) do update set ${sets.join(', ')}`
          : ` on conflict (${conflict.map(ident).join(', ')}) do nothing`;
      }
      upsertInsertedFlag = rel.kind === 'table';
    }
  } else if (method === 'PATCH') {
    const payload = payloadFrom(r, raw, q.columns, true);
    checkColumns(rel, payload.keys);
    if (!hasFilters(q)) throw new ApiError(400, '21000', 'UPDATE requires a WHERE clause');
    if (!payload.keys.length) {
      // Nothing to set: PostgREST answers as if no row changed.
      return mutationReply(r, rel, { n: 0, body: '[]', inserted: false, location: undefined }, q);
    }
    const jsonParam = p.add(payload.json, 'json');
    const sets = payload.keys.map((c) => `${ident(c)} = pgrst_r.${ident(c)}`);
    const topWhere = topWhereOf();
    mutation = `update ${target} as t0 set ${sets.join(', ')} from (select * from json_populate_record(null::${target}, (${jsonParam})->0)) pgrst_r`;
    if (topWhere.length) mutation += ` where ${topWhere.join(' and ')}`;
  } else {
    if (!hasFilters(q)) throw new ApiError(400, '21000', 'DELETE requires a WHERE clause');
    const topWhere = topWhereOf();
    mutation = `delete from ${target} as t0`;
    if (topWhere.length) mutation += ` where ${topWhere.join(' and ')}`;
  }

  const wantBody = representation;
  const wantLocation = headersOnly && method === 'POST' && rel.pk.length > 0;
  let text: string;
  if (wantBody) {
    // The representation reads the mutated rows through the select tree (embeds included).
    const readQ: QueryParams = { ...q, levels: new Map([...q.levels].map(([k, v]) => [k, k === '' ? { filters: [], logic: [], order: v.order } : v])) };
    const plan = planTop(cache, readQ, rel, 'pgrst_source', false, p);
    const body = selectSql(plan.level, plan.from, plan.where, { limit: undefined, offset: undefined });
    text =
      `with pgrst_source as (${mutation} returning t0.*${upsertInsertedFlag ? ', (t0.xmax = 0) as "pgrst_inserted"' : ''}) ` +
      `select (select count(*) from pgrst_source) as n, ` +
      `(select ${bodyExpr(r.media, p, plan.level.keys)} from (${body}) pgrst_x) as body, ` +
      `${upsertInsertedFlag ? '(select coalesce(bool_or("pgrst_inserted"), false) from pgrst_source)' : 'true'} as inserted`;
  } else if (upsertInsertedFlag) {
    // 201 or 200 depends on whether any row was inserted (xmax = 0 on a fresh row).
    text =
      `with pgrst_source as (${mutation} returning (t0.xmax = 0) as "pgrst_inserted") ` +
      `select count(*) as n, null as body, coalesce(bool_or("pgrst_inserted"), false) as inserted from pgrst_source`;
  } else if (wantLocation) {
    text =
      `with pgrst_source as (${mutation} returning ${rel.pk.map((c) => `t0.${ident(c)}`).join(', ')}) ` +
      `select count(*) as n, null as body, true as inserted, (array_agg(json_build_array(${rel.pk.map(ident).join(', ')})))[1]::text as location from pgrst_source`;
  } else {
    text = mutation;
  }

  let result: { n: number; body: string; inserted: boolean; location?: string } = { n: 0, body: '[]', inserted: true };
  await runStatement(ctx, cache, r, false, text, p.values, async (res) => {
    if (wantBody || wantLocation || upsertInsertedFlag) {
      const row = res.rows[0] as { n: string; body: string | null; inserted: boolean; location?: string };
      result = { n: Number(row.n), body: row.body ?? '[]', inserted: row.inserted, location: row.location };
    } else {
      result = { n: res.rowCount ?? 0, body: '[]', inserted: true };
    }
    if (r.prefer.handling === 'strict' && r.prefer.maxAffected !== undefined && result.n > r.prefer.maxAffected && method !== 'POST') {
      throw new ApiError(400, 'PGRST124', 'Query result exceeds max-affected preference constraint', `The query affects ${result.n} rows`);
    }
    if (r.media.kind === 'object' && result.n !== 1) throw singleError(result.n);
  });
  return mutationReply(r, rel, result, q);
}

function checkPut(rel: Relation, q: QueryParams, payload: Payload): void {
  const top = q.levels.get('') ?? { filters: [], logic: [] };
  const eqs = new Map<string, string>();
  for (const f of top.filters) {
    if (f.op !== 'eq' || f.negate || f.field.json.length || f.modifier) eqs.set('\u0000bad', '');
    else eqs.set(f.field.name, f.value as string);
  }
  if (!rel.pk.length || top.logic.length || eqs.size !== rel.pk.length || !rel.pk.every((c) => eqs.has(c))) {
    throw new ApiError(405, 'PGRST105', 'Filters must include all and only primary key columns with \'eq\' operators');
  }
  const row = (JSON.parse(payload.json) as Record<string, unknown>[])[0] ?? {};
  for (const c of rel.pk) {
    if (!(c in row) || String(row[c]) !== eqs.get(c)) {
      throw new ApiError(400, 'PGRST115', 'Payload values do not match URL in primary key column(s)');
    }
  }
}

function mutationReply(
  r: Req,
  rel: Relation,
  result: { n: number; body: string; inserted: boolean; location?: string },
  q: QueryParams,
): Reply {
  void q;
  const headers: Record<string, string> = {
    ...preferenceApplied(r.prefer, ['return', 'count', 'resolution', 'missing', 'tx', 'handling', 'max-affected']),
  };
  let status: number;
  if (r.method === 'POST') status = result.inserted || !r.prefer.resolution ? 201 : 200;
  else if (r.method === 'PUT') status = r.prefer.return === 'representation' ? (result.inserted ? 201 : 200) : 204;
  else status = r.prefer.return === 'representation' ? 200 : 204;
  headers['Content-Range'] = r.method === 'POST' ? `*/${r.prefer.count ? result.n : '*'}` : `${result.n ? `0-${result.n - 1}` : '*'}/${r.prefer.count ? result.n : '*'}`;
  if (r.prefer.return === 'headers-only' && result.location) {
    const vals = JSON.parse(result.location) as unknown[];
    headers.Location = `/${rel.name}?${rel.pk.map((c, i) => `${encodeURIComponent(c)}=eq.${encodeURIComponent(String(vals[i]))}`).join('&')}`;
  }
  if (r.prefer.return !== 'representation') {
    if (r.method !== 'POST') return { status: 204, headers };
    return { status, headers };
  }
  return shapeBody(r, status, headers, result.body, result.n);
}

// ---------------------------------------------------------------------------
// RPC

function chooseFunction(cache: SchemaCache, schema: string, name: string, argNames: string[], hasBody: boolean): Fn {
  const params = argNames.length ? ` with parameter${argNames.length > 1 ? 's' : ''} ${argNames.join(', ')}` : ' without parameters';
  const all = cache.functions.get(relKey(schema, name)) ?? [];
  const given = new Set(argNames);
  const matches = all.filter((f) => {
    if (f.args.length === 1 && f.args[0]!.name === '' && ['json', 'jsonb'].includes(f.args[0]!.type)) return hasBody;
    if (f.args.some((a) => a.name === '')) return false;
    const names = new Set(f.args.map((a) => a.name));
    return argNames.every((k) => names.has(k)) && f.args.every((a) => a.hasDefault || given.has(a.name));
  });
  // A function whose arguments are all named wins over the single-json-param form.
  const named = matches.filter((f) => !(f.args.length === 1 && f.args[0]!.name === ''));
  const pick = named.length ? named : matches;
  if (pick.length === 1) return pick[0]!;
  const sig = `${schema}.${name}(${argNames.join(', ')})`;
  if (!pick.length) {
    const close = all.length
      ? undefined
      : closest([...cache.functions.values()].flat().filter((f) => f.schema === schema).map((f) => f.name), name);
    throw new ApiError(
      404,
      'PGRST202',
      `Could not find the function ${sig} in the schema cache`,
      `Searched for the function ${schema}.${name}${params}${hasBody ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
      close ? `Perhaps you meant to call the function ${schema}.${close}` : null,
    );
  }
  throw new ApiError(
    300,
    'PGRST203',
    `Could not choose the best candidate function between: ${pick.map((f) => `${schema}.${name}(${f.args.map((a) => `${a.name} => ${a.type}`).join(', ')})`).join(', ')}`,
    null,
    'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
  );
}

function fnRelation(fn: Fn): Relation {
  if (fn.returnRel) return fn.returnRel;
  return {
    schema: fn.schema,
    name: fn.name,
    kind: 'view',
    columns: new Map(fn.outColumns.map((c, i) => [c, { name: c, type: 'unknown', baseType: 'unknown', category: 'X', nullable: true, default: null, generated: false, position: i + 1 }])),
    pk: [],
    uniques: [],
    insertable: false,
    comment: null,
  };
}

async function rpc(
  ctx: StackContext,
  cache: SchemaCache,
  r: Req,
  req: IncomingMessage,
  name: string,
  params: URLSearchParams,
): Promise<Reply> {
  const method = r.method;
  if (method === 'OPTIONS') return { status: 200, headers: { Allow: 'OPTIONS,GET,HEAD,POST' }, body: '' };
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
    throw new ApiError(405, 'PGRST101', `Cannot use the ${method} method on RPC`);
  }
  const candidates = cache.functions.get(relKey(r.schema, name)) ?? [];
  const argNamesAll = new Set(candidates.flatMap((f) => f.args.map((a) => a.name)));
  const p = new Params();
  let call: (fn: Fn) => string;
  let fn: Fn;
  let q: QueryParams;
  if (method === 'POST') {
    q = parseQuery(params);
    const raw = (await readBody(req)).toString('utf8');
    const ct = (r.headers['content-type'] ?? 'application/json').split(';')[0]!.trim().toLowerCase();
    let body: unknown;
    let bodyText = raw.trim() ? raw : '{}';
    const rawType = ({ 'text/plain': 'text', 'application/octet-stream': 'bytea', 'text/xml': 'xml' } as Record<string, string>)[ct];
    const rawFn = rawType ? candidates.find((f) => f.args.length === 1 && f.args[0]!.name === '' && f.args[0]!.type === rawType) : undefined;
    if (rawType && !rawFn) {
      throw new ApiError(415, 'PGRST107', `None of these media types are available: ${ct}`);
    }
    if (rawFn) {
      body = raw;
    } else if (ct === 'application/x-www-form-urlencoded') {
      body = Object.fromEntries(new URLSearchParams(raw));
      bodyText = JSON.stringify(body);
    } else {
      try {
        body = JSON.parse(bodyText);
      } catch (e) {
        throw new ApiError(400, 'PGRST102', `Invalid body: ${(e as Error).message}`);
      }
    }
    const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
    const keys = isObject ? Object.keys(body as object) : [];
    fn = rawFn ?? chooseFunction(cache, r.schema, name, keys, true);
    if (!rawFn && !isObject && !(fn.args.length === 1 && fn.args[0]!.name === '')) {
      throw new ApiError(400, 'PGRST102', 'Invalid body: expected a JSON object of named arguments');
    }
    call = (f) => {
      if (rawFn) return `${qualified(f)}(${p.add(rawType === 'bytea' ? raw : raw, rawType === 'bytea' ? 'text::bytea' : rawType)})`;
      if (f.args.length === 1 && f.args[0]!.name === '') return `${qualified(f)}(${p.add(bodyText, f.args[0]!.type)})`;
      const used = f.args.filter((a) => keys.includes(a.name));
      if (!used.length) return `${qualified(f)}()`;
      const jp = p.add(bodyText, 'json');
      const recType = used.map((a) => `${ident(a.name)} ${a.type}`).join(', ');
      return `${qualified(f)}(${used.map((a) => `${a.variadic ? 'variadic ' : ''}${ident(a.name)} := (select ${ident(a.name)} from json_to_record(${jp}) as pgrst_args(${recType}))`).join(', ')})`;
    };
  } else {
    // Unknown function: every non-reserved key counts as an argument (for PGRST202).
    q = parseQuery(params, (k) => !candidates.length || argNamesAll.has(k));
    const args = new Map<string, string[]>();
    for (const [k, v] of q.rest) args.set(k, [...(args.get(k) ?? []), v]);
    fn = chooseFunction(cache, r.schema, name, [...args.keys()], false);
    // As PostgREST: GET runs read-only whatever the volatility; a function that
    // writes then fails with 25006 (405).
    call = (f) =>
      `${qualified(f)}(${f.args
        .filter((a) => args.has(a.name))
        .map((a) => {
          const vals = args.get(a.name)!;
          if (a.variadic) return `variadic ${ident(a.name)} := ${p.add(vals.length === 1 && vals[0]!.startsWith('{') ? vals[0] : vals, a.type)}`;
          return `${ident(a.name)} := ${p.add(vals[vals.length - 1], a.type)}`;
        })
        .join(', ')})`;
  }
  const readOnly = method !== 'POST' || fn.volatility !== 'v';
  const strictMax = r.prefer.handling === 'strict' ? r.prefer.maxAffected : undefined;
  if (strictMax !== undefined && !fn.returnsSet) {
    throw new ApiError(400, 'PGRST128', 'Function must return SETOF or TABLE when max-affected preference is used with handling=strict');
  }
  const callSql = call(fn);
  if (fn.returnKind === 'void' || (fn.returnKind === 'scalar' && !fn.returnsSet)) {
    const text = `select ${fn.returnKind === 'void' ? `${callSql} is null` : `to_json(${callSql})::text`} as body, ${RESPONSE_GUCS}`;
    const row = (await runStatement(ctx, cache, r, readOnly, text, p.values)).rows[0] as {
      body: string | null;
      pgrst_status: string | null;
      pgrst_headers: string | null;
    };
    const applied = preferenceApplied(r.prefer, ['tx']);
    if (fn.returnKind === 'void') return applyResponseGucs({ status: 204, headers: applied }, row);
    const body = row.body ?? 'null';
    if (r.media.kind === 'csv' || r.media.kind === 'text') {
      return applyResponseGucs({ status: 200, headers: { ...applied, 'Content-Type': 'text/plain; charset=utf-8' }, body: textOf(body) }, row);
    }
    return applyResponseGucs(
      {
        status: 200,
        headers: {
          ...applied,
          'Content-Type': r.media.kind === 'object' ? 'application/vnd.pgrst.object+json; charset=utf-8' : 'application/json; charset=utf-8',
          'Content-Range': '0-0/*',
        },
        body,
      },
      row,
    );
  }
  if (fn.returnKind === 'scalar') {
    // setof scalar: an array of values; filters do not apply to unnamed columns.
    const top = q.levels.get('');
    const maxRows = ctx.config.api.maxRows;
    const limit = Math.min(top?.limit ?? maxRows, maxRows);
    const offset = top?.offset ?? 0;
    const text = `select count(*) as n, coalesce(json_agg(pgrst_s.v), '[]')::text as body from (select v from ${callSql} pgrst_s(v) limit ${p.add(limit, 'int8')} offset ${p.add(offset, 'int8')}) pgrst_s`;
    const after =
      strictMax === undefined
        ? undefined
        : async (res: pg.QueryResult) => {
            const n = Number((res.rows[0] as { n: string }).n);
            if (n > strictMax) {
              throw new ApiError(400, 'PGRST124', 'Query result exceeds max-affected preference constraint', `The query affects ${n} rows`);
            }
          };
    const row = (await runStatement(ctx, cache, r, readOnly, text, p.values, after)).rows[0] as { n: string; body: string };
    return readReply(r, { n: Number(row.n), body: row.body }, offset, `/rpc/${name}`, q);
  }
  const rel = fnRelation(fn);
  const reply = await readSource(ctx, cache, r, rel, callSql, q, p, `/rpc/${name}`, { readOnly, single: !fn.returnsSet, maxAffected: strictMax });
  if (!fn.returnsSet && reply.status < 300 && r.media.kind === 'json' && reply.body !== undefined) {
    // A function returning one row (not SETOF) answers with the object itself.
    const arr = JSON.parse(reply.body) as unknown[];
    reply.body = JSON.stringify(arr[0] ?? null);
  }
  return reply;
}

function textOf(jsonText: string): string {
  const v = JSON.parse(jsonText) as unknown;
  return typeof v === 'string' ? v : jsonText;
}
