// Applies supabase/migrations/*.sql the way `supabase db push` / `db reset` do: in
// name order, each once, each in its own transaction, as the `postgres` login,
// recorded in supabase_migrations.schema_migrations(version, statements, name).
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly pgMessage: string,
    detail?: string,
    hint?: string,
  ) {
    super(
      `migration ${file}${line ? `:${line}` : ''} failed: ${pgMessage}` +
        (detail ? `\n  detail: ${detail}` : '') +
        (hint ? `\n  hint: ${hint}` : ''),
    );
  }
}

/** `20240101000000_create_things.sql` → version "20240101000000", name "create_things". */
export function parseMigrationName(file: string): { version: string; name: string } | undefined {
  const m = /^(\d+)_(.*)\.sql$/.exec(file);
  return m ? { version: m[1]!, name: m[2]! } : undefined;
}

/**
 * Splits SQL into statements the way the CLI records them: on semicolons outside
 * quotes, dollar quotes and comments.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === '/' && next === '*') {
      // Block comments nest in Postgres.
      let depth = 1;
      i += 2;
      while (i < sql.length && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
    } else if (c === "'" || c === '"') {
      i++;
      while (i < sql.length) {
        if (sql[i] === c && sql[i + 1] === c) i += 2;
        else if (sql[i] === c) break;
        else i++;
      }
      i++;
    } else if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (m && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
        const end = sql.indexOf(m[0], i + m[0].length);
        i = end < 0 ? sql.length : end + m[0].length;
      } else i++;
    } else if (c === ';') {
      const stmt = sql.slice(start, i).trim();
      if (stmt) out.push(stmt);
      start = ++i;
    } else i++;
  }
  const tail = sql.slice(start).trim();
  if (tail && !/^(--[^\n]*\n?|\s)*$/.test(tail)) out.push(tail);
  return out;
}

function lineOf(sql: string, position: string | undefined): number | undefined {
  const pos = Number(position);
  if (!Number.isFinite(pos) || pos <= 0) return undefined;
  return sql.slice(0, pos - 1).split('\n').length;
}

export interface MigrationResult {
  applied: string[];
  skipped: number;
}

export async function applyMigrations(dbUrl: string, migrationsDir: string): Promise<MigrationResult> {
  const files = fs.existsSync(migrationsDir)
    ? fs
        .readdirSync(migrationsDir)
        .filter((f) => parseMigrationName(f))
        .sort()
    : [];
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await client.query(`create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key, statements text[], name text)`);
    const done = new Set(
      (await client.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const applied: string[] = [];
    for (const file of files) {
      const { version, name } = parseMigrationName(file)!;
      if (done.has(version)) continue;
      const sql = fs.readFileSync(path.join(migrationsDir, file), 'utf8');
      try {
        await client.query('begin');
        await client.query(sql);
        await client.query('insert into supabase_migrations.schema_migrations(version, statements, name) values ($1, $2, $3)', [
          version,
          splitStatements(sql),
          name,
        ]);
        await client.query('commit');
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        const err = e as pg.DatabaseError;
        throw new MigrationError(file, lineOf(sql, err.position), err.message, err.detail, err.hint);
      }
      applied.push(file);
    }
    return { applied, skipped: files.length - applied.length };
  } finally {
    await client.end();
  }
}

/** Runs seed files (supabase/seed.sql) as the postgres login in one transaction. */
export async function applySeed(dbUrl: string, seedPaths: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const ran: string[] = [];
  try {
    for (const file of seedPaths) {
      if (!fs.existsSync(file)) continue;
      const sql = fs.readFileSync(file, 'utf8');
      try {
        await client.query('begin');
        await client.query(sql);
        await client.query('commit');
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        const err = e as pg.DatabaseError;
        throw new MigrationError(path.basename(file), lineOf(sql, err.position), err.message, err.detail, err.hint);
      }
      ran.push(file);
    }
    return ran;
  } finally {
    await client.end();
  }
}
