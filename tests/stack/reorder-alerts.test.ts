// The reorder-alerts edge function end to end through the real stack: a stock drop
// below the reorder point fires the database webhook (pg_net) → the function → one
// alert, one notification per buyer, one draft purchase order and one e-mail; calling
// it again, twice at once, still leaves one; stock recovering closes the alert.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeClient } from '../helpers/clients.ts';
import { waitForMail } from '../helpers/mail.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let buyer: SupabaseClient;
let keeper: SupabaseClient;
let orgId: string;
let productId: string;
let warehouseId: string;
let supplierId: string;

async function userClient(email: string): Promise<{ client: SupabaseClient; id: string }> {
  const admin = nodeClient(stack.url, stack.serviceRoleKey);
  const { data, error } = await admin.auth.admin.createUser({
    email,
    password: 'reorder-test-pw',
    email_confirm: true,
  });
  if (error) throw error;
  const c = nodeClient(stack.url, stack.anonKey);
  const { error: signInError } = await c.auth.signInWithPassword({ email, password: 'reorder-test-pw' });
  if (signInError) throw signInError;
  return { client: c, id: data.user.id };
}

async function waitFor<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const count = async (sql: string, params: unknown[]) => Number((await stack.sql<{ n: string }>(sql, params))[0]!.n);

beforeAll(async () => {
  stack = await startTestStack();
  const owner = await userClient('buyer@reorder.test');
  buyer = owner.client;
  const { data, error } = await buyer.rpc('create_organization', { p_name: 'Reorder Co', p_slug: 'reorder-co' });
  if (error) throw error;
  orgId = (data as { id: string }).id;
  const staff = await userClient('keeper@reorder.test');
  keeper = staff.client;
  await stack.sql(`insert into public.memberships (org_id, user_id, role) values ($1, $2, 'warehouse')`, [
    orgId,
    staff.id,
  ]);
  [{ id: warehouseId }] = (await stack.sql<{ id: string }>(`select id from public.warehouses where org_id = $1`, [
    orgId,
  ])) as [{ id: string }];
  [{ id: supplierId }] = (await stack.sql<{ id: string }>(
    `insert into public.accounts (org_id, name, is_supplier) values ($1, 'Sprocket Supply', true) returning id`,
    [orgId],
  )) as [{ id: string }];
  [{ id: productId }] = (await stack.sql<{ id: string }>(
    `insert into public.products (org_id, sku, name, preferred_supplier_id, cost) values ($1, 'SPR-9', 'Sprocket', $2, 0) returning id`,
    [orgId, supplierId],
  )) as [{ id: string }];
  await stack.sql(
    `insert into public.reorder_rules (org_id, product_id, warehouse_id, reorder_point, reorder_quantity) values ($1, $2, $3, 10, 50)`,
    [orgId, productId, warehouseId],
  );
  const { error: receiveError } = await keeper.rpc('receive_stock', {
    p_org_id: orgId,
    p_product_id: productId,
    p_warehouse_id: warehouseId,
    p_quantity: 20,
    p_unit_cost: 3.25,
  });
  if (receiveError) throw receiveError;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('reorder-alerts', () => {
  it('raises one alert, one notification, one draft PO and one e-mail when stock drops below the reorder point', async () => {
    const { error } = await keeper.rpc('ship_stock', {
      p_org_id: orgId,
      p_product_id: productId,
      p_warehouse_id: warehouseId,
      p_quantity: 15,
    });
    expect(error).toBeNull();

    const alert = await waitFor('the alert', async () => {
      const { data } = await buyer.from('reorder_alerts').select('*').eq('org_id', orgId);
      return data?.length ? data : undefined;
    });
    expect(alert).toEqual([
      expect.objectContaining({
        status: 'open',
        available_at_open: 5,
        reorder_point: 10,
        reorder_quantity: 50,
        product_id: productId,
      }),
    ]);
    const { data: notes } = await buyer.from('notifications').select('kind, title, body').eq('org_id', orgId);
    expect(notes).toEqual([
      {
        kind: 'reorder_alert',
        title: 'Reorder Sprocket (SPR-9)',
        body: '5 available in Main warehouse (reorder point 10); a draft purchase order is ready',
      },
    ]);
    const { data: pos } = await buyer
      .from('purchase_orders')
      .select('status, number, supplier_id, source, purchase_order_lines(product_id, quantity, unit_cost)')
      .eq('org_id', orgId);
    expect(pos).toEqual([
      {
        status: 'draft',
        number: null,
        supplier_id: supplierId,
        source: 'reorder_alert',
        purchase_order_lines: [{ product_id: productId, quantity: 50, unit_cost: 3.25 }],
      },
    ]);
    await waitForMail(
      stack.mailUrl,
      'buyer@reorder.test',
      /^Reorder Sprocket \(SPR-9\): 5 available in Main warehouse$/,
    );
  });

  it('still has one alert after two concurrent calls, by the service and by a buyer', async () => {
    const service = nodeClient(stack.url, stack.serviceRoleKey);
    const [a, b] = await Promise.all([
      service.functions.invoke('reorder-alerts', { body: { org_id: orgId } }),
      buyer.functions.invoke('reorder-alerts', { body: { org_id: orgId, product_id: productId } }),
    ]);
    expect([a.error, b.error]).toEqual([null, null]);
    expect([a.data.raised, b.data.raised]).toEqual([0, 0]);
    expect(await count(`select count(*) as n from public.reorder_alerts where org_id = $1`, [orgId])).toBe(1);
    expect(await count(`select count(*) as n from public.purchase_orders where org_id = $1`, [orgId])).toBe(1);
    expect(await count(`select count(*) as n from public.notifications where org_id = $1`, [orgId])).toBe(1);
  });

  it('refuses bad input and callers who may not check reorder points', async () => {
    const bad = await buyer.functions.invoke('reorder-alerts', { body: { org_id: 'not-a-uuid' } });
    expect(bad.error).not.toBeNull();
    expect(bad.response?.status).toBe(400);
    expect(await bad.response!.json()).toMatchObject({
      error: { code: 'invalid_request', details: { org_id: expect.any(Array) } },
    });

    const outsider = await userClient('outsider@reorder.test');
    const denied = await outsider.client.functions.invoke('reorder-alerts', { body: { org_id: orgId } });
    expect(denied.response?.status).toBe(403);
  });

  it('closes the alert when stock recovers', async () => {
    const { error } = await keeper.rpc('receive_stock', {
      p_org_id: orgId,
      p_product_id: productId,
      p_warehouse_id: warehouseId,
      p_quantity: 40,
      p_unit_cost: 3.25,
    });
    expect(error).toBeNull();
    const { data } = await buyer.from('reorder_alerts').select('status, close_reason').eq('org_id', orgId);
    expect(data).toEqual([{ status: 'closed', close_reason: 'stock_recovered' }]);
  });
});
