// Finding the functions and starting Deno for them: the binary from the `deno` npm
// package, per-function import configuration, and a cache shared by every stack of
// this project (`<projectDir>/.local/deno`, filled by `npm run functions:cache`).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { StackConfig } from '../config.ts';

const require = createRequire(import.meta.url);

/** Slugs the CLI serves (`_shared` and other underscore folders never are). */
export const SLUG_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;

export const BOOTSTRAP_PATH = path.join(import.meta.dirname, 'bootstrap.js');

export interface DenoCommand {
  command: string;
  /** Arguments before Deno's own (the JS shim when the binary is not found directly). */
  prefix: string[];
}

let cachedDeno: DenoCommand | undefined;

/** The Deno binary shipped by the `deno` npm package (its platform package), else its JS shim. */
export function denoCommand(): DenoCommand {
  if (cachedDeno) return cachedDeno;
  const libc = process.platform === 'linux' ? '-glibc' : '';
  const platformPkg = `@deno/${process.platform}-${process.arch}${libc}`;
  try {
    const dir = path.dirname(require.resolve(`${platformPkg}/package.json`));
    const bin = path.join(dir, process.platform === 'win32' ? 'deno.exe' : 'deno');
    if (fs.existsSync(bin)) return (cachedDeno = { command: bin, prefix: [] });
  } catch {
    // Not installed for this platform: try the shim below.
  }
  try {
    return (cachedDeno = { command: process.execPath, prefix: [require.resolve('deno/bin.cjs')] });
  } catch {
    throw new Error('Deno is not installed: `npm install` brings it in (the `deno` dev dependency)');
  }
}

export function denoDir(config: StackConfig): string {
  return path.join(config.projectDir, '.local', 'deno');
}

export interface FunctionSpec {
  slug: string;
  /** Absolute path of the entry module. */
  entry: string;
  /** The function's folder (the process's working directory). */
  dir: string;
  verifyJwt: boolean;
  /** `--config` (deno.json / deno.jsonc next to the function). */
  configFile?: string;
  /** `--import-map` (config.toml `import_map`, a function's import_map.json, or the deprecated global one). */
  importMap?: string;
}

/**
 * The function called `slug`, or undefined when none is served under that name:
 * disabled in config.toml, an invalid slug, or no entry file.
 */
export function resolveFunction(config: StackConfig, slug: string): FunctionSpec | undefined {
  if (!SLUG_RE.test(slug)) return undefined;
  const fc = config.functions[slug];
  if (fc && fc.enabled === false) return undefined;
  // config.toml paths are relative to the supabase/ folder, as in the CLI.
  const entry = fc?.entrypoint
    ? path.resolve(config.supabaseDir, fc.entrypoint)
    : path.join(config.functionsDir, slug, 'index.ts');
  if (!fs.existsSync(entry)) return undefined;
  const dir = path.dirname(entry);
  const spec: FunctionSpec = { slug, entry, dir, verifyJwt: fc?.verifyJwt ?? true };
  if (fc?.importMap) {
    spec.importMap = path.resolve(config.supabaseDir, fc.importMap);
    return spec;
  }
  for (const name of ['deno.json', 'deno.jsonc']) {
    const f = path.join(dir, name);
    if (fs.existsSync(f)) {
      spec.configFile = f;
      return spec;
    }
  }
  for (const f of [path.join(dir, 'import_map.json'), path.join(config.functionsDir, 'import_map.json')]) {
    if (fs.existsSync(f)) {
      spec.importMap = f;
      return spec;
    }
  }
  return spec;
}

/** Every function served from `config`: folders of functionsDir plus config.toml entries. */
export function listFunctions(config: StackConfig): FunctionSpec[] {
  const slugs = new Set<string>(Object.keys(config.functions));
  if (fs.existsSync(config.functionsDir)) {
    for (const d of fs.readdirSync(config.functionsDir, { withFileTypes: true })) {
      if (d.isDirectory()) slugs.add(d.name);
    }
  }
  return [...slugs]
    .sort()
    .map((s) => resolveFunction(config, s))
    .filter((f): f is FunctionSpec => f !== undefined);
}

/**
 * Flags that keep a function on its own imports: its deno.json (whose deno.lock
 * sits beside it) or import map, never the app's package.json or node_modules
 * (npm packages come from the shared Deno cache).
 */
export function importFlags(spec: FunctionSpec): string[] {
  const flags = ['--node-modules-dir=none'];
  if (spec.configFile) flags.push(`--config=${spec.configFile}`);
  else flags.push('--no-config');
  if (spec.importMap) flags.push(`--import-map=${spec.importMap}`);
  const lock = path.join(spec.dir, 'deno.lock');
  if (!spec.configFile) flags.push(fs.existsSync(lock) ? `--lock=${lock}` : '--no-lock');
  return flags;
}

/** Environment for Deno itself (the function's own variables are added by the runner). */
export function denoEnv(config: StackConfig): Record<string, string> {
  const env: Record<string, string> = {
    DENO_DIR: denoDir(config),
    // Also ignore any package.json above the function (the app's).
    DENO_NO_PACKAGE_JSON: '1',
    DENO_NO_UPDATE_CHECK: '1',
    DENO_NO_PROMPT: '1',
    NO_COLOR: '1',
  };
  const pass = [
    'PATH',
    'HOME',
    'TMPDIR',
    'LANG',
    'TZ',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'http_proxy',
    'https_proxy',
    'no_proxy',
    'DENO_CERT',
    'DENO_TLS_CA_STORE',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    'NODE_EXTRA_CA_CERTS',
    'NPM_CONFIG_REGISTRY',
    'DENO_AUTH_TOKENS',
  ];
  for (const name of pass) {
    const v = process.env[name];
    if (v !== undefined) env[name] = v;
  }
  return env;
}

function runDeno(config: StackConfig, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  const deno = denoCommand();
  return new Promise((resolve, reject) => {
    const child = spawn(deno.command, [...deno.prefix, ...args], {
      cwd,
      env: denoEnv(config),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * Downloads every function's dependencies (npm:, jsr:, https:) into the shared
 * Deno cache so no call has to. Failures are reported, not thrown: a function
 * that cannot be resolved fails at its own first call with a boot error instead.
 */
export async function cacheFunctionDeps(config: StackConfig): Promise<void> {
  fs.mkdirSync(denoDir(config), { recursive: true });
  const failures: string[] = [];
  for (const spec of listFunctions(config)) {
    const { code, output } = await runDeno(
      config,
      ['install', ...importFlags(spec), `--entrypoint`, spec.entry],
      spec.dir,
    );
    if (code !== 0) failures.push(`${spec.slug}: ${output.trim().split('\n').slice(0, 6).join('\n')}`);
  }
  if (failures.length) console.warn(`Could not cache the dependencies of:\n${failures.join('\n')}`);
}
