// One PostgREST request: route, negotiate, authenticate, plan, run as one transaction
// on the authenticator pool as the caller's role, and answer with PostgREST's status
// codes and headers (App.hs, ApiRequest.hs, MainTx.hs, Response.hs).
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import type { StackContext } from '../context.ts';
import { BodyTooLargeError, readBody } from '../http.ts';
import { verifyJwt, type JwtClaims } from '../jwt.ts';
import { errors, fromPgError, isPgError, jwtError, RestError } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { runPipeline, type PipelineRows, type Statement } from './pipeline.ts';
import { parseQueryParams, type QueryParams, type Range } from './parser.ts';
import {
  bestMatch,
  buildReadPlan,
  resolveLogic,
  resolveRootFilter,
  restrictRange,
  returningColumns,
  type CLogic,
  type ReadNode,
} from './plan.ts';
import {
  decodeMediaType,
  parseAccept,
  parsePrefer,
  preferenceApplied,
  toMime,
  type MediaType,
  type Preferences,
} from './prefer.ts';
import { qiKey, routineTableName, type Routine, type RoutineParam, type SchemaCache, type Table } from './schema.ts';
import {
  explainCount,
  ident,
  mainCall,
  mainRead,
  mainWrite,
  type CallArgs,
  type Handler,
  type MutationColumn,
  type ReadStatement,
} from './sql.ts';

interface Auth {
  role: string;
  claims: Record<string, unknown>;
}

interface Prepared {
  statement: ReadStatement;
  readOnly: boolean;
  handler: Handler;
  media: MediaType;
  /** Extra statement for planned/estimated counts. */
  explain?: ReadStatement;
  topRange: Range;
  kind: 'read' | 'rpc';
  routine?: Routine;
  relName: string;
  funcSettings: [string, string][];
  headOnly: boolean;
  /** Content-Location of reads. */
  location?: string;
}

const SINGLE_UNNAMED_TYPES: Record<string, string[]> = {
  json: ['json', 'jsonb'],
  text: ['text'],
  xml: ['xml'],
  octet: ['bytea'],
};

function contentTypeFor(m: MediaType): string {
  const mime = m.kind === 'any' ? 'application/json' : toMime(m);
  return m.kind === 'octet' || m.kind === 'other' ? mime : `${mime}; charset=utf-8`;
}

/** The PostgREST service state: schema cache, plan cache, pools. */
export class RestApi {
  cache: SchemaCache | undefined;
  private planCache = new Map<string, Prepared>();
  private statementNames = new Map<string, string>();
  private jwtCache = new Map<string, { auth: Auth; exp?: number; nbf?: number }>();

  constructor(private readonly ctx: StackContext) {}

  setCache(c: SchemaCache): void {
    this.cache = c;
    this.planCache.clear();
  }

  // ---- entry ----------------------------------------------------------------------

  async handle(req: IncomingMessage, res: ServerResponse, subpath: string): Promise<void> {
    try {
      await this.route(req, res, subpath);
    } catch (e) {
      const err = e instanceof RestError ? e : this.unexpected(e);
      this.sendError(res, err);
    }
  }

  private unexpected(e: unknown): RestError {
    if (e instanceof BodyTooLargeError) return errors.invalidBody(e.message);
    if (isPgError(e)) return fromPgError(e, true);
    this.ctx.log('rest', `unexpected: ${(e as Error)?.stack ?? String(e)}`);
    return new RestError(500, 'PGRSTX00', (e as Error)?.message ?? 'Internal error');
  }

