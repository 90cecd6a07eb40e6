// PostgREST's error bodies and statuses (src/library/PostgREST/Error.hs): every error
// is {code, details, hint, message} with all four keys, carries a Proxy-Status
// header, and database errors map from their SQLSTATE to an HTTP status.

export interface ErrorBody {
  code: string;
  details: string | null | unknown[];
  hint: string | null;
  message: string;
}

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: string | null | unknown[] = null,
    readonly hint: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { code: this.code, details: this.details, hint: this.hint, message: this.message };
  }
}

/** A query-string parse failure (PGRST100): message names the parameter and position, details the parser's complaint. */
export function queryParamError(message: string, details: string): RestError {
  return new RestError(400, 'PGRST100', message, details);
}

export const errors = {
  invalidRpcMethod: (method: string) => new RestError(405, 'PGRST101', `Cannot use the ${method} method on RPC`),
  invalidBody: (message: string) => new RestError(400, 'PGRST102', message),
  negativeLimit: () =>
    new RestError(416, 'PGRST103', 'Requested range not satisfiable', 'Limit should be greater than or equal to zero.'),
  lowerGtUpper: () =>
    new RestError(
      416,
      'PGRST103',
      'Requested range not satisfiable',
      'The lower boundary must be lower than or equal to the upper boundary in the Range header.',
    ),
  outOfBounds: (offset: number, total: number) =>
    new RestError(
      416,
      'PGRST103',
      'Requested range not satisfiable',
      `An offset of ${offset} was requested, but there are only ${total} rows.`,
    ),
  invalidFilters: () =>
    new RestError(405, 'PGRST105', "Filters must include all and only primary key columns with 'eq' operators"),
  unacceptableSchema: (schema: string, schemas: string[]) =>
    new RestError(
      406,
      'PGRST106',
      `Invalid schema: ${schema}`,
      null,
      `Only the following schemas are exposed: ${schemas.join(', ')}`,
    ),
  mediaType: (types: string[]) =>
    new RestError(406, 'PGRST107', `None of these media types are available: ${types.join(', ')}`),
  notEmbedded: (resource: string) =>
    new RestError(
      400,
      'PGRST108',
      `'${resource}' is not an embedded resource in this request`,
      null,
      `Verify that '${resource}' is included in the 'select' query parameter.`,
    ),
  gucHeaders: () =>
    new RestError(
      500,
      'PGRST111',
      'response.headers guc must be a JSON array composed of objects with a single key and a string value',
    ),
  gucStatus: () => new RestError(500, 'PGRST112', 'response.status guc must be a valid status code'),
  putLimit: () => new RestError(400, 'PGRST114', 'limit/offset querystring parameters are not allowed for PUT'),
  putMatchingPk: () => new RestError(400, 'PGRST115', 'Payload values do not match URL in primary key column(s)'),
  singularity: (n: number) =>
    new RestError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', `The result contains ${n} rows`),
  unsupportedMethod: (method: string) => new RestError(405, 'PGRST117', `Unsupported HTTP method: ${method}`),
  relatedOrderNotToOne: (origin: string, target: string) =>
    new RestError(
      400,
      'PGRST118',
      `A related order on '${target}' is not possible`,
      `'${origin}' and '${target}' do not form a many-to-one or one-to-one relationship`,
    ),
  unacceptableFilter: (target: string) =>
    new RestError(
      400,
      'PGRST120',
      `Bad operator on the '${target}' embedded resource`,
      'Only is null or not is null filters are allowed on embedded resources',
    ),
  invalidPreferences: (prefs: string[]) =>
    new RestError(
      400,
      'PGRST122',
      'Invalid preferences given with handling=strict',
      `Invalid preferences: ${prefs.join(', ')}`,
    ),
  aggregatesNotAllowed: () => new RestError(400, 'PGRST123', 'Use of aggregate functions is not allowed'),
  maxAffected: (n: number) =>
    new RestError(
      400,
      'PGRST124',
      'Query result exceeds max-affected preference constraint',
      `The query affects ${n} rows`,
    ),
  invalidResourcePath: () => new RestError(404, 'PGRST125', 'Invalid path specified in request URL'),
  notImplemented: (details: string) => new RestError(400, 'PGRST127', 'Feature not implemented', details),
  maxAffectedRpc: () =>
    new RestError(
      400,
      'PGRST128',
      'Function must return SETOF or TABLE when max-affected preference is used with handling=strict',
    ),
  columnNotFound: (rel: string, col: string) =>
    new RestError(400, 'PGRST204', `Could not find the '${col}' column of '${rel}' in the schema cache`),
  tableNotFound: (schema: string, name: string, suggestion?: string) =>
    new RestError(
      404,
      'PGRST205',
      `Could not find the table '${schema}.${name}' in the schema cache`,
      null,
      suggestion ? `Perhaps you meant the table '${schema}.${suggestion}'` : null,
    ),
  schemaCacheNotReady: () =>
    new RestError(503, 'PGRST002', 'Could not query the database for the schema cache. Retrying.'),
  connection: (details: string | null) => new RestError(503, 'PGRST000', 'Database connection error.', details),
};

