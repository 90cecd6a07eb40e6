// What every stack service receives: configuration, connection pools, and a way to
// log and to hear about schema changes. Services never import each other; the
// gateway routes to them by URL prefix.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { StackConfig } from './config.ts';

export interface StackContext {
  config: StackConfig;
  /** Superuser (supabase_admin) pool for the stack's own bookkeeping; never runs user SQL unscoped. */
  adminPool: pg.Pool;
  /** `authenticator` pool: API services switch to the caller's role per transaction (SET LOCAL ROLE). */
  authenticatorPool: pg.Pool;
  /**
   * Events: 'schema-changed' (after migrations, `NOTIFY pgrst, 'reload schema'`, or DDL),
   * 'config-reload' (`NOTIFY pgrst, 'reload config'`).
   */
  events: EventEmitter;
  log(service: string, message: string): void;
}

/** One Supabase service mounted by the gateway under `prefix` (e.g. "/rest/v1"). */
export interface StackService {
  name: string;
  /** URL prefix without trailing slash; the handler gets the path after it ("" or starting with "/"). */
  prefix: string;
  /** Called once the database is migrated and ready. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  handle(req: IncomingMessage, res: ServerResponse, subpath: string): Promise<void> | void;
  /** Optional websocket upgrade handling (Realtime). */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer, subpath: string): void;
}
