// The variables every function gets (spec 6.2), plus the user's secrets from
// `supabase/functions/.env`, read the way the CLI reads it (godotenv syntax).
import fs from 'node:fs';
import path from 'node:path';
import type { StackConfig } from '../config.ts';

/** Parses a dotenv file: KEY=value, `export KEY=value`, quotes, `#` comments. */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!;
    let value = m[2]!;
    const quote = value[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      // A quoted value may span lines until its closing quote.
      let body = value.slice(1);
      let end = findClosing(body, quote);
      while (end < 0 && i + 1 < lines.length) {
        body += `\n${lines[++i]}`;
        end = findClosing(body, quote);
      }
      value = end < 0 ? body : body.slice(0, end);
      if (quote === '"') {
        value = value.replace(/\\([nrt"\\$])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
      }
    } else {
      const hash = value.search(/\s#/);
      if (hash >= 0) value = value.slice(0, hash);
      value = value.trim();
    }
    out[key] = value;
  }
  return out;
}

function findClosing(s: string, quote: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && quote === '"') {
      i++;
      continue;
    }
    if (s[i] === quote) return i;
  }
  return -1;
}

/** User secrets; names starting with SUPABASE_ are reserved and skipped, as the CLI does. */
export function readUserEnv(config: StackConfig, log?: (message: string) => void): Record<string, string> {
  const file = path.join(config.functionsDir, '.env');
  if (!fs.existsSync(file)) return {};
  const parsed = parseDotenv(fs.readFileSync(file, 'utf8'));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (k.startsWith('SUPABASE_')) {
      log?.(`Env name cannot start with SUPABASE_, skipping: ${k}`);
      continue;
    }
    out[k] = v;
  }
  return out;
}

/** What the edge runtime gives every function. */
export function supabaseEnv(config: StackConfig): Record<string, string> {
  return {
    SUPABASE_URL: config.apiUrl,
    SUPABASE_ANON_KEY: config.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: config.serviceRoleKey,
    SUPABASE_DB_URL: config.dbUrl,
    SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: config.publishableKey }),
    SUPABASE_SECRET_KEYS: JSON.stringify({ default: config.secretKey }),
    // HS256 only: GoTrue publishes no keys, so the set is empty.
    SUPABASE_JWKS: JSON.stringify({ keys: [] }),
  };
}

/**
 * Local values of the project's own function secrets, which production sets with
 * `supabase secrets set`: the mail catcher as SMTP provider and the app's URL.
 * supabase/functions/.env overrides them.
 */
export function localSecretDefaults(config: StackConfig): Record<string, string> {
  return {
    SMTP_URL: `smtp://${config.host}:${config.smtpPort}`,
    SITE_URL: config.auth.siteUrl,
  };
}
