// What every Auth handler gets: settings derived from the stack configuration, the
// auth pool, the mailer, and request helpers (JWT checks as GoTrue's
// requireAuthentication / requireAdminCredentials middleware do them).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import type { StackConfig } from '../config.ts';
import { verifyJwt, type JwtClaims } from '../jwt.ts';
import { AuthError, badRequest, forbidden } from './errors.ts';
import type { Mailer } from './mailer.ts';
import { findUserById, isBanned, timeMs, type UserRow } from './store.ts';
import type { GrantParams, TokenSettings } from './tokens.ts';
import { isRedirectUrlValid, redirectConfig, type RedirectConfig } from './util.ts';

/** GoTrue defaults the CLI does not override, and CLI settings StackConfig does not carry. */
export const AUTH_DEFAULTS = {
  /** [auth.email] max_frequency = "1s" in the CLI template. */
  maxFrequencyMs: 1000,
  otpLength: 6,
  /** GOTRUE_EXTERNAL_FLOW_STATE_EXPIRY_DURATION default. */
  flowStateExpiryMs: 300_000,
  adminRoles: ['service_role'],
  aud: 'authenticated',
  defaultRole: 'authenticated',
  version: 'v2.189.0',
};

export interface AuthCtx {
  config: StackConfig;
  pool: pg.Pool;
  mailer: Mailer;
  tokens: TokenSettings;
  redirect: RedirectConfig;
  log(message: string): void;
}

export function createAuthCtx(config: StackConfig, pool: pg.Pool, mailer: Mailer, log: (m: string) => void): AuthCtx {
  return {
    config,
    pool,
    mailer,
    tokens: {
      jwtSecret: config.jwtSecret,
      issuer: `${config.apiUrl}/auth/v1`,
      jwtExpiry: config.auth.jwtExpiry,
      rotation: config.auth.refreshTokenRotation,
      reuseIntervalSeconds: config.auth.refreshTokenReuseInterval,
    },
    redirect: redirectConfig(config.auth.siteUrl, config.auth.additionalRedirectUrls),
    log,
  };
}

export interface Req {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
}

