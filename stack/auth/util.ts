// Small GoTrue behaviours that several endpoints share: e-mail validation, password
// strength, one-time codes and their hashes, Go duration parsing, redirect URL
// validation (utilities.IsRedirectURLValid) and Go's query escaping.
import crypto from 'node:crypto';
import { badRequest, WeakPasswordError } from './errors.ts';

/** bcrypt only looks at the first 72 bytes; GoTrue refuses longer passwords. */
export const MAX_PASSWORD_LENGTH = 72;

// github.com/badoux/checkmail's format check.
const EMAIL_RE =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** api.validateEmail: returns the lower-cased address or throws 400 validation_failed. */
export function validateEmail(email: string): string {
  if (email === '') throw badRequest('validation_failed', 'An email address is required');
  if (email.length > 255) throw badRequest('validation_failed', 'An email address is too long');
  if (!EMAIL_RE.test(email)) throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
  return email.toLowerCase();
}

/** api.validatePhone: "+", spaces stripped, then E.164 digits. */
export function validatePhone(phone: string): string {
  const formatted = phone.replace(/^\+/, '').replace(/ /g, '');
  if (!/^[1-9]\d{1,14}$/.test(formatted))
    throw badRequest('validation_failed', 'Invalid phone number format (E.164 required)');
  return formatted;
}

/** checkPasswordStrength (no required character sets, no HIBP locally). */
export function checkPasswordStrength(password: string, minLength: number): void {
  // Go's len() counts bytes, for both limits.
  if (Buffer.byteLength(password) > MAX_PASSWORD_LENGTH) {
    throw badRequest('validation_failed', `Password cannot be longer than ${MAX_PASSWORD_LENGTH} characters`);
  }
  if (Buffer.byteLength(password) < minLength) {
    throw new WeakPasswordError(`Password should be at least ${minLength} characters.`, ['length']);
  }
}

/** Same check, but returning the error (sign-in reports a weak password without failing). */
export function weakPasswordOf(password: string, minLength: number): WeakPasswordError | undefined {
  try {
    checkPasswordStrength(password, minLength);
    return undefined;
  } catch (e) {
    return e instanceof WeakPasswordError ? e : undefined;
  }
}

/** crypto.GenerateOtp: n uniformly random digits. */
export function generateOtp(digits = 6): string {
  return crypto
    .randomInt(0, 10 ** digits)
    .toString()
    .padStart(digits, '0');
}

/** crypto.GenerateTokenHash: hex SHA-224 of address + code. */
export function tokenHash(emailOrPhone: string, otp: string): string {
  return crypto
    .createHash('sha224')
    .update(emailOrPhone + otp)
    .digest('hex');
}

/** crypto.SecureAlphanumeric: lower-case base32 characters. */
export function secureAlphanumeric(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = crypto.randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % 32];
  return out;
}

/** A random password for users created without one (invites, magic links). */
export function randomPassword(length = 64): string {
  return crypto.randomBytes(length).toString('base64url').slice(0, length);
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.ParseDuration, in milliseconds; throws with Go's message. */
export function parseGoDuration(input: string): number {
  const err = () => new Error(`time: invalid duration ${JSON.stringify(input)}`);
  let s = input;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw err();
  let total = 0;
  const re = /^(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h)/;
  while (s.length) {
    const m = re.exec(s);
    if (!m || m[1] === '' || m[1] === '.') {
      if (/^\d*\.?\d*$/.test(s)) throw new Error(`time: missing unit in duration ${JSON.stringify(input)}`);
      const unit = /^\d*\.?\d*([^\d.]+)/.exec(s)?.[1];
      if (unit && !(unit in DURATION_UNITS)) {
        throw new Error(`time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(input)}`);
      }
      throw err();
    }
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    s = s.slice(m[0].length);
  }
  return sign * total;
}

/** Go's url.QueryEscape (space becomes "+", only A-Za-z0-9-_.~ stay literal). */
export function goQueryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** Go's url.Values.Encode: keys sorted, each value escaped. */
export function goEncodeValues(values: Record<string, string>): string {
  return Object.keys(values)
    .sort()
    .map((k) => `${goQueryEscape(k)}=${goQueryEscape(values[k]!)}`)
    .join('&');
}

/**
 * gobwas/glob with separators '.' and '/', as GoTrue compiles additional redirect
 * URLs: `*` stops at separators, `**` does not, `?` is one non-separator character,
 * `{a,b}` alternatives, `[...]` classes.
 */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  let inAlt = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^./]*';
    } else if (c === '?') re += '[^./]';
    else if (c === '{') {
      inAlt++;
      re += '(?:';
    } else if (c === '}' && inAlt) {
      inAlt--;
      re += ')';
    } else if (c === ',' && inAlt) re += '|';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        let cls = pattern.slice(i + 1, end);
        if (cls.startsWith('!')) cls = `^${cls.slice(1)}`;
        re += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += `\\${pattern[++i]}`;
    } else re += c.replace(/[.+^$()|\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function isLocalhost(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === '[::1]';
}

function parseUrl(u: string): URL | undefined {
  try {
    return new URL(u);
  } catch {
    return undefined;
  }
}

/** Hostname without IPv6 brackets, like Go's URL.Hostname(). */
function hostname(u: URL): string {
  return u.hostname.replace(/^\[|\]$/g, '');
}

/** Port, including an explicit default one, as Go's URL.Port() sees it. */
function port(raw: string, u: URL): string {
  if (u.port) return u.port;
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?/i.exec(raw);
  return m?.[2] ?? '';
}

export interface RedirectConfig {
  siteUrl: string;
  allowList: RegExp[];
}

export function redirectConfig(siteUrl: string, additionalRedirectUrls: string[]): RedirectConfig {
  return { siteUrl, allowList: additionalRedirectUrls.map(globToRegExp) };
}

/** utilities.IsRedirectURLValid. */
export function isRedirectUrlValid(cfg: RedirectConfig, redirectUrl: string): boolean {
  if (!redirectUrl) return false;
  const base = parseUrl(cfg.siteUrl);
  const ref = parseUrl(redirectUrl);
  if (!base || !ref) return false;
  const refHost = hostname(ref);
  if (
    hostname(base) === refHost &&
    base.protocol === ref.protocol &&
    (port(cfg.siteUrl, base) === port(redirectUrl, ref) || isLocalhost(refHost))
  ) {
    return true;
  }
  const scheme = ref.protocol.replace(/:$/, '').toLowerCase();
  const isHttp = scheme === 'http' || scheme === 'https';
  if (/^[0-9]+$/.test(refHost)) return false;
  if (/^[0-9.]+$/.test(refHost) || refHost.includes(':')) {
    // An IP literal: only loopback addresses pass.
    return /^127\./.test(refHost) || refHost === '::1';
  }
  if (isHttp && !/^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/.test(refHost)) return false;
  const matchAgainst = redirectUrl.split('#')[0]!;
  return cfg.allowList.some((re) => re.test(matchAgainst));
}
