// /object routes (spec 9.3–9.6). Reads and writes run as the caller so RLS on
// storage.objects decides; public buckets, signed URLs and signed uploads use the
// service role exactly where storage-api uses its super user.
import crypto from 'node:crypto';
import type { QueryResultRow } from 'pg';
import { signJwtSync } from '../jwt.ts';
import { optionalCaller, requireCaller, verifyToken, type Caller } from './auth.ts';
import type { Call, StorageCore } from './core.ts';
import { errors } from './errors.ts';
import { infoBody, sendHead, sendObject, type StoredObject } from './render.ts';
import { parseUserMetadataHeader } from './upload.ts';
import { Fields, isUuid, mustBeValidKey } from './validate.ts';

/** SIGNED_UPLOAD_URL_EXPIRATION_TIME in the CLI's storage container. */
const SIGNED_UPLOAD_URL_EXPIRATION = 7200;
const MAX_EXPIRES_IN = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

type Mode = 'optional' | 'required';

function callerFor(core: StorageCore, call: Call, mode: Mode): Caller {
  return mode === 'required' ? requireCaller(call.req, core.secret) : optionalCaller(call.req, core.secret);
}

/** The `download` query parameter as storage-api reads it (present but empty → ''). */
function downloadParam(call: Call): string | undefined {
  return call.query.has('download') ? (call.query.get('download') ?? '') : undefined;
}

/** storage-api's object response schema: fixed keys in order, NULL strings as "". */
const OBJECT_KEYS: [string, 'string' | 'nullable'][] = [
  ['name', 'string'],
  ['bucket_id', 'string'],
  ['owner', 'string'],
  ['owner_id', 'string'],
  ['version', 'string'],
  ['id', 'nullable'],
  ['updated_at', 'nullable'],
  ['created_at', 'nullable'],
  ['last_accessed_at', 'nullable'],
  ['metadata', 'nullable'],
  ['user_metadata', 'nullable'],
];

function objectJson(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, kind] of OBJECT_KEYS) {
    if (!(key in row)) continue;
    const v = row[key];
    out[key] = kind === 'string' && (v === null || v === undefined) ? '' : v;
  }
  return out;
}

/**
 * Reads an object for a download, HEAD or info: a public bucket is read past RLS,
 * a private one as the caller; an anonymous caller only gets public buckets.
 */
async function readableObject(
  core: StorageCore,
  call: Call,
  caller: Caller,
  bucketId: string,
  key: string,
  operation: string,
  publicRoute = false,
): Promise<StoredObject> {
  const bucket = await core.findBucket(bucketId);
  if (!caller.authenticated && !bucket?.public) throw errors.noSuchBucket();
  if (!bucket) throw errors.noSuchBucket();
  mustBeValidKey(key);
  if (bucket.public || publicRoute) return core.findObjectAsService(bucketId, key);
  return core.tx(call, caller, operation, (tx) => core.findObject(tx, bucketId, key));
}

export async function download(core: StorageCore, call: Call, bucketId: string, key: string, mode: Mode) {
  const caller = callerFor(core, call, mode);
  const obj = await readableObject(core, call, caller, bucketId, key, 'storage.object.get_authenticated');
  await sendObject(call.req, call.res, core.blobs, obj, { download: downloadParam(call) });
}

export async function head(core: StorageCore, call: Call, bucketId: string, key: string, mode: Mode) {
  const caller = callerFor(core, call, mode);
  const obj = await readableObject(core, call, caller, bucketId, key, 'object.head_authenticated_info');
  sendHead(call.res, obj);
}

export async function info(core: StorageCore, call: Call, bucketId: string, key: string, mode: Mode | 'public') {
  const caller = mode === 'public' ? { ...core.service, authenticated: false } : callerFor(core, call, mode);
  const obj = await readableObject(
    core,
    call,
    caller,
    bucketId,
    key,
    mode === 'public' ? 'storage.object.info_public' : 'object.get_authenticated_info',
    mode === 'public',
  );
  core.send(call, 200, infoBody(obj));
}

