// REST latency and throughput (issue 3): the same transaction (role, claims, query)
// through the gateway + stack/postgrest and directly through `pg`, side by side and
// interleaved, for a 50-row read with two embeds (pages 2 to 21), a 1-row lookup by key and an insert
// with return=representation; then requests/s at 10 and 50 concurrent connections.
import http from 'node:http';
import pg from 'pg';
import type { BenchRow } from './run.ts';

const RUNS = 300;
const WARMUP = 50;

const FIXTURE = `
create table public.bench_authors (id int primary key, name text not null, country text);
create table public.bench_publishers (id int primary key, name text not null);
create table public.bench_books (
  id int primary key, title text not null, price numeric(8,2), published date,
  author_id int not null references public.bench_authors (id),
  publisher_id int references public.bench_publishers (id),
  tags text[] not null default '{}'
);
create index on public.bench_books (author_id);
create index on public.bench_books (publisher_id);
create table public.bench_events (id bigserial primary key, kind text not null, payload jsonb, at timestamptz not null default now());
insert into public.bench_authors select g, 'Author ' || g, case when g % 2 = 0 then 'NO' else 'SE' end from generate_series(1, 500) g;
insert into public.bench_publishers select g, 'Publisher ' || g from generate_series(1, 50) g;
insert into public.bench_books select g, 'Book ' || g, (g % 90) + 9.5, date '2000-01-01' + g, (g % 500) + 1, (g % 50) + 1, array['t' || (g % 7), 't' || (g % 11)]
  from generate_series(1, 20000) g;
analyze;
notify pgrst, 'reload schema';
`;

// What the service sends for GET /bench_books?select=id,title,price,published,author:bench_authors(name,country),publisher:bench_publishers(name)&order=id&limit=50&offset=…
// written by hand in the same shape: one statement, the page cut first, lateral
// embeds, json_agg, the response GUCs read back.
const DIRECT_READ = `select null::int8 as total, count(*) as n, coalesce(json_agg(x), '[]')::text as body,
  current_setting('response.status', true) as s, current_setting('response.headers', true) as h from (
  select b.id, b.title, b.price, b.published, a.body as author, p.body as publisher
  from (select b.* from public.bench_books b order by b.id limit $1 offset $2) b
  left join lateral (select true as e, row_to_json(y) as body from (select a.name, a.country from public.bench_authors a where a.id = b.author_id) y) a on true
  left join lateral (select true as e, row_to_json(y) as body from (select p.name from public.bench_publishers p where p.id = b.publisher_id) y) p on true
  order by b.id) x`;
