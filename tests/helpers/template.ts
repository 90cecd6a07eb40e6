// Builds the Postgres clusters every stack-backed test file clones: "bare" (Supabase
// bootstrap only, for protocol fixtures) and "migrated" (plus the project's
// migrations). Cloning a stopped cluster is much faster than initdb + migrations.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../stack/config.ts';
import { applyBootstrap, cloneCluster, preparePgInstall, withCluster } from '../../stack/db/postgres.ts';
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
  await withCluster(install, bare, config, () => applyBootstrap(config));
  cloneCluster(bare, migrated, install);
  await withCluster(install, migrated, config, () => applyMigrations(config.dbUrl, config.migrationsDir));
  return { root, bare, migrated };
}
