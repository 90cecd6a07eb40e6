// Phoenix framing as Supabase Realtime speaks it (lib/realtime_web/socket/v2_serializer.ex):
// vsn 1.0.0 JSON objects, vsn 2.0.0 JSON arrays plus two binary kinds — 3, a client's
// "user broadcast push" (every broadcast realtime-js sends), and 4, the server's
// "user broadcast" (the only binary frame realtime-js decodes).

export type Vsn = '1.0.0' | '2.0.0';

/** A broadcast's user payload as it travels: JSON text or raw bytes. */
export interface UserPayload {
  encoding: 'json' | 'binary';
  /** JSON text (encoding json) or the raw bytes. */
  data: Buffer;
}

export interface InMessage {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  /** JSON payload, or for kind-3 frames the decoded user broadcast. */
  payload: unknown;
  userBroadcast?: { event: string; payload: UserPayload; metadata: Record<string, unknown> };
}

const KIND_USER_BROADCAST_PUSH = 3;
const KIND_USER_BROADCAST = 4;

export class FrameError extends Error {}

function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}

export function decodeText(text: string, vsn: Vsn): InMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new FrameError('invalid JSON');
  }
  if (vsn === '2.0.0') {
    if (!Array.isArray(parsed) || parsed.length < 5) throw new FrameError('expected V2 array');
    const [joinRef, ref, topic, event, payload] = parsed as unknown[];
    if (typeof topic !== 'string' || typeof event !== 'string') throw new FrameError('expected V2 array');
    return { joinRef: str(joinRef), ref: str(ref), topic, event, payload };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new FrameError('expected V1 object');
  const m = parsed as Record<string, unknown>;
  if (typeof m.topic !== 'string' || typeof m.event !== 'string') throw new FrameError('expected V1 object');
  return { joinRef: str(m.join_ref), ref: str(m.ref), topic: m.topic, event: m.event, payload: m.payload };
}

/** Decodes a client binary frame; only kind 3 (user broadcast push) is defined for clients. */
export function decodeBinary(buf: Buffer): InMessage {
  if (buf.length < 7 || buf[0] !== KIND_USER_BROADCAST_PUSH) throw new FrameError('unsupported binary frame');
  const joinRefLen = buf[1]!;
  const refLen = buf[2]!;
  const topicLen = buf[3]!;
  const eventLen = buf[4]!;
  const metaLen = buf[5]!;
  const encoding = buf[6] === 0 ? 'binary' : 'json';
  let o = 7;
  const take = (n: number): Buffer => {
    if (o + n > buf.length) throw new FrameError('truncated binary frame');
    const b = buf.subarray(o, o + n);
    o += n;
    return b;
  };
  const joinRef = take(joinRefLen).toString('utf8');
  const ref = take(refLen).toString('utf8');
  const topic = take(topicLen).toString('utf8');
  const event = take(eventLen).toString('utf8');
  const metaText = take(metaLen).toString('utf8');
  let metadata: Record<string, unknown> = {};
  if (metaLen > 0) {
    try {
      const m = JSON.parse(metaText);
      if (m && typeof m === 'object' && !Array.isArray(m)) metadata = m as Record<string, unknown>;
    } catch {
      throw new FrameError('invalid metadata');
    }
  }
  const data = Buffer.from(buf.subarray(o));
  return {
    joinRef: joinRefLen ? joinRef : null,
    ref: refLen ? ref : null,
    topic,
    event: 'broadcast',
    payload: undefined,
    userBroadcast: { event, payload: { encoding, data }, metadata },
  };
}

/** A server push/reply/broadcast as a text frame. */
export function encodeText(
  vsn: Vsn,
  joinRef: string | null,
  ref: string | null,
  topic: string,
  event: string,
  payload: unknown,
): string {
  if (vsn === '2.0.0') return JSON.stringify([joinRef, ref, topic, event, payload]);
  return JSON.stringify({ event, payload, ref, topic, join_ref: joinRef });
}

/**
 * The same, with the payload already serialised (postgres_changes fan-out builds it
 * once per event and group).
 */
export function encodeTextRaw(
  vsn: Vsn,
  joinRef: string | null,
  ref: string | null,
  topic: string,
  event: string,
  payloadJson: string,
): string {
  if (vsn === '2.0.0') {
    return `[${JSON.stringify(joinRef)},${JSON.stringify(ref)},${JSON.stringify(topic)},${JSON.stringify(event)},${payloadJson}]`;
  }
  return `{"event":${JSON.stringify(event)},"payload":${payloadJson},"ref":${JSON.stringify(ref)},"topic":${JSON.stringify(topic)},"join_ref":${JSON.stringify(joinRef)}}`;
}

/** Kind 4: topic, user event, optional metadata JSON, payload bytes. */
export function encodeUserBroadcast(
  topic: string,
  event: string,
  payload: UserPayload,
  metadata: Record<string, unknown> | null,
): Buffer {
  const t = Buffer.from(topic, 'utf8');
  const e = Buffer.from(event, 'utf8');
  const m = metadata ? Buffer.from(JSON.stringify(metadata), 'utf8') : Buffer.alloc(0);
  if (t.length > 255 || e.length > 255 || m.length > 255) throw new FrameError('header field longer than 255 bytes');
  const head = Buffer.from([KIND_USER_BROADCAST, t.length, e.length, m.length, payload.encoding === 'json' ? 1 : 0]);
  return Buffer.concat([head, t, e, m, payload.data]);
}

/**
 * How a user broadcast reaches a vsn 1.0.0 client (no binary frames): a JSON
 * broadcast, or nothing when the payload is raw bytes.
 */
export function userBroadcastAsJson(
  event: string,
  payload: UserPayload,
  metadata: Record<string, unknown> | null,
): string | null {
  if (payload.encoding !== 'json') return null;
  const meta = metadata ? `,"meta":${JSON.stringify(metadata)}` : '';
  return `{"event":${JSON.stringify(event)},"payload":${payload.data.toString('utf8')},"type":"broadcast"${meta}}`;
}
