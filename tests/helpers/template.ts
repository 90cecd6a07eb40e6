// Builds the Postgres clusters every stack-backed test file clones: "bare" (Supabase
// bootstrap only, for protocol fixtures) and "migrated" (plus the project's
// migrations). Cloning a stopped cluster is much faster than initdb + migrations.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../stack/config.ts';
import { applyBootstrap, cloneCluster, initCluster, PostgresProcess, preparePgInstall, waitForConnections } from '../../stack/db/postgres.ts';
import { applyMigrations } from '../../stack/db/migrations.ts';
import { freePort } from './ports.ts';

export interface Templates {
  root: string;
  bare: string;
  migrated: string;
}

export async function buildTemplates(): Promise<Templates> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-template-'));
  fs.chmodSync(root, 0o755);
  const install = preparePgInstall();
  const bare = path.join(root, 'bare');
  const migrated = path.join(root, 'migrated');
  const dbPort = await freePort();
  const config = loadConfig({ dataDir: root, dbPort });
  await initCluster(install, bare, config.dbPassword);
  let pgProcess = new PostgresProcess(install, bare, { host: config.host, port: dbPort, fast: true });
  await pgProcess.start();
  try {
    await waitForConnections(config.adminDbUrl);
    await applyBootstrap(config);
  } finally {
    await pgProcess.stop();
  }
  cloneCluster(bare, migrated, install);
  pgProcess = new PostgresProcess(install, migrated, { host: config.host, port: dbPort, fast: true });
  await pgProcess.start();
  try {
    await waitForConnections(config.adminDbUrl);
    await applyMigrations(config.dbUrl, config.migrationsDir);
  } finally {
    await pgProcess.stop();
  }
  return { root, bare, migrated };
}
