// Storage under the project's RLS policies (one folder per organisation), signed
// URL expiry, names that try to escape the storage directory, and a 50 MiB round
// trip — all through the unmodified storage-js.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signJwtSync } from '../../stack/jwt.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

const ORG1 = '11111111-1111-4111-8111-111111111111';
const ORG2 = '22222222-2222-4222-8222-222222222222';
const ALICE = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'; // member of org 1
const BOB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb'; // member of org 2

// Each organisation keeps its files under `<org_id>/…` in the private bucket
// `org-files`; a member may read and write there and nowhere else.
const FIXTURE = `
create schema storage_fixture;
create table storage_fixture.memberships (
  org_id uuid not null,
  user_id uuid not null,
  primary key (org_id, user_id)
);
insert into storage_fixture.memberships values ('${ORG1}', '${ALICE}'), ('${ORG2}', '${BOB}');

create function storage_fixture.is_member(folder text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from storage_fixture.memberships m
    where m.user_id = (select auth.uid()) and m.org_id::text = folder
  )
$$;
grant usage on schema storage_fixture to authenticated;

insert into storage.buckets (id, name) values ('org-files', 'org-files');

create policy "org members read" on storage.objects for select to authenticated
  using (bucket_id = 'org-files' and storage_fixture.is_member((storage.foldername(name))[1]));
create policy "org members add" on storage.objects for insert to authenticated
  with check (bucket_id = 'org-files' and storage_fixture.is_member((storage.foldername(name))[1]));
create policy "org members change" on storage.objects for update to authenticated
  using (bucket_id = 'org-files' and storage_fixture.is_member((storage.foldername(name))[1]))
  with check (bucket_id = 'org-files' and storage_fixture.is_member((storage.foldername(name))[1]));
create policy "org members delete" on storage.objects for delete to authenticated
  using (bucket_id = 'org-files' and storage_fixture.is_member((storage.foldername(name))[1]));
`;

let stack: TestStack;
let admin: SupabaseClient;
let alice: SupabaseClient;
let bob: SupabaseClient;
let anon: SupabaseClient;

function client(key: string, accessToken?: string): SupabaseClient {
  return createClient(stack.url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
    ...(accessToken ? { accessToken: async () => accessToken } : {}),
  });
}

function userToken(sub: string): string {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return signJwtSync({ sub, role: 'authenticated', aud: 'authenticated', exp }, stack.jwtSecret);
}

/** A request with the path exactly as written (fetch would resolve dot segments). */
function rawRequest(
  method: string,
  rawPath: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; json: unknown }> {
  const url = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: rawPath,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  stack = await startTestStack({ projectMigrations: false, sql: FIXTURE });
  admin = client(stack.serviceRoleKey);
  alice = client(stack.anonKey, userToken(ALICE));
  bob = client(stack.anonKey, userToken(BOB));
  anon = client(stack.anonKey);
  expect((await admin.storage.from('org-files').upload(`${ORG2}/secret.txt`, 'org two only')).error).toBeNull();
});
afterAll(async () => {
  await stack?.stop();
});

