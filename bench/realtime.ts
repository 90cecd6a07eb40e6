// Realtime figures (issue 4): commit → postgres_changes delivery latency to 1, 10 and
// 100 subscribed supabase-js clients (each a distinct user of one organisation, under
// an RLS policy that joins a membership table), the sustained change rate before
// latency degrades, broadcast round trip, and memory per idle socket.
// The stack runs in a child process (this file with --realtime-bench-child) so the
// clients' work and the server's memory are measured apart. The child raises
// Realtime's tenant limits (users, joins, events per second) for the load; their
// defaults are the CLI's and would refuse 500 sockets or a few hundred events/s.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import WebSocket from 'ws';
import type { BenchRow } from './run.ts';
import { signJwtSync } from '../stack/jwt.ts';
import { freePort } from '../tests/helpers/ports.ts';

const CHILD_FLAG = '--realtime-bench-child';
const projectDir = path.resolve(import.meta.dirname, '..');
const ORG = '0f0f0f0f-0000-4000-8000-000000000001';

const FIXTURE = `
create table public.memberships (org_id uuid not null, user_id uuid not null, primary key (org_id, user_id));
create index on public.memberships (user_id);
create table public.deals (
  id bigint generated always as identity primary key,
  org_id uuid not null,
  title text not null,
  amount numeric(12,2),
  created_at timestamptz not null default now()
);
create index on public.deals (org_id);
alter table public.deals enable row level security;
create policy deals_member_read on public.deals for select to authenticated
  using (org_id in (select m.org_id from public.memberships m where m.user_id = (select auth.uid())));
alter publication supabase_realtime add table public.deals;
`;

// ---- child: the stack ------------------------------------------------------------------
if (process.argv.includes(CHILD_FLAG)) {
  const { startStack } = await import('../stack/stack.ts');
  const dataDir = process.env.BENCH_REALTIME_DIR!;
  const stack = await startStack({
    projectDir,
    dataDir,
    port: Number(process.env.BENCH_PORT),
    dbPort: Number(process.env.BENCH_DB_PORT),
    mailPort: Number(process.env.BENCH_MAIL_PORT),
    smtpPort: Number(process.env.BENCH_SMTP_PORT),
    migrationsDir: path.join(dataDir, 'no-migrations'),
    seedEnabled: false,
    // Durable commits as `npm run stack` runs them: with synchronous_commit off (the
    // tests' fast mode) the WAL writer flushes every 200 ms, and logical decoding only
    // streams flushed WAL, so every change would wait up to 200 ms for it.
    fast: false,
    fixtureSql: FIXTURE,
    log: (service: string, message: string) => process.stderr.write(`[${service}] ${message}\n`),
  });
  const c = stack.config;
  process.stdout.write(`ready ${c.apiUrl} ${c.anonKey} ${c.serviceRoleKey} ${c.adminDbUrl}\n`);
  const rl = readline.createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    if (line === 'mem') {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      gc?.();
      const m = process.memoryUsage();
      process.stdout.write(`mem ${m.rss} ${m.heapUsed + m.external + m.arrayBuffers}\n`);
    } else if (line === 'stop') {
      void stack.stop().then(() => process.exit(0));
    }
  });
}

// ---- parent ----------------------------------------------------------------------------
interface Child {
  proc: ChildProcess;
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  adminDbUrl: string;
  lines: string[];
}

