// The endpoints auth-js calls for a user: signup, token (password, refresh_token,
// pkce), user, logout, verify, otp/magiclink, recover, resend, reauthenticate.
// Each follows the GoTrue handler of the same name (internal/api/*.go).
import crypto from 'node:crypto';
import { AuthError, badRequest, forbidden, internal, notFound, unprocessable } from './errors.ts';
import {
  AUTH_DEFAULTS,
  grantParams,
  referrer,
  requestAud,
  requireAuthentication,
  type AuthCtx,
  type Req,
} from './context.ts';
import {
  clearOneTimeToken,
  comparePassword,
  confirmUser,
  createFlowState,
  flowOf,
  hashPassword,
  identityClaims,
  insertIdentity,
  insertUser,
  sendConfirmation,
  sendEmailChange,
  sendReauthentication,
  sendRecoveryLike,
  setRole,
  updatePassword,
  type FlowType,
} from './flows.ts';
import { bool, obj, optStr, readParams, str, type Json } from './params.ts';
import {
  audit,
  clearOneTimeTokens,
  findDuplicateEmail,
  findOneTimeToken,
  findUserByEmail,
  findUserById,
  isBanned,
  s,
  syncProviders,
  timeMs,
  updateAppMeta,
  updateIdentityData,
  updateUserMeta,
  userJson,
  withTx,
  type Db,
  type OttType,
  type UserRow,
} from './store.ts';
import { issueRefreshToken, refreshTokenGrant, type SessionResponse } from './tokens.ts';
import {
  checkPasswordStrength,
  goEncodeValues,
  randomPassword,
  tokenHash,
  validateEmail,
  validatePhone,
  weakPasswordOf,
} from './util.ts';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** 303 redirect target (verify links). */
  location?: string;
}

const ok = (body: unknown): Reply => ({ status: 200, body });

// ---------------------------------------------------------------------------
// PKCE parameter checks (api/pkce.go)

const CODE_CHALLENGE_RE = /^[a-zA-Z._~0-9-]+$/;

function validatePkceParams(method: string, challenge: string): void {
  if ((challenge === '') !== (method === '')) {
    throw badRequest('validation_failed', 'PKCE flow requires code_challenge_method and code_challenge');
  }
  if (challenge) {
    if (challenge.length < 43 || challenge.length > 128) {
      throw badRequest('validation_failed', 'code challenge has to be between 43 and 128 characters');
    }
    if (!CODE_CHALLENGE_RE.test(challenge)) {
      throw badRequest(
        'validation_failed',
        'code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes',
      );
    }
  }
}

/** ParseAuthenticationMethod for verify types. */
function authMethodOf(type: string): string {
  if (type.endsWith('signup')) return 'email/signup';
  switch (type) {
    case 'oauth':
    case 'password':
    case 'otp':
    case 'totp':
    case 'recovery':
    case 'invite':
    case 'sso/saml':
    case 'magiclink':
    case 'email_change':
    case 'token_refresh':
    case 'anonymous':
      return type;
  }
  throw new Error(`unsupported authentication method "${type}"`);
}

// ---------------------------------------------------------------------------
// signup

interface SignupInput {
  email: string;
  phone: string;
  password: string;
  data: Json;
  codeChallenge: string;
  codeChallengeMethod: string;
}

function readSignup(p: Json): SignupInput {
  return {
    email: str(p, 'email', 'SignupParams'),
    phone: str(p, 'phone', 'SignupParams'),
    password: str(p, 'password', 'SignupParams'),
    data: obj(p, 'data', 'SignupParams') ?? {},
    codeChallenge: str(p, 'code_challenge', 'SignupParams'),
    codeChallengeMethod: str(p, 'code_challenge_method', 'SignupParams'),
  };
}

function emailEnabled(ctx: AuthCtx): boolean {
  return ctx.config.auth.emailEnableSignup;
}

function autoconfirm(ctx: AuthCtx): boolean {
  return !ctx.config.auth.enableConfirmations;
}

/** The response for a repeated signup while confirmations are on (sanitizeUser): nothing real leaks. */
function sanitizedUser(u: UserRow, input: SignupInput, aud: string): Record<string, unknown> {
  const now = new Date().toISOString();
  const json = userJson(u);
  json.id = crypto.randomUUID();
  json.role = '';
  delete json.new_email;
  json.created_at = now;
  json.updated_at = now;
  json.confirmation_sent_at = now;
  for (const k of [
    'last_sign_in_at',
    'confirmed_at',
    'email_change_sent_at',
    'email_confirmed_at',
    'phone_confirmed_at',
  ])
    delete json[k];
  json.identities = [];
  json.user_metadata = input.data;
  json.aud = aud;
  json.app_metadata = { provider: 'email', providers: ['email'] };
  json.phone = '';
  return reorderLikeUser(json);
}

/** Keeps userJson's key order after edits (JSON consumers diffing bodies notice). */
function reorderLikeUser(json: Record<string, unknown>): Record<string, unknown> {
  const order = [
    'id',
    'aud',
    'role',
    'email',
    'email_confirmed_at',
    'invited_at',
    'phone',
    'phone_confirmed_at',
    'confirmation_sent_at',
    'confirmed_at',
    'recovery_sent_at',
    'new_email',
    'email_change_sent_at',
    'new_phone',
    'phone_change_sent_at',
    'reauthentication_sent_at',
    'last_sign_in_at',
    'app_metadata',
    'user_metadata',
    'factors',
    'identities',
    'created_at',
    'updated_at',
    'banned_until',
    'deleted_at',
    'is_anonymous',
  ];
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in json) out[k] = json[k];
  return out;
}

async function loadOrFail(db: Db, id: string): Promise<UserRow> {
  const u = await findUserById(db, id);
  if (!u) throw internal('Database error loading user after sign-up');
  return u;
}

/**
 * api.Signup for e-mail (phone sign-ups are disabled locally, as in the CLI's
 * default config). Also used by /otp and /magiclink for unknown addresses.
 */
