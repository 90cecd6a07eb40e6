// invite-member: an owner or admin invites an e-mail address with a role.
// - The invitation row is created AS THE CALLER through create_invitation(), so the
//   database decides who may invite whom (owners/admins; only owners invite owners).
// - A new person gets an account through Auth's invitation e-mail; the link signs
//   them in and lands on the app's accept page, where they set a password.
// - An existing user gets the product's own invitation e-mail (the outbox).
import { z } from 'npm:zod@4.6.7';
import { bearerClaims, errorResponse, json, preflight, statusForDbError } from '../_shared/http.ts';
import { callerClient, serviceClient } from '../_shared/supabase.ts';

const Roles = ['owner', 'admin', 'manager', 'sales', 'support', 'warehouse', 'accountant', 'viewer'] as const;

const InviteBody = z.object({
  org_id: z.uuid(),
  email: z.email().max(320),
  role: z.enum(Roles),
  // Where the app lives (the accept page is built from it); defaults to SITE_URL.
  app_url: z.url().optional(),
});

Deno.serve(async (req) => {
  const early = preflight(req);
  if (early) return early;
  if (req.method !== 'POST') return errorResponse(405, 'method_not_allowed', 'Use POST');
  const claims = bearerClaims(req);
  if (!claims?.sub) return errorResponse(401, 'not_signed_in', 'Sign in to invite members');

  let body: z.infer<typeof InviteBody>;
  try {
    const parsed = InviteBody.safeParse(await req.json());
    if (!parsed.success) {
      return errorResponse(400, 'invalid_request', 'The invitation is not valid', z.flattenError(parsed.error).fieldErrors);
    }
    body = parsed.data;
  } catch {
    return errorResponse(400, 'invalid_json', 'The request body must be JSON');
  }

  const caller = callerClient(req);
  const { data, error } = await caller
    .rpc('create_invitation', { p_org_id: body.org_id, p_email: body.email, p_role: body.role })
    .single<{ invitation_id: string; token: string; expires_at: string }>();
  if (error) return errorResponse(statusForDbError(error.code), error.code ?? 'db_error', error.message);

  const appUrl = (body.app_url ?? Deno.env.get('SITE_URL') ?? 'http://127.0.0.1:5173').replace(/\/$/, '');
  const acceptUrl = `${appUrl}/invitations/accept?org=${encodeURIComponent(body.org_id)}&token=${encodeURIComponent(data.token)}`;

  const admin = serviceClient();
  const { error: inviteError } = await admin.auth.admin.inviteUserByEmail(body.email, {
    redirectTo: acceptUrl,
    data: { invited_to_org: body.org_id },
  });
  let newUser = true;
  if (inviteError) {
    if (inviteError.code !== 'email_exists' && inviteError.status !== 422) {
      return errorResponse(502, 'auth_invite_failed', inviteError.message);
    }
    // Already has an account: the product's own e-mail, through the outbox.
    newUser = false;
    const { error: mailError } = await admin.rpc('enqueue_invitation_email', {
      p_invitation_id: data.invitation_id,
      p_accept_url: acceptUrl,
    });
    if (mailError) return errorResponse(500, mailError.code ?? 'outbox_error', mailError.message);
  }
  return json(201, { invitation_id: data.invitation_id, expires_at: data.expires_at, new_user: newUser });
});
