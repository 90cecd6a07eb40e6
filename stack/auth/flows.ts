// Building blocks several endpoints share: creating users and identities the way
// GoTrue's models do (so `after insert on auth.users` triggers see the same row),
// confirming, and the mail-sending flows with their one-time tokens.
import bcrypt from 'bcryptjs';
import type pg from 'pg';
import { AuthError, internal, tooManyRequests } from './errors.ts';
import { AUTH_DEFAULTS, type AuthCtx } from './context.ts';
import type { MailType } from './mailer.ts';
import {
  clearOneTimeTokens,
  createOneTimeToken,
  s,
  timeMs,
  updateAppMeta,
  updateUserMeta,
  type Db,
  type OttType,
  type UserRow,
} from './store.ts';
import { generateOtp, tokenHash } from './util.ts';

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** crypto.GenerateFromPassword: bcrypt cost 10, written with Go's "$2a$" prefix. */
export async function hashPassword(password: string): Promise<string> {
  const h = await bcrypt.hash(password, 10);
  return h.replace(/^\$2b\$/, '$2a$');
}

export async function comparePassword(password: string, hash: string | null): Promise<boolean> {
  if (!hash) return false;
  // Hashes GoTrue cannot read (argon2, firebase scrypt, encrypted) never match here.
  if (!/^\$2[abxy]\$\d\d\$/.test(hash)) return false;
  return bcrypt.compare(password, hash);
}

export interface NewUser {
  id?: string;
  aud: string;
  email: string;
  phone: string;
  /** "" for none (GoTrue stores an empty string, not NULL). */
  encryptedPassword: string;
  userMetadata: Record<string, unknown>;
  appMetadata: Record<string, unknown>;
  isAnonymous?: boolean;
}

/** tx.Create(user): every column written as pop writes a models.User, role still empty. */
export async function insertUser(db: Db, u: NewUser, failMessage = 'Database error saving new user'): Promise<string> {
  try {
    const { rows } = await db.query<{ id: string }>(
      `insert into auth.users (instance_id, id, aud, role, email, is_sso_user, encrypted_password,
         email_confirmed_at, invited_at, phone, phone_confirmed_at, confirmation_token, confirmation_sent_at,
         recovery_token, recovery_sent_at, email_change_token_current, email_change_token_new, email_change,
         email_change_sent_at, email_change_confirm_status, phone_change_token, phone_change, phone_change_sent_at,
         reauthentication_token, reauthentication_sent_at, last_sign_in_at, raw_app_meta_data, raw_user_meta_data,
         created_at, updated_at, banned_until, deleted_at, is_anonymous)
       values ($1, coalesce($2::uuid, gen_random_uuid()), $3, '', nullif($4, ''), false, $5,
         null, null, nullif($6, ''), null, '', null,
         '', null, '', '', '',
         null, 0, '', '', null,
         '', null, null, $7, $8,
         now(), now(), null, null, $9)
       returning id`,
      [
        NIL_UUID,
        u.id ?? null,
        u.aud,
        u.email.toLowerCase(),
        u.encryptedPassword,
        u.phone,
        JSON.stringify(u.appMetadata),
        JSON.stringify(u.userMetadata),
        u.isAnonymous ?? false,
      ],
    );
    return rows[0]!.id;
  } catch (e) {
    throw internal(failMessage, e);
  }
}

export async function setRole(db: Db, userId: string, role: string): Promise<void> {
  try {
    await db.query('update auth.users set role = $2, updated_at = now() where id = $1', [userId, role.trim()]);
  } catch (e) {
    throw internal('Database error updating user', e);
  }
}

/** structs.Map(provider.Claims{Subject, Email, ...}): sub, email, email_verified, phone_verified. */
export function identityClaims(
  sub: string,
  fields: { email?: string; phone?: string; emailVerified?: boolean; phoneVerified?: boolean },
): Record<string, unknown> {
  const out: Record<string, unknown> = { sub };
  if (fields.email) out.email = fields.email;
  out.email_verified = fields.emailVerified ?? false;
  if (fields.phone) out.phone = fields.phone;
  out.phone_verified = fields.phoneVerified ?? false;
  return out;
}

/** createNewIdentity (emails in identity_data are lower-cased, as BeforeCreate does). */
export async function insertIdentity(
  db: Db,
  userId: string,
  provider: string,
  data: Record<string, unknown>,
): Promise<string> {
  const identityData = { ...data };
  if (typeof identityData.email === 'string') identityData.email = identityData.email.toLowerCase();
  try {
    const { rows } = await db.query<{ id: string }>(
      `insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
       values (gen_random_uuid(), $1, $2, $3, $4, now(), now(), now()) returning id`,
      [String(identityData.sub), userId, JSON.stringify(identityData), provider],
    );
    return rows[0]!.id;
  } catch (e) {
    throw internal('Error creating identity', e);
  }
}

