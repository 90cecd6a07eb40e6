// One place that turns what Supabase returns (PostgREST, Auth, Edge Functions, the network) into
// sentences for people. Messages the database raises on purpose (RAISE ... in the migrations) are
// already written for people and are shown as they are; only generic ones are reworded.
import { isAuthError, isAuthRetryableFetchError } from '@supabase/supabase-js';

/** An error the app itself raises, with the server's code and any per-field details kept. */
export class AppError extends Error {
  readonly code: string | undefined;
  readonly details: unknown;
  readonly hint: string | undefined;
  readonly status: number | undefined;

  constructor(message: string, opts: { code?: string; details?: unknown; hint?: string; status?: number } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = opts.code;
    this.details = opts.details;
    this.hint = opts.hint;
    this.status = opts.status;
  }
}

interface PostgrestLikeError {
  message: string;
  code?: string;
  details?: string | null;
  hint?: string | null;
}

function isPostgrestLike(error: unknown): error is PostgrestLikeError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string' &&
    'code' in error &&
    'details' in error
  );
}

const OFFLINE = 'Could not reach the server. Check your connection and try again.';

function isNetworkFailure(message: string): boolean {
  return /failed to fetch|fetch failed|networkerror|load failed|network request failed/i.test(message);
}

/** Raises a PostgREST error as an AppError (keeps code and hint), so react-query sees a real Error. */
export function toAppError(error: PostgrestLikeError): AppError {
  return new AppError(error.message, {
    code: error.code || undefined,
    details: error.details ?? undefined,
    hint: error.hint ?? undefined,
  });
}

function databaseMessage(code: string | undefined, message: string, hint: string | undefined): string {
  if (isNetworkFailure(message)) return OFFLINE;
  if (code === 'PGRST301' || code === 'PGRST303' || /jwt expired/i.test(message)) {
    return 'Your session has expired. Sign in again.';
  }
  if (code === '42501' && /row-level security|permission denied/i.test(message)) {
    return "You don't have permission to do that.";
  }
  if (code === '23505' && /duplicate key value/i.test(message)) return 'That value is already taken.';
  if (code === '23514' && /violates check constraint/i.test(message)) return 'One of the values is not allowed.';
  if (code === '23503' && /foreign key/i.test(message)) return 'This refers to something that no longer exists.';
  if (code === 'PGRST116') return 'Not found.';
  return hint ? `${message} ${hint}` : message;
}

/** The sentence to show for any error the app can meet. */
export function errorMessage(error: unknown): string {
  if (isAuthRetryableFetchError(error)) {
    return error.status === 0 ? OFFLINE : 'The server is temporarily unavailable. Try again in a moment.';
  }
  // GoTrue's messages ("Invalid login credentials", "Email not confirmed") are written for people.
  if (isAuthError(error)) return error.message || 'Something went wrong. Try again.';
  if (error instanceof AppError) return databaseMessage(error.code, error.message, error.hint);
  if (isPostgrestLike(error)) return databaseMessage(error.code, error.message, error.hint ?? undefined);
  if (error instanceof Error && error.message) {
    return isNetworkFailure(error.message) ? OFFLINE : error.message;
  }
  return 'Something went wrong. Try again.';
}

/** The code of a database or function error, if it has one (e.g. "23505", "P0001"). */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof AppError) return error.code;
  if (isPostgrestLike(error)) return error.code || undefined;
  return undefined;
}
