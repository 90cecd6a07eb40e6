// The Auth service (GoTrue's role) under /auth/v1: everything auth-js does with
// e-mail and password, with GoTrue's status codes, error codes and bodies. All state
// is in the auth.* tables, so sessions survive a restart of the stack.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StackContext, StackService } from '../context.ts';
import { queryOf } from '../http.ts';
import * as account from './account.ts';
import { admin, invite } from './admin.ts';
import { AUTH_DEFAULTS, createAuthCtx, type AuthCtx, type Req } from './context.ts';
import { badRequest, sendError } from './errors.ts';
import { Mailer } from './mailer.ts';
import { createAuthPool } from './store.ts';

type Handler = (ctx: AuthCtx, r: Req) => Promise<account.Reply | undefined>;

const json = (body: unknown): account.Reply => ({ status: 200, body });

function settings(ctx: AuthCtx): account.Reply {
  const a = ctx.config.auth;
  return json({
    external: {
      anonymous_users: a.enableAnonymousSignIns,
      apple: false,
      azure: false,
      bitbucket: false,
      discord: false,
      facebook: false,
      snapchat: false,
      figma: false,
      fly: false,
      github: false,
      gitlab: false,
      google: false,
      keycloak: false,
      kakao: false,
      linkedin: false,
      linkedin_oidc: false,
      notion: false,
      spotify: false,
      slack: false,
      slack_oidc: false,
      workos: false,
      twitch: false,
      twitter: false,
      email: a.emailEnableSignup,
      phone: false,
      zoom: false,
    },
    disable_signup: !a.enableSignup,
    mailer_autoconfirm: !a.enableConfirmations,
    // The CLI's [auth.sms] enable_confirmations = false.
    phone_autoconfirm: true,
    sms_provider: '',
    saml_enabled: false,
    saml_private_key_next_configured: false,
    passkeys_enabled: false,
  });
}

/** Method and path → handler, as GoTrue's chi router mounts them. */
const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  '/health': {
    GET: async () =>
      json({
        version: AUTH_DEFAULTS.version,
        name: 'GoTrue',
        description: 'GoTrue is a user registration and authentication API',
      }),
  },
  '/.well-known/jwks.json': {
    // GoTrue never publishes HMAC keys; with HS256 only the set is empty.
    GET: async () => ({ status: 200, body: { keys: [] }, headers: { 'Cache-Control': 'public, max-age=600' } }),
  },
  '/settings': { GET: async (ctx) => settings(ctx) },
  '/signup': { POST: account.signup },
  '/token': { POST: account.token },
  '/verify': { GET: account.verify, POST: account.verify },
  '/otp': { POST: account.otp },
  '/magiclink': { POST: account.magiclinkEndpoint },
  '/recover': { POST: account.recover },
  '/resend': { POST: account.resend },
  '/logout': { POST: account.logout },
  '/reauthenticate': { GET: account.reauthenticate },
  '/user': { GET: account.getUser, PUT: account.updateUser },
  '/invite': { POST: invite },
  '/authorize': {
    GET: async (_ctx, r) => {
      const provider = r.query.get('provider') ?? '';
      throw badRequest('validation_failed', `Unsupported provider: Provider ${provider} could not be found`);
    },
  },
};

export function createAuthService(sctx: StackContext): StackService {
  const pool = createAuthPool(sctx.config);
  const mailer = new Mailer(sctx.config);
  const ctx = createAuthCtx(sctx.config, pool, mailer, (m) => sctx.log('auth', m));

  async function dispatch(r: Req): Promise<account.Reply> {
    // chi matches with or without a trailing slash on mounted sub-routers.
    const path = r.path.length > 1 ? r.path.replace(/\/+$/, '') : r.path;
    if (path === '/admin' || path.startsWith('/admin/')) {
      const out = await admin(ctx, { ...r, path });
      if (out) return out;
      return { status: 404, body: '404 page not found\n' };
    }
    const route = ROUTES[path];
    if (!route) return { status: 404, body: '404 page not found\n' };
    const h = route[r.method];
    if (!h) return { status: 405 };
    return (await h(ctx, { ...r, path })) ?? { status: 404, body: '404 page not found\n' };
  }

  return {
    name: 'auth',
    prefix: '/auth/v1',
    async start() {
      // Fails start-up early if the bootstrap's login for Auth is missing.
      await pool.query('select 1');
    },
    async stop() {
      mailer.close();
      await pool.end().catch(() => undefined);
    },
    async handle(req: IncomingMessage, res: ServerResponse, subpath: string) {
      const r: Req = {
        req,
        res,
        method: (req.method ?? 'GET').toUpperCase(),
        path: subpath === '' ? '/' : subpath,
        query: queryOf(req),
      };
      let reply: account.Reply;
      try {
        reply = await dispatch(r);
      } catch (e) {
        // The body may be unread (e.g. a JWT check failed first): drain it so the socket stays usable.
        req.resume();
        sendError(req, res, e, (m) => sctx.log('auth', m));
        return;
      }
      req.resume();
      if (reply.location) {
        res.writeHead(303, { Location: reply.location, 'Content-Length': '0' });
        res.end();
        return;
      }
      if (reply.status === 204 || reply.status === 405) {
        res.writeHead(reply.status, reply.headers ?? {});
        res.end();
        return;
      }
      if (typeof reply.body === 'string') {
        res.writeHead(reply.status, {
          'Content-Type': 'text/plain; charset=utf-8',
          'Content-Length': Buffer.byteLength(reply.body),
        });
        res.end(reply.body);
        return;
      }
      const text = JSON.stringify(reply.body ?? {});
      res.writeHead(reply.status, {
        ...reply.headers,
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
      });
      res.end(text);
    },
  };
}
