// Storage (storage-api's HTTP API as storage-js uses it) under /storage/v1.
// Routing follows storage-api's Fastify routes, including which route wins when a
// path could match several (static segments such as `list/`, `sign/`, `public/`
// take precedence per method, the rest is `/:bucket/*`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StackContext, StackService } from '../context.ts';
import * as buckets from './buckets.ts';
import { StorageCore, type Call } from './core.ts';
import { errors, StorageError } from './errors.ts';
import * as objects from './objects.ts';

type Handler = (core: StorageCore, call: Call) => Promise<void>;

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw errors.validation('URI malformed');
  }
}

/** `b/dir/file.txt` → ['b', 'dir/file.txt']; `b` → ['b', undefined]. */
function bucketAndKey(rest: string): [string, string | undefined] {
  const i = rest.indexOf('/');
  if (i < 0) return [decode(rest), undefined];
  return [decode(rest.slice(0, i)), decode(rest.slice(i + 1))];
}

function objectRoute(method: string, rest: string): Handler | undefined {
  const wild = (prefix: string, fn: (core: StorageCore, call: Call, bucket: string, key: string) => Promise<void>) => {
    if (!rest.startsWith(prefix)) return undefined;
    const [bucket, key] = bucketAndKey(rest.slice(prefix.length));
    if (key === undefined) return undefined;
    return (core: StorageCore, call: Call) => fn(core, call, bucket, key);
  };
  const exact = (prefix: string, fn: (core: StorageCore, call: Call, bucket: string) => Promise<void>) => {
    if (!rest.startsWith(prefix)) return undefined;
    const tail = rest.slice(prefix.length);
    if (tail.includes('/')) return undefined;
    const bucket = decode(tail);
    return (core: StorageCore, call: Call) => fn(core, call, bucket);
  };
  switch (method) {
    case 'GET':
      return (
        wild('public/', objects.getPublic) ??
        wild('sign/', objects.getSigned) ??
        wild('authenticated/', (c, k, b, key) => objects.download(c, k, b, key, 'required')) ??
        wild('info/public/', (c, k, b, key) => objects.info(c, k, b, key, 'public')) ??
        wild('info/authenticated/', (c, k, b, key) => objects.info(c, k, b, key, 'required')) ??
        wild('info/', (c, k, b, key) => objects.info(c, k, b, key, 'optional')) ??
        wild('', (c, k, b, key) => objects.download(c, k, b, key, 'optional'))
      );
    case 'HEAD':
      return (
        wild('public/', objects.getPublic) ??
        wild('sign/', objects.getSigned) ??
        wild('authenticated/', (c, k, b, key) => objects.head(c, k, b, key, 'required')) ??
        wild('', (c, k, b, key) => objects.head(c, k, b, key, 'optional'))
      );
    case 'POST':
      if (rest === 'move') return objects.move;
      if (rest === 'copy') return objects.copy;
      return (
        exact('list/', objects.list) ??
        exact('list-v2/', objects.listV2) ??
        exact('sign/', objects.signMany) ??
        wild('sign/', objects.signOne) ??
        wild('upload/sign/', objects.createSignedUpload) ??
        wild('', objects.upload)
      );
    case 'PUT':
      return wild('upload/sign/', objects.uploadSigned) ?? wild('', objects.upload);
    case 'DELETE':
      return exact('', objects.removeMany) ?? wild('', objects.removeOne);
    default:
      return undefined;
  }
}

function bucketRoute(method: string, rest: string): Handler | undefined {
  const parts = rest.split('/');
  if (rest === '') {
    if (method === 'GET') return buckets.listBuckets;
    if (method === 'POST') return buckets.createBucket;
    return undefined;
  }
  const id = decode(parts[0]!);
  if (parts.length === 1 || (parts.length === 2 && parts[1] === '')) {
    if (method === 'GET') return (core, call) => buckets.getBucket(core, call, id);
    if (method === 'PUT') return (core, call) => buckets.updateBucket(core, call, id);
    if (method === 'DELETE') return (core, call) => buckets.deleteBucket(core, call, id);
    return undefined;
  }
  if (parts.length === 2 && parts[1] === 'empty' && method === 'POST') {
    return (core, call) => buckets.emptyBucket(core, call, id);
  }
  return undefined;
}

function route(method: string, path: string): Handler | undefined {
  if (path === '/bucket' || path.startsWith('/bucket/')) return bucketRoute(method, path.slice('/bucket/'.length));
  if (path.startsWith('/object/')) return objectRoute(method, path.slice('/object/'.length));
  return undefined;
}

export function createStorageService(ctx: StackContext): StackService {
  const core = new StorageCore(ctx);
  return {
    name: 'storage',
    prefix: '/storage/v1',
    async start() {
      await core.blobs.init();
      try {
        const r = await ctx.adminPool.query<{ version: string }>(
          'select version from storage.objects where version is not null',
        );
        const removed = await core.blobs.sweep(new Set(r.rows.map((row) => row.version)));
        if (removed > 0) ctx.log('storage', `removed ${removed} blob(s) no object refers to`);
      } catch (e) {
        ctx.log('storage', `blob sweep skipped: ${(e as Error).message}`);
      }
    },
    async handle(req: IncomingMessage, res: ServerResponse, subpath: string) {
      const method = (req.method ?? 'GET').toUpperCase();
      const rawUrl = req.url ?? '';
      const q = rawUrl.indexOf('?');
      const search = q >= 0 ? rawUrl.slice(q) : '';
      const call: Call = {
        req,
        res,
        method,
        path: subpath,
        query: new URLSearchParams(search),
        url: subpath + search,
      };
      try {
        const handler = route(method, subpath);
        if (!handler) throw errors.routeNotFound(method, call.url);
        await handler(core, call);
      } catch (e) {
        // The client went away (aborted upload or download): nobody to answer.
        if (req.socket?.destroyed || res.destroyed) return;
        const err = e instanceof StorageError ? e : errors.internal((e as Error)?.message);
        if (!(e instanceof StorageError)) ctx.log('storage', `${method} ${call.url}: ${(e as Error)?.stack ?? e}`);
        core.sendError(call, err);
      }
    },
  };
}
