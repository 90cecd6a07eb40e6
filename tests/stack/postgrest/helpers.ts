// Shared setup for the PostgREST-compatible service's conformance tests: a stack with
// the library fixture (tests/fixtures/postgrest/schema.sql), supabase-js clients, and
// a raw fetch for what supabase-js cannot send (Range, PUT, CSV, malformed input).
import fs from 'node:fs';
import path from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { signJwtSync } from '../../../stack/jwt.ts';
import { startTestStack, type TestStack } from '../../helpers/stack.ts';

export const FIXTURE_SQL = fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/postgrest/schema.sql'), 'utf8');

export const ALICE = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const BOB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

export function startPostgrestStack(): Promise<TestStack> {
  return startTestStack({ sql: FIXTURE_SQL, projectMigrations: false });
}

export function client(stack: TestStack, opts: { key?: string; token?: string; schema?: string } = {}): SupabaseClient {
  return createClient(stack.url, opts.key ?? stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
    global: opts.token ? { headers: { Authorization: `Bearer ${opts.token}` } } : undefined,
  });
}

export function userToken(stack: TestStack, sub: string, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwtSync(
    { sub, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + 3600, ...claims },
    stack.jwtSecret,
  );
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are asserted field by field
  json(): any;
}

export async function rest(
  stack: TestStack,
  method: string,
  pathAndQuery: string,
  opts: { headers?: Record<string, string>; body?: string; key?: string } = {},
): Promise<RawResponse> {
  const res = await fetch(`${stack.url}/rest/v1${pathAndQuery}`, {
    method,
    headers: { apikey: opts.key ?? stack.anonKey, ...opts.headers },
    body: opts.body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

/** A digest of every fixture table's content, to prove reads change nothing. */
export async function dbDigest(stack: TestStack): Promise<string> {
  const rows = await stack.sql<{ d: string }>(
    `select md5(string_agg(t, '|' order by t)) as d from (
       select 'p' || p::text as t from public.publishers p union all
       select 'a' || a::text from public.authors a union all
       select 'b' || b::text from public.books b union all
       select 'c' || c::text from public.categories c union all
       select 'bc' || x::text from public.book_categories x union all
       select 'bs' || s::text from public.book_stats s union all
       select 'n' || n::text from public.notes n union all
       select 'k' || k::text from public.counters k) all_rows`,
  );
  return rows[0]!.d;
}
