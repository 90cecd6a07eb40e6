// Files on accounts, deals and tickets through the real Storage API with supabase-js:
// readers of a record read its files, writers add and remove them, other organisations
// and paths to records elsewhere get nothing.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeClient } from '../helpers/clients.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let rep: SupabaseClient;
let keeper: SupabaseClient;
let outsider: SupabaseClient;
let orgId: string;
let accountId: string;
let ticketId: string;
let foreignAccount: string;

async function user(email: string): Promise<{ client: SupabaseClient; id: string }> {
  const admin = nodeClient(stack.url, stack.serviceRoleKey);
  const { data, error } = await admin.auth.admin.createUser({ email, password: 'attach-test-pw', email_confirm: true });
  if (error) throw error;
  const client = nodeClient(stack.url, stack.anonKey);
  await client.auth.signInWithPassword({ email, password: 'attach-test-pw' });
  return { client, id: data.user.id };
}

const file = (text: string) => new Blob([text], { type: 'text/plain' });

beforeAll(async () => {
  stack = await startTestStack();
  const owner = await user('rep@attach.test');
  rep = owner.client;
  const { data } = await rep.rpc('create_organization', { p_name: 'Attach Co', p_slug: 'attach-co' });
  orgId = (data as { id: string }).id;
  const k = await user('keeper@attach.test');
  keeper = k.client;
  await stack.sql(`insert into public.memberships (org_id, user_id, role) values ($1, $2, 'warehouse')`, [orgId, k.id]);
  const o = await user('outsider@attach.test');
  outsider = o.client;
  const { data: other } = await outsider.rpc('create_organization', { p_name: 'Other Co', p_slug: 'attach-other' });
  [{ id: accountId }] = (await stack.sql<{ id: string }>(
    `insert into public.accounts (org_id, name) values ($1, 'Files Inc') returning id`,
    [orgId],
  )) as [{ id: string }];
  [{ id: ticketId }] = (await stack.sql<{ id: string }>(
    `insert into public.tickets (org_id, subject) values ($1, 'Broken') returning id`,
    [orgId],
  )) as [{ id: string }];
  [{ id: foreignAccount }] = (await stack.sql<{ id: string }>(
    `insert into public.accounts (org_id, name) values ($1, 'Elsewhere') returning id`,
    [(other as { id: string }).id],
  )) as [{ id: string }];
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('attachments', () => {
  it('lets writers of a record add files and readers read them', async () => {
    const path = `${orgId}/accounts/${accountId}/contract.txt`;
    expect((await rep.storage.from('attachments').upload(path, file('signed'))).error).toBeNull();
    const { data: listed } = await keeper.storage.from('attachments').list(`${orgId}/accounts/${accountId}`);
    expect(listed?.map((f) => f.name)).toEqual(['contract.txt']);
    const { data: blob } = await keeper.storage.from('attachments').download(path);
    expect(await blob!.text()).toBe('signed');
    // Warehouse staff read account files but do not add any.
    expect(
      (await keeper.storage.from('attachments').upload(`${orgId}/accounts/${accountId}/mine.txt`, file('x'))).error,
    ).not.toBeNull();
  });

  it('refuses other organisations, records elsewhere, roles that may not write, and odd paths', async () => {
    const { data } = await outsider.storage.from('attachments').list(`${orgId}/accounts/${accountId}`);
    expect(data).toEqual([]);
    expect(
      (await outsider.storage.from('attachments').download(`${orgId}/accounts/${accountId}/contract.txt`)).error,
    ).not.toBeNull();
    expect(
      (await rep.storage.from('attachments').upload(`${orgId}/accounts/${foreignAccount}/x.txt`, file('x'))).error,
    ).not.toBeNull();
    expect(
      (await rep.storage.from('attachments').upload(`${orgId}/invoices/${accountId}/x.txt`, file('x'))).error,
    ).not.toBeNull();
    expect((await rep.storage.from('attachments').upload(`${orgId}/accounts/x.txt`, file('x'))).error).not.toBeNull();
    // Sales read tickets but only support roles (and owners) attach to them; the owner here may.
    expect(
      (await rep.storage.from('attachments').upload(`${orgId}/tickets/${ticketId}/log.txt`, file('log'))).error,
    ).toBeNull();
    expect((await keeper.storage.from('attachments').list(`${orgId}/tickets/${ticketId}`)).data).toEqual([]);
  });
});
