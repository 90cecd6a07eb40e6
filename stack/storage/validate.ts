// Input rules of storage-api: object-key and bucket-name character sets
// (src/storage/limits.ts), the file backend's refusal of dot segments, and the
// JSON-schema checks its routes declare, reported with Fastify/AJV's wording and
// Fastify's default coercion (numeric and boolean strings are accepted).
import { errors } from './errors.ts';

// S3-safe characters plus the few storage-api tolerates; \w is ASCII-only in JS.
const KEY_RE = /^[\w/!\-.*'() &$@=;:+,?]+$/;
const BUCKET_RE = /^[\w!\-.*'() &$@=;:+,?]+$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-5][0-9a-f]{3}-[089ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** Bucket names with this suffix are reserved for Iceberg (ICEBERG_BUCKET_DETECTION_SUFFIX). */
const RESERVED_BUCKET_SUFFIX = '--table-s3';

export function isValidKey(key: string): boolean {
  return key.length > 0 && KEY_RE.test(key);
}

/**
 * storage-api's mustBeValidKey plus what its file backend adds: `.`/`..` segments
 * are refused, so no key can name anything but itself.
 */
export function mustBeValidKey(key: string | undefined): asserts key is string {
  if (!key || !isValidKey(key)) throw errors.invalidKey(key ?? '');
  if (key.split('/').some((s) => s === '.' || s === '..')) throw errors.invalidKey(key, 'contains dot path segment');
}

export function isValidBucketName(name: string): boolean {
  return name.length > 0 && name.length < 101 && BUCKET_RE.test(name);
}

export function mustBeValidBucketName(name: string | undefined): asserts name is string {
  if (!name || !isValidBucketName(name)) throw errors.invalidBucketName();
}

export function mustBeNotReservedBucketName(name: string): void {
  if (name.endsWith(RESERVED_BUCKET_SUFFIX)) throw errors.invalidBucketName();
}

export function isUuid(value: string | undefined): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}

/** '100MB' → 100000000 (decimal units, three significant digits like storage-api). */
export function parseFileSizeToBytes(value: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)(gb|mb|kb|b)$/i.exec(value);
  if (!m) throw errors.invalidFileSizeLimit();
  const n = +parseFloat(m[1]!).toPrecision(3);
  switch (m[2]!.toUpperCase()) {
    case 'GB':
      return n * 1e9;
    case 'MB':
      return n * 1e6;
    case 'KB':
      return n * 1000;
    default:
      return n;
  }
}

/** Bucket allow-list entries: `type/subtype` (optional charset) or anything ending in `*`. */
export function validateAllowedMimeTypes(types: string[]): void {
  for (const t of types) {
    if (t.length > 1000 || !/^([a-zA-Z0-9\-+.]+)\/([a-zA-Z0-9\-+.]+)(;\s*charset=[a-zA-Z0-9-]+)?$|\*$/.test(t)) {
      throw errors.invalidMimeType(t);
    }
  }
}

/** Is `mime` allowed by the bucket's list? Parameters are not stripped (storage-api). */
export function checkMimeType(mime: string, allowed: string[]): void {
  const [type, sub] = mime.split('/');
  if (sub === undefined) throw errors.invalidMimeType(mime);
  for (const a of allowed) {
    const [aType, aSub] = a.split('/');
    if (aType === type && (aSub === '*' || aSub === sub)) return;
  }
  throw errors.invalidMimeType(mime);
}

// ---- JSON-schema style checks ------------------------------------------------------

type Obj = Record<string, unknown>;

/** A request part (body or querystring) checked field by field, AJV-style messages. */
export class Fields {
  constructor(
    private readonly data: Obj,
    /** Where the data sits, as AJV names it: 'body', 'querystring', 'body/sortBy'. */
    private readonly where: string,
  ) {}

  static body(value: unknown): Fields {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw errors.validation('body must be object');
    return new Fields(value as Obj, 'body');
  }

  static query(q: URLSearchParams): Fields {
    const o: Obj = {};
    for (const [k, v] of q) o[k] = v;
    return new Fields(o, 'querystring');
  }

  raw(): Obj {
    return this.data;
  }

  private path(name: string): string {
    return `${this.where}/${name}`;
  }

  private missing(name: string, required: boolean): boolean {
    const v = this.data[name];
    if (v === undefined) {
      if (required) throw errors.validation(`${this.where} must have required property '${name}'`);
      return true;
    }
    return false;
  }

  string(name: string, opts: { required?: boolean; nullable?: boolean } = {}): string | undefined {
    if (this.missing(name, !!opts.required)) return undefined;
    const v = this.data[name];
    if (v === null && opts.nullable) return undefined;
    // AJV coerces scalars to strings.
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (typeof v !== 'string') throw errors.validation(`${this.path(name)} must be string`);
    return v;
  }

  integer(name: string, opts: { required?: boolean; min?: number } = {}): number | undefined {
    if (this.missing(name, !!opts.required)) return undefined;
    let v = this.data[name];
    if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) v = Number(v);
    if (typeof v === 'boolean') v = v ? 1 : 0;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw errors.validation(`${this.path(name)} must be integer`);
    if (opts.min !== undefined && v < opts.min) throw errors.validation(`${this.path(name)} must be >= ${opts.min}`);
    return v;
  }

  boolean(name: string): boolean | undefined {
    if (this.missing(name, false)) return undefined;
    const v = this.data[name];
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 1 || v === '1') return true;
    if (v === 'false' || v === 0 || v === '0' || v === null || v === '') return false;
    throw errors.validation(`${this.path(name)} must be boolean`);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], value = this.string(name)): T | undefined {
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw errors.validation(`${this.path(name)} must be equal to one of the allowed values`);
    }
    return value as T;
  }

  stringArray(
    name: string,
    opts: { required?: boolean; minItems?: number; nullable?: boolean } = {},
  ): string[] | null | undefined {
    if (this.missing(name, !!opts.required)) return undefined;
    const v = this.data[name];
    if (v === null && opts.nullable) return null;
    if (!Array.isArray(v)) throw errors.validation(`${this.path(name)} must be array`);
    if (opts.minItems !== undefined && v.length < opts.minItems) {
      throw errors.validation(`${this.path(name)} must NOT have fewer than ${opts.minItems} items`);
    }
    return v.map((item, i) => {
      if (typeof item === 'number' || typeof item === 'boolean') return String(item);
      if (typeof item !== 'string') throw errors.validation(`${this.path(name)}/${i} must be string`);
      return item;
    });
  }

  /** A nested object field (e.g. sortBy), checked with its own Fields. */
  object(name: string): Fields | undefined {
    if (this.missing(name, false)) return undefined;
    const v = this.data[name];
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw errors.validation(`${this.path(name)} must be object`);
    return new Fields(v as Obj, this.path(name));
  }
}
