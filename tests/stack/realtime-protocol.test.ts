// The Realtime wire protocol as realtime-js depends on it, checked frame by frame with
// a raw websocket: connection refusals, heartbeats, join replies with binding ids,
// postgres_changes frames, binary broadcast frames (kind 3 in, kind 4 out), vsn 1.0.0,
// leaving, and the errors Supabase sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signJwtSync } from '../../stack/jwt.ts';
import { parseSubscriptionParams } from '../../stack/realtime/filters.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

process.env.CHANNEL_ERROR_BACKOFF_MS = '20';
process.env.CONNECT_ERROR_BACKOFF_MS = '20';

let stack: TestStack;
const open: WebSocket[] = [];

beforeAll(async () => {
  stack = await startTestStack({
    projectMigrations: false,
    sql: `create table public.items (id int primary key, title text);
          alter publication supabase_realtime add table public.items;`,
  });
});

afterAll(async () => {
  for (const ws of open) ws.terminate();
  await stack?.stop();
});

type Frame = unknown[] | Buffer | Record<string, unknown>;

/** A raw socket that collects decoded frames. */
async function connect(
  query: string,
): Promise<{ ws: WebSocket; frames: Frame[]; next: (pred: (f: Frame) => boolean) => Promise<Frame> }> {
  const ws = new WebSocket(`${stack.url.replace('http', 'ws')}/realtime/v1/websocket?${query}`);
  open.push(ws);
  const frames: Frame[] = [];
  ws.on('message', (data, isBinary) => frames.push(isBinary ? (data as Buffer) : JSON.parse(String(data))));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const next = async (pred: (f: Frame) => boolean): Promise<Frame> => {
    const start = Date.now();
    for (;;) {
      const i = frames.findIndex(pred);
      if (i >= 0) return frames.splice(i, 1)[0]!;
      if (Date.now() - start > 5000) throw new Error(`no matching frame; got ${JSON.stringify(frames)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { ws, frames, next };
}

const v2 = () => connect(`apikey=${stack.anonKey}&vsn=2.0.0`);
const reply = (ref: string) => (f: Frame) => Array.isArray(f) && f[1] === ref && f[3] === 'phx_reply';

function refused(query: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${stack.url.replace('http', 'ws')}/realtime/v1/websocket?${query}`);
    ws.on('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    ws.on('open', () => reject(new Error('connection was accepted')));
    ws.on('error', () => undefined);
  });
}

describe('connecting', () => {
  it('refuses missing, malformed, badly signed, expired and incomplete tokens with Realtime’s errors', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await refused('vsn=2.0.0')).toEqual({ status: 401, body: { error: 'API key is missing' } });
    expect(await refused('apikey=not-a-jwt&vsn=2.0.0')).toEqual({
      status: 401,
      body: { error: 'The token provided is not a valid JWT' },
    });
    const forged = signJwtSync({ role: 'anon', exp: now + 60 }, 'another-secret-that-is-long-enough-to-use');
    expect(await refused(`apikey=${forged}&vsn=2.0.0`)).toEqual({
      status: 401,
      body: { error: 'Failed to validate JWT signature' },
    });
    const expired = signJwtSync({ role: 'anon', exp: now - 5 }, stack.jwtSecret);
    expect(await refused(`apikey=${expired}&vsn=2.0.0`)).toEqual({ status: 401, body: { error: 'Token has expired' } });
    const noExp = signJwtSync({ role: 'anon' }, stack.jwtSecret);
    expect(await refused(`apikey=${noExp}&vsn=2.0.0`)).toEqual({
      status: 401,
      body: { error: 'Fields `role` and `exp` are required in JWT' },
    });
  });

  it('accepts the publishable key (the gateway turns it into the anon JWT) and answers heartbeats', async () => {
    const { ws, next } = await connect(`apikey=${stack.config.publishableKey}&vsn=2.0.0`);
    ws.send(JSON.stringify([null, '7', 'phoenix', 'heartbeat', {}]));
    expect(await next(reply('7'))).toEqual([null, '7', 'phoenix', 'phx_reply', { status: 'ok', response: {} }]);
  });
});

