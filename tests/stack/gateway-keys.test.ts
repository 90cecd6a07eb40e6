// Key translation (spec 1.4) and JWT verification, without a running stack.
import { describe, expect, it } from 'vitest';
import { DEFAULT_JWT_SECRET, loadConfig } from '../../stack/config.ts';
import { translateApikeyParam, translateAuthorization } from '../../stack/gateway.ts';
import { signJwtSync, verifyJwt } from '../../stack/jwt.ts';

const config = loadConfig();
// The Supabase CLI's published local keys.
const CLI_ANON =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
const CLI_SERVICE =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

describe('API keys', () => {
  it('are the Supabase CLI local keys by default', () => {
    expect(config.jwtSecret).toBe(DEFAULT_JWT_SECRET);
    expect(config.anonKey).toBe(CLI_ANON);
    expect(config.serviceRoleKey).toBe(CLI_SERVICE);
  });

  it('translate like the CLI gateway', () => {
    const user = 'Bearer eyJ.user.jwt';
    expect(translateAuthorization(user, config.publishableKey, config)).toBe(user);
    expect(translateAuthorization(`Bearer ${config.secretKey}`, config.secretKey, config)).toBe(`Bearer ${CLI_SERVICE}`);
    expect(translateAuthorization(`Bearer ${config.publishableKey}`, config.publishableKey, config)).toBe(
      `Bearer ${CLI_ANON}`,
    );
    expect(translateAuthorization(undefined, config.publishableKey, config)).toBe(`Bearer ${CLI_ANON}`);
    expect(translateAuthorization(undefined, CLI_ANON, config)).toBe(`Bearer ${CLI_ANON}`);
    expect(translateAuthorization(undefined, undefined, config)).toBeUndefined();
    expect(translateApikeyParam(`/realtime/v1/websocket?apikey=${config.publishableKey}&vsn=2.0.0`, config)).toBe(
      `/realtime/v1/websocket?apikey=${CLI_ANON}&vsn=2.0.0`,
    );
    expect(translateApikeyParam('/realtime/v1/websocket?apikey=abc&vsn=2.0.0', config)).toBe(
      '/realtime/v1/websocket?apikey=abc&vsn=2.0.0',
    );
  });
});

describe('verifyJwt', () => {
  const now = 1_800_000_000;
  it('accepts a valid token and returns its claims', () => {
    const t = signJwtSync({ role: 'authenticated', sub: 'u1', exp: now + 60 }, DEFAULT_JWT_SECRET);
    expect(verifyJwt(t, DEFAULT_JWT_SECRET, 30, now)).toEqual({
      ok: true,
      claims: { role: 'authenticated', sub: 'u1', exp: now + 60 },
    });
  });
  it('refuses tampered, malformed, expired and future tokens with PostgREST messages', () => {
    const t = signJwtSync({ role: 'anon', exp: now + 60 }, DEFAULT_JWT_SECRET);
    const [h, , s] = t.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ role: 'service_role', exp: now + 60 })).toString('base64url')}.${s}`;
    expect(verifyJwt(forged, DEFAULT_JWT_SECRET, 30, now)).toMatchObject({ ok: false, failure: 'signature' });
    expect(verifyJwt('abc.def', DEFAULT_JWT_SECRET, 30, now)).toEqual({
      ok: false,
      failure: 'malformed',
      message: 'Expected 3 parts in JWT; got 2',
    });
    const expired = signJwtSync({ role: 'anon', exp: now - 31 }, DEFAULT_JWT_SECRET);
    expect(verifyJwt(expired, DEFAULT_JWT_SECRET, 30, now)).toMatchObject({ ok: false, message: 'JWT expired' });
    // Within the 30 s clock skew PostgREST allows.
    const justExpired = signJwtSync({ role: 'anon', exp: now - 10 }, DEFAULT_JWT_SECRET);
    expect(verifyJwt(justExpired, DEFAULT_JWT_SECRET, 30, now).ok).toBe(true);
    expect(verifyJwt(justExpired, DEFAULT_JWT_SECRET, 0, now).ok).toBe(false);
    const future = signJwtSync({ role: 'anon', iat: now + 120 }, DEFAULT_JWT_SECRET);
    expect(verifyJwt(future, DEFAULT_JWT_SECRET, 30, now)).toMatchObject({ ok: false, message: 'JWT issued at future' });
    const wrongSecret = signJwtSync({ role: 'anon' }, 'another-secret-of-sufficient-length');
    expect(verifyJwt(wrongSecret, DEFAULT_JWT_SECRET, 30, now)).toMatchObject({ ok: false, failure: 'signature' });
  });
});