describe('a policy keeping each organisation in its own folder', () => {
  it('lets a member write in their organisation folder, owned by them', async () => {
    const up = await alice.storage.from('org-files').upload(`${ORG1}/plan.txt`, 'org one plan');
    expect(up.error).toBeNull();
    const rows = await stack.sql(`select owner::text, owner_id from storage.objects where name = '${ORG1}/plan.txt'`);
    expect(rows).toEqual([{ owner: ALICE, owner_id: ALICE }]);
    expect(await (await alice.storage.from('org-files').download(`${ORG1}/plan.txt`)).data!.text()).toBe(
      'org one plan',
    );
    // upsert needs SELECT + INSERT + UPDATE, which the member has
    expect((await alice.storage.from('org-files').upload(`${ORG1}/plan.txt`, 'v2', { upsert: true })).error).toBeNull();
    expect((await alice.storage.from('org-files').update(`${ORG1}/plan.txt`, 'v3')).error).toBeNull();
    expect(await (await alice.storage.from('org-files').download(`${ORG1}/plan.txt`)).data!.text()).toBe('v3');
  });

  it('refuses writes outside the member organisation folder', async () => {
    const store = alice.storage.from('org-files');
    const other = await store.upload(`${ORG2}/intrude.txt`, 'x');
    expect(other.error).toMatchObject({
      status: 400,
      statusCode: '403',
      code: 'AccessDenied',
      message: 'new row violates row-level security policy',
    });
    const root = await store.upload('loose.txt', 'x');
    expect(root.error).toMatchObject({ statusCode: '403', code: 'AccessDenied' });
    const overwrite = await store.upload(`${ORG2}/secret.txt`, 'x', { upsert: true });
    expect(overwrite.error).toMatchObject({ statusCode: '403', code: 'AccessDenied' });
    const signUpload = await store.createSignedUploadUrl(`${ORG2}/later.txt`);
    expect(signUpload.error).toMatchObject({ statusCode: '403', code: 'AccessDenied' });
    expect(await stack.sql(`select name from storage.objects where name not like '${ORG1}/%' order by name`)).toEqual([
      { name: `${ORG2}/secret.txt` },
    ]);
    expect(await (await admin.storage.from('org-files').download(`${ORG2}/secret.txt`)).data!.text()).toBe(
      'org two only',
    );
  });

  it('hides other organisations from reads, lists, signing, copies, moves and removes', async () => {
    const store = alice.storage.from('org-files');
    const secret = `${ORG2}/secret.txt`;
    expect((await store.download(secret)).error).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });
    expect((await store.info(secret)).error).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });
    expect((await store.exists(secret)).data).toBe(false);
    expect((await store.createSignedUrl(secret, 60)).error).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });
    const batch = await store.createSignedUrls([secret, `${ORG1}/plan.txt`], 60);
    expect(batch.data!.map((e) => [e.path, e.error])).toEqual([
      [secret, 'Either the object does not exist or you do not have access to it'],
      [`${ORG1}/plan.txt`, null],
    ]);
    expect((await store.list(ORG2)).data).toEqual([]);
    expect((await store.list('')).data!.map((e) => e.name)).toEqual([ORG1]);
    expect((await store.copy(secret, `${ORG1}/stolen.txt`)).error).toMatchObject({
      statusCode: '404',
      code: 'NoSuchKey',
    });
    expect((await store.move(secret, `${ORG1}/stolen.txt`)).error).toMatchObject({
      statusCode: '404',
      code: 'NoSuchKey',
    });
    expect(await store.remove([secret])).toEqual({ data: [], error: null });
    expect(await stack.sql(`select name from storage.objects where name = '${secret}'`)).toEqual([{ name: secret }]);
  });

  it('refuses moving or copying a member file into another organisation', async () => {
    const store = alice.storage.from('org-files');
    await store.upload(`${ORG1}/report.txt`, 'report');
    const move = await store.move(`${ORG1}/report.txt`, `${ORG2}/report.txt`);
    expect(move.error).toMatchObject({ statusCode: '403', code: 'AccessDenied' });
    const copy = await store.copy(`${ORG1}/report.txt`, `${ORG2}/report.txt`);
    expect(copy.error).toMatchObject({ statusCode: '403', code: 'AccessDenied' });
    expect(await stack.sql(`select name from storage.objects where name like '%/report.txt'`)).toEqual([
      { name: `${ORG1}/report.txt` },
    ]);
    // within the organisation both work
    expect((await store.move(`${ORG1}/report.txt`, `${ORG1}/archive/report.txt`)).error).toBeNull();
    expect((await store.copy(`${ORG1}/archive/report.txt`, `${ORG1}/report-copy.txt`)).error).toBeNull();
    const removed = await store.remove([`${ORG1}/report-copy.txt`]);
    expect(removed.data!.map((r) => r.name)).toEqual([`${ORG1}/report-copy.txt`]);
  });

  it('gives the other organisation the mirror image, and anonymous callers nothing', async () => {
    expect(await (await bob.storage.from('org-files').download(`${ORG2}/secret.txt`)).data!.text()).toBe(
      'org two only',
    );
    expect((await bob.storage.from('org-files').download(`${ORG1}/plan.txt`)).error).toMatchObject({
      code: 'NoSuchKey',
    });
    expect((await bob.storage.from('org-files').list('')).data!.map((e) => e.name)).toEqual([ORG2]);
    expect((await anon.storage.from('org-files').list('')).data).toEqual([]);
    expect((await anon.storage.from('org-files').download(`${ORG1}/plan.txt`)).error).toMatchObject({
      code: 'NoSuchKey',
    });
    expect((await anon.storage.from('org-files').upload(`${ORG1}/anon.txt`, 'x')).error).toMatchObject({
      statusCode: '403',
      code: 'AccessDenied',
    });
  });
});

