// Realtime postgres_changes through the unmodified supabase-js: payloads and value
// types, filters, RLS per subscriber (two organisations on one table, and a policy
// that reaches the row through a membership table), DELETE as Supabase treats it,
// token refresh, and resubscription after the stack restarts.
import crypto from 'node:crypto';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signJwtSync } from '../../stack/jwt.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

process.env.CHANNEL_ERROR_BACKOFF_MS = '50';

const ORG1 = '11111111-1111-4111-8111-111111111111';
const ORG2 = '22222222-2222-4222-8222-222222222222';

const FIXTURE = `
create table public.memberships (org_id uuid not null, user_id uuid not null, primary key (org_id, user_id));
create table public.deals (
  id bigint generated always as identity primary key,
  org_id uuid not null,
  title text not null,
  amount numeric(12,2),
  stage text
);
alter table public.deals enable row level security;
create policy deals_member_read on public.deals for select to authenticated
  using (org_id in (select m.org_id from public.memberships m where m.user_id = (select auth.uid())));

-- Visibility through a join: the policy never mentions an organisation.
create table public.folders (id bigint primary key, name text not null);
create table public.folder_members (folder_id bigint not null references public.folders, user_id uuid not null,
  primary key (folder_id, user_id));
create table public.documents (id bigint primary key, folder_id bigint not null references public.folders, body text);
alter table public.documents replica identity full;
alter table public.documents enable row level security;
create policy documents_member_read on public.documents for select to authenticated
  using (exists (select 1 from public.folder_members fm
                 where fm.folder_id = documents.folder_id and fm.user_id = (select auth.uid())));
insert into public.folders values (1, 'north'), (2, 'south');

create table public.samples (
  id int primary key, i8 bigint, n numeric, f float8, b boolean, j jsonb, ts timestamptz,
  t timestamp, d date, arr int[], u uuid, txt text, nul text
);
alter table public.samples replica identity full;

-- The API roles may not read the key of this table.
create table public.secrets (id int primary key, v text);
revoke select on public.secrets from anon, authenticated;

create table public.not_published (id int primary key);

alter publication supabase_realtime add table public.deals, public.documents, public.samples, public.secrets;
`;

let stack: TestStack;
const clients: SupabaseClient[] = [];
let service: SupabaseClient;
let alice: { client: SupabaseClient; id: string };
let bob: { client: SupabaseClient; id: string };

function client(key: string, accessToken?: () => Promise<string>): SupabaseClient {
  const c = createClient(stack.url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never, heartbeatIntervalMs: 5_000 },
    ...(accessToken ? { accessToken } : {}),
  });
  clients.push(c);
  return c;
}

async function signedInUser(org: string | null): Promise<{ client: SupabaseClient; id: string }> {
  const email = `rt-${crypto.randomUUID()}@example.com`;
  const created = await service.auth.admin.createUser({ email, password: 'correct horse', email_confirm: true });
  expect(created.error).toBeNull();
  const id = created.data.user!.id;
  if (org) await stack.sql('insert into public.memberships values ($1, $2)', [org, id]);
  const c = client(stack.anonKey);
  const signedIn = await c.auth.signInWithPassword({ email, password: 'correct horse' });
  expect(signedIn.error).toBeNull();
  return { client: c, id };
}

function userToken(sub: string, expiresIn = 3600): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwtSync(
    { sub, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + expiresIn },
    stack.jwtSecret,
  );
}

/** Subscribes and resolves on SUBSCRIBED (rejects on an error status). */
function subscribed(ch: RealtimeChannel): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    ch.subscribe((status, err) => {
      if (done) return;
      if (status === 'SUBSCRIBED') {
        done = true;
        resolve();
      } else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') {
        done = true;
        reject(err ?? new Error(status));
      }
    });
  });
}

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 400));

type Change = {
  schema: string;
  table: string;
  commit_timestamp: string;
  eventType: string;
  new: Record<string, unknown>;
  old: Record<string, unknown>;
  errors: string[] | null;
};

beforeAll(async () => {
  stack = await startTestStack({ projectMigrations: false, sql: FIXTURE });
  service = client(stack.serviceRoleKey);
  alice = await signedInUser(ORG1);
  bob = await signedInUser(ORG2);
  await stack.sql('insert into public.folder_members values (1, $1), (2, $2)', [alice.id, bob.id]);
});

afterAll(async () => {
  for (const c of clients) await c.removeAllChannels();
  await stack?.stop();
});

