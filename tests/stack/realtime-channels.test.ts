// Realtime broadcast, presence and private channels through the unmodified
// supabase-js: self/ack, the REST endpoints, broadcast from the database, presence
// sync/join/leave including a client that vanishes, and Realtime Authorization.
import crypto from 'node:crypto';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signJwtSync } from '../../stack/jwt.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

process.env.CHANNEL_ERROR_BACKOFF_MS = '50';
// A client that stops talking is dropped after this long (Realtime: 60 s).
process.env.WEBSOCKET_IDLE_TIMEOUT_MS = '2000';

const ORG1 = '11111111-1111-4111-8111-111111111111';
const ORG2 = '22222222-2222-4222-8222-222222222222';
const ALICE = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'; // org 1
const CAROL = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc'; // org 1
const BOB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb'; // org 2

// Private channels named `org:<id>` are open to that organisation's members only.
const FIXTURE = `
create table public.memberships (org_id uuid not null, user_id uuid not null, primary key (org_id, user_id));
insert into public.memberships values ('${ORG1}', '${ALICE}'), ('${ORG1}', '${CAROL}'), ('${ORG2}', '${BOB}');

create policy "org members read" on realtime.messages for select to authenticated
  using (exists (select 1 from public.memberships m
                 where m.user_id = (select auth.uid()) and 'org:' || m.org_id::text = (select realtime.topic())));
create policy "org members write" on realtime.messages for insert to authenticated
  with check (exists (select 1 from public.memberships m
                      where m.user_id = (select auth.uid()) and 'org:' || m.org_id::text = (select realtime.topic())));

create table public.tickets (id int primary key, org_id uuid not null, subject text);
create function public.tickets_broadcast() returns trigger language plpgsql security definer as $$
begin
  perform realtime.broadcast_changes('org:' || coalesce(new.org_id, old.org_id)::text, tg_op, tg_op,
                                     tg_table_name, tg_table_schema, new, old);
  return null;
end $$;
create trigger tickets_broadcast after insert or update or delete on public.tickets
  for each row execute function public.tickets_broadcast();
`;

let stack: TestStack;
const clients: SupabaseClient[] = [];
const sockets: KillableSocket[] = [];

/** The websocket transport, remembered so a test can cut a client off abruptly. */
class KillableSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols);
    sockets.push(this);
  }
}

function token(sub: string, expiresIn = 3600): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwtSync(
    { sub, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + expiresIn },
    stack.jwtSecret,
  );
}

async function client(sub?: string): Promise<SupabaseClient> {
  const t = sub ? token(sub) : undefined;
  const c = createClient(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: KillableSocket as never, heartbeatIntervalMs: 500 },
    ...(t ? { accessToken: async () => t } : {}),
  });
  if (t) await c.realtime.setAuth(t);
  clients.push(c);
  return c;
}

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

