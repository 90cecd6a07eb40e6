// Building, serving and browsing the production SPA for end-to-end tests.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import mime from 'mime-types';
import { build } from 'vite';
import { chromium, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

const projectRoot = path.resolve(import.meta.dirname, '../../..');

/**
 * `vite build` of the real app into a temp dir, configured for one stack. The settings go in through
 * process.env (which Vite ranks above .env files) and an empty envDir, so a developer's .env.local
 * cannot point the test at another project.
 */
export async function buildApp(opts: { supabaseUrl: string; anonKey: string }): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-spa-'));
  const envDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-env-'));
  const saved = { url: process.env.VITE_SUPABASE_URL, key: process.env.VITE_SUPABASE_ANON_KEY };
  process.env.VITE_SUPABASE_URL = opts.supabaseUrl;
  process.env.VITE_SUPABASE_ANON_KEY = opts.anonKey;
  try {
    await build({
      root: projectRoot,
      configFile: path.join(projectRoot, 'vite.config.ts'),
      envDir,
      mode: 'production',
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    restoreEnv('VITE_SUPABASE_URL', saved.url);
    restoreEnv('VITE_SUPABASE_ANON_KEY', saved.key);
    fs.rmSync(envDir, { recursive: true, force: true });
  }
  return outDir;
}

function restoreEnv(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves a built SPA on a free port; unknown paths get index.html, as any SPA host does. */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    let file = path.resolve(root, `.${pathname}`);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.join(root, 'index.html');
    }
    // As a production static host serves a Vite build: hashed assets cached for good, the page revalidated.
    const hashed = pathname.startsWith('/assets/');
    res.writeHead(200, {
      'content-type': mime.contentType(path.extname(file)) || 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Debian Chromium with a fresh profile, so no state leaks between runs. */
export async function launchBrowser(): Promise<Browser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface IsolatedBrowser {
  /** A fresh context: its own cookies and storage, as another person's browser. */
  /** A fresh context (desktop-sized unless `options` say otherwise, e.g. a phone's viewport). */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** One Chromium process for several people: each context is isolated like a separate browser. */
export async function launchIsolatedBrowser(): Promise<IsolatedBrowser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    newContext: (options) => browser.newContext({ viewport: { width: 1280, height: 900 }, ...options }),
    close: () => browser.close(),
  };
}

/** Signs a demo user (password "ledgerline-demo") in on `page` and waits for the home page of their org. */
export async function signInAsDemoUser(page: Page, appUrl: string, email: string, orgName = 'Northwind Traders') {
  await page.goto(`${appUrl}/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('ledgerline-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: orgName }).waitFor();
}