describe('payloads', () => {
  it('delivers INSERT, UPDATE and DELETE with values typed as Supabase types them', async () => {
    const got: Change[] = [];
    const system: Record<string, unknown>[] = [];
    const ch = service
      .channel('samples')
      .on('postgres_changes', { event: '*', schema: 'public', table: 'samples' }, (p) => got.push(p as Change))
      .on('system', {}, (p) => system.push(p));
    await subscribed(ch);
    await waitFor(() => system.length > 0);
    expect(system[0]).toEqual({
      extension: 'postgres_changes',
      status: 'ok',
      message: 'Subscribed to PostgreSQL',
      channel: 'samples',
    });

    await stack.sql(`insert into public.samples values (1, 42, 12.50, 1.5, true, '{"b": null, "a": [1, 2]}',
      '2026-01-02 03:04:05.678+00', '2026-01-02 03:04:05', '2026-01-02', '{1,2,3}',
      '0b5d8f6e-1c1f-4f43-9d7e-3d6f0f4c2a11', 'hello', null)`);
    await stack.sql(`update public.samples set txt = 'changed', b = false where id = 1`);
    await stack.sql(`delete from public.samples where id = 1`);
    await waitFor(() => got.length === 3);

    const row = {
      id: 1,
      i8: 42,
      n: 12.5,
      f: 1.5,
      b: true,
      j: { a: [1, 2], b: null },
      ts: '2026-01-02T03:04:05.678+00:00',
      t: '2026-01-02T03:04:05',
      d: '2026-01-02',
      arr: [1, 2, 3],
      u: '0b5d8f6e-1c1f-4f43-9d7e-3d6f0f4c2a11',
      txt: 'hello',
      nul: null,
    };
    const [ins, upd, del] = got as [Change, Change, Change];
    expect(ins).toMatchObject({
      schema: 'public',
      table: 'samples',
      eventType: 'INSERT',
      new: row,
      old: {},
      errors: null,
    });
    expect(ins.commit_timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(ins.commit_timestamp) - Date.now())).toBeLessThan(60_000);
    // REPLICA IDENTITY FULL: the previous row comes along.
    expect(upd).toMatchObject({
      eventType: 'UPDATE',
      new: { ...row, txt: 'changed', b: false },
      old: row,
      errors: null,
    });
    expect(del).toMatchObject({ eventType: 'DELETE', new: {}, old: { ...row, txt: 'changed', b: false } });
  });

  it('sends only the primary key as old for REPLICA IDENTITY DEFAULT', async () => {
    const got: Change[] = [];
    const ch = service
      .channel('deals-default-identity')
      .on('postgres_changes', { event: 'UPDATE', schema: 'public', table: 'deals' }, (p) => got.push(p as Change));
    await subscribed(ch);
    const [{ id }] = (await stack.sql<{ id: string }>(
      `insert into public.deals (org_id, title, amount, stage) values ($1, 'identity', 10, 'new') returning id::text`,
      [ORG1],
    )) as [{ id: string }];
    await stack.sql(`update public.deals set stage = 'won' where id = $1`, [id]);
    await waitFor(() => got.length === 1);
    expect(got[0]).toMatchObject({
      eventType: 'UPDATE',
      new: { id: Number(id), org_id: ORG1, title: 'identity', amount: 10, stage: 'won' },
      old: { id: Number(id) },
    });
    expect(Object.keys(got[0]!.old)).toEqual(['id']);
    await service.removeChannel(ch);
  });

  it('narrows the record to the selected columns (plus the key)', async () => {
    const got: Change[] = [];
    const ch = service
      .channel('samples-select')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'samples', select: ['txt', 'b'] }, (p) =>
        got.push(p as Change),
      );
    await subscribed(ch);
    await stack.sql(`insert into public.samples (id, i8, b, txt) values (2, 7, false, 'narrow')`);
    await waitFor(() => got.length === 1);
    expect(got[0]!.new).toEqual({ id: 2, b: false, txt: 'narrow' });
    await stack.sql('delete from public.samples where id = 2');
    await service.removeChannel(ch);
  });

  it('keeps only small fields of a record over 1 MB and says so', async () => {
    const got: Change[] = [];
    const ch = service
      .channel('samples-big')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'samples' }, (p) => got.push(p as Change));
    await subscribed(ch);
    await stack.sql(`insert into public.samples (id, i8, txt) values (3, 5, repeat('x', 1100000))`);
    await waitFor(() => got.length === 1);
    expect(got[0]).toMatchObject({ eventType: 'INSERT', errors: ['Error 413: Payload Too Large'] });
    // apply_rls keeps values of at most 64 bytes; a NULL has no length, so it goes too.
    expect(got[0]!.new).toEqual({ id: 3, i8: 5 });
    await stack.sql('delete from public.samples where id = 3');
    await service.removeChannel(ch);
  });

  it('reports 401 to a role that may not read the primary key', async () => {
    const got: Change[] = [];
    const ch = alice.client
      .channel('secrets')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'secrets' }, (p) => got.push(p as Change));
    await subscribed(ch);
    await stack.sql(`insert into public.secrets values (1, 'classified')`);
    await waitFor(() => got.length === 1);
    expect(got[0]).toMatchObject({ eventType: 'INSERT', new: {}, old: {}, errors: ['Error 401: Unauthorized'] });
    await alice.client.removeChannel(ch);
  });

  it('tells the client when a table is not in the publication', async () => {
    const system: Record<string, unknown>[] = [];
    const ch = service
      .channel('unpublished')
      .on('postgres_changes', { event: '*', schema: 'public', table: 'not_published' }, () => undefined)
      .on('system', {}, (p) => system.push(p));
    await subscribed(ch);
    await waitFor(() => system.length > 0);
    expect(system[0]).toEqual({
      extension: 'postgres_changes',
      status: 'error',
      message:
        'Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: [event: *, schema: public, table: not_published, filters: [], select: nil]',
      channel: 'unpublished',
    });
    await service.removeChannel(ch);
  });

  it('rejects a filter on a column that does not exist', async () => {
    const system: Record<string, unknown>[] = [];
    const ch = service
      .channel('bad-filter')
      .on('postgres_changes', { event: '*', schema: 'public', table: 'deals', filter: 'nope=eq.1' }, () => undefined)
      .on('system', {}, (p) => system.push(p));
    await subscribed(ch);
    await waitFor(() => system.length > 0);
    expect(system[0]).toMatchObject({ extension: 'postgres_changes', status: 'error' });
    expect(system[0]!.message).toBe(
      'Unable to subscribe to changes with given parameters. An exception happened so please check your connect parameters: [event: *, schema: public, table: deals, filters: [{"nope", "eq", "1", false}], select: nil]. Exception: ERROR P0001 (raise_exception) invalid column for filter nope',
    );
    await service.removeChannel(ch);
  });
});