describe('a real Auth session', () => {
  it('carries the signed-in user into the policies', async () => {
    const email = `member-${crypto.randomUUID()}@example.com`;
    const created = await admin.auth.admin.createUser({ email, password: 'correct horse', email_confirm: true });
    expect(created.error).toBeNull();
    const userId = created.data.user!.id;
    await stack.sql(`insert into storage_fixture.memberships values ('${ORG1}', '${userId}')`);
    const user = client(stack.anonKey);
    const signedIn = await user.auth.signInWithPassword({ email, password: 'correct horse' });
    expect(signedIn.error).toBeNull();
    const up = await user.storage.from('org-files').upload(`${ORG1}/from-session.txt`, 'session');
    expect(up.error).toBeNull();
    expect(await stack.sql(`select owner::text from storage.objects where name = '${ORG1}/from-session.txt'`)).toEqual([
      { owner: userId },
    ]);
    expect((await user.storage.from('org-files').upload(`${ORG2}/from-session.txt`, 'x')).error).toMatchObject({
      statusCode: '403',
      code: 'AccessDenied',
    });
  });
});

describe('signed URLs', () => {
  it('work until they expire and not after, whoever holds them', async () => {
    const signed = await alice.storage.from('org-files').createSignedUrl(`${ORG1}/plan.txt`, 2);
    expect(signed.error).toBeNull();
    const url = signed.data!.signedUrl;
    const exp = JSON.parse(
      Buffer.from(new URL(url).searchParams.get('token')!.split('.')[1]!, 'base64url').toString(),
    ) as {
      exp: number;
      url: string;
    };
    expect(exp.url).toBe(`org-files/${ORG1}/plan.txt`);
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('v3');
    // the token alone authorizes: no key, no session
    await new Promise((r) => setTimeout(r, Math.max(0, exp.exp * 1000 - Date.now()) + 1100));
    const late = await fetch(url);
    expect(late.status).toBe(400);
    expect(await late.json()).toEqual({
      statusCode: '400',
      code: 'InvalidJWT',
      error: 'InvalidJWT',
      message: '"exp" claim timestamp check failed',
    });
  });
});

