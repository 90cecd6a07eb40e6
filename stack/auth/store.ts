// Auth state lives only in the auth.* tables. The service connects as
// supabase_auth_admin (GoTrue's login on Supabase: owner of auth, search_path auth),
// so project triggers on auth.users run with the privileges they have on Supabase.
// Timestamps are read as text and rendered the way Go's encoding/json renders
// time.Time (RFC 3339, trailing fractional zeros trimmed, "Z" for UTC).
import pg from 'pg';
import type { StackConfig } from '../config.ts';
import { internal } from './errors.ts';

const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ || oid === TIMESTAMP) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export function createAuthPool(config: StackConfig): pg.Pool {
  const pool = new pg.Pool({
    host: config.host,
    port: config.dbPort,
    user: 'supabase_auth_admin',
    password: config.dbPassword,
    database: 'postgres',
    max: 10,
    idleTimeoutMillis: 30_000,
    types,
    // GoTrue runs with UTC; timestamps then come back as "...+00".
    options: '-c timezone=UTC -c search_path=auth',
  });
  pool.on('error', () => undefined);
  return pool;
}

export type Db = pg.Pool | pg.PoolClient;

export async function withTx<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    const out = await fn(c);
    await c.query('commit');
    return out;
  } catch (e) {
    await c.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

/** "2024-05-01 10:20:30.1234+00" or "2024-05-01T10:20:30.1234+00:00" → "2024-05-01T10:20:30.1234Z". */
export function goTime(v: string | null | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:([+-])(\d{2})(?::?(\d{2}))?)?$/.exec(v);
  if (!m) return v;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  let zone = 'Z';
  if (m[4] && !(m[5] === '00' && (m[6] ?? '00') === '00')) zone = `${m[4]}${m[5]}:${m[6] ?? '00'}`;
  return `${m[1]}T${m[2]}${frac ? `.${frac}` : ''}${zone}`;
}

export function timeMs(v: string | null | undefined): number | undefined {
  const g = goTime(v);
  return g === undefined ? undefined : Date.parse(g);
}

export interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Record<string, unknown> | null;
  provider: string;
  last_sign_in_at: string | null;
  created_at: string | null;
  updated_at: string | null;
  email: string | null;
}

export interface FactorRow {
  id: string;
  friendly_name: string | null;
  factor_type: string;
  status: string;
  created_at: string;
  updated_at: string;
  phone: string | null;
  last_challenged_at: string | null;
}

export interface UserRow {
  instance_id: string | null;
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: string | null;
  invited_at: string | null;
  confirmation_token: string | null;
  confirmation_sent_at: string | null;
  recovery_token: string | null;
  recovery_sent_at: string | null;
  email_change_token_new: string | null;
  email_change: string | null;
  email_change_sent_at: string | null;
  last_sign_in_at: string | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  is_super_admin: boolean | null;
  created_at: string | null;
  updated_at: string | null;
  phone: string | null;
  phone_confirmed_at: string | null;
  phone_change: string | null;
  phone_change_token: string | null;
  phone_change_sent_at: string | null;
  confirmed_at: string | null;
  email_change_token_current: string | null;
  email_change_confirm_status: number | null;
  banned_until: string | null;
  reauthentication_token: string | null;
  reauthentication_sent_at: string | null;
  is_sso_user: boolean;
  deleted_at: string | null;
  is_anonymous: boolean;
  identities: IdentityRow[];
  factors: FactorRow[];
}

const USER_SELECT = `select u.*,
  coalesce((select json_agg(json_build_object(
      'id', i.id, 'provider_id', i.provider_id, 'user_id', i.user_id, 'identity_data', i.identity_data,
      'provider', i.provider, 'last_sign_in_at', i.last_sign_in_at, 'created_at', i.created_at,
      'updated_at', i.updated_at, 'email', i.email) order by i.created_at, i.id)
    from auth.identities i where i.user_id = u.id), '[]'::json) as identities,
  coalesce((select json_agg(json_build_object(
      'id', f.id, 'friendly_name', f.friendly_name, 'factor_type', f.factor_type, 'status', f.status,
      'created_at', f.created_at, 'updated_at', f.updated_at, 'phone', f.phone,
      'last_challenged_at', f.last_challenged_at) order by f.created_at)
    from auth.mfa_factors f where f.user_id = u.id), '[]'::json) as factors
  from auth.users u`;