describe('filters', () => {
  it('compares eq, neq, lt, lte, gt, gte and in with the column type', async () => {
    const filters = {
      eq: 'stage=eq.won',
      neq: 'stage=neq.won',
      lt: 'amount=lt.100',
      lte: 'amount=lte.100',
      gt: 'amount=gt.100',
      gte: 'amount=gte.100',
      in: 'title=in.(alpha,"gamma ray")',
      textGt: 'title=gt.b',
    };
    const got: Record<string, string[]> = {};
    const all: string[] = [];
    let ch = service
      .channel('filters')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'deals', filter: `org_id=eq.${ORG2}` }, (p) =>
        all.push((p.new as { title: string }).title),
      );
    for (const [name, filter] of Object.entries(filters)) {
      got[name] = [];
      ch = ch.on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'deals', filter }, (p) =>
        got[name]!.push((p.new as { title: string }).title),
      );
    }
    await subscribed(ch);
    // amount 99 vs 100: numeric order, not text order ('99' > '100' as text).
    await stack.sql(
      `insert into public.deals (org_id, title, amount, stage) values
        ($1, 'alpha', 99, 'won'), ($1, 'beta', 100, 'lost'), ($1, 'gamma ray', 150, 'won'), ($1, 'delta', 1000, null)`,
      [ORG2],
    );
    await waitFor(() => all.length === 4);
    await settle();
    expect(got).toEqual({
      eq: ['alpha', 'gamma ray'],
      neq: ['beta'], // null <> 'won' is not true
      lt: ['alpha'],
      lte: ['alpha', 'beta'],
      gt: ['gamma ray', 'delta'],
      gte: ['beta', 'gamma ray', 'delta'],
      in: ['alpha', 'gamma ray'],
      textGt: ['beta', 'gamma ray', 'delta'],
    });
    await service.removeChannel(ch);
  });

  it('filters DELETE events on the old identity', async () => {
    const [{ id: keep }] = (await stack.sql<{ id: string }>(
      `insert into public.deals (org_id, title) values ($1, 'keep') returning id::text`,
      [ORG1],
    )) as [{ id: string }];
    const [{ id: drop }] = (await stack.sql<{ id: string }>(
      `insert into public.deals (org_id, title) values ($1, 'drop') returning id::text`,
      [ORG1],
    )) as [{ id: string }];
    const got: Change[] = [];
    const ch = service
      .channel('delete-filter')
      .on('postgres_changes', { event: 'DELETE', schema: 'public', table: 'deals', filter: `id=eq.${drop}` }, (p) =>
        got.push(p as Change),
      );
    await subscribed(ch);
    await stack.sql('delete from public.deals where id in ($1, $2)', [keep, drop]);
    await waitFor(() => got.length === 1);
    await settle();
    expect(got.map((c) => c.old)).toEqual([{ id: Number(drop) }]);
    await service.removeChannel(ch);
  });
});

