// Storage figures: upload and download throughput for 1 MiB and 50 MiB objects,
// and the stack's resident memory while a 200 MiB object streams in and out (it
// should stay flat: bytes go socket → disk → socket, never whole into memory).
// The stack runs in a child process (this file with --storage-bench-child) so its
// RSS can be read from /proc without the client's buffers in it.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BenchRow } from './run.ts';
import { freePort } from '../tests/helpers/ports.ts';

const CHILD_FLAG = '--storage-bench-child';
const MiB = 1024 * 1024;
const projectDir = path.resolve(import.meta.dirname, '..');

// ---- child: a stack with a cap high enough for the 200 MiB object ----------------
if (process.argv.includes(CHILD_FLAG)) {
  const { startStack } = await import('../stack/stack.ts');
  const dataDir = process.env.BENCH_STORAGE_DIR!;
  const stack = await startStack({
    projectDir,
    dataDir,
    port: Number(process.env.BENCH_PORT),
    dbPort: Number(process.env.BENCH_DB_PORT),
    mailPort: Number(process.env.BENCH_MAIL_PORT),
    smtpPort: Number(process.env.BENCH_SMTP_PORT),
    migrationsDir: path.join(dataDir, 'no-migrations'),
    seedEnabled: false,
    fast: true,
    storageFileSizeLimit: 512 * MiB,
    log: () => undefined,
  });
  process.stdout.write(`ready ${stack.config.apiUrl} ${stack.config.serviceRoleKey}\n`);
  process.once('SIGINT', () => {
    void stack.stop().then(() => process.exit(0));
  });
}

// ---- parent ------------------------------------------------------------------------
interface Target {
  url: URL;
  key: string;
  agent: http.Agent;
}

function request(
  t: Target,
  method: string,
  urlPath: string,
  opts: { headers?: Record<string, string | number>; body?: string | fs.ReadStream } = {},
): Promise<{ status: number; md5: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: t.url.hostname,
        port: t.url.port,
        method,
        path: `/storage/v1${urlPath}`,
        agent: t.agent,
        headers: { apikey: t.key, authorization: `Bearer ${t.key}`, ...opts.headers },
      },
      (res) => {
        const hash = crypto.createHash('md5');
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          hash.update(c);
          bytes += c.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, md5: hash.digest('hex'), bytes }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.body === undefined) req.end();
    else if (typeof opts.body === 'string') req.end(opts.body);
    else pipeline(opts.body, req).catch(reject);
  });
}

async function upload(t: Target, name: string, file: string): Promise<number> {
  const size = fs.statSync(file).size;
  const started = performance.now();
  const r = await request(t, 'POST', `/object/bench/${name}`, {
    headers: { 'content-type': 'application/octet-stream', 'content-length': size, 'x-upsert': 'true' },
    body: fs.createReadStream(file, { highWaterMark: MiB }),
  });
  if (r.status !== 200) throw new Error(`upload ${name}: HTTP ${r.status}`);
  return performance.now() - started;
}

async function download(t: Target, name: string, expectedMd5: string): Promise<number> {
  const started = performance.now();
  const r = await request(t, 'GET', `/object/bench/${name}`);
  if (r.status !== 200) throw new Error(`download ${name}: HTTP ${r.status}`);
  if (r.md5 !== expectedMd5) throw new Error(`download ${name}: bytes differ`);
  return performance.now() - started;
}