async function startChild(dataDir: string): Promise<Child> {
  const proc = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, 'realtime.ts'), CHILD_FLAG],
    {
      cwd: projectDir,
      env: {
        ...process.env,
        BENCH_REALTIME_DIR: dataDir,
        BENCH_PORT: String(await freePort()),
        BENCH_DB_PORT: String(await freePort()),
        BENCH_MAIL_PORT: String(await freePort()),
        BENCH_SMTP_PORT: String(await freePort()),
        TENANT_MAX_CONCURRENT_USERS: '100000',
        TENANT_MAX_JOINS_PER_SECOND: '100000',
        TENANT_MAX_EVENTS_PER_SECOND: '1000000',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  let output = '';
  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stack not ready after 120 s:\n${output}`)), 120_000);
    proc.stdout!.on('data', (d: Buffer) => {
      output += d;
      for (const l of String(d).split('\n')) if (l.startsWith('mem ')) lines.push(l);
      const m = /^ready (.+)$/m.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.stderr!.on('data', (d: Buffer) => (output += d));
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`stack exited (${code}) before ready:\n${output}`));
    });
  });
  proc.removeAllListeners('exit');
  proc.stderr!.on('data', (d: Buffer) => {
    if (process.env.BENCH_REALTIME_LOG) process.stderr.write(d);
  });
  const [url, anonKey, serviceRoleKey, adminDbUrl] = ready.split(' ') as [string, string, string, string];
  return { proc, url, anonKey, serviceRoleKey, adminDbUrl, lines };
}

async function childMemory(child: Child): Promise<{ rss: number; heap: number }> {
  const before = child.lines.length;
  child.proc.stdin!.write('mem\n');
  const start = Date.now();
  while (child.lines.length === before) {
    if (Date.now() - start > 10_000) throw new Error('child did not report memory');
    await new Promise((r) => setTimeout(r, 20));
  }
  const [, rss, heap] = child.lines.at(-1)!.split(' ');
  return { rss: Number(rss), heap: Number(heap) };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) return false;
    await sleep(5);
  }
  return true;
}

function subscribed(ch: RealtimeChannel): Promise<void> {
  return new Promise((resolve, reject) => {
    ch.subscribe((status, err) => {
      if (status === 'SUBSCRIBED') resolve();
      else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') reject(err ?? new Error(status));
    });
  });
}

interface Subscriber {
  client: SupabaseClient;
  /** Receipt time (performance.now) per deal title. */
  received: Map<string, number>;
}

async function subscribers(child: Child, admin: pg.Client, jwtSecret: string, n: number): Promise<Subscriber[]> {
  const out: Subscriber[] = [];
  const ids = Array.from({ length: n }, () => crypto.randomUUID());
  await admin.query('insert into public.memberships select $1::uuid, unnest($2::uuid[])', [ORG, ids]);
  const now = Math.floor(Date.now() / 1000);
  for (const id of ids) {
    const token = signJwtSync(
      { sub: id, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + 3600 },
      jwtSecret,
    );
    const client = createClient(child.url, child.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
      accessToken: async () => token,
    });
    await client.realtime.setAuth(token);
    const received = new Map<string, number>();
    const ch = client
      .channel(`deals-${id}`)
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'deals' }, (p) => {
        received.set((p.new as { title: string }).title, performance.now());
      });
    out.push({ client, received });
    await subscribed(ch);
  }
  return out;
}

/** Inserts `count` deals spaced `gapMs` apart; latency = receipt − the moment the INSERT was sent. */
async function measureLatency(db: pg.Client, subs: Subscriber[], label: string, count: number, gapMs: number) {
  const sent = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const title = `${label}-${i}`;
    sent.set(title, performance.now());
    await db.query('insert into public.deals (org_id, title, amount) values ($1, $2, 100)', [ORG, title]);
    await sleep(gapMs);
  }
  const complete = await waitFor(() => subs.every((s) => [...sent.keys()].every((t) => s.received.has(t))), 30_000);
  const latencies: number[] = [];
  for (const s of subs) for (const [t, at] of sent) if (s.received.has(t)) latencies.push(s.received.get(t)! - at);
  return { latencies, complete, expected: sent.size * subs.length };
}

/** Offers `rate` inserts per second for `seconds` from a few connections; reports delivery latency. */
async function sustained(dbs: pg.Client[], subs: Subscriber[], rate: number, seconds: number) {
  const total = Math.round(rate * seconds);
  const sent = new Map<string, number>();
  const started = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const title = `rate${rate}-${i}`;
    sent.set(title, performance.now());
    pending.push(dbs[i % dbs.length]!.query('insert into public.deals (org_id, title) values ($1, $2)', [ORG, title]));
  }
  await Promise.all(pending);
  const offered = total / ((performance.now() - started) / 1000);
  const complete = await waitFor(() => subs.every((s) => [...sent.keys()].every((t) => s.received.has(t))), 30_000);
  const latencies: number[] = [];
  for (const s of subs) for (const [t, at] of sent) if (s.received.has(t)) latencies.push(s.received.get(t)! - at);
  const missing = sent.size * subs.length - latencies.length;
  return { offered, complete, missing, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export default async function run(): Promise<BenchRow[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-bench-realtime-'));
  fs.chmodSync(dataDir, 0o755);
  const child = await startChild(dataDir);
  const { loadConfig } = await import('../stack/config.ts');
  const jwtSecret = loadConfig({ projectDir }).jwtSecret;
  const admin = new pg.Client({ connectionString: child.adminDbUrl });
  await admin.connect();
  const writers = await Promise.all(
    [0, 1, 2, 3].map(async () => {
      const c = new pg.Client({ connectionString: child.adminDbUrl });
      await c.connect();
      return c;
    }),
  );
  const rows: BenchRow[] = [];
  const all: Subscriber[] = [];
  try {
    // Latency to 1, 10 and 100 distinct users of one organisation.
    for (const n of [1, 10, 100]) {
      const subs = await subscribers(child, admin, jwtSecret, n);
      all.push(...subs);
      await measureLatency(admin, subs, `warmup${n}`, 5, 20);
      const { latencies, complete, expected } = await measureLatency(admin, subs, `lat${n}`, 60, 40);
      const budget100 = n === 100;
      const note = `${latencies.length}/${expected} deliveries${complete ? '' : ' (INCOMPLETE)'}, RLS via membership join`;
      rows.push(
        {
          metric: `postgres_changes commit→delivery p50, ${n} client${n > 1 ? 's' : ''}`,
          value: percentile(latencies, 50),
          unit: 'ms',
          ...(budget100 ? { budget: '≤ 25 ms' } : {}),
          note,
        },
        {
          metric: `postgres_changes commit→delivery p99, ${n} client${n > 1 ? 's' : ''}`,
          value: percentile(latencies, 99),
          unit: 'ms',
          ...(budget100 ? { budget: '≤ 150 ms' } : {}),
        },
      );
      if (n !== 100) {
        for (const s of subs) await s.client.removeAllChannels();
        all.length = 0;
      }
    }

    // Sustained rate with the 100 subscribers: the highest offered rate at which every
    // change is still delivered with p99 ≤ 150 ms.
    const subs100 = all.slice();
    let best = 0;
    let bestNote = '';
    for (const rate of [25, 50, 100, 150, 200, 300, 400, 800]) {
      const r = await sustained(writers, subs100, rate, 3);
      if (!r.complete || r.p99 > 150) {
        bestNote = `next step ${rate}/s: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms${r.complete ? '' : `, ${r.missing} deliveries missing after 30 s`}`;
        break;
      }
      best = r.offered;
      bestNote = `at ${rate}/s: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;
      await sleep(500);
    }
    rows.push({
      metric: 'sustained changes/s with p99 ≤ 150 ms, 100 users subscribed',
      value: best,
      unit: 'changes/s',
      note: bestNote,
    });
    for (const s of subs100) await s.client.removeAllChannels();

    // Broadcast round trip: a client hearing its own message (self: true).
    const bc = createClient(child.url, child.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
    let gotAt = 0;
    const ch = bc
      .channel('bench-echo', { config: { broadcast: { self: true } } })
      .on('broadcast', { event: 'ping' }, () => (gotAt = performance.now()));
    await subscribed(ch);
    const rtts: number[] = [];
    for (let i = 0; i < 300; i++) {
      gotAt = 0;
      const t0 = performance.now();
      await ch.send({ type: 'broadcast', event: 'ping', payload: { i } });
      await waitFor(() => gotAt > 0, 5_000);
      if (i >= 20) rtts.push(gotAt - t0);
    }
    rows.push(
      { metric: 'broadcast round trip p50 (self)', value: percentile(rtts, 50), unit: 'ms', budget: '≤ 5 ms' },
      { metric: 'broadcast round trip p99 (self)', value: percentile(rtts, 99), unit: 'ms' },
    );
    await bc.removeAllChannels();

    // Memory per idle socket: 500 raw sockets, each joined to one channel.
    await sleep(500);
    const before = await childMemory(child);
    const N = 500;
    const raw: WebSocket[] = [];
    const wsUrl = `${child.url.replace('http', 'ws')}/realtime/v1/websocket?apikey=${child.anonKey}&vsn=2.0.0`;
    for (let i = 0; i < N; i++) {
      const ws = new WebSocket(wsUrl);
      await new Promise((r) => ws.once('open', r));
      const joined = new Promise((r) => ws.once('message', r));
      ws.send(JSON.stringify(['1', '1', `realtime:idle-${i % 50}`, 'phx_join', { config: {} }]));
      await joined;
      raw.push(ws);
    }
    await sleep(500);
    const after = await childMemory(child);
    rows.push({
      metric: 'memory per idle socket (JS heap + buffers)',
      value: (after.heap - before.heap) / N / 1024,
      unit: 'KiB',
      note: `${N} sockets, one channel each; RSS +${((after.rss - before.rss) / N / 1024).toFixed(1)} KiB per socket`,
    });
    for (const ws of raw) ws.terminate();
  } finally {
    for (const s of all) await s.client.removeAllChannels().catch(() => undefined);
    await admin.end().catch(() => undefined);
    for (const w of writers) await w.end().catch(() => undefined);
    child.proc.stdin!.write('stop\n');
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        child.proc.kill('SIGKILL');
        resolve();
      }, 20_000);
      child.proc.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