/** user.Confirm: email_confirmed_at, user_metadata.email_verified = true, one-time tokens cleared. */
export async function confirmUser(db: Db, userId: string): Promise<void> {
  await db.query(
    `update auth.users set confirmation_token = '', email_confirmed_at = now(), updated_at = now() where id = $1`,
    [userId],
  );
  await updateUserMeta(db, userId, { email_verified: true });
  await clearOneTimeTokens(db, userId);
}

/** user.UpdatePassword: new hash, pending tokens cleared, other (or all) sessions ended. */
export async function updatePassword(
  db: Db,
  userId: string,
  encrypted: string | null,
  keepSessionId?: string,
): Promise<void> {
  await db.query(
    `update auth.users set encrypted_password = $2, confirmation_token = '', confirmation_sent_at = null,
       recovery_token = '', recovery_sent_at = null, email_change_token_current = '', email_change_token_new = '',
       email_change_sent_at = null, phone_change_token = '', phone_change_sent_at = null,
       reauthentication_token = '', reauthentication_sent_at = null, updated_at = now()
     where id = $1`,
    [userId, encrypted],
  );
  await clearOneTimeTokens(db, userId);
  if (keepSessionId)
    await db.query('delete from auth.sessions where id <> $1 and user_id = $2', [keepSessionId, userId]);
  else await db.query('delete from auth.sessions where user_id = $1', [userId]);
}

export { updateAppMeta };

/** validateSentWithinFrequencyLimit. */
function checkFrequency(sentAt: string | null): void {
  const t = timeMs(sentAt);
  if (t !== undefined && t + AUTH_DEFAULTS.maxFrequencyMs > Date.now()) {
    const left = Math.trunc((t + AUTH_DEFAULTS.maxFrequencyMs - Date.now()) / 1000);
    throw tooManyRequests(
      'over_email_send_rate_limit',
      `For security purposes, you can only request this after ${left} seconds.`,
    );
  }
}

export type FlowType = 'pkce' | 'implicit';

export const flowOf = (codeChallenge: string): FlowType => (codeChallenge ? 'pkce' : 'implicit');

function withFlowPrefix(token: string, flow: FlowType): string {
  return flow === 'pkce' ? `pkce_${token}` : token;
}

async function deliver(
  ctx: AuthCtx,
  type: MailType,
  to: string,
  opts: Parameters<AuthCtx['mailer']['send']>[2],
  failMessage: string,
): Promise<void> {
  try {
    await ctx.mailer.send(type, to, opts);
  } catch (e) {
    if (e instanceof AuthError) throw e;
    throw internal(failMessage, e);
  }
}

/** api.sendConfirmation. */
export async function sendConfirmation(
  ctx: AuthCtx,
  db: Db,
  u: UserRow,
  flow: FlowType,
  redirectTo: string,
): Promise<void> {
  checkFrequency(u.confirmation_sent_at);
  const otp = generateOtp(AUTH_DEFAULTS.otpLength);
  const token = withFlowPrefix(tokenHash(s(u.email), otp), flow);
  await deliver(ctx, 'signup', s(u.email), { tokenHash: token, otp, redirectTo }, 'Error sending confirmation email');
  await db.query(
    'update auth.users set confirmation_token = $2, confirmation_sent_at = now(), updated_at = now() where id = $1',
    [u.id, token],
  );
  await createOneTimeToken(db, u.id, s(u.email), token, 'confirmation_token');
}

/** api.sendInvite. */
export async function sendInvite(ctx: AuthCtx, db: Db, u: UserRow, redirectTo: string): Promise<void> {
  const otp = generateOtp(AUTH_DEFAULTS.otpLength);
  const token = tokenHash(s(u.email), otp);
  await deliver(ctx, 'invite', s(u.email), { tokenHash: token, otp, redirectTo }, 'Error sending invite email');
  await db.query(
    `update auth.users set confirmation_token = $2, confirmation_sent_at = now(), invited_at = now(), updated_at = now() where id = $1`,
    [u.id, token],
  );
  await createOneTimeToken(db, u.id, s(u.email), token, 'confirmation_token');
}