export async function getPublic(core: StorageCore, call: Call, bucketId: string, key: string) {
  const bucket = await core.findBucket(bucketId);
  if (!bucket?.public) throw errors.noSuchBucket();
  mustBeValidKey(key);
  const obj = await core.findObjectAsService(bucketId, key);
  if (call.method === 'HEAD') sendHead(call.res, obj);
  else await sendObject(call.req, call.res, core.blobs, obj, { download: downloadParam(call) });
}

function signedPayload(core: StorageCore, token: string): Record<string, unknown> {
  const r = verifyToken(token, core.secret);
  if (!r.ok) throw errors.invalidJwt(r.message);
  return r.claims;
}

function requireToken(call: Call): string {
  const token = call.query.get('token');
  if (token === null) throw errors.validation("querystring must have required property 'token'");
  return token;
}

/** GET /object/sign/<bucket>/<key>?token=…: the token alone authorizes the read. */
export async function getSigned(core: StorageCore, call: Call, bucketId: string, key: string) {
  const payload = signedPayload(core, requireToken(call));
  const url = payload.url;
  if (url !== `${bucketId}/${key}`) throw errors.invalidSignature();
  const obj = await core.findObjectAsService(bucketId, key);
  const exp = typeof payload.exp === 'number' ? payload.exp : undefined;
  await sendObject(call.req, call.res, core.blobs, obj, {
    download: downloadParam(call),
    expires: exp !== undefined ? new Date(exp * 1000).toUTCString() : undefined,
  });
}

function expiresIn(body: Fields): number {
  const n = body.integer('expiresIn', { required: true, min: 1 })!;
  if (n > MAX_EXPIRES_IN - Math.floor(Date.now() / 1000)) throw errors.invalidParameter('expiresIn');
  return n;
}

function signUrlToken(core: StorageCore, claims: Record<string, unknown>, seconds: number): string {
  const iat = Math.floor(Date.now() / 1000);
  return signJwtSync({ ...claims, iat, exp: iat + seconds }, core.secret);
}

/** POST /object/sign/<bucket>/<key> {expiresIn}: needs SELECT on the object. */
export async function signOne(core: StorageCore, call: Call, bucketId: string, key: string) {
  const body = Fields.body(await core.readJson(call));
  const seconds = expiresIn(body);
  const caller = requireCaller(call.req, core.secret);
  mustBeValidKey(key);
  await core.tx(call, caller, 'storage.object.sign', (tx) => core.findObject(tx, bucketId, key, 'id'));
  const url = `${bucketId}/${key}`;
  // The key goes out unencoded: storage-js applies encodeURI itself.
  core.send(call, 200, { signedURL: `/object/sign/${url}?token=${signUrlToken(core, { url }, seconds)}` });
}

/** POST /object/sign/<bucket> {expiresIn, paths}: one entry per path, in order. */
export async function signMany(core: StorageCore, call: Call, bucketId: string) {
  const body = Fields.body(await core.readJson(call));
  const seconds = expiresIn(body);
  const paths = body.stringArray('paths', { required: true, minItems: 1 })!;
  const caller = requireCaller(call.req, core.secret);
  const visible = await core.tx(call, caller, 'storage.object.sign_many', async (tx) => {
    const r = await tx.query<{ name: string }>(
      'select name from storage.objects where bucket_id = $1 and name = any($2::text[])',
      [bucketId, paths],
    );
    return new Set(r.rows.map((row) => row.name));
  });
  core.send(
    call,
    200,
    paths.map((p) => {
      if (!visible.has(p)) {
        return { error: 'Either the object does not exist or you do not have access to it', path: p, signedURL: null };
      }
      const url = `${bucketId}/${p}`;
      return { error: null, path: p, signedURL: `/object/sign/${url}?token=${signUrlToken(core, { url }, seconds)}` };
    }),
  );
}

