// Resolves the local stack's configuration from supabase/config.toml plus
// environment overrides (STACK_PORT, STACK_DB_PORT, STACK_DATA_DIR, ...), so tests
// and benchmarks can run their own stack on free ports in a temp dir.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { signJwtSync } from './jwt.ts';

/** The Supabase CLI's default local JWT secret: the CLI's published local keys verify against it. */
export const DEFAULT_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
/** The CLI's fixed opaque keys (pkg/config/apikeys.go). */
export const DEFAULT_PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';
export const DEFAULT_SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';

export interface FunctionConfig {
  enabled: boolean;
  verifyJwt: boolean;
  entrypoint?: string;
  importMap?: string;
}

export interface AuthConfig {
  siteUrl: string;
  additionalRedirectUrls: string[];
  jwtExpiry: number;
  refreshTokenRotation: boolean;
  refreshTokenReuseInterval: number;
  enableSignup: boolean;
  enableAnonymousSignIns: boolean;
  minimumPasswordLength: number;
  emailEnableSignup: boolean;
  enableConfirmations: boolean;
  doubleConfirmChanges: boolean;
  otpExpiry: number;
}

export interface StackConfig {
  /** Repository root (where package.json and supabase/ live). */
  projectDir: string;
  supabaseDir: string;
  migrationsDir: string;
  functionsDir: string;
  seedPaths: string[];
  seedEnabled: boolean;
  dataDir: string;
  host: string;
  port: number;
  dbPort: number;
  mailPort: number;
  smtpPort: number;
  apiUrl: string;
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
  publishableKey: string;
  secretKey: string;
  /** Password shared by the postgres, supabase_admin and authenticator logins (CLI default "postgres"). */
  dbPassword: string;
  /** What `supabase status` prints as DB URL: the `postgres` login. */
  dbUrl: string;
  /** Superuser connection for the stack's own tooling. */
  adminDbUrl: string;
  /** The login PostgREST, Storage and Realtime use; switches role per request. */
  authenticatorDbUrl: string;
  api: { schemas: string[]; extraSearchPath: string[]; maxRows: number };
  auth: AuthConfig;
  functions: Record<string, FunctionConfig>;
  functionTimeoutMs: number;
  storageFileSizeLimit: number;
  /** Dev mode: watch function sources and reload on change. */
  watch: boolean;
}

type Toml = Record<string, unknown>;

