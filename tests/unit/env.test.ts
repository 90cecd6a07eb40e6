import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env.ts';

describe('parseEnv', () => {
  it('accepts the two Supabase settings and drops a trailing slash from the URL', () => {
    expect(parseEnv({ VITE_SUPABASE_URL: 'http://127.0.0.1:54321/', VITE_SUPABASE_ANON_KEY: 'anon' })).toEqual({
      ok: true,
      env: { supabaseUrl: 'http://127.0.0.1:54321', supabaseAnonKey: 'anon' },
    });
  });

  it('names every missing setting', () => {
    expect(parseEnv({})).toEqual({
      ok: false,
      problems: ['VITE_SUPABASE_URL is not set.', 'VITE_SUPABASE_ANON_KEY is not set.'],
    });
    expect(parseEnv({ VITE_SUPABASE_URL: '  ', VITE_SUPABASE_ANON_KEY: '' })).toEqual({
      ok: false,
      problems: ['VITE_SUPABASE_URL is not set.', 'VITE_SUPABASE_ANON_KEY is not set.'],
    });
  });

  it('rejects a URL that is not http(s)', () => {
    const expected = {
      ok: false,
      problems: ['VITE_SUPABASE_URL must be an http(s) URL, for example http://127.0.0.1:54321.'],
    };
    expect(parseEnv({ VITE_SUPABASE_URL: 'localhost:54321', VITE_SUPABASE_ANON_KEY: 'anon' })).toEqual(expected);
    expect(parseEnv({ VITE_SUPABASE_URL: 'ftp://example.com', VITE_SUPABASE_ANON_KEY: 'anon' })).toEqual(expected);
  });
});
