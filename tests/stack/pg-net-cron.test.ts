// The pg_net, pg_cron and Vault stand-ins used the way Supabase documents them: a
// migration run as `postgres` enables the extensions, keeps the project URL and
// key in Vault, and calls an edge function from a trigger and from a schedule.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSchedule } from '../../stack/workers/cron.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let owner: pg.Client;

// What a project migration would contain (Supabase's "database webhook" pattern).
const MIGRATION = `
create extension if not exists pg_net with schema extensions;
create extension if not exists pg_cron with schema pg_catalog;
create extension if not exists supabase_vault;

create table public.orders (
  id bigint generated always as identity primary key,
  key text not null,
  request_id bigint
);

create function public.order_webhook() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.request_id := net.http_post(
    url := (select decrypted_secret from vault.decrypted_secrets where name = 'project_url') || '/functions/v1/webhook',
    headers := jsonb_build_object(
      'Content-Type', 'application/json',
      'Authorization', 'Bearer ' || (select decrypted_secret from vault.decrypted_secrets where name = 'service_role_key')),
    body := jsonb_build_object('key', new.key),
    timeout_milliseconds := 5000);
  return new;
end $$;

create trigger order_webhook before insert on public.orders
  for each row execute function public.order_webhook();

create table public.cron_ticks (id bigint generated always as identity, at timestamptz not null default clock_timestamp());
`;

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function responseOf(id: string) {
  return waitFor(async () => {
    const rows = await stack.sql<{
      status_code: number | null;
      content_type: string | null;
      content: string | null;
      timed_out: boolean;
      error_msg: string | null;
    }>('select status_code, content_type, content, timed_out, error_msg from net._http_response where id = $1', [id]);
    return rows[0];
  });
}

async function deliveries(key: string): Promise<number> {
  const res = await fetch(`${stack.url}/functions/v1/webhook?key=${encodeURIComponent(key)}`, {
    headers: { Authorization: `Bearer ${stack.anonKey}` },
  });
  return ((await res.json()) as { count: number }).count;
}

beforeAll(async () => {
  stack = await startTestStack({
    projectMigrations: false,
    config: { functionsDir: 'tests/fixtures/functions' },
  });
  owner = new pg.Client({ connectionString: stack.dbUrl });
  await owner.connect();
  await owner.query(MIGRATION);
  // Per-environment values, set once outside migrations (as Supabase's docs advise);
  // the local stack stores its own URL and key on start.
  const { rows } = await owner.query(
    `select name, decrypted_secret from vault.decrypted_secrets where name in ('project_url', 'service_role_key') order by name`,
  );
  expect(rows).toEqual([
    { name: 'project_url', decrypted_secret: stack.url },
    { name: 'service_role_key', decrypted_secret: stack.serviceRoleKey },
  ]);
});

afterAll(async () => {
  await owner?.end();
  await stack?.stop();
});

describe('extensions as Supabase installs them', () => {
  it('are created by the postgres login, with Supabase grants', async () => {
    const { rows } = await owner.query(
      `select extname, extversion, extnamespace::regnamespace::text as schema from pg_extension
       where extname in ('pg_net', 'pg_cron', 'supabase_vault') order by extname`,
    );
    expect(rows).toEqual([
      { extname: 'pg_cron', extversion: '1.6', schema: 'pg_catalog' },
      { extname: 'pg_net', extversion: '0.19.5', schema: 'extensions' },
      { extname: 'supabase_vault', extversion: '0.3.1', schema: 'vault' },
    ]);
    const grants = await stack.sql(
      `select r as role,
              has_function_privilege(r, 'net.http_post(text, jsonb, jsonb, jsonb, integer)', 'execute') as http_post,
              has_schema_privilege(r, 'cron', 'usage') as cron,
              has_schema_privilege(r, 'vault', 'usage') as vault
       from unnest(array['postgres', 'service_role', 'authenticated', 'anon']) as r`,
    );
    expect(grants).toEqual([
      { role: 'postgres', http_post: true, cron: true, vault: true },
      { role: 'service_role', http_post: true, cron: false, vault: true },
      { role: 'authenticated', http_post: true, cron: false, vault: false },
      { role: 'anon', http_post: true, cron: false, vault: false },
    ]);
  });
});

