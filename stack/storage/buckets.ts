// /bucket routes (spec 9.2): every statement runs as the caller, so the project's
// RLS policies on storage.buckets decide; the service key bypasses them.
import type { QueryResultRow } from 'pg';
import { requireCaller } from './auth.ts';
import type { Call, StorageCore } from './core.ts';
import { errors } from './errors.ts';
import {
  Fields,
  mustBeNotReservedBucketName,
  mustBeValidBucketName,
  parseFileSizeToBytes,
  validateAllowedMimeTypes,
  isUuid,
} from './validate.ts';

/** How many objects emptyBucket accepts (STORAGE_EMPTY_BUCKET_MAX). */
const EMPTY_BUCKET_MAX = 200_000;

interface BucketDbRow {
  id: string;
  name: string;
  owner: string | null;
  public: boolean | null;
  file_size_limit: string | number | null;
  allowed_mime_types: string[] | null;
  created_at: Date | null;
  updated_at: Date | null;
}

/** The response schema of storage-api: fixed keys, NULL owner as "", limits as numbers. */
function bucketJson(row: BucketDbRow, withType: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    owner: row.owner ?? '',
    public: row.public ?? false,
  };
  if (withType) out.type = 'STANDARD';
  out.file_size_limit = row.file_size_limit === null ? null : Number(row.file_size_limit);
  out.allowed_mime_types = row.allowed_mime_types;
  out.created_at = row.created_at?.toISOString();
  out.updated_at = row.updated_at?.toISOString();
  return out;
}

const BUCKET_COLUMNS = 'id, name, owner, public, file_size_limit, allowed_mime_types, created_at, updated_at';

/** file_size_limit as given (bytes or '20MB'), never above the global limit. */
function parseSizeLimit(core: StorageCore, value: unknown, where: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  let bytes: number;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) {
      throw errors.validation(`${where}/file_size_limit must be integer,string`);
    }
    bytes = value;
  } else if (typeof value === 'string') {
    bytes = /^\d+$/.test(value) ? Number(value) : parseFileSizeToBytes(value);
  } else {
    throw errors.validation(`${where}/file_size_limit must be integer,string`);
  }
  if (bytes > core.ctx.config.storageFileSizeLimit) throw errors.entityTooLarge();
  return bytes;
}

function parseMimeTypes(body: Fields): string[] | null | undefined {
  const list = body.stringArray('allowed_mime_types', { nullable: true });
  if (!list) return list;
  const kept = list.filter((m) => m);
  validateAllowedMimeTypes(kept);
  return kept;
}

export async function listBuckets(core: StorageCore, call: Call): Promise<void> {
  const caller = requireCaller(call.req, core.secret);
  const q = Fields.query(call.query);
  const limit = q.integer('limit', { min: 1 });
  const offset = q.integer('offset', { min: 0 });
  const sortColumn = q.oneOf('sortColumn', ['id', 'name', 'created_at', 'updated_at'] as const);
  const sortOrder = q.oneOf('sortOrder', ['asc', 'desc'] as const);
  const search = q.string('search');
  const rows = await core.tx(call, caller, 'storage.bucket.list', async (tx) => {
    const params: unknown[] = [];
    let sql = `select ${BUCKET_COLUMNS} from storage.buckets`;
    if (search) {
      params.push(`%${search.replace(/[\\%_]/g, '\\$&')}%`);
      sql += ` where name ilike $${params.length}`;
    }
    // sortColumn and sortOrder are checked against fixed lists above.
    if (sortColumn) sql += ` order by ${sortColumn} ${sortOrder ?? 'asc'}`;
    if (limit !== undefined) {
      params.push(limit);
      sql += ` limit $${params.length}`;
    }
    if (offset !== undefined) {
      params.push(offset);
      sql += ` offset $${params.length}`;
    }
    return (await tx.query<BucketDbRow & QueryResultRow>(sql, params)).rows;
  });
  core.send(
    call,
    200,
    rows.map((r) => bucketJson(r, true)),
  );
}

export async function getBucket(core: StorageCore, call: Call, bucketId: string): Promise<void> {
  const caller = requireCaller(call.req, core.secret);
  const row = await core.tx(call, caller, 'storage.bucket.get', async (tx) => {
    const r = await tx.query<BucketDbRow & QueryResultRow>(
      `select ${BUCKET_COLUMNS} from storage.buckets where id = $1`,
      [bucketId],
    );
    return r.rows[0];
  });
  if (!row) throw errors.noSuchBucket();
  core.send(call, 200, bucketJson(row, false));
}

