// Supabase Realtime for the local stack: the websocket at /realtime/v1/websocket
// (Phoenix protocol, vsn 1.0.0 and 2.0.0), postgres_changes from logical replication
// under each subscriber's RLS, broadcast (websocket, REST, database), presence, and
// Realtime Authorization for private channels. Protocol: supabase-local-spec.md §5.
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { StackContext, StackService } from '../context.ts';
import { bearerToken, BodyTooLargeError, lowerCaseHeaders, queryOf, readBody, sendJson } from '../http.ts';
import { authorizeToken, emptyPolicies, writeAuthorizations, type Claims } from './auth.ts';
import { ChangeEngine, type DbBroadcast } from './changes.ts';
import { Hub, tenantTopic } from './hub.ts';
import { loadLimits, payloadTooLarge, type RealtimeLimits } from './limits.ts';
import { RealtimeSocket } from './socket.ts';
import type { Vsn } from './serializer.ts';

const BOOTSTRAP_SQL = path.join(import.meta.dirname, '../db/bootstrap/20-realtime.sql');
const MAX_FRAME_BYTES = 5_000_000;
const MESSAGE_RETENTION = '72 hours';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function upgradeError(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  const reason =
    { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests' }[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** UserSocket.handle_error: the HTTP answer to a refused websocket connection. */
function connectErrorResponse(kind: string): [number, string] {
  switch (kind) {
    case 'missing':
      return [401, 'API key is missing'];
    case 'expired':
      return [401, 'Token has expired'];
    case 'missing_claims':
      return [401, 'Fields `role` and `exp` are required in JWT'];
    case 'malformed':
    case 'invalid':
      return [401, 'The token provided is not a valid JWT'];
    case 'signature':
      return [401, 'Failed to validate JWT signature'];
    default:
      return [500, 'Error connecting to Realtime'];
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function createRealtimeService(ctx: StackContext): StackService {
  const limits: RealtimeLimits = loadLimits();
  const hub = new Hub(limits);
  const sockets = new Set<RealtimeSocket>();
  const users = new Set<RealtimeSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  let engine: ChangeEngine | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  let janitor: NodeJS.Timeout | undefined;
  const servers = new Set<Server>();
  let stopping = false;

  function onDbBroadcast(m: DbBroadcast): void {
    if (payloadTooLarge(limits, m.payload.data.length) || hub.events.triggered) return;
    hub.events.add();
    hub.broadcast(
      tenantTopic(m.topic, m.private),
      { kind: 'user', event: m.event, payload: m.payload, metadata: { id: m.id } },
      null,
    );
  }

  function closeAll(): void {
    for (const s of [...sockets]) s.close(1001, 'server shutting down');
    sockets.clear();
  }

  /** Idle sockets, sockets without channels, and a gateway that is closing. */
  function sweep(): void {
    const now = Date.now();
    for (const s of [...sockets]) {
      if (now - s.lastReceived > limits.idleTimeoutMs) {
        s.terminate();
        sockets.delete(s);
      } else if (s.channels.size === 0 && now - s.emptySince > limits.noChannelTimeoutMs) {
        s.close(1000);
        sockets.delete(s);
      }
    }
    // The gateway's server.close() waits for every upgraded socket to end; close ours
    // as soon as it stops listening so a stack stop/restart is not held up.
    for (const srv of servers) {
      if (!srv.listening) {
        servers.delete(srv);
        closeAll();
      }
    }
  }

  async function ensureSchema(): Promise<void> {
    const sql = fs.readFileSync(BOOTSTRAP_SQL, 'utf8');
    // A data dir bootstrapped before this service existed lacks the realtime schema;
    // otherwise only the service's own helpers are brought up to date.
    const marker = sql.indexOf('-- @realtime-helpers');
    const body = /function _realtime\.apply_change\([\s\S]*?\bas \$\$([\s\S]*?)\$\$;/.exec(sql)?.[1];
    const { rows } = await ctx.adminPool.query<{ schema: boolean; src: string | null }>(
      `select to_regclass('realtime.messages') is not null as schema,
              (select prosrc from pg_proc where oid = to_regprocedure(
                 '_realtime.apply_change(bigint, oid, text, text, text[], text[], text[], text[], text[], jsonb, jsonb, jsonb, integer)')) as src`,
    );
    const { schema, src } = rows[0] ?? { schema: false, src: null };
    // Unchanged helpers: nothing to do (and no DDL to make the REST service reload).
    if (schema && body !== undefined && src === body) return;
    ctx.log('realtime', schema ? 'updating the realtime helpers' : 'installing the realtime schema');
    const client = await ctx.adminPool.connect();
    try {
      await client.query('begin');
      await client.query(schema && marker >= 0 ? sql.slice(marker) : sql);
      await client.query('commit');
    } catch (e) {
      await client.query('rollback').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async function deleteOldMessages(): Promise<void> {
    await ctx.adminPool
      .query(
        `delete from realtime.messages where inserted_at < (now() at time zone 'utc') - interval '${MESSAGE_RETENTION}'`,
      )
      .catch((e: Error) => ctx.log('realtime', `message cleanup failed: ${e.message}`));
  }

  // ---- REST: /api/broadcast --------------------------------------------------------

  function restClaims(req: IncomingMessage): Claims | null {
    const token = bearerToken(req) ?? (req.headers.apikey as string | undefined);
    if (!token) return null;
    const r = authorizeToken(token, ctx.config.jwtSecret);
    return r.ok ? r.claims : null;
  }

  async function canWrite(claims: Claims, req: IncomingMessage, topic: string): Promise<boolean> {
    const policies = await writeAuthorizations(
      ctx.adminPool,
      emptyPolicies(),
      { topic, claims, headers: lowerCaseHeaders(req) },
      ['broadcast', 'presence'],
    );
    return policies.broadcast.write === true;
  }

  function rateLimited(res: ServerResponse, batch: number): boolean {
    if (hub.events.avg > limits.maxEventsPerSecond) {
      sendJson(res, 429, { message: 'You have exceeded your rate limit' });
      return true;
    }
    if (batch + hub.events.avg > limits.maxEventsPerSecond) {
      sendJson(res, 429, { message: 'Too many messages to broadcast, please reduce the batch size' });
      return true;
    }
    return false;
  }

  async function batchBroadcast(req: IncomingMessage, res: ServerResponse, claims: Claims): Promise<void> {
    let body: unknown;
    try {
      const raw = await readBody(req, MAX_FRAME_BYTES * 2);
      body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch (e) {
      if (e instanceof BodyTooLargeError) return sendJson(res, 413, { message: 'Payload Too Large' });
      return sendJson(res, 400, { errors: { detail: 'Bad Request' } });
    }
    const messages = isMap(body) ? body.messages : undefined;
    if (!Array.isArray(messages) || messages.length === 0) {
      return sendJson(res, 422, { errors: { messages: ["can't be blank"] } });
    }
    // Ecto's embeds_many validation: one error map per message, empty when valid.
    let invalid = false;
    const errors = messages.map((m) => {
      const e: Record<string, string[]> = {};
      const msg = isMap(m) ? m : {};
      if (!isMap(m)) e.messages = ['is invalid'];
      if (msg.topic === undefined || msg.topic === null || msg.topic === '') e.topic = ["can't be blank"];
      else if (typeof msg.topic !== 'string') e.topic = ['is invalid'];
      if (msg.event === undefined || msg.event === null || msg.event === '') e.event = ["can't be blank"];
      else if (typeof msg.event !== 'string') e.event = ['is invalid'];
      if (msg.payload === undefined || msg.payload === null) e.payload = ["can't be blank"];
      else if (!isMap(msg.payload)) e.payload = ['is invalid'];
      else if (payloadTooLarge(limits, Buffer.byteLength(JSON.stringify(msg.payload)))) {
        e.payload = ['Payload size exceeds tenant limit'];
      }
      if (msg.private !== undefined && msg.private !== null && typeof msg.private !== 'boolean')
        e.private = ['is invalid'];
      if (Object.keys(e).length) invalid = true;
      return e;
    });
    if (invalid) return sendJson(res, 422, { errors: { messages: errors } });
    if (rateLimited(res, messages.length)) return;

    const valid = messages as {
      topic: string;
      event: string;
      payload: Record<string, unknown>;
      private?: boolean;
      id?: unknown;
    }[];
    const send = (m: (typeof valid)[number], isPrivate: boolean) => {
      const payload: Record<string, unknown> = { payload: m.payload, event: m.event, type: 'broadcast' };
      if (typeof m.id === 'string') payload.meta = { id: m.id };
      hub.events.add();
      hub.broadcast(tenantTopic(m.topic, isPrivate), { kind: 'json', payload }, null);
    };
    for (const m of valid.filter((x) => !x.private)) send(m, false);
    const privateByTopic = new Map<string, typeof valid>();
    for (const m of valid.filter((x) => x.private)) {
      const list = privateByTopic.get(m.topic) ?? [];
      list.push(m);
      privateByTopic.set(m.topic, list);
    }
    for (const [topic, list] of privateByTopic) {
      // Topics the caller may not write to are skipped silently, as Realtime does.
      const ok = await canWrite(claims, req, topic).catch(() => false);
      if (ok) for (const m of list) send(m, true);
    }
    res.writeHead(202, { 'Content-Length': '0' });
    res.end();
  }

  async function singleBroadcast(
    req: IncomingMessage,
    res: ServerResponse,
    claims: Claims,
    topic: string,
    event: string,
  ): Promise<void> {
    const ct = (req.headers['content-type'] ?? '').toLowerCase();
    const isBinary = /^application\/octet-stream\s*(;|$)/.test(ct);
    if (ct && !isBinary && !/^application\/json\s*(;|$)/.test(ct)) {
      return sendJson(res, 415, { error: 'Unsupported Media Type. Use application/json or application/octet-stream' });
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, MAX_FRAME_BYTES * 2);
    } catch (e) {
      if (e instanceof BodyTooLargeError) return sendJson(res, 413, { message: 'Payload Too Large' });
      throw e;
    }
    let data: Buffer;
    if (isBinary) data = raw;
    else {
      let parsed: unknown;
      try {
        parsed = raw.length ? JSON.parse(raw.toString('utf8')) : {};
      } catch {
        return sendJson(res, 400, { errors: { detail: 'Bad Request' } });
      }
      // Plug wraps a non-object JSON body as {"_json": value}.
      data = Buffer.from(JSON.stringify(isMap(parsed) ? parsed : { _json: parsed }), 'utf8');
    }
    if (payloadTooLarge(limits, data.length)) {
      return sendJson(res, 422, { errors: { payload: ['Payload size exceeds tenant limit'] } });
    }
    if (hub.events.avg >= limits.maxEventsPerSecond) {
      return sendJson(res, 429, { message: 'You have exceeded your rate limit' });
    }
    const isPrivate = queryOf(req).get('private') === 'true';
    if (isPrivate) {
      let ok: boolean;
      try {
        ok = await canWrite(claims, req, topic);
      } catch (e) {
        ctx.log('realtime', `RlsPolicyError: ${(e as Error).message}`);
        return sendJson(res, 422, { message: 'RLS policy error' });
      }
      if (!ok) return sendJson(res, 403, { message: 'Unauthorized' });
    }
    hub.events.add();
    hub.broadcast(
      tenantTopic(topic, isPrivate),
      { kind: 'user', event, payload: { encoding: isBinary ? 'binary' : 'json', data }, metadata: null },
      null,
    );
    res.writeHead(202, { 'Content-Length': '0' });
    res.end();
  }

  return {
    name: 'realtime',
    prefix: '/realtime/v1',

    async start() {
      stopping = false;
      await ensureSchema();
      await deleteOldMessages();
      engine = new ChangeEngine(ctx, limits, onDbBroadcast);
      await engine.start();
      sweeper = setInterval(sweep, 250);
      sweeper.unref();
      janitor = setInterval(() => void deleteOldMessages(), 60 * 60_000);
      janitor.unref();
    },

    async stop() {
      stopping = true;
      clearInterval(sweeper);
      clearInterval(janitor);
      closeAll();
      hub.stop();
      await engine?.stop();
      engine = undefined;
    },

    async handle(req, res, subpath) {
      if (subpath === '/api/ping' && req.method === 'GET') return sendJson(res, 200, { message: 'Success' });
      const single = /^\/api\/broadcast\/([^/]+)\/events\/([^/]+)$/.exec(subpath);
      if (req.method !== 'POST' || (subpath !== '/api/broadcast' && !single)) {
        return sendJson(res, 404, { errors: { detail: 'Not Found' } });
      }
      const claims = restClaims(req);
      if (!claims) return sendJson(res, 401, { message: 'Unauthorized' });
      if (single) {
        return singleBroadcast(req, res, claims, decodeURIComponent(single[1]!), decodeURIComponent(single[2]!));
      }
      return batchBroadcast(req, res, claims);
    },

    upgrade(req, socket, head, subpath) {
      if (stopping || !engine || (subpath !== '/websocket' && subpath !== '/websocket/')) {
        upgradeError(socket, 404, 'Not Found');
        return;
      }
      const srv = (req.socket as unknown as { server?: Server }).server;
      if (srv) servers.add(srv);
      const q = queryOf(req);
      const vsn: Vsn = (q.get('vsn') ?? '1.0.0').startsWith('2.') ? '2.0.0' : '1.0.0';
      const headerKey = req.headers['x-api-key'];
      const token = typeof headerKey === 'string' ? headerKey : q.get('apikey');
      const result = token ? authorizeToken(token, ctx.config.jwtSecret) : null;
      if (!token || !result || !result.ok) {
        const [status, message] = connectErrorResponse(
          !token ? 'missing' : result && !result.ok ? result.kind : 'other',
        );
        void sleep(limits.connectErrorBackoffMs).then(() => upgradeError(socket, status, message));
        return;
      }
      const xHeaders: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (k.startsWith('x-') && typeof v === 'string') xHeaders[k] = v;
      }
      wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
        if (stopping || !engine) {
          ws.close(1001);
          return;
        }
        const s = new RealtimeSocket({ ctx, limits, hub, engine, users }, ws, vsn, token.replace(/\s/g, ''), xHeaders);
        sockets.add(s);
        ws.on('close', () => sockets.delete(s));
      });
    },
  };
}
