// GET /rest/v1/ : a minimal but valid OpenAPI 2.0 (Swagger) document describing the
// exposed tables, views and functions of the schema, as PostgREST serves at its root.
import type { SchemaCache } from './schema.ts';

function jsonType(pgType: string): { type: string; format: string; items?: { type: string } } {
  const t = pgType.replace(/\(.*\)/, '');
  if (t.endsWith('[]')) return { type: 'array', format: t, items: { type: jsonType(t.slice(0, -2)).type } };
  if (['integer', 'smallint', 'bigint'].includes(t)) return { type: 'integer', format: t };
  if (['numeric', 'real', 'double precision'].includes(t)) return { type: 'number', format: t };
  if (t === 'boolean') return { type: 'boolean', format: t };
  if (t === 'json' || t === 'jsonb') return { type: 'object', format: t } as never;
  return { type: 'string', format: t };
}

export function openApiDocument(cache: SchemaCache, schema: string, apiUrl: string): Record<string, unknown> {
  const url = new URL(apiUrl);
  const paths: Record<string, unknown> = { '/': { get: { produces: ['application/openapi+json', 'application/json'], responses: { 200: { description: 'OK' } }, summary: 'OpenAPI description (this document)', tags: ['Introspection'] } } };
  const definitions: Record<string, unknown> = {};
  for (const rel of cache.relations.values()) {
    if (rel.schema !== schema) continue;
    const properties: Record<string, unknown> = {};
    for (const c of rel.columns.values()) {
      properties[c.name] = { ...jsonType(c.type), ...(c.default ? { default: c.default } : {}), ...(rel.pk.includes(c.name) ? { description: 'Note:\nThis is a Primary Key.<pk/>' } : {}) };
    }
    const required = [...rel.columns.values()].filter((c) => !c.nullable && !c.default && !c.generated).map((c) => c.name);
    definitions[rel.name] = { type: 'object', properties, ...(required.length ? { required } : {}), ...(rel.comment ? { description: rel.comment } : {}) };
    const ok = { description: 'OK', schema: { type: 'array', items: { $ref: `#/definitions/${rel.name}` } } };
    const ops: Record<string, unknown> = { get: { tags: [rel.name], responses: { 200: ok, 206: { description: 'Partial Content' } } } };
    if (rel.kind === 'table' || rel.insertable) {
      ops.post = { tags: [rel.name], responses: { 201: { description: 'Created' } } };
      ops.patch = { tags: [rel.name], responses: { 204: { description: 'No Content' } } };
      ops.delete = { tags: [rel.name], responses: { 204: { description: 'No Content' } } };
    }
    paths[`/${rel.name}`] = ops;
  }
  for (const fns of cache.functions.values()) {
    for (const fn of fns) {
      if (fn.schema !== schema) continue;
      const properties: Record<string, unknown> = {};
      for (const a of fn.args) if (a.name) properties[a.name] = jsonType(a.type);
      const required = fn.args.filter((a) => a.name && !a.hasDefault).map((a) => a.name);
      const body = { in: 'body', name: 'args', required: true, schema: { type: 'object', properties, ...(required.length ? { required } : {}) } };
      const op: Record<string, unknown> = { tags: ['(rpc) ' + fn.name], parameters: [body], responses: { 200: { description: 'OK' } }, ...(fn.comment ? { summary: fn.comment } : {}) };
      paths[`/rpc/${fn.name}`] = { post: op, ...(fn.volatility !== 'v' ? { get: { tags: ['(rpc) ' + fn.name], responses: { 200: { description: 'OK' } } } } : {}) };
    }
  }
  return {
    swagger: '2.0',
    info: { title: 'PostgREST API', description: 'Local PostgREST-compatible API', version: '12.2.0' },
    host: url.host,
    basePath: '/rest/v1',
    schemes: [url.protocol.replace(':', '')],
    consumes: ['application/json', 'application/vnd.pgrst.object+json', 'text/csv'],
    produces: ['application/json', 'application/vnd.pgrst.object+json', 'text/csv'],
    paths,
    definitions,
  };
}
