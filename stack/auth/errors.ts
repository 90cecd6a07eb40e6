// GoTrue's error responses (internal/api/errors.go): an HTTPError carries a status,
// an error code and a message; its JSON shape depends on the request's
// X-Supabase-Api-Version header (2024-01-01 and later: {code, message}; before or
// absent: {code: <status>, error_code, msg}). Weak passwords and OAuth-style errors
// have their own shapes.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const API_VERSION_HEADER = 'X-Supabase-Api-Version';
const API_VERSION_2024 = '2024-01-01';

export class AuthError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    /** Logged, never sent (GoTrue's InternalError). */
    public internal?: unknown,
  ) {
    super(message);
  }
}

export class WeakPasswordError extends Error {
  constructor(
    message: string,
    public reasons: string[],
  ) {
    super(message);
  }
}

/** RFC 6749 style error ({error, error_description}), always 400. */
export class OAuthError extends Error {
  constructor(
    public error: string,
    public description: string,
  ) {
    super(`${error}: ${description}`);
  }
}

export const badRequest = (code: string, msg: string, internal?: unknown) => new AuthError(400, code, msg, internal);
export const forbidden = (code: string, msg: string, internal?: unknown) => new AuthError(403, code, msg, internal);
export const notFound = (code: string, msg: string) => new AuthError(404, code, msg);
export const unprocessable = (code: string, msg: string) => new AuthError(422, code, msg);
export const tooManyRequests = (code: string, msg: string) => new AuthError(429, code, msg);
export const internal = (msg: string, cause?: unknown) => new AuthError(500, 'unexpected_failure', msg, cause);

/** Whether the request asked for the 2024-01-01 error shape (a date on or after it). */
function requestedVersion(req: IncomingMessage): '2024' | 'initial' {
  const h = req.headers['x-supabase-api-version'];
  const v = Array.isArray(h) ? h[0] : h;
  if (!v) return 'initial';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
  if (!m) return 'initial';
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Go's time.Parse rejects impossible dates such as 2024-02-31.
  const d = new Date(t);
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return 'initial';
  return t >= Date.UTC(2024, 0, 1) ? '2024' : 'initial';
}

function write(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Writes `err` the way GoTrue's HandleResponseError does. */
export function sendError(req: IncomingMessage, res: ServerResponse, err: unknown, log: (m: string) => void): void {
  const version = requestedVersion(req);
  const headers: Record<string, string> = {};
  if (version === '2024') headers[API_VERSION_HEADER] = API_VERSION_2024;

  if (err instanceof WeakPasswordError) {
    if (version === '2024') {
      write(
        res,
        422,
        { code: 'weak_password', message: err.message, weak_password: { reasons: err.reasons } },
        headers,
      );
    } else {
      headers['x-sb-error-code'] = 'weak_password';
      write(
        res,
        422,
        { code: 422, error_code: 'weak_password', msg: err.message, weak_password: { reasons: err.reasons } },
        headers,
      );
    }
    return;
  }
  if (err instanceof AuthError) {
    if (err.status >= 500)
      log(`${err.message}${err.internal ? `: ${String((err.internal as Error)?.message ?? err.internal)}` : ''}`);
    let code = err.code;
    if (!code) code = err.status === 500 ? 'unexpected_failure' : 'unknown';
    if (err.code) headers['x-sb-error-code'] = err.code;
    if (version === '2024') {
      write(res, err.status, { code, message: err.message }, headers);
    } else {
      const body: Record<string, unknown> = { code: err.status, error_code: code, msg: err.message };
      if (err.status >= 500) body.error_id = crypto.randomUUID();
      write(res, err.status, body, headers);
    }
    return;
  }
  if (err instanceof OAuthError) {
    write(res, 400, { error: err.error, error_description: err.description }, headers);
    return;
  }
  log(`unhandled error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  const message = 'Unexpected failure, please check server logs for more information';
  if (version === '2024') {
    write(res, 500, { code: 'unexpected_failure', message }, headers);
  } else {
    write(
      res,
      500,
      { code: 500, error_code: 'unexpected_failure', msg: message, error_id: crypto.randomUUID() },
      headers,
    );
  }
}
