// The services behind the gateway and the sidecars beside it, in start order.
// One module per Supabase service; they never import each other.
import type { StackContext, StackService } from './context.ts';
import { createAuthService } from './auth/index.ts';
import { createFunctionsService } from './functions/index.ts';
import { startMailCatcher } from './mail/index.ts';
import { createRealtimeService } from './realtime/index.ts';
import { createRestService } from './rest/index.ts';
import { createStorageService } from './storage/index.ts';
import { startCronWorker, startNetWorker } from './workers/index.ts';

export interface Sidecar {
  name: string;
  stop(): Promise<void>;
}

export async function loadServices(ctx: StackContext): Promise<StackService[]> {
  return [
    createAuthService(ctx),
    createRestService(ctx),
    createRealtimeService(ctx),
    createStorageService(ctx),
    createFunctionsService(ctx),
  ];
}

/** The mail catcher (Mailpit's role) and the workers behind the pg_net and pg_cron stand-ins. */
export async function loadSidecars(ctx: StackContext): Promise<Sidecar[]> {
  const mail = await startMailCatcher(ctx.config);
  const net = await startNetWorker(ctx);
  const cron = await startCronWorker(ctx);
  return [
    { name: 'mail', stop: () => mail.stop() },
    { name: 'net', stop: () => net.stop() },
    { name: 'cron', stop: () => cron.stop() },
  ];
}
