// Edge Functions through the stack's gateway with the official client: JWT
// verification per function, the env Supabase gives, the edge runtime's error
// answers, streaming, npm dependencies, _shared imports and reload on change.
// Fixture functions live in tests/fixtures/functions; the stack serves a copy of
// that folder so the watch test can edit it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, FunctionsHttpError, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../stack/config.ts';
import { cacheFunctionDeps, checkJwt, parseDotenv } from '../../stack/functions/index.ts';
import { signJwtSync } from '../../stack/jwt.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/functions');
const TIMEOUT_MS = 3_000;

let stack: TestStack;
let functionsDir: string;
let anon: SupabaseClient;

function client(key: string): SupabaseClient {
  return createClient(stack.url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });
}

async function httpError(error: unknown): Promise<{ status: number; body: string; contentType: string | null }> {
  expect(error).toBeInstanceOf(FunctionsHttpError);
  const res = (error as FunctionsHttpError).context as Response;
  return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') };
}

beforeAll(async () => {
  functionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-functions-'));
  fs.cpSync(FIXTURES, functionsDir, { recursive: true });
  // Same cache as `npm run functions:cache`; quick when already filled.
  await cacheFunctionDeps(loadConfig({ functionsDir }));
  stack = await startTestStack({
    projectMigrations: false,
    config: {
      functionsDir,
      functions: { 'default-export': { verifyJwt: false }, stream: { verifyJwt: false } },
      functionTimeoutMs: TIMEOUT_MS,
      watch: true,
    },
  });
  anon = client(stack.anonKey);
});

afterAll(async () => {
  await stack?.stop();
  if (functionsDir) fs.rmSync(functionsDir, { recursive: true, force: true });
});