/** POST /object/<bucket>/<key> (upload) and PUT (update, always an upsert). */
export async function upload(core: StorageCore, call: Call, bucketId: string, key: string) {
  const caller = requireCaller(call.req, core.secret);
  const update = call.method === 'PUT';
  const id = await core.upload(call, {
    caller,
    bucketId,
    objectName: key,
    owner: caller.sub,
    upsert: update || call.req.headers['x-upsert'] === 'true',
    operation: update ? 'storage.object.upload_update' : 'storage.object.upload',
  });
  core.send(call, 200, { Id: id, Key: `${bucketId}/${key}` });
}

/**
 * POST /object/upload/sign/<bucket>/<key>: checks now that the caller may write
 * there (the same probe as an upload), then signs owner, url and upsert.
 */
export async function createSignedUpload(core: StorageCore, call: Call, bucketId: string, key: string) {
  // storage-js sends `{}`; the probe sees its declared type and length, like storage-api's.
  await core.readJson(call, { allowEmpty: true });
  const caller = requireCaller(call.req, core.secret);
  const upsert = call.req.headers['x-upsert'] === 'true';
  const contentLength = call.req.headers['content-length'];
  const url = `${bucketId}/${key}`;
  await core.tx(
    call,
    caller,
    'storage.object.sign_upload_url',
    (tx) =>
      core.writeObjectRow(
        tx,
        {
          bucketId,
          name: key,
          owner: caller.sub,
          metadata: {
            mimetype: call.req.headers['content-type'],
            contentLength: contentLength ? Number(contentLength) : undefined,
          },
          userMetadata: parseUserMetadataHeader(call.req.headers['x-metadata']),
          version: '1',
        },
        upsert,
      ),
    { rollback: true },
  );
  const token = signUrlToken(core, { owner: caller.sub, url, upsert }, SIGNED_UPLOAD_URL_EXPIRATION);
  core.send(call, 200, { url: `/object/upload/sign/${url}?token=${token}`, token });
}

/** PUT /object/upload/sign/<bucket>/<key>?token=…: written as the service role for the token's owner. */
export async function uploadSigned(core: StorageCore, call: Call, bucketId: string, key: string) {
  const token = requireToken(call);
  let payload: Record<string, unknown>;
  try {
    payload = signedPayload(core, token);
    if (payload.url !== `${bucketId}/${key}`) throw errors.invalidSignature();
    if (typeof payload.exp === 'number' && payload.exp * 1000 < Date.now()) throw errors.expiredSignature();
  } catch (e) {
    call.req.resume();
    throw e;
  }
  await core.upload(call, {
    caller: core.service,
    bucketId,
    objectName: key,
    owner: typeof payload.owner === 'string' ? payload.owner : undefined,
    upsert: payload.upsert === true,
    operation: 'storage.object.upload_signed',
  });
  core.send(call, 200, { Key: `${bucketId}/${key}` });
}

