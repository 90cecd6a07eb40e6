// The services behind the gateway and the sidecars beside it, in start order.
import fs from 'node:fs';
import path from 'node:path';
import type { StackContext, StackService } from './context.ts';

export interface Sidecar {
  name: string;
  stop(): Promise<void>;
}

const here = import.meta.dirname;

// Loaded by path so each service module stays independent of the others.
const SERVICE_MODULES: [string, string][] = [
  ['auth/index.ts', 'createAuthService'],
  ['postgrest/index.ts', 'createRestService'],
  ['realtime/index.ts', 'createRealtimeService'],
  ['storage/index.ts', 'createStorageService'],
  ['functions/index.ts', 'createFunctionsService'],
];

export async function loadServices(ctx: StackContext): Promise<StackService[]> {
  const out: StackService[] = [];
  for (const [file, factory] of SERVICE_MODULES) {
    const full = path.join(here, file);
    if (!fs.existsSync(full)) continue;
    const mod = (await import(full)) as Record<string, (ctx: StackContext) => StackService>;
    if (typeof mod[factory] === 'function') out.push(mod[factory](ctx));
  }
  return out;
}

export async function loadSidecars(ctx: StackContext): Promise<Sidecar[]> {
  const out: Sidecar[] = [];
  const mail = path.join(here, 'mail/index.ts');
  if (fs.existsSync(mail)) {
    const mod = await import(mail);
    if (typeof mod.startMailCatcher === 'function') {
      const m = await mod.startMailCatcher(ctx.config);
      out.push({ name: 'mail', stop: () => m.stop() });
    }
  }
  for (const [file, fn] of [
    ['workers/net.ts', 'startNetWorker'],
    ['workers/cron.ts', 'startCronWorker'],
    ['workers/index.ts', 'startNetWorker'],
    ['workers/index.ts', 'startCronWorker'],
  ] as const) {
    const full = path.join(here, file);
    if (!fs.existsSync(full)) continue;
    const mod = await import(full);
    if (typeof mod[fn] === 'function' && !out.some((s) => s.name === fn)) {
      const w = await mod[fn](ctx);
      out.push({ name: fn, stop: () => w.stop() });
    }
  }
  return out;
}