describe('channels', () => {
  it('echoes postgres_changes bindings with ids and sends changes carrying them', async () => {
    const { ws, next } = await v2();
    const bindings = [
      { event: 'INSERT', schema: 'public', table: 'items' },
      { event: '*', schema: 'public', table: 'items', filter: 'id=eq.2' },
    ];
    ws.send(
      JSON.stringify([
        '1',
        '1',
        'realtime:items',
        'phx_join',
        {
          config: {
            broadcast: { ack: false, self: false },
            presence: { key: '', enabled: false },
            postgres_changes: bindings,
            private: false,
          },
          access_token: stack.serviceRoleKey,
        },
      ]),
    );
    const joined = (await next(reply('1'))) as unknown[];
    const response = joined[4] as { status: string; response: { postgres_changes: Record<string, unknown>[] } };
    expect(response.status).toBe('ok');
    const echoed = response.response.postgres_changes;
    expect(echoed.map(({ id: _id, ...rest }) => rest)).toEqual(bindings);
    const [id1, id2] = echoed.map((b) => b.id) as [number, number];
    expect(Number.isInteger(id1) && Number.isInteger(id2) && id1 !== id2).toBe(true);
    expect(await next((f) => Array.isArray(f) && f[3] === 'system')).toEqual([
      '1',
      null,
      'realtime:items',
      'system',
      { extension: 'postgres_changes', status: 'ok', message: 'Subscribed to PostgreSQL', channel: 'items' },
    ]);

    await stack.sql(`insert into public.items values (1, 'one'), (2, 'two')`);
    const first = (await next((f) => Array.isArray(f) && f[3] === 'postgres_changes')) as unknown[];
    const second = (await next((f) => Array.isArray(f) && f[3] === 'postgres_changes')) as unknown[];
    const data = (f: unknown[]) => (f[4] as { data: Record<string, unknown> }).data;
    expect(first.slice(0, 4)).toEqual([null, null, 'realtime:items', 'postgres_changes']);
    expect((first[4] as { ids: number[] }).ids).toEqual([id1]);
    expect(data(first)).toEqual({
      columns: [
        { name: 'id', type: 'int4' },
        { name: 'title', type: 'text' },
      ],
      commit_timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      errors: null,
      schema: 'public',
      table: 'items',
      record: { id: 1, title: 'one' },
      type: 'INSERT',
    });
    expect((second[4] as { ids: number[] }).ids.sort()).toEqual([id1, id2].sort());
    expect(data(second).record).toEqual({ id: 2, title: 'two' });
  });

  it('decodes kind-3 binary broadcasts and sends kind-4 frames (and JSON to vsn 1.0.0)', async () => {
    const sender = await v2();
    const receiver = await v2();
    const legacy = await connect(`apikey=${stack.anonKey}&vsn=1.0.0`);
    for (const [c, ref] of [
      [sender, '1'],
      [receiver, '2'],
    ] as const) {
      c.ws.send(JSON.stringify([ref, ref, 'realtime:room1', 'phx_join', { config: { broadcast: { self: false } } }]));
      expect(((await c.next(reply(ref))) as unknown[])[4]).toEqual({
        status: 'ok',
        response: { postgres_changes: [] },
      });
    }
    legacy.ws.send(
      JSON.stringify({ topic: 'realtime:room1', event: 'phx_join', payload: {}, ref: '9', join_ref: '9' }),
    );
    expect(await legacy.next((f) => !Array.isArray(f) && !Buffer.isBuffer(f) && f.event === 'phx_reply')).toEqual({
      event: 'phx_reply',
      payload: { status: 'ok', response: { postgres_changes: [] } },
      ref: '9',
      topic: 'realtime:room1',
      join_ref: '9',
    });

    // What realtime-js sends for channel.send({type: 'broadcast', event: 'shout', payload: {n: 1}}).
    const push = Buffer.concat([
      Buffer.from([3, 1, 1, 14, 5, 0, 1]),
      Buffer.from('1'),
      Buffer.from('8'),
      Buffer.from('realtime:room1'),
      Buffer.from('shout'),
      Buffer.from('{"n":1}'),
    ]);
    sender.ws.send(push, { binary: true });
    const got = (await receiver.next((f) => Buffer.isBuffer(f))) as Buffer;
    expect([...got]).toEqual([
      ...[4, 14, 5, 0, 1],
      ...Buffer.from('realtime:room1'),
      ...Buffer.from('shout'),
      ...Buffer.from('{"n":1}'),
    ]);
    expect(await legacy.next((f) => !Array.isArray(f) && !Buffer.isBuffer(f) && f.event === 'broadcast')).toEqual({
      event: 'broadcast',
      payload: { event: 'shout', payload: { n: 1 }, type: 'broadcast' },
      ref: null,
      topic: 'realtime:room1',
      join_ref: null,
    });
    // Without self the sender gets nothing back.
    await new Promise((r) => setTimeout(r, 200));
    expect(sender.frames.filter((f) => Buffer.isBuffer(f))).toEqual([]);
  });

  it('answers unknown topics, an empty topic name, leaves and duplicate joins as Phoenix and Realtime do', async () => {
    const { ws, next } = await v2();
    ws.send(
      JSON.stringify(['3', '3', 'realtime:nowhere', 'broadcast', { type: 'broadcast', event: 'x', payload: {} }]),
    );
    expect(await next(reply('3'))).toEqual([
      null,
      '3',
      'realtime:nowhere',
      'phx_reply',
      { status: 'error', response: { reason: 'unmatched topic' } },
    ]);

    ws.send(JSON.stringify(['4', '4', 'realtime:', 'phx_join', {}]));
    expect(await next(reply('4'))).toEqual([
      '4',
      '4',
      'realtime:',
      'phx_reply',
      { status: 'error', response: { reason: 'TopicNameRequired: You must provide a topic name' } },
    ]);

    ws.send(JSON.stringify(['5', '5', 'realtime:dup', 'phx_join', {}]));
    await next(reply('5'));
    ws.send(JSON.stringify(['6', '6', 'realtime:dup', 'phx_join', {}]));
    // The first join is closed, the second answered.
    expect(await next((f) => Array.isArray(f) && f[3] === 'phx_close')).toEqual([
      '5',
      '5',
      'realtime:dup',
      'phx_close',
      {},
    ]);
    expect(((await next(reply('6'))) as unknown[])[4]).toEqual({ status: 'ok', response: { postgres_changes: [] } });

    ws.send(JSON.stringify(['6', '7', 'realtime:dup', 'phx_leave', {}]));
    expect(await next(reply('7'))).toEqual(['6', '7', 'realtime:dup', 'phx_reply', { status: 'ok', response: {} }]);
    expect(await next((f) => Array.isArray(f) && f[3] === 'phx_close')).toEqual([
      '6',
      '6',
      'realtime:dup',
      'phx_close',
      {},
    ]);
  });

  it('refuses a join whose token does not verify, and closes a channel given a bad access_token', async () => {
    const { ws, next } = await v2();
    const forged = signJwtSync(
      { role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 60 },
      'another-secret-that-is-long-enough-to-use',
    );
    ws.send(JSON.stringify(['1', '1', 'realtime:secure', 'phx_join', { config: {}, access_token: forged }]));
    expect(((await next(reply('1'))) as unknown[])[4]).toEqual({
      status: 'error',
      response: { reason: 'JwtSignatureError: Failed to validate JWT signature' },
    });

    ws.send(JSON.stringify(['2', '2', 'realtime:secure', 'phx_join', { config: {} }]));
    await next(reply('2'));
    ws.send(JSON.stringify(['2', '3', 'realtime:secure', 'access_token', { access_token: forged }]));
    expect(await next((f) => Array.isArray(f) && f[3] === 'system')).toEqual([
      '2',
      null,
      'realtime:secure',
      'system',
      { extension: 'system', status: 'error', message: ':signature_error', channel: 'secure' },
    ]);
    expect(await next((f) => Array.isArray(f) && f[3] === 'phx_close')).toEqual([
      '2',
      '2',
      'realtime:secure',
      'phx_close',
      {},
    ]);
  });

  it('refuses replay on a public channel', async () => {
    const { ws, next } = await v2();
    ws.send(
      JSON.stringify(['1', '1', 'realtime:pub', 'phx_join', { config: { broadcast: { replay: { since: 0 } } } }]),
    );
    expect(((await next(reply('1'))) as unknown[])[4]).toEqual({
      status: 'error',
      response: { reason: 'UnableToReplayMessages: Replay is not allowed for public channels' },
    });
  });

  it('rejects a presence track whose payload is not a map', async () => {
    const { ws, next } = await v2();
    ws.send(
      JSON.stringify(['1', '1', 'realtime:p', 'phx_join', { config: { presence: { key: 'k', enabled: true } } }]),
    );
    await next(reply('1'));
    expect(await next((f) => Array.isArray(f) && f[3] === 'presence_state')).toEqual([
      '1',
      null,
      'realtime:p',
      'presence_state',
      {},
    ]);
    ws.send(
      JSON.stringify(['1', '2', 'realtime:p', 'presence', { type: 'presence', event: 'track', payload: [1, 2] }]),
    );
    expect(((await next(reply('2'))) as unknown[])[4]).toEqual({
      status: 'error',
      response: { reason: 'Presence track payload must be a map' },
    });
  });
});

