// The Prefer header (ApiRequest/Preferences.hs, RFC 7240) and the media types of
// Accept/Content-Type (MediaType.hs) as pure functions.

export interface Preferences {
  resolution?: 'merge-duplicates' | 'ignore-duplicates';
  return?: 'representation' | 'minimal' | 'headers-only';
  count?: 'exact' | 'planned' | 'estimated';
  tx?: 'commit' | 'rollback';
  missing?: 'default' | 'null';
  handling?: 'strict' | 'lenient';
  timezone?: string;
  maxAffected?: number;
  invalid: string[];
}

const ACCEPTED: Record<string, [keyof Preferences, string]> = {
  'resolution=merge-duplicates': ['resolution', 'merge-duplicates'],
  'resolution=ignore-duplicates': ['resolution', 'ignore-duplicates'],
  'return=representation': ['return', 'representation'],
  'return=minimal': ['return', 'minimal'],
  'return=headers-only': ['return', 'headers-only'],
  'count=exact': ['count', 'exact'],
  'count=planned': ['count', 'planned'],
  'count=estimated': ['count', 'estimated'],
  'tx=commit': ['tx', 'commit'],
  'tx=rollback': ['tx', 'rollback'],
  'missing=default': ['missing', 'default'],
  'missing=null': ['missing', 'null'],
  'handling=strict': ['handling', 'strict'],
  'handling=lenient': ['handling', 'lenient'],
};

/** Every Prefer header value, comma-split; the first value of each kind wins. */
export function parsePrefer(headers: string | string[] | undefined): Preferences {
  const values = (Array.isArray(headers) ? headers : headers === undefined ? [] : [headers])
    .flatMap((h) => h.split(','))
    .map((s) => s.trim());
  const out: Preferences = { invalid: [] };
  const rec = out as unknown as Record<string, unknown>;
  for (const v of values) {
    const known = ACCEPTED[v];
    if (known) {
      if (rec[known[0]] === undefined) rec[known[0]] = known[1];
    } else if (v.startsWith('timezone=')) {
      if (out.timezone === undefined) out.timezone = v.slice('timezone='.length);
    } else if (v.startsWith('max-affected=')) {
      const n = v.slice('max-affected='.length);
      if (out.maxAffected === undefined && /^-?\d+$/.test(n)) out.maxAffected = Number(n);
    } else out.invalid.push(v);
  }
  return out;
}

/** The Preference-Applied value for the preferences a request honoured (prefAppliedHeader). */
export function preferenceApplied(p: Omit<Preferences, 'invalid'>): string | undefined {
  const vals = [
    p.resolution && `resolution=${p.resolution}`,
    p.missing && `missing=${p.missing}`,
    p.return && `return=${p.return}`,
    p.count && `count=${p.count}`,
    p.tx && `tx=${p.tx}`,
    p.handling && `handling=${p.handling}`,
    p.timezone !== undefined && `timezone=${p.timezone}`,
    p.handling === 'strict' && p.maxAffected !== undefined && `max-affected=${p.maxAffected}`,
  ].filter((v): v is string => typeof v === 'string');
  return vals.length ? vals.join(', ') : undefined;
}

// ---- media types -------------------------------------------------------------------

export type MediaType =
  | { kind: 'json' }
  | { kind: 'geojson' }
  | { kind: 'csv' }
  | { kind: 'text' }
  | { kind: 'xml' }
  | { kind: 'openapi' }
  | { kind: 'urlencoded' }
  | { kind: 'octet' }
  | { kind: 'plan'; mime: string }
  | { kind: 'object'; stripNulls: boolean }
  | { kind: 'arrayStrip' }
  | { kind: 'any' }
  | { kind: 'other'; mime: string };

export function decodeMediaType(raw: string): MediaType {
  const s = raw.trim();
  const m = /^([A-Za-z0-9.*]+)\/([A-Za-z0-9.*+-]+)(.*)$/.exec(s);
  if (!m) return { kind: 'other', mime: s };
  const main = m[1]!.toLowerCase();
  const sub = m[2]!.toLowerCase();
  const params = new Map<string, string>();
  for (const part of m[3]!.split(';')) {
    const kv = /^\s*([A-Za-z0-9-]+)\s*=\s*"?([^"]*)"?\s*$/.exec(part);
    if (kv) params.set(kv[1]!.toLowerCase(), kv[2]!);
  }
  const stripped = params.get('nulls') === 'stripped';
  if (main === 'application') {
    switch (sub) {
      case 'json':
        return { kind: 'json' };
      case 'geo+json':
        return { kind: 'geojson' };
      case 'openapi+json':
        return { kind: 'openapi' };
      case 'x-www-form-urlencoded':
        return { kind: 'urlencoded' };
      case 'octet-stream':
        return { kind: 'octet' };
      case 'vnd.pgrst.plan':
      case 'vnd.pgrst.plan+text':
      case 'vnd.pgrst.plan+json':
        return { kind: 'plan', mime: s };
      case 'vnd.pgrst.object+json':
      case 'vnd.pgrst.object':
        return { kind: 'object', stripNulls: stripped };
      case 'vnd.pgrst.array+json':
      case 'vnd.pgrst.array':
        return stripped ? { kind: 'arrayStrip' } : { kind: 'json' };
    }
  }
  if (main === 'text' && sub === 'csv') return { kind: 'csv' };
  if (main === 'text' && sub === 'plain') return { kind: 'text' };
  if (main === 'text' && sub === 'xml') return { kind: 'xml' };
  if (main === '*' && sub === '*') return { kind: 'any' };
  return { kind: 'other', mime: s };
}

export function toMime(m: MediaType): string {
  switch (m.kind) {
    case 'json':
      return 'application/json';
    case 'geojson':
      return 'application/geo+json';
    case 'csv':
      return 'text/csv';
    case 'text':
      return 'text/plain';
    case 'xml':
      return 'text/xml';
    case 'openapi':
      return 'application/openapi+json';
    case 'urlencoded':
      return 'application/x-www-form-urlencoded';
    case 'octet':
      return 'application/octet-stream';
    case 'plan':
      return m.mime;
    case 'object':
      return m.stripNulls ? 'application/vnd.pgrst.object+json;nulls=stripped' : 'application/vnd.pgrst.object+json';
    case 'arrayStrip':
      return 'application/vnd.pgrst.array+json;nulls=stripped';
    case 'any':
      return '*/*';
    case 'other':
      return m.mime;
  }
}

/** Accept header entries ordered by quality (wai-extra's parseHttpAccept). */
export function parseAccept(header: string | undefined): MediaType[] {
  if (header === undefined) return [{ kind: 'any' }];
  const items = header
    .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((part, i) => {
      const pieces = part.split(';');
      let q = 1;
      const rest: string[] = [pieces[0]!.trim()];
      for (const p of pieces.slice(1)) {
        const qm = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
        if (qm) q = Number(qm[1]);
        else rest.push(p.trim());
      }
      return { mime: rest.join(';'), q, i };
    })
    .filter((x) => x.mime !== '' && x.q > 0);
  items.sort((a, b) => b.q - a.q || a.i - b.i);
  return items.map((x) => decodeMediaType(x.mime));
}
