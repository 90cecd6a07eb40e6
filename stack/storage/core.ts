// What every storage handler shares: the request being served, the blob store,
// transactions scoped to the caller, the superuser bucket/object lookups, and the
// upload pipeline (RLS probe → stream to disk → row written as the caller).
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type pg from 'pg';
import type { StackContext } from '../context.ts';
import { BodyTooLargeError, lowerCaseHeaders, readBody, sendJson } from '../http.ts';
import { serviceCaller, type Caller } from './auth.ts';
import { BlobStore } from './blobs.ts';
import { transaction, type Tx } from './db.ts';
import { errors, StorageError } from './errors.ts';
import type { StoredObject } from './render.ts';
import { isEmptyFolderPlaceholder, readUpload } from './upload.ts';
import { isUuid, mustBeValidKey } from './validate.ts';

/** UPLOAD_FILE_SIZE_LIMIT_STANDARD in the CLI's storage container. */
const UPLOAD_FILE_SIZE_LIMIT_STANDARD = 5_242_880_000;
/** Fastify's default body limit, which storage-api keeps for JSON bodies. */
const JSON_BODY_LIMIT = 1024 * 1024;

export interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path after /storage/v1, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  /** Path and query after /storage/v1 (storage-api's request.url). */
  url: string;
}

export interface BucketRow {
  id: string;
  public: boolean | null;
  file_size_limit: string | number | null;
  allowed_mime_types: string[] | null;
}

export interface ObjectRowInput {
  bucketId: string;
  name: string;
  owner?: string;
  metadata: Record<string, unknown>;
  userMetadata?: Record<string, unknown> | null;
  version: string;
}

export class StorageCore {
  readonly blobs: BlobStore;
  readonly service: Caller;

  constructor(readonly ctx: StackContext) {
    this.blobs = new BlobStore(path.join(ctx.config.dataDir, 'storage'));
    this.service = serviceCaller(ctx.config.serviceRoleKey);
  }

  get secret(): string {
    return this.ctx.config.jwtSecret;
  }

  /** Runs `fn` in one transaction as `caller`, scoped to this request and operation. */
  tx<T>(
    call: Call,
    caller: Caller,
    operation: string,
    fn: (tx: Tx) => Promise<T>,
    opts: { rollback?: boolean; lockKey?: string } = {},
  ) {
    return transaction(
      this.ctx.authenticatorPool,
      caller,
      { headers: lowerCaseHeaders(call.req), method: call.method, path: call.url, operation, lockKey: opts.lockKey },
      fn,
      opts,
    );
  }

  /** The advisory lock key serialising writers of one object (storage-api's waitObjectLock). */
  objectLock(bucketId: string, name: string): string {
    return `${bucketId}/${name}`;
  }

  /** storage-api's superuser bucket lookup (no RLS). */
  async findBucket(id: string): Promise<BucketRow | undefined> {
    const r = await this.ctx.adminPool
      .query<BucketRow>('select id, public, file_size_limit, allowed_mime_types from storage.buckets where id = $1', [
        id,
      ])
      .catch((e: unknown) => {
        throw errors.internal((e as Error).message);
      });
    return r.rows[0];
  }

  /** storage-api's superuser object lookup (public buckets, signed URLs). */
  async findObjectAsService(bucketId: string, name: string, columns = OBJECT_COLUMNS): Promise<StoredObject> {
    const r = await this.ctx.adminPool.query<StoredObject>(
      `select ${columns} from storage.objects where bucket_id = $1 and name = $2`,
      [bucketId, name],
    );
    const row = r.rows[0];
    if (!row) throw errors.noSuchKey();
    return row;
  }

  /** The object as the caller sees it under RLS. */
  async findObject(tx: Tx, bucketId: string, name: string, columns = OBJECT_COLUMNS): Promise<StoredObject> {
    const r = await tx.query<StoredObject & pg.QueryResultRow>(
      `select ${columns} from storage.objects where bucket_id = $1 and name = $2`,
      [bucketId, name],
    );
    const row = r.rows[0];
    if (!row) throw errors.noSuchKey();
    return row;
  }

  send(call: Call, status: number, body: unknown): void {
    sendJson(call.res, status, body);
  }

  sendError(call: Call, e: StorageError): void {
    if (call.res.headersSent) {
      call.res.destroy();
      return;
    }
    const { req, res } = call;
    if (req.complete || req.readableEnded) {
      sendJson(res, e.httpStatus, e.body());
      return;
    }
    // Answering while the client is still sending a refused body makes Node close the
    // socket under it, and the client sees a reset instead of the error: drain first
    // (bounded), then answer.
    const answer = () => {
      clearTimeout(timer);
      if (!res.headersSent && !res.destroyed) sendJson(res, e.httpStatus, e.body(), { Connection: 'close' });
    };
    const timer = setTimeout(answer, 30_000);
    req.once('end', answer);
    req.once('close', answer);
    req.resume();
  }

  /** A JSON body (Fastify semantics: 1 MiB limit, empty JSON refused unless allowed). */
  async readJson(call: Call, opts: { allowEmpty?: boolean } = {}): Promise<unknown> {
    let raw: Buffer;
    try {
      raw = await readBody(call.req, JSON_BODY_LIMIT);
    } catch (e) {
      if (e instanceof BodyTooLargeError) throw errors.bodyTooLarge();
      throw e;
    }
    const type = (call.req.headers['content-type'] ?? '').toLowerCase();
    const isJson = type.includes('json');
    if (raw.length === 0) {
      if (isJson && !opts.allowEmpty) throw errors.emptyJsonBody();
      return undefined;
    }
    try {
      return JSON.parse(raw.toString('utf8')) as unknown;
    } catch {
      if (isJson) throw errors.invalidJsonBody();
      return undefined;
    }
  }

