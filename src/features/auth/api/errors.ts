import { isAuthRetryableFetchError } from '@supabase/supabase-js';

/**
 * GoTrue's own messages ("Invalid login credentials", "Email not confirmed") are already written for
 * people, so they are shown as they come. Only transport failures get a clearer sentence.
 */
export function authErrorMessage(error: unknown): string {
  if (isAuthRetryableFetchError(error)) {
    return error.status === 0
      ? 'Could not reach the server. Check your connection and try again.'
      : 'The server is temporarily unavailable. Try again in a moment.';
  }
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}
