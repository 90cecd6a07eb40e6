import { FunctionsFetchError, FunctionsHttpError, FunctionsRelayError } from '@supabase/supabase-js';
import type { SupabaseClient } from '@/lib/supabase.ts';
import { AppError } from '@/lib/errors.ts';

interface FunctionErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
  message?: string;
  msg?: string;
}

/**
 * Calls an Edge Function through supabase-js and returns its JSON body. The project's functions answer
 * errors as `{ error: { code, message, details? } }` (supabase/functions/_shared/http.ts); the platform
 * itself (verify_jwt, boot failures) answers `{ code, message }` or `{ msg }`. Both become an AppError.
 */
export async function invokeFunction<T>(supabase: SupabaseClient, name: string, body: unknown): Promise<T> {
  const { data, error } = await supabase.functions.invoke<T>(name, { body: body as Record<string, unknown> });
  if (!error) return data as T;
  if (error instanceof FunctionsHttpError) {
    const response = error.context as Response;
    let parsed: FunctionErrorBody | undefined;
    try {
      parsed = (await response.clone().json()) as FunctionErrorBody;
    } catch {
      parsed = undefined;
    }
    const message =
      parsed?.error?.message ?? parsed?.message ?? parsed?.msg ?? `The server answered ${response.status}.`;
    throw new AppError(message, {
      code: parsed?.error?.code,
      details: parsed?.error?.details,
      status: response.status,
    });
  }
  if (error instanceof FunctionsFetchError) {
    throw new AppError('Could not reach the server. Check your connection and try again.', { code: 'fetch_error' });
  }
  if (error instanceof FunctionsRelayError) {
    throw new AppError('The server could not run this action. Try again in a moment.', { code: 'relay_error' });
  }
  throw error;
}