describe('pg_net', () => {
  it("delivers a trigger's net.http_post to the function exactly once and records the response", async () => {
    const { rows } = await owner.query(`insert into public.orders (key) values ('order-1') returning request_id`);
    const id = rows[0].request_id as string;
    const response = await responseOf(id);
    expect(response).toEqual({
      status_code: 201,
      content_type: 'application/json',
      content: '{"key":"order-1","count":1,"authorization":true}',
      timed_out: false,
      error_msg: null,
    });
    // Another request queued after it has been delivered too: nothing is pending, nothing repeated.
    const later = await owner.query(`insert into public.orders (key) values ('order-1-later') returning request_id`);
    await responseOf(later.rows[0].request_id as string);
    expect(await deliveries('order-1')).toBe(1);
    expect(await stack.sql('select count(*)::int as n from net.http_request_queue')).toEqual([{ n: 0 }]);
    expect(await stack.sql('select count(*)::int as n from net._http_response where id = $1', [id])).toEqual([
      { n: 1 },
    ]);
  });

  it('sends nothing for a transaction that rolls back', async () => {
    await owner.query('begin');
    const { rows } = await owner.query(`insert into public.orders (key) values ('rolled-back') returning request_id`);
    const rolledBackId = rows[0].request_id as string;
    await owner.query('rollback');
    // A committed request queued afterwards is the barrier: once it is answered, the
    // worker has seen everything before it.
    const after = await owner.query(`insert into public.orders (key) values ('after-rollback') returning request_id`);
    await responseOf(after.rows[0].request_id as string);
    expect(await deliveries('rolled-back')).toBe(0);
    expect(await stack.sql('select count(*)::int as n from net._http_response where id = $1', [rolledBackId])).toEqual([
      { n: 0 },
    ]);
  });

  it('records connection errors and timeouts the way pg_net does', async () => {
    const { rows } = await owner.query(
      `select net.http_get('http://127.0.0.1:9/') as refused,
              net.http_post($1 || '/functions/v1/hang', '{}'::jsonb,
                headers := jsonb_build_object('Content-Type', 'application/json', 'Authorization', 'Bearer ' || $2),
                timeout_milliseconds := 300) as slow`,
      [stack.url, stack.anonKey],
    );
    const refused = await responseOf(rows[0].refused);
    expect(refused).toEqual({
      status_code: null,
      content_type: null,
      content: null,
      timed_out: false,
      error_msg: "Couldn't connect to server",
    });
    const slow = await responseOf(rows[0].slow);
    expect(slow.timed_out).toBe(true);
    expect(slow.status_code).toBeNull();
    expect(slow.error_msg).toMatch(/^Timeout of 300 ms reached\. Total time: [\d.]+ ms \(DNS time: /);
  });

  it('validates like pg_net: JSON content type only, and a well-formed URL', async () => {
    await expect(
      owner.query(`select net.http_post('http://x', headers := '{"Content-Type": "text/plain"}')`),
    ).rejects.toThrow('Content-Type header must be "application/json"');
    await expect(owner.query(`select net.http_get('not a url')`)).rejects.toThrow('invalid URL "not a url"');
    // Inside an open transaction the queued row is still invisible to the worker.
    await owner.query('begin');
    try {
      const { rows } = await owner.query(
        `select net.http_get('http://example.test', params := '{"q": "a b&c"}') as id`,
      );
      expect(
        (await owner.query('select method, url from net.http_request_queue where id = $1', [rows[0].id])).rows,
      ).toEqual([{ method: 'GET', url: 'http://example.test/?q=a%20b%26c' }]);
    } finally {
      await owner.query('rollback');
    }
  });
});

describe('pg_cron', () => {
  it("runs a '1 seconds' job on time as its owner and records each run", async () => {
    const { rows } = await owner.query(
      `select cron.schedule('tick', '1 seconds', 'insert into cron_ticks default values') as jobid`,
    );
    const jobid = rows[0].jobid as string;
    const runs = await waitFor(async () => {
      const r = await stack.sql<{ status: string; return_message: string; username: string; start_time: Date }>(
        `select status, return_message, username, start_time from cron.job_run_details
         where jobid = $1 and status in ('succeeded', 'failed') order by runid`,
        [jobid],
      );
      return r.length >= 3 ? r : undefined;
    });
    await owner.query(`select cron.unschedule('tick')`);
    for (const run of runs) {
      // Unqualified `cron_ticks` resolves through postgres's own search_path.
      expect(run).toMatchObject({ status: 'succeeded', return_message: 'INSERT 0 1', username: 'postgres' });
    }
    const gaps = runs.slice(1).map((r, i) => r.start_time.getTime() - runs[i]!.start_time.getTime());
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(900);
      expect(gap).toBeLessThan(2_500);
    }
    const [ticks] = await stack.sql<{ n: number }>('select count(*)::int as n from public.cron_ticks');
    expect(ticks!.n).toBeGreaterThanOrEqual(3);
    // Unscheduled: no further runs.
    const settled = await stack.sql<{ n: number }>(
      'select count(*)::int as n from cron.job_run_details where jobid = $1',
      [jobid],
    );
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await stack.sql('select count(*)::int as n from cron.job_run_details where jobid = $1', [jobid])).toEqual(
      settled,
    );
  });

  it('calls an edge function on a schedule with the URL and key from Vault', async () => {
    const { rows } = await owner.query(`select cron.schedule('call-webhook', '1 seconds', $$
      select net.http_post(
        url := (select decrypted_secret from vault.decrypted_secrets where name = 'project_url') || '/functions/v1/webhook',
        headers := jsonb_build_object('Content-Type', 'application/json', 'Authorization',
          'Bearer ' || (select decrypted_secret from vault.decrypted_secrets where name = 'service_role_key')),
        body := '{"key": "from-cron"}'::jsonb)
    $$) as jobid`);
    await waitFor(async () => ((await deliveries('from-cron')) >= 1 ? true : undefined));
    await owner.query(`select cron.unschedule('call-webhook')`);
    const [run] = await stack.sql(
      `select status, return_message from cron.job_run_details where jobid = $1 and status = 'succeeded' limit 1`,
      [rows[0].jobid],
    );
    expect(run).toEqual({ status: 'succeeded', return_message: '1 row' });
  });

  it('records a failing job with the error', async () => {
    const { rows } = await owner.query(
      `select cron.schedule('fails', '1 seconds', 'select * from no_such_table') as jobid`,
    );
    const run = await waitFor(async () => {
      const r = await stack.sql(
        `select status, return_message from cron.job_run_details where jobid = $1 and end_time is not null`,
        [rows[0].jobid],
      );
      return r[0];
    });
    await owner.query(`select cron.unschedule('fails')`);
    expect(run).toEqual({ status: 'failed', return_message: 'ERROR:  relation "no_such_table" does not exist\n' });
  });

  it('upserts named jobs, alters and unschedules them, and rejects bad schedules like pg_cron', async () => {
    const a = await owner.query(`select cron.schedule('nightly', '0 3 * * *', 'select 1') as id`);
    const b = await owner.query(`select cron.schedule('nightly', '30 3 * * *', 'select 2') as id`);
    expect(b.rows[0].id).toBe(a.rows[0].id);
    await owner.query(`select cron.alter_job($1, active := false)`, [a.rows[0].id]);
    expect(
      (
        await owner.query(`select schedule, command, active, username, jobname from cron.job where jobid = $1`, [
          a.rows[0].id,
        ])
      ).rows,
    ).toEqual([
      { schedule: '30 3 * * *', command: 'select 2', active: false, username: 'postgres', jobname: 'nightly' },
    ]);
    await expect(owner.query(`select cron.schedule('bad', '61 * * * *', 'select 1')`)).rejects.toThrow(
      'invalid schedule: 61 * * * *',
    );
    await expect(owner.query(`select cron.schedule('60 seconds', 'select 1')`)).rejects.toThrow(
      'invalid schedule: 60 seconds',
    );
    await expect(owner.query(`select cron.unschedule('no-such-job')`)).rejects.toThrow(
      "could not find valid entry for job 'no-such-job'",
    );
    await expect(
      owner.query(`select cron.schedule_in_database('x', '1 seconds', 'select 1', 'postgres', 'supabase_admin')`),
    ).rejects.toThrow('must be superuser to create a job for another role');
    expect((await owner.query(`select cron.unschedule('nightly') as ok`)).rows).toEqual([{ ok: true }]);
  });

  it('maps schedules onto cron expressions like pg_cron', () => {
    expect(parseSchedule('1 seconds')).toEqual({ kind: 'interval', ms: 1000 });
    expect(parseSchedule('59 second')).toEqual({ kind: 'interval', ms: 59000 });
    expect(parseSchedule('60 seconds')).toEqual({ kind: 'invalid' });
    expect(parseSchedule('@daily')).toEqual({ kind: 'cron', expression: '0 0 * * *' });
    expect(parseSchedule('@reboot')).toEqual({ kind: 'reboot' });
    expect(parseSchedule('0 0 $ * *')).toEqual({ kind: 'cron', expression: '0 0 L * *' });
    expect(parseSchedule('*/5 * * * * ignored')).toEqual({ kind: 'cron', expression: '*/5 * * * *' });
  });
});

