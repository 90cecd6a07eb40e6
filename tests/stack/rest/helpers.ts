// Shared setup for the REST conformance tests: a stack with the film fixture schema
// (tests/fixtures/rest/schema.sql, not the product schema), supabase-js clients for
// anon / service_role / a signed-in user, and a raw fetch for what supabase-js
// cannot send (Range headers, PUT, CSV bodies, malformed input).
import fs from 'node:fs';
import path from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { signJwtSync } from '../../../stack/jwt.ts';
import { startTestStack, type TestStack } from '../../helpers/stack.ts';

export const FIXTURE_SQL = fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/rest/schema.sql'), 'utf8');

export const ALICE = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const BOB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

export function startRestStack(): Promise<TestStack> {
  return startTestStack({ sql: FIXTURE_SQL, projectMigrations: false });
}

export function client(stack: TestStack, opts: { key?: string; token?: string } = {}): SupabaseClient {
  return createClient(stack.url, opts.key ?? stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
    global: opts.token ? { headers: { Authorization: `Bearer ${opts.token}` } } : undefined,
  });
}

/** An access token as Auth would issue it for a signed-in user. */
export function userToken(stack: TestStack, sub: string, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwtSync(
    {
      sub,
      role: 'authenticated',
      aud: 'authenticated',
      email: `${sub.slice(0, 4)}@example.com`,
      iat: now,
      exp: now + 3600,
      ...claims,
    },
    stack.jwtSecret,
  );
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json(): unknown;
}

/** A request to /rest/v1 carrying the anon key like supabase-js does. */
export async function rest(
  stack: TestStack,
  method: string,
  pathAndQuery: string,
  opts: { headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const res = await fetch(`${stack.url}/rest/v1${pathAndQuery}`, {
    method,
    headers: { apikey: stack.anonKey, ...opts.headers },
    body: opts.body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}
