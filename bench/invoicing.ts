// Invoicing figures (issue 9) against the real local stack with the demo data, through
// supabase-js as the app calls it:
//  - the create-invoice edge function, warm (one unmeasured call first): p50/p95 over 50
//    sequential stand-alone invoices of 3 lines, without e-mail (invoice + journal entry,
//    PDF rendered and stored, path recorded) and with it (plus the outbox row; the
//    send-emails worker delivers to the mail catcher meanwhile, on the same two cores);
//  - sales order confirmation (gapless SO number, stock reserved for 3 stocked lines) by
//    20 signed-in sales users at once, each confirming its own drafts one after another:
//    orders/s and p95 of confirm_sales_order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { BenchRow } from './run.ts';
import { startStack } from '../stack/stack.ts';
import { freePort } from '../tests/helpers/ports.ts';

const ORG = 'aaaaaaaa-0000-4000-8000-000000000001';
const INVOICES = 50;
const USERS = 20;
const ORDERS_PER_USER = 10;

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export default async function run(): Promise<BenchRow[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-bench-invoicing-'));
  fs.chmodSync(dataDir, 0o777);
  const stack = await startStack({
    dataDir,
    port: await freePort(),
    dbPort: await freePort(),
    mailPort: await freePort(),
    smtpPort: await freePort(),
    seedEnabled: true,
  });
  const db = new pg.Client({ connectionString: stack.config.adminDbUrl });
  await db.connect();
  const signIn = async (email: string, password = 'ledgerline-demo') => {
    const client = createClient(stack.config.apiUrl, stack.config.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
    const { error } = await client.auth.signInWithPassword({ email, password });
    if (error) throw error;
    return client;
  };
  try {
    const admin = createClient(stack.config.apiUrl, stack.config.serviceRoleKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
    const accountant = await signIn('accountant@northwind.test');
    const customer = (
      await db.query<{ id: string }>(
        `select id from public.accounts where org_id = $1 and is_customer and email is not null and archived_at is null
          order by name limit 1`,
        [ORG],
      )
    ).rows[0]!.id;
    const stocked = (
      await db.query<{ id: string; sale_price: string }>(
        `select id, sale_price::text from public.products
          where org_id = $1 and kind = 'stocked' and active and archived_at is null order by sku`,
        [ORG],
      )
    ).rows;
    if (stocked.length < 3) throw new Error('The demo data has fewer than 3 stocked products');

    // 1. create-invoice, warm, sequential.
    const invoiceRun = async (label: string, send: boolean) => {
      const call = async (i: number) => {
        const started = performance.now();
        const { error, response } = await accountant.functions.invoke('create-invoice', {
          body: {
            org_id: ORG,
            idempotency_key: `bench-${label}-${i}-${Date.now()}`,
            account_id: customer,
            send,
            lines: [
              { product_id: stocked[0]!.id, description: 'Bench widget', quantity: 3, unit_price: 19.99, tax_rate: 20 },
              { product_id: stocked[1]!.id, description: 'Bench gadget', quantity: 1, unit_price: 149.5, tax_rate: 20 },
              { description: 'Handling and shipping', quantity: 1, unit_price: 12.35, discount_pct: 10, tax_rate: 20 },
            ],
          },
        });
        if (error || response?.status !== 201) {
          throw new Error(`create-invoice answered ${response?.status}: ${error?.message}`);
        }
        const elapsed = performance.now() - started;
        if (i >= 0) {
          // The function's own Server-Timing: where the time went, per step.
          for (const part of (response.headers.get('server-timing') ?? '').split(',')) {
            const m = /^\s*(\w+);dur=([\d.]+)/.exec(part);
            if (m) (steps[m[1]!] ??= []).push(Number(m[2]));
          }
        }
        return elapsed;
      };
      const steps: Record<string, number[]> = {};
      const cold = await call(-1);
      const times: number[] = [];
      for (let i = 0; i < INVOICES; i++) times.push(await call(i));
      const breakdown = Object.entries(steps)
        .map(([name, ms]) => `${name} ${Math.round(pct(ms, 50))}`)
        .join(', ');
      return { cold, times, breakdown };
    };
    const quiet = await invoiceRun('quiet', false);
    const mailed = await invoiceRun('mailed', true);
    const outbox = Number(
      (
        await db.query<{ n: string }>(
          `select count(*) as n from public.email_outbox where org_id = $1 and template = 'invoice'`,
          [ORG],
        )
      ).rows[0]!.n,
    );

    // 2. Order confirmation under 20 concurrent sales users. Plenty of stock first, then
    //    10 drafts of 3 stocked lines per user (written straight to the database: only the
    //    confirmations are measured); lines rotate over the stocked catalogue.
    const { rows: mainRows } = await db.query<{ id: string }>(
      `select id from public.warehouses where org_id = $1 order by is_default desc, code limit 1`,
      [ORG],
    );
    const warehouse = mainRows[0]!.id;
    const owner = await signIn('owner@northwind.test');
    const { rows: allStocked } = await db.query<{ id: string }>(
      `select id from public.products where org_id = $1 and kind = 'stocked' and active and archived_at is null`,
      [ORG],
    );
    for (const p of allStocked) {
      const { error } = await owner.rpc('receive_stock', {
        p_org_id: ORG,
        p_product_id: p.id,
        p_warehouse_id: warehouse,
        p_quantity: 100000,
        p_unit_cost: 5,
      });
      if (error) throw new Error(error.message);
    }
    const reps: SupabaseClient[] = [];
    const drafts: string[][] = [];
    for (let u = 0; u < USERS; u++) {
      const email = `bench-rep-${u}@northwind.test`;
      const { data: created, error: createError } = await admin.auth.admin.createUser({
        email,
        password: 'bench-rep-pw',
        email_confirm: true,
      });
      if (createError) throw createError;
      const rows = [{ id: created.user.id }];
      await db.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, 'sales')`, [
        ORG,
        rows[0]!.id,
      ]);
      reps.push(await signIn(email, 'bench-rep-pw'));
      const orders: string[] = [];
      for (let o = 0; o < ORDERS_PER_USER; o++) {
        const { rows: order } = await db.query<{ id: string }>(
          `insert into public.sales_orders (org_id, account_id, warehouse_id, owner_id) values ($1, $2, $3, $4) returning id`,
          [ORG, customer, warehouse, rows[0]!.id],
        );
        const n = u * ORDERS_PER_USER + o;
        for (let l = 0; l < 3; l++) {
          const p = stocked[(n * 3 + l) % stocked.length]!;
          await db.query(
            `insert into public.sales_order_lines (org_id, sales_order_id, position, product_id, description, quantity, unit_price, tax_rate)
             values ($1, $2, $3, $4, 'Bench line', $5, $6, 20)`,
            [ORG, order[0]!.id, l + 1, p.id, 1 + (l % 3), p.sale_price],
          );
        }
        orders.push(order[0]!.id);
      }
      drafts.push(orders);
    }
    const confirmLatencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      reps.map(async (client, u) => {
        for (const id of drafts[u]!) {
          const started = performance.now();
          const { error } = await client.rpc('confirm_sales_order', { p_order_id: id });
          if (error) throw new Error(error.message);
          confirmLatencies.push(performance.now() - started);
        }
      }),
    );
    const confirmSeconds = (performance.now() - t0) / 1000;
    const { rows: confirmed } = await db.query<{ n: string; reserved: string }>(
      `select count(distinct s.id) as n, count(*) filter (where l.reserved_quantity = l.quantity) as reserved
         from public.sales_orders s join public.sales_order_lines l on l.sales_order_id = s.id
        where s.org_id = $1 and s.status = 'confirmed' and l.description = 'Bench line'`,
      [ORG],
    );

    return [
      {
        metric: `create-invoice warm, 3 lines, send=false, p50 (${INVOICES} sequential)`,
        value: pct(quiet.times, 50),
        unit: 'ms',
        note: `p95 ${Math.round(pct(quiet.times, 95))} ms; first call ${Math.round(quiet.cold)} ms; step p50s (ms): ${quiet.breakdown}`,
      },
      {
        metric: `create-invoice warm, 3 lines, send=true, p50 (${INVOICES} sequential)`,
        value: pct(mailed.times, 50),
        unit: 'ms',
        note: `p95 ${Math.round(pct(mailed.times, 95))} ms; ${outbox} e-mails queued; step p50s (ms): ${mailed.breakdown}`,
      },
      {
        metric: `sales order confirmation, ${USERS} concurrent sales users, throughput`,
        value: (USERS * ORDERS_PER_USER) / confirmSeconds,
        unit: 'orders/s',
        note: `${USERS * ORDERS_PER_USER} orders of 3 stocked lines; ${confirmed[0]!.n} confirmed, ${confirmed[0]!.reserved} lines fully reserved`,
      },
      {
        metric: 'same, confirm_sales_order p95',
        value: pct(confirmLatencies, 95),
        unit: 'ms',
        note: `p50 ${Math.round(pct(confirmLatencies, 50))} ms`,
      },
    ];
  } finally {
    await db.end();
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