const DIRECT_LOOKUP = `select null::int8 as total, count(*) as n, coalesce(json_agg(x), '[]')::text as body from (select b.id, b.title, b.price from public.bench_books b where b.id = $1 limit 1000) x`;
const DIRECT_INSERT = `with s as (insert into public.bench_events as t (kind, payload) select r.kind, r.payload
  from json_array_elements($1::json) e(j), lateral json_populate_record(null::public.bench_events, e.j) r returning t.*)
  select count(*) as n, coalesce(json_agg(s), '[]')::text as body from s`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export default async function run(): Promise<BenchRow[]> {
  const { startTestStack } = await import('../tests/helpers/stack.ts');
  const stack = await startTestStack({ sql: FIXTURE, projectMigrations: false });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const claims = JSON.stringify({ role: 'anon' });
  const direct = new pg.Client({ connectionString: stack.config.authenticatorDbUrl });
  await direct.connect();

  const viaGateway = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${stack.url}/rest/v1${path}`,
        { method, agent, headers: { apikey: stack.serviceRoleKey, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const viaPg = async (readOnly: boolean, role: string, text: string, values: unknown[]) => {
    await direct.query(readOnly ? 'begin isolation level read committed read only' : 'begin isolation level read committed');
    await direct.query({
      name: `bench_settings`,
      text: `select set_config('search_path', $1, true), set_config('role', $2, true), set_config('request.jwt.claims', $3, true),
             set_config('request.method', $4, true), set_config('request.path', $5, true), set_config('request.headers', $6, true),
             set_config('request.cookies', $7, true)`,
      values: ['"public", "extensions"', role, claims, 'GET', '/bench_books', '{}', '{}'],
    });
    const res = await direct.query({ name: `bench_${text.length}`, text, values });
    await direct.query('commit');
    return res;
  };

  const pairs: { label: string; gateway: (i: number) => Promise<unknown>; pg: (i: number) => Promise<unknown> }[] = [
    {
      label: 'read 50 rows with two embeds',
      gateway: (i) =>
        viaGateway('GET', `/bench_books?select=id,title,price,published,author:bench_authors(name,country),publisher:bench_publishers(name)&order=id&limit=50&offset=${50 + ((i * 50) % 1000)}`),
      pg: (i) => viaPg(true, 'service_role', DIRECT_READ, [50, 50 + ((i * 50) % 1000)]),
    },
    {
      label: '1-row lookup by key',
      gateway: (i) => viaGateway('GET', `/bench_books?select=id,title,price&id=eq.${(i % 20000) + 1}`),
      pg: (i) => viaPg(true, 'service_role', DIRECT_LOOKUP, [(i % 20000) + 1]),
    },
    {
      label: 'insert 1 row, return=representation',
      gateway: (i) => viaGateway('POST', '/bench_events', JSON.stringify({ kind: 'k', payload: { i } }), { Prefer: 'return=representation' }),
      pg: (i) => viaPg(false, 'service_role', DIRECT_INSERT, [JSON.stringify([{ kind: 'k', payload: { i } }])]),
    },
  ];

  const rows: BenchRow[] = [];
  try {
    for (const pair of pairs) {
      const g: number[] = [];
      const d: number[] = [];
      for (let i = 0; i < RUNS + WARMUP; i++) {
        // Interleaved so background load hits both sides alike.
        let t0 = performance.now();
        await pair.gateway(i);
        const tg = performance.now() - t0;
        t0 = performance.now();
        await pair.pg(i);
        const td = performance.now() - t0;
        if (i >= WARMUP) {
          g.push(tg);
          d.push(td);
        }
      }
      const mg = median(g);
      const md = median(d);
      if (pair.label.startsWith('read 50')) {
        rows.push({ metric: `REST ${pair.label}: gateway / pg`, value: +(mg / md).toFixed(2), unit: '×', budget: '≤ 1.5×', note: `median ${mg.toFixed(2)} ms vs ${md.toFixed(2)} ms; the service pipelines BEGIN, settings, query and COMMIT in one round trip, pg sends them one by one` });
      } else {
        rows.push({ metric: `REST ${pair.label}: added by the gateway`, value: +(mg - md).toFixed(2), unit: 'ms', note: `median ${mg.toFixed(2)} ms vs ${md.toFixed(2)} ms through pg` });
      }
    }
    for (const concurrency of [10, 50]) {
      const seconds = 3;
      let done = 0;
      let failed = 0;
      const until = performance.now() + seconds * 1000;
      const worker = async (w: number) => {
        let i = w;
        while (performance.now() < until) {
          const status = await viaGateway('GET', `/bench_books?select=id,title,price,author:bench_authors(name)&id=gte.${(i * 37) % 19000}&order=id&limit=10`);
          if (status === 200) done++;
          else failed++;
          i += concurrency;
        }
      };
      const t0 = performance.now();
      await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
      const elapsed = (performance.now() - t0) / 1000;
      rows.push({
        metric: `REST requests/s at ${concurrency} concurrent connections`,
        value: Math.round(done / elapsed),
        unit: 'req/s',
        note: `10-row read with one embed${failed ? `, ${failed} non-200` : ''}`,
      });
    }
  } finally {
    agent.destroy();
    await direct.end();
    await stack.stop();
  }
  return rows;
}