  sendError(res: ServerResponse, err: RestError, extra: Record<string, string> = {}): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = JSON.stringify(err.body());
    res.writeHead(err.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Proxy-Status': `PostgREST; error=${err.code}`,
      ...err.headers,
      ...extra,
    });
    res.end(res.req?.method === 'HEAD' ? undefined : body);
  }

  private async route(req: IncomingMessage, res: ServerResponse, subpath: string): Promise<void> {
    const cache = this.cache;
    if (!cache) throw errors.schemaCacheNotReady();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const qi = url.indexOf('?');
    const rawQuery = qi < 0 ? '' : url.slice(qi + 1);
    const segments = subpath.replace(/^\//, '').split('/');
    let decoded: string[];
    try {
      decoded = segments.map((s) => decodeURIComponent(s));
    } catch {
      throw errors.invalidResourcePath();
    }

    let resource: { kind: 'root' } | { kind: 'table'; name: string } | { kind: 'rpc'; name: string };
    if (subpath === '' || subpath === '/') resource = { kind: 'root' };
    else if (decoded.length === 1) resource = { kind: 'table', name: decoded[0]! };
    else if (decoded.length === 2 && decoded[0] === 'rpc') resource = { kind: 'rpc', name: decoded[1]! };
    else throw errors.invalidResourcePath();

    if (resource.kind === 'rpc' && !['GET', 'HEAD', 'POST', 'OPTIONS'].includes(method)) {
      throw errors.invalidRpcMethod(method);
    }
    const tableMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
    if (resource.kind === 'table' && !tableMethods.includes(method)) throw errors.unsupportedMethod(method);
    if (resource.kind === 'root' && !['GET', 'HEAD', 'OPTIONS'].includes(method)) {
      throw errors.unsupportedMethod(method);
    }

    // Schema from the profile headers.
    const schemas = this.ctx.config.api.schemas;
    const profileHeader = ['DELETE', 'PATCH', 'POST', 'PUT'].includes(method)
      ? req.headers['content-profile']
      : req.headers['accept-profile'];
    const profile = Array.isArray(profileHeader) ? profileHeader[0] : profileHeader;
    if (profile !== undefined && !schemas.includes(profile)) throw errors.unacceptableSchema(profile, schemas);
    const schema = profile ?? schemas[0] ?? 'public';
    const negotiated = profile !== undefined || schemas.length !== 1;
    const profileHeaders: Record<string, string> = negotiated ? { 'Content-Profile': schema } : {};

    if (method === 'OPTIONS') {
      this.options(res, cache, schema, resource);
      return;
    }

    const auth = this.authenticate(req);
    const prefs = parsePrefer(req.headers.prefer);
    const accepts = parseAccept(req.headers.accept);

    if (resource.kind === 'root') {
      if (!accepts.some((a) => a.kind === 'openapi' || a.kind === 'json' || a.kind === 'any')) {
        throw errors.mediaType(accepts.map(toMime));
      }
      const doc = JSON.stringify(openApiDocument(cache, schema, this.ctx.config.apiUrl));
      res.writeHead(200, {
        'Content-Type': 'application/openapi+json; charset=utf-8',
        ...(method === 'HEAD' ? {} : { 'Content-Length': Buffer.byteLength(doc) }),
        ...profileHeaders,
      });
      res.end(method === 'HEAD' ? undefined : doc);
      return;
    }

    if (prefs.handling === 'strict' && prefs.invalid.length) throw errors.invalidPreferences(prefs.invalid);

    if (resource.kind === 'table' && (method === 'GET' || method === 'HEAD')) {
      await this.read(req, res, cache, schema, resource.name, rawQuery, method, auth, prefs, accepts, profileHeaders);
    } else if (resource.kind === 'table') {
      await this.mutate(req, res, cache, schema, resource.name, rawQuery, method, auth, prefs, accepts, profileHeaders);
    } else {
      await this.rpc(req, res, cache, schema, resource.name, rawQuery, method, auth, prefs, accepts, profileHeaders);
    }
  }

  private options(
    res: ServerResponse,
    cache: SchemaCache,
    schema: string,
    resource: { kind: 'root' } | { kind: 'table'; name: string } | { kind: 'rpc'; name: string },
  ): void {
    let allow = 'OPTIONS,GET,HEAD';
    if (resource.kind === 'table') {
      const t = this.findTable(cache, schema, resource.name);
      allow = [
        'OPTIONS,GET,HEAD',
        t.insertable && 'POST',
        t.insertable && t.updatable && t.pk.length > 0 && 'PUT',
        t.updatable && 'PATCH',
        t.deletable && 'DELETE',
      ]
        .filter(Boolean)
        .join(',');
    } else if (resource.kind === 'rpc') {
      const rs = cache.routines.get(qiKey(schema, resource.name));
      if (!rs?.length) throw this.noRpc(cache, schema, resource.name, [], 'json', false);
      allow = rs[0]!.volatility === 'v' ? 'OPTIONS,POST' : 'OPTIONS,GET,HEAD,POST';
    }
    res.writeHead(200, { 'Content-Length': 0, Allow: allow });
    res.end();
  }

  // ---- auth ------------------------------------------------------------------------

  private authenticate(req: IncomingMessage): Auth {
    const h = req.headers.authorization;
    const m = h ? /^bearer(?:\s+(.*))?$/i.exec(h.trim()) : null;
    if (!m) return { role: 'anon', claims: {} };
    const token = (m[1] ?? '').trim();
    if (token === '') throw jwtError('PGRST301', 'Empty JWT is sent in Authorization header');
    // PostgREST's JWT cache: a verified token's claims are kept until it expires (the
    // time claims are still checked on every use).
    const cached = this.jwtCache.get(token);
    const nowSec = Date.now() / 1000;
    if (
      cached &&
      (cached.exp === undefined || nowSec - 30 < cached.exp) &&
      (cached.nbf === undefined || nowSec + 30 >= cached.nbf)
    ) {
      return cached.auth;
    }
    const r = verifyJwt(token, this.ctx.config.jwtSecret, 30);
    if (!r.ok) {
      if (r.failure === 'expired' || r.failure === 'not_yet_valid' || r.failure === 'issued_in_future') {
        throw jwtError('PGRST303', r.message);
      }
      throw jwtError('PGRST301', r.message);
    }
    const claims = r.claims as JwtClaims;
    for (const k of ['exp', 'nbf', 'iat'] as const) {
      if (claims[k] !== undefined && claims[k] !== null && typeof claims[k] !== 'number') {
        throw jwtError('PGRST303', `The JWT '${k}' claim must be a number`);
      }
    }
    const aud = claims.aud;
    if (
      aud !== undefined &&
      typeof aud !== 'string' &&
      !(Array.isArray(aud) && aud.every((a) => typeof a === 'string'))
    ) {
      throw jwtError('PGRST303', "The JWT 'aud' claim must be a string or an array of strings");
    }
    const roleClaim = claims.role;
    const role =
      roleClaim === undefined ? 'anon' : typeof roleClaim === 'string' ? roleClaim : JSON.stringify(roleClaim);
    const auth = { role, claims };
    if (this.jwtCache.size >= 1000) this.jwtCache.delete(this.jwtCache.keys().next().value!);
    this.jwtCache.set(token, {
      auth,
      exp: typeof claims.exp === 'number' ? claims.exp : undefined,
      nbf: typeof claims.nbf === 'number' ? claims.nbf : undefined,
    });
    return auth;
  }

  // ---- helpers ---------------------------------------------------------------------

  private findTable(cache: SchemaCache, schema: string, name: string): Table {
    const t = cache.tables.get(qiKey(schema, name));
    if (t) return t;
    const names = [...cache.tables.values()].filter((x) => x.schema === schema).map((x) => x.name);
    throw errors.tableNotFound(schema, name, bestMatch(name, names, 0.6));
  }

  private topRange(method: string, qp: QueryParams, req: IncomingMessage): Range {
    if (qp.negativeLimit) throw errors.negativeLimit();
    const limitParam = qp.ranges.find((r) => r.path.length === 0)?.range ?? { offset: 0 };
    if (method !== 'GET') return limitParam;
    const header = req.headers.range;
    if (typeof header !== 'string') return limitParam;
    const m = /^([0-9]+)-([0-9]*)$/.exec(header.replace(/^items=/, ''));
    if (!m) return limitParam;
    const lower = Number(m[1]);
    const upper = m[2] === '' ? undefined : Number(m[2]);
    if (upper !== undefined && upper < lower) {
      // A limit of 0 in the query string allows the empty range.
      if (limitParam.limit === 0) return limitParam;
      throw errors.lowerGtUpper();
    }
    if (limitParam.limit === 0) return { offset: limitParam.offset, limit: 0 };
    // Intersect [lower, upper] with [offset, offset + limit - 1].
    const lo = Math.max(lower, limitParam.offset);
    const hiA = upper ?? Infinity;
    const hiB = limitParam.limit === undefined ? Infinity : limitParam.offset + limitParam.limit - 1;
    const hi = Math.min(hiA, hiB);
    if (hi < lo) throw errors.lowerGtUpper();
    return { offset: lo, limit: hi === Infinity ? undefined : hi - lo + 1 };
  }

  /** Picks the first acceptable media type (Negotiate.hs). */
  private negotiate(
    accepts: MediaType[],
    forMutation: boolean,
    scalarRpc = false,
  ): { handler: Handler; media: MediaType } {
    for (const m of accepts) {
      switch (m.kind) {
        case 'object':
          return { handler: m.stripNulls ? 'singleStrip' : 'single', media: m };
        case 'arrayStrip':
          return { handler: 'jsonStrip', media: m };
        case 'json':
        case 'any':
          return { handler: 'json', media: { kind: 'json' } };
        case 'csv':
          if (!scalarRpc) return { handler: 'csv', media: m };
          break;
        default:
          break;
      }
    }
    void forMutation;
    throw errors.mediaType(accepts.map(toMime));
  }

  private statementName(text: string, client: pg.PoolClient): string | undefined {
    // Named (prepared) statements skip parse/analyze on repeated shapes; only shapes seen
    // twice are named, and never too many per connection.
    const known = this.statementNames.get(text);
    if (known === undefined) {
      if (this.statementNames.size > 2000) this.statementNames.clear();
      this.statementNames.set(text, '');
      return undefined;
    }
    const parsed = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection
      ?.parsedStatements;
    if (known && parsed && known in parsed) return known;
    if (parsed && Object.keys(parsed).length > 500) return undefined;
    if (known) return known;
    const name = `pgrst_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    this.statementNames.set(text, name);
    return name;
  }

  /** The per-request settings (PreQuery.txVarQuery), one statement. */
  private txVars(
    cache: SchemaCache,
    req: IncomingMessage,
    auth: Auth,
    schema: string,
    path: string,
    prefs: Preferences,
    funcSettings: [string, string][],
    readOnly: boolean,
  ): Statement {
    const params: (string | null)[] = [];
    const p = (v: string) => {
      params.push(v);
      return `$${params.length}`;
    };
    const parts: string[] = [];
    const searchPath = [schema, ...this.ctx.config.api.extraSearchPath].map(ident).join(', ');
    parts.push(`set_config('search_path', ${p(searchPath)}, true)`);
    for (const [k, v] of cache.roleSettings.get(auth.role) ?? []) parts.push(`set_config(${p(k)}, ${p(v)}, true)`);
    parts.push(`set_config('role', ${p(auth.role)}, true)`);
    parts.push(`set_config('request.jwt.claims', ${p(JSON.stringify({ ...auth.claims, role: auth.role }))}, true)`);
    parts.push(`set_config('request.method', ${p(req.method ?? 'GET')}, true)`);
    parts.push(`set_config('request.path', ${p(path)}, true)`);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined || k === 'cookie') continue;
      headers[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    parts.push(`set_config('request.headers', ${p(JSON.stringify(headers))}, true)`);
    const cookies: Record<string, string> = {};
    for (const c of (req.headers.cookie ?? '').split(';')) {
      const i = c.indexOf('=');
      if (i > 0) cookies[c.slice(0, i).trim()] = c.slice(i + 1).trim();
    }
    parts.push(`set_config('request.cookies', ${p(JSON.stringify(cookies))}, true)`);
    if (prefs.timezone !== undefined) parts.push(`set_config('timezone', ${p(prefs.timezone)}, true)`);
    for (const [k, v] of funcSettings) parts.push(`set_config(${p(k)}, ${p(v)}, true)`);
    // Reads run in the implicit transaction of one pipeline: made read-only here.
    if (readOnly) parts.push(`set_config('transaction_read_only', 'on', true)`);
    return { text: `select ${parts.join(', ')}`, values: params };
  }

  /**
   * Runs the request as the caller in one transaction. Reads: the settings and the
   * statements in one pipeline, one implicit read-only transaction, one round trip.
   * Writes: BEGIN + settings + statements in one pipeline, then COMMIT or ROLLBACK once
   * `check` has seen the result (406 single-object failures, max-affected, tx=rollback).
   * When `check` cannot refuse (`canRefuse` false), COMMIT goes in the same pipeline:
   * row locks taken by the write are then held for the database's work only, not also
   * for a round trip through a busy event loop (hot rows such as a stock level).
   */
  private async execute(
    auth: Auth,
    readOnly: boolean,
    txVars: Statement,
    statements: Statement[],
    check: (rows: PipelineRows) => { rollback: boolean },
    canRefuse = true,
  ): Promise<PipelineRows> {
    let client: pg.PoolClient;
    try {
      client = await this.ctx.authenticatorPool.connect();
    } catch (e) {
      throw errors.connection((e as Error).message);
    }
    const named = (s: Statement): Statement => ({ ...s, name: this.statementName(s.text, client) });
    let broken = false;
    let inTx = false;
    try {
      if (readOnly) {
        const rows = await runPipeline(client, [named(txVars), ...statements.map(named)]);
        const out = rows.slice(1);
        check(out);
        return out;
      }
      inTx = true;
      if (!canRefuse) {
        const rows = await runPipeline(client, [BEGIN, named(txVars), ...statements.map(named), COMMIT]);
        inTx = false;
        const out = rows.slice(2, 2 + statements.length);
        check(out);
        return out;
      }
      const rows = await runPipeline(client, [BEGIN, named(txVars), ...statements.map(named)]);
      const out = rows.slice(2);
      const { rollback } = check(out);
      inTx = false;
      await client.query(rollback ? 'ROLLBACK' : 'COMMIT');
      return out;
    } catch (e) {
      if (inTx) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
      }
      if (e instanceof RestError) throw e;
      if (isPgError(e)) throw fromPgError(e, auth.role !== 'anon');
      broken = true;
      throw errors.connection((e as Error).message);
    } finally {
      client.release(broken);
    }
  }

  private gucOverrides(
    row: { headers: string | null; status: string | null },
    status: number,
    headers: Record<string, string | string[]>,
  ): { status: number; headers: Record<string, string | string[]> } {
    let st = status;
    const out = { ...headers };
    const gs = row.status;
    if (gs !== null && gs !== undefined) {
      const n = Number.parseInt(gs, 10);
      if (!/^\s*\d+/.test(gs) || n < 100 || n > 599) throw errors.gucStatus();
      st = n;
    }
    const gh = row.headers;
    if (gh !== null && gh !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(gh);
      } catch {
        throw errors.gucHeaders();
      }
      if (!Array.isArray(parsed)) throw errors.gucHeaders();
      for (const h of parsed) {
        if (!h || typeof h !== 'object' || Object.keys(h).length !== 1) throw errors.gucHeaders();
        const [k, v] = Object.entries(h as Record<string, unknown>)[0]!;
        if (typeof v !== 'string') throw errors.gucHeaders();
        // GUC headers do not replace ones PostgREST set itself.
        if (!Object.keys(out).some((x) => x.toLowerCase() === k.toLowerCase())) out[k] = v;
      }
    }
    return { status: st, headers: out };
  }

  private send(
    res: ServerResponse,
    status: number,
    headers: Record<string, string | string[]>,
    body: string | undefined,
    head = false,
  ): void {
    const h: Record<string, string | string[] | number> = { ...headers };
    if (body !== undefined && !head) h['Content-Length'] = Buffer.byteLength(body);
    else if (!head && status !== 204 && status !== 304) h['Content-Length'] = 0;
    res.writeHead(status, h);
    res.end(head ? undefined : body);
  }

  // ---- reads -----------------------------------------------------------------------

  private prepareRead(
    cache: SchemaCache,
    schema: string,
    name: string,
    rawQuery: string,
    method: string,
    req: IncomingMessage,
    prefs: Preferences,
    accepts: MediaType[],
  ): Prepared {
    const table = this.findTable(cache, schema, name);
    const qp = parseQueryParams(rawQuery, false);
    const topRange = this.topRange(method, qp, req);
    const maxRows = this.ctx.config.api.maxRows;
    const tree = buildReadPlan(
      cache,
      { schema, name: table.name },
      {
        schema,
        action: 'read',
        qp,
        topRange,
        maxRows,
        aggregatesEnabled: cache.aggregatesEnabled,
      },
    );
    const neg = this.negotiate(accepts, false);
    const headOnly = method === 'HEAD';
    const handler: Handler = headOnly ? 'none' : neg.handler;
    const exactish = prefs.count === 'exact' || prefs.count === 'estimated' ? prefs.count : undefined;
    const statement = mainRead(tree, handler, exactish, maxRows);
    const explain = prefs.count === 'planned' || prefs.count === 'estimated' ? explainCount(tree) : undefined;
    return {
      statement,
      readOnly: true,
      handler,
      media: neg.media,
      explain,
      topRange: tree.range,
      kind: 'read',
      relName: name,
      funcSettings: [],
      headOnly,
      location: `/${name}${qp.canonical ? `?${qp.canonical}` : ''}`,
    };
  }

  private async read(
    req: IncomingMessage,
    res: ServerResponse,
    cache: SchemaCache,
    schema: string,
    name: string,
    rawQuery: string,
    method: string,
    auth: Auth,
    prefs: Preferences,
    accepts: MediaType[],
    profileHeaders: Record<string, string>,
  ): Promise<void> {
    const key = `${cache.version}\u0000${method}\u0000${schema}\u0000${name}\u0000${rawQuery}\u0000${req.headers.accept ?? ''}\u0000${
      req.headers.prefer ?? ''
    }\u0000${req.headers.range ?? ''}`;
    let prep = this.planCache.get(key);
    if (!prep) {
      prep = this.prepareRead(cache, schema, name, rawQuery, method, req, prefs, accepts);
      this.remember(key, prep);
    }
    await this.executeRead(req, res, cache, schema, prep, auth, prefs, profileHeaders, {
      'Content-Location': prep.location!,
    });
  }

  private remember(key: string, prep: Prepared): void {
    if (this.planCache.size >= 500) {
      const first = this.planCache.keys().next().value;
      if (first !== undefined) this.planCache.delete(first);
    }
    this.planCache.set(key, prep);
  }

  private async executeRead(
    req: IncomingMessage,
    res: ServerResponse,
    cache: SchemaCache,
    schema: string,
    prep: Prepared,
    auth: Auth,
    prefs: Preferences,
    profileHeaders: Record<string, string>,
    extraHeaders: Record<string, string>,
  ): Promise<void> {
    const path = requestPath(req);
    const tx = this.txVars(cache, req, auth, schema, path, prefs, prep.funcSettings, prep.readOnly);
    const maxRows = this.ctx.config.api.maxRows;
    const statements: Statement[] = [{ text: prep.statement.text, values: prep.statement.params }];
    if (prep.explain) statements.push({ text: prep.explain.text, values: prep.explain.params });
    const rows = await this.execute(
      auth,
      prep.readOnly,
      tx,
      statements,
      (out) => {
        const f = out[0]?.[0];
        const pageTotal = Number(f?.[1] ?? 0);
        if (prep.media.kind === 'object' && pageTotal !== 1) {
          throw errors.singularity(pageTotal);
        }
        if (
          prep.kind === 'rpc' &&
          prefs.handling === 'strict' &&
          prefs.maxAffected !== undefined &&
          pageTotal > prefs.maxAffected
        ) {
          throw errors.maxAffected(pageTotal);
        }
        return { rollback: prefs.tx === 'rollback' };
      },
      prep.media.kind === 'object' ||
        prefs.tx === 'rollback' ||
        (prep.kind === 'rpc' && prefs.handling === 'strict' && prefs.maxAffected !== undefined),
    );
    const f = rows[0]?.[0] ?? [null, '0', '', null, null];
    const row = { total: f[0], pageTotal: f[1], body: f[2], headers: f[3] ?? null, status: f[4] ?? null };
    let explainTotal: number | undefined;
    if (prep.explain) {
      const plan = rows[1]?.[0]?.[0];
      const planRows = plan
        ? (JSON.parse(plan) as { Plan?: { 'Plan Rows'?: number } }[])[0]?.Plan?.['Plan Rows']
        : undefined;
      if (typeof planRows === 'number') explainTotal = planRows;
    }

    const pageTotal = Number(row.pageTotal);
    let total: number | undefined = row.total === null ? undefined : Number(row.total);
    if (prefs.count === 'planned') total = explainTotal;
    else if (prefs.count === 'estimated' && total !== undefined && total > maxRows && explainTotal !== undefined) {
      total = Math.max(total, explainTotal);
    }
    const lower = prep.topRange.offset;
    const upper = lower + pageTotal - 1;
    const contentRange = `${total !== 0 && lower <= upper ? `${lower}-${upper}` : '*'}/${total ?? '*'}`;
    let status = 200;
    if (total !== undefined) {
      if (lower > total) status = 416;
      else if (1 + upper - lower < total) status = 206;
    }
    const applied = preferenceApplied({
      count: prefs.count,
      tx: prefs.tx,
      handling: prefs.handling,
      timezone: prefs.timezone,
      maxAffected: prep.kind === 'rpc' ? prefs.maxAffected : undefined,
    });
    const headers: Record<string, string | string[]> = {
      'Content-Range': contentRange,
      ...extraHeaders,
      ...(applied ? { 'Preference-Applied': applied } : {}),
    };
    if (status === 416) {
      const err = errors.outOfBounds(lower, total ?? 0);
      this.sendError(res, err, { 'Content-Range': contentRange });
      return;
    }
    const voidRpc = prep.routine && isVoid(prep.routine);
    if (voidRpc) {
      const o = this.gucOverrides(row, 204, headers);
      this.send(res, o.status, o.headers, undefined);
      return;
    }
    Object.assign(headers, { 'Content-Type': contentTypeFor(prep.media), ...profileHeaders });
    const o = this.gucOverrides(row, status, headers);
    const body = prep.headOnly ? undefined : (row.body ?? '');
    this.send(res, o.status, o.headers, body ?? (prep.headOnly ? undefined : ''), prep.headOnly);
  }

  // ---- payloads --------------------------------------------------------------------

  private async payload(
    req: IncomingMessage,
    qp: QueryParams,
    isRpc: boolean,
  ): Promise<{
    contentType: MediaType;
    raw: Buffer;
    json?: string;
    keys: string[];
    form?: [string, string][];
  }> {
    const ctHeader = req.headers['content-type'];
    const contentType = ctHeader ? decodeMediaType(ctHeader) : ({ kind: 'json' } as MediaType);
    const raw = await readBody(req, 100 * 1024 * 1024);
    const text = raw.toString('utf8');
    switch (contentType.kind) {
      case 'json': {
        if (qp.columns) return { contentType, raw, json: text, keys: qp.columns };
        let parsed: unknown;
        if (text.trim() === '' && isRpc) parsed = {};
        else {
          try {
            parsed = JSON.parse(text);
          } catch {
            throw errors.invalidBody('Empty or invalid json');
          }
        }
        return { contentType, raw, ...payloadAttributes(parsed, text) };
      }
      case 'csv': {
        const rows = parseCsv(text);
        const json = JSON.stringify(rows);
        return { contentType, raw, ...payloadAttributes(rows, json, 'All lines must have same number of fields') };
      }
      case 'urlencoded': {
        const form = [...new URLSearchParams(text)] as [string, string][];
        if (isRpc) return { contentType, raw, keys: [...new Set(form.map(([k]) => k))], form };
        const obj = Object.fromEntries(form);
        return { contentType, raw, json: JSON.stringify(obj), keys: Object.keys(obj) };
      }
      case 'text':
      case 'xml':
      case 'octet':
        if (isRpc) return { contentType, raw, keys: [] };
        break;
      default:
        break;
    }
    throw errors.invalidBody(`Content-Type not acceptable: ${toMime(contentType)}`);
  }

  // ---- mutations -------------------------------------------------------------------

  private async mutate(
    req: IncomingMessage,
    res: ServerResponse,
    cache: SchemaCache,
    schema: string,
    name: string,
    rawQuery: string,
    method: string,
    auth: Auth,
    prefs: Preferences,
    accepts: MediaType[],
    profileHeaders: Record<string, string>,
  ): Promise<void> {
    const table = this.findTable(cache, schema, name);
    const qp = parseQueryParams(rawQuery, false);
    if (qp.negativeLimit) throw errors.negativeLimit();
    const top = qp.ranges.find((r) => r.path.length === 0)?.range;
    if (method === 'PUT' && top && (top.offset !== 0 || top.limit !== undefined)) throw errors.putLimit();
    const tree = buildReadPlan(
      cache,
      { schema, name },
      {
        schema,
        action: 'mutate',
        qp,
        topRange: { offset: 0 },
        maxRows: undefined,
        aggregatesEnabled: cache.aggregatesEnabled,
      },
    );
    const qiTable = { schema, name };
    const rootFilters = qp.filters.filter((f) => f.path.length === 0);
    const rootLogic = qp.logic.filter((l) => l.path.length === 0);
    const where: CLogic[] = [
      ...rootFilters.map((f) => resolveRootFilter(cache, qiTable, f.filter)),
      ...rootLogic.map((l) => resolveLogic(cache, qiTable, l.tree)),
    ];
    const rep = prefs.return;
    const neg = this.negotiate(accepts, true);
    const handler: Handler = rep === 'representation' ? neg.handler : 'none';
    const returning = rep === 'representation' || rep === 'headers-only' ? returningColumns(tree, table.pk) : [];

    let payload: Awaited<ReturnType<RestApi['payload']>> | undefined;
    if (method !== 'DELETE') payload = await this.payload(req, qp, false);
    const columns = (keys: string[]): MutationColumn[] =>
      keys.map((k) => {
        const c = table.columns.get(k);
        if (!c) throw errors.columnNotFound(table.name, k);
        return { name: c.name, type: c.type, default: c.default };
      });
    const applyDefaults = prefs.missing === 'default';

    let mutation: Parameters<typeof mainWrite>[0];
    if (method === 'POST') {
      const onConflictCols = qp.onConflict ?? table.pk;
      mutation = {
        kind: 'insert',
        qi: qiTable,
        columns: columns(payload!.keys),
        body: payload!.json ?? '[]',
        onConflict: prefs.resolution
          ? { resolution: prefs.resolution === 'merge-duplicates' ? 'merge' : 'ignore', columns: onConflictCols }
          : undefined,
        putConditions: [],
        returning,
        applyDefaults,
      };
    } else if (method === 'PUT') {
      const pk = new Set(table.pk);
      const filterFields = new Set(rootFilters.map((f) => f.filter.field.name));
      const ok =
        qp.logic.length === 0 &&
        pk.size > 0 &&
        filterFields.size === pk.size &&
        [...pk].every((k) => qp.filterFields.has(k)) &&
        qp.filterFields.size === pk.size &&
        rootFilters.every(
          (f) =>
            !f.filter.expr.not &&
            f.filter.expr.op.kind === 'quant' &&
            f.filter.expr.op.op === 'eq' &&
            !f.filter.expr.op.quant,
        );
      if (!ok) throw errors.invalidFilters();
      mutation = {
        kind: 'insert',
        qi: qiTable,
        columns: columns(payload!.keys),
        body: payload!.json ?? '[]',
        onConflict: { resolution: 'merge', columns: table.pk },
        putConditions: where,
        returning,
        applyDefaults: false,
      };
    } else if (method === 'PATCH') {
      const cols = columns(payload!.keys);
      // pg-safeupdate (session_preload_libraries on Supabase's authenticator).
      if (cols.length > 0 && where.length === 0) {
        throw new RestError(400, '21000', 'UPDATE requires a WHERE clause');
      }
      mutation = {
        kind: 'update',
        qi: qiTable,
        columns: cols,
        body: payload!.json ?? '{}',
        where,
        returning,
        applyDefaults,
      };
    } else {
      if (where.length === 0) throw new RestError(400, '21000', 'DELETE requires a WHERE clause');
      mutation = { kind: 'delete', qi: qiTable, where, returning };
    }

    const stmt = mainWrite(mutation, tree, handler, { headersOnly: rep === 'headers-only', pk: table.pk });
    const path = requestPath(req);
    const tx = this.txVars(cache, req, auth, schema, path, prefs, [], false);
    const rows = await this.execute(
      auth,
      false,
      tx,
      [{ text: stmt.text, values: stmt.params }],
      (out) => {
        const pageTotal = Number(out[0]?.[0]?.[1] ?? 0);
        if (method === 'PUT' && pageTotal !== 1) throw errors.putMatchingPk();
        if (neg.media.kind === 'object' && pageTotal !== 1 && method !== 'PUT') {
          throw errors.singularity(pageTotal);
        }
        if (
          (method === 'PATCH' || method === 'DELETE') &&
          prefs.handling === 'strict' &&
          prefs.maxAffected !== undefined &&
          pageTotal > prefs.maxAffected
        ) {
          throw errors.maxAffected(pageTotal);
        }
        return { rollback: prefs.tx === 'rollback' };
      },
      method === 'PUT' ||
        neg.media.kind === 'object' ||
        prefs.tx === 'rollback' ||
        ((method === 'PATCH' || method === 'DELETE') && prefs.handling === 'strict' && prefs.maxAffected !== undefined),
    );
    const f = rows[0]?.[0] ?? [null, '0', '[]', '', null, null, null];
    const row = {
      pageTotal: f[1],
      header: f[2],
      body: f[3],
      headers: f[4] ?? null,
      status: f[5] ?? null,
      inserted: f[6] ?? null,
    };

    const pageTotal = Number(row.pageTotal);
    // Response.hs: only exact/estimated counts fill the total of a mutation's Content-Range.
    const counted = prefs.count === 'exact' || prefs.count === 'estimated';
    const totalStr = counted ? String(pageTotal) : '*';
    const applied = preferenceApplied({
      resolution: method === 'POST' && (table.pk.length > 0 || qp.onConflict) ? prefs.resolution : undefined,
      missing: method === 'POST' || method === 'PATCH' ? prefs.missing : undefined,
      return: prefs.return,
      count: prefs.count,
      tx: prefs.tx,
      handling: prefs.handling,
      timezone: prefs.timezone,
      maxAffected: method === 'PATCH' || method === 'DELETE' ? prefs.maxAffected : undefined,
    });
    const headers: Record<string, string | string[]> = applied ? { 'Preference-Applied': applied } : {};
    const body = row.body ?? '';
    const withBody = () => ({ 'Content-Type': contentTypeFor(neg.media), ...profileHeaders });
    let status: number;
    let sendBody: string | undefined;
    if (method === 'POST') {
      const loc = row.header ? ((JSON.parse(row.header) as string[] | null) ?? []) : [];
      if (loc.length) {
        headers.Location = `/${encodeURIComponent(name)}?${loc
          .map((kv) => {
            const i = kv.indexOf('=');
            return `${encodeQueryPart(kv.slice(0, i))}=${encodeQueryPart(kv.slice(i + 1))}`;
          })
          .join('&')}`;
      }
      headers['Content-Range'] = `*/${totalStr}`;
      const inserted = row.inserted === null ? undefined : Number(row.inserted);
      status = inserted !== undefined && inserted <= 0 && prefs.resolution === 'merge-duplicates' ? 200 : 201;
      if (rep === 'representation') {
        Object.assign(headers, withBody());
        sendBody = body;
      }
    } else if (method === 'PUT') {
      const inserted = Number(row.inserted ?? 0);
      if (rep === 'representation') {
        status = inserted > 0 ? 201 : 200;
        Object.assign(headers, withBody());
        sendBody = body;
      } else status = 204;
    } else {
      headers['Content-Range'] =
        method === 'PATCH'
          ? `${!(counted && pageTotal === 0) && pageTotal >= 1 ? `0-${pageTotal - 1}` : '*'}/${totalStr}`
          : `*/${totalStr}`;
      if (rep === 'representation') {
        status = 200;
        Object.assign(headers, withBody());
        sendBody = body;
      } else status = 204;
    }
    const o = this.gucOverrides(row, status, headers);
    this.send(res, o.status, o.headers, sendBody);
  }

  // ---- RPC -------------------------------------------------------------------------

  private noRpc(
    cache: SchemaCache,
    schema: string,
    name: string,
    keys: string[],
    contentType: MediaType['kind'],
    isInvPost: boolean,
  ): RestError {
    const func = `${schema}.${name}`;
    const onlySingle = isInvPost && ['text', 'xml', 'octet'].includes(contentType);
    const fmt = (p: string) => (keys.length === 0 ? ' without parameters' : p);
    const message = `Could not find the function ${func}${onlySingle ? '' : fmt(`(${keys.join(', ')})`)} in the schema cache`;
    const prmsDet = ` with parameter${keys.length > 1 ? 's ' : ' '}${keys.join(', ')}`;
    let det: string;
    if (isInvPost && contentType === 'text') det = ' with a single unnamed text parameter';
    else if (isInvPost && contentType === 'xml') det = ' with a single unnamed xml parameter';
    else if (isInvPost && contentType === 'octet') det = ' with a single unnamed bytea parameter';
    else if (isInvPost && contentType === 'json') det = `${fmt(prmsDet)} or with a single unnamed json/jsonb parameter`;
    else det = fmt(prmsDet);
    const details = `Searched for the function ${func}${det}, but no matches were found in the schema cache.`;
    let hint: string | null = null;
    if (!onlySingle) {
      const overloads = cache.routines.get(qiKey(schema, name)) ?? [];
      const listToText = (xs: string[]) => `(${[...xs].sort().join(', ')})`;
      if (overloads.length === 0) {
        const names = [...cache.routines.keys()]
          .map((k) => k.split('\u0000'))
          .filter(([s]) => s === schema)
          .map(([, n]) => n!);
        const m = bestMatch(name, names, 0.6);
        if (m) hint = `Perhaps you meant to call the function ${schema}.${m}`;
      } else {
        const m = bestMatch(
          listToText(keys),
          overloads.map((o) => listToText(o.params.map((p) => p.name))),
          0.33,
        );
        if (m) hint = `Perhaps you meant to call the function ${schema}.${name}${m}`;
      }
    }
    return new RestError(404, 'PGRST202', message, details, hint);
  }

  /** Overload resolution by argument names (Plan.hs findProc). */
  private findProc(
    cache: SchemaCache,
    schema: string,
    name: string,
    keys: Set<string>,
    contentType: MediaType['kind'],
    isInvPost: boolean,
  ): { routine: Routine; params: RoutineParam[] | 'single' } {
    const procs = cache.routines.get(qiKey(schema, name)) ?? [];
    const matches: Routine[] = [];
    const fallbacks: Routine[] = [];
    for (const r of procs) {
      const ps = r.params;
      let match: boolean;
      if (ps.length === 0) match = keys.size === 0 && !(isInvPost && ['octet', 'text', 'xml'].includes(contentType));
      else {
        const req = ps.filter((p) => p.required).map((p) => p.name);
        const opt = new Set(ps.filter((p) => !p.required).map((p) => p.name));
        if (opt.size === 0) match = setEq(keys, new Set(req));
        else if (req.length === 0) match = [...keys].every((k) => opt.has(k));
        else match = setEq(new Set([...keys].filter((k) => !opt.has(k))), new Set(req));
      }
      if (match) matches.push(r);
      else if (
        isInvPost &&
        ps.length === 1 &&
        ps[0]!.name === '' &&
        (SINGLE_UNNAMED_TYPES[contentType] ?? []).includes(ps[0]!.type)
      ) {
        fallbacks.push(r);
      }
    }
    const pick = (r: Routine): { routine: Routine; params: RoutineParam[] | 'single' } => {
      if (r.params.length === 1 && r.params[0]!.name === '') return { routine: r, params: 'single' };
      return { routine: r, params: r.params.filter((p) => keys.has(p.name)) };
    };
    if (matches.length === 1) return pick(matches[0]!);
    if (matches.length > 1) throw ambiguousRpc(matches);
    if (fallbacks.length === 1) return pick(fallbacks[0]!);
    if (fallbacks.length > 1) throw ambiguousRpc(fallbacks);
    throw this.noRpc(cache, schema, name, [...keys], contentType, isInvPost);
  }

  private async rpc(
    req: IncomingMessage,
    res: ServerResponse,
    cache: SchemaCache,
    schema: string,
    name: string,
    rawQuery: string,
    method: string,
    auth: Auth,
    prefs: Preferences,
    accepts: MediaType[],
    profileHeaders: Record<string, string>,
  ): Promise<void> {
    const isRead = method === 'GET' || method === 'HEAD';
    const key = `${cache.version}\u0000rpc\u0000${method}\u0000${schema}\u0000${name}\u0000${rawQuery}\u0000${
      req.headers.accept ?? ''
    }\u0000${req.headers.prefer ?? ''}\u0000${req.headers.range ?? ''}`;
    let prep = isRead ? this.planCache.get(key) : undefined;
    if (!prep) {
      const qp = parseQueryParams(rawQuery, isRead);
      let keys: string[];
      let args: CallArgs;
      let contentType: MediaType['kind'] = 'json';
      if (isRead) {
        const m = new Map<string, string[]>();
        for (const [k, v] of qp.rpcParams) m.set(k, [...(m.get(k) ?? []), v]);
        keys = [...m.keys()];
        args = { kind: 'direct', args: m };
      } else {
        const pl = await this.payload(req, qp, true);
        contentType = pl.contentType.kind;
        keys = pl.keys;
        if (pl.form) {
          const m = new Map<string, string[]>();
          for (const [k, v] of pl.form) m.set(k, [...(m.get(k) ?? []), v]);
          args = { kind: 'direct', args: m };
        } else if (contentType === 'json') args = { kind: 'json', body: pl.json ?? null };
        else args = { kind: 'raw', body: contentType === 'octet' ? pl.raw : pl.raw.toString('utf8') };
      }
      const { routine, params } = this.findProc(cache, schema, name, new Set(keys), contentType, !isRead);
      if (params === 'single' && args.kind === 'json') args = { kind: 'raw', body: args.body };
      if (params === 'single' && args.kind === 'direct') args = { kind: 'raw', body: null };
      if (prefs.handling === 'strict' && prefs.maxAffected !== undefined && !routine.returns.setOf) {
        throw errors.maxAffectedRpc();
      }
      const relName = routineTableName(routine) ?? routine.name;
      const qpForPlan: QueryParams = { ...qp };
      const topRange = this.topRange(isRead ? method : 'POST', qp, req);
      const maxRows = this.ctx.config.api.maxRows;
      const tree = buildReadPlan(
        cache,
        { schema, name: relName },
        {
          schema,
          action: 'rpc',
          qp: qpForPlan,
          topRange,
          maxRows,
          aggregatesEnabled: cache.aggregatesEnabled,
        },
      );
      const scalar = !routine.returns.composite;
      const neg = this.negotiate(accepts, false, scalar);
      const headOnly = method === 'HEAD';
      const handler: Handler = headOnly ? 'none' : neg.handler;
      const exactish = prefs.count === 'exact' || prefs.count === 'estimated' ? prefs.count : undefined;
      const statement = mainCall(routine, params, args, tree, handler, exactish, maxRows);
      prep = {
        statement,
        readOnly: isRead || routine.volatility !== 'v',
        handler,
        media: neg.media,
        topRange: tree.range,
        kind: 'rpc',
        routine,
        relName,
        funcSettings: routine.settings.filter(([k]) => k !== 'default_transaction_isolation'),
        headOnly,
      };
      if (isRead) this.remember(key, prep);
    }
    await this.executeRead(req, res, cache, schema, prep, auth, prefs, profileHeaders, {});
  }
}

/** The path PostgREST sees (Kong strips /rest/v1): request.path. */
function requestPath(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const p = q < 0 ? url : url.slice(0, q);
  return (p.startsWith('/rest/v1') ? p.slice('/rest/v1'.length) : p) || '/';
}

const BEGIN: Statement = { text: 'BEGIN ISOLATION LEVEL READ COMMITTED', values: [] };
const COMMIT: Statement = { text: 'COMMIT', values: [] };

function isVoid(r: Routine): boolean {
  return !r.returns.setOf && !r.returns.composite && r.returns.schema === 'pg_catalog' && r.returns.name === 'void';
}

function setEq(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function ambiguousRpc(procs: Routine[]): RestError {
  return new RestError(
    300,
    'PGRST203',
    `Could not choose the best candidate function between: ${procs
      .map((p) => `${p.schema}.${p.name}(${p.params.map((a) => `${a.name} => ${a.type}`).join(', ')})`)
      .join(', ')}`,
    null,
    'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
  );
}

function encodeQueryPart(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, '+');
}

/** PostgREST's payloadAttributes: uniform keys for arrays, keys of an object, anything else is `[]`. */
function payloadAttributes(
  parsed: unknown,
  text: string,
  mismatch = 'All object keys must match',
): { json: string; keys: string[] } {
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) return { json: '[]', keys: [] };
    const first = parsed[0];
    if (!first || typeof first !== 'object' || Array.isArray(first)) throw errors.invalidBody(mismatch);
    const keys = Object.keys(first);
    const ks = new Set(keys);
    for (const el of parsed) {
      if (!el || typeof el !== 'object' || Array.isArray(el)) throw errors.invalidBody(mismatch);
      const k = Object.keys(el);
      if (k.length !== ks.size || !k.every((x) => ks.has(x))) throw errors.invalidBody(mismatch);
    }
    return { json: text, keys };
  }
  if (parsed && typeof parsed === 'object') return { json: text, keys: Object.keys(parsed) };
  return { json: '[]', keys: [] };
}

/** RFC 4180 CSV with a header row; the literal NULL is null. */
export function parseCsv(text: string): Record<string, string | null>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  let fieldQuoted = false;
  const pushField = () => {
    row.push(fieldQuoted ? field : field);
    field = '';
    fieldQuoted = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      quoted = true;
      fieldQuoted = true;
      i++;
    } else if (c === ',') {
      pushField();
      i++;
    } else if (c === '\n' || c === '\r') {
      pushField();
      rows.push(row);
      row = [];
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    pushField();
    rows.push(row);
  }
  if (quoted) throw errors.invalidBody('parse error (unexpected end of input)');
  const [header, ...data] = rows.filter((r) => !(r.length === 1 && r[0] === ''));
  if (!header) return [];
  return data.map((r) => {
    if (r.length !== header.length) throw errors.invalidBody('All lines must have same number of fields');
    const o: Record<string, string | null> = {};
    header.forEach((h, j) => (o[h] = r[j] === 'NULL' ? null : r[j]!));
    return o;
  });
}

export type { ReadNode };
export { restrictRange };
