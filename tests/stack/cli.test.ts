// The real CLI: `npm run stack` prints `supabase status` and `ready`, `npm run db:reset`
// rebuilds the running stack's database, and a restart keeps the data.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports.ts';

const projectDir = path.resolve(import.meta.dirname, '../..');
let env: NodeJS.ProcessEnv;
let dataDir: string;
let child: ChildProcess | undefined;

function cli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'stack/cli.ts', ...args], {
    cwd: projectDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function untilReady(p: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    p.stdout!.on('data', (d: Buffer) => {
      out += d;
      if (/^ready$/m.test(out)) resolve(out);
    });
    p.stderr!.on('data', (d: Buffer) => (out += d));
    p.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

function exitOf(p: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => p.on('exit', (code) => resolve(code)));
}

async function query(sql: string): Promise<unknown[]> {
  const c = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${env.STACK_DB_PORT}/postgres` });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-cli-'));
  fs.chmodSync(dataDir, 0o755);
  env = {
    STACK_DATA_DIR: dataDir,
    STACK_PORT: String(await freePort()),
    STACK_DB_PORT: String(await freePort()),
    STACK_MAIL_PORT: String(await freePort()),
    STACK_SMTP_PORT: String(await freePort()),
  };
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGINT');
    await exitOf(child);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run stack', () => {
  it('prints the status block and ready, with the CLI defaults for credentials', async () => {
    child = cli(['stack']);
    const out = await untilReady(child);
    expect(out).toContain(`API URL: http://127.0.0.1:${env.STACK_PORT}`);
    expect(out).toContain(`DB URL: postgresql://postgres:postgres@127.0.0.1:${env.STACK_DB_PORT}/postgres`);
    expect(out).toContain('JWT secret: super-secret-jwt-token-with-at-least-32-characters-long');
    expect(out).toContain(
      'anon key: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0',
    );
    expect(out).toMatch(/service_role key: eyJ[\w-]+\.[\w-]+\.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU/);
    // The demo seed ran on the fresh data dir.
    expect(await query('select email from auth.users order by email')).toContainEqual({ email: 'demo@ledgerline.test' });
  });

  it('db:reset against the running stack drops data and re-seeds', async () => {
    await query(`insert into auth.users (id, email, aud, role) values (gen_random_uuid(), 'temp@example.com', 'authenticated', 'authenticated')`);
    const reset = cli(['db:reset']);
    let out = '';
    reset.stdout!.on('data', (d: Buffer) => (out += d));
    reset.stderr!.on('data', (d: Buffer) => (out += d));
    expect(await exitOf(reset)).toBe(0);
    expect(out).toContain('Database reset');
    const emails = (await query('select email from auth.users order by email')) as { email: string }[];
    expect(emails).toContainEqual({ email: 'demo@ledgerline.test' });
    expect(emails).not.toContainEqual({ email: 'temp@example.com' });
    expect(await query(`select slug from public.organizations order by slug`)).toEqual([{ slug: 'globex' }, { slug: 'northwind' }]);
  });

  it('stops on SIGINT and keeps its data across a restart', async () => {
    await query(`insert into auth.users (id, email, aud, role) values (gen_random_uuid(), 'kept@example.com', 'authenticated', 'authenticated')`);
    child!.kill('SIGINT');
    expect(await exitOf(child!)).toBe(0);
    child = cli(['stack']);
    await untilReady(child);
    expect(await query(`select email from auth.users where email = 'kept@example.com'`)).toEqual([{ email: 'kept@example.com' }]);
  });
});
