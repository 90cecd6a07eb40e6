// The pg_net stand-in's background worker (stack/db/extensions/pg_net--*.sql):
// sends the HTTP requests queued in net.http_request_queue and records each
// outcome in net._http_response, as pg_net's C worker does with libcurl.
//
// Woken by NOTIFY pg_net_wake (sent by net.http_* and delivered only when the
// queueing transaction commits), with a slow poll as a safety net. Rows are
// claimed with DELETE ... RETURNING (FOR UPDATE SKIP LOCKED), so each request is
// sent exactly once even if two workers ever share a database.
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import pg from 'pg';
import type { StackContext } from '../context.ts';

export interface BackgroundWorker {
  stop(): Promise<void>;
}

const CHANNEL = 'pg_net_wake';
const USER_AGENT = 'pg_net/0.19.5';
/** pg_net.batch_size default. */
const BATCH_SIZE = 200;
/** Requests in flight at once; more wait in the queue table. */
const MAX_IN_FLIGHT = 200;
const POLL_MS = 2_000;
const TTL_SWEEP_MS = 60_000;
const MAX_REDIRECTS = 30;

interface QueuedRequest {
  id: string;
  method: string;
  url: string;
  timeout_milliseconds: number;
  headers: Record<string, unknown> | null;
  body: Buffer | null;
}

export interface NetResponse {
  status_code: number | null;
  content_type: string | null;
  headers: Record<string, string> | null;
  content: string | null;
  timed_out: boolean;
  error_msg: string | null;
}

interface Timings {
  start: number;
  lookup?: number;
  connect?: number;
  secureConnect?: number;
  sent?: number;
}

/** libcurl's detailed timeout message (pg_net src/errors.c detailed_timeout_strerror). */
function timeoutMessage(timeoutMs: number, t: Timings, end: number): string {
  const total = end - t.start;
  const lookup = t.lookup !== undefined ? t.lookup - t.start : 0;
  const connect = t.connect !== undefined ? t.connect - t.start : 0;
  const appconnect = t.secureConnect !== undefined ? t.secureConnect - t.start : 0;
  const pretransfer = t.sent !== undefined ? t.sent - t.start : 0;
  let dns: number;
  let handshake = 0;
  let httpTime = 0;
  if (lookup === 0 && connect === 0) {
    dns = total;
  } else if (pretransfer === 0) {
    dns = lookup;
    handshake = total - lookup;
  } else {
    dns = lookup;
    handshake = connect - lookup + (appconnect > 0 ? appconnect - connect : 0);
    httpTime = total - pretransfer;
  }
  const f = (n: number) => n.toFixed(6);
  return (
    `Timeout of ${timeoutMs} ms reached. Total time: ${f(total)} ms (DNS time: ${f(dns)} ms, ` +
    `TCP/SSL handshake time: ${f(handshake)} ms, HTTP Request/Response time: ${f(httpTime)} ms)`
  );
}

/** What curl_easy_strerror says for the failure Node reports. */
function curlError(e: NodeJS.ErrnoException, gotResponse: boolean): string {
  const code = e.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return "Couldn't resolve host name";
  if (['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'].includes(code))
    return "Couldn't connect to server";
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT/.test(code))
    return 'SSL peer certificate or SSH remote key was not OK';
  if (code === 'ECONNRESET' || code === 'EPIPE' || e.message === 'socket hang up') {
    return gotResponse ? 'Failure when receiving data from the peer' : 'Server returned nothing (no headers, no data)';
  }
  if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) return 'Weird server reply';
  return e.message;
}

