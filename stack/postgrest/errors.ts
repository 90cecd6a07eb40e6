// PostgREST's error body {code, details, hint, message} and its SQLSTATE → HTTP
// status map (spec 3.7, PostgREST src/library/PostgREST/Error.hs).

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public details: string | null = null,
    public hint: string | null = null,
    public headers: Record<string, string> = {},
  ) {
    super(message);
  }
  body(): { code: string; details: string | null; hint: string | null; message: string } {
    return { code: this.code, details: this.details, hint: this.hint, message: this.message };
  }
}

/** 400 PGRST100: the query string does not parse. */
export function parseError(message: string, details: string | null = null): ApiError {
  return new ApiError(400, 'PGRST100', message, details);
}

export interface PgLikeError {
  code?: string;
  message: string;
  detail?: string;
  hint?: string;
}

/** HTTP status for a Postgres error raised while running a request as `role`. */
export function statusForSqlState(code: string, message: string, anonymous: boolean): number {
  if (/^PT\d{3}$/.test(code)) return Number(code.slice(2));
  const c2 = code.slice(0, 2);
  switch (code) {
    case '23503':
    case '23505':
      return 409;
    case '25006':
      return 405;
    case '42883':
    case '42P01':
      return 404;
    case '42P17':
      return 500;
    case '42501':
      return anonymous ? 401 : 403;
    case '21000':
      return /requires a WHERE clause$/.test(message) ? 400 : 500;
    case '22023':
      return /^role .* does not exist$/.test(message) ? 401 : 400;
    case 'P0001':
      return 400;
    case '53400':
      return 500;
    case '57P01':
      return 503;
  }
  if (c2 === '08' || c2 === '53') return 503;
  if (['09', '25', '2D', '38', '39', '3B', '40', '54', '55', '57', '58', 'F0', 'HV', 'XX', 'P0'].includes(c2)) return 500;
  if (c2 === '0L' || c2 === '0P' || c2 === '28') return 403;
  return 400;
}

export function fromPgError(e: PgLikeError, anonymous: boolean): ApiError {
  const code = e.code ?? 'XX000';
  return new ApiError(
    statusForSqlState(code, e.message, anonymous),
    code,
    e.message,
    e.detail ?? null,
    e.hint ?? null,
  );
}