export async function createBucket(core: StorageCore, call: Call): Promise<void> {
  const body = Fields.body(await core.readJson(call));
  const name = body.string('name', { required: true })!;
  const id = body.string('id');
  const isPublic = body.boolean('public');
  const type = body.oneOf('type', ['STANDARD', 'ANALYTICS'] as const);
  const raw = body.raw();
  const caller = requireCaller(call.req, core.secret);

  if (name.trim().length !== name.length) throw errors.invalidBucketName();
  mustBeValidBucketName(name);
  mustBeNotReservedBucketName(name);
  if (type === 'ANALYTICS') throw errors.featureNotEnabled('Iceberg buckets are not enabled for this tenant');
  const fileSizeLimit = parseSizeLimit(core, raw.file_size_limit, 'body');
  const allowedMimeTypes = parseMimeTypes(body);

  await core.tx(call, caller, 'storage.bucket.create', async (tx) => {
    try {
      await tx.query(
        `insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types, type)
         values ($1, $2, $3, $4, $5, $6, $7, 'STANDARD')`,
        [
          id || name,
          name,
          isUuid(caller.sub) ? caller.sub : null,
          caller.sub ?? null,
          isPublic ?? false,
          fileSizeLimit ?? null,
          allowedMimeTypes ?? null,
        ],
      );
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw errors.bucketAlreadyExists();
      throw e;
    }
  });
  core.send(call, 200, { name });
}

export async function updateBucket(core: StorageCore, call: Call, bucketId: string): Promise<void> {
  const body = Fields.body(await core.readJson(call));
  const raw = body.raw();
  if (Object.keys(raw).length < 1) throw errors.validation('body must NOT have fewer than 1 properties');
  if (!('public' in raw) && !('file_size_limit' in raw) && !('allowed_mime_types' in raw)) {
    throw errors.validation('body must match a schema in anyOf');
  }
  const isPublic = body.boolean('public');
  const caller = requireCaller(call.req, core.secret);
  mustBeValidBucketName(bucketId);
  const fileSizeLimit = parseSizeLimit(core, raw.file_size_limit, 'body');
  const allowedMimeTypes = parseMimeTypes(body);

  const sets: string[] = [];
  const params: unknown[] = [bucketId];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (isPublic !== undefined) set('public', isPublic);
  if (fileSizeLimit !== undefined) set('file_size_limit', fileSizeLimit);
  if (allowedMimeTypes !== undefined) set('allowed_mime_types', allowedMimeTypes);
  if (sets.length === 0) throw errors.noContent();

  const count = await core.tx(call, caller, 'storage.bucket.update', async (tx) => {
    const r = await tx.query(`update storage.buckets set ${sets.join(', ')} where id = $1`, params);
    return r.rowCount ?? 0;
  });
  if (count === 0) throw errors.noSuchBucket();
  core.send(call, 200, { message: 'Successfully updated' });
}

export async function deleteBucket(core: StorageCore, call: Call, bucketId: string): Promise<void> {
  // other clients send no body at all
  await core.readJson(call, { allowEmpty: true });
  const caller = requireCaller(call.req, core.secret);
  await core.tx(call, caller, 'storage.bucket.delete', async (tx) => {
    const notEmpty = await tx.asService(async () => {
      const b = await tx.query('select id from storage.buckets where id = $1 for update', [bucketId]);
      if (b.rowCount === 0) throw errors.noSuchBucket();
      const o = await tx.query('select 1 from storage.objects where bucket_id = $1 limit 1', [bucketId]);
      return (o.rowCount ?? 0) > 0;
    });
    if (notEmpty) throw errors.bucketNotEmpty();
    const r = await tx.query('delete from storage.buckets where id = $1', [bucketId]);
    if (r.rowCount === 0) throw errors.noSuchBucket();
  });
  core.send(call, 200, { message: 'Successfully deleted' });
}

/**
 * storage-api v1.60.2 (the CLI's): the caller must see the bucket and be allowed to
 * delete its objects (probed on one of them); the objects then go as the service
 * role. Deletion is queued there; here it is immediate.
 */
export async function emptyBucket(core: StorageCore, call: Call, bucketId: string): Promise<void> {
  await core.readJson(call, { allowEmpty: true });
  const caller = requireCaller(call.req, core.secret);
  const first = await core.tx(call, caller, 'storage.bucket.empty', async (tx) => {
    const b = await tx.query('select name from storage.buckets where id = $1', [bucketId]);
    if (b.rowCount === 0) throw errors.noSuchBucket();
    const count = await tx.query<{ n: number }>(
      'select count(*)::int as n from (select 1 from storage.objects where bucket_id = $1 limit $2) s',
      [bucketId, EMPTY_BUCKET_MAX + 1],
    );
    if (count.rows[0]!.n > EMPTY_BUCKET_MAX) throw errors.tooManyToEmpty();
    const o = await tx.query<{ name: string }>(
      `select name from storage.objects where bucket_id = $1 order by name collate "C" limit 1`,
      [bucketId],
    );
    return o.rows[0]?.name;
  });
  if (first !== undefined) {
    await core.tx(
      call,
      caller,
      'storage.bucket.empty',
      async (tx) => {
        const r = await tx.query('delete from storage.objects where bucket_id = $1 and name = $2 returning id', [
          bucketId,
          first,
        ]);
        if (r.rowCount === 0) throw errors.noSuchKey();
      },
      { rollback: true },
    );
    const versions = await core.tx(call, core.service, 'storage.bucket.empty', async (tx) => {
      const r = await tx.query<{ version: string | null }>(
        'delete from storage.objects where bucket_id = $1 returning version',
        [bucketId],
      );
      return r.rows.map((row) => row.version);
    });
    for (const v of versions) await core.blobs.remove(v);
  }
  core.send(call, 200, { message: 'Empty bucket has been queued. Completion may take up to an hour.' });
}
