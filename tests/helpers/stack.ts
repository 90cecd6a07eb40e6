// Starts a private local stack for one test file (or one benchmark): free ports, a
// temp data dir, a database cloned from the template the global setup built.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { ConfigOverrides, StackConfig } from '../../stack/config.ts';
import { startStack, type RunningStack } from '../../stack/stack.ts';
import { freePort } from './ports.ts';

export interface TestStackOptions {
  /** Fixture SQL run as superuser after migrations, before services start. */
  sql?: string;
  /** Apply the project's migrations (default true). */
  projectMigrations?: boolean;
  /** Load supabase/seed.sql (default false). */
  seed?: boolean;
  config?: ConfigOverrides;
  /** Print stack logs (also STACK_TEST_LOG=1). */
  log?: boolean;
}

export interface TestStack {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  dbUrl: string;
  adminDbUrl: string;
  mailUrl: string;
  dataDir: string;
  config: StackConfig;
  running: RunningStack;
  /** Runs SQL as the superuser supabase_admin. */
  sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
  /** Stops and starts the stack on the same data dir and ports (state survives). */
  restart(): Promise<void>;
}

function templateFor(projectMigrations: boolean): string | undefined {
  try {
    return inject(projectMigrations ? 'templateMigrated' : 'templateBare');
  } catch {
    // Outside vitest (benchmarks): no template, a fresh initdb instead.
    return undefined;
  }
}

export async function startTestStack(opts: TestStackOptions = {}): Promise<TestStack> {
  const projectMigrations = opts.projectMigrations ?? true;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-stack-'));
  fs.chmodSync(dataDir, 0o755);
  const verbose = opts.log || process.env.STACK_TEST_LOG === '1';
  const baseOpts = {
    ...opts.config,
    projectDir: opts.config?.projectDir ?? path.resolve(import.meta.dirname, '../..'),
    dataDir,
    seedEnabled: opts.seed ?? false,
    migrationsDir: projectMigrations ? opts.config?.migrationsDir : path.join(dataDir, 'no-migrations'),
    fast: true,
    log: verbose ? (s: string, m: string) => console.log(`[${s}] ${m}`) : () => undefined,
  };
  // Ports are free when chosen but another test file may take one before the stack binds it:
  // then the stack stops what it started, and it starts again on other ports.
  const startOnFreePorts = async (): Promise<RunningStack> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await startStack({
          ...baseOpts,
          port: await freePort(),
          dbPort: await freePort(),
          mailPort: await freePort(),
          smtpPort: await freePort(),
          templateClusterDir: templateFor(projectMigrations),
          fixtureSql: opts.sql,
        });
      } catch (error) {
        if (attempt >= 3 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      }
    }
  };
  let running = await startOnFreePorts();
  const pool = () => new pg.Client({ connectionString: running.config.adminDbUrl });
  const stack: TestStack = {
    url: running.config.apiUrl,
    anonKey: running.config.anonKey,
    serviceRoleKey: running.config.serviceRoleKey,
    jwtSecret: running.config.jwtSecret,
    dbUrl: running.config.dbUrl,
    adminDbUrl: running.config.adminDbUrl,
    mailUrl: `http://${running.config.host}:${running.config.mailPort}`,
    dataDir,
    config: running.config,
    running,
    async sql(text, params) {
      const c = pool();
      await c.connect();
      try {
        return (await c.query(text, params)).rows;
      } finally {
        await c.end();
      }
    },
    async stop() {
      await running.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      const location = path.join(dataDir, 'pgdata.location');
      if (fs.existsSync(location)) fs.rmSync(fs.readFileSync(location, 'utf8').trim(), { recursive: true, force: true });
    },
    async restart() {
      await running.stop();
      // The same ports, so clients made before the restart reach it again.
      const { port, dbPort, mailPort, smtpPort } = running.config;
      running = await startStack({ ...baseOpts, port, dbPort, mailPort, smtpPort });
      stack.running = running;
    },
  };
  return stack;
}