describe('row level security', () => {
  it('gives each organisation only its own rows on a shared table', async () => {
    const seen = { alice: [] as string[], bob: [] as string[] };
    const a = alice.client
      .channel('deals-a')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'deals' }, (p) =>
        seen.alice.push((p.new as { title: string }).title),
      );
    const b = bob.client
      .channel('deals-b')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'deals' }, (p) =>
        seen.bob.push((p.new as { title: string }).title),
      );
    await Promise.all([subscribed(a), subscribed(b)]);
    await stack.sql(`insert into public.deals (org_id, title) values ($1, 'org one deal')`, [ORG1]);
    await stack.sql(`insert into public.deals (org_id, title) values ($1, 'org two deal')`, [ORG2]);
    await stack.sql(`insert into public.deals (org_id, title) values ($1, 'org one again')`, [ORG1]);
    await waitFor(() => seen.alice.length === 2 && seen.bob.length === 1);
    await settle();
    expect(seen).toEqual({ alice: ['org one deal', 'org one again'], bob: ['org two deal'] });
    await alice.client.removeChannel(a);
    await bob.client.removeChannel(b);
  });

  it('follows a policy that reaches the row through a membership table', async () => {
    const seen = { alice: [] as Change[], bob: [] as Change[] };
    const a = alice.client
      .channel('docs-a')
      .on('postgres_changes', { event: '*', schema: 'public', table: 'documents' }, (p) =>
        seen.alice.push(p as Change),
      );
    const b = bob.client
      .channel('docs-b')
      .on('postgres_changes', { event: '*', schema: 'public', table: 'documents' }, (p) => seen.bob.push(p as Change));
    await Promise.all([subscribed(a), subscribed(b)]);
    await stack.sql(`insert into public.documents values (10, 1, 'north memo'), (20, 2, 'south memo')`);
    await stack.sql(`update public.documents set body = 'south memo v2' where id = 20`);
    await waitFor(() => seen.alice.length === 1 && seen.bob.length === 2);
    await settle();
    expect(seen.alice.map((c) => [c.eventType, c.new])).toEqual([
      ['INSERT', { id: 10, folder_id: 1, body: 'north memo' }],
    ]);
    expect(seen.bob.map((c) => [c.eventType, c.new])).toEqual([
      ['INSERT', { id: 20, folder_id: 2, body: 'south memo' }],
      ['UPDATE', { id: 20, folder_id: 2, body: 'south memo v2' }],
    ]);
    // Giving Alice the folder changes what she sees from the next event on.
    await stack.sql('insert into public.folder_members values (2, $1)', [alice.id]);
    await stack.sql(`update public.documents set body = 'south memo v3' where id = 20`);
    await waitFor(() => seen.alice.length === 2 && seen.bob.length === 3);
    expect(seen.alice[1]).toMatchObject({ eventType: 'UPDATE', new: { id: 20, body: 'south memo v3' } });

    // DELETE is not RLS-checked: everyone subscribed gets it, with only the primary key
    // even though the table has REPLICA IDENTITY FULL.
    seen.alice.length = 0;
    seen.bob.length = 0;
    await stack.sql('delete from public.documents where id = 10');
    await waitFor(() => seen.alice.length === 1 && seen.bob.length === 1);
    expect(seen.alice[0]).toMatchObject({ eventType: 'DELETE', old: { id: 10 }, new: {} });
    expect(seen.bob[0]).toMatchObject({ eventType: 'DELETE', old: { id: 10 }, new: {} });
    expect(Object.keys(seen.bob[0]!.old)).toEqual(['id']);
    await alice.client.removeChannel(a);
    await bob.client.removeChannel(b);
  });

  it('sends nothing to an anonymous subscriber of an RLS table', async () => {
    const anon = client(stack.anonKey);
    const got: Change[] = [];
    const ch = anon
      .channel('deals-anon')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'deals' }, (p) => got.push(p as Change));
    const probe: Change[] = [];
    const s = service
      .channel('deals-probe')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'deals' }, (p) => probe.push(p as Change));
    await Promise.all([subscribed(ch), subscribed(s)]);
    await stack.sql(`insert into public.deals (org_id, title) values ($1, 'hidden')`, [ORG1]);
    await waitFor(() => probe.length === 1);
    await settle();
    expect(got).toEqual([]);
    await anon.removeChannel(ch);
    await service.removeChannel(s);
  });
});

