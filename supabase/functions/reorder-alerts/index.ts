// reorder-alerts: raises the reorder alerts that are due. Called by the database
// webhook when available stock crosses below a reorder point and by pg_cron on a
// schedule (both with the service key, for every organisation or the one in the body),
// or by a buyer from the app ("check now", as the caller: the database checks the role).
// The data part, one transaction with never more than one open alert per product and
// warehouse, is raise_reorder_alerts(); notifications, e-mails (the outbox) and draft
// purchase orders are created there too.
import { z } from 'npm:zod@4.6.7';
import { bearerClaims, errorResponse, json, preflight, statusForDbError } from '../_shared/http.ts';
import { callerClient, serviceClient } from '../_shared/supabase.ts';

const CheckBody = z
  .object({
    org_id: z.uuid().optional(),
    product_id: z.uuid().optional(),
    warehouse_id: z.uuid().optional(),
  })
  .strict();

Deno.serve(async (req) => {
  const early = preflight(req);
  if (early) return early;
  if (req.method !== 'POST') return errorResponse(405, 'method_not_allowed', 'Use POST');
  const claims = bearerClaims(req);
  if (!claims?.role) return errorResponse(401, 'not_signed_in', 'Sign in to check reorder points');

  let body: z.infer<typeof CheckBody>;
  try {
    const text = await req.text();
    const parsed = CheckBody.safeParse(text.trim() === '' ? {} : JSON.parse(text));
    if (!parsed.success) {
      return errorResponse(400, 'invalid_request', 'The request is not valid', z.flattenError(parsed.error).fieldErrors);
    }
    body = parsed.data;
  } catch {
    return errorResponse(400, 'invalid_json', 'The request body must be JSON');
  }
  if (claims.role !== 'service_role' && !body.org_id) {
    return errorResponse(400, 'invalid_request', 'Choose an organisation', { org_id: ['Required'] });
  }

  const client = claims.role === 'service_role' ? serviceClient() : callerClient(req);
  const { data, error } = await client.rpc('raise_reorder_alerts', {
    p_org_id: body.org_id ?? null,
    p_product_id: body.product_id ?? null,
    p_warehouse_id: body.warehouse_id ?? null,
  });
  if (error) return errorResponse(statusForDbError(error.code), error.code ?? 'db_error', error.message);
  const alerts = (data ?? []) as { id: string; product_id: string; warehouse_id: string; purchase_order_id: string | null }[];
  return json(200, { raised: alerts.length, alerts });
});
