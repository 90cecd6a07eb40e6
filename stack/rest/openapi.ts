// The root endpoint (GET /rest/v1/): an OpenAPI 2.0 description of the exposed schema
// built from the schema cache, in the shape PostgREST's Response/OpenAPI.hs produces
// (definitions per table/view, one path per relation and per function).
import type { Column, SchemaCache } from './schema.ts';

function typeOf(c: Column): { type: string; format: string; items?: { type: string } } {
  const t = c.type;
  if (t.endsWith('[]')) return { type: 'array', format: t, items: { type: 'string' } };
  if (['integer', 'smallint', 'bigint'].includes(t)) return { type: 'integer', format: t };
  if (['numeric', 'real', 'double precision'].includes(t)) return { type: 'number', format: t };
  if (t === 'boolean') return { type: 'boolean', format: t };
  if (t === 'json' || t === 'jsonb') return { type: 'string', format: t };
  return { type: 'string', format: t };
}

export function openApiDocument(cache: SchemaCache, schema: string, apiUrl: string): Record<string, unknown> {
  const url = new URL(apiUrl);
  const definitions: Record<string, unknown> = {};
  const paths: Record<string, unknown> = {
    '/': {
      get: {
        tags: ['Introspection'],
        summary: 'OpenAPI description (this document)',
        responses: { 200: { description: 'OK' } },
      },
    },
  };
  for (const t of cache.tables.values()) {
    if (t.schema !== schema) continue;
    const properties: Record<string, unknown> = {};
    for (const c of t.columnList) {
      properties[c.name] = {
        ...typeOf(c),
        ...(c.default !== null ? { default: c.default } : {}),
        ...(c.enumValues.length ? { enum: c.enumValues } : {}),
        ...(t.pk.includes(c.name) ? { description: 'Note:\nThis is a Primary Key.<pk/>' } : {}),
      };
    }
    definitions[t.name] = {
      type: 'object',
      required: t.columnList.filter((c) => !c.nullable && c.default === null).map((c) => c.name),
      properties,
    };
    const ok = { 200: { description: 'OK', schema: { type: 'array', items: { $ref: `#/definitions/${t.name}` } } } };
    const ops: Record<string, unknown> = { get: { tags: [t.name], responses: ok } };
    if (t.insertable) ops.post = { tags: [t.name], responses: { 201: { description: 'Created' } } };
    if (t.updatable) ops.patch = { tags: [t.name], responses: { 204: { description: 'No Content' } } };
    if (t.deletable) ops.delete = { tags: [t.name], responses: { 204: { description: 'No Content' } } };
    paths[`/${t.name}`] = ops;
  }
  for (const list of cache.routines.values()) {
    const r = list[0];
    if (!r || r.schema !== schema) continue;
    const body = {
      in: 'body',
      name: 'args',
      required: true,
      schema: {
        type: 'object',
        required: r.params.filter((p) => p.required && p.name).map((p) => p.name),
        properties: Object.fromEntries(
          r.params.filter((p) => p.name).map((p) => [p.name, { format: p.type, type: 'string' }]),
        ),
      },
    };
    const op = { tags: ['(rpc) ' + r.name], parameters: [body], responses: { 200: { description: 'OK' } } };
    paths[`/rpc/${r.name}`] = r.volatility === 'v' ? { post: op } : { get: { ...op, parameters: [] }, post: op };
  }
  return {
    swagger: '2.0',
    info: { description: '', title: 'standard public schema', version: '14.0' },
    host: url.host,
    basePath: '/',
    schemes: [url.protocol.replace(':', '')],
    consumes: [
      'application/json',
      'application/vnd.pgrst.object+json;nulls=stripped',
      'application/vnd.pgrst.object+json',
      'text/csv',
    ],
    produces: [
      'application/json',
      'application/vnd.pgrst.object+json;nulls=stripped',
      'application/vnd.pgrst.object+json',
      'text/csv',
    ],
    paths,
    definitions,
  };
}
