// Entry point of `npm run stack`, `npm run dev`, `npm run db:reset` and
// `npm run functions:cache`.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type StackConfig } from './config.ts';
import { MigrationError } from './db/migrations.ts';
import { resetStoppedStack, startStack, type RunningStack } from './stack.ts';

const command = process.argv[2] ?? 'stack';

/** What `supabase status` prints. */
export function statusLines(config: StackConfig): string[] {
  const rows: [string, string][] = [
    ['API URL', config.apiUrl],
    ['GraphQL URL', `${config.apiUrl}/graphql/v1`],
    ['Storage URL', `${config.apiUrl}/storage/v1`],
    ['Functions URL', `${config.apiUrl}/functions/v1`],
    ['DB URL', config.dbUrl],
    ['Mailpit URL', `http://${config.host}:${config.mailPort}`],
    ['JWT secret', config.jwtSecret],
    ['anon key', config.anonKey],
    ['service_role key', config.serviceRoleKey],
    ['Publishable key', config.publishableKey],
    ['Secret key', config.secretKey],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padStart(width)}: ${v}`);
}

function pidFile(config: StackConfig): string {
  return path.join(config.dataDir, 'stack.pid');
}
function resetStatusFile(config: StackConfig): string {
  return path.join(config.dataDir, 'reset.status');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function fail(e: unknown): never {
  if (e instanceof MigrationError) console.error(`\n${e.message}\n`);
  else console.error(e);
  process.exit(1);
}

async function runStack(withVite: boolean): Promise<void> {
  let stack: RunningStack;
  try {
    stack = await startStack({ watch: withVite });
  } catch (e) {
    fail(e);
  }
  const { config } = stack;
  fs.writeFileSync(pidFile(config), String(process.pid));
  if (stack.migrations.applied.length) console.log(`Applied migrations: ${stack.migrations.applied.join(', ')}`);
  console.log(
    `\nStarted local stack in ${(stack.timings.ready! / 1000).toFixed(1)}s${stack.fresh ? ' (fresh data dir)' : ''}.\n`,
  );
  for (const line of statusLines(config)) console.log(line);

  let vite: { close(): Promise<void> } | undefined;
  if (withVite) {
    process.env.VITE_SUPABASE_URL = config.apiUrl;
    process.env.VITE_SUPABASE_ANON_KEY = config.anonKey;
    const { createServer } = await import('vite');
    const server = await createServer({ root: config.projectDir });
    await server.listen();
    vite = server;
    console.log('');
    server.printUrls();
  }
  console.log('ready');

  // `npm run db:reset` in another terminal asks the running stack to reset itself.
  process.on('SIGUSR2', () => {
    const status = resetStatusFile(config);
    stack
      .reset()
      .then(() => fs.writeFileSync(status, 'done\n'))
      .catch((e: Error) => fs.writeFileSync(status, `error: ${e.message}\n`));
  });

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping...');
    await vite?.close();
    await stack.stop();
    fs.rmSync(pidFile(config), { force: true });
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function dbReset(): Promise<void> {
  const config = loadConfig();
  const pidPath = pidFile(config);
  const pid = fs.existsSync(pidPath) ? Number(fs.readFileSync(pidPath, 'utf8')) : 0;
  if (pid && isAlive(pid)) {
    const status = resetStatusFile(config);
    fs.rmSync(status, { force: true });
    process.kill(pid, 'SIGUSR2');
    const deadline = Date.now() + 120_000;
    while (!fs.existsSync(status)) {
      if (Date.now() > deadline) fail(new Error('The running stack did not finish the reset within 120 s'));
      await new Promise((r) => setTimeout(r, 200));
    }
    const result = fs.readFileSync(status, 'utf8').trim();
    if (result !== 'done') fail(new Error(result));
  } else {
    await resetStoppedStack().catch(fail);
  }
  console.log('Database reset: migrations re-applied and seed loaded.');
}

/** Types from a throwaway, freshly migrated cluster, so local data never leaks in. */
async function genTypes(): Promise<void> {
  const os = await import('node:os');
  const { generateTypes } = await import('./typegen.ts');
  const { preparePgInstall, applyBootstrap, withCluster } = await import('./db/postgres.ts');
  const { applyMigrations } = await import('./db/migrations.ts');
  const { freePort } = await import('./ports.ts');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-typegen-'));
  fs.chmodSync(tmp, 0o755);
  const config = loadConfig({ dataDir: tmp, dbPort: await freePort() });
  try {
    const text = await withCluster(preparePgInstall(), path.join(tmp, 'pgdata'), config, async () => {
      await applyBootstrap(config);
      await applyMigrations(config.dbUrl, config.migrationsDir);
      return generateTypes(config.dbUrl, config.api.schemas);
    });
    const target = path.join(config.projectDir, 'src/lib/database.types.ts');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    console.log(`Wrote ${path.relative(config.projectDir, target)}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function functionsCache(): Promise<void> {
  const config = loadConfig();
  const mod = await import('./functions/index.ts');
  await mod.cacheFunctionDeps(config);
  console.log('Edge function dependencies cached.');
}

switch (command) {
  case 'stack':
    await runStack(false);
    break;
  case 'dev':
    await runStack(true);
    break;
  case 'db:reset':
    await dbReset();
    break;
  case 'gen:types':
    await genTypes();
    break;
  case 'functions:cache':
    await functionsCache();
    break;
  default:
    console.error(`Unknown command "${command}". Use: stack | dev | db:reset | gen:types | functions:cache`);
    process.exit(2);
}