// Realtime's own examples for parse_subscription_params (subscriptions.ex doctests).
describe('binding parameters', () => {
  const ok = (params: unknown) => {
    const r = parseSubscriptionParams(params);
    if (!r.ok) throw new Error(r.error);
    const p = r.params;
    return [p.action, p.schema, p.table, p.filters, p.selectedColumns];
  };
  const err = (params: unknown) => {
    const r = parseSubscriptionParams(params);
    return r.ok ? 'parsed' : r.error;
  };

  it('parses filters as Realtime does', () => {
    expect(ok({ schema: 'public', table: 'messages', filter: 'subject=eq.hey' })).toEqual([
      '*',
      'public',
      'messages',
      [['subject', 'eq', 'hey', false]],
      null,
    ]);
    expect(ok({ schema: 'public', table: 'messages', filter: 'subject=in.(hidee,ho)' })).toEqual([
      '*',
      'public',
      'messages',
      [['subject', 'in', '{hidee,ho}', false]],
      null,
    ]);
    expect(ok({ schema: 'public', table: 'messages', filter: 'subject=not.like.hey%' })).toEqual([
      '*',
      'public',
      'messages',
      [['subject', 'like', 'hey%', true]],
      null,
    ]);
    expect(ok({ schema: 'public', table: 'messages', filter: 'id=gt.0,id=lt.100' })).toEqual([
      '*',
      'public',
      'messages',
      [
        ['id', 'gt', '0', false],
        ['id', 'lt', '100', false],
      ],
      null,
    ]);
    expect(ok({ schema: 'public', table: 'm', filter: 'name=eq."a,b",n=in.(1,2)' })).toEqual([
      '*',
      'public',
      'm',
      [
        ['name', 'eq', 'a,b', false],
        ['n', 'in', '{1,2}', false],
      ],
      null,
    ]);
    expect(ok({ schema: 'public', table: 'messages', filter: '   ' })).toEqual(['*', 'public', 'messages', [], null]);
    expect(ok({ schema: 'public' })).toEqual(['*', 'public', '*', [], null]);
    expect(ok({ table: 'messages', event: 'insert', select: ['id'] })).toEqual([
      'INSERT',
      'public',
      'messages',
      [],
      ['id'],
    ]);
  });

  it('reports the errors Realtime reports', () => {
    expect(err({ schema: 'public', table: 'messages', filter: 'subject=foo.hey' })).toBe(
      'Error parsing `filter` params: ["foo", "hey"]',
    );
    expect(err({ schema: 'public', table: 'messages', filter: 'undefined' })).toBe(
      'Error parsing `filter` params: ["undefined"]',
    );
    expect(err({ schema: 'public', table: 'messages', filter: 'a=eq.1,,b=eq.2' })).toBe(
      'Error parsing `filter` params: filter must not contain empty segments (check for extra commas)',
    );
    expect(err({ schema: 'public', table: 'messages', filter: 'a=in.1,2' })).toBe(
      'Error parsing `filter` params: `in` filter value must be wrapped by parentheses',
    );
    expect(err({})).toBe(
      'No subscription params provided. Please provide at least a `schema` or `table` to subscribe to: %{}',
    );
    expect(err({ schema: '*', select: ['id'] })).toBe(
      'Column selection is not supported for wildcard subscriptions. Provide an explicit schema and table name.',
    );
  });
});
