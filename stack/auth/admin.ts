// Admin endpoints (service_role): /admin/users (create, list with pagination, get,
// update including bans, delete), /admin/generate_link, /invite
// (GoTrue internal/api/{admin,invite,mail}.go).
import crypto from 'node:crypto';
import { AuthError, badRequest, internal, notFound, unprocessable } from './errors.ts';
import { AUTH_DEFAULTS, referrer, requestAud, requireAdmin, type AuthCtx, type Req } from './context.ts';
import {
  confirmUser,
  hashPassword,
  identityClaims,
  insertIdentity,
  insertUser,
  sendInvite,
  setRole,
  updatePassword,
} from './flows.ts';
import { bool, obj, optStr, parseObject, readParams, readRaw, str } from './params.ts';
import type { Reply } from './account.ts';
import {
  adminActor,
  audit,
  clearOneTimeTokens,
  createOneTimeToken,
  findDuplicateEmail,
  findUserByEmail,
  findUserById,
  s,
  updateAppMeta,
  updateIdentityData,
  updateUserMeta,
  userJson,
  withTx,
  type Db,
  type UserRow,
} from './store.ts';
import {
  checkPasswordStrength,
  generateOtp,
  isRedirectUrlValid,
  MAX_PASSWORD_LENGTH,
  parseGoDuration,
  randomPassword,
  tokenHash,
  validateEmail,
  validatePhone,
} from './util.ts';

const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** ban_duration: Go duration or "none"; returns ms (0 = lift the ban) or undefined. */
function banDuration(raw: string): number | undefined {
  if (raw === '') return undefined;
  if (raw === 'none') return 0;
  try {
    return parseGoDuration(raw);
  } catch (e) {
    throw badRequest('validation_failed', `invalid format for ban duration: ${(e as Error).message}`);
  }
}

async function applyBan(db: Db, userId: string, ms: number): Promise<void> {
  if (ms === 0) await db.query('update auth.users set banned_until = null, updated_at = now() where id = $1', [userId]);
  else {
    await db.query(
      `update auth.users set banned_until = now() + ($2::double precision * interval '1 millisecond'), updated_at = now() where id = $1`,
      [userId, ms],
    );
  }
}

/** loadUser middleware. */
async function loadUser(ctx: AuthCtx, id: string): Promise<UserRow> {
  if (!UUID_RE.test(id)) throw notFound('validation_failed', 'user_id must be an UUID');
  const u = await findUserById(ctx.pool, id);
  if (!u) throw notFound('user_not_found', 'User not found');
  return u;
}

// ---------------------------------------------------------------------------
// list

function parseUint(v: string | null, dflt: number): number {
  if (v === null || v === '') return dflt;
  if (!/^\d+$/.test(v))
    throw badRequest(
      'validation_failed',
      `Bad Pagination Parameters: strconv.ParseUint: parsing ${JSON.stringify(v)}: invalid syntax`,
    );
  return Number(v);
}

