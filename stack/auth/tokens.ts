// Sessions, refresh tokens and access tokens (GoTrue internal/tokens/service.go and
// models/{sessions,refresh_token,amr}.go), with GoTrue's default legacy refresh
// tokens: 12 random characters in auth.refresh_tokens, rotated on every use, a
// revoked token reusable for `refresh_token_reuse_interval` seconds, and reuse after
// that revoking the whole session's token family.
import type pg from 'pg';
import { signJwtSync } from '../jwt.ts';
import { AuthError, badRequest, OAuthError } from './errors.ts';
import { audit, findUserById, isBanned, timeMs, userJson, withTx, type Db, type UserRow } from './store.ts';
import { secureAlphanumeric } from './util.ts';

export interface GrantParams {
  userAgent: string;
  ip: string;
}

export interface TokenSettings {
  jwtSecret: string;
  issuer: string;
  jwtExpiry: number;
  rotation: boolean;
  reuseIntervalSeconds: number;
}

export interface SessionResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: Record<string, unknown>;
  weak_password?: { message: string; reasons: string[] };
}

/** Methods whose AMR claim raises a session to aal2 (AMRClaim.IsAAL2Claim). */
const AAL2_METHODS = new Set(['totp', 'mfa/phone', 'mfa/webauthn']);

interface SessionRow {
  id: string;
  user_id: string;
  created_at: string;
  not_after: string | null;
  aal: string | null;
  refreshed_at: string | null;
}

/** tokens.Service.GenerateAccessToken: claims in GoTrue's field order, aud as a plain string. */
export async function generateAccessToken(
  db: Db,
  settings: TokenSettings,
  user: UserRow,
  sessionId: string,
  /** The session's AMR claims when the caller already has them (a session just created). */
  known?: { method: string; ts: string }[],
): Promise<{ token: string; expiresAt: number }> {
  const rows =
    known ??
    (
      await db.query<{ method: string; ts: string }>(
        `select authentication_method as method, extract(epoch from updated_at)::bigint::text as ts
         from auth.mfa_amr_claims where session_id = $1`,
        [sessionId],
      )
    ).rows;
  let aal = 'aal1';
  const amr = rows
    .map((r) => {
      if (AAL2_METHODS.has(r.method)) aal = 'aal2';
      return { method: r.method, timestamp: Number(r.ts) };
    })
    .sort((a, b) => b.timestamp - a.timestamp);
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + settings.jwtExpiry;
  const claims: Record<string, unknown> = {
    iss: settings.issuer,
    sub: user.id,
    aud: user.aud ?? '',
    exp,
    iat,
    email: user.email ?? '',
    phone: user.phone ?? '',
    app_metadata: user.raw_app_meta_data ?? null,
    user_metadata: user.raw_user_meta_data ?? null,
    role: user.role ?? '',
    aal,
  };
  if (amr.length) claims.amr = amr;
  claims.session_id = sessionId;
  claims.is_anonymous = user.is_anonymous;
  return { token: signJwtSync(claims, settings.jwtSecret), expiresAt: exp };
}