async function signupEmail(ctx: AuthCtx, r: Req, input: SignupInput): Promise<Reply> {
  const { auth } = ctx.config;
  if (!auth.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  if (input.password === '') throw badRequest('validation_failed', 'Signup requires a valid password');
  checkPasswordStrength(input.password, auth.minimumPasswordLength);
  if (input.email !== '' && input.phone !== '') {
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided on signup.');
  }
  if (input.phone !== '' && input.codeChallenge !== '')
    throw badRequest('validation_failed', 'PKCE not supported for phone signups');
  validatePkceParams(input.codeChallengeMethod, input.codeChallenge);
  if (input.email === '') throw badRequest('phone_provider_disabled', 'Phone signups are disabled');
  if (!emailEnabled(ctx)) throw badRequest('email_provider_disabled', 'Email signups are disabled');
  const email = validateEmail(input.email);
  const flow = flowOf(input.codeChallenge);
  const aud = requestAud(r);
  const redirectTo = referrer(ctx, r);
  const grant = grantParams(r.req);

  let existing = await findDuplicateEmail(ctx.pool, email, aud);
  // Hash outside the transaction: it is the slow part.
  const encrypted = existing ? '' : await hashPassword(input.password);

  if (existing && existing.email_confirmed_at) {
    await audit(ctx.pool, existing, 'user_repeated_signup', { provider: 'email' });
    if (autoconfirm(ctx)) throw unprocessable('user_already_exists', 'User already registered');
    return ok(sanitizedUser(existing, input, aud));
  }

  const result = await withTx(ctx.pool, async (c) => {
    let userId: string;
    if (existing) {
      userId = existing.id;
    } else {
      userId = await insertUser(c, {
        aud,
        email,
        phone: '',
        encryptedPassword: encrypted,
        userMetadata: input.data,
        appMetadata: { provider: 'email', providers: ['email'] },
      });
      await setRole(c, userId, AUTH_DEFAULTS.defaultRole);
    }
    const identity = (
      await c.query<{ id: string }>(`select id from auth.identities where provider_id = $1 and provider = 'email'`, [
        userId,
      ])
    ).rows[0];
    if (!identity) {
      const identityData = identityClaims(userId, { email });
      for (const [k, v] of Object.entries(input.data)) if (!(k in identityData)) identityData[k] = v;
      const identityId = await insertIdentity(c, userId, 'email', identityData);
      // RemoveUnconfirmedIdentities: user_metadata becomes the identity's data, other identities go.
      await c.query(`update auth.users set raw_user_meta_data = $2, updated_at = now() where id = $1`, [
        userId,
        JSON.stringify(identityData),
      ]);
      await c.query('delete from auth.identities where user_id = $1 and id <> $2', [userId, identityId]);
      await syncProvidersSorted(c, userId);
    }
    let user = await loadOrFail(c, userId);
    if (!user.email_confirmed_at) {
      if (autoconfirm(ctx)) {
        await audit(c, user, 'user_signedup', { provider: 'email' });
        try {
          await confirmUser(c, userId);
        } catch (e) {
          throw internal('Database error updating user', e);
        }
      } else {
        await audit(c, user, 'user_confirmation_requested', { provider: 'email' });
        if (flow === 'pkce')
          await createFlowState(c, 'email', 'email/signup', input.codeChallengeMethod, input.codeChallenge, userId);
        await sendConfirmation(ctx, c, user, flow, redirectTo);
      }
    }
    user = await loadOrFail(c, userId);
    if (user.email_confirmed_at) {
      await audit(c, user, 'login', { provider: 'email' });
      return { session: await issueRefreshToken(c, ctx.tokens, user, 'password', grant) };
    }
    return { user };
  });
  if ('session' in result) return ok(result.session);
  existing = result.user;
  const json = userJson(existing);
  if (existing.invited_at) {
    json.user_metadata = {};
    json.identities = [];
  }
  return ok(json);
}

/** UpdateAppMetaDataProviders with GoTrue's provider order (as stored, first identity first). */
async function syncProvidersSorted(db: Db, userId: string): Promise<void> {
  await syncProviders(db, userId);
}

/** api.SignupAnonymously. */
async function signupAnonymous(ctx: AuthCtx, r: Req, data: Json): Promise<Reply> {
  if (!ctx.config.auth.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  const aud = requestAud(r);
  const grant = grantParams(r.req);
  try {
    const session = await withTx(ctx.pool, async (c) => {
      const id = await insertUser(c, {
        aud,
        email: '',
        phone: '',
        encryptedPassword: '',
        userMetadata: data,
        appMetadata: {},
        isAnonymous: true,
      });
      await setRole(c, id, AUTH_DEFAULTS.defaultRole);
      const user = await loadOrFail(c, id);
      return issueRefreshToken(c, ctx.tokens, user, 'anonymous', grant);
    });
    return ok(session);
  } catch (e) {
    if (e instanceof AuthError) throw internal('Database error creating anonymous user', e.internal ?? e);
    throw e;
  }
}

export async function signup(ctx: AuthCtx, r: Req): Promise<Reply> {
  const p = await readParams(r.req, 'SignupParams');
  const input = readSignup(p);
  if (input.email === '' && input.phone === '') {
    if (!ctx.config.auth.enableAnonymousSignIns)
      throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
    return signupAnonymous(ctx, r, input.data);
  }
  return signupEmail(ctx, r, input);
}

// ---------------------------------------------------------------------------
// token

async function passwordGrant(ctx: AuthCtx, r: Req): Promise<Reply> {
  const p = await readParams(r.req, 'PasswordGrantParams');
  const email = str(p, 'email', 'PasswordGrantParams');
  const phone = str(p, 'phone', 'PasswordGrantParams');
  const password = str(p, 'password', 'PasswordGrantParams');
  const aud = requestAud(r);
  if (email !== '' && phone !== '') {
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided on login.');
  }
  const invalid = () => badRequest('invalid_credentials', 'Invalid login credentials');
  let user: UserRow | undefined;
  if (email !== '') {
    if (!emailEnabled(ctx)) throw unprocessable('email_provider_disabled', 'Email logins are disabled');
    user = await findUserByEmail(ctx.pool, email, aud);
  } else if (phone !== '') {
    throw unprocessable('phone_provider_disabled', 'Phone logins are disabled');
  } else {
    throw badRequest('validation_failed', 'missing email or phone');
  }
  if (!user) throw invalid();
  if (!user.encrypted_password) throw invalid();
  if (isBanned(user)) throw badRequest('user_banned', 'User is banned');
  const valid = await comparePassword(password, user.encrypted_password);
  const weak = valid ? weakPasswordOf(password, ctx.config.auth.minimumPasswordLength) : undefined;
  if (!valid) throw invalid();
  if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');
  const found = user;
  const session = await withTx(ctx.pool, async (c) => {
    await audit(c, found, 'login', { provider: 'email' });
    return issueRefreshToken(c, ctx.tokens, found, 'password', grantParams(r.req));
  });
  if (weak) session.weak_password = { message: weak.message, reasons: weak.reasons };
  return ok(session);
}

async function pkceGrant(ctx: AuthCtx, r: Req): Promise<Reply> {
  const p = await readParams(r.req, 'PKCEGrantParams');
  const authCode = str(p, 'auth_code', 'PKCEGrantParams');
  const verifier = str(p, 'code_verifier', 'PKCEGrantParams');
  if (authCode === '' || verifier === '') {
    throw badRequest('validation_failed', 'invalid request: both auth code and code verifier should be non-empty');
  }
  const { rows } = await ctx.pool.query<{
    id: string;
    user_id: string | null;
    code_challenge: string | null;
    code_challenge_method: string | null;
    provider_type: string;
    authentication_method: string;
    created_at: string;
    auth_code_issued_at: string | null;
  }>(
    `select id, user_id, code_challenge, code_challenge_method::text, provider_type, authentication_method, created_at, auth_code_issued_at
     from auth.flow_state where auth_code = $1 limit 1`,
    [authCode],
  );
  const flow = rows[0];
  if (!flow || !flow.user_id) throw notFound('flow_state_not_found', 'invalid flow state, no valid flow state found');
  const from =
    flow.auth_code_issued_at && flow.authentication_method === 'magiclink'
      ? timeMs(flow.auth_code_issued_at)!
      : timeMs(flow.created_at)!;
  if (Date.now() > from + AUTH_DEFAULTS.flowStateExpiryMs) {
    throw unprocessable('flow_state_expired', 'invalid flow state, flow state has expired');
  }
  const user = await findUserById(ctx.pool, flow.user_id);
  if (!user) throw internal('User not found');
  if (!flow.code_challenge) throw badRequest('bad_code_verifier', 'PKCE verification not applicable for implicit flow');
  const method = (flow.code_challenge_method ?? '').toLowerCase();
  const expected = method === 's256' ? crypto.createHash('sha256').update(verifier).digest('base64url') : verifier;
  if (method !== 's256' && method !== 'plain')
    throw badRequest('bad_code_verifier', 'code challenge method not supported');
  if (expected !== flow.code_challenge) {
    throw badRequest('bad_code_verifier', 'code challenge does not match previously saved code verifier');
  }
  const session = await withTx(ctx.pool, async (c) => {
    await audit(c, user, 'login', { provider_type: flow.provider_type });
    const out = await issueRefreshToken(
      c,
      ctx.tokens,
      user,
      authMethodOf(flow.authentication_method),
      grantParams(r.req),
    );
    await c.query('delete from auth.flow_state where id = $1', [flow.id]);
    return out;
  });
  return ok(session);
}

export async function token(ctx: AuthCtx, r: Req): Promise<Reply> {
  const grantType = r.query.get('grant_type') ?? '';
  switch (grantType) {
    case 'password':
      return passwordGrant(ctx, r);
    case 'refresh_token': {
      const p = await readParams(r.req, 'RefreshTokenGrantParams');
      const rt = str(p, 'refresh_token', 'RefreshTokenGrantParams');
      return ok(await refreshTokenGrant(ctx.pool, ctx.tokens, rt, grantParams(r.req)));
    }
    case 'pkce':
      return pkceGrant(ctx, r);
    case 'id_token':
    case 'web3':
      // No external providers are configured locally.
      throw badRequest(
        'validation_failed',
        grantType === 'id_token' ? 'Custom OIDC provider "" not allowed' : 'Web3 provider is not enabled',
      );
    default:
      throw badRequest('invalid_credentials', 'unsupported_grant_type');
  }
}

// ---------------------------------------------------------------------------
// user

export async function getUser(ctx: AuthCtx, r: Req): Promise<Reply> {
  const { claims, user } = await requireAuthentication(ctx, r);
  const aud = requestAud(r, claims);
  const tokenAud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
  if (typeof tokenAud !== 'string' || tokenAud === '' || tokenAud !== aud) {
    throw badRequest('validation_failed', "Token audience doesn't match request audience");
  }
  return ok(userJson(user));
}

export async function updateUser(ctx: AuthCtx, r: Req): Promise<Reply> {
  const state = await requireAuthentication(ctx, r);
  const { user, claims } = state;
  const aud = requestAud(r, claims);
  const p = await readParams(r.req, 'UserUpdateParams');
  const S = 'UserUpdateParams';
  let email = str(p, 'email', S);
  const password = optStr(p, 'password', S);
  const data = obj(p, 'data', S);
  const appData = obj(p, 'app_metadata', S);
  let phone = str(p, 'phone', S);
  const codeChallenge = str(p, 'code_challenge', S);
  const codeChallengeMethod = str(p, 'code_challenge_method', S);
  str(p, 'nonce', S);
  optStr(p, 'current_password', S);

  if (email !== '') email = validateEmail(email);
  if (phone !== '') phone = validatePhone(phone);
  if (password !== undefined) checkPasswordStrength(password, ctx.config.auth.minimumPasswordLength);
  if (appData && !(user.aud === AUTH_DEFAULTS.aud && user.role === 'admin')) {
    throw forbidden('not_admin', 'Updating app_metadata requires admin privileges');
  }
  const mfaEnabled = user.factors.some((f) => f.status === 'verified');
  if (mfaEnabled && state.session?.aal !== 'aal2') {
    if ((password !== undefined && password !== '') || (email !== '' && s(user.email) !== email)) {
      throw new AuthError(
        401,
        'insufficient_aal',
        'AAL2 session is required to update email or password when MFA is enabled.',
      );
    }
  }
  if (user.is_anonymous && password) {
    if (email === '' && phone === '') {
      throw unprocessable(
        'validation_failed',
        'Updating password of an anonymous user without an email or phone is not allowed',
      );
    }
  }
  if (user.is_sso_user && ((password !== undefined && password !== '') || (email !== '' && email !== s(user.email)))) {
    throw unprocessable('user_sso_managed', 'Updating email, phone, password of a SSO account only possible via SSO');
  }
  if (email !== '' && s(user.email) !== email) {
    if (await findDuplicateEmail(ctx.pool, email, aud, user.id)) {
      throw unprocessable('email_exists', 'A user with this email address has already been registered');
    }
  }
  if (phone !== '' && s(user.phone) !== phone) {
    const { rows } = await ctx.pool.query(
      `select 1 from auth.users where instance_id = '00000000-0000-0000-0000-000000000000' and phone = $1 and aud = $2 and is_sso_user = false`,
      [phone, aud],
    );
    if (rows.length) throw unprocessable('phone_exists', 'A user with this phone number has already been registered');
  }
  let encrypted: string | null | undefined;
  if (password !== undefined) {
    if (password !== '' && user.encrypted_password) {
      if (await comparePassword(password, user.encrypted_password)) {
        throw unprocessable('same_password', 'New password should be different from the old password.');
      }
    }
    encrypted = password === '' ? null : await hashPassword(password);
  }
  const redirectTo = referrer(ctx, r);
  await withTx(ctx.pool, async (c) => {
    if (encrypted !== undefined) {
      try {
        await updatePassword(c, user.id, encrypted, state.sessionId);
      } catch (e) {
        throw internal('Error during password storage', e);
      }
      await audit(c, user, 'user_updated_password');
      if (encrypted && !user.encrypted_password) await ensureEmailIdentityForPassword(c, user);
    }
    if (data) {
      try {
        await updateUserMeta(c, user.id, data);
      } catch (e) {
        throw internal('Error updating user', e);
      }
    }
    if (appData) {
      try {
        await updateAppMeta(c, user.id, appData);
      } catch (e) {
        throw internal('Error updating user', e);
      }
    }
    if (email !== '' && email !== s(user.email)) {
      const current = (await findUserById(c, user.id))!;
      if (user.is_anonymous && autoconfirm(ctx)) {
        await c.query('update auth.users set email_change = $2 where id = $1', [user.id, email]);
        await completeEmailChange(c, (await findUserById(c, user.id))!);
      } else {
        const flow = flowOf(codeChallenge);
        if (flow === 'pkce') {
          validatePkceParams(codeChallengeMethod, codeChallenge);
          await createFlowState(c, 'email_change', 'email_change', codeChallengeMethod, codeChallenge, user.id);
        }
        await sendEmailChange(ctx, c, current, email, flow, redirectTo);
      }
    }
    if (phone !== '' && phone !== s(user.phone)) {
      // The CLI's [auth.sms] enable_confirmations = false means SMS autoconfirm: the change applies at once.
      await audit(c, user, 'user_modified');
      const identity = (
        await c.query<{ id: string }>(`select id from auth.identities where provider_id = $1 and provider = 'phone'`, [
          user.id,
        ])
      ).rows[0];
      if (!identity) await insertIdentity(c, user.id, 'phone', identityClaims(user.id, { phone, phoneVerified: true }));
      else await updateIdentityData(c, identity.id, { phone, phone_verified: true });
      await c.query(
        `update auth.users set phone = $2, phone_change = '', phone_change_token = '', phone_confirmed_at = now(),
           is_anonymous = false, updated_at = now() where id = $1`,
        [user.id, phone],
      );
      await clearOneTimeTokens(c, user.id);
    }
    await audit(c, user, 'user_modified');
  });
  const fresh = await findUserById(ctx.pool, user.id);
  return ok(userJson(fresh ?? user));
}

/** ensureEmailIdentityForPassword: a user setting a first password gets an email identity. */
async function ensureEmailIdentityForPassword(db: Db, user: UserRow): Promise<void> {
  if (!user.email) return;
  const { rows } = await db.query(`select 1 from auth.identities where user_id = $1 and provider = 'email'`, [user.id]);
  if (rows.length) return;
  await insertIdentity(
    db,
    user.id,
    'email',
    identityClaims(user.id, { email: user.email, emailVerified: !!user.email_confirmed_at }),
  );
  await syncProviders(db, user.id);
}

// ---------------------------------------------------------------------------
// logout, reauthenticate

export async function logout(ctx: AuthCtx, r: Req): Promise<Reply> {
  // requireAuthentication is middleware in GoTrue: it answers before the scope is read.
  const { user, sessionId } = await requireAuthentication(ctx, r);
  const scopeParam = r.query.get('scope') ?? '';
  let scope: 'global' | 'local' | 'others';
  switch (scopeParam) {
    case '':
    case 'global':
      scope = 'global';
      break;
    case 'local':
      scope = 'local';
      break;
    case 'others':
      scope = 'others';
      break;
    default:
      throw badRequest('validation_failed', `Unsupported logout scope ${JSON.stringify(scopeParam)}`);
  }
  try {
    await withTx(ctx.pool, async (c) => {
      await audit(c, user, 'logout');
      if (sessionId && scope === 'local') await c.query('delete from auth.sessions where id = $1', [sessionId]);
      else if (sessionId && scope === 'others') {
        await c.query('delete from auth.sessions where id <> $1 and user_id = $2', [sessionId, user.id]);
      } else await c.query('delete from auth.sessions where user_id = $1', [user.id]);
    });
  } catch (e) {
    throw internal('Error logging out user', e);
  }
  return { status: 204 };
}

export async function reauthenticate(ctx: AuthCtx, r: Req): Promise<Reply> {
  const { user } = await requireAuthentication(ctx, r);
  if (!user.email && !user.phone) {
    throw badRequest('validation_failed', 'Reauthentication requires the user to have an email or a phone number');
  }
  if (user.email && !user.email_confirmed_at)
    throw unprocessable('email_not_confirmed', 'Please verify your email first.');
  if (!user.email)
    throw badRequest('validation_failed', 'Reauthentication requires an email locally (SMS is not configured)');
  await withTx(ctx.pool, async (c) => {
    await audit(c, user, 'user_reauthenticate_requested');
    await sendReauthentication(ctx, c, user);
  });
  return ok({});
}

// ---------------------------------------------------------------------------
// recover, otp / magiclink, resend

export async function recover(ctx: AuthCtx, r: Req): Promise<Reply> {
  if (!emailEnabled(ctx)) throw badRequest('email_provider_disabled', 'Email logins are disabled');
  const p = await readParams(r.req, 'RecoverParams');
  let email = str(p, 'email', 'RecoverParams');
  const cc = str(p, 'code_challenge', 'RecoverParams');
  const ccm = str(p, 'code_challenge_method', 'RecoverParams');
  const flow = flowOf(cc);
  if (email === '') throw badRequest('validation_failed', 'Password recovery requires an email');
  email = validateEmail(email);
  validatePkceParams(ccm, cc);
  const user = await findUserByEmail(ctx.pool, email, requestAud(r));
  if (!user) return ok({});
  if (flow === 'pkce') await createFlowState(ctx.pool, 'recovery', 'recovery', ccm, cc, user.id);
  const redirectTo = referrer(ctx, r);
  await withTx(ctx.pool, async (c) => {
    await audit(c, user, 'user_recovery_requested');
    await sendRecoveryLike(ctx, c, user, flow, redirectTo, 'recovery');
  });
  return ok({});
}

async function magicLink(ctx: AuthCtx, r: Req, p: Json): Promise<Reply> {
  if (!emailEnabled(ctx)) throw unprocessable('email_provider_disabled', 'Email logins are disabled');
  let email = str(p, 'email', 'MagicLinkParams');
  const data = obj(p, 'data', 'MagicLinkParams') ?? {};
  const cc = str(p, 'code_challenge', 'MagicLinkParams');
  const ccm = str(p, 'code_challenge_method', 'MagicLinkParams');
  if (email === '') throw unprocessable('validation_failed', 'Password recovery requires an email');
  email = validateEmail(email);
  validatePkceParams(ccm, cc);
  const flow = flowOf(cc);
  const user = await findUserByEmail(ctx.pool, email, requestAud(r));
  if (!user || !user.email_confirmed_at) {
    // Unknown or unconfirmed: sign up with a random password (GoTrue re-enters Signup).
    const input: SignupInput = {
      email,
      phone: '',
      password: randomPassword(Math.max(33, ctx.config.auth.minimumPasswordLength)),
      data,
      codeChallenge: cc,
      codeChallengeMethod: ccm,
    };
    await signupEmail(ctx, r, input);
    if (autoconfirm(ctx)) return magicLink(ctx, r, { email, data, code_challenge: cc, code_challenge_method: ccm });
    return ok({});
  }
  if (flow === 'pkce') await createFlowState(ctx.pool, 'magiclink', 'magiclink', ccm, cc, user.id);
  const redirectTo = referrer(ctx, r);
  await withTx(ctx.pool, async (c) => {
    await audit(c, user, 'user_recovery_requested');
    await sendRecoveryLike(ctx, c, user, flow, redirectTo, 'magiclink');
  });
  return ok({});
}

export async function otp(ctx: AuthCtx, r: Req): Promise<Reply> {
  const p = await readParams(r.req, 'OtpParams');
  const email = str(p, 'email', 'OtpParams');
  const phone = str(p, 'phone', 'OtpParams');
  const createUser = bool(p, 'create_user', 'OtpParams', true);
  const channel = str(p, 'channel', 'OtpParams');
  obj(p, 'data', 'OtpParams');
  if (email !== '' && phone !== '')
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided');
  if (email !== '' && channel !== '')
    throw badRequest('validation_failed', 'Channel should only be specified with Phone OTP');
  validatePkceParams(str(p, 'code_challenge_method', 'OtpParams'), str(p, 'code_challenge', 'OtpParams'));
  if (!createUser) {
    if (email !== '') {
      const e = validateEmail(email);
      if (!(await findUserByEmail(ctx.pool, e, requestAud(r)))) {
        throw unprocessable('otp_disabled', 'Signups not allowed for otp');
      }
    } else if (phone !== '') {
      throw unprocessable('otp_disabled', 'Signups not allowed for otp');
    }
  }
  if (email !== '') return magicLink(ctx, r, p);
  if (phone !== '') throw badRequest('phone_provider_disabled', 'Unsupported phone provider');
  throw badRequest('validation_failed', 'One of email or phone must be set');
}

export async function magiclinkEndpoint(ctx: AuthCtx, r: Req): Promise<Reply> {
  return magicLink(ctx, r, await readParams(r.req, 'MagicLinkParams'));
}

export async function resend(ctx: AuthCtx, r: Req): Promise<Reply> {
  const S = 'ResendConfirmationParams';
  const p = await readParams(r.req, S);
  const type = str(p, 'type', S);
  let email = str(p, 'email', S);
  const phone = str(p, 'phone', S);
  const cc = str(p, 'code_challenge', S);
  const ccm = str(p, 'code_challenge_method', S);
  switch (type) {
    case 'signup':
    case 'email_change':
      validatePkceParams(ccm, cc);
      break;
    case 'sms':
    case 'phone_change':
      break;
    default:
      throw badRequest('validation_failed', 'Missing one of these types: signup, email_change, sms, phone_change');
  }
  if (email === '' && type === 'signup')
    throw badRequest('validation_failed', 'Type provided requires an email address');
  if (phone === '' && type === 'sms') throw badRequest('validation_failed', 'Type provided requires a phone number');
  if (email !== '' && phone !== '')
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided.');
  if (email !== '') {
    if (!emailEnabled(ctx)) throw badRequest('email_provider_disabled', 'Email logins are disabled');
    email = validateEmail(email);
  } else if (phone !== '') {
    throw badRequest('phone_provider_disabled', 'Phone logins are disabled');
  } else {
    throw badRequest('validation_failed', 'Missing email address or phone number');
  }
  const user = await findUserByEmail(ctx.pool, email, requestAud(r));
  if (!user) return ok({});
  if (type === 'signup' && user.email_confirmed_at) return ok({});
  if (type === 'email_change' && !user.email_change) return ok({});
  if (type === 'sms' || type === 'phone_change') return ok({});
  const flow = flowOf(cc);
  const redirectTo = referrer(ctx, r);
  await withTx(ctx.pool, async (c) => {
    if (type === 'signup') {
      await audit(c, user, 'user_confirmation_requested');
      if (flow === 'pkce') await createFlowState(c, 'email', 'email/signup', ccm, cc, user.id);
      await sendConfirmation(ctx, c, user, flow, redirectTo);
    } else {
      if (flow === 'pkce') await createFlowState(c, 'email_change', 'email_change', ccm, cc, user.id);
      await sendEmailChange(ctx, c, user, s(user.email_change), flow, redirectTo);
    }
  });
  return ok({});
}

// ---------------------------------------------------------------------------
// verify

const SINGLE_CONFIRMATION = 'Confirmation link accepted. Please proceed to confirm link sent to the other email';

/** isOtpExpired: `otp_expiry` seconds after the message was sent. */
function otpExpired(sentAt: string | null, expirySeconds: number): boolean {
  const t = timeMs(sentAt);
  return t === undefined || Date.now() > t + expirySeconds * 1000;
}

/** isOtpValid: the stored hash may carry the PKCE prefix. */
function otpValid(actual: string, expected: string | null, sentAt: string | null, expirySeconds: number): boolean {
  if (!expected || !sentAt) return false;
  return !otpExpired(sentAt, expirySeconds) && (actual === expected || `pkce_${actual}` === expected);
}

interface VerifyInput {
  type: string;
  token: string;
  tokenHash: string;
  email: string;
  phone: string;
  redirectTo: string;
}

/** verifyTokenHash: the user a link's hashed token belongs to. */
async function userFromTokenHash(ctx: AuthCtx, db: Db, v: VerifyInput): Promise<UserRow> {
  const wanted: Record<string, OttType[]> = {
    email: ['confirmation_token', 'recovery_token'],
    signup: ['confirmation_token'],
    invite: ['confirmation_token'],
    recovery: ['recovery_token'],
    magiclink: ['recovery_token'],
    email_change: ['email_change_token_current', 'email_change_token_new'],
  };
  const types = wanted[v.type];
  if (!types) throw badRequest('validation_failed', 'Invalid email verification type');
  const ott = await findOneTimeToken(db, v.tokenHash, types);
  const user = ott ? await findUserById(db, ott.user_id) : undefined;
  if (!user) throw forbidden('otp_expired', 'Email link is invalid or has expired');
  if (isBanned(user)) throw forbidden('user_banned', 'User is banned');
  let sentAt: string | null;
  switch (v.type) {
    case 'email':
      sentAt = user.confirmation_sent_at;
      v.type = 'signup';
      if (user.recovery_token === v.tokenHash) {
        sentAt = user.recovery_sent_at;
        v.type = 'magiclink';
      }
      break;
    case 'signup':
    case 'invite':
      sentAt = user.confirmation_sent_at;
      break;
    case 'recovery':
    case 'magiclink':
      sentAt = user.recovery_sent_at;
      break;
    default:
      sentAt = user.email_change_sent_at;
  }
  if (otpExpired(sentAt, ctx.config.auth.otpExpiry))
    throw forbidden('otp_expired', 'Email link is invalid or has expired');
  return user;
}

/** verifyUserAndToken: an e-mail address plus the six-digit code. */
async function userFromEmailAndOtp(ctx: AuthCtx, db: Db, v: VerifyInput, aud: string): Promise<UserRow> {
  const expired = () => forbidden('otp_expired', 'Token has expired or is invalid');
  let user: UserRow | undefined;
  if (v.type === 'email_change') {
    const lookup = async (type: OttType) =>
      (await findOneTimeToken(db, v.tokenHash, [type])) ?? (await findOneTimeToken(db, `pkce_${v.tokenHash}`, [type]));
    let ott = ctx.config.auth.doubleConfirmChanges ? await lookup('email_change_token_current') : undefined;
    if (!ott) ott = await lookup('email_change_token_new');
    user = ott ? await findUserById(db, ott.user_id) : undefined;
  } else {
    user = await findUserByEmail(db, v.email, aud);
  }
  if (!user) throw expired();
  if (isBanned(user)) throw forbidden('user_banned', 'User is banned');
  let valid = false;
  const exp = ctx.config.auth.otpExpiry;
  switch (v.type) {
    case 'email':
      if (otpValid(v.tokenHash, user.confirmation_token, user.confirmation_sent_at, exp)) {
        valid = true;
        v.type = 'signup';
      } else if (otpValid(v.tokenHash, user.recovery_token, user.recovery_sent_at, exp)) {
        valid = true;
        v.type = 'magiclink';
      }
      break;
    case 'signup':
    case 'invite':
      valid = otpValid(v.tokenHash, user.confirmation_token, user.confirmation_sent_at, exp);
      break;
    case 'recovery':
    case 'magiclink':
      valid = otpValid(v.tokenHash, user.recovery_token, user.recovery_sent_at, exp);
      break;
    case 'email_change':
      valid =
        otpValid(v.tokenHash, user.email_change_token_current, user.email_change_sent_at, exp) ||
        otpValid(v.tokenHash, user.email_change_token_new, user.email_change_sent_at, exp);
      break;
  }
  if (!valid) throw expired();
  return user;
}

/** signupVerify: confirms; an invited user without a password gets a random one. */
async function signupVerify(db: Db, user: UserRow): Promise<void> {
  if (!user.encrypted_password && user.invited_at) {
    try {
      await updatePassword(db, user.id, await hashPassword(randomPassword(64)));
    } catch (e) {
      throw internal('Error storing password', e);
    }
  }
  await audit(db, user, 'user_signedup', { provider: 'email' });
  try {
    await confirmUser(db, user.id);
  } catch (e) {
    throw internal('Error confirming user', e);
  }
  for (const i of user.identities) {
    if (!i.email || !user.email || i.email !== user.email) continue;
    await updateIdentityData(db, i.id, { email_verified: true });
  }
}

/** recoverVerify. */
async function recoverVerify(db: Db, user: UserRow): Promise<void> {
  try {
    await db.query(`update auth.users set recovery_token = '', updated_at = now() where id = $1`, [user.id]);
    await clearOneTimeTokens(db, user.id);
    if (!user.email_confirmed_at) {
      await audit(db, user, 'user_signedup', { provider: 'email' });
      await confirmUser(db, user.id);
    } else {
      await audit(db, user, 'login');
    }
  } catch (e) {
    throw internal('Database error updating user', e);
  }
}

/** The second half of emailChangeVerify: the address changes. */
async function completeEmailChange(db: Db, user: UserRow): Promise<void> {
  await audit(db, user, 'user_modified');
  const newEmail = s(user.email_change);
  const identity = (
    await db.query<{ id: string }>(`select id from auth.identities where provider_id = $1 and provider = 'email'`, [
      user.id,
    ])
  ).rows[0];
  if (!identity) {
    await insertIdentity(db, user.id, 'email', identityClaims(user.id, { email: newEmail, emailVerified: true }));
  } else {
    await updateIdentityData(db, identity.id, { email: newEmail, email_verified: true });
  }
  if (user.is_anonymous) await db.query('update auth.users set is_anonymous = false where id = $1', [user.id]);
  try {
    await db.query(
      `update auth.users set email = nullif($2, ''), email_change = '', email_change_token_current = '',
         email_change_token_new = '', email_change_confirm_status = 0, updated_at = now() where id = $1`,
      [user.id, newEmail],
    );
    await clearOneTimeTokens(db, user.id);
    if (!user.email_confirmed_at) await confirmUser(db, user.id);
  } catch (e) {
    throw internal('Error confirm email', e);
  }
}

/** emailChangeVerify: returns false when only the first of two confirmations happened. */
async function emailChangeVerify(ctx: AuthCtx, db: Db, v: VerifyInput, user: UserRow): Promise<boolean> {
  if (
    !autoconfirm(ctx) &&
    ctx.config.auth.doubleConfirmChanges &&
    (user.email_change_confirm_status ?? 0) === 0 &&
    user.email
  ) {
    const current = await findOneTimeToken(db, v.tokenHash, ['email_change_token_current']);
    const next = await findOneTimeToken(db, v.tokenHash, ['email_change_token_new']);
    let curTok = s(user.email_change_token_current);
    let newTok = s(user.email_change_token_new);
    if (v.token === curTok || v.tokenHash === curTok || current) {
      curTok = '';
      await clearOneTimeToken(db, user.id, 'email_change_token_current');
    } else if (v.token === newTok || v.tokenHash === newTok || next) {
      newTok = '';
      await clearOneTimeToken(db, user.id, 'email_change_token_new');
    }
    await db.query(
      `update auth.users set email_change_confirm_status = 1, email_change_token_current = $2, email_change_token_new = $3, updated_at = now() where id = $1`,
      [user.id, curTok, newTok],
    );
    return false;
  }
  await completeEmailChange(db, user);
  return true;
}

const OAUTH_ERROR: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized_client',
  403: 'access_denied',
  500: 'server_error',
  503: 'temporarily_unavailable',
};

/** Rebuilds a URL with its query re-encoded (Go's u.Query() / q.Encode()) plus extra values. */
function withQuery(raw: string, extra: Record<string, string>, fragment?: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return raw;
  }
  const values: Record<string, string> = {};
  for (const [k, v] of u.searchParams) if (!(k in values)) values[k] = v;
  Object.assign(values, extra);
  const query = goEncodeValues(values);
  const base = raw.split(/[?#]/)[0]!;
  const frag = fragment !== undefined ? fragment : u.hash ? u.hash.slice(1) : '';
  return `${base}${query ? `?${query}` : ''}${frag ? `#${frag}` : ''}`;
}

function errorRedirect(err: AuthError, redirectTo: string, flow: FlowType): string {
  const hq: Record<string, string> = {};
  const q: Record<string, string> = {};
  const oauth = OAUTH_ERROR[err.status];
  if (oauth) {
    hq.error = oauth;
    q.error = oauth;
  }
  hq.error_code = err.code;
  hq.error_description = err.message;
  q.error_code = err.code;
  q.error_description = err.message;
  hq.sb = '';
  return flow === 'pkce' ? withQuery(redirectTo, q, goEncodeValues(hq)) : withQuery(redirectTo, {}, goEncodeValues(hq));
}

async function verifyGet(ctx: AuthCtx, r: Req): Promise<Reply> {
  const v: VerifyInput = {
    type: r.query.get('type') ?? '',
    token: r.query.get('token') ?? '',
    tokenHash: '',
    email: '',
    phone: '',
    redirectTo: referrer(ctx, r),
  };
  if (v.type === '') throw badRequest('validation_failed', 'Verify requires a verification type');
  if (v.token === '') throw badRequest('validation_failed', 'Verify requires a token or a token hash');
  v.tokenHash = v.token;
  const flow: FlowType = v.token.startsWith('pkce_') ? 'pkce' : 'implicit';
  const authMethod = flow === 'pkce' ? authMethodOf(v.type) : '';
  const grant = grantParams(r.req);
  let session: SessionResponse | undefined;
  let authCode = '';
  let messageUrl = '';
  try {
    await withTx(ctx.pool, async (c) => {
      let user = await userFromTokenHash(ctx, c, v);
      switch (v.type) {
        case 'signup':
        case 'invite':
          await signupVerify(c, user);
          break;
        case 'recovery':
        case 'magiclink':
          await recoverVerify(c, user);
          break;
        case 'email_change':
          if (!(await emailChangeVerify(ctx, c, v, user))) {
            const hq = goEncodeValues({ message: SINGLE_CONFIRMATION, sb: '' });
            messageUrl = withQuery(v.redirectTo, flow === 'pkce' ? { message: SINGLE_CONFIRMATION } : {}, hq);
            return;
          }
          break;
        default:
          throw badRequest('validation_failed', 'Unsupported verification type');
      }
      await syncProviders(c, user.id);
      user = (await findUserById(c, user.id))!;
      if (flow === 'implicit') {
        session = await issueRefreshToken(c, ctx.tokens, user, 'otp', grant);
      } else {
        const { rows } = await c.query<{ id: string; auth_code: string | null; code_challenge: string | null }>(
          `select id, auth_code, code_challenge from auth.flow_state where user_id = $1 and authentication_method = $2
           order by created_at desc limit 1`,
          [user.id, authMethod],
        );
        const fs = rows[0];
        if (!fs)
          throw badRequest(
            'flow_state_not_found',
            'No associated flow state found. 422: No valid flow state found for user.',
          );
        if (!fs.code_challenge) {
          throw badRequest(
            'flow_state_not_found',
            'No associated flow state found. 422: Flow state does not have an auth code (not a PKCE flow).',
          );
        }
        await c.query('update auth.flow_state set auth_code_issued_at = now(), updated_at = now() where id = $1', [
          fs.id,
        ]);
        authCode = fs.auth_code ?? '';
      }
    });
  } catch (e) {
    if (e instanceof AuthError) return { status: 303, location: errorRedirect(e, v.redirectTo, flow) };
    throw e;
  }
  if (messageUrl) return { status: 303, location: messageUrl };
  if (flow === 'implicit' && session) {
    const frag = goEncodeValues({
      access_token: session.access_token,
      token_type: session.token_type,
      expires_in: String(session.expires_in),
      expires_at: String(session.expires_at),
      refresh_token: session.refresh_token,
      sb: '',
      type: v.type,
    });
    return { status: 303, location: `${v.redirectTo}#${frag}` };
  }
  return { status: 303, location: withQuery(v.redirectTo, { code: authCode }) };
}

async function verifyPost(ctx: AuthCtx, r: Req): Promise<Reply> {
  const S = 'VerifyParams';
  const p = await readParams(r.req, S);
  const v: VerifyInput = {
    type: str(p, 'type', S),
    token: str(p, 'token', S),
    tokenHash: str(p, 'token_hash', S),
    email: str(p, 'email', S),
    phone: str(p, 'phone', S),
    redirectTo: str(p, 'redirect_to', S),
  };
  if (v.type === '') throw badRequest('validation_failed', 'Verify requires a verification type');
  if ((v.token === '' && v.tokenHash === '') || (v.token !== '' && v.tokenHash !== '')) {
    throw badRequest('validation_failed', 'Verify requires either a token or a token hash');
  }
  if (v.token !== '') {
    if (v.phone !== '' && v.email === '') {
      validatePhone(v.phone);
      throw forbidden('otp_expired', 'Token has expired or is invalid');
    } else if (v.phone === '' && v.email !== '') {
      try {
        v.email = validateEmail(v.email);
      } catch {
        throw unprocessable('validation_failed', 'Invalid email format');
      }
      v.tokenHash = tokenHash(v.email, v.token);
    } else {
      throw badRequest('validation_failed', 'Only an email address or phone number should be provided on verify');
    }
  } else if (v.email !== '' || v.phone !== '' || v.redirectTo !== '') {
    throw badRequest('validation_failed', 'Only the token_hash and type should be provided');
  }
  const aud = requestAud(r);
  const grant = grantParams(r.req);
  let single = false;
  const session = await withTx(ctx.pool, async (c) => {
    const usingHash = v.tokenHash !== '' && v.token === '' && v.phone === '' && v.email === '';
    let user = usingHash ? await userFromTokenHash(ctx, c, v) : await userFromEmailAndOtp(ctx, c, v, aud);
    switch (v.type) {
      case 'signup':
      case 'invite':
        await signupVerify(c, user);
        break;
      case 'recovery':
      case 'magiclink':
        await recoverVerify(c, user);
        break;
      case 'email_change':
        if (!(await emailChangeVerify(ctx, c, v, user))) {
          single = true;
          return undefined;
        }
        break;
      default:
        throw badRequest('validation_failed', 'Unsupported verification type');
    }
    await syncProviders(c, user.id);
    user = (await findUserById(c, user.id))!;
    return issueRefreshToken(c, ctx.tokens, user, 'otp', grant);
  });
  if (single) return ok({ msg: SINGLE_CONFIRMATION, code: '200' });
  return ok(session);
}

export async function verify(ctx: AuthCtx, r: Req): Promise<Reply> {
  return r.method === 'GET' ? verifyGet(ctx, r) : verifyPost(ctx, r);
}