describe('object names cannot escape the storage directory', () => {
  const service = () => ({
    apikey: stack.serviceRoleKey,
    authorization: `Bearer ${stack.serviceRoleKey}`,
    'content-type': 'text/plain',
  });

  it('refuses dot segments, even percent-encoded in the URL', async () => {
    for (const rawKey of ['..%2F..%2Fescape.txt', '%2E%2E/%2E%2E/escape.txt', 'a/%2E/escape.txt']) {
      const res = await rawRequest('POST', `/storage/v1/object/org-files/${rawKey}`, 'escaped', service());
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ statusCode: '400', code: 'InvalidKey', error: 'InvalidKey' });
      expect((res.json as { message: string }).message).toMatch(
        /^Invalid key: .*escape\.txt contains dot path segment$/,
      );
    }
    const move = await admin.storage.from('org-files').move(`${ORG2}/secret.txt`, '../../escape.txt');
    expect(move.error).toMatchObject({
      statusCode: '400',
      code: 'InvalidKey',
      message: 'Invalid key: ../../escape.txt contains dot path segment',
    });
    const copy = await admin.storage.from('org-files').copy(`${ORG2}/secret.txt`, 'a/./escape.txt');
    expect(copy.error).toMatchObject({ statusCode: '400', code: 'InvalidKey' });
    expect(await stack.sql(`select name from storage.objects where name like '%escape%'`)).toEqual([]);
    expect(filesUnder(path.join(stack.dataDir, 'storage')).filter((f) => f.endsWith('escape.txt'))).toEqual([]);
    for (const dir of [stack.dataDir, path.dirname(stack.dataDir), path.join(stack.dataDir, 'storage')]) {
      expect(fs.existsSync(path.join(dir, 'escape.txt'))).toBe(false);
    }
  });

  it('refuses characters outside storage-api key set', async () => {
    const store = admin.storage.from('org-files');
    for (const key of ['é.txt', 'pipe|.txt', 'quote".txt', '<tag>.txt', 'cur{ly}.txt']) {
      const r = await store.upload(key, 'x');
      expect(r.error).toMatchObject({ statusCode: '400', code: 'InvalidKey', message: `Invalid key: ${key}` });
    }
    // fetch turns a backslash into '/', so send one as written
    const res = await rawRequest('POST', '/storage/v1/object/org-files/a\\..\\..\\b.txt', 'x', service());
    expect(res.json).toMatchObject({ statusCode: '400', code: 'InvalidKey', message: 'Invalid key: a\\..\\..\\b.txt' });
    expect(await stack.sql(`select count(*)::int as n from storage.objects where name not like '%/%'`)).toEqual([
      { n: 0 },
    ]);
  });

  it('keeps absolute-looking names as plain keys, stored by version id', async () => {
    const res = await rawRequest('POST', '/storage/v1/object/org-files//etc/hosts', 'not the hosts file', service());
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ Key: 'org-files//etc/hosts' });
    const [row] = await stack.sql<{ version: string }>(`select version from storage.objects where name = '/etc/hosts'`);
    const blob = path.join(stack.dataDir, 'storage', 'objects', row!.version.slice(0, 2), row!.version);
    expect(fs.readFileSync(blob, 'utf8')).toBe('not the hosts file');
    expect(fs.readFileSync('/etc/hosts', 'utf8')).not.toBe('not the hosts file');
    for (const f of filesUnder(path.join(stack.dataDir, 'storage', 'objects'))) {
      expect(path.basename(f)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});

describe('large files', () => {
  it('round-trips 50 MiB byte for byte and refuses one byte more', async () => {
    await admin.storage.createBucket('big');
    const size = 50 * 1024 * 1024; // the CLI's default file_size_limit, exactly
    const bytes = crypto.randomBytes(size);
    const up = await admin.storage.from('big').upload('blob.bin', bytes, { contentType: 'application/octet-stream' });
    expect(up.error).toBeNull();
    const down = await admin.storage.from('big').download('blob.bin');
    expect(down.error).toBeNull();
    const back = new Uint8Array(await down.data!.arrayBuffer());
    expect(back.length).toBe(size);
    expect(sha256(back)).toBe(sha256(bytes));
    const [row] = await stack.sql(`select metadata->'size' as size from storage.objects where bucket_id = 'big'`);
    expect(row).toEqual({ size: 52428800 });

    const tooBig = await admin.storage
      .from('big')
      .upload('too-big.bin', Buffer.concat([bytes, Buffer.from([0])]), { contentType: 'application/octet-stream' });
    expect(tooBig.error).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' });
    const formTooBig = await admin.storage
      .from('big')
      .upload('too-big-form.bin', new Blob([bytes, new Uint8Array([0])]));
    expect(formTooBig.error).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' });
    expect(await stack.sql(`select name from storage.objects where bucket_id = 'big'`)).toEqual([{ name: 'blob.bin' }]);
    expect(filesUnder(path.join(stack.dataDir, 'storage', 'tmp'))).toEqual([]);
  });
});
