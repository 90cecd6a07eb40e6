// Supabase clients for edge functions. Functions act AS THE CALLER (their
// Authorization header), so RLS and the audit log's actor stay right; the
// service-role client is only for work no user owns (Auth admin, the mail worker).
import { createClient, type SupabaseClient } from 'npm:@supabase/supabase-js@2.119.1';

function env(name: string): string {
  const v = Deno.env.get(name);
  if (!v) throw new Error(`${name} is not set`);
  return v;
}

export function callerClient(req: Request): SupabaseClient {
  return createClient(env('SUPABASE_URL'), env('SUPABASE_ANON_KEY'), {
    global: { headers: { Authorization: req.headers.get('Authorization') ?? '' } },
    auth: { persistSession: false, autoRefreshToken: false },
  });
}

export function serviceClient(): SupabaseClient {
  return createClient(env('SUPABASE_URL'), env('SUPABASE_SERVICE_ROLE_KEY'), {
    auth: { persistSession: false, autoRefreshToken: false },
  });
}