/** A file of random bytes, written a MiB at a time; returns its MD5. */
function makeFile(file: string, bytes: number): string {
  const hash = crypto.createHash('md5');
  const fd = fs.openSync(file, 'w');
  try {
    for (let left = bytes; left > 0; left -= MiB) {
      const chunk = crypto.randomBytes(Math.min(MiB, left));
      hash.update(chunk);
      fs.writeSync(fd, chunk);
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Peak RSS of `pid` while `work` runs, sampled every 5 ms. */
async function peakRss(pid: number, work: () => Promise<unknown>): Promise<number> {
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssBytes(pid));
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, rssBytes(pid));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function startChild(dataDir: string): Promise<{ child: ChildProcess; url: URL; key: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'storage.ts'), CHILD_FLAG], {
    cwd: projectDir,
    env: {
      ...process.env,
      BENCH_STORAGE_DIR: dataDir,
      BENCH_PORT: String(await freePort()),
      BENCH_DB_PORT: String(await freePort()),
      BENCH_MAIL_PORT: String(await freePort()),
      BENCH_SMTP_PORT: String(await freePort()),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stack not ready after 120 s:\n${output}`)), 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d;
      const m = /^ready (\S+) (\S+)$/m.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(`${m[1]} ${m[2]}`);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (output += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`stack exited (${code}) before ready:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  const [url, key] = ready.split(' ') as [string, string];
  return { child, url: new URL(url), key };
}

export default async function run(): Promise<BenchRow[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-bench-storage-'));
  fs.chmodSync(dataDir, 0o755);
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-bench-files-'));
  const { child, url, key } = await startChild(dataDir);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const t: Target = { url, key, agent };
  try {
    const created = await request(t, 'POST', '/bucket', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'bench', name: 'bench', public: false }),
    });
    if (created.status !== 200) throw new Error(`create bucket: HTTP ${created.status}`);

    const sizes = { small: MiB, medium: 50 * MiB, large: 200 * MiB };
    const files = Object.fromEntries(
      Object.entries(sizes).map(([k, bytes]) => {
        const file = path.join(filesDir, `${k}.bin`);
        return [k, { file, bytes, md5: makeFile(file, bytes) }];
      }),
    ) as Record<keyof typeof sizes, { file: string; bytes: number; md5: string }>;

    const rows: BenchRow[] = [];
    const throughput = async (label: string, f: { file: string; bytes: number; md5: string }, runs: number) => {
      const slug = label.replace(/\W+/g, '-');
      // warm-up: connection, plans, first blob directory
      await upload(t, `warm-${slug}`, f.file);
      await download(t, `warm-${slug}`, f.md5);
      const up: number[] = [];
      const down: number[] = [];
      for (let i = 0; i < runs; i++) up.push(await upload(t, `${slug}-${i}`, f.file));
      for (let i = 0; i < runs; i++) down.push(await download(t, `${slug}-${i}`, f.md5));
      const mibps = (ms: number) => f.bytes / MiB / (ms / 1000);
      rows.push(
        {
          metric: `upload ${label} (median of ${runs})`,
          value: mibps(median(up)),
          unit: 'MiB/s',
          note: `${median(up).toFixed(1)} ms per object`,
        },
        {
          metric: `download ${label} (median of ${runs})`,
          value: mibps(median(down)),
          unit: 'MiB/s',
          note: `${median(down).toFixed(1)} ms per object`,
        },
      );
    };
    await throughput('1 MiB', files.small, 30);
    await throughput('50 MiB', files.medium, 5);

    const pid = child.pid!;
    const baseline = rssBytes(pid);
    const upPeak = await peakRss(pid, () => upload(t, 'large', files.large.file));
    const downPeak = await peakRss(pid, () => download(t, 'large', files.large.md5));
    const toMiB = (b: number) => b / MiB;
    rows.push(
      { metric: 'stack RSS before the 200 MiB transfers', value: toMiB(baseline), unit: 'MiB' },
      {
        metric: 'stack peak RSS growth while uploading 200 MiB',
        value: toMiB(upPeak - baseline),
        unit: 'MiB',
        budget: 'flat (≪ 200 MiB)',
        note: `peak ${toMiB(upPeak).toFixed(0)} MiB`,
      },
      {
        metric: 'stack peak RSS growth while downloading 200 MiB',
        value: toMiB(downPeak - baseline),
        unit: 'MiB',
        budget: 'flat (≪ 200 MiB)',
        note: `peak ${toMiB(downPeak).toFixed(0)} MiB`,
      },
    );
    return rows;
  } finally {
    agent.destroy();
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
    fs.rmSync(filesDir, { recursive: true, force: true });
    // as root the cluster lives outside the data dir (stack/db/postgres.ts)
    const location = path.join(dataDir, 'pgdata.location');
    if (fs.existsSync(location)) fs.rmSync(fs.readFileSync(location, 'utf8').trim(), { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