async function insertRefreshToken(db: Db, userId: string, sessionId: string, parent: string | null): Promise<string> {
  const token = secureAlphanumeric(12);
  await db.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), $3, $4)`,
    [token, userId, parent, sessionId],
  );
  return token;
}

/**
 * tokens.Service.IssueRefreshToken (legacy algorithm): a new session, its first
 * refresh token, last_sign_in_at, the AMR claim, and a signed access token.
 * Runs inside the caller's transaction.
 */
export async function issueRefreshToken(
  c: pg.PoolClient,
  settings: TokenSettings,
  user: UserRow,
  method: string,
  grant: GrantParams,
): Promise<SessionResponse> {
  // One statement for the session, its first refresh token, last_sign_in_at and the
  // AMR claim (GrantAuthenticatedUser + AddClaimToSession): sign-in latency matters.
  const refreshToken = secureAlphanumeric(12);
  const { rows } = await c.query<{ session_id: string; ts: string; last_sign_in_at: string; updated_at: string }>(
    `with s as (
       insert into auth.sessions (id, user_id, created_at, updated_at, factor_id, aal, user_agent, ip)
       values (gen_random_uuid(), $1, now(), now(), null, 'aal1', $2, $3) returning id),
     rt as (
       insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
       select '00000000-0000-0000-0000-000000000000', $4, $1, false, now(), now(), null, s.id from s returning id),
     u as (
       update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1 returning last_sign_in_at, updated_at),
     a as (
       insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
       select gen_random_uuid(), s.id, now(), now(), $5 from s
       returning extract(epoch from updated_at)::bigint::text as ts)
     select s.id as session_id, a.ts, u.last_sign_in_at, u.updated_at from s, a, u, rt`,
    [user.id, grant.userAgent || null, grant.ip || null, refreshToken, method],
  );
  const row = rows[0];
  if (!row) throw new Error(`user ${user.id} vanished while signing in`);
  const sessionId = row.session_id;
  const fresh: UserRow = { ...user, last_sign_in_at: row.last_sign_in_at, updated_at: row.updated_at };
  const { token, expiresAt } = await generateAccessToken(c, settings, fresh, sessionId, [{ method, ts: row.ts }]);
  return {
    access_token: token,
    token_type: 'bearer',
    expires_in: expiresAt - Math.floor(Date.now() / 1000),
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: userJson(fresh),
  };
}

interface RefreshTokenRow {
  id: string;
  token: string;
  user_id: string;
  revoked: boolean;
  parent: string | null;
  session_id: string | null;
  updated_at: string;
}

class RetryLocked extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** tokens.Service.RefreshTokenGrant for legacy (12-character) refresh tokens. */
export async function refreshTokenGrant(
  pool: pg.Pool,
  settings: TokenSettings,
  refreshToken: string,
  grant: GrantParams,
): Promise<SessionResponse> {
  if (!refreshToken) throw new OAuthError('invalid_request', 'refresh_token required');
  const notFound = () => badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  // Longer tokens would be GoTrue's v2 format, which this server never issues.
  if (refreshToken.length !== 12) throw notFound();

  const started = Date.now();
  while (Date.now() - started < 5000) {
    const { rows } = await pool.query<RefreshTokenRow>(
      `select id::text, token, user_id, revoked, parent, session_id, updated_at from auth.refresh_tokens where token = $1`,
      [refreshToken],
    );
    const token = rows[0];
    if (!token) throw notFound();
    const user = await findUserById(pool, token.user_id);
    if (!user) throw notFound();
    if (isBanned(user)) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');
    const session = token.session_id
      ? (
          await pool.query<SessionRow>(
            'select id, user_id, created_at, not_after, aal, refreshed_at from auth.sessions where id = $1',
            [token.session_id],
          )
        ).rows[0]
      : undefined;
    if (!session) {
      // A token without a live session (GoTrue only has these from before sessions existed).
      await pool.query('delete from auth.refresh_tokens where id = $1', [token.id]);
      throw badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found');
    }
    const notAfter = timeMs(session.not_after);
    if (notAfter !== undefined && Date.now() > notAfter) {
      throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired');
    }

    // Commit-with-error: the family revocation must persist while the request fails.
    let commitError: AuthError | undefined;
    try {
      const out = await withTx(pool, async (c) => {
        const locked = await c.query<RefreshTokenRow>(
          `select id::text, token, user_id, revoked, parent, session_id, updated_at from auth.refresh_tokens
           where token = $1 limit 1 for update skip locked`,
          [refreshToken],
        );
        const t = locked.rows[0];
        if (!t) throw new RetryLocked();
        const s = await c.query('select id from auth.sessions where id = $1 limit 1 for update skip locked', [
          session.id,
        ]);
        if (!s.rows[0]) throw new RetryLocked();
        const u = (await findUserById(c, t.user_id)) ?? user;

        let issued = '';
        if (t.revoked) {
          const active = (
            await c.query<{ token: string; parent: string | null }>(
              `select token, parent from auth.refresh_tokens where session_id = $1 and revoked is false order by id desc limit 1`,
              [session.id],
            )
          ).rows[0];
          if (active && active.parent === t.token) {
            // The client lost the previous response: hand back the current token.
            issued = active.token;
          } else {
            const reuseUntil = (timeMs(t.updated_at) ?? 0) + settings.reuseIntervalSeconds * 1000;
            if (Date.now() > reuseUntil) {
              if (settings.rotation) {
                await c.query(
                  'update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false',
                  [session.id],
                );
              }
              commitError = badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used');
              return undefined;
            }
          }
        }

        await audit(c, u, 'token_refreshed');
        if (!issued) {
          // GrantRefreshTokenSwap: revoke the presented token, chain a new one to it.
          await audit(c, u, 'token_revoked');
          await c.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1', [t.id]);
          issued = await insertRefreshToken(c, u.id, session.id, t.token);
          await c.query('update auth.users set updated_at = now() where id = $1', [u.id]);
        }
        const { token: access, expiresAt } = await generateAccessToken(c, settings, u, session.id);
        await c.query(
          `update auth.sessions set refreshed_at = (now() at time zone 'utc'), user_agent = $2, ip = $3, updated_at = now() where id = $1`,
          [session.id, grant.userAgent || null, grant.ip || null],
        );
        const fresh = (await findUserById(c, u.id)) ?? u;
        return {
          access_token: access,
          token_type: 'bearer' as const,
          expires_in: expiresAt - Math.floor(Date.now() / 1000),
          expires_at: expiresAt,
          refresh_token: issued,
          user: userJson(fresh),
        };
      });
      if (commitError) throw commitError;
      if (out) return out;
    } catch (e) {
      if (e instanceof RetryLocked) {
        await sleep(10 + Math.floor(Math.random() * 20));
        continue;
      }
      throw e;
    }
  }
  throw new AuthError(
    409,
    'conflict',
    'Too many concurrent token refresh requests on the same session or refresh token',
  );
}
