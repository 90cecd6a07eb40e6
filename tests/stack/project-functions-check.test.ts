// The project's edge functions type-check under Deno with their own import
// configuration (the app's tsconfig does not cover supabase/functions).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadConfig } from '../../stack/config.ts';
import { denoCommand, denoEnv, importFlags, listFunctions } from '../../stack/functions/deno.ts';

const config = loadConfig({ projectDir: path.resolve(import.meta.dirname, '../..') });

it.each(listFunctions(config).map((f) => [f.slug, f] as const))('%s passes deno check', (_slug, spec) => {
  const deno = denoCommand();
  const r = spawnSync(deno.command, [...deno.prefix, 'check', ...importFlags(spec), spec.entry], {
    cwd: spec.dir,
    env: denoEnv(config),
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.status, r.stderr).toBe(0);
});
