// Edge Functions (spec section 6): `/functions/v1/<slug>/...` runs
// `<functionsDir>/<slug>/index.ts` in Deno, the way `supabase functions serve`
// does: verify_jwt per function (default on) with the main service's 401 bodies,
// the env Supabase gives, `Function not found` for anything else, and in watch
// mode (npm run dev) a function's process is restarted when its files change.
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StackContext, StackService } from '../context.ts';
import { verifyJwt } from '../jwt.ts';
import { resolveFunction, SLUG_RE } from './deno.ts';
import { FunctionRunner } from './runner.ts';

export { cacheFunctionDeps, listFunctions, resolveFunction } from './deno.ts';
export { parseDotenv } from './env.ts';

function sendEdge(res: ServerResponse, status: number, body: unknown): void {
  const json = typeof body !== 'string';
  const text = json ? JSON.stringify(body) : body;
  res.writeHead(status, {
    'Content-Type': json ? 'application/json' : 'text/plain',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * The main service's check (CLI serve/templates/main.ts): a Bearer token that is a
 * valid project JWT; any role passes. Returns the 401 body, or undefined if allowed.
 */
export function checkJwt(authorization: string | undefined, secret: string): { msg: string } | undefined {
  if (!authorization) return { msg: 'Error: Missing authorization header' };
  const [scheme, token] = authorization.split(' ');
  if (scheme !== 'Bearer') return { msg: "Error: Auth header is not 'Bearer {token}'" };
  // jose's decodeProtectedHeader throws on a header it cannot decode.
  let alg: unknown;
  try {
    const header = JSON.parse(Buffer.from((token ?? '').split('.')[0] ?? '', 'base64url').toString('utf8')) as unknown;
    if (!header || typeof header !== 'object' || Array.isArray(header)) throw new Error('not an object');
    alg = (header as { alg?: unknown }).alg;
  } catch {
    return { msg: 'TypeError: Invalid Token or Protected Header formatting' };
  }
  // ES256/RS256 would be checked against the JWKS, which is empty with HS256-only keys.
  if (alg !== 'HS256') return { msg: 'Invalid JWT' };
  const result = verifyJwt(token!, secret, 0);
  // jose does not reject a future `iat` unless asked to.
  if (!result.ok && result.failure !== 'issued_in_future') return { msg: 'Invalid JWT' };
  return undefined;
}

export function createFunctionsService(ctx: StackContext): StackService {
  const { config } = ctx;
  const runner = new FunctionRunner(ctx);
  let watcher: fs.FSWatcher | undefined;
  const pending = new Map<string, NodeJS.Timeout>();

  // Restart what a change affects: one function, or all of them for shared code and .env.
  const onChange = (filename: string | null) => {
    if (!filename) return;
    const top = filename.split(path.sep)[0] ?? '';
    const key = SLUG_RE.test(top) && !top.startsWith('_') ? top : '*';
    clearTimeout(pending.get(key));
    pending.set(
      key,
      setTimeout(() => {
        pending.delete(key);
        if (key === '*') {
          ctx.log('functions', `${filename} changed: restarting all functions`);
          runner.restartAll();
        } else {
          ctx.log('functions', `${filename} changed: restarting ${key}`);
          runner.restart(key);
        }
      }, 50),
    );
  };

  return {
    name: 'functions',
    prefix: '/functions/v1',
    async start() {
      if (config.watch && fs.existsSync(config.functionsDir)) {
        watcher = fs.watch(config.functionsDir, { recursive: true }, (_event, filename) => onChange(filename));
        watcher.on('error', (e) => ctx.log('functions', `watch: ${e.message}`));
      }
    },
    async stop() {
      watcher?.close();
      for (const t of pending.values()) clearTimeout(t);
      pending.clear();
      await runner.stop();
    },
    async handle(req: IncomingMessage, res: ServerResponse, subpath: string) {
      if (subpath === '/_internal/health') {
        req.resume();
        sendEdge(res, 200, { message: 'ok' });
        return;
      }
      const slug = subpath.split('/')[1] ?? '';
      const spec = slug ? (runner.liveSpec(slug) ?? resolveFunction(config, slug)) : undefined;
      if (!spec) {
        req.resume();
        sendEdge(res, 404, 'Function not found');
        return;
      }
      if (req.method !== 'OPTIONS' && spec.verifyJwt) {
        const denied = checkJwt(req.headers.authorization, config.jwtSecret);
        if (denied) {
          req.resume();
          sendEdge(res, 401, denied);
          return;
        }
      }
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      await runner.proxy(spec, req, res, q < 0 ? subpath : `${subpath}${url.slice(q)}`);
    },
  };
}