describe('invocation', () => {
  it('passes method, path after /functions/v1, query, headers and body to the function', async () => {
    const { data, error } = await anon.functions.invoke('echo/sub/path?x=1', {
      body: { hello: 'world' },
      headers: { 'x-custom': 'c1' },
    });
    expect(error).toBeNull();
    expect(data).toMatchObject({
      method: 'POST',
      path: '/echo/sub/path',
      search: '?x=1',
      authorization: `Bearer ${stack.anonKey}`,
      apikey: stack.anonKey,
      contentType: 'application/json',
      custom: 'c1',
      body: '{"hello":"world"}',
    });
  });

  it('gives the function the Supabase variables and supabase/functions/.env', async () => {
    const { data, error } = await anon.functions.invoke('echo', { method: 'GET' });
    expect(error).toBeNull();
    expect(data.env).toEqual({
      SUPABASE_URL: stack.url,
      SUPABASE_ANON_KEY: stack.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
      SUPABASE_DB_URL: stack.dbUrl,
      SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH' }),
      SUPABASE_SECRET_KEYS: JSON.stringify({ default: 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz' }),
      FIXTURE_SECRET: 'from dotenv',
      // Reserved prefix in .env, and OS variables, are hidden as by the CLI.
      SUPABASE_FIXTURE_RESERVED: null,
      PATH: null,
      HOME: null,
    });
  });

  it('supports export default { fetch }', async () => {
    const { data, error } = await anon.functions.invoke('default-export/x', { method: 'GET' });
    expect(error).toBeNull();
    expect(data).toBe('default export saw GET /default-export/x');
  });

  it('supports Deno.serve(options, handler) and imports from _shared', async () => {
    const { data, error } = await anon.functions.invoke('serve-options?name=ledger', { method: 'GET' });
    expect(error).toBeNull();
    expect(data).toEqual({ message: 'hello, ledger' });
  });

  it('never serves _shared or an unknown function', async () => {
    for (const name of ['nope', '_shared', '_shared/greeting.ts']) {
      const { error } = await anon.functions.invoke(name);
      expect(await httpError(error)).toEqual({ status: 404, body: 'Function not found', contentType: 'text/plain' });
    }
  });

  it('answers the health check', async () => {
    const res = await fetch(`${stack.url}/functions/v1/_internal/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message: 'ok' });
  });

  it('runs a function with npm dependencies from its own deno.json, calling back through the gateway', async () => {
    const { data, error } = await anon.functions.invoke('npm-client', { method: 'GET' });
    expect(error).toBeNull();
    expect(data.error).toBeNull();
    expect(data.data).toMatchObject({ method: 'POST', path: '/echo', body: '{"from":"npm-client"}' });
  });
});

describe('verify_jwt', () => {
  const url = () => `${stack.url}/functions/v1/echo`;

  it('accepts any valid project JWT: anon key, service_role key, a user token', async () => {
    const user = signJwtSync(
      {
        sub: '5b1f2e9c-1111-4222-8333-944455556666',
        role: 'authenticated',
        aud: 'authenticated',
        exp: Math.floor(Date.now() / 1000) + 600,
      },
      stack.jwtSecret,
    );
    for (const token of [stack.anonKey, stack.serviceRoleKey, user]) {
      const { data, error } = await anon.functions.invoke('echo', { headers: { Authorization: `Bearer ${token}` } });
      expect(error).toBeNull();
      expect(data.authorization).toBe(`Bearer ${token}`);
    }
  });

  it('accepts the publishable key, which the gateway turns into the anon JWT', async () => {
    const { data, error } = await client('sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH').functions.invoke('echo');
    expect(error).toBeNull();
    expect(data.authorization).toBe(`Bearer ${stack.anonKey}`);
  });

  it('refuses a call without a JWT with the main service bodies', async () => {
    const missing = await fetch(url(), { method: 'POST' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ msg: 'Error: Missing authorization header' });

    const basic = await fetch(url(), { method: 'POST', headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
    expect(await basic.json()).toEqual({ msg: "Error: Auth header is not 'Bearer {token}'" });
  });

  it('refuses tampered, expired and foreign tokens', async () => {
    const expired = signJwtSync({ role: 'anon', exp: Math.floor(Date.now() / 1000) - 10 }, stack.jwtSecret);
    const foreign = signJwtSync({ role: 'anon' }, 'another-secret-that-is-long-enough');
    const tampered = `${stack.anonKey.slice(0, -2)}xx`;
    for (const token of [expired, foreign, tampered]) {
      const { error } = await anon.functions.invoke('echo', { headers: { Authorization: `Bearer ${token}` } });
      expect(await httpError(error)).toEqual({
        status: 401,
        body: '{"msg":"Invalid JWT"}',
        contentType: 'application/json',
      });
    }
    const { error } = await client('not-a-jwt').functions.invoke('echo');
    expect((await httpError(error)).body).toBe('{"msg":"TypeError: Invalid Token or Protected Header formatting"}');
  });

  it('is skipped for OPTIONS and for functions with verify_jwt = false', async () => {
    const options = await fetch(url(), { method: 'OPTIONS' });
    expect(options.status).toBe(200);
    const open = await fetch(`${stack.url}/functions/v1/default-export`);
    expect(open.status).toBe(200);
    expect(await open.text()).toBe('default export saw GET /default-export');
  });
});

describe('failures', () => {
  it('a thrown error is a FunctionsHttpError with status 500 WORKER_ERROR', async () => {
    const { data, error } = await anon.functions.invoke('throws');
    expect(data).toBeNull();
    const e = await httpError(error);
    expect(e.status).toBe(500);
    expect(JSON.parse(e.body)).toEqual({
      code: 'WORKER_ERROR',
      message: 'Function exited due to an error (please check logs)',
    });
  });

  it('a module that fails to load is a 503 BOOT_ERROR, on every call', async () => {
    for (let i = 0; i < 2; i++) {
      const e = await httpError((await anon.functions.invoke('boot-error')).error);
      expect(e.status).toBe(503);
      expect(JSON.parse(e.body)).toEqual({ code: 'BOOT_ERROR', message: 'Worker failed to boot (please check logs)' });
    }
  });

  it('a process dying mid-request is a 500 WORKER_ERROR, and the next call gets a new process', async () => {
    const first = await anon.functions.invoke('crash', { method: 'GET' });
    expect(first.error).toBeNull();
    const died = await httpError((await anon.functions.invoke('crash?die', { method: 'GET' })).error);
    expect(died.status).toBe(500);
    expect(JSON.parse(died.body).code).toBe('WORKER_ERROR');
    const again = await anon.functions.invoke('crash', { method: 'GET' });
    expect(again.error).toBeNull();
    // A fresh process: its in-memory counter started over.
    expect(again.data).toEqual({ calls: 1 });
  });

  it('a hanging function ends in a 504 after functionTimeoutMs, not a hung request', async () => {
    const e = await httpError((await anon.functions.invoke('hang')).error);
    expect(e).toEqual({
      status: 504,
      body: '{"message":"The upstream server is timing out"}',
      contentType: 'application/json',
    });
  });

  it('a function stuck in a busy loop times out and is replaced for the next call', async () => {
    const stuck = await httpError((await anon.functions.invoke('busy?spin', { method: 'GET' })).error);
    expect(stuck.status).toBe(504);
    const next = await anon.functions.invoke('busy', { method: 'GET' });
    expect(next.error).toBeNull();
    expect(next.data).toBe('idle');
  });
});

describe('streaming', () => {
  it('streams the request body in and the response out as they go', async () => {
    const encoder = new TextEncoder();
    let push!: (s: string | null) => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (s) => (s === null ? controller.close() : controller.enqueue(encoder.encode(s)));
      },
    });
    push('first chunk;');
    const res = await fetch(`${stack.url}/functions/v1/stream`, {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    // The first chunk comes back while the request body is still open.
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe('FIRST CHUNK;');
    push('second chunk');
    push(null);
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += decoder.decode(value, { stream: true });
    }
    expect(rest).toBe('SECOND CHUNK');
  });

  it('returns a server-sent events stream to the client as a Response', async () => {
    const { data, error } = await anon.functions.invoke('stream', { method: 'GET' });
    expect(error).toBeNull();
    expect(data).toBeInstanceOf(Response);
    expect(await (data as Response).text()).toBe('data: 1\n\ndata: 2\n\ndata: 3\n\n');
  });
});

describe('watch mode', () => {
  it('restarts a function when its files change', async () => {
    const before = await anon.functions.invoke('serve-options', { method: 'GET' });
    expect(before.data).toEqual({ message: 'hello, world' });
    fs.writeFileSync(
      path.join(functionsDir, '_shared', 'greeting.ts'),
      'export function greeting(name: string): string {\n  return `hi again, ${name}`;\n}\n',
    );
    let message: unknown;
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      message = (await anon.functions.invoke('serve-options', { method: 'GET' })).data?.message;
      if (message === 'hi again, world') break;
    }
    expect(message).toBe('hi again, world');
  });
});

describe('helpers', () => {
  it('checkJwt answers like the CLI main service', () => {
    const secret = 'super-secret-jwt-token-with-at-least-32-characters-long';
    expect(checkJwt(undefined, secret)).toEqual({ msg: 'Error: Missing authorization header' });
    expect(checkJwt('bearer x', secret)).toEqual({ msg: "Error: Auth header is not 'Bearer {token}'" });
    expect(checkJwt(`Bearer ${signJwtSync({ role: 'anon' }, secret, { alg: 'HS512' })}`, secret)).toEqual({
      msg: 'Invalid JWT',
    });
    expect(checkJwt(`Bearer ${signJwtSync({ role: 'anon' }, secret)}`, secret)).toBeUndefined();
  });

  it('parses .env files like godotenv', () => {
    expect(
      parseDotenv(
        [
          '# comment',
          'A=plain',
          'export B = spaced  # trailing comment',
          "C='single # kept'",
          'D="line\\nbreak"',
          'E="multi',
          'line"',
          'F=',
        ].join('\n'),
      ),
    ).toEqual({ A: 'plain', B: 'spaced', C: 'single # kept', D: 'line\nbreak', E: 'multi\nline', F: '' });
  });
});
