// Starts the whole local stack: Postgres (initialised, bootstrapped, migrated and
// seeded on a fresh data dir), the mail catcher, the background workers of the
// pg_net / pg_cron stand-ins, and the gateway with every service behind it.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type ConfigOverrides, type StackConfig } from './config.ts';
import type { StackContext, StackService } from './context.ts';
import {
  applyBootstrap,
  cloneCluster,
  clusterDir,
  clusterExists,
  initCluster,
  preparePgInstall,
  PostgresProcess,
  waitForConnections,
} from './db/postgres.ts';
import { applyMigrations, applySeed, type MigrationResult } from './db/migrations.ts';
import { createGateway, type Gateway } from './gateway.ts';
import { loadServices, loadSidecars, type Sidecar } from './services.ts';

// pg returns bigint (int8) as string by default; keep it so (exactness), but parse
// nothing else specially: services format values themselves.

export interface StartOptions extends ConfigOverrides {
  /** Apply migrations (default true). */
  migrate?: boolean;
  /** Durability off: for tests and benchmarks. */
  fast?: boolean;
  /** A stopped cluster to copy instead of running initdb (test template). */
  templateClusterDir?: string;
  /** SQL run as superuser after migrations on a fresh cluster (test fixtures). */
  fixtureSql?: string;
  /** Log lines from services and Postgres. */
  log?: (service: string, message: string) => void;
}

export interface RunningStack {
  config: StackConfig;
  ctx: StackContext;
  clusterDir: string;
  fresh: boolean;
  migrations: MigrationResult;
  timings: Record<string, number>;
  stop(): Promise<void>;
  /** Drop the database, re-apply bootstrap, migrations and seed, restart the services. */
  reset(): Promise<void>;
}

async function resetDatabase(config: StackConfig): Promise<void> {
  const client = new pg.Client({ connectionString: config.adminDbUrl.replace(/\/postgres$/, '/template1') });
  await client.connect();
  try {
    await client.query(`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = 'postgres' and pid <> pg_backend_pid()`);
    await client.query(`select pg_drop_replication_slot(slot_name) from pg_replication_slots where database = 'postgres'`);
    await client.query('drop database if exists postgres with (force)');
    await client.query('create database postgres');
  } finally {
    await client.end();
  }
}