/** GoTrue only sees users of instance uuid.Nil (rows inserted by hand with NULL there are invisible to it). */
const INSTANCE = `u.instance_id = '00000000-0000-0000-0000-000000000000'`;

/**
 * Columns GoTrue scans into plain Go strings: a NULL there makes every lookup of the
 * user fail on Supabase ("converting NULL to string is unsupported"), the classic
 * error of seed files that insert into auth.users by hand. Reproduced so such seeds
 * fail here too instead of only in production.
 */
const GO_STRING_COLUMNS = [
  'confirmation_token',
  'recovery_token',
  'email_change_token_new',
  'email_change',
  'email_change_token_current',
  'phone_change',
  'phone_change_token',
  'reauthentication_token',
] as const;

async function one(db: Db, where: string, params: unknown[]): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`${USER_SELECT} where ${INSTANCE} and ${where} limit 1`, params);
  const u = rows[0];
  if (u) {
    const nulls = GO_STRING_COLUMNS.filter((c) => u[c] === null);
    if (nulls.length) {
      throw internal(
        'Database error querying schema',
        new Error(
          `auth.users ${u.id} has NULL in ${nulls.join(', ')}: GoTrue cannot scan NULL into a string; insert '' instead`,
        ),
      );
    }
  }
  return u;
}

export const findUserById = (db: Db, id: string) => one(db, 'u.id = $1', [id]);

export const findUserByEmail = (db: Db, email: string, aud: string) =>
  one(db, 'lower(u.email) = lower($1) and u.aud = $2 and u.is_sso_user = false', [email, aud]);

/** GoTrue's IsDuplicatedEmail: an identity with that email (of another user in `aud`), else a user with it. */
export async function findDuplicateEmail(
  db: Db,
  email: string,
  aud: string,
  exceptUserId?: string,
): Promise<UserRow | undefined> {
  const { rows } = await db.query<{ user_id: string }>(
    `select distinct i.user_id from auth.identities i join auth.users u on u.id = i.user_id
     where i.email = lower($1) and u.aud = $2 and ($3::uuid is null or i.user_id <> $3::uuid) limit 1`,
    [email, aud, exceptUserId ?? null],
  );
  if (rows[0]) return findUserById(db, rows[0].user_id);
  const u = await findUserByEmail(db, email, aud);
  if (u && u.id === exceptUserId) return undefined;
  return u;
}

/** Text columns GoTrue scans into Go strings: NULL reads as "". */
export const s = (v: string | null | undefined): string => v ?? '';

export function isBanned(u: UserRow): boolean {
  const until = timeMs(u.banned_until);
  return until !== undefined && Date.now() < until;
}