describe('access tokens', () => {
  it('keeps the subscription across a token refresh and applies the new claims', async () => {
    let token = userToken(alice.id);
    const c = client(stack.anonKey, async () => token);
    // As an app does before subscribing: the join then carries the user's token.
    await c.realtime.setAuth(token);
    const seen: string[] = [];
    const ch = c
      .channel('refresh')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'deals' }, (p) =>
        seen.push((p.new as { title: string }).title),
      );
    await subscribed(ch);
    await stack.sql(`insert into public.deals (org_id, title) values ($1, 'before refresh')`, [ORG1]);
    await waitFor(() => seen.length === 1);

    // A fresh token for the same user: nothing changes for the subscriber.
    token = userToken(alice.id, 7200);
    await c.realtime.setAuth(token);
    await stack.sql(`insert into public.deals (org_id, title) values ($1, 'after refresh')`, [ORG1]);
    await waitFor(() => seen.length === 2);

    // A token of another user: the server re-evaluates RLS with the new claims.
    token = userToken(bob.id);
    await c.realtime.setAuth(token);
    await new Promise((r) => setTimeout(r, 200));
    await stack.sql(`insert into public.deals (org_id, title) values ($1, 'org one, now hidden')`, [ORG1]);
    await stack.sql(`insert into public.deals (org_id, title) values ($1, 'org two, now visible')`, [ORG2]);
    await waitFor(() => seen.length === 3);
    await settle();
    expect(seen).toEqual(['before refresh', 'after refresh', 'org two, now visible']);
    expect(ch.state).toBe('joined');
    await c.removeChannel(ch);
  });

  it('keeps a signed-in client subscribed when Auth refreshes its session', async () => {
    const seen: string[] = [];
    const ch = alice.client
      .channel('session-refresh')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'deals', filter: `org_id=eq.${ORG1}` }, (p) =>
        seen.push((p.new as { title: string }).title),
      );
    await subscribed(ch);
    const refreshed = await alice.client.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    await new Promise((r) => setTimeout(r, 200));
    await stack.sql(`insert into public.deals (org_id, title) values ($1, 'after session refresh')`, [ORG1]);
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual(['after session refresh']);
    await alice.client.removeChannel(ch);
  });

  it('closes the channel with a system error when the new token has expired', async () => {
    let token = userToken(alice.id);
    const c = client(stack.anonKey, async () => token);
    await c.realtime.setAuth(token);
    const system: Record<string, unknown>[] = [];
    const statuses: string[] = [];
    const ch = c
      .channel('expired')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'deals' }, () => undefined)
      .on('system', {}, (p) => system.push(p));
    await new Promise<void>((resolve) =>
      ch.subscribe((s) => {
        statuses.push(s);
        if (s === 'SUBSCRIBED') resolve();
      }),
    );
    await waitFor(() => system.length === 1);
    token = userToken(alice.id, -10);
    await c.realtime.setAuth(token);
    await waitFor(() => statuses.includes('CLOSED'));
    expect(system[1]).toMatchObject({ extension: 'system', status: 'error', channel: 'expired' });
    expect(system[1]!.message).toMatch(/^Token has expired 1\d seconds ago$/);
  });
});

describe('restart', () => {
  it('resubscribes after the stack restarts and receives changes again', async () => {
    const seen: string[] = [];
    let subscribedCount = 0;
    const ch = service
      .channel('restart')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'deals' }, (p) =>
        seen.push((p.new as { title: string }).title),
      );
    ch.subscribe((s) => {
      if (s === 'SUBSCRIBED') subscribedCount++;
    });
    await waitFor(() => subscribedCount === 1);
    await stack.sql(`insert into public.deals (org_id, title) values ($1, 'before restart')`, [ORG1]);
    await waitFor(() => seen.length === 1);

    await stack.restart();
    await waitFor(() => subscribedCount === 2, 30_000);
    await stack.sql(`insert into public.deals (org_id, title) values ($1, 'after restart')`, [ORG1]);
    await waitFor(() => seen.length === 2);
    expect(seen).toEqual(['before restart', 'after restart']);
  }, 60_000);
});