export async function startStack(opts: StartOptions = {}): Promise<RunningStack> {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const mark = (name: string) => (timings[name] = Math.round(performance.now() - t0));
  const config = loadConfig(opts);
  const log = opts.log ?? ((service: string, message: string) => console.log(`[${service}] ${message}`));
  fs.mkdirSync(config.dataDir, { recursive: true });

  const install = preparePgInstall();
  const dir = clusterDir(config.dataDir, install);
  const fresh = !clusterExists(dir);
  if (fresh && opts.templateClusterDir) {
    cloneCluster(opts.templateClusterDir, dir, install);
  } else if (fresh) {
    await initCluster(install, dir, config.dbPassword);
  }
  mark('initdb');
  const postgres = new PostgresProcess(install, dir, {
    host: config.host,
    port: config.dbPort,
    fast: opts.fast,
    onLog: (line) => {
      if (/\b(ERROR|FATAL|PANIC|WARNING)\b/.test(line) && !/terminating connection due to administrator/.test(line)) {
        log('postgres', line);
      }
    },
  });
  await postgres.start();
  await waitForConnections(config.adminDbUrl);
  mark('postgres');

  const cloned = fresh && !!opts.templateClusterDir;
  if (fresh && !cloned) await applyBootstrap(config);
  mark('bootstrap');
  let migrations: MigrationResult = { applied: [], skipped: 0 };
  if (opts.migrate !== false) migrations = await applyMigrations(config.dbUrl, config.migrationsDir);
  if (fresh && opts.fixtureSql) await runSuperuserSql(config, opts.fixtureSql);
  // A cloned template has no seed; seed it only when asked explicitly.
  if (fresh && config.seedEnabled && (!cloned || opts.seedEnabled === true)) await applySeed(config.dbUrl, config.seedPaths);
  await storeVaultSecrets(config);
  mark('migrations');

  const events = new EventEmitter();
  events.setMaxListeners(50);
  const ctx: StackContext = {
    config,
    adminPool: new pg.Pool({ connectionString: config.adminDbUrl, max: 10, idleTimeoutMillis: 30_000 }),
    authenticatorPool: new pg.Pool({ connectionString: config.authenticatorDbUrl, max: 40, idleTimeoutMillis: 30_000 }),
    events,
    log,
  };
  for (const pool of [ctx.adminPool, ctx.authenticatorPool]) {
    // An idle client dying (e.g. during db:reset) must not crash the stack.
    pool.on('error', (e) => log('pool', e.message));
  }

  // NOTIFY pgrst, 'reload schema' | 'reload config' → events for the services.
  let listener: pg.Client | undefined;
  let reloadTimer: NodeJS.Timeout | undefined;
  const listen = async () => {
    listener = new pg.Client({ connectionString: config.adminDbUrl });
    listener.on('error', () => undefined);
    await listener.connect();
    listener.on('notification', (n) => {
      if (n.channel !== 'pgrst') return;
      const what = (n.payload ?? '').trim().toLowerCase();
      if (what === 'reload config') events.emit('config-reload');
      else if (what === '' || what === 'reload schema') {
        // DDL bursts (a migration) arrive as many notifications: rebuild once.
        clearTimeout(reloadTimer);
        reloadTimer = setTimeout(() => events.emit('schema-changed'), 50);
      }
    });
    await listener.query('listen pgrst');
  };
  await listen();

  let services: StackService[] = [];
  let sidecars: Sidecar[] = [];
  const startServices = async () => {
    services = await loadServices(ctx);
    for (const s of services) await s.start?.();
    sidecars = await loadSidecars(ctx);
  };
  const stopServices = async () => {
    for (const s of sidecars.reverse()) await s.stop().catch((e) => log('stack', `stop: ${e}`));
    for (const s of [...services].reverse()) await s.stop?.().catch((e) => log('stack', `stop ${s.name}: ${e}`));
    sidecars = [];
    services = [];
  };
  const gateway: Gateway = createGateway(config, () => services);
  try {
    await startServices();
    mark('services');
    await gateway.listen();
  } catch (error) {
    // E.g. a port taken since it was chosen (EADDRINUSE): leave nothing running behind.
    clearTimeout(reloadTimer);
    await stopServices();
    await listener?.end().catch(() => undefined);
    await ctx.adminPool.end().catch(() => undefined);
    await ctx.authenticatorPool.end().catch(() => undefined);
    await postgres.stop();
    throw error;
  }
  mark('ready');

  let stopped = false;
  const onExit = () => postgres.killNow();
  process.once('exit', onExit);

  return {
    config,
    ctx,
    clusterDir: dir,
    fresh,
    migrations,
    timings,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', onExit);
      clearTimeout(reloadTimer);
      await gateway.close();
      await stopServices();
      await listener?.end().catch(() => undefined);
      await ctx.adminPool.end().catch(() => undefined);
      await ctx.authenticatorPool.end().catch(() => undefined);
      await postgres.stop();
    },
    async reset() {
      await stopServices();
      await listener?.end().catch(() => undefined);
      await resetDatabase(config);
      await applyBootstrap(config);
      await applyMigrations(config.dbUrl, config.migrationsDir);
      if (config.seedEnabled) await applySeed(config.dbUrl, config.seedPaths);
      await storeVaultSecrets(config);
      await listen();
      await startServices();
      events.emit('schema-changed');
    },
  };
}

/**
 * What a project stores in Vault once per environment so Postgres can call its
 * edge functions (Supabase's documented pg_net pattern): the URL and service key.
 * Locally they change with the port, so the stack keeps them current.
 */
async function storeVaultSecrets(config: StackConfig): Promise<void> {
  const client = new pg.Client({ connectionString: config.adminDbUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`select to_regclass('vault.secrets') is not null as has_vault`);
    if (!rows[0]?.has_vault) return;
    for (const [name, secret] of [
      ['project_url', config.apiUrl],
      ['service_role_key', config.serviceRoleKey],
    ] as const) {
      const existing = await client.query<{ id: string }>('select id from vault.secrets where name = $1', [name]);
      if (existing.rows[0]) await client.query('select vault.update_secret($1, $2)', [existing.rows[0].id, secret]);
      else await client.query('select vault.create_secret($1, $2)', [secret, name]);
    }
  } finally {
    await client.end();
  }
}

/** Runs SQL as the superuser (test fixtures, tooling). */
export async function runSuperuserSql(config: StackConfig, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: config.adminDbUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Drops the database of a stack that is not running and rebuilds it. */
export async function resetStoppedStack(opts: StartOptions = {}): Promise<void> {
  const config = loadConfig(opts);
  const install = preparePgInstall();
  const dir = clusterDir(config.dataDir, install);
  if (!clusterExists(dir)) {
    // Nothing to reset: a fresh start does the whole job.
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await initCluster(install, dir, config.dbPassword);
  }
  const postgres = new PostgresProcess(install, dir, { host: config.host, port: config.dbPort });
  await postgres.start();
  try {
    await waitForConnections(config.adminDbUrl.replace(/\/postgres$/, '/template1'));
    await resetDatabase(config);
    await applyBootstrap(config);
    await applyMigrations(config.dbUrl, config.migrationsDir);
    if (config.seedEnabled) await applySeed(config.dbUrl, config.seedPaths);
  } finally {
    await postgres.stop();
  }
}