/** JWT failures (Auth/Jwt.hs): 401 with a WWW-Authenticate header naming the problem. */
export function jwtError(code: 'PGRST301' | 'PGRST303', message: string): RestError {
  // Haskell's `show` of the message: a double-quoted string.
  return new RestError(401, code, message, null, null, {
    'WWW-Authenticate': `Bearer error="invalid_token", error_description=${JSON.stringify(message)}`,
  });
}

/** What node-pg reports for a server error. */
export interface PgErrorLike {
  code?: string;
  message: string;
  detail?: string;
  hint?: string;
}

export function isPgError(e: unknown): e is PgErrorLike & Error {
  return (
    e instanceof Error &&
    typeof (e as { code?: unknown }).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((e as unknown as { code: string }).code) &&
    'severity' in e
  );
}

/** SQLSTATE → HTTP status (Error.hs mapSQLtoHTTP). `authed`: the request role is not the anon role. */
export function statusForSqlState(code: string, message: string, authed: boolean): number {
  if (code.startsWith('08')) return 503;
  if (code.startsWith('09')) return 500;
  if (code.startsWith('0L') || code.startsWith('0P')) return 403;
  if (code === '23503' || code === '23505') return 409;
  if (code === '25006') return 405;
  if (code === '21000') return message.endsWith('requires a WHERE clause') ? 400 : 500;
  if (code === '22023') return message.startsWith('role') && message.endsWith('does not exist') ? 401 : 400;
  if (code.startsWith('25')) return 500;
  if (code.startsWith('28')) return 403;
  if (['2D', '38', '39', '3B', '40'].includes(code.slice(0, 2))) return 500;
  if (code === '53400') return 500;
  if (code.startsWith('53')) return 503;
  if (code.startsWith('54') || code.startsWith('55')) return 500;
  if (code === '57P01') return 503;
  if (['57', '58', 'F0', 'HV', 'XX'].includes(code.slice(0, 2))) return 500;
  if (code === 'P0001') return 400;
  if (code.startsWith('P0')) return 500;
  if (code === '42883') return message.startsWith('function xmlagg(') ? 406 : 404;
  if (code === '42P01') return 404;
  if (code === '42P17') return 500;
  if (code === '42501') return authed ? 403 : 401;
  if (code.startsWith('PT')) {
    const n = Number(code.slice(2));
    return Number.isInteger(n) && n >= 100 && n <= 599 ? n : 500;
  }
  return 400;
}

/**
 * A database error as PostgREST reports it, including `RAISE SQLSTATE 'PGRST'` with a
 * JSON MESSAGE ({code, message, details, hint}) and JSON DETAIL ({status, headers}).
 */
export function fromPgError(e: PgErrorLike, authed: boolean): RestError {
  const code = e.code ?? 'PGRSTX00';
  if (code === 'PGRST') return fromRaisePgrst(e);
  const status = statusForSqlState(code, e.message, authed);
  return new RestError(
    status,
    code,
    e.message,
    e.detail ?? null,
    e.hint ?? null,
    status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {},
  );
}

function fromRaisePgrst(e: PgErrorLike): RestError {
  const parseFailure = (details: string, hint: string) =>
    new RestError(500, 'PGRST121', 'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error', details, hint);
  const msgHint =
    "MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'.";
  const detHint =
    "DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.";
  let msg: Record<string, unknown>;
  try {
    msg = JSON.parse(e.message);
    if (!msg || typeof msg !== 'object' || typeof msg.code !== 'string' || typeof msg.message !== 'string') throw 0;
  } catch {
    return parseFailure(`Invalid JSON value for MESSAGE: '${e.message}'`, msgHint);
  }
  if (e.detail === undefined) return parseFailure('DETAIL is missing in the RAISE statement', detHint);
  let det: Record<string, unknown>;
  try {
    det = JSON.parse(e.detail);
    if (!det || typeof det !== 'object' || typeof det.status !== 'number' || typeof det.headers !== 'object') throw 0;
  } catch {
    return parseFailure(`Invalid JSON value for DETAIL: '${e.detail}'`, detHint);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries((det.headers ?? {}) as Record<string, unknown>)) headers[k] = String(v);
  return new RestError(
    det.status as number,
    msg.code as string,
    msg.message as string,
    typeof msg.details === 'string' ? msg.details : null,
    typeof msg.hint === 'string' ? msg.hint : null,
    headers,
  );
}