/** api.sendPasswordRecovery and api.sendMagicLink (same token columns, different template). */
export async function sendRecoveryLike(
  ctx: AuthCtx,
  db: Db,
  u: UserRow,
  flow: FlowType,
  redirectTo: string,
  kind: 'recovery' | 'magiclink',
): Promise<void> {
  checkFrequency(u.recovery_sent_at);
  const otp = generateOtp(AUTH_DEFAULTS.otpLength);
  const token = withFlowPrefix(tokenHash(s(u.email), otp), flow);
  await deliver(
    ctx,
    kind,
    s(u.email),
    { tokenHash: token, otp, redirectTo },
    kind === 'recovery' ? 'Error sending recovery email' : 'Error sending magic link email',
  );
  await db.query(
    'update auth.users set recovery_token = $2, recovery_sent_at = now(), updated_at = now() where id = $1',
    [u.id, token],
  );
  await createOneTimeToken(db, u.id, s(u.email), token, 'recovery_token');
}

/** api.sendEmailChange: a code to the new address and, with secure change, one to the current. */
export async function sendEmailChange(
  ctx: AuthCtx,
  db: Db,
  u: UserRow,
  newEmail: string,
  flow: FlowType,
  redirectTo: string,
): Promise<void> {
  checkFrequency(u.email_change_sent_at);
  const secure = ctx.config.auth.doubleConfirmChanges;
  const otpNew = generateOtp(AUTH_DEFAULTS.otpLength);
  const tokenNew = withFlowPrefix(tokenHash(newEmail, otpNew), flow);
  let otpCurrent = '';
  let tokenCurrent = '';
  const current = s(u.email);
  if (secure && current) {
    otpCurrent = generateOtp(AUTH_DEFAULTS.otpLength);
    tokenCurrent = withFlowPrefix(tokenHash(current, otpCurrent), flow);
  }
  const sends = [
    deliver(
      ctx,
      'email_change',
      newEmail,
      { tokenHash: tokenNew, otp: otpNew, redirectTo, newEmail },
      'Error sending email change email',
    ),
  ];
  if (tokenCurrent) {
    sends.push(
      deliver(
        ctx,
        'email_change',
        current,
        { tokenHash: tokenCurrent, otp: otpCurrent, redirectTo, newEmail },
        'Error sending email change email',
      ),
    );
  }
  await Promise.all(sends);
  await db.query(
    `update auth.users set email_change_token_current = $2, email_change_token_new = $3, email_change = $4,
       email_change_sent_at = now(), email_change_confirm_status = 0, updated_at = now() where id = $1`,
    [u.id, tokenCurrent || s(u.email_change_token_current), tokenNew, newEmail],
  );
  const currentToken = tokenCurrent || s(u.email_change_token_current);
  if (currentToken) await createOneTimeToken(db, u.id, current, currentToken, 'email_change_token_current');
  await createOneTimeToken(db, u.id, newEmail, tokenNew, 'email_change_token_new');
}

/** api.sendReauthenticationOtp. */
export async function sendReauthentication(ctx: AuthCtx, db: Db, u: UserRow): Promise<void> {
  checkFrequency(u.reauthentication_sent_at);
  const otp = generateOtp(AUTH_DEFAULTS.otpLength);
  const token = tokenHash(s(u.email), otp);
  await deliver(ctx, 'reauthentication', s(u.email), { otp }, 'Error sending reauthentication email');
  await db.query(
    'update auth.users set reauthentication_token = $2, reauthentication_sent_at = now(), updated_at = now() where id = $1',
    [u.id, token],
  );
  await createOneTimeToken(db, u.id, s(u.email), token, 'reauthentication_token');
}

/** generateFlowState: a PKCE flow waiting for its auth code to be exchanged. */
export async function createFlowState(
  db: Db,
  providerType: string,
  authenticationMethod: string,
  codeChallengeMethod: string,
  codeChallenge: string,
  userId: string,
): Promise<void> {
  const method = codeChallengeMethod.toLowerCase();
  if (method !== 's256' && method !== 'plain') {
    throw new Error(`unsupported code_challenge method "${codeChallengeMethod}"`);
  }
  await db.query(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
       provider_access_token, provider_refresh_token, created_at, updated_at, authentication_method)
     values (gen_random_uuid(), $1, gen_random_uuid()::text, $2::auth.code_challenge_method, $3, $4, '', '', now(), now(), $5)`,
    [userId, method, codeChallenge, providerType, authenticationMethod],
  );
}

/** Clears one one-time token type (ClearOneTimeTokenForUser). */
export async function clearOneTimeToken(db: Db, userId: string, type: OttType): Promise<void> {
  await db.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [userId, type]);
}

export type { pg };
