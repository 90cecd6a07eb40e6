// PostgREST-compatible REST service mounted at /rest/v1 (spec sections 2.4 and 3):
// the schema cache is built at start and rebuilt on 'schema-changed' (migrations,
// NOTIFY pgrst 'reload schema', DDL) and 'config-reload' (NOTIFY pgrst 'reload config').
import type { StackContext, StackService } from '../context.ts';
import { RestApi } from './handler.ts';
import { loadSchemaCache } from './schema.ts';

interface Instance {
  api: RestApi;
  reload(): Promise<void>;
}

const instances = new Set<Instance>();

/** Rebuilds the schema cache of every running REST service (resolves when they are current). */
export async function reloadSchema(): Promise<void> {
  await Promise.all([...instances].map((i) => i.reload()));
}

export function createRestService(ctx: StackContext): StackService {
  const api = new RestApi(ctx);
  let loading: Promise<void> | undefined;
  let again = false;

  const load = async () => {
    const c = await loadSchemaCache(ctx.adminPool, ctx.config.api.schemas, ctx.config.api.extraSearchPath);
    api.setCache(c);
  };
  // One rebuild at a time; a change during a rebuild triggers exactly one more.
  const reload = (): Promise<void> => {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      try {
        do {
          again = false;
          await load();
        } while (again);
      } catch (e) {
        ctx.log('rest', `schema cache reload failed: ${(e as Error).message}`);
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  };
  const instance: Instance = { api, reload };
  const onChange = () => void reload();

  return {
    name: 'rest',
    prefix: '/rest/v1',
    async start() {
      await load();
      instances.add(instance);
      ctx.events.on('schema-changed', onChange);
      ctx.events.on('config-reload', onChange);
    },
    async stop() {
      instances.delete(instance);
      ctx.events.off('schema-changed', onChange);
      ctx.events.off('config-reload', onChange);
      await loading;
    },
    handle(req, res, subpath) {
      return api.handle(req, res, subpath);
    },
  };
}
