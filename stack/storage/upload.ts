// Reads an upload the two ways storage-js sends one (spec 9.3): multipart form data
// (fields first, then one file part whatever its field name) or the raw request
// body with cache-control / content-type / x-metadata headers. Nothing is buffered:
// the caller gets a stream of the file's bytes.
import type { IncomingMessage } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import busboy from 'busboy';
import { errors, StorageError } from './errors.ts';
import { checkMimeType } from './validate.ts';

const MAX_USER_METADATA = 1024 * 1024;

export interface UploadSource {
  mimeType: string;
  cacheControl: string;
  userMetadata?: Record<string, unknown>;
  /** Content-Length of the request as declared (multipart: boundaries included). */
  declaredLength?: number;
  /** The file's bytes. */
  body: Readable;
  /** Multipart: the file part was cut at the size limit. */
  truncated(): boolean;
  /** Stop reading: what is left of the request is discarded. */
  abort(): void;
}

export function isEmptyFolderPlaceholder(name: string): boolean {
  return name.endsWith('.emptyFolderPlaceholder');
}

/** x-metadata: base64 of a JSON object; anything undecodable is dropped silently. */
export function parseUserMetadataHeader(value: string | string[] | undefined): Record<string, unknown> | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function declaredLength(req: IncomingMessage): number | undefined {
  const n = Number(req.headers['content-length']);
  return req.headers['content-length'] !== undefined && Number.isFinite(n) && n >= 0 ? n : undefined;
}

export async function readUpload(
  req: IncomingMessage,
  opts: { maxFileSize: number; allowedMimeTypes: string[]; objectName: string },
): Promise<UploadSource> {
  const contentType = req.headers['content-type'];
  const checkMime = (mime: string) => {
    if (opts.allowedMimeTypes.length > 0 && !isEmptyFolderPlaceholder(opts.objectName)) {
      checkMimeType(mime, opts.allowedMimeTypes);
    }
  };
  if (contentType?.toLowerCase().startsWith('multipart/form-data')) {
    return readMultipart(req, opts.maxFileSize, checkMime);
  }
  const mimeType = contentType || 'application/octet-stream';
  const cacheControl = (req.headers['cache-control'] as string | undefined) ?? 'no-cache';
  let body: PassThrough | undefined;
  const abort = () => {
    if (body) req.unpipe(body);
    req.resume();
  };
  try {
    checkMime(mimeType);
    const length = declaredLength(req);
    // A known size over the limit is refused before a byte is read.
    if (length !== undefined && length > opts.maxFileSize) throw errors.entityTooLarge();
    // A proxy, so that failing the upload (e.g. a chunked body over the limit) never
    // destroys the request: what is left of it is drained and the error answered.
    body = new PassThrough();
    forwardAbort(req, body);
    req.pipe(body);
    return {
      mimeType,
      cacheControl,
      userMetadata: parseUserMetadataHeader(req.headers['x-metadata']),
      declaredLength: length,
      body,
      truncated: () => false,
      abort,
    };
  } catch (e) {
    abort();
    throw e;
  }
}

/** A client that goes away mid-upload fails the stream being written instead of stalling it. */
function forwardAbort(req: IncomingMessage, target: Readable): void {
  req.once('error', (e) => target.destroy(e));
  req.once('close', () => {
    if (!req.complete) target.destroy(new Error('Request stream closed before upload could complete'));
  });
}

function readMultipart(
  req: IncomingMessage,
  maxFileSize: number,
  checkMime: (mime: string) => void,
): Promise<UploadSource> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        // fieldSize above the metadata cap so an oversized metadata field is seen whole enough to refuse.
        limits: { fileSize: maxFileSize, files: 1, fields: 10, fieldSize: MAX_USER_METADATA + 1 },
      });
    } catch {
      req.resume();
      reject(errors.noContent());
      return;
    }
    const fields: Record<string, string> = {};
    let settled = false;
    let fileStream: Readable | undefined;
    const abort = () => {
      req.unpipe(bb);
      fileStream?.resume();
      req.resume();
    };
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      abort();
      reject(e instanceof StorageError ? e : errors.noContent());
    };
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (_name, stream, info) => {
      fileStream = stream;
      forwardAbort(req, stream);
      if (settled) {
        stream.resume();
        return;
      }
      try {
        const mimeType = fields.contentType || info.mimeType;
        checkMime(mimeType);
        let userMetadata: Record<string, unknown> | undefined;
        const custom = fields.metadata ?? fields.userMetadata;
        if (typeof custom === 'string') {
          if (Buffer.byteLength(custom, 'utf8') > MAX_USER_METADATA) throw errors.entityTooLarge('user_metadata');
          try {
            const parsed: unknown = JSON.parse(custom);
            if (parsed && typeof parsed === 'object') userMetadata = parsed as Record<string, unknown>;
          } catch {
            // storage-api ignores metadata it cannot parse
          }
        }
        settled = true;
        resolve({
          mimeType,
          cacheControl: fields.cacheControl ? `max-age=${fields.cacheControl}` : 'no-cache',
          userMetadata,
          declaredLength: declaredLength(req),
          body: stream,
          truncated: () => (stream as Readable & { truncated?: boolean }).truncated === true,
          abort,
        });
      } catch (e) {
        fail(e);
      }
    });
    bb.on('error', fail);
    bb.on('close', () => fail(errors.noContent()));
    req.on('error', fail);
    req.once('close', () => {
      if (!req.complete) fail(new Error('Request stream closed before upload could begin'));
    });
    req.pipe(bb);
  });
}