describe('vault', () => {
  it('round-trips a secret, stored encrypted, readable by postgres and service_role only', async () => {
    const { rows } = await owner.query(
      `select vault.create_secret('s3cr3t value', 'round_trip', 'a test secret') as id`,
    );
    const id = rows[0].id as string;
    expect(
      (
        await owner.query(
          `select name, description, decrypted_secret, secret <> decrypted_secret as encrypted
                          from vault.decrypted_secrets where id = $1`,
          [id],
        )
      ).rows,
    ).toEqual([
      { name: 'round_trip', description: 'a test secret', decrypted_secret: 's3cr3t value', encrypted: true },
    ]);
    await owner.query(`select vault.update_secret($1, 'rotated', new_description := 'rotated once')`, [id]);
    const asService = new pg.Client({ connectionString: stack.adminDbUrl });
    await asService.connect();
    try {
      await asService.query('set role service_role');
      expect(
        (
          await asService.query(
            `select name, description, decrypted_secret from vault.decrypted_secrets where id = $1`,
            [id],
          )
        ).rows,
      ).toEqual([{ name: 'round_trip', description: 'rotated once', decrypted_secret: 'rotated' }]);
      await asService.query('set role authenticated');
      await expect(asService.query('select * from vault.decrypted_secrets')).rejects.toThrow(
        'permission denied for schema vault',
      );
      await asService.query('reset role; set role postgres');
      await expect(asService.query('select * from vault._root_key')).rejects.toThrow(
        'permission denied for table _root_key',
      );
    } finally {
      await asService.end();
    }
  });
});