  /** The smallest of the global limit, the bucket's limit and the standard upload cap. */
  maxFileSize(bucket: BucketRow, objectName: string): number {
    if (isEmptyFolderPlaceholder(objectName)) return 0;
    let limit = Math.min(this.ctx.config.storageFileSizeLimit, UPLOAD_FILE_SIZE_LIMIT_STANDARD);
    if (bucket.file_size_limit !== null && bucket.file_size_limit !== undefined) {
      limit = Math.min(limit, Number(bucket.file_size_limit));
    }
    return limit;
  }

  /**
   * Inserts (or, with `upsert`, inserts-or-replaces) an object row as whoever the
   * transaction runs as; returns its id. A plain insert asks for nothing back, so
   * it needs only an INSERT policy, like storage-api's; the upsert returns the row
   * and so needs SELECT + INSERT + UPDATE, like storage-api's.
   */
  async writeObjectRow(tx: Tx, row: ObjectRowInput, upsert: boolean): Promise<string> {
    const owner = isUuid(row.owner) ? row.owner : null;
    const values = [
      row.bucketId,
      row.name,
      owner,
      row.owner ?? null,
      row.metadata,
      row.userMetadata ?? null,
      row.version,
    ];
    if (!upsert) {
      const id = crypto.randomUUID();
      try {
        await tx.query(
          `insert into storage.objects (bucket_id, name, owner, owner_id, metadata, user_metadata, version, id)
           values ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [...values, id],
        );
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw errors.keyAlreadyExists();
        throw e;
      }
      return id;
    }
    const r = await tx.query<{ id: string }>(
      `insert into storage.objects (bucket_id, name, owner, owner_id, metadata, user_metadata, version)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (name, bucket_id) do update set
         metadata = excluded.metadata,
         user_metadata = excluded.user_metadata,
         version = excluded.version,
         owner = excluded.owner,
         owner_id = excluded.owner_id
       returning id`,
      values,
    );
    return r.rows[0]!.id;
  }

  /**
   * The version stored under a key, read past RLS. Called while holding the key's
   * advisory lock, so no other writer can replace it before this one commits.
   */
  async currentVersion(bucketId: string, name: string): Promise<string | undefined> {
    const r = await this.ctx.adminPool.query<{ version: string | null }>(
      'select version from storage.objects where bucket_id = $1 and name = $2',
      [bucketId, name],
    );
    return r.rows[0]?.version ?? undefined;
  }

  /**
   * The upload pipeline shared by upload, update and signed upload:
   * bucket limits → RLS probe → bytes to a temp file → row + blob in one
   * transaction as `caller`. Returns the new row's id.
   */
  async upload(
    call: Call,
    opts: { caller: Caller; bucketId: string; objectName: string; owner?: string; upsert: boolean; operation: string },
  ): Promise<string> {
    const { caller, bucketId, objectName, upsert, operation } = opts;
    const bucket = await this.findBucket(bucketId);
    if (!bucket) {
      call.req.resume();
      throw errors.noSuchBucket();
    }
    const maxFileSize = this.maxFileSize(bucket, objectName);
    const source = await readUpload(call.req, {
      maxFileSize,
      allowedMimeTypes: bucket.allowed_mime_types ?? [],
      objectName,
    });
    let written;
    try {
      mustBeValidKey(objectName);
      // Permission first, so a refused caller cannot fill the disk (storage-api's canUpload).
      await this.tx(
        call,
        caller,
        operation,
        (tx) =>
          this.writeObjectRow(
            tx,
            {
              bucketId,
              name: objectName,
              owner: opts.owner,
              metadata: { mimetype: source.mimeType, contentLength: source.declaredLength },
              userMetadata: source.userMetadata,
              version: '1',
            },
            upsert,
          ),
        { rollback: true },
      );
      written = await this.blobs.writeTemp(source.body, maxFileSize);
      if (source.truncated()) {
        await this.blobs.discard(written.tmpPath);
        throw errors.entityTooLarge();
      }
    } catch (e) {
      source.abort();
      throw e;
    }

    const version = crypto.randomUUID();
    const metadata = {
      eTag: `"${written.md5}"`,
      size: written.size,
      mimetype: source.mimeType,
      cacheControl: source.cacheControl,
      lastModified: new Date().toISOString(),
      contentLength: written.size,
      httpStatusCode: 200,
    };
    let placed = false;
    let replaced: string | undefined;
    try {
      const id = await this.tx(
        call,
        caller,
        operation,
        async (tx) => {
          if (upsert) replaced = await this.currentVersion(bucketId, objectName);
          const id = await this.writeObjectRow(
            tx,
            {
              bucketId,
              name: objectName,
              owner: opts.owner,
              metadata,
              // storage-api stores {} when no custom metadata was sent
              userMetadata: { ...source.userMetadata },
              version,
            },
            upsert,
          );
          await this.blobs.place(written.tmpPath, version);
          placed = true;
          return id;
        },
        { lockKey: this.objectLock(bucketId, objectName) },
      );
      if (replaced && replaced !== version) await this.blobs.remove(replaced);
      return id;
    } catch (e) {
      if (placed) await this.blobs.remove(version);
      else await this.blobs.discard(written.tmpPath);
      throw e;
    }
  }
}

export const OBJECT_COLUMNS = 'id, name, bucket_id, version, metadata, user_metadata, updated_at, created_at';
