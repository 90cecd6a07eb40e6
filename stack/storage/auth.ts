// Who is calling: storage-api verifies the bearer token itself (its own error
// shapes), maps the `role` claim to a database role and `sub` to the owner.
import type { IncomingMessage } from 'node:http';
import { verifyJwt, type JwtClaims } from '../jwt.ts';
import { errors } from './errors.ts';

export interface Caller {
  role: string;
  claims: JwtClaims;
  /** The raw token ('' when anonymous). */
  jwt: string;
  /** The `sub` claim, the owner of what the caller writes. */
  sub?: string;
  /** A verified token was presented (storage-api's request.isAuthenticated). */
  authenticated: boolean;
}

export const ANON: Caller = { role: 'anon', claims: { role: 'anon' }, jwt: '', authenticated: false };

/** The messages jose (which storage-api uses) gives for each kind of failure. */
const JOSE_MESSAGES: Record<string, string> = {
  malformed: 'Invalid Compact JWS',
  algorithm: '"alg" (Algorithm) Header Parameter value not allowed',
  signature: 'signature verification failed',
  expired: '"exp" claim timestamp check failed',
  not_yet_valid: '"nbf" claim timestamp check failed',
};

export type VerifyResult = { ok: true; claims: JwtClaims } | { ok: false; message: string };

/**
 * HS256 verification with the project secret, without clock skew and without an
 * `iat` check (jose only checks `iat` when a maximum token age is configured).
 */
export function verifyToken(token: string, secret: string): VerifyResult {
  const r = verifyJwt(token, secret, 0);
  if (r.ok) return { ok: true, claims: r.claims };
  if (r.failure === 'issued_in_future') {
    // Signature, exp and nbf were checked before iat; the payload is sound.
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as JwtClaims;
    return { ok: true, claims: payload };
  }
  return { ok: false, message: JOSE_MESSAGES[r.failure] ?? r.message };
}

function rawToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (h === undefined) return undefined;
  return h.replace(/^Bearer\s+/i, '');
}

function callerFrom(claims: JwtClaims, jwt: string): Caller {
  const role = typeof claims.role === 'string' && claims.role ? claims.role : 'anon';
  const sub = typeof claims.sub === 'string' && claims.sub ? claims.sub : undefined;
  return { role, claims, jwt, sub, authenticated: true };
}

/** Routes that require a valid JWT (most of them). */
export function requireCaller(req: IncomingMessage, secret: string): Caller {
  const token = rawToken(req);
  if (token === undefined) throw errors.validation("headers must have required property 'authorization'");
  const r = verifyToken(token, secret);
  if (!r.ok) throw errors.accessDenied(r.message);
  return callerFrom(r.claims, token);
}

/** Routes with allowInvalidJwt (download, info, HEAD): a bad or missing token is anonymous. */
export function optionalCaller(req: IncomingMessage, secret: string): Caller {
  const token = rawToken(req);
  if (!token) return ANON;
  const r = verifyToken(token, secret);
  return r.ok ? callerFrom(r.claims, token) : ANON;
}

/** The service key's identity, used for storage-api's "super user" steps. */
export function serviceCaller(serviceRoleKey: string): Caller {
  const claims = JSON.parse(Buffer.from(serviceRoleKey.split('.')[1]!, 'base64url').toString('utf8')) as JwtClaims;
  return { role: 'service_role', claims, jwt: serviceRoleKey, authenticated: true };
}
