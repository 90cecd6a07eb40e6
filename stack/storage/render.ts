// Sends an object the way storage-api's asset/head renderers do: stored mimetype
// (text/html served as text/plain), Cache-Control (or Expires for signed URLs),
// ETag, Last-Modified, Content-Length, Accept-Ranges, X-Robots-Tag, Range → 206,
// If-None-Match / If-Modified-Since → 304, ?download → Content-Disposition.
// The bytes are streamed from disk.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from './blobs.ts';
import { errors } from './errors.ts';

export interface StoredObject {
  id: string;
  name?: string;
  bucket_id?: string;
  version: string | null;
  metadata: Record<string, unknown> | null;
  user_metadata?: Record<string, unknown> | null;
  updated_at?: Date | null;
  created_at?: Date | null;
}

export interface RenderOptions {
  /** Value of the `download` query parameter, when present. */
  download?: string;
  /** Signed URLs: `Expires` instead of Cache-Control. */
  expires?: string;
}

function normalizeContentType(mime: string | undefined): string | undefined {
  return mime?.includes('text/html') ? 'text/plain' : mime;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function lastModifiedOf(meta: Record<string, unknown>): Date | undefined {
  const v = meta.lastModified;
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function commonHeaders(meta: Record<string, unknown>, opts: RenderOptions): Record<string, string> {
  const h: Record<string, string> = { 'Accept-Ranges': 'bytes', 'X-Robots-Tag': 'none' };
  const type = normalizeContentType(str(meta.mimetype));
  if (type) h['Content-Type'] = type;
  const etag = str(meta.eTag);
  if (etag) h.ETag = etag;
  const lm = lastModifiedOf(meta);
  if (lm) h['Last-Modified'] = lm.toUTCString();
  if (opts.expires) h.Expires = opts.expires;
  else {
    const cc = str(meta.cacheControl);
    if (cc) h['Cache-Control'] = cc;
  }
  if (opts.download !== undefined) {
    if (opts.download === '') h['Content-Disposition'] = 'attachment;';
    else {
      const enc = encodeURIComponent(opts.download);
      h['Content-Disposition'] = `attachment; filename=${enc}; filename*=UTF-8''${enc}`;
    }
  }
  return h;
}

/** storage-api's answer when the row exists but the backend has no bytes. */
function sendBlobMissing(res: ServerResponse): void {
  const body = JSON.stringify({ error: 'Not found', message: 'The resource was not found', statusCode: '404' });
  res.writeHead(400, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

interface ByteRange {
  start: number;
  end: number;
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` (one range), as storage-api parses it. */
export function parseRange(header: string, size: number): ByteRange {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header);
  if (!m || size <= 0) throw errors.invalidRange();
  const [, a, b] = m as unknown as [string, string, string];
  if (!a && !b) throw errors.invalidRange();
  if (!a) {
    const suffix = Number(b);
    if (!Number.isSafeInteger(suffix) || suffix <= 0) throw errors.invalidRange();
    return { start: Math.max(size - suffix, 0), end: size - 1 };
  }
  const start = Number(a);
  const end = b ? Number(b) : size - 1;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || start >= size) {
    throw errors.invalidRange();
  }
  return { start, end: Math.min(end, size - 1) };
}

/** GET: the object's bytes. */
export async function sendObject(
  req: IncomingMessage,
  res: ServerResponse,
  blobs: BlobStore,
  obj: StoredObject,
  opts: RenderOptions = {},
): Promise<void> {
  const file = blobs.pathFor(obj.version);
  let handle: fsp.FileHandle;
  try {
    if (!file) throw Object.assign(new Error('no blob'), { code: 'ENOENT' });
    handle = await fsp.open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      sendBlobMissing(res);
      return;
    }
    throw e;
  }
  let stream: fs.ReadStream | undefined;
  try {
    const { size } = await handle.stat();
    const meta = obj.metadata ?? {};
    const headers = commonHeaders(meta, opts);
    if (!headers['Content-Type']) headers['Content-Type'] = 'application/octet-stream';

    const ifNoneMatch = req.headers['if-none-match'];
    const ifModifiedSince = req.headers['if-modified-since'];
    const lm = lastModifiedOf(meta);
    if (
      (ifNoneMatch && ifNoneMatch === headers.ETag) ||
      (ifModifiedSince && lm && lm.getTime() <= new Date(ifModifiedSince).getTime())
    ) {
      res.writeHead(304, headers);
      res.end();
      return;
    }

    let status = 200;
    let start = 0;
    let end = size - 1;
    const range = req.headers.range;
    if (range) {
      const r = parseRange(range, size);
      start = r.start;
      end = r.end;
      status = 206;
      headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    }
    headers['Content-Length'] = String(size === 0 ? 0 : end - start + 1);
    res.writeHead(status, headers);
    if (req.method === 'HEAD' || size === 0) {
      res.end();
      return;
    }
    stream = handle.createReadStream({ start, end, autoClose: true, highWaterMark: 256 * 1024 });
    await pipeline(stream, res).catch((e: NodeJS.ErrnoException) => {
      // The client went away mid-download: nothing to report.
      if (e.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw e;
    });
  } finally {
    if (!stream) await handle.close();
  }
}

/** HEAD /object/...: the stored metadata as headers, no body (storage-api's head renderer). */
export function sendHead(res: ServerResponse, obj: StoredObject): void {
  const meta = obj.metadata ?? {};
  const headers = commonHeaders(meta, {});
  const len = meta.contentLength;
  if (typeof len === 'number') headers['Content-Length'] = String(len);
  res.writeHead(200, headers);
  res.end();
}

/** GET /object/info/...: the object's description (storage-api's info renderer). */
export function infoBody(obj: StoredObject): Record<string, unknown> {
  const meta = obj.metadata ?? {};
  return {
    id: obj.id,
    name: obj.name,
    version: obj.version,
    bucket_id: obj.bucket_id,
    size: typeof meta.size === 'number' ? meta.size : null,
    content_type: str(meta.mimetype) ?? null,
    cache_control: str(meta.cacheControl) ?? null,
    etag: str(meta.eTag) ?? null,
    metadata: obj.user_metadata ?? null,
    last_modified: obj.updated_at ?? null,
    created_at: obj.created_at ?? null,
  };
}
