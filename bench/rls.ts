// RLS overhead: the same reads of a 100k-row org-scoped table (audit_log) as a
// member (role authenticated, claims set, policies applied) and as service_role
// (bypasses RLS), in the same transaction shape PostgREST uses. Budget ≤ 1.3×.
import pg from 'pg';
import type { BenchRow } from './run.ts';
import { startTestStack } from '../tests/helpers/stack.ts';

const ROWS = 100_000;

async function timeQuery(client: pg.Client, role: 'member' | 'service_role', memberClaims: string, sql: string, runs: number) {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    await client.query('begin read only');
    if (role === 'member') {
      await client.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [memberClaims]);
    } else {
      await client.query(`select set_config('role', 'service_role', true), set_config('request.jwt.claims', '{"role":"service_role"}', true)`);
    }
    await client.query(sql);
    await client.query('commit');
    if (i >= 1) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export default async function run(): Promise<BenchRow[]> {
  const stack = await startTestStack();
  try {
    const [user] = await stack.sql<{ id: string }>(
      `insert into auth.users (id, email, aud, role) values (gen_random_uuid(), 'bench@rls.test', 'authenticated', 'authenticated') returning id`,
    );
    const orgs = await stack.sql<{ id: string }>(
      `insert into public.organizations (name, slug) select 'Org ' || g, 'org-' || g from generate_series(1, 4) g returning id`,
    );
    const mine = orgs[0]!.id;
    await stack.sql(`insert into public.memberships (org_id, user_id, role) values ($1, $2, 'manager')`, [mine, user!.id]);
    // 100k rows in the member's org plus 300k in three other orgs: RLS must filter them out.
    await stack.sql(
      `insert into public.audit_log (org_id, table_name, row_id, action, changes, created_at)
       select o.id, 'deals', g::text, 'UPDATE', jsonb_build_object('stage', jsonb_build_object('old', 'a', 'new', 'b')),
              now() - make_interval(secs => g)
       from generate_series(1, $1::int) g, unnest($2::uuid[]) o(id)`,
      [ROWS, orgs.map((o) => o.id)],
    );
    await stack.sql('analyze public.audit_log');
    const claims = JSON.stringify({ role: 'authenticated', sub: user!.id, aud: 'authenticated' });
    const client = new pg.Client({ connectionString: stack.config.authenticatorDbUrl });
    await client.connect();
    const rows: BenchRow[] = [];
    try {
      const reads: [string, string][] = [
        // The org filter is in both queries, as the SPA always sends it.
        ['count + aggregate over the org (100k rows)', `select count(*), max(created_at) from public.audit_log where org_id = '${mine}'`],
        ['page of 50, newest first', `select * from public.audit_log where org_id = '${mine}' order by created_at desc limit 50`],
        ['full read of the org (100k rows)', `select id, row_id, action, changes from public.audit_log where org_id = '${mine}'`],
      ];
      for (const [label, sql] of reads) {
        // Interleaved so background load hits both sides alike.
        const m: number[] = [];
        const s: number[] = [];
        for (let i = 0; i < 9; i++) {
          m.push(await timeQuery(client, 'member', claims, sql, 3));
          s.push(await timeQuery(client, 'service_role', claims, sql, 3));
        }
        const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
        const member = median(m);
        const service = median(s);
        rows.push({
          metric: `RLS overhead, ${label}: member ${member.toFixed(1)} ms vs service_role ${service.toFixed(1)} ms`,
          value: member / service,
          unit: '×',
          budget: '≤ 1.3×',
          note: `+${(member - service).toFixed(2)} ms; audit_log ${ROWS * 4} rows, ${ROWS} in the member's org`,
        });
      }
    } finally {
      await client.end();
    }
    return rows;
  } finally {
    await stack.stop();
  }
}
