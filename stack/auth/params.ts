// Request bodies, decoded the way GoTrue's retrieveRequestParams does: JSON into a Go
// struct, so a value of the wrong type is a 400 bad_json with encoding/json's message.
import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError, readBody } from '../http.ts';
import { AuthError, badRequest } from './errors.ts';

const BODY_LIMIT = 1 << 20;

export type Json = Record<string, unknown>;

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  try {
    return await readBody(req, BODY_LIMIT);
  } catch (e) {
    if (e instanceof BodyTooLargeError) {
      throw new AuthError(413, 'request_entity_too_large', `Request body too large (max ${BODY_LIMIT} bytes)`);
    }
    throw e;
  }
}

function jsType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

/** Parses a JSON object body; `struct` names the Go type for error messages. */
export function parseObject(raw: Buffer, struct: string): Json {
  const text = raw.toString('utf8');
  if (text.trim() === '')
    throw badRequest('bad_json', 'Could not parse request body as JSON: unexpected end of JSON input');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw badRequest('bad_json', `Could not parse request body as JSON: ${(e as Error).message}`);
  }
  if (v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw badRequest(
      'bad_json',
      `Could not parse request body as JSON: json: cannot unmarshal ${jsType(v)} into Go value of type api.${struct}`,
    );
  }
  return v as Json;
}

export async function readParams(req: IncomingMessage, struct: string): Promise<Json> {
  return parseObject(await readRaw(req), struct);
}

function typeError(struct: string, field: string, goType: string, v: unknown): AuthError {
  return badRequest(
    'bad_json',
    `Could not parse request body as JSON: json: cannot unmarshal ${jsType(v)} into Go struct field ${struct}.${field} of type ${goType}`,
  );
}

export function str(p: Json, field: string, struct: string): string {
  const v = p[field];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw typeError(struct, field, 'string', v);
  return v;
}

/** A *string field: undefined when absent or null. */
export function optStr(p: Json, field: string, struct: string): string | undefined {
  const v = p[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw typeError(struct, field, 'string', v);
  return v;
}

export function bool(p: Json, field: string, struct: string, dflt = false): boolean {
  const v = p[field];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') throw typeError(struct, field, 'bool', v);
  return v;
}

/** A map[string]interface{} field: undefined when absent or null. */
export function obj(p: Json, field: string, struct: string): Json | undefined {
  const v = p[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw typeError(struct, field, 'map[string]interface {}', v);
  return v as Json;
}