/** POST /object/list/<bucket>: one level under a prefix through storage.search, as the caller. */
export async function list(core: StorageCore, call: Call, bucketId: string) {
  const body = Fields.body(await core.readJson(call));
  let prefix = body.string('prefix', { required: true })!;
  const limit = body.integer('limit', { min: 1 });
  const offset = body.integer('offset', { min: 0 });
  const sortBy = body.object('sortBy');
  const column = sortBy
    ? sortBy.oneOf(
        'column',
        ['name', 'updated_at', 'created_at', 'last_accessed_at'] as const,
        sortBy.string('column', { required: true }),
      )
    : undefined;
  const order = sortBy?.oneOf('order', ['asc', 'desc'] as const);
  const search = body.string('search');
  const caller = requireCaller(call.req, core.secret);
  if (prefix.length > 0 && !prefix.endsWith('/')) prefix = `${prefix}/`;
  const rows = await core.tx(call, caller, 'storage.object.list', async (tx) => {
    const r = await tx.query(
      `select name, id, updated_at, created_at, last_accessed_at, metadata
       from storage.search($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        prefix,
        bucketId,
        limit ?? 100,
        prefix.split('/').length,
        offset ?? 0,
        search ?? '',
        column ?? 'name',
        order ?? 'asc',
      ],
    );
    return r.rows;
  });
  core.send(call, 200, rows.map(objectJson));
}

interface Cursor {
  startAfter: string;
  sortOrder?: string;
  sortColumn?: string;
  sortColumnAfter?: string;
}

const CURSOR_PARTS: Record<string, keyof Cursor> = {
  l: 'startAfter',
  o: 'sortOrder',
  c: 'sortColumn',
  a: 'sortColumnAfter',
};

function encodeCursor(c: Cursor): string {
  let out = '';
  for (const [k, field] of Object.entries(CURSOR_PARTS)) {
    if (c[field]) out += `${k}:${c[field]}\n`;
  }
  return Buffer.from(out.slice(0, -1)).toString('base64');
}

function decodeCursor(token: string): Cursor {
  const c: Cursor = { startAfter: '', sortOrder: 'asc' };
  for (const part of Buffer.from(token, 'base64').toString().split('\n')) {
    const m = /^(\S):(.*)/.exec(part);
    const field = m ? CURSOR_PARTS[m[1]!] : undefined;
    if (!m || !field) throw errors.invalidParameter('continuation token');
    c[field] = m[2]!;
  }
  return c;
}

type ListRow = Record<string, unknown> & { name: string; id: string | null };

/** POST /object/list-v2/<bucket>: storage-api's listObjectsV2 (cursor pages, optional folders). */
export async function listV2(core: StorageCore, call: Call, bucketId: string) {
  const body = Fields.body((await core.readJson(call, { allowEmpty: true })) ?? {});
  const prefix = body.string('prefix') ?? '';
  const maxKeys = body.integer('limit', { min: 1 });
  const cursorToken = body.string('cursor');
  const withDelimiter = body.boolean('with_delimiter') ?? false;
  const sortBy = body.object('sortBy');
  const sortColumnOpt = sortBy
    ? sortBy.oneOf('column', ['name', 'updated_at', 'created_at'] as const, sortBy.string('column', { required: true }))
    : undefined;
  const sortOrderOpt = sortBy?.oneOf('order', ['asc', 'desc'] as const);
  const caller = requireCaller(call.req, core.secret);

  const limit = Math.min(maxKeys || 1000, 1000);
  const cursor = cursorToken ? decodeCursor(cursorToken) : undefined;
  const order = cursor?.sortOrder || sortOrderOpt;
  const column = cursor?.sortColumn || sortColumnOpt;
  const after = cursor?.sortColumnAfter;

  let rows = await core.tx(call, caller, 'storage.object.list_v2', async (tx) => {
    if (withDelimiter) {
      const levels = prefix ? prefix.split('/').length : 1;
      const r = await tx.query<ListRow & QueryResultRow>(
        'select * from storage.search_v2($1, $2, $3, $4, $5, $6, $7, $8)',
        [
          prefix,
          bucketId,
          limit + 1,
          levels,
          cursor?.startAfter || '',
          order || 'asc',
          column || 'name',
          after || null,
        ],
      );
      return r.rows;
    }
    const dir = order === 'desc' ? 'desc' : 'asc';
    const sortColumn = column === 'updated_at' || column === 'created_at' ? column : undefined;
    const params: unknown[] = [bucketId];
    let where = 'bucket_id = $1';
    if (prefix) {
      params.push(`${prefix.replace(/[\\%_]/g, '\\$&')}%`);
      where += ` and name like $${params.length}`;
    }
    if (cursor?.startAfter) {
      const op = dir === 'asc' ? '>' : '<';
      params.push(cursor.startAfter);
      const nameParam = `$${params.length}`;
      if (sortColumn && after) {
        params.push(after);
        where += ` and (date_trunc('milliseconds', ${sortColumn}), name collate "C") ${op} (coalesce(nullif($${params.length}, '')::timestamptz, 'epoch'::timestamptz), ${nameParam})`;
      } else {
        where += ` and name collate "C" ${op} ${nameParam}`;
      }
    }
    params.push(limit + 1);
    // sortColumn and dir come from fixed lists.
    const orderBy = `${sortColumn ? `${sortColumn} ${dir}, ` : ''}name collate "C" ${dir}`;
    const r = await tx.query<ListRow & QueryResultRow>(
      `select id, name, metadata, updated_at, created_at, last_accessed_at from storage.objects
       where ${where} order by ${orderBy} limit $${params.length}`,
      params,
    );
    return r.rows;
  });

  if (withDelimiter) {
    // Keys deeper than the prefix collapse into one folder entry each.
    const collapsed: ListRow[] = [];
    let previous = '';
    for (const row of rows) {
      let idx = row.name.replace(prefix, '').indexOf('/');
      if (idx >= 0) {
        idx = prefix.length + idx + 1;
        const folder = row.name.substring(0, idx);
        if (folder === previous) continue;
        previous = folder;
        collapsed.push({ id: null, name: folder });
        continue;
      }
      collapsed.push(row);
    }
    rows = collapsed;
  }
  const hasNext = rows.length > limit;
  if (hasNext) rows = rows.slice(0, limit);
  const folders: ListRow[] = [];
  const objects: ListRow[] = [];
  for (const row of rows) {
    const isFolder = row.id === null;
    const name = isFolder && !row.name.endsWith('/') ? `${row.name}/` : row.name;
    (isFolder ? folders : objects).push({ ...row, name });
  }
  const result: Record<string, unknown> = { hasNext };
  if (hasNext) {
    const last = rows[rows.length - 1]!;
    const lastValue = column && column !== 'name' ? last[column] : undefined;
    result.nextCursor = encodeCursor({
      startAfter: last.name,
      sortOrder: order,
      sortColumn: column,
      sortColumnAfter: lastValue ? new Date(lastValue as string | Date).toISOString() : undefined,
    });
    result.nextCursorKey = last.name;
  }
  result.folders = folders;
  result.objects = objects;
  core.send(call, 200, result);
}

function moveCopyBody(body: Fields) {
  return {
    bucketId: body.string('bucketId', { required: true })!,
    sourceKey: body.string('sourceKey', { required: true })!,
    destinationKey: body.string('destinationKey', { required: true })!,
    destinationBucket: body.string('destinationBucket'),
  };
}

/**
 * POST /object/move: as the caller, the source must be visible (SELECT) and the
 * renamed row must pass UPDATE; the bytes get a new version name by hard link.
 */
export async function move(core: StorageCore, call: Call) {
  const body = Fields.body(await core.readJson(call));
  const { bucketId, sourceKey, destinationKey, destinationBucket } = moveCopyBody(body);
  const caller = requireCaller(call.req, core.secret);
  const destBucket = destinationBucket || bucketId;
  mustBeValidKey(destinationKey);
  const same = destBucket === bucketId && destinationKey === sourceKey;
  const newVersion = crypto.randomUUID();
  let linked = false;
  let oldVersion: string | null = null;
  try {
    await core.tx(
      call,
      caller,
      'storage.object.move',
      async (tx) => {
        const src = await core.findObject(tx, bucketId, sourceKey, 'id, version, metadata');
        oldVersion = src.version;
        const r = await tx.query(
          `update storage.objects
           set name = $3, bucket_id = $4, version = $5, owner = $6, owner_id = $7,
               metadata = coalesce(metadata, '{}'::jsonb) || jsonb_build_object('lastModified', $8::text)
           where bucket_id = $1 and name = $2
           returning id`,
          [
            bucketId,
            sourceKey,
            destinationKey,
            destBucket,
            newVersion,
            isUuid(caller.sub) ? caller.sub : null,
            caller.sub ?? null,
            new Date().toISOString(),
          ],
        );
        if (r.rowCount === 0) throw errors.noSuchKey();
        if (same) return;
        await core.blobs.link(src.version ?? '', newVersion);
        linked = true;
      },
      // Moving onto itself changes nothing: the probe is all storage-api does.
      { rollback: same, lockKey: core.objectLock(bucketId, sourceKey) },
    );
  } catch (e) {
    if (linked) await core.blobs.remove(newVersion);
    throw e;
  }
  if (!same) await core.blobs.remove(oldVersion);
  core.send(call, 200, { message: 'Successfully moved' });
}

/**
 * POST /object/copy: SELECT on the source and INSERT on the destination (an upsert
 * when the caller sends x-upsert: true), as the caller; the bytes are shared.
 */
export async function copy(core: StorageCore, call: Call) {
  const body = Fields.body(await core.readJson(call));
  const { bucketId, sourceKey, destinationKey, destinationBucket } = moveCopyBody(body);
  const metaFields = body.object('metadata');
  const overrides: Record<string, string> = {};
  for (const k of ['cacheControl', 'mimetype']) {
    const v = metaFields?.string(k);
    if (v !== undefined) overrides[k] = v;
  }
  const copyMetadata = body.boolean('copyMetadata') ?? true;
  const caller = requireCaller(call.req, core.secret);
  const destBucket = destinationBucket || bucketId;
  mustBeValidKey(destinationKey);
  const upsert = call.req.headers['x-upsert'] === 'true';
  const headerMetadata = parseUserMetadataHeader(call.req.headers['x-metadata']);
  const newVersion = crypto.randomUUID();
  let linked = false;
  let replaced: string | undefined;
  let dest: Record<string, unknown>;
  try {
    dest = await core.tx(
      call,
      caller,
      'storage.object.copy',
      async (tx) => {
        const src = await core.findObject(tx, bucketId, sourceKey, 'bucket_id, metadata, user_metadata, version');
        const baseMeta = src.metadata ?? {};
        const metadata = {
          ...(copyMetadata ? baseMeta : { ...baseMeta, ...overrides }),
          lastModified: new Date().toISOString(),
        };
        const userMetadata = copyMetadata ? src.user_metadata : headerMetadata;
        if (upsert) replaced = await core.currentVersion(destBucket, destinationKey);
        const id = await core.writeObjectRow(
          tx,
          {
            bucketId: destBucket,
            name: destinationKey,
            owner: caller.sub,
            metadata,
            userMetadata,
            version: newVersion,
          },
          upsert,
        );
        await core.blobs.link(src.version ?? '', newVersion);
        linked = true;
        return tx.asService(async () => {
          const r = await tx.query('select * from storage.objects where id = $1', [id]);
          return r.rows[0] as Record<string, unknown>;
        });
      },
      { lockKey: core.objectLock(destBucket, destinationKey) },
    );
  } catch (e) {
    if (linked) await core.blobs.remove(newVersion);
    throw e;
  }
  if (replaced && replaced !== newVersion) await core.blobs.remove(replaced);
  core.send(call, 200, { Id: dest.id, Key: `${destBucket}/${destinationKey}`, ...objectJson(dest) });
}

/** DELETE /object/<bucket> {prefixes}: deletes what the caller may delete and see; returns those rows. */
export async function removeMany(core: StorageCore, call: Call, bucketId: string) {
  const body = Fields.body(await core.readJson(call));
  const prefixes = body.stringArray('prefixes', { required: true, minItems: 1 })!;
  const caller = requireCaller(call.req, core.secret);
  const rows = await core.tx(call, caller, 'storage.object.delete_many', async (tx) => {
    const r = await tx.query(
      'delete from storage.objects where bucket_id = $1 and name = any($2::text[]) returning *',
      [bucketId, prefixes],
    );
    return r.rows;
  });
  for (const row of rows) await core.blobs.remove(row.version);
  core.send(call, 200, rows.map(objectJson));
}

/** DELETE /object/<bucket>/<key> (not used by storage-js 2.119, kept for other clients). */
export async function removeOne(core: StorageCore, call: Call, bucketId: string, key: string) {
  await core.readJson(call, { allowEmpty: true });
  const caller = requireCaller(call.req, core.secret);
  mustBeValidKey(key);
  const version = await core.tx(call, caller, 'storage.object.delete', async (tx) => {
    const obj = await tx.asService(() => core.findObject(tx, bucketId, key, 'id, version'));
    const r = await tx.query('delete from storage.objects where bucket_id = $1 and name = $2 returning id', [
      bucketId,
      key,
    ]);
    if (r.rowCount === 0) throw errors.accessDenied('Access denied');
    return obj.version;
  });
  await core.blobs.remove(version);
  core.send(call, 200, { message: 'Successfully deleted' });
}