function subscribeError(ch: RealtimeChannel): Promise<{ status: string; message: string }> {
  return new Promise((resolve) => {
    let done = false;
    ch.subscribe((status, err) => {
      if (done || status === 'SUBSCRIBED') return;
      done = true;
      resolve({ status, message: err?.message ?? '' });
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

const settle = () => new Promise((r) => setTimeout(r, 300));

type Broadcast = { type: string; event: string; payload: Record<string, unknown>; meta?: Record<string, unknown> };

beforeAll(async () => {
  stack = await startTestStack({ projectMigrations: false, sql: FIXTURE });
});

afterAll(async () => {
  for (const c of clients) await c.removeAllChannels();
  await stack?.stop();
});

describe('broadcast', () => {
  it('reaches the other members, and the sender only with self', async () => {
    const a = await client();
    const b = await client();
    const got = { a: [] as Broadcast[], aSelf: [] as Broadcast[], b: [] as Broadcast[] };
    const chA = a.channel('room-1').on('broadcast', { event: 'cursor' }, (p) => got.a.push(p as Broadcast));
    const chSelf = b
      .channel('room-1', { config: { broadcast: { self: true } } })
      .on('broadcast', { event: 'cursor' }, (p) => got.aSelf.push(p as Broadcast));
    const chB = (await client()).channel('room-1').on('broadcast', { event: '*' }, (p) => got.b.push(p as Broadcast));
    await Promise.all([subscribed(chA), subscribed(chSelf), subscribed(chB)]);

    expect(await chA.send({ type: 'broadcast', event: 'cursor', payload: { x: 1 } })).toBe('ok');
    await waitFor(() => got.b.length === 1);
    expect(await chSelf.send({ type: 'broadcast', event: 'cursor', payload: { x: 2, name: 'Zoë ✓' } })).toBe('ok');
    await waitFor(() => got.b.length === 2 && got.aSelf.length === 2 && got.a.length === 1);
    await settle();
    expect(got.a).toEqual([{ type: 'broadcast', event: 'cursor', payload: { x: 2, name: 'Zoë ✓' } }]);
    expect(got.aSelf).toEqual([
      { type: 'broadcast', event: 'cursor', payload: { x: 1 } },
      { type: 'broadcast', event: 'cursor', payload: { x: 2, name: 'Zoë ✓' } },
    ]);
    expect(got.b.map((m) => m.payload)).toEqual([{ x: 1 }, { x: 2, name: 'Zoë ✓' }]);
  });

  it('acknowledges when asked, and rejects a payload over the size limit', async () => {
    const a = await client();
    const ch = a.channel('room-ack', { config: { broadcast: { ack: true } } });
    await subscribed(ch);
    expect(await ch.send({ type: 'broadcast', event: 'e', payload: { n: 1 } })).toBe('ok');
    const big = 'x'.repeat(3_100_000);
    expect(await ch.send({ type: 'broadcast', event: 'e', payload: { big } })).toBe('error');
  });

  it('keeps public and private channels of the same name apart', async () => {
    const pub: Broadcast[] = [];
    const priv: Broadcast[] = [];
    const alice = await client(ALICE);
    const carol = await client(CAROL);
    const chPub = (await client())
      .channel(`org:${ORG1}`)
      .on('broadcast', { event: '*' }, (p) => pub.push(p as Broadcast));
    const chPriv = carol
      .channel(`org:${ORG1}`, { config: { private: true } })
      .on('broadcast', { event: '*' }, (p) => priv.push(p as Broadcast));
    const sender = alice.channel(`org:${ORG1}`, { config: { private: true, broadcast: { ack: true } } });
    await Promise.all([subscribed(chPub), subscribed(chPriv), subscribed(sender)]);
    expect(await sender.send({ type: 'broadcast', event: 'moved', payload: { card: 7 } })).toBe('ok');
    await waitFor(() => priv.length === 1);
    await settle();
    expect(priv).toEqual([{ type: 'broadcast', event: 'moved', payload: { card: 7 } }]);
    expect(pub).toEqual([]);
  });

  it('falls back to the REST endpoint before the channel is joined, and answers httpSend with 202', async () => {
    const got: Broadcast[] = [];
    const listener = (await client())
      .channel('rest-room')
      .on('broadcast', { event: '*' }, (p) => got.push(p as Broadcast));
    await subscribed(listener);
    const sender = (await client()).channel('rest-room');
    // Not subscribed: realtime-js posts to /realtime/v1/api/broadcast (with a console warning).
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      expect(await sender.send({ type: 'broadcast', event: 'via-rest', payload: { n: 1 } })).toBe('ok');
    } finally {
      console.warn = warn;
    }
    expect(await sender.httpSend('via-http-send', { n: 2 })).toEqual({ success: true });
    await waitFor(() => got.length === 2);
    expect(got).toEqual([
      { type: 'broadcast', event: 'via-rest', payload: { n: 1 } },
      { type: 'broadcast', event: 'via-http-send', payload: { n: 2 } },
    ]);
  });

  it('REST: 401 without a valid token, 403 for a private topic the caller may not write, 422 for bad bodies', async () => {
    const post = (path: string, body: unknown, auth?: string) =>
      fetch(`${stack.url}/realtime/v1/api/broadcast${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(auth ? { apikey: stack.anonKey, Authorization: `Bearer ${auth}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const noAuth = await post('', { messages: [{ topic: 't', event: 'e', payload: {} }] });
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toEqual({ message: 'Unauthorized' });

    const forbidden = await post(`/${encodeURIComponent(`org:${ORG1}`)}/events/e?private=true`, { a: 1 }, token(BOB));
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ message: 'Unauthorized' });
    const allowed = await post(`/${encodeURIComponent(`org:${ORG1}`)}/events/e?private=true`, { a: 1 }, token(ALICE));
    expect(allowed.status).toBe(202);

    const invalid = await post('', { messages: [{ topic: 't', payload: 'nope' }] }, stack.anonKey);
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({
      errors: { messages: [{ event: ["can't be blank"], payload: ['is invalid'] }] },
    });
  });

  it('delivers rows inserted into realtime.messages (realtime.send, broadcast_changes) to authorised members', async () => {
    const alice = await client(ALICE);
    const bobC = await client(BOB);
    const got: Broadcast[] = [];
    const pub: Broadcast[] = [];
    const ch = alice
      .channel(`org:${ORG1}`, { config: { private: true } })
      .on('broadcast', { event: '*' }, (p) => got.push(p as Broadcast));
    const chPub = bobC.channel('announcements').on('broadcast', { event: '*' }, (p) => pub.push(p as Broadcast));
    await Promise.all([subscribed(ch), subscribed(chPub)]);

    await stack.sql(`select realtime.send('{"text": "hello org"}'::jsonb, 'note', $1, true)`, [`org:${ORG1}`]);
    await stack.sql(`select realtime.send('{"text": "hello all"}'::jsonb, 'news', 'announcements', false)`);
    await stack.sql(`insert into public.tickets values (1, $1, 'printer on fire')`, [ORG1]);
    await waitFor(() => got.length === 2 && pub.length === 1);

    const [note, ticket] = got as [Broadcast, Broadcast];
    expect(note).toMatchObject({ type: 'broadcast', event: 'note', payload: { text: 'hello org' } });
    // realtime.send adds the message id to the payload; Realtime sends it as meta.id too.
    expect(note.meta).toEqual({ id: note.payload.id });
    expect(note.payload.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ticket).toMatchObject({
      event: 'INSERT',
      payload: {
        operation: 'INSERT',
        schema: 'public',
        table: 'tickets',
        record: { id: 1, org_id: ORG1, subject: 'printer on fire' },
        old_record: null,
      },
    });
    expect(pub).toMatchObject([{ event: 'news', payload: { text: 'hello all' } }]);
  });
});

describe('private channels', () => {
  it('replays stored broadcasts to a member who asks, once', async () => {
    const since = Date.now() - 60_000;
    await stack.sql(`select realtime.send('{"n": 1}'::jsonb, 'stored', $1, true)`, [`org:${ORG2}`]);
    await stack.sql(`select realtime.send('{"n": 2}'::jsonb, 'stored', $1, true)`, [`org:${ORG2}`]);
    const got: Broadcast[] = [];
    const ch = (await client(BOB))
      .channel(`org:${ORG2}`, { config: { private: true, broadcast: { replay: { since, limit: 10 } } } })
      .on('broadcast', { event: 'stored' }, (p) => got.push(p as Broadcast));
    await subscribed(ch);
    await waitFor(() => got.length === 2);
    await settle();
    expect(got.map((m) => [m.payload.n, m.meta?.replayed, m.meta?.id === m.payload.id])).toEqual([
      [1, true, true],
      [2, true, true],
    ]);
  });

  it('refuses a non-member with Supabase’s error and admits a member', async () => {
    const bobC = await client(BOB);
    const err = await subscribeError(bobC.channel(`org:${ORG1}`, { config: { private: true } }));
    expect(err).toEqual({
      status: 'CHANNEL_ERROR',
      message: `Unauthorized: You do not have permissions to read from this Channel topic: org:${ORG1}`,
    });
    const anon = await client();
    expect(await subscribeError(anon.channel(`org:${ORG1}`, { config: { private: true } }))).toEqual({
      status: 'CHANNEL_ERROR',
      message: `Unauthorized: You do not have permissions to read from this Channel topic: org:${ORG1}`,
    });
    const alice = await client(ALICE);
    await subscribed(alice.channel(`org:${ORG1}`, { config: { private: true } }));
  });

  it('drops broadcasts from a member who may read but not write', async () => {
    await stack.sql(`create policy "readers" on realtime.messages for select to authenticated
      using ((select realtime.topic()) = 'readonly-room')`);
    const got: Broadcast[] = [];
    const listener = (await client(ALICE))
      .channel('readonly-room', { config: { private: true } })
      .on('broadcast', { event: '*' }, (p) => got.push(p as Broadcast));
    const sender = (await client(BOB)).channel('readonly-room', {
      config: { private: true, broadcast: { ack: true } },
    });
    await Promise.all([subscribed(listener), subscribed(sender)]);
    // No write permission: silently dropped, so an acked send never gets its reply.
    expect(await sender.send({ type: 'broadcast', event: 'e', payload: {} }, { timeout: 500 })).toBe('timed out');
    await settle();
    expect(got).toEqual([]);
  });
});

describe('presence', () => {
  type Presences = Record<string, Record<string, unknown>[]>;
  const plain = (state: Presences) =>
    Object.fromEntries(
      Object.entries(state).map(([k, metas]) => [k, metas.map(({ presence_ref: _ref, ...rest }) => rest)]),
    );

  it('syncs state, joins and leaves, including a client whose connection is cut', async () => {
    const watcher = await client();
    const events: string[] = [];
    const w = watcher
      .channel('lobby', { config: { presence: { key: 'watcher' } } })
      .on('presence', { event: 'sync' }, () => events.push('sync'))
      .on('presence', { event: 'join' }, ({ key }) => events.push(`join:${key}`))
      .on('presence', { event: 'leave' }, ({ key }) => events.push(`leave:${key}`));
    await subscribed(w);
    await waitFor(() => events.includes('sync'));
    expect(w.presenceState()).toEqual({});

    const first = await client();
    const p1 = first.channel('lobby', { config: { presence: { key: 'ann' } } });
    await subscribed(p1);
    const annSocket = sockets[sockets.length - 1]!;
    expect(await p1.track({ name: 'Ann', page: 'board' })).toBe('ok');
    await waitFor(() => events.includes('join:ann'));
    expect(plain(w.presenceState() as Presences)).toEqual({ ann: [{ name: 'Ann', page: 'board' }] });

    // A late joiner gets the current state at once.
    const late = await client();
    const lateSynced: Presences[] = [];
    const p2 = late
      .channel('lobby', { config: { presence: { key: 'ben' } } })
      .on('presence', { event: 'sync' }, () => lateSynced.push(p2.presenceState() as Presences));
    await subscribed(p2);
    await waitFor(() => lateSynced.length > 0);
    expect(plain(lateSynced[0]!)).toEqual({ ann: [{ name: 'Ann', page: 'board' }] });
    expect(await p2.track({ name: 'Ben' })).toBe('ok');
    await waitFor(() => events.includes('join:ben'));

    // Changing the tracked payload replaces the meta.
    expect(await p1.track({ name: 'Ann', page: 'reports' })).toBe('ok');
    await waitFor(() => (w.presenceState() as Presences).ann?.[0]?.page === 'reports');
    expect(plain(w.presenceState() as Presences)).toEqual({
      ann: [{ name: 'Ann', page: 'reports' }],
      ben: [{ name: 'Ben' }],
    });

    // Untrack: a leave.
    expect(await p2.untrack()).toBe('ok');
    await waitFor(() => events.includes('leave:ben'));
    expect(Object.keys(w.presenceState())).toEqual(['ann']);

    // Ann's connection dies without a goodbye: the server notices and her presence leaves.
    annSocket.terminate();
    await waitFor(() => !('ann' in w.presenceState()));
    expect(w.presenceState()).toEqual({});
    expect(events.slice(-2)).toEqual(['leave:ann', 'sync']);
    await first.removeAllChannels();
  });

  it('drops a client that stops sending (no heartbeat) and its presence', async () => {
    const watcher = await client();
    const leaves: string[] = [];
    const w = watcher
      .channel('quiet-room', { config: { presence: { key: 'watcher' } } })
      .on('presence', { event: 'leave' }, ({ key }) => leaves.push(key));
    await subscribed(w);

    // A raw client that joins, tracks, then goes silent.
    const raw = new WebSocket(
      `${stack.url.replace('http', 'ws')}/realtime/v1/websocket?apikey=${stack.anonKey}&vsn=2.0.0`,
    );
    await new Promise((r) => raw.once('open', r));
    raw.send(JSON.stringify(['1', '1', 'realtime:quiet-room', 'phx_join', { config: { presence: { key: 'ghost' } } }]));
    raw.send(
      JSON.stringify([
        '1',
        '2',
        'realtime:quiet-room',
        'presence',
        { type: 'presence', event: 'track', payload: { x: 1 } },
      ]),
    );
    await waitFor(() => 'ghost' in w.presenceState());
    const closed = new Promise((r) => raw.once('close', r));
    await waitFor(() => leaves.includes('ghost'), 8_000);
    await closed;
  });
});

describe('limits', () => {
  it('refuses more than 100 channels on one connection', async () => {
    const raw = new WebSocket(
      `${stack.url.replace('http', 'ws')}/realtime/v1/websocket?apikey=${stack.anonKey}&vsn=2.0.0`,
    );
    await new Promise((r) => raw.once('open', r));
    const replies: unknown[][] = [];
    raw.on('message', (d) => replies.push(JSON.parse(String(d))));
    for (let i = 1; i <= 101; i++)
      raw.send(JSON.stringify([String(i), String(i), `realtime:limit-${i}`, 'phx_join', {}]));
    await waitFor(() => replies.filter((r) => r[3] === 'phx_reply').length === 101);
    const last = replies.find((r) => r[1] === '101')!;
    expect(last).toEqual([
      '101',
      '101',
      'realtime:limit-101',
      'phx_reply',
      {
        status: 'error',
        response: { reason: 'ChannelRateLimitReached: Too many channels' },
      },
    ]);
    expect(replies.filter((r) => (r[4] as { status: string }).status === 'ok')).toHaveLength(100);
    raw.close();
  });

  it('closes the channel of a client that exceeds its presence calls', async () => {
    const c = await client();
    const system: Record<string, unknown>[] = [];
    const statuses: string[] = [];
    const ch = c
      .channel('busy', { config: { presence: { key: crypto.randomUUID() } } })
      .on('system', {}, (p) => system.push(p));
    await new Promise<void>((resolve) =>
      ch.subscribe((s) => {
        statuses.push(s);
        if (s === 'SUBSCRIBED') resolve();
      }),
    );
    for (let i = 0; i < 5; i++) expect(await ch.track({ i })).toBe('ok');
    void ch.track({ i: 5 });
    await waitFor(() => statuses.includes('CLOSED'));
    expect(system).toEqual([
      { extension: 'system', status: 'error', message: 'Client presence rate limit exceeded', channel: 'busy' },
    ]);
  });
});
