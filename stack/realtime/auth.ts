// Token checks and Realtime Authorization (private channels), as Supabase Realtime
// does them: lib/realtime_web/channels/auth/{channels_authorization,jwt_verification}.ex
// and lib/realtime/tenants/authorization.ex.
import crypto from 'node:crypto';
import type pg from 'pg';

export type Claims = Record<string, unknown> & { role?: string; sub?: string; exp?: number };

export type TokenResult =
  | { ok: true; claims: Claims }
  | {
      ok: false;
      /** Realtime's error atom, which picks the message per call site. */
      kind: 'malformed' | 'signature' | 'expired' | 'missing_claims' | 'invalid';
      /** For `expired`: "Token has expired N seconds ago". */
      message?: string;
    };

const HS = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const;

/**
 * ChannelsAuthorization.authorize_conn: whitespace stripped and URI-decoded, HS*
 * signature, `exp` a number in the future, `iat` a number when present, then `role`
 * and `exp` required.
 */
export function authorizeToken(raw: unknown, secret: string, now = Date.now() / 1000): TokenResult {
  if (typeof raw !== 'string') return { ok: false, kind: 'invalid' };
  let token: string;
  try {
    token = decodeURIComponent(raw).replace(/\s/g, '');
  } catch {
    token = raw.replace(/\s/g, '');
  }
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, kind: 'malformed' };
  const [h, p, s] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let claims: Claims;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, kind: 'malformed' };
  }
  if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object' || Array.isArray(claims)) {
    return { ok: false, kind: 'malformed' };
  }
  const alg = HS[header.alg as keyof typeof HS];
  if (!alg) return { ok: false, kind: 'signature' };
  const expected = crypto.createHmac(alg, secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return { ok: false, kind: 'signature' };
  }
  const nowInt = Math.floor(now);
  if ('exp' in claims) {
    if (typeof claims.exp !== 'number' || !(claims.exp > nowInt)) {
      if (typeof claims.exp === 'number') {
        return {
          ok: false,
          kind: 'expired',
          message: `Token has expired ${nowInt - Math.round(claims.exp)} seconds ago`,
        };
      }
      return { ok: false, kind: 'invalid' };
    }
  }
  if ('iat' in claims && typeof claims.iat !== 'number') return { ok: false, kind: 'invalid' };
  if (!('role' in claims) || !('exp' in claims)) return { ok: false, kind: 'missing_claims' };
  if (typeof claims.exp === 'number') claims.exp = Math.round(claims.exp);
  if (typeof claims.iat === 'number') claims.iat = Math.round(claims.iat);
  return { ok: true, claims };
}

export interface Policies {
  broadcast: { read: boolean | null; write: boolean | null };
  presence: { read: boolean | null; write: boolean | null };
}

export function emptyPolicies(): Policies {
  return { broadcast: { read: null, write: null }, presence: { read: null, write: null } };
}

export interface AuthContext {
  topic: string;
  claims: Claims;
  /** Request headers as Realtime passes them to `request.headers`. */
  headers: Record<string, string>;
}

export class PolicyError extends Error {}

type Extension = 'broadcast' | 'presence';

async function setConnConfig(client: pg.PoolClient, ctx: AuthContext): Promise<void> {
  const role = typeof ctx.claims.role === 'string' ? ctx.claims.role : '';
  const sub = typeof ctx.claims.sub === 'string' ? ctx.claims.sub : '';
  await client.query(
    `select set_config('role', $1, true), set_config('realtime.topic', $2, true),
            set_config('request.jwt.claims', $3, true), set_config('request.jwt.claim.sub', $4, true),
            set_config('request.jwt.claim.role', $5, true), set_config('request.headers', $6, true)`,
    [role, ctx.topic, JSON.stringify(ctx.claims), sub, role, JSON.stringify(ctx.headers)],
  );
}

/**
 * Read check: probe rows (one per extension) inserted by the privileged connection,
 * then read back as the user; visible rows mean read is allowed. Rolled back.
 */
export async function readAuthorizations(
  pool: pg.Pool,
  policies: Policies,
  ctx: AuthContext,
  extensions: Extension[],
): Promise<Policies> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const ids = new Map(extensions.map((e) => [e, crypto.randomUUID()] as const));
    try {
      await client.query(
        `insert into realtime.messages (id, topic, extension, inserted_at, updated_at)
         select id, $2, ext, now() at time zone 'utc', now() at time zone 'utc'
         from unnest($1::uuid[], $3::text[]) as t(id, ext)`,
        [[...ids.values()], ctx.topic, [...ids.keys()]],
      );
      await setConnConfig(client, ctx);
      const { rows } = await client.query<{ id: string }>(
        'select id from realtime.messages where id = any($1::uuid[])',
        [[...ids.values()]],
      );
      const seen = new Set(rows.map((r) => r.id));
      const out: Policies = structuredClone(policies);
      for (const [ext, id] of ids) out[ext].read = seen.has(id);
      return out;
    } catch (e) {
      throw new PolicyError((e as Error).message);
    } finally {
      await client.query('rollback').catch(() => undefined);
    }
  } finally {
    client.release();
  }
}

/** Write check: insert as the user inside a savepoint; 42501 means not allowed. Rolled back. */
export async function writeAuthorizations(
  pool: pg.Pool,
  policies: Policies,
  ctx: AuthContext,
  extensions: Extension[],
): Promise<Policies> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    try {
      await setConnConfig(client, ctx);
      const out: Policies = structuredClone(policies);
      for (const ext of ['broadcast', 'presence'] as const) {
        if (!extensions.includes(ext)) {
          out[ext].write = false;
          continue;
        }
        await client.query('savepoint probe');
        try {
          await client.query(
            `insert into realtime.messages (topic, extension, inserted_at, updated_at)
             values ($1, $2, now() at time zone 'utc', now() at time zone 'utc')`,
            [ctx.topic, ext],
          );
          out[ext].write = true;
        } catch (e) {
          if ((e as { code?: string }).code !== '42501') throw e;
          out[ext].write = false;
        }
        await client.query('rollback to savepoint probe');
      }
      return out;
    } catch (e) {
      throw new PolicyError((e as Error).message);
    } finally {
      await client.query('rollback').catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
