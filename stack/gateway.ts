// The API gateway (Kong's role in the CLI stack): one port, CORS, API-key
// translation (spec 1.4), and routing by URL prefix to the services.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { StackConfig } from './config.ts';
import type { StackService } from './context.ts';
import { sendJson } from './http.ts';

/** Headers a browser may read; covers PostgREST, GoTrue, Storage and Functions. */
const EXPOSED_HEADERS = [
  'Content-Encoding',
  'Content-Location',
  'Content-Range',
  'Content-Type',
  'Content-Length',
  'Content-Disposition',
  'Content-Profile',
  'Date',
  'ETag',
  'Last-Modified',
  'Location',
  'Link',
  'Preference-Applied',
  'Proxy-Status',
  'Range-Unit',
  'X-Total-Count',
  'X-Supabase-Api-Version',
  'X-Sb-Error-Code',
  'X-Relay-Error',
].join(', ');

function setCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  if (req.headers.origin) res.setHeader('Vary', 'Origin');
}

function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS',
    'Access-Control-Allow-Headers':
      req.headers['access-control-request-headers'] ??
      'authorization, x-client-info, apikey, content-type, prefer, range, accept-profile, content-profile, x-upsert, x-supabase-api-version',
    'Access-Control-Max-Age': '3600',
    'Content-Length': '0',
  });
  res.end();
}

/**
 * Kong's Authorization rewrite (internal/start/start.go): opaque sb_ keys become the
 * matching legacy JWT, a missing Authorization takes the apikey.
 */
export function translateAuthorization(
  authorization: string | undefined,
  apikey: string | undefined,
  config: StackConfig,
): string | undefined {
  if (authorization && !/^bearer sb_/i.test(authorization.trim())) return authorization;
  if (apikey === config.secretKey) return `Bearer ${config.serviceRoleKey}`;
  if (apikey === config.publishableKey) return `Bearer ${config.anonKey}`;
  if (apikey) return `Bearer ${apikey}`;
  // An sb_ bearer with no apikey: map it the same way.
  const token = authorization?.trim().slice(7);
  if (token === config.secretKey) return `Bearer ${config.serviceRoleKey}`;
  if (token === config.publishableKey) return `Bearer ${config.anonKey}`;
  return authorization;
}

/** The realtime websocket carries the key as ?apikey=; sb_ keys become JWTs there too. */
export function translateApikeyParam(url: string, config: StackConfig): string {
  const i = url.indexOf('?');
  if (i < 0) return url;
  const params = new URLSearchParams(url.slice(i + 1));
  const key = params.get('apikey');
  if (key === config.secretKey) params.set('apikey', config.serviceRoleKey);
  else if (key === config.publishableKey) params.set('apikey', config.anonKey);
  else return url;
  return `${url.slice(0, i)}?${params.toString()}`;
}

export interface Gateway {
  server: http.Server;
  listen(): Promise<void>;
  close(): Promise<void>;
}

function route(services: StackService[], pathname: string): { service: StackService; subpath: string } | undefined {
  for (const service of services) {
    if (pathname === service.prefix || pathname.startsWith(`${service.prefix}/`)) {
      return { service, subpath: pathname.slice(service.prefix.length) };
    }
  }
  return undefined;
}

export function createGateway(config: StackConfig, services: () => StackService[]): Gateway {
  // Upgraded (websocket) sockets are not the server's any more: close() must end them itself.
  const upgraded = new Set<Duplex>();
  const server = http.createServer((req, res) => {
    setCors(req, res);
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      answerPreflight(req, res);
      return;
    }
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    const match = route(services(), pathname);
    if (!match) {
      sendJson(res, 404, { message: 'no Route matched with those values' });
      return;
    }
    const apikey = req.headers.apikey as string | undefined;
    const authorization = translateAuthorization(req.headers.authorization, apikey, config);
    if (authorization) req.headers.authorization = authorization;
    else delete req.headers.authorization;
    Promise.resolve(match.service.handle(req, res, match.subpath)).catch((e: unknown) => {
      console.error(`[${match.service.name}]`, e);
      if (!res.headersSent) {
        sendJson(res, 500, { code: 'unexpected_failure', message: 'Internal server error' });
      } else {
        res.destroy();
      }
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    const url = translateApikeyParam(req.url ?? '/', config);
    req.url = url;
    const q = url.indexOf('?');
    const match = route(services(), q < 0 ? url : url.slice(0, q));
    if (!match?.service.upgrade) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    match.service.upgrade(req, socket, head, match.subpath);
  });
  // Keep-alive sockets from clients must not hold shutdown hostage.
  server.keepAliveTimeout = 5_000;
  return {
    server,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          resolve();
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
      }),
  };
}