function headerObject(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (v === null || v === undefined) continue;
    out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

function hasHeader(h: Record<string, string>, name: string): boolean {
  return Object.keys(h).some((k) => k.toLowerCase() === name);
}

/**
 * Sends one request the way pg_net's libcurl handle does: the queued headers plus
 * `User-Agent: pg_net/<version>` and curl's `Accept: * / *`, the body as given
 * (GET and DELETE may carry one), redirects followed, a total-time timeout.
 */
export function sendRequest(req: QueuedRequest, signal?: AbortSignal): Promise<NetResponse> {
  const timings: Timings = { start: performance.now() };
  const timeoutMs = req.timeout_milliseconds;
  return new Promise<NetResponse>((resolve) => {
    let settled = false;
    let current: http.ClientRequest | undefined;
    const finish = (r: NetResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const fail = (msg: string, timedOut = false) =>
      finish({
        status_code: null,
        content_type: null,
        headers: null,
        content: null,
        timed_out: timedOut,
        error_msg: msg,
      });
    const timer = setTimeout(
      () => {
        current?.destroy();
        fail(timeoutMessage(timeoutMs, timings, performance.now()), true);
      },
      Math.max(0, timeoutMs),
    );
    const onAbort = () => {
      current?.destroy();
      fail('Operation was aborted by an application callback');
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    const attempt = (method: string, target: string, body: Buffer | null, redirects: number) => {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        fail('URL using bad/illegal format or missing URL');
        return;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        fail('Unsupported protocol');
        return;
      }
      const headers = headerObject(req.headers);
      if (!hasHeader(headers, 'user-agent')) headers['User-Agent'] = USER_AGENT;
      if (!hasHeader(headers, 'accept')) headers['Accept'] = '*/*';
      if (body) headers['Content-Length'] = String(body.length);
      else if (method === 'POST') headers['Content-Length'] = '0';
      const mod = url.protocol === 'https:' ? https : http;
      let gotResponse = false;
      const r = mod.request(url, { method, headers, agent: false }, (res) => {
        gotResponse = true;
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (location && [301, 302, 303, 307, 308].includes(status) && redirects < MAX_REDIRECTS) {
          res.resume();
          // curl turns a POST into a GET on 301/302/303 (no CURLOPT_POSTREDIR).
          const keep = status === 307 || status === 308;
          const nextMethod = keep || method !== 'POST' ? method : 'GET';
          attempt(
            nextMethod,
            new URL(location, url).toString(),
            keep || nextMethod === method ? body : null,
            redirects + 1,
          );
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e: NodeJS.ErrnoException) => fail(curlError(e, true)));
        res.on('end', () => {
          const responseHeaders: Record<string, string> = {};
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
            responseHeaders[res.rawHeaders[i]!] = res.rawHeaders[i + 1]!;
          let text = Buffer.concat(chunks).toString('utf8');
          // libcurl's buffer is handed to Postgres as a C string.
          const nul = text.indexOf('\0');
          if (nul >= 0) text = text.slice(0, nul);
          finish({
            status_code: status,
            content_type: res.headers['content-type'] ?? null,
            headers: responseHeaders,
            content: text === '' ? null : text,
            timed_out: false,
            error_msg: null,
          });
        });
      });
      current = r;
      r.on('socket', (socket: Socket) => {
        socket.once('lookup', () => (timings.lookup ??= performance.now()));
        socket.once('connect', () => (timings.connect ??= performance.now()));
        socket.once('secureConnect', () => (timings.secureConnect ??= performance.now()));
      });
      r.on('finish', () => (timings.sent ??= performance.now()));
      r.on('error', (e: NodeJS.ErrnoException) => fail(curlError(e, gotResponse)));
      r.end(body ?? undefined);
    };
    attempt(req.method.toUpperCase(), req.url, req.body, 0);
  });
}

export async function startNetWorker(ctx: StackContext): Promise<BackgroundWorker> {
  const { config, adminPool } = ctx;
  let stopped = false;
  let listener: pg.Client | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;
  let again = false;
  const inFlight = new Set<Promise<void>>();
  const aborter = new AbortController();

  const installed = async (): Promise<boolean> => {
    const { rows } = await adminPool.query<{ ok: boolean }>(
      `select to_regclass('net.http_request_queue') is not null and to_regclass('net._http_response') is not null as ok`,
    );
    return rows[0]?.ok === true;
  };

  const record = async (id: string, r: NetResponse) => {
    await adminPool.query(
      `insert into net._http_response (id, status_code, content, headers, content_type, timed_out, error_msg)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        r.status_code,
        r.content,
        r.headers === null ? null : JSON.stringify(r.headers),
        r.content_type,
        r.timed_out,
        r.error_msg,
      ],
    );
  };

  const deliver = (row: QueuedRequest) => {
    const p = sendRequest(row, aborter.signal)
      .then((r) => (stopped ? undefined : record(row.id, r)))
      .catch((e: Error) => {
        if (!stopped) ctx.log('pg_net', `request ${row.id}: ${e.message}`);
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  const drainOnce = async () => {
    if (!(await installed())) return;
    for (;;) {
      if (stopped) return;
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      const { rows } = await adminPool.query<QueuedRequest>(
        `with rows as (
           select id from net.http_request_queue order by id limit $1 for update skip locked
         )
         delete from net.http_request_queue q using rows where q.id = rows.id
         returning q.id, q.method, q.url, q.timeout_milliseconds, q.headers, q.body`,
        [Math.min(BATCH_SIZE, MAX_IN_FLIGHT - inFlight.size)],
      );
      for (const row of rows) deliver(row);
      if (rows.length === 0) return;
    }
  };

  // Coalesces wake-ups: at most one drain runs, and one more follows if woken meanwhile.
  const wake = () => {
    if (stopped) return;
    if (draining) {
      again = true;
      return;
    }
    draining = (async () => {
      do {
        again = false;
        try {
          await drainOnce();
        } catch (e) {
          if (!stopped) ctx.log('pg_net', `queue: ${(e as Error).message}`);
        }
      } while (again && !stopped);
    })().finally(() => (draining = undefined));
  };

  const sweep = async () => {
    try {
      if (!(await installed())) return;
      // pg_net.ttl: responses are kept 6 hours by default.
      await adminPool.query(
        `delete from net._http_response
         where created < now() - coalesce(nullif(current_setting('pg_net.ttl', true), ''), '6 hours')::interval`,
      );
    } catch (e) {
      if (!stopped) ctx.log('pg_net', `ttl: ${(e as Error).message}`);
    }
  };

  const scheduleReconnect = () => {
    clearTimeout(reconnectTimer);
    if (!stopped) reconnectTimer = setTimeout(() => void connect(), 1_000);
  };

  // The LISTEN connection; it also makes net.check_worker_is_up() see a worker.
  const connect = async () => {
    if (stopped) return;
    const client = new pg.Client({ connectionString: config.adminDbUrl, application_name: 'pg_net worker' });
    client.on('error', () => undefined);
    client.on('end', () => {
      if (listener === client) listener = undefined;
      scheduleReconnect();
    });
    client.on('notification', (n) => {
      if (n.channel === CHANNEL) wake();
    });
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      listener = client;
      if (stopped) await client.end();
      wake();
    } catch (e) {
      ctx.log('pg_net', `listen: ${(e as Error).message}`);
      await client.end().catch(() => undefined);
      scheduleReconnect();
    }
  };

  await connect();
  const poll = setInterval(wake, POLL_MS);
  const ttl = setInterval(() => void sweep(), TTL_SWEEP_MS);

  return {
    async stop() {
      stopped = true;
      clearInterval(poll);
      clearInterval(ttl);
      clearTimeout(reconnectTimer);
      aborter.abort();
      await listener?.end().catch(() => undefined);
      await draining;
      await Promise.allSettled([...inFlight]);
    },
  };
}