function omitEmpty(o: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export function identityJson(i: IdentityRow): Record<string, unknown> {
  const data = i.identity_data ?? {};
  return omitEmpty({
    identity_id: i.id,
    id: i.provider_id,
    user_id: i.user_id,
    identity_data: Object.keys(data).length ? data : undefined,
    provider: i.provider,
    last_sign_in_at: goTime(i.last_sign_in_at),
    created_at: goTime(i.created_at) ?? '0001-01-01T00:00:00Z',
    updated_at: goTime(i.updated_at) ?? '0001-01-01T00:00:00Z',
    email: i.email ? i.email : undefined,
  });
}

function factorJson(f: FactorRow): Record<string, unknown> {
  return omitEmpty({
    id: f.id,
    status: f.status,
    friendly_name: f.friendly_name ?? undefined,
    factor_type: f.factor_type,
    created_at: goTime(f.created_at),
    updated_at: goTime(f.updated_at),
    last_challenged_at: goTime(f.last_challenged_at) ?? null,
    phone: f.phone ?? undefined,
  });
}

/** The user object as GoTrue serialises models.User (field order and omitempty rules). */
export function userJson(u: UserRow): Record<string, unknown> {
  return omitEmpty({
    id: u.id,
    aud: s(u.aud),
    role: s(u.role),
    email: s(u.email),
    email_confirmed_at: goTime(u.email_confirmed_at),
    invited_at: goTime(u.invited_at),
    phone: s(u.phone),
    phone_confirmed_at: goTime(u.phone_confirmed_at),
    confirmation_sent_at: goTime(u.confirmation_sent_at),
    confirmed_at: goTime(u.confirmed_at),
    recovery_sent_at: goTime(u.recovery_sent_at),
    new_email: u.email_change ? u.email_change : undefined,
    email_change_sent_at: goTime(u.email_change_sent_at),
    new_phone: u.phone_change ? u.phone_change : undefined,
    phone_change_sent_at: goTime(u.phone_change_sent_at),
    reauthentication_sent_at: goTime(u.reauthentication_sent_at),
    last_sign_in_at: goTime(u.last_sign_in_at),
    app_metadata: u.raw_app_meta_data ?? null,
    user_metadata: u.raw_user_meta_data ?? null,
    factors: u.factors.length ? u.factors.map(factorJson) : undefined,
    identities: u.identities.map(identityJson),
    created_at: goTime(u.created_at) ?? '0001-01-01T00:00:00Z',
    updated_at: goTime(u.updated_at) ?? '0001-01-01T00:00:00Z',
    banned_until: goTime(u.banned_until),
    deleted_at: goTime(u.deleted_at),
    is_anonymous: u.is_anonymous,
  });
}

export type AuditAction =
  | 'login'
  | 'logout'
  | 'invite_accepted'
  | 'user_signedup'
  | 'user_invited'
  | 'user_deleted'
  | 'user_modified'
  | 'user_recovery_requested'
  | 'user_reauthenticate_requested'
  | 'user_confirmation_requested'
  | 'user_repeated_signup'
  | 'user_updated_password'
  | 'token_revoked'
  | 'token_refreshed';

const LOG_TYPE: Record<AuditAction, string> = {
  login: 'account',
  logout: 'account',
  invite_accepted: 'account',
  user_signedup: 'team',
  user_invited: 'team',
  user_deleted: 'team',
  token_revoked: 'token',
  token_refreshed: 'token',
  user_modified: 'user',
  user_recovery_requested: 'user',
  user_reauthenticate_requested: 'user',
  user_confirmation_requested: 'user',
  user_repeated_signup: 'user',
  user_updated_password: 'user',
};

export interface Actor {
  id: string;
  email?: string | null;
  phone?: string | null;
  is_sso_user?: boolean;
  raw_user_meta_data?: Record<string, unknown> | null;
}

/** The admin "user" GoTrue records as actor for service_role calls. */
export function adminActor(role: string): Actor {
  return { id: '00000000-0000-0000-0000-000000000000', email: role };
}

/** models.NewAuditLogEntry: one row in auth.audit_log_entries per action. */
export async function audit(
  db: Db,
  actor: Actor,
  action: AuditAction,
  traits?: Record<string, unknown>,
): Promise<void> {
  const payload: Record<string, unknown> = {
    actor_id: actor.id,
    actor_via_sso: actor.is_sso_user ?? false,
    actor_username: actor.phone ? actor.phone : (actor.email ?? ''),
    action,
    log_type: LOG_TYPE[action],
  };
  const name = actor.raw_user_meta_data?.full_name;
  if (name !== undefined) payload.actor_name = name;
  if (traits) payload.traits = traits;
  await db.query(
    `insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address)
     values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), $1, now(), '')`,
    [JSON.stringify(payload)],
  );
}

/** Merge semantics of UpdateUserMetaData / UpdateAppMetaData: null deletes a key. */
export function mergeMeta(
  current: Record<string, unknown> | null,
  updates: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(current ?? {}) };
  for (const [k, v] of Object.entries(updates)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

export async function updateUserMeta(db: Db, userId: string, updates: Record<string, unknown>): Promise<void> {
  // jsonb_strip_nulls would drop nulls nested deeper too; do the merge in SQL key by key instead.
  await db.query(
    `update auth.users set raw_user_meta_data =
       (select coalesce(jsonb_object_agg(key, value), '{}'::jsonb) from jsonb_each(coalesce(raw_user_meta_data, '{}'::jsonb) || $2::jsonb)
        where value <> 'null'::jsonb or not ($2::jsonb ? key)),
       updated_at = now()
     where id = $1`,
    [userId, JSON.stringify(updates)],
  );
}

export async function updateAppMeta(db: Db, userId: string, updates: Record<string, unknown>): Promise<void> {
  await db.query(
    `update auth.users set raw_app_meta_data =
       (select coalesce(jsonb_object_agg(key, value), '{}'::jsonb) from jsonb_each(coalesce(raw_app_meta_data, '{}'::jsonb) || $2::jsonb)
        where value <> 'null'::jsonb or not ($2::jsonb ? key)),
       updated_at = now()
     where id = $1`,
    [userId, JSON.stringify(updates)],
  );
}

/** identity.UpdateIdentityData: same merge on identity_data. */
export async function updateIdentityData(db: Db, identityId: string, updates: Record<string, unknown>): Promise<void> {
  await db.query(
    `update auth.identities set identity_data =
       (select coalesce(jsonb_object_agg(key, value), '{}'::jsonb) from jsonb_each(coalesce(identity_data, '{}'::jsonb) || $2::jsonb)
        where value <> 'null'::jsonb or not ($2::jsonb ? key)),
       updated_at = now()
     where id = $1`,
    [identityId, JSON.stringify(updates)],
  );
}

/** UpdateAppMetaDataProviders: app_metadata.providers (and provider) from the user's identities. */
export async function syncProviders(db: Db, userId: string): Promise<void> {
  const { rows } = await db.query<{ provider: string }>(
    `select distinct provider from auth.identities where user_id = $1 order by provider`,
    [userId],
  );
  const providers = rows.map((r) => r.provider);
  const payload: Record<string, unknown> = { providers };
  if (providers.length > 0) payload.provider = providers[0];
  await updateAppMeta(db, userId, payload);
}

/** Deletes every one-time token of a user (ClearAllOneTimeTokensForUser). */
export async function clearOneTimeTokens(db: Db, userId: string): Promise<void> {
  await db.query('delete from auth.one_time_tokens where user_id = $1', [userId]);
}

export type OttType =
  | 'confirmation_token'
  | 'reauthentication_token'
  | 'recovery_token'
  | 'email_change_token_new'
  | 'email_change_token_current'
  | 'phone_change_token';

export async function createOneTimeToken(
  db: Db,
  userId: string,
  relatesTo: string,
  tokenHash: string,
  type: OttType,
): Promise<void> {
  await db.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [userId, type]);
  await db.query(
    `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
     values (gen_random_uuid(), $1, $2, $3, lower($4), now(), now())`,
    [userId, type, tokenHash, relatesTo],
  );
}

export async function findOneTimeToken(
  db: Db,
  tokenHash: string,
  typesWanted: OttType[],
): Promise<{ user_id: string; token_type: OttType; token_hash: string } | undefined> {
  const { rows } = await db.query<{ user_id: string; token_type: OttType; token_hash: string }>(
    `select user_id, token_type::text as token_type, token_hash from auth.one_time_tokens
     where token_hash = $1 and token_type::text = any($2::text[]) limit 1`,
    [tokenHash, typesWanted],
  );
  return rows[0];
}
