// One transaction per operation on the authenticator pool, scoped like
// storage-api's (src/internal/database/connection.ts setScope): the caller's role,
// its claims, the request, the storage operation, and permission to delete rows
// (storage.allow_delete_query) — so the project's RLS policies on storage.objects
// and storage.buckets decide, and service_role bypasses them.
import type pg from 'pg';
import type { Caller } from './auth.ts';
import { fromPgError, StorageError } from './errors.ts';

export interface RequestScope {
  headers: Record<string, string>;
  method: string;
  /** The URL after /storage/v1, query included (storage-api's request.url). */
  path: string;
  /** e.g. 'storage.object.upload', readable in policies through storage.operation(). */
  operation: string;
  /** Take this advisory lock (storage-api's waitObjectLock) with the scope, in the same round trip. */
  lockKey?: string;
}

// storage-api's connection search path.
const SEARCH_PATH = 'storage, public, extensions';

export class Tx {
  constructor(
    readonly client: pg.PoolClient,
    private readonly caller: Caller,
  ) {}

  async query<R extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    params: unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    return this.client.query<R>(text, params);
  }

  /**
   * Runs `fn` as service_role inside the same transaction (storage-api's
   * asSuperUser steps: bucket lookups, finding the version a write replaces).
   */
  async asService<T>(fn: () => Promise<T>): Promise<T> {
    if (this.caller.role === 'service_role') return fn();
    await this.client.query(`select set_config('role', 'service_role', true)`);
    try {
      return await fn();
    } finally {
      await this.client.query(`select set_config('role', $1, true)`, [this.caller.role]);
    }
  }
}

async function setScope(client: pg.PoolClient, caller: Caller, scope: RequestScope): Promise<void> {
  await client.query(
    `select set_config('search_path', $1, true),
            set_config('role', $2, true),
            set_config('request.jwt.claim.role', $2, true),
            set_config('request.jwt', $3, true),
            set_config('request.jwt.claim.sub', $4, true),
            set_config('request.jwt.claims', $5, true),
            set_config('request.headers', $6, true),
            set_config('request.method', $7, true),
            set_config('request.path', $8, true),
            set_config('storage.operation', $9, true),
            set_config('storage.allow_delete_query', 'true', true),
            case when $10::text is not null then pg_advisory_xact_lock(hashtextextended($10::text, 0)) end`,
    [
      SEARCH_PATH,
      caller.role,
      caller.jwt,
      caller.sub ?? '',
      JSON.stringify(caller.authenticated ? caller.claims : { role: 'anon' }),
      JSON.stringify(scope.headers),
      scope.method,
      scope.path,
      scope.operation,
      scope.lockKey ?? null,
    ],
  );
}

/**
 * Runs `fn` in a transaction as `caller`. Postgres errors become storage-api's
 * errors. With `rollback`, the work is always undone (a permission probe) and
 * `fn`'s result is still returned.
 */
export async function transaction<T>(
  pool: pg.Pool,
  caller: Caller,
  scope: RequestScope,
  fn: (tx: Tx) => Promise<T>,
  opts: { rollback?: boolean } = {},
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('begin');
    try {
      await setScope(client, caller, scope);
      const result = await fn(new Tx(client, caller));
      await client.query(opts.rollback ? 'rollback' : 'commit');
      return result;
    } catch (e) {
      await client.query('rollback').catch(() => {
        broken = true;
      });
      throw e instanceof StorageError ? e : fromPgError(e);
    }
  } catch (e) {
    throw e instanceof StorageError ? e : fromPgError(e);
  } finally {
    client.release(broken ? true : undefined);
  }
}
