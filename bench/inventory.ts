// Inventory figures (issue 8) against the real local stack with the demo data, through
// supabase-js as the apps call it (REST RPCs under RLS, Realtime):
//  - stock movement posting: throughput and p95 latency with 20 concurrent writers;
//  - 200 concurrent reservations of 1 unit against 100 available: p95 latency (budget ≤ 200 ms),
//    and that exactly 100 succeed (warm pool: one unmeasured rush first);
//  - movement posted by one client → stock_levels change seen by another client over Realtime;
//  - stock valuation over 1M ledger rows, as of a date (ledger scan; budget ≤ 300 ms) and now.
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
const WRITERS = 20;
const MOVES_PER_WRITER = 40;
const LEDGER_ROWS = 1_000_000;
const RUSHES = 3;

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export default async function run(): Promise<BenchRow[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-bench-inventory-'));
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
  const clients: SupabaseClient[] = [];
  const signIn = async (email: string) => {
    const client = createClient(stack.config.apiUrl, stack.config.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
    const { error } = await client.auth.signInWithPassword({ email, password: 'ledgerline-demo' });
    if (error) throw error;
    clients.push(client);
    return client;
  };
  try {
    const products = (
      await db.query<{ id: string }>(`select id from public.products where org_id = $1 and kind = 'stocked'`, [ORG])
    ).rows.map((r) => r.id);
    const warehouses = (await db.query<{ id: string }>(`select id from public.warehouses where org_id = $1`, [ORG]))
      .rows;
    const main = (
      await db.query<{ id: string }>(`select id from public.warehouses where org_id = $1 and code = 'MAIN'`, [ORG])
    ).rows[0]!.id;

    // 1. Posting throughput: 20 warehouse clients, each posting receipts one after another.
    const writers = await Promise.all(Array.from({ length: WRITERS }, () => signIn('warehouse@northwind.test')));
    const postLatencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      writers.map(async (client, w) => {
        for (let i = 0; i < MOVES_PER_WRITER; i++) {
          const started = performance.now();
          const { error } = await client.rpc('receive_stock', {
            p_org_id: ORG,
            p_product_id: products[(w + i) % products.length]!,
            p_warehouse_id: warehouses[i % warehouses.length]!.id,
            p_quantity: 1,
            p_unit_cost: 5 + (i % 7),
          });
          if (error) throw new Error(error.message);
          postLatencies.push(performance.now() - started);
        }
      }),
    );
    const postSeconds = (performance.now() - t0) / 1000;
    for (const c of writers) await c.auth.signOut().catch(() => undefined);

    // 2. 200 reservations of 1 against exactly 100 available, all at once, from 20 sales
    // clients. One unmeasured rush first opens the gateway's pool connections and warms
    // their caches (a cold pool adds ~1.5 s of connection set-up), then RUSHES measured ones.
    const target = products[0]!;
    await db.query(
      `select set_config('request.jwt.claims', '{"role":"authenticated","sub":"11111111-1111-4111-8111-111111111111"}', false)`,
    );
    const setAvailable = async (quantity: number) => {
      const { rows } = await db.query<{ available: string }>(
        `select available::text from public.stock_levels where product_id = $1 and warehouse_id = $2`,
        [target, main],
      );
      await db.query(`select public.adjust_stock($1, $2, $3, $4, 'bench: set what is available')`, [
        ORG,
        target,
        main,
        quantity - Number(rows[0]!.available),
      ]);
    };
    const availableNow = async () =>
      Number(
        (
          await db.query<{ available: string }>(
            `select available::text from public.stock_levels where product_id = $1 and warehouse_id = $2`,
            [target, main],
          )
        ).rows[0]!.available,
      );
    const reps = await Promise.all(Array.from({ length: 20 }, () => signIn('sales@northwind.test')));
    const rush = async (reserve: () => Promise<boolean>) => {
      await setAvailable(100);
      const latencies: number[] = [];
      let succeeded = 0;
      await Promise.all(
        Array.from({ length: 200 }, async () => {
          const started = performance.now();
          if (await reserve()) succeeded++;
          latencies.push(performance.now() - started);
        }),
      );
      return { latencies, succeeded, after: await availableNow() };
    };
    let next = 0;
    const reserveOverHttp = async () => {
      const { error } = await reps[next++ % reps.length]!.rpc('reserve_stock', {
        p_org_id: ORG,
        p_product_id: target,
        p_warehouse_id: main,
        p_quantity: 1,
      });
      return !error;
    };
    await rush(reserveOverHttp);
    const httpRushes = [];
    for (let i = 0; i < RUSHES; i++) httpRushes.push(await rush(reserveOverHttp));
    const reserveLatencies = httpRushes.flatMap((r) => r.latencies);

    // 2b. The same rushes straight at the database (50 connections as the sales user, no
    // HTTP), to tell the database's share of the latency from the gateway's.
    const salesId = (await db.query<{ id: string }>(`select id from auth.users where email = 'sales@northwind.test'`))
      .rows[0]!.id;
    const direct = new pg.Pool({ connectionString: stack.config.adminDbUrl, max: 50 });
    const reserveDirect = async () => {
      const client = await direct.connect();
      try {
        await client.query('begin');
        await client.query(
          `select set_config('request.jwt.claims', json_build_object('role', 'authenticated', 'sub', $1::text)::text, true),
                  set_config('role', 'authenticated', true)`,
          [salesId],
        );
        await client.query(`select public.reserve_stock($1, $2, $3, 1)`, [ORG, target, main]);
        await client.query('commit');
        return true;
      } catch {
        await client.query('rollback');
        return false;
      } finally {
        client.release();
      }
    };
    await rush(reserveDirect);
    const directRushes = [];
    for (let i = 0; i < RUSHES; i++) directRushes.push(await rush(reserveDirect));
    const directLatencies = directRushes.flatMap((r) => r.latencies);
    await direct.end();

    // 3. Movement → live update on another client (Realtime postgres_changes on stock_levels).
    const watcher = await signIn('sales@northwind.test');
    const poster = await signIn('warehouse@northwind.test');
    const waiting = new Map<number, (at: number) => void>();
    const channel = watcher
      .channel('bench-stock')
      .on(
        'postgres_changes',
        { event: 'UPDATE', schema: 'public', table: 'stock_levels', filter: `org_id=eq.${ORG}` },
        (p) => {
          const version = Number((p.new as { version: number }).version);
          waiting.get(version)?.(performance.now());
        },
      );
    await new Promise<void>((resolve, reject) =>
      channel.subscribe((status) => (status === 'SUBSCRIBED' ? resolve() : status === 'CHANNEL_ERROR' && reject())),
    );
    const liveLatencies: number[] = [];
    const liveProduct = products[1]!;
    for (let i = 0; i < 20; i++) {
      const [{ version }] = (
        await db.query<{ version: string }>(
          `select version::text from public.stock_levels where product_id = $1 and warehouse_id = $2`,
          [liveProduct, main],
        )
      ).rows as [{ version: string }];
      const seen = new Promise<number>((resolve) => waiting.set(Number(version) + 1, resolve));
      const started = performance.now();
      const { error } = await poster.rpc('receive_stock', {
        p_org_id: ORG,
        p_product_id: liveProduct,
        p_warehouse_id: main,
        p_quantity: 1,
        p_unit_cost: 7,
      });
      if (error) throw new Error(error.message);
      liveLatencies.push((await seen) - started);
    }
    await watcher.removeChannel(channel);

    // 4. Valuation over 1M ledger rows. The rows go in with triggers off (generating them through
    // the ledger would take minutes); they are valid movements, receipts and shipments in turn,
    // and their daily balances are added as the trigger would have.
    const [{ lastId }] = (
      await db.query<{ lastId: string }>(`select coalesce(max(id), 0)::text as "lastId" from public.stock_movements`)
    ).rows as [{ lastId: string }];
    await db.query(`set session_replication_role = replica`);
    await db.query(
      `insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, unit_cost, created_at)
       select $1, ($2::uuid[])[1 + n % array_length($2::uuid[], 1)], $3,
         case when n % 2 = 0 then 'receipt' else 'shipment' end::public.stock_movement_kind,
         case when n % 2 = 0 then 2 else -1 end, 4 + (n % 9), now() - make_interval(mins => ($4::int - n) / 10)
       from generate_series(1, $4::int) n`,
      [ORG, products, main, LEDGER_ROWS],
    );
    await db.query(`set session_replication_role = origin`);
    // What the ledger's daily-balance trigger would have added for those rows.
    await db.query(
      `insert into public.stock_daily_balances as b (org_id, product_id, warehouse_id, day, quantity_delta, value_delta)
       select org_id, product_id, warehouse_id, (created_at at time zone 'UTC')::date, sum(on_hand_delta),
         sum(on_hand_delta * unit_cost)
       from public.stock_movements where id > $1
       group by 1, 2, 3, 4
       on conflict (product_id, warehouse_id, day) do update
         set quantity_delta = b.quantity_delta + excluded.quantity_delta, value_delta = b.value_delta + excluded.value_delta`,
      [lastId],
    );
    await db.query(`analyze public.stock_movements`);
    const [{ rows: ledgerRows }] = (
      await db.query<{ rows: number }>(`select count(*)::int as rows from public.stock_movements where org_id = $1`, [
        ORG,
      ])
    ).rows as [{ rows: number }];
    const accountant = await signIn('accountant@northwind.test');
    const asOf = new Date().toISOString();
    const timeReport = async (params: Record<string, string>) => {
      const times: number[] = [];
      for (let i = 0; i < 6; i++) {
        const started = performance.now();
        const { data, error } = await accountant.rpc('stock_valuation', { p_org_id: ORG, ...params });
        if (error) throw new Error(error.message);
        if (!data?.length) throw new Error('empty valuation');
        times.push(performance.now() - started);
      }
      return pct(times.slice(1), 50);
    };
    const ledgerValuation = await timeReport({ p_as_of: asOf });
    const currentValuation = await timeReport({});

    return [
      {
        metric: 'stock movement posting, 20 concurrent writers',
        value: (WRITERS * MOVES_PER_WRITER) / postSeconds,
        unit: 'moves/s',
        note: `${WRITERS * MOVES_PER_WRITER} receipts via receive_stock (REST RPC under RLS)`,
      },
      {
        metric: 'stock movement posting, p95',
        value: pct(postLatencies, 95),
        unit: 'ms',
        note: '20 concurrent writers',
      },
      {
        metric: '200 concurrent reservations of 100 units, p95',
        value: pct(reserveLatencies, 95),
        unit: 'ms',
        budget: '≤ 200 ms',
        note: `${RUSHES} rushes after a warm-up; succeeded ${httpRushes.map((r) => r.succeeded).join('/')}, available after ${httpRushes.map((r) => r.after).join('/')}; p50 ${Math.round(pct(reserveLatencies, 50))} ms`,
      },
      {
        metric: 'same, straight at the database (50 connections), p95',
        value: pct(directLatencies, 95),
        unit: 'ms',
        note: `no HTTP, one Node process; succeeded ${directRushes.map((r) => r.succeeded).join('/')}, available after ${directRushes.map((r) => r.after).join('/')}`,
      },
      {
        metric: 'movement → live update on another client, median',
        value: pct(liveLatencies, 50),
        unit: 'ms',
        budget: '≤ 1000 ms',
        note: `20 receipts; p95 ${Math.round(pct(liveLatencies, 95))} ms`,
      },
      {
        metric: 'stock valuation as of a moment, median',
        value: ledgerValuation,
        unit: 'ms',
        budget: '≤ 300 ms',
        note: `${ledgerRows.toLocaleString('en')} ledger rows in the org (daily balances + that day), via REST as the accountant`,
      },
      { metric: 'stock valuation now (levels × moving average), median', value: currentValuation, unit: 'ms' },
    ];
  } finally {
    for (const c of clients) await c.removeAllChannels().catch(() => undefined);
    await db.end();
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