function table(t: Toml | undefined, key: string): Toml {
  const v = t?.[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Toml) : {};
}
function str(v: unknown, d: string): string {
  return typeof v === 'string' ? v : d;
}
function num(v: unknown, d: number): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : d;
}
function bool(v: unknown, d: boolean): boolean {
  return typeof v === 'boolean' ? v : d;
}
function strs(v: unknown, d: string[]): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : d;
}
function envInt(name: string, d: number): number {
  const v = process.env[name];
  if (!v) return d;
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got "${v}"`);
  return n;
}

/** Parses sizes such as "50MiB", "1MB", 1048576 into bytes. */
export function parseByteSize(v: unknown, d: number): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return d;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KIB|MIB|GIB)?\s*$/i.exec(v);
  if (!m) return d;
  const units: Record<string, number> = {
    B: 1,
    KB: 1000,
    MB: 1000 ** 2,
    GB: 1000 ** 3,
    KIB: 1024,
    MIB: 1024 ** 2,
    GIB: 1024 ** 3,
  };
  return Math.floor(Number(m[1]) * units[(m[2] ?? 'B').toUpperCase()]!);
}

export interface ConfigOverrides {
  projectDir?: string;
  dataDir?: string;
  port?: number;
  dbPort?: number;
  mailPort?: number;
  smtpPort?: number;
  migrationsDir?: string;
  functionsDir?: string;
  seedEnabled?: boolean;
  seedPaths?: string[];
  watch?: boolean;
  functionTimeoutMs?: number;
  /** Global upload cap in bytes (default: [storage] file_size_limit, 50 MiB). */
  storageFileSizeLimit?: number;
  auth?: Partial<AuthConfig>;
  functions?: Record<string, Partial<FunctionConfig>>;
}

export function loadConfig(o: ConfigOverrides = {}): StackConfig {
  const projectDir = path.resolve(o.projectDir ?? process.cwd());
  const supabaseDir = path.join(projectDir, 'supabase');
  const tomlPath = path.join(supabaseDir, 'config.toml');
  const toml: Toml = fs.existsSync(tomlPath) ? (parseToml(fs.readFileSync(tomlPath, 'utf8')) as Toml) : {};
  const api = table(toml, 'api');
  const db = table(toml, 'db');
  const seed = table(db, 'seed');
  const inbucket = table(toml, 'inbucket');
  const auth = table(toml, 'auth');
  const email = table(auth, 'email');
  const storage = table(toml, 'storage');
  const fnTables = table(toml, 'functions');

  const host = process.env.STACK_HOST ?? '127.0.0.1';
  const port = o.port ?? envInt('STACK_PORT', num(api.port, 54321));
  const dbPort = o.dbPort ?? envInt('STACK_DB_PORT', num(db.port, 54322));
  const mailPort = o.mailPort ?? envInt('STACK_MAIL_PORT', num(inbucket.port, 54324));
  const smtpPort = o.smtpPort ?? envInt('STACK_SMTP_PORT', num(inbucket.smtp_port, 54325));
  const dataDir = path.resolve(projectDir, o.dataDir ?? process.env.STACK_DATA_DIR ?? '.local/stack');
  const jwtSecret = process.env.STACK_JWT_SECRET ?? DEFAULT_JWT_SECRET;
  if (jwtSecret.length < 16) throw new Error('STACK_JWT_SECRET must be at least 16 characters');
  // Claims exactly as the CLI signs its local keys: no iat, no ref.
  const anonKey = signJwtSync({ iss: 'supabase-demo', role: 'anon', exp: 1983812996 }, jwtSecret);
  const serviceRoleKey = signJwtSync({ iss: 'supabase-demo', role: 'service_role', exp: 1983812996 }, jwtSecret);
  const dbPassword = 'postgres';
  const apiUrl = `http://${host}:${port}`;

  const functions: Record<string, FunctionConfig> = {};
  for (const [slug, v] of Object.entries(fnTables)) {
    const t = (v ?? {}) as Toml;
    functions[slug] = {
      enabled: bool(t.enabled, true),
      verifyJwt: bool(t.verify_jwt, true),
      entrypoint: typeof t.entrypoint === 'string' ? t.entrypoint : undefined,
      importMap: typeof t.import_map === 'string' ? t.import_map : undefined,
    };
  }
  for (const [slug, v] of Object.entries(o.functions ?? {})) {
    functions[slug] = { enabled: true, verifyJwt: true, ...functions[slug], ...v };
  }

  return {
    projectDir,
    supabaseDir,
    migrationsDir: path.resolve(projectDir, o.migrationsDir ?? 'supabase/migrations'),
    functionsDir: path.resolve(projectDir, o.functionsDir ?? 'supabase/functions'),
    seedEnabled: o.seedEnabled ?? bool(seed.enabled, true),
    seedPaths: (o.seedPaths ?? strs(seed.sql_paths, ['./seed.sql'])).map((p) => path.resolve(supabaseDir, p)),
    dataDir,
    host,
    port,
    dbPort,
    mailPort,
    smtpPort,
    apiUrl,
    jwtSecret,
    anonKey,
    serviceRoleKey,
    publishableKey: DEFAULT_PUBLISHABLE_KEY,
    secretKey: DEFAULT_SECRET_KEY,
    dbPassword,
    dbUrl: `postgresql://postgres:${dbPassword}@${host}:${dbPort}/postgres`,
    adminDbUrl: `postgresql://supabase_admin:${dbPassword}@${host}:${dbPort}/postgres`,
    authenticatorDbUrl: `postgresql://authenticator:${dbPassword}@${host}:${dbPort}/postgres`,
    api: {
      schemas: strs(api.schemas, ['public', 'graphql_public']),
      extraSearchPath: strs(api.extra_search_path, ['public', 'extensions']),
      maxRows: num(api.max_rows, 1000),
    },
    auth: {
      siteUrl: str(auth.site_url, 'http://127.0.0.1:3000'),
      additionalRedirectUrls: strs(auth.additional_redirect_urls, []),
      jwtExpiry: num(auth.jwt_expiry, 3600),
      refreshTokenRotation: bool(auth.enable_refresh_token_rotation, true),
      refreshTokenReuseInterval: num(auth.refresh_token_reuse_interval, 10),
      enableSignup: bool(auth.enable_signup, true),
      enableAnonymousSignIns: bool(auth.enable_anonymous_sign_ins, false),
      minimumPasswordLength: num(auth.minimum_password_length, 6),
      emailEnableSignup: bool(email.enable_signup, true),
      enableConfirmations: bool(email.enable_confirmations, false),
      doubleConfirmChanges: bool(email.double_confirm_changes, true),
      otpExpiry: num(email.otp_expiry, 3600),
      ...o.auth,
    },
    functions,
    functionTimeoutMs: o.functionTimeoutMs ?? (Number(process.env.STACK_FUNCTION_TIMEOUT_MS) || 150_000),
    storageFileSizeLimit: o.storageFileSizeLimit ?? parseByteSize(storage.file_size_limit, 50 * 1024 * 1024),
    watch: o.watch ?? false,
  };
}