export function header(req: IncomingMessage, name: string): string {
  const v = req.headers[name.toLowerCase()];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

/** models.GrantParams.FillGrantParams: User-Agent and the client IP (X-Forwarded-For first). */
export function grantParams(req: IncomingMessage): GrantParams {
  let ip = '';
  const xff = header(req, 'x-forwarded-for');
  for (const part of xff.split(',')) {
    const candidate = part.trim();
    if (candidate && /^[0-9a-f:.]+$/i.test(candidate)) {
      ip = candidate;
      break;
    }
  }
  if (!ip) ip = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  return { userAgent: header(req, 'user-agent'), ip };
}

/** utilities.GetReferrer: a valid redirect_to (header or query), else a valid Referer, else the site URL. */
export function referrer(ctx: AuthCtx, r: Req): string {
  const candidate = header(r.req, 'redirect_to') || r.query.get('redirect_to') || '';
  if (isRedirectUrlValid(ctx.redirect, candidate)) return candidate;
  const ref = header(r.req, 'referer');
  if (isRedirectUrlValid(ctx.redirect, ref)) return ref;
  return ctx.config.auth.siteUrl;
}

export interface AuthState {
  claims: JwtClaims;
  user?: UserRow;
  sessionId?: string;
  session?: { id: string; created_at: string; not_after: string | null; aal: string | null };
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** extractBearerToken: GoTrue's `^(?:B|b)earer (\S+$)`. */
function bearer(req: IncomingMessage): string {
  const m = /^(?:B|b)earer (\S+)$/.exec(header(req, 'authorization'));
  if (!m) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
  return m[1]!;
}

/** parseJWTClaims with golang-jwt v5's error texts. */
function parseJwt(ctx: AuthCtx, token: string): JwtClaims {
  const result = verifyJwt(token, ctx.config.jwtSecret, 0);
  if (result.ok) return result.claims;
  const prefix = 'invalid JWT: unable to parse or verify signature, ';
  let detail: string;
  switch (result.failure) {
    case 'malformed':
      detail =
        token.split('.').length !== 3
          ? 'token is malformed: token contains an invalid number of segments'
          : 'token is malformed: could not JSON decode claim';
      break;
    case 'algorithm': {
      let alg: string;
      try {
        alg = String(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')).alg);
      } catch {
        alg = '';
      }
      detail =
        alg === 'RS256' || alg === 'ES256'
          ? `token is unverifiable: error while executing keyfunc: unrecognized JWT kid <nil> for algorithm ${alg}`
          : `token signature is invalid: signing method ${alg} is invalid`;
      break;
    }
    case 'signature':
      detail = 'token signature is invalid: signature is invalid';
      break;
    case 'expired':
      detail = 'token has invalid claims: token is expired';
      break;
    case 'not_yet_valid':
      detail = 'token has invalid claims: token is not valid yet';
      break;
    case 'issued_in_future':
      // golang-jwt does not check iat unless asked to; GoTrue does not ask.
      return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as JwtClaims;
  }
  throw forbidden('bad_jwt', prefix + detail);
}

/** maybeLoadUserOrSession. */
async function loadUserAndSession(ctx: AuthCtx, claims: JwtClaims): Promise<AuthState> {
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  if (!sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
  if (!UUID_RE.test(sub)) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID');
  const user = await findUserById(ctx.pool, sub);
  if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
  const state: AuthState = { claims, user };
  const sid = typeof claims.session_id === 'string' ? claims.session_id : '';
  if (sid && sid !== NIL_UUID) {
    if (!UUID_RE.test(sid)) throw forbidden('bad_jwt', 'invalid claim: session_id claim must be a UUID');
    const { rows } = await ctx.pool.query<{
      id: string;
      created_at: string;
      not_after: string | null;
      aal: string | null;
    }>('select id, created_at, not_after, aal::text as aal from auth.sessions where id = $1', [sid]);
    if (!rows[0]) throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
    state.session = rows[0];
    state.sessionId = rows[0].id;
  }
  return state;
}

/** requireAuthentication. */
export async function requireAuthentication(ctx: AuthCtx, r: Req): Promise<AuthState & { user: UserRow }> {
  const claims = parseJwt(ctx, bearer(r.req));
  const state = await loadUserAndSession(ctx, claims);
  if (state.user && isBanned(state.user)) throw forbidden('user_banned', 'User is banned');
  return state as AuthState & { user: UserRow };
}

/** requireAdminCredentials: a token whose role is an admin role; user sessions must still be live. */
export async function requireAdmin(ctx: AuthCtx, r: Req): Promise<AuthState> {
  const claims = parseJwt(ctx, bearer(r.req));
  const sid = typeof claims.session_id === 'string' ? claims.session_id : '';
  if (sid && sid !== NIL_UUID) {
    const state = await loadUserAndSession(ctx, claims);
    const notAfter = timeMs(state.session?.not_after);
    if (state.session && notAfter !== undefined && Date.now() > notAfter) {
      throw forbidden('session_expired', 'Session is no longer valid');
    }
  }
  const role = typeof claims.role === 'string' ? claims.role : '';
  if (!AUTH_DEFAULTS.adminRoles.includes(role)) throw forbidden('not_admin', 'User not allowed');
  return { claims };
}

/** requestAud: X-JWT-AUD header, else the (non-admin) token's aud, else the default. */
export function requestAud(r: Req, claims?: JwtClaims): string {
  const h = header(r.req, 'x-jwt-aud');
  if (h) return h;
  if (claims && !AUTH_DEFAULTS.adminRoles.includes(String(claims.role ?? ''))) {
    const aud = claims.aud;
    const first = Array.isArray(aud) ? aud[0] : aud;
    if (typeof first === 'string' && first) return first;
  }
  return AUTH_DEFAULTS.aud;
}
