// Edge Functions through the gateway: cold call (first call of a function, which
// starts its Deno process), warm call latency, and a pg_net database webhook's
// commit-to-response time. Each function here is a minimal `Deno.serve`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { BenchRow } from './run.ts';
import { startTestStack } from '../tests/helpers/stack.ts';

const COLD_SAMPLES = 8;
const WARM_SAMPLES = 400;
const WEBHOOK_SAMPLES = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export default async function run(): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-bench-functions-'));
  for (let i = 0; i < COLD_SAMPLES; i++) {
    fs.mkdirSync(path.join(dir, `hello-${i}`));
    fs.writeFileSync(
      path.join(dir, `hello-${i}`, 'index.ts'),
      `Deno.serve(() => new Response(JSON.stringify({ hello: ${i} }), { headers: { 'Content-Type': 'application/json' } }));\n`,
    );
  }
  fs.mkdirSync(path.join(dir, 'hook'));
  fs.writeFileSync(path.join(dir, 'hook', 'index.ts'), `Deno.serve(async (req) => new Response(await req.text()));\n`);

  const stack = await startTestStack({ projectMigrations: false, config: { functionsDir: dir } });
  const headers = { apikey: stack.anonKey, Authorization: `Bearer ${stack.anonKey}` };
  const call = async (slug: string): Promise<number> => {
    const t0 = performance.now();
    const res = await fetch(`${stack.url}/functions/v1/${slug}`, { headers });
    await res.text();
    if (res.status !== 200) throw new Error(`${slug}: ${res.status}`);
    return performance.now() - t0;
  };
  try {
    const cold: number[] = [];
    for (let i = 0; i < COLD_SAMPLES; i++) cold.push(await call(`hello-${i}`));
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) await call('hello-0');
    for (let i = 0; i < WARM_SAMPLES; i++) warm.push(await call('hello-0'));

    const owner = new pg.Client({ connectionString: stack.dbUrl });
    await owner.connect();
    const webhook: number[] = [];
    try {
      await owner.query('create extension if not exists pg_net with schema extensions');
      const post = `select net.http_post($1, '{"n": 1}'::jsonb, headers := jsonb_build_object('Content-Type', 'application/json', 'Authorization', $2::text)) as id`;
      const url = `${stack.url}/functions/v1/hook`;
      // Warm the function's process first: the figure is the webhook path, not a cold start.
      await owner.query(post, [url, `Bearer ${stack.anonKey}`]);
      for (let i = 0; i < WEBHOOK_SAMPLES; i++) {
        const t0 = performance.now();
        const { rows } = await owner.query(post, [url, `Bearer ${stack.anonKey}`]);
        for (;;) {
          const r = await owner.query('select 1 from net._http_response where id = $1', [rows[0].id]);
          if (r.rowCount) break;
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        webhook.push(performance.now() - t0);
      }
    } finally {
      await owner.end();
    }

    cold.sort((a, b) => a - b);
    warm.sort((a, b) => a - b);
    webhook.sort((a, b) => a - b);
    return [
      {
        metric: 'function cold call (first call: Deno process start), p50',
        value: percentile(cold, 50),
        unit: 'ms',
        note: `${COLD_SAMPLES} functions, max ${percentile(cold, 100).toFixed(0)} ms`,
      },
      {
        metric: 'function warm call, p50',
        value: percentile(warm, 50),
        unit: 'ms',
        note: `${WARM_SAMPLES} sequential calls`,
      },
      {
        metric: 'function warm call, p99',
        value: percentile(warm, 99),
        unit: 'ms',
        note: `${WARM_SAMPLES} sequential calls`,
      },
      {
        metric: 'pg_net webhook: commit to response recorded, p50',
        value: percentile(webhook, 50),
        unit: 'ms',
        note: `${WEBHOOK_SAMPLES} net.http_post calls to a warm function`,
      },
    ];
  } finally {
    await stack.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
