// Storage through the unmodified storage-js (via supabase-js) against the local
// stack: buckets, uploads in both encodings, downloads, listing, move/copy/remove,
// info/exists, signed and public URLs, limits and storage-api's error shapes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signJwtSync } from '../../stack/jwt.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let admin: SupabaseClient;

function client(key: string, accessToken?: string): SupabaseClient {
  return createClient(stack.url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
    ...(accessToken ? { accessToken: async () => accessToken } : {}),
  });
}

function userToken(sub: string, exp = Math.floor(Date.now() / 1000) + 3600): string {
  return signJwtSync({ sub, role: 'authenticated', aud: 'authenticated', exp }, stack.jwtSecret);
}

async function raw(path: string, init: RequestInit & { key?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.key) {
    headers.set('apikey', init.key);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${init.key}`);
  }
  return fetch(`${stack.url}/storage/v1${path}`, { ...init, headers });
}

beforeAll(async () => {
  stack = await startTestStack({ projectMigrations: false });
  admin = client(stack.serviceRoleKey);
});
afterAll(async () => {
  await stack?.stop();
});

describe('buckets', () => {
  it('creates, reads, lists, updates and deletes buckets', async () => {
    expect(await admin.storage.createBucket('docs')).toEqual({ data: { name: 'docs' }, error: null });
    expect(
      await admin.storage.createBucket('avatars', {
        public: true,
        fileSizeLimit: '1MB',
        allowedMimeTypes: ['image/png', 'image/*'],
      }),
    ).toEqual({ data: { name: 'avatars' }, error: null });

    const got = await admin.storage.getBucket('avatars');
    expect(got.error).toBeNull();
    expect(got.data).toMatchObject({
      id: 'avatars',
      name: 'avatars',
      owner: '',
      public: true,
      file_size_limit: 1000000,
      allowed_mime_types: ['image/png', 'image/*'],
    });
    expect(got.data!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Object.keys(got.data!).sort()).toEqual(
      ['allowed_mime_types', 'created_at', 'file_size_limit', 'id', 'name', 'owner', 'public', 'updated_at'].sort(),
    );

    const list = await admin.storage.listBuckets({ sortColumn: 'name', sortOrder: 'asc' });
    expect(list.data!.map((b) => [b.id, b.public, b.type])).toEqual([
      ['avatars', true, 'STANDARD'],
      ['docs', false, 'STANDARD'],
    ]);
    const searched = await admin.storage.listBuckets({ search: 'OC' });
    expect(searched.data!.map((b) => b.id)).toEqual(['docs']);
    const paged = await admin.storage.listBuckets({ sortColumn: 'name', sortOrder: 'desc', limit: 1, offset: 1 });
    expect(paged.data!.map((b) => b.id)).toEqual(['avatars']);

    expect(await admin.storage.updateBucket('docs', { public: true, fileSizeLimit: 2048 })).toEqual({
      data: { message: 'Successfully updated' },
      error: null,
    });
    const [row] = await stack.sql(`select public, file_size_limit from storage.buckets where id = 'docs'`);
    expect(row).toEqual({ public: true, file_size_limit: '2048' });

    await admin.storage.from('docs').upload('x.txt', 'x');
    const notEmpty = await admin.storage.deleteBucket('docs');
    expect(notEmpty.error).toMatchObject({
      status: 400,
      statusCode: '409',
      code: 'ResourceNotEmpty',
      message: 'The bucket you tried to delete is not empty',
    });
    expect(await admin.storage.emptyBucket('docs')).toEqual({
      data: { message: 'Empty bucket has been queued. Completion may take up to an hour.' },
      error: null,
    });
    expect(await stack.sql(`select name from storage.objects where bucket_id = 'docs'`)).toEqual([]);
    expect(await admin.storage.deleteBucket('docs')).toEqual({
      data: { message: 'Successfully deleted' },
      error: null,
    });
    expect(await stack.sql(`select id from storage.buckets where id = 'docs'`)).toEqual([]);
  });

  it('answers bucket errors with storage-api bodies', async () => {
    await admin.storage.createBucket('dupe');
    const dupe = await admin.storage.createBucket('dupe');
    expect(dupe.error).toMatchObject({ status: 400, statusCode: '409', code: 'BucketAlreadyExists' });
    expect(dupe.error!.message).toBe('The resource already exists');

    const missing = await admin.storage.getBucket('nope');
    expect(missing.error).toMatchObject({
      status: 400,
      statusCode: '404',
      code: 'NoSuchBucket',
      message: 'Bucket not found',
    });

    const badName = await admin.storage.createBucket('bad/name');
    expect(badName.error).toMatchObject({
      statusCode: '400',
      code: 'InvalidBucketName',
      message: 'Bucket name invalid',
    });

    const tooBig = await admin.storage.createBucket('huge', { public: false, fileSizeLimit: '1GB' });
    expect(tooBig.error).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' });

    const badMime = await admin.storage.createBucket('mimes', { public: false, allowedMimeTypes: ['not a mime'] });
    expect(badMime.error).toMatchObject({
      statusCode: '415',
      code: 'InvalidMimeType',
      message: 'mime type not a mime is not supported',
    });

    // Without policies on storage.buckets, a signed-in user sees no bucket and cannot create one.
    const user = client(stack.anonKey, userToken(crypto.randomUUID()));
    expect((await user.storage.listBuckets()).data).toEqual([]);
    const denied = await user.storage.createBucket('mine');
    expect(denied.error).toMatchObject({
      status: 400,
      statusCode: '403',
      code: 'AccessDenied',
      message: 'new row violates row-level security policy',
    });
  });
});

describe('objects', () => {
  beforeAll(async () => {
    await admin.storage.createBucket('files');
    await admin.storage.createBucket('other');
  });

  it('uploads raw bodies and multipart forms, and downloads them', async () => {
    const store = admin.storage.from('files');
    const up = await store.upload('dir/hello.txt', 'hello world');
    expect(up.error).toBeNull();
    expect(up.data).toMatchObject({ path: 'dir/hello.txt', fullPath: 'files/dir/hello.txt' });
    const [row] = await stack.sql<{ id: string; owner: string | null; metadata: Record<string, unknown> }>(
      `select id, owner, metadata from storage.objects where bucket_id = 'files' and name = 'dir/hello.txt'`,
    );
    expect(up.data!.id).toBe(row!.id);
    expect(row!.owner).toBeNull();
    expect(row!.metadata).toMatchObject({
      eTag: '"5eb63bbbe01eeed093cb22bb8f5acdc3"',
      size: 11,
      mimetype: 'text/plain;charset=UTF-8',
      cacheControl: 'max-age=3600',
      contentLength: 11,
      httpStatusCode: 200,
    });

    const down = await store.download('dir/hello.txt');
    expect(down.error).toBeNull();
    expect(await down.data!.text()).toBe('hello world');

    const form = await store.upload(
      'dir/data.bin',
      new Blob([new Uint8Array([1, 2, 3, 4])], { type: 'application/x-test' }),
      {
        cacheControl: '60',
        metadata: { source: 'test', nested: { a_b: 1 } },
      },
    );
    expect(form.error).toBeNull();
    const info = await store.info('dir/data.bin');
    expect(info.error).toBeNull();
    expect(info.data).toMatchObject({
      name: 'dir/data.bin',
      bucketId: 'files',
      size: 4,
      contentType: 'application/x-test',
      cacheControl: 'max-age=60',
      etag: '"08d6c05a21512a79a1dfeb9d2a8f262f"',
      metadata: { source: 'test', nested: { aB: 1 } },
    });

    const res = await raw('/object/files/dir/data.bin', { key: stack.serviceRoleKey });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-test');
    expect(res.headers.get('cache-control')).toBe('max-age=60');
    expect(res.headers.get('etag')).toBe('"08d6c05a21512a79a1dfeb9d2a8f262f"');
    expect(res.headers.get('content-length')).toBe('4');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 4]));
  });

  it('refuses a second upload without upsert and replaces with upsert or update', async () => {
    const store = admin.storage.from('files');
    await store.upload('v.txt', 'one');
    const again = await store.upload('v.txt', 'two');
    expect(again.error).toMatchObject({
      status: 400,
      statusCode: '409',
      code: 'KeyAlreadyExists',
      message: 'The resource already exists',
    });
    const [before] = await stack.sql<{ id: string; version: string }>(
      `select id, version from storage.objects where bucket_id = 'files' and name = 'v.txt'`,
    );
    expect((await store.upload('v.txt', 'three', { upsert: true })).error).toBeNull();
    expect(await (await store.download('v.txt')).data!.text()).toBe('three');
    expect((await store.update('v.txt', 'four')).error).toBeNull();
    expect(await (await store.download('v.txt')).data!.text()).toBe('four');
    const [after] = await stack.sql<{ id: string; version: string }>(
      `select id, version from storage.objects where bucket_id = 'files' and name = 'v.txt'`,
    );
    expect(after!.id).toBe(before!.id);
    expect(after!.version).not.toBe(before!.version);
    // update() of a missing key creates it
    expect((await store.update('fresh.txt', 'new')).error).toBeNull();
    expect(await (await store.download('fresh.txt')).data!.text()).toBe('new');
  });

  it('serves byte ranges, conditional requests and download names', async () => {
    await admin.storage.from('files').upload('range.txt', '0123456789');
    const partial = await raw('/object/files/range.txt', {
      key: stack.serviceRoleKey,
      headers: { range: 'bytes=2-5' },
    });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await partial.text()).toBe('2345');
    const suffix = await raw('/object/files/range.txt', { key: stack.serviceRoleKey, headers: { range: 'bytes=-3' } });
    expect(await suffix.text()).toBe('789');
    const bad = await raw('/object/files/range.txt', { key: stack.serviceRoleKey, headers: { range: 'bytes=20-30' } });
    expect(bad.status).toBe(416);
    expect(await bad.json()).toEqual({
      statusCode: '416',
      code: 'InvalidRange',
      error: 'invalid_range',
      message: 'invalid range provided',
    });
    const etag = partial.headers.get('etag')!;
    const cached = await raw('/object/files/range.txt', {
      key: stack.serviceRoleKey,
      headers: { 'if-none-match': etag },
    });
    expect(cached.status).toBe(304);
    const named = await raw('/object/files/range.txt?download=r%C3%A9sum%C3%A9.txt', { key: stack.serviceRoleKey });
    expect(named.headers.get('content-disposition')).toBe(
      "attachment; filename=r%C3%A9sum%C3%A9.txt; filename*=UTF-8''r%C3%A9sum%C3%A9.txt",
    );
    const plain = await raw('/object/files/range.txt?download', { key: stack.serviceRoleKey });
    expect(plain.headers.get('content-disposition')).toBe('attachment;');
    const headRes = await raw('/object/files/range.txt', { key: stack.serviceRoleKey, method: 'HEAD' });
    expect(headRes.status).toBe(200);
    expect(headRes.headers.get('content-length')).toBe('10');
  });

  it('lists one level with prefix, search, sort, limit and offset', async () => {
    const store = admin.storage.from('files');
    for (const name of ['list/b.txt', 'list/A.txt', 'list/c.txt', 'list/sub/deep.txt', 'list/sub/more/x.txt']) {
      expect((await store.upload(name, name)).error).toBeNull();
    }
    const all = await store.list('list');
    expect(all.error).toBeNull();
    expect(all.data!.map((e) => [e.name, e.id === null])).toEqual([
      ['A.txt', false],
      ['b.txt', false],
      ['c.txt', false],
      ['sub', true],
    ]);
    const folder = all.data!.find((e) => e.name === 'sub')!;
    expect(folder).toEqual({
      name: 'sub',
      id: null,
      updated_at: null,
      created_at: null,
      last_accessed_at: null,
      metadata: null,
    });
    expect((await store.list('list/sub')).data!.map((e) => e.name)).toEqual(['deep.txt', 'more']);
    expect((await store.list('list', { search: 'B' })).data!.map((e) => e.name)).toEqual(['b.txt']);
    expect((await store.list('list', { limit: 2, offset: 1 })).data!.map((e) => e.name)).toEqual(['b.txt', 'c.txt']);
    expect((await store.list('list', { sortBy: { column: 'name', order: 'desc' } })).data!.map((e) => e.name)).toEqual([
      'sub',
      'c.txt',
      'b.txt',
      'A.txt',
    ]);
    expect(
      (await store.list('list', { sortBy: { column: 'created_at', order: 'asc' } })).data!.map((e) => e.name),
    ).toEqual(['sub', 'b.txt', 'A.txt', 'c.txt']);
    expect((await store.list('missing-folder')).data).toEqual([]);
  });

  it('pages through list-v2 with and without folders', async () => {
    const store = admin.storage.from('files');
    for (const name of ['v2/a.txt', 'v2/b.txt', 'v2/c/one.txt', 'v2/c/two.txt', 'v2/d.txt']) {
      expect((await store.upload(name, name)).error).toBeNull();
    }
    const page1 = await store.listV2({ prefix: 'v2/', with_delimiter: true, limit: 2 } as never);
    expect(page1.error).toBeNull();
    const p1 = page1.data as unknown as {
      hasNext: boolean;
      nextCursor: string;
      folders: { name: string }[];
      objects: { name: string }[];
    };
    expect(p1.hasNext).toBe(true);
    expect(p1.objects.map((o) => o.name)).toEqual(['v2/a.txt', 'v2/b.txt']);
    const page2 = await store.listV2({ prefix: 'v2/', with_delimiter: true, limit: 2, cursor: p1.nextCursor } as never);
    const p2 = page2.data as unknown as typeof p1;
    expect(p2.folders.map((f) => f.name)).toEqual(['v2/c/']);
    expect(p2.objects.map((o) => o.name)).toEqual(['v2/d.txt']);
    expect(p2.hasNext).toBe(false);

    const flat = await store.listV2({ prefix: 'v2/c/' } as never);
    const f = flat.data as unknown as typeof p1;
    expect(f.folders).toEqual([]);
    expect(f.objects.map((o) => o.name)).toEqual(['v2/c/one.txt', 'v2/c/two.txt']);
  });

  it('moves, copies and removes', async () => {
    const store = admin.storage.from('files');
    await store.upload('mv/src.txt', 'moving');
    expect(await store.move('mv/src.txt', 'mv/dst.txt')).toEqual({
      data: { message: 'Successfully moved' },
      error: null,
    });
    expect(await (await store.download('mv/dst.txt')).data!.text()).toBe('moving');
    expect((await store.download('mv/src.txt')).error).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });

    const copied = await store.copy('mv/dst.txt', 'mv/copy.txt');
    expect(copied).toEqual({ data: { path: 'files/mv/copy.txt' }, error: null });
    const across = await store.copy('mv/dst.txt', 'elsewhere/copy.txt', { destinationBucket: 'other' });
    expect(across).toEqual({ data: { path: 'other/elsewhere/copy.txt' }, error: null });
    expect(await (await admin.storage.from('other').download('elsewhere/copy.txt')).data!.text()).toBe('moving');
    const dupe = await store.copy('mv/dst.txt', 'mv/copy.txt');
    expect(dupe.error).toMatchObject({ statusCode: '409', code: 'KeyAlreadyExists' });
    await store.upload('mv/taken.txt', 'taken');
    const onto = await store.move('mv/dst.txt', 'mv/taken.txt');
    expect(onto.error).toMatchObject({ statusCode: '409', code: 'ResourceAlreadyExists' });
    const gone = await store.move('mv/nothing.txt', 'mv/x.txt');
    expect(gone.error).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });

    const removed = await store.remove(['mv/dst.txt', 'mv/never-existed.txt']);
    expect(removed.error).toBeNull();
    expect(removed.data!.map((r) => r.name)).toEqual(['mv/dst.txt']);
    expect(Object.keys(removed.data![0]!)).toEqual([
      'name',
      'bucket_id',
      'owner',
      'owner_id',
      'version',
      'id',
      'updated_at',
      'created_at',
      'last_accessed_at',
      'metadata',
      'user_metadata',
    ]);
    // the copy keeps its own bytes after the original is gone
    expect(await (await store.download('mv/copy.txt')).data!.text()).toBe('moving');
    expect(
      await stack.sql(`select name from storage.objects where bucket_id = 'files' and name like 'mv/%' order by name`),
    ).toEqual([{ name: 'mv/copy.txt' }, { name: 'mv/taken.txt' }]);
  });

  it('reports info and existence', async () => {
    const store = admin.storage.from('files');
    await store.upload('exists.txt', 'yes');
    expect(await store.exists('exists.txt')).toEqual({ data: true, error: null });
    const no = await store.exists('does-not.txt');
    expect(no.data).toBe(false);
    expect(no.error).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });
    const info = await store.info('exists.txt');
    expect(Object.keys(info.data!).sort()).toEqual(
      [
        'bucketId',
        'cacheControl',
        'contentType',
        'createdAt',
        'etag',
        'id',
        'lastModified',
        'metadata',
        'name',
        'size',
        'version',
      ].sort(),
    );
  });

  it('enforces bucket size limits and allowed MIME types', async () => {
    await admin.storage.createBucket('limited', {
      public: false,
      fileSizeLimit: 10,
      allowedMimeTypes: ['text/*', 'image/png'],
    });
    const store = admin.storage.from('limited');
    expect((await store.upload('ok.txt', '0123456789')).error).toBeNull();
    const big = await store.upload('big.txt', '01234567890');
    expect(big.error).toMatchObject({
      status: 400,
      statusCode: '413',
      code: 'EntityTooLarge',
      message: 'The object exceeded the maximum allowed size',
    });
    const bigForm = await store.upload('big-form.txt', new Blob(['01234567890'], { type: 'text/plain' }));
    expect(bigForm.error).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' });
    const wrong = await store.upload('pic.jpg', Buffer.from([1, 2, 3]), { contentType: 'image/jpeg' });
    expect(wrong.error).toMatchObject({
      statusCode: '415',
      code: 'InvalidMimeType',
      message: 'mime type image/jpeg is not supported',
    });
    expect((await store.upload('pic.png', Buffer.from([1, 2, 3]), { contentType: 'image/png' })).error).toBeNull();
    expect(await stack.sql(`select name from storage.objects where bucket_id = 'limited' order by name`)).toEqual([
      { name: 'ok.txt' },
      { name: 'pic.png' },
    ]);
  });

  it('streams chunked bodies and cuts them at the limit', async () => {
    const chunks = () => Readable.from([Buffer.from('stream'), Buffer.from('ed '), Buffer.from('body')]);
    const streamed = await admin.storage.from('files').upload('streamed.txt', chunks(), { contentType: 'text/plain' });
    expect(streamed.error).toBeNull();
    expect(await (await admin.storage.from('files').download('streamed.txt')).data!.text()).toBe('streamed body');
    // a chunked body has no Content-Length to refuse up front; it is counted as it arrives
    const over = await admin.storage.from('limited').upload('chunked.txt', chunks(), { contentType: 'text/plain' });
    expect(over.error).toMatchObject({ status: 400, statusCode: '413', code: 'EntityTooLarge' });
    expect(await stack.sql(`select name from storage.objects where name = 'chunked.txt'`)).toEqual([]);
  });

  it('serves HTML as plain text and refuses uploads to a missing bucket', async () => {
    await admin.storage.from('files').upload('page.html', '<script>alert(1)</script>', { contentType: 'text/html' });
    const res = await raw('/object/files/page.html', { key: stack.serviceRoleKey });
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('x-robots-tag')).toBe('none');
    const missing = await admin.storage.from('no-such-bucket').upload('a.txt', 'a');
    expect(missing.error).toMatchObject({ statusCode: '404', code: 'NoSuchBucket' });
  });

  it('sorts list-v2 by time with a cursor, and deletes single objects by URL', async () => {
    const store = admin.storage.from('files');
    for (const name of ['t/3.txt', 't/1.txt', 't/2.txt']) expect((await store.upload(name, name)).error).toBeNull();
    const opts = { prefix: 't/', with_delimiter: true, limit: 2, sortBy: { column: 'created_at', order: 'desc' } };
    const p1 = (await store.listV2(opts as never)).data as unknown as {
      hasNext: boolean;
      nextCursor: string;
      objects: { name: string }[];
    };
    expect(p1.objects.map((o) => o.name)).toEqual(['t/2.txt', 't/1.txt']);
    expect(p1.hasNext).toBe(true);
    const p2 = (await store.listV2({ ...opts, cursor: p1.nextCursor } as never)).data as unknown as typeof p1;
    expect(p2.objects.map((o) => o.name)).toEqual(['t/3.txt']);
    expect(p2.hasNext).toBe(false);

    const del = await raw('/object/files/t/1.txt', { key: stack.serviceRoleKey, method: 'DELETE' });
    expect(await del.json()).toEqual({ message: 'Successfully deleted' });
    expect(await stack.sql(`select name from storage.objects where name like 't/%' order by name`)).toEqual([
      { name: 't/2.txt' },
      { name: 't/3.txt' },
    ]);
  });

  it('leaves nothing behind when the client drops an upload halfway', async () => {
    const url = new URL(stack.url);
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/storage/v1/object/files/dropped.bin',
        headers: {
          authorization: `Bearer ${stack.serviceRoleKey}`,
          'content-type': 'application/octet-stream',
          'content-length': 1024 * 1024,
        },
      });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(64 * 1024, 1), () => setTimeout(() => req.destroy(), 200));
      req.on('close', () => resolve());
    });
    const tmp = path.join(stack.dataDir, 'storage', 'tmp');
    for (let i = 0; i < 50 && fs.readdirSync(tmp).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(fs.readdirSync(tmp)).toEqual([]);
    expect(await stack.sql(`select name from storage.objects where name = 'dropped.bin'`)).toEqual([]);
  });

  it('signs download URLs, singly and in batches', async () => {
    const store = admin.storage.from('files');
    await store.upload('signed/a b.txt', 'signed content');
    const single = await store.createSignedUrl('signed/a b.txt', 60);
    expect(single.error).toBeNull();
    expect(single.data!.signedUrl).toMatch(
      new RegExp(`^${stack.url}/storage/v1/object/sign/files/signed/a%20b\\.txt\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`),
    );
    const res = await fetch(single.data!.signedUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('signed content');
    expect(res.headers.get('expires')).not.toBeNull();
    expect(res.headers.get('cache-control')).toBeNull();

    const named = await store.createSignedUrl('signed/a b.txt', 60, { download: 'report.txt' });
    const namedRes = await fetch(named.data!.signedUrl);
    expect(namedRes.headers.get('content-disposition')).toBe(
      "attachment; filename=report.txt; filename*=UTF-8''report.txt",
    );

    const batch = await store.createSignedUrls(['signed/a b.txt', 'signed/missing.txt'], 60);
    expect(batch.error).toBeNull();
    expect(batch.data![0]).toMatchObject({ error: null, path: 'signed/a b.txt' });
    expect(batch.data![1]).toEqual({
      error: 'Either the object does not exist or you do not have access to it',
      path: 'signed/missing.txt',
      signedURL: null,
      signedUrl: null,
    });
    expect(await (await fetch(batch.data![0]!.signedUrl!)).text()).toBe('signed content');

    // A token is bound to its path.
    const token = new URL(single.data!.signedUrl).searchParams.get('token')!;
    const other = await raw(`/object/sign/files/exists.txt?token=${token}`);
    expect(other.status).toBe(400);
    expect(await other.json()).toEqual({
      statusCode: '400',
      code: 'InvalidSignature',
      error: 'InvalidSignature',
      message: 'Invalid signature',
    });
    const forged = await raw(`/object/sign/files/signed/a%20b.txt?token=${token.slice(0, -2)}xx`);
    expect(await forged.json()).toMatchObject({
      statusCode: '400',
      code: 'InvalidJWT',
      message: 'signature verification failed',
    });

    const missing = await store.createSignedUrl('signed/missing.txt', 60);
    expect(missing.error).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });
    const badExpiry = await raw('/object/sign/files/signed/a%20b.txt', {
      key: stack.serviceRoleKey,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ expiresIn: 0 }),
    });
    expect(badExpiry.status).toBe(400);
    expect(await badExpiry.json()).toEqual({
      statusCode: '400',
      code: 'InvalidRequest',
      error: 'Error',
      message: 'body/expiresIn must be >= 1',
    });
  });

  it('signs upload URLs that write once (or keep writing with upsert)', async () => {
    const store = admin.storage.from('files');
    const signed = await store.createSignedUploadUrl('uploads/one.txt');
    expect(signed.error).toBeNull();
    expect(signed.data!.path).toBe('uploads/one.txt');
    const anon = client(stack.anonKey).storage.from('files');
    const put = await anon.uploadToSignedUrl('uploads/one.txt', signed.data!.token, 'first');
    expect(put).toEqual({ data: { path: 'uploads/one.txt', fullPath: 'files/uploads/one.txt' }, error: null });
    expect(await (await store.download('uploads/one.txt')).data!.text()).toBe('first');
    const second = await anon.uploadToSignedUrl('uploads/one.txt', signed.data!.token, 'second');
    expect(second.error).toMatchObject({ statusCode: '409', code: 'KeyAlreadyExists' });

    const again = await store.createSignedUploadUrl('uploads/one.txt', { upsert: true });
    expect((await anon.uploadToSignedUrl('uploads/one.txt', again.data!.token, 'third')).error).toBeNull();
    expect(await (await store.download('uploads/one.txt')).data!.text()).toBe('third');

    const wrongPath = await anon.uploadToSignedUrl('uploads/other.txt', again.data!.token, 'x');
    expect(wrongPath.error).toMatchObject({ statusCode: '400', code: 'InvalidSignature' });
  });

  it('serves public buckets without a key and hides private ones', async () => {
    await admin.storage.createBucket('pub', { public: true });
    await admin.storage.from('pub').upload('logo.txt', 'public bytes');
    const url = admin.storage.from('pub').getPublicUrl('logo.txt').data.publicUrl;
    expect(url).toBe(`${stack.url}/storage/v1/object/public/pub/logo.txt`);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('public bytes');
    // authenticated download of a public bucket needs no SELECT policy
    const user = client(stack.anonKey, userToken(crypto.randomUUID()));
    expect(await (await user.storage.from('pub').download('logo.txt')).data!.text()).toBe('public bytes');

    const priv = await fetch(admin.storage.from('files').getPublicUrl('exists.txt').data.publicUrl);
    expect(priv.status).toBe(400);
    expect(await priv.json()).toEqual({
      statusCode: '404',
      code: 'NoSuchBucket',
      error: 'Bucket not found',
      message: 'Bucket not found',
    });
    // no token at all on a private bucket: the bucket is not found
    const anonymous = await fetch(`${stack.url}/storage/v1/object/files/exists.txt`);
    expect(await anonymous.json()).toMatchObject({ statusCode: '404', code: 'NoSuchBucket' });
  });

  it('answers auth failures and unknown routes like storage-api', async () => {
    const noAuth = await fetch(`${stack.url}/storage/v1/bucket`);
    expect(noAuth.status).toBe(400);
    expect(await noAuth.json()).toEqual({
      statusCode: '400',
      code: 'InvalidRequest',
      error: 'Error',
      message: "headers must have required property 'authorization'",
    });
    const expired = client(stack.anonKey, userToken(crypto.randomUUID(), Math.floor(Date.now() / 1000) - 10));
    const exp = await expired.storage.listBuckets();
    expect(exp.error).toMatchObject({
      status: 400,
      statusCode: '403',
      code: 'AccessDenied',
      message: '"exp" claim timestamp check failed',
    });
    const garbage = await raw('/bucket', { headers: { authorization: 'Bearer not-a-jwt' } });
    expect(await garbage.json()).toMatchObject({
      statusCode: '403',
      code: 'AccessDenied',
      message: 'Invalid Compact JWS',
    });
    // opaque keys are translated by the gateway
    const secret = client(stack.config.secretKey);
    expect((await secret.storage.getBucket('files')).data?.id).toBe('files');

    // image transformations are off locally, so their routes do not exist
    const unknown = await raw('/render/image/authenticated/files/x.png?width=10', { key: stack.serviceRoleKey });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      statusCode: '404',
      code: 'InvalidRequest',
      error: 'Not Found',
      message: 'Route GET:/render/image/authenticated/files/x.png?width=10 not found',
    });
  });
});

describe('storage schema', () => {
  it('provides the path helpers policies use', async () => {
    const [row] = await stack.sql(
      `select storage.foldername('a/b/c.png') as f1, storage.foldername('c.png') as f2,
              storage.filename('a/b/c.png') as n1, storage.filename('a/b/') as n2,
              storage.extension('x.tar.gz') as e1, storage.extension('README') as e2`,
    );
    expect(row).toEqual({ f1: ['a', 'b'], f2: [], n1: 'c.png', n2: '', e1: 'gz', e2: 'README' });
  });

  it('lets the postgres login write policies and buckets, and keeps rows deletable only through the API', async () => {
    const c = new pg.Client({ connectionString: stack.dbUrl });
    await c.connect();
    try {
      await c.query(`insert into storage.buckets (id, name, public) values ('from-migration', 'from-migration', true)`);
      await c.query(
        `create policy "migration policy" on storage.objects for select to authenticated using (bucket_id = 'from-migration')`,
      );
      await admin.storage.from('from-migration').upload('keep.txt', 'k');
      await expect(c.query(`delete from storage.objects where bucket_id = 'from-migration'`)).rejects.toThrow(
        'Direct deletion from storage tables is not allowed. Use the Storage API instead.',
      );
      // owning storage through supabase_storage_admin must not lead on to the superuser
      await expect(c.query('set role supabase_admin')).rejects.toThrow('permission denied to set role "supabase_admin"');
    } finally {
      await c.end();
    }
    const [owner] = await stack.sql(
      `select relowner::regrole::text as owner, relrowsecurity as rls from pg_class where oid = 'storage.objects'::regclass`,
    );
    expect(owner).toEqual({ owner: 'supabase_storage_admin', rls: true });
    const [policy] = await stack.sql(
      `select policyname from pg_policies where tablename = 'objects' and schemaname = 'storage'`,
    );
    expect(policy).toEqual({ policyname: 'migration policy' });
  });
});

describe('restart', () => {
  it('keeps stored objects across a restart and sweeps blobs no row refers to', async () => {
    const store = admin.storage.from('files');
    await store.upload('survivor.txt', 'still here');
    await store.upload('orphan.txt', 'orphan');
    const [row] = await stack.sql<{ version: string }>(`select version from storage.objects where name = 'orphan.txt'`);
    const blob = path.join(stack.dataDir, 'storage', 'objects', row!.version.slice(0, 2), row!.version);
    expect(fs.readFileSync(blob, 'utf8')).toBe('orphan');
    await stack.sql(
      `begin; set local storage.allow_delete_query = 'true'; delete from storage.objects where name = 'orphan.txt'; commit;`,
    );
    await stack.restart();
    expect(fs.existsSync(blob)).toBe(false);
    expect(await (await client(stack.serviceRoleKey).storage.from('files').download('survivor.txt')).data!.text()).toBe(
      'still here',
    );
  });
});
