// HS256 JWTs as Supabase uses them: API keys and user access tokens are signed with
// the project JWT secret. Synchronous on purpose: verification is on every request's
// hot path and node:crypto HMAC is fast.
import crypto from 'node:crypto';

export type JwtClaims = Record<string, unknown> & {
  role?: string;
  sub?: string;
  exp?: number;
  iat?: number;
  nbf?: number;
};

function b64url(buf: Buffer | string): string {
  return Buffer.from(buf).toString('base64url');
}

export function signJwtSync(claims: JwtClaims, secret: string, header: Record<string, unknown> = {}): string {
  const h = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', ...header }));
  const p = b64url(JSON.stringify(claims));
  const sig = crypto.createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
  return `${h}.${p}.${sig}`;
}

export type JwtFailure =
  /** Not three dot-separated parts, or not base64url JSON. */
  | 'malformed'
  /** Algorithm other than HS256. */
  | 'algorithm'
  | 'signature'
  | 'expired'
  | 'not_yet_valid'
  | 'issued_in_future';

export type JwtResult = { ok: true; claims: JwtClaims } | { ok: false; failure: JwtFailure; message: string };

/**
 * Verifies an HS256 token. `skewSeconds` is PostgREST's 30 s clock-skew allowance;
 * GoTrue uses none, so Auth passes 0.
 */
export function verifyJwt(token: string, secret: string, skewSeconds = 30, now = Date.now() / 1000): JwtResult {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return { ok: false, failure: 'malformed', message: `Expected 3 parts in JWT; got ${parts.length}` };
  }
  const [h, p, s] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let claims: JwtClaims;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, failure: 'malformed', message: 'JWT cryptographic operation failed' };
  }
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) {
    return { ok: false, failure: 'malformed', message: 'JWT cryptographic operation failed' };
  }
  if (header.alg !== 'HS256') {
    return { ok: false, failure: 'algorithm', message: 'Wrong or unsupported encoding algorithm' };
  }
  const expected = crypto.createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return { ok: false, failure: 'signature', message: 'JWT cryptographic operation failed' };
  }
  if (typeof claims.exp === 'number' && now - skewSeconds >= claims.exp) {
    return { ok: false, failure: 'expired', message: 'JWT expired' };
  }
  if (typeof claims.nbf === 'number' && now + skewSeconds < claims.nbf) {
    return { ok: false, failure: 'not_yet_valid', message: 'JWT not yet valid' };
  }
  if (typeof claims.iat === 'number' && now + skewSeconds < claims.iat) {
    return { ok: false, failure: 'issued_in_future', message: 'JWT issued at future' };
  }
  return { ok: true, claims };
}
