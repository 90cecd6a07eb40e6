// Responses shared by the project's edge functions: CORS (browsers call functions
// directly on hosted Supabase, where no gateway answers preflights) and JSON errors
// in one shape: { error: { code, message, details? } }.

export const corsHeaders: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers':
    'authorization, x-client-info, apikey, content-type, x-retry-count, traceparent, tracestate, baggage, idempotency-key',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
};

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...corsHeaders, 'Content-Type': 'application/json' },
  });
}

export function errorResponse(status: number, code: string, message: string, details?: unknown): Response {
  return json(status, { error: { code, message, ...(details === undefined ? {} : { details }) } });
}

export function preflight(req: Request): Response | undefined {
  return req.method === 'OPTIONS' ? new Response('ok', { headers: corsHeaders }) : undefined;
}

/** Maps a PostgREST error from an RPC to an HTTP status the caller can act on. */
export function statusForDbError(code: string | undefined): number {
  if (code === '42501') return 403;
  if (code === '23505') return 409;
  if (code === 'P0002') return 404;
  if (code?.startsWith('PGRST3')) return 401;
  return 400;
}

/** Claims of the (already verified, verify_jwt = true) bearer token. */
export function bearerClaims(req: Request): Record<string, unknown> | undefined {
  const token = req.headers.get('Authorization')?.replace(/^Bearer\s+/i, '');
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return undefined;
  }
}
