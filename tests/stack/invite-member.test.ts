// The invite-member edge function end to end: the invitation row is created as the
// caller, an existing user gets the product's e-mail through the outbox (delivered by
// send-emails via the pg_net webhook), a new user gets Auth's invitation e-mail, and
// both accept with the token from their e-mail.
import type { SupabaseClient } from '@supabase/supabase-js';
import { nodeClient } from '../helpers/clients.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForMail } from '../helpers/mail.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let owner: SupabaseClient;
let orgId: string;
const APP = 'http://127.0.0.1:5173';

function client(): SupabaseClient {
  return nodeClient(stack.url, stack.anonKey);
}

async function userClient(email: string, password = 'invite-test-pw'): Promise<SupabaseClient> {
  const admin = nodeClient(stack.url, stack.serviceRoleKey);
  const { error } = await admin.auth.admin.createUser({ email, password, email_confirm: true });
  if (error) throw error;
  const c = client();
  const { error: signInError } = await c.auth.signInWithPassword({ email, password });
  if (signInError) throw signInError;
  return c;
}

function tokenFrom(link: string): { org: string; token: string } {
  const u = new URL(link);
  return { org: u.searchParams.get('org')!, token: u.searchParams.get('token')! };
}

beforeAll(async () => {
  stack = await startTestStack();
  owner = await userClient('owner@invite.test');
  const { data, error } = await owner.rpc('create_organization', { p_name: 'Invite Co', p_slug: 'invite-co' });
  if (error) throw error;
  orgId = (data as { id: string }).id;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('invite-member', () => {
  it('invites an existing user through the outbox; they accept with the e-mailed token', async () => {
    const existing = await userClient('existing@invite.test');
    const { data, error } = await owner.functions.invoke('invite-member', {
      body: { org_id: orgId, email: 'existing@invite.test', role: 'sales', app_url: APP },
    });
    expect(error).toBeNull();
    expect(data).toMatchObject({ new_user: false });
    const mail = await waitForMail(stack.mailUrl, 'existing@invite.test', /You are invited to join Invite Co/);
    const link = mail.Links.find((l) => l.startsWith(`${APP}/invitations/accept`))!;
    const { org, token } = tokenFrom(link);
    expect(org).toBe(orgId);
    const { data: membership, error: acceptError } = await existing.rpc('accept_invitation', { p_org_id: org, p_token: token });
    expect(acceptError).toBeNull();
    expect(membership).toMatchObject({ org_id: orgId, role: 'sales' });
    const [row] = await stack.sql<{ status: string; attempts: number }>(
      `select status, attempts from public.email_outbox where to_email = 'existing@invite.test'`,
    );
    expect(row).toEqual({ status: 'sent', attempts: 1 });
  });

  it("invites a new person through Auth's invitation e-mail; the link signs them in to set a password and accept", async () => {
    const { data, error } = await owner.functions.invoke('invite-member', {
      body: { org_id: orgId, email: 'newcomer@invite.test', role: 'support', app_url: APP },
    });
    expect(error).toBeNull();
    expect(data).toMatchObject({ new_user: true });
    const mail = await waitForMail(stack.mailUrl, 'newcomer@invite.test', /invited/i);
    const verify = mail.Links.find((l) => l.includes('/auth/v1/verify?'))!;
    const res = await fetch(verify, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${APP}/invitations/accept`);
    const fragment = new URLSearchParams(location.hash.slice(1));
    const newcomer = client();
    const { error: sessionError } = await newcomer.auth.setSession({
      access_token: fragment.get('access_token')!,
      refresh_token: fragment.get('refresh_token')!,
    });
    expect(sessionError).toBeNull();
    expect((await newcomer.auth.updateUser({ password: 'chosen-password-1' })).error).toBeNull();
    const { error: acceptError } = await newcomer.rpc('accept_invitation', {
      p_org_id: location.searchParams.get('org')!,
      p_token: location.searchParams.get('token')!,
    });
    expect(acceptError).toBeNull();
    const again = client();
    expect((await again.auth.signInWithPassword({ email: 'newcomer@invite.test', password: 'chosen-password-1' })).error).toBeNull();
  });

  it('refuses callers who are not owners or admins, and invalid requests, with clear errors', async () => {
    const rep = await userClient('rep@invite.test');
    await stack.sql(`insert into public.memberships (org_id, user_id, role)
      select $1, id, 'sales' from auth.users where email = 'rep@invite.test'`, [orgId]);
    const denied = await rep.functions.invoke('invite-member', { body: { org_id: orgId, email: 'x@invite.test', role: 'viewer' } });
    expect(denied.error?.context.status).toBe(403);
    expect(await denied.error?.context.json()).toEqual({
      error: { code: '42501', message: 'Only owners and admins can invite members' },
    });
    const invalid = await owner.functions.invoke('invite-member', { body: { org_id: 'nope', email: 'not-an-email', role: 'boss' } });
    expect(invalid.error?.context.status).toBe(400);
    const body = (await invalid.error?.context.json()) as { error: { code: string; details: Record<string, string[]> } };
    expect(body.error.code).toBe('invalid_request');
    expect(Object.keys(body.error.details).sort()).toEqual(['email', 'org_id', 'role']);
    const anonymous = await client().functions.invoke('invite-member', { body: { org_id: orgId, email: 'y@invite.test', role: 'viewer' } });
    expect(anonymous.error?.context.status).toBe(401);
  });
});
