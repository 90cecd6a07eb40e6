// Auth through the gateway with supabase-js: password sign-in latency (p50/p99,
// sequential), sign-ins per second with a few clients at once, refresh-token grant
// and GET /user latency. bcrypt cost 10, as GoTrue hashes, dominates sign-in.
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { BenchRow } from './run.ts';
import { startTestStack } from '../tests/helpers/stack.ts';

const SIGN_IN_SAMPLES = 150;
const CONCURRENT_CLIENTS = 4;
const CONCURRENT_ROUNDS = 15;
const CHEAP_SAMPLES = 300;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export default async function run(): Promise<BenchRow[]> {
  const stack = await startTestStack({ projectMigrations: false });
  const client = () =>
    createClient(stack.url, stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
  try {
    const admin = createClient(stack.url, stack.serviceRoleKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
    const emails: string[] = [];
    for (let i = 0; i < CONCURRENT_CLIENTS; i++) {
      const email = `bench${i}@example.com`;
      const { error } = await admin.auth.admin.createUser({ email, password: 'bench-password', email_confirm: true });
      if (error) throw error;
      emails.push(email);
    }
    const signIn = async (email: string) => {
      const { error } = await client().auth.signInWithPassword({ email, password: 'bench-password' });
      if (error) throw error;
    };

    for (let i = 0; i < 10; i++) await signIn(emails[0]!);
    const seq: number[] = [];
    for (let i = 0; i < SIGN_IN_SAMPLES; i++) seq.push(await timed(() => signIn(emails[0]!)));
    seq.sort((a, b) => a - b);

    const t0 = performance.now();
    await Promise.all(
      emails.map(async (email) => {
        for (let i = 0; i < CONCURRENT_ROUNDS; i++) await signIn(email);
      }),
    );
    const perSecond = (CONCURRENT_CLIENTS * CONCURRENT_ROUNDS) / ((performance.now() - t0) / 1000);

    const c = client();
    await c.auth.signInWithPassword({ email: emails[0]!, password: 'bench-password' });
    const refresh: number[] = [];
    for (let i = 0; i < CHEAP_SAMPLES; i++) {
      refresh.push(
        await timed(async () => {
          const { error } = await c.auth.refreshSession();
          if (error) throw error;
        }),
      );
    }
    refresh.sort((a, b) => a - b);
    const token = (await c.auth.getSession()).data.session!.access_token;
    const getUser: number[] = [];
    for (let i = 0; i < CHEAP_SAMPLES; i++) {
      getUser.push(
        await timed(async () => {
          const { error } = await c.auth.getUser(token);
          if (error) throw error;
        }),
      );
    }
    getUser.sort((a, b) => a - b);

    return [
      {
        metric: 'sign-in (password) p50',
        value: percentile(seq, 50),
        unit: 'ms',
        note: `${SIGN_IN_SAMPLES} sequential, bcrypt cost 10`,
      },
      { metric: 'sign-in (password) p99', value: percentile(seq, 99), unit: 'ms' },
      { metric: `sign-ins/s, ${CONCURRENT_CLIENTS} clients`, value: perSecond, unit: '/s' },
      { metric: 'refresh_token grant p50', value: percentile(refresh, 50), unit: 'ms' },
      { metric: 'refresh_token grant p99', value: percentile(refresh, 99), unit: 'ms' },
      { metric: 'GET /user p50', value: percentile(getUser, 50), unit: 'ms' },
      { metric: 'GET /user p99', value: percentile(getUser, 99), unit: 'ms' },
    ];
  } finally {
    await stack.stop();
  }
}