async function listUsers(ctx: AuthCtx, r: Req): Promise<Reply> {
  const aud = requestAud(r);
  const sort = r.query.get('sort');
  let dir = 'desc';
  if (sort) {
    const m = /^created_at(?:\s+(asc|desc))?$/i.exec(sort.trim());
    if (!m)
      throw badRequest('validation_failed', `Bad Sort Parameters: ${sort.split(/\s+/)[0]} is not a valid sort field`);
    dir = (m[1] ?? 'desc').toLowerCase();
  }
  const page = parseUint(r.query.get('page'), 1);
  const perPage = parseUint(r.query.get('per_page'), 50);
  // GoTrue divides by per_page when computing the last page.
  if (perPage === 0) throw internal('Internal Server Error');
  const filter = r.query.get('filter') ?? '';
  const where = [`instance_id = '00000000-0000-0000-0000-000000000000'`, 'aud = $1'];
  const params: unknown[] = [aud];
  if (filter) {
    params.push(`%${filter}%`);
    where.push(`(email like $${params.length} or raw_user_meta_data->>'full_name' ilike $${params.length})`);
  }
  const total = Number(
    (
      await ctx.pool.query<{ n: string }>(
        `select count(*)::text as n from auth.users where ${where.join(' and ')}`,
        params,
      )
    ).rows[0]!.n,
  );
  // pop's Paginate: page < 1 is page 1.
  const offset = (Math.max(page, 1) - 1) * perPage;
  const ids = (
    await ctx.pool.query<{ id: string }>(
      `select id from auth.users where ${where.join(' and ')} order by created_at ${dir}, id ${dir} limit ${perPage} offset ${offset}`,
      params,
    )
  ).rows;
  const users: Record<string, unknown>[] = [];
  for (const { id } of ids) {
    const u = await findUserById(ctx.pool, id);
    if (u) users.push(userJson(u));
  }
  // addPaginationHeaders: links keep the request's other parameters, keys sorted.
  const totalPages = Math.ceil(total / perPage);
  const linkFor = (p: number) => {
    const q = new URLSearchParams(r.query);
    q.set('page', String(p));
    const keys = [...new Set([...q.keys()])].sort();
    const encoded = keys
      .flatMap((k) => q.getAll(k).map((v) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
      .join('&');
    return `${r.path}?${encoded}`;
  };
  let link = '';
  if (totalPages > page) link += `<${linkFor(page + 1)}>; rel="next", `;
  link += `<${linkFor(totalPages)}>; rel="last"`;
  return { status: 200, body: { users, aud }, headers: { Link: link, 'X-Total-Count': String(total) } };
}

// ---------------------------------------------------------------------------
// create

async function createUser(ctx: AuthCtx, r: Req, adminRole: string): Promise<Reply> {
  const S = 'AdminUserParams';
  const p = await readParams(r.req, S);
  const id = str(p, 'id', S);
  let aud = requestAud(r);
  const paramAud = str(p, 'aud', S);
  if (paramAud) aud = paramAud;
  const role = str(p, 'role', S);
  let email = str(p, 'email', S);
  let phone = str(p, 'phone', S);
  let password = optStr(p, 'password', S);
  const passwordHash = str(p, 'password_hash', S);
  const emailConfirm = bool(p, 'email_confirm', S);
  const phoneConfirm = bool(p, 'phone_confirm', S);
  const userMeta = obj(p, 'user_metadata', S);
  const appMeta = obj(p, 'app_metadata', S);
  const ban = banDurationLater(str(p, 'ban_duration', S));

  if (email === '' && phone === '')
    throw badRequest('validation_failed', 'Cannot create a user without either an email or phone');
  const providers: string[] = [];
  if (email !== '') {
    email = validateEmail(email);
    if (await findDuplicateEmail(ctx.pool, email, aud)) {
      throw unprocessable('email_exists', 'A user with this email address has already been registered');
    }
    providers.push('email');
  }
  if (phone !== '') {
    phone = validatePhone(phone);
    const { rows } = await ctx.pool.query(
      `select 1 from auth.users where instance_id = '00000000-0000-0000-0000-000000000000' and phone = $1 and aud = $2 and is_sso_user = false`,
      [phone, aud],
    );
    if (rows.length) throw unprocessable('phone_exists', 'Phone number already registered by another user');
    providers.push('phone');
  }
  if (password !== undefined && passwordHash !== '') {
    throw badRequest('validation_failed', 'Only a password or a password hash should be provided');
  }
  if ((password === undefined || password === '') && passwordHash === '') password = randomPassword(64);
  let encrypted: string;
  if (passwordHash !== '') {
    if (
      !/^\$2[abxy]\$\d\d\$[./A-Za-z0-9]{53}$/.test(passwordHash) &&
      !passwordHash.startsWith('$argon2') &&
      !passwordHash.startsWith('$fbscrypt$')
    ) {
      throw internal('Error creating user', new Error('crypto/bcrypt: hashedSecret not a valid bcrypt hash'));
    }
    encrypted = passwordHash;
  } else {
    if (Buffer.byteLength(password!) > MAX_PASSWORD_LENGTH) {
      throw badRequest('validation_failed', 'bcrypt: password length exceeds 72 bytes');
    }
    encrypted = await hashPassword(password!);
  }
  if (id !== '') {
    if (!UUID_RE.test(id)) throw badRequest('validation_failed', 'ID must conform to the uuid v4 format');
    if (/^0{8}-?0{4}-?0{4}-?0{4}-?0{12}$/.test(id)) throw badRequest('validation_failed', 'ID cannot be a nil uuid');
  }
  const banMs = ban();
  const actor = adminActor(adminRole);
  let userId: string;
  try {
    userId = await withTx(ctx.pool, async (c) => {
      const newId = await insertUser(c, {
        id: id || undefined,
        aud,
        email,
        phone,
        encryptedPassword: encrypted,
        userMetadata: userMeta ?? {},
        appMetadata: { provider: providers[0], providers },
      });
      if (email) await insertIdentity(c, newId, 'email', identityClaims(newId, { email }));
      if (phone) await insertIdentity(c, newId, 'phone', identityClaims(newId, { phone }));
      await audit(c, actor, 'user_signedup', {
        user_id: newId,
        user_email: email,
        user_phone: phone,
        provider: providers[0],
      });
      await setRole(c, newId, role || AUTH_DEFAULTS.defaultRole);
      if (appMeta) await updateAppMeta(c, newId, appMeta);
      if (emailConfirm) await confirmUser(c, newId);
      if (phoneConfirm) {
        await c.query(
          `update auth.users set confirmation_token = '', phone_confirmed_at = now(), updated_at = now() where id = $1`,
          [newId],
        );
        await clearOneTimeTokens(c, newId);
      }
      if (banMs !== undefined) await applyBan(c, newId, banMs);
      return newId;
    });
  } catch (e) {
    throw internal('Database error creating new user', e instanceof AuthError ? (e.internal ?? e) : e);
  }
  const u = await findUserById(ctx.pool, userId);
  return { status: 200, body: userJson(u!) };
}

/** Parses ban_duration now (so a bad value fails before any write) and hands back the result. */
function banDurationLater(raw: string): () => number | undefined {
  const v = banDuration(raw);
  return () => v;
}

// ---------------------------------------------------------------------------
// update, delete

async function updateUser(ctx: AuthCtx, r: Req, user: UserRow, adminRole: string): Promise<Reply> {
  const S = 'AdminUserParams';
  const p = await readParams(r.req, S);
  const role = str(p, 'role', S);
  let email = str(p, 'email', S);
  let phone = str(p, 'phone', S);
  const password = optStr(p, 'password', S);
  const emailConfirm = bool(p, 'email_confirm', S);
  const phoneConfirm = bool(p, 'phone_confirm', S);
  const userMeta = obj(p, 'user_metadata', S);
  const appMeta = obj(p, 'app_metadata', S);
  if (email !== '') email = validateEmail(email);
  if (phone !== '') phone = validatePhone(phone);
  const ban = banDuration(str(p, 'ban_duration', S));
  let encrypted: string | null | undefined;
  if (password !== undefined) {
    checkPasswordStrength(password, ctx.config.auth.minimumPasswordLength);
    encrypted = password === '' ? null : await hashPassword(password);
  }
  const addingFirstPassword = !!password && !user.encrypted_password;
  const actor = adminActor(adminRole);
  try {
    await withTx(ctx.pool, async (c) => {
      if (role !== '') await setRole(c, user.id, role);
      if (emailConfirm) await confirmUser(c, user.id);
      if (phoneConfirm) {
        await c.query(
          `update auth.users set confirmation_token = '', phone_confirmed_at = now(), updated_at = now() where id = $1`,
          [user.id],
        );
        await clearOneTimeTokens(c, user.id);
      }
      if (encrypted !== undefined) await updatePassword(c, user.id, encrypted);
      if (email !== '') {
        const identity = (
          await c.query<{ id: string }>(
            `select id from auth.identities where provider_id = $1 and provider = 'email'`,
            [user.id],
          )
        ).rows[0];
        if (!identity)
          await insertIdentity(c, user.id, 'email', identityClaims(user.id, { email, emailVerified: emailConfirm }));
        else await updateIdentityData(c, identity.id, { email, email_verified: emailConfirm });
        if (user.is_anonymous && emailConfirm)
          await c.query('update auth.users set is_anonymous = false where id = $1', [user.id]);
        await c.query('update auth.users set email = $2, updated_at = now() where id = $1', [user.id, email]);
      }
      if (phone !== '') {
        const identity = (
          await c.query<{ id: string }>(
            `select id from auth.identities where provider_id = $1 and provider = 'phone'`,
            [user.id],
          )
        ).rows[0];
        if (!identity)
          await insertIdentity(c, user.id, 'phone', identityClaims(user.id, { phone, phoneVerified: phoneConfirm }));
        else await updateIdentityData(c, identity.id, { phone, phone_verified: phoneConfirm });
        if (user.is_anonymous && phoneConfirm)
          await c.query('update auth.users set is_anonymous = false where id = $1', [user.id]);
        await c.query('update auth.users set phone = $2, updated_at = now() where id = $1', [user.id, phone]);
      }
      if (addingFirstPassword && (email || user.email)) {
        const has = await c.query(`select 1 from auth.identities where user_id = $1 and provider = 'email'`, [user.id]);
        if (!has.rows.length) {
          await insertIdentity(
            c,
            user.id,
            'email',
            identityClaims(user.id, { email: email || s(user.email), emailVerified: !!user.email_confirmed_at }),
          );
        }
      }
      if (appMeta) await updateAppMeta(c, user.id, appMeta);
      if (userMeta) await updateUserMeta(c, user.id, userMeta);
      if (ban !== undefined) await applyBan(c, user.id, ban);
      await audit(c, actor, 'user_modified', {
        user_id: user.id,
        user_email: s(user.email),
        user_phone: s(user.phone),
      });
    });
  } catch (e) {
    throw internal('Error updating user', e instanceof AuthError ? (e.internal ?? e) : e);
  }
  const fresh = await findUserById(ctx.pool, user.id);
  return { status: 200, body: userJson(fresh!) };
}

/** obfuscateValue: base64url(sha256(id + value)). */
function obfuscate(id: string, value: string): string {
  return crypto
    .createHash('sha256')
    .update(id + value)
    .digest('base64url');
}

async function deleteUser(ctx: AuthCtx, r: Req, user: UserRow, adminRole: string): Promise<Reply> {
  const raw = await readRaw(r.req);
  let soft = false;
  if (raw.length) soft = bool(parseObject(raw, 'adminUserDeleteParams'), 'should_soft_delete', 'adminUserDeleteParams');
  await withTx(ctx.pool, async (c) => {
    try {
      await audit(c, adminActor(adminRole), 'user_deleted', {
        user_id: user.id,
        user_email: s(user.email),
        user_phone: s(user.phone),
      });
    } catch (e) {
      throw internal('Error recording audit log entry', e);
    }
    if (soft) {
      if (user.deleted_at) return;
      try {
        await c.query(
          `update auth.users set email = nullif($2, ''), phone = nullif($3, ''), encrypted_password = null,
             email_change = $4, phone_change = $5, confirmation_token = '', recovery_token = '',
             email_change_token_current = '', email_change_token_new = '', phone_change_token = '',
             deleted_at = now(), raw_user_meta_data = '{}'::jsonb, raw_app_meta_data = '{}'::jsonb, updated_at = now()
           where id = $1`,
          [
            user.id,
            user.email ? obfuscate(user.id, user.email) : '',
            user.phone ? obfuscate(user.id, user.phone).slice(0, 15) : '',
            user.email_change ? obfuscate(user.id, user.email_change) : '',
            user.phone_change ? obfuscate(user.id, user.phone_change).slice(0, 15) : '',
          ],
        );
        await clearOneTimeTokens(c, user.id);
        await c.query('delete from auth.sessions where user_id = $1', [user.id]);
      } catch (e) {
        throw internal('Error soft deleting user', e);
      }
      try {
        for (const i of user.identities) {
          await c.query(
            `update auth.identities set identity_data = '{}'::jsonb, provider_id = $2, updated_at = now() where id = $1`,
            [i.id, obfuscate(i.user_id, `${i.provider}:${i.provider_id}`)],
          );
        }
      } catch (e) {
        throw internal('Error soft deleting user identities', e);
      }
      await c.query('delete from auth.mfa_factors where user_id = $1', [user.id]);
      await c.query('delete from auth.webauthn_credentials where user_id = $1', [user.id]);
    } else {
      try {
        await c.query('delete from auth.users where id = $1', [user.id]);
      } catch (e) {
        throw internal('Database error deleting user', e);
      }
    }
  });
  return { status: 200, body: {} };
}

// ---------------------------------------------------------------------------
// invite, generate_link

export async function invite(ctx: AuthCtx, r: Req): Promise<Reply> {
  const { claims } = await requireAdmin(ctx, r);
  const p = await readParams(r.req, 'InviteParams');
  const email = validateEmail(str(p, 'email', 'InviteParams'));
  const data = obj(p, 'data', 'InviteParams') ?? {};
  const aud = requestAud(r);
  const existing = await findUserByEmail(ctx.pool, email, aud);
  const redirectTo = referrer(ctx, r);
  const userId = await withTx(ctx.pool, async (c) => {
    let id: string;
    if (existing) {
      if (existing.email_confirmed_at)
        throw unprocessable('email_exists', 'A user with this email address has already been registered');
      id = existing.id;
    } else {
      id = await insertUser(c, {
        aud,
        email,
        phone: '',
        encryptedPassword: '',
        userMetadata: data,
        appMetadata: { provider: 'email', providers: ['email'] },
      });
      await setRole(c, id, AUTH_DEFAULTS.defaultRole);
      await insertIdentity(c, id, 'email', identityClaims(id, { email }));
    }
    await audit(c, adminActor(String(claims.role)), 'user_invited', { user_id: id, user_email: email });
    await sendInvite(ctx, c, (await findUserById(c, id))!, redirectTo);
    return id;
  });
  const u = await findUserById(ctx.pool, userId);
  return { status: 200, body: userJson(u!) };
}

async function generateLink(ctx: AuthCtx, r: Req, adminRole: string): Promise<Reply> {
  const S = 'GenerateLinkParams';
  const p = await readParams(r.req, S);
  let type = str(p, 'type', S);
  const email = validateEmail(str(p, 'email', S));
  let newEmail = str(p, 'new_email', S);
  let password = str(p, 'password', S);
  const data = obj(p, 'data', S) ?? {};
  const paramRedirect = str(p, 'redirect_to', S);
  let redirectTo = referrer(ctx, r);
  if (isRedirectUrlValid(ctx.redirect, paramRedirect)) redirectTo = paramRedirect;
  const aud = requestAud(r);
  let user = await findUserByEmail(ctx.pool, email, aud);
  if (!user) {
    if (type === 'magiclink') {
      type = 'signup';
      password = randomPassword(64);
    } else if (type === 'recovery' || type === 'email_change_current' || type === 'email_change_new') {
      throw notFound('user_not_found', 'User with this email not found');
    }
  }
  const otp = generateOtp(AUTH_DEFAULTS.otpLength);
  const hashed = tokenHash(email, otp);
  let signupHash: string | undefined;
  if (type === 'signup' && !user) {
    if (password === '') throw badRequest('validation_failed', 'Signup requires a valid password');
    checkPasswordStrength(password, ctx.config.auth.minimumPasswordLength);
    signupHash = await hashPassword(password);
  }
  const actor = adminActor(adminRole);
  let linkToken = '';
  let linkType = type;
  const userId = await withTx(ctx.pool, async (c) => {
    switch (type) {
      case 'magiclink':
      case 'recovery': {
        const u = user!;
        await audit(c, u, 'user_recovery_requested');
        await c.query(
          'update auth.users set recovery_token = $2, recovery_sent_at = now(), updated_at = now() where id = $1',
          [u.id, hashed],
        );
        await createOneTimeToken(c, u.id, s(u.email), hashed, 'recovery_token');
        linkToken = hashed;
        return u.id;
      }
      case 'invite': {
        let id: string;
        if (user) {
          if (user.email_confirmed_at)
            throw unprocessable('email_exists', 'A user with this email address has already been registered');
          id = user.id;
        } else {
          id = await insertUser(c, {
            aud,
            email,
            phone: '',
            encryptedPassword: '',
            userMetadata: data,
            appMetadata: { provider: 'email', providers: ['email'] },
          });
          await setRole(c, id, AUTH_DEFAULTS.defaultRole);
          await insertIdentity(c, id, 'email', identityClaims(id, { email }));
        }
        await audit(c, actor, 'user_invited', { user_id: id, user_email: email });
        await c.query(
          'update auth.users set confirmation_token = $2, confirmation_sent_at = now(), invited_at = now(), updated_at = now() where id = $1',
          [id, hashed],
        );
        await createOneTimeToken(c, id, email, hashed, 'confirmation_token');
        linkToken = hashed;
        return id;
      }
      case 'signup': {
        let id: string;
        if (user) {
          if (user.email_confirmed_at)
            throw unprocessable('email_exists', 'A user with this email address has already been registered');
          try {
            await updateUserMeta(c, user.id, data);
          } catch (e) {
            throw internal('Database error updating user', e);
          }
          id = user.id;
        } else {
          id = await insertUser(c, {
            aud,
            email,
            phone: '',
            encryptedPassword: signupHash!,
            userMetadata: data,
            appMetadata: { provider: 'email', providers: ['email'] },
          });
          await setRole(c, id, AUTH_DEFAULTS.defaultRole);
          await insertIdentity(c, id, 'email', identityClaims(id, { email }));
        }
        await c.query(
          'update auth.users set confirmation_token = $2, confirmation_sent_at = now(), updated_at = now() where id = $1',
          [id, hashed],
        );
        await createOneTimeToken(c, id, email, hashed, 'confirmation_token');
        linkToken = hashed;
        return id;
      }
      case 'email_change_current':
      case 'email_change_new': {
        const u = user!;
        if (!ctx.config.auth.doubleConfirmChanges && type === 'email_change_current') {
          throw badRequest('validation_failed', 'Enable secure email change to generate link for current email');
        }
        newEmail = validateEmail(newEmail);
        if (await findDuplicateEmail(c, newEmail, s(u.aud), u.id)) {
          throw unprocessable('email_exists', 'A user with this email address has already been registered');
        }
        const current = type === 'email_change_current' ? hashed : s(u.email_change_token_current);
        const next = type === 'email_change_new' ? tokenHash(newEmail, otp) : s(u.email_change_token_new);
        await c.query(
          `update auth.users set email_change_token_current = $2, email_change_token_new = $3, email_change = $4,
             email_change_sent_at = now(), email_change_confirm_status = 0, updated_at = now() where id = $1`,
          [u.id, current, next, newEmail],
        );
        if (current) await createOneTimeToken(c, u.id, s(u.email), current, 'email_change_token_current');
        if (next) await createOneTimeToken(c, u.id, newEmail, next, 'email_change_token_new');
        linkToken = type === 'email_change_current' ? current : next;
        linkType = 'email_change';
        return u.id;
      }
      default:
        throw badRequest('validation_failed', `Invalid email action link type requested: ${type}`);
    }
  });
  user = await findUserById(ctx.pool, userId);
  return {
    status: 200,
    body: {
      ...userJson(user!),
      action_link: ctx.mailer.actionLink(linkToken, linkType, redirectTo),
      email_otp: otp,
      hashed_token: hashed,
      verification_type: type,
      redirect_to: redirectTo,
    },
  };
}

// ---------------------------------------------------------------------------
// routing under /admin

export async function admin(ctx: AuthCtx, r: Req): Promise<Reply | undefined> {
  const { claims } = await requireAdmin(ctx, r);
  const role = String(claims.role);
  const parts = r.path.split('/').filter(Boolean); // ['admin', 'users', id?, 'factors'?]
  if (parts[1] === 'users') {
    if (parts.length === 2) {
      if (r.method === 'GET') return listUsers(ctx, r);
      if (r.method === 'POST') return createUser(ctx, r, role);
      return { status: 405 };
    }
    const user = await loadUser(ctx, parts[2]!);
    if (parts.length === 3) {
      if (r.method === 'GET') return { status: 200, body: userJson(user) };
      if (r.method === 'PUT') return updateUser(ctx, r, user, role);
      if (r.method === 'DELETE') return deleteUser(ctx, r, user, role);
      return { status: 405 };
    }
    if (parts[3] === 'factors' && parts.length === 4 && r.method === 'GET') {
      return { status: 200, body: userJson(user).factors ?? [] };
    }
    if (parts[3] === 'factors' && parts.length === 5) {
      const factor = user.factors.find((f) => f.id === parts[4]);
      if (!UUID_RE.test(parts[4]!)) throw notFound('validation_failed', 'factor_id must be an UUID');
      if (!factor) throw notFound('mfa_factor_not_found', 'Factor not found');
      if (r.method === 'DELETE') {
        await ctx.pool.query('delete from auth.mfa_factors where id = $1', [factor.id]);
        return { status: 200, body: factor };
      }
      return { status: 405 };
    }
    return undefined;
  }
  if (parts[1] === 'generate_link' && parts.length === 2) {
    if (r.method === 'POST') return generateLink(ctx, r, role);
    return { status: 405 };
  }
  if (parts[1] === 'audit' && parts.length === 2 && r.method === 'GET') {
    const page = parseUint(r.query.get('page'), 1);
    const perPage = parseUint(r.query.get('per_page'), 50);
    const { rows } = await ctx.pool.query<{ id: string; payload: unknown; created_at: string; ip_address: string }>(
      `select id, payload, created_at, ip_address from auth.audit_log_entries order by created_at desc limit $1 offset $2`,
      [perPage, (Math.max(page, 1) - 1) * perPage],
    );
    return {
      status: 200,
      body: rows.map((x) => ({ id: x.id, payload: x.payload, created_at: x.created_at, ip_address: x.ip_address })),
    };
  }
  return undefined;
}
