// Vitest global setup for stack-backed projects: builds the template clusters once
// and pre-caches the edge functions' npm dependencies so no test downloads.
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildTemplates } from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateBare: string;
    templateMigrated: string;
  }
}

export default async function setup(project: TestProject) {
  const templates = await buildTemplates();
  project.provide('templateBare', templates.bare);
  project.provide('templateMigrated', templates.migrated);
  const functionsModule = path.resolve(import.meta.dirname, '../../stack/functions/index.ts');
  if (fs.existsSync(functionsModule)) {
    const { loadConfig } = await import('../../stack/config.ts');
    const mod = await import(functionsModule);
    if (typeof mod.cacheFunctionDeps === 'function') {
      // The project's functions and the test fixtures share one Deno cache.
      for (const functionsDir of ['supabase/functions', 'tests/fixtures/functions']) {
        await mod.cacheFunctionDeps(loadConfig({ projectDir: path.resolve(import.meta.dirname, '../..'), functionsDir }));
      }
    }
  }
  return () => {
    fs.rmSync(templates.root, { recursive: true, force: true });
  };
}
