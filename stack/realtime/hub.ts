// In-memory fan-out of one local tenant: channels by topic, broadcast, presence and
// the tenant-wide rate counters. Public and private channels with the same name are
// different topics, as in Realtime (Tenants.tenant_topic).
import crypto from 'node:crypto';
import { RateCounter, type RealtimeLimits } from './limits.ts';
import {
  encodeText,
  encodeTextRaw,
  encodeUserBroadcast,
  userBroadcastAsJson,
  type UserPayload,
  type Vsn,
} from './serializer.ts';
import type { Policies } from './auth.ts';

/** What the hub needs from a joined channel. */
export interface HubMember {
  readonly topic: string;
  readonly subTopic: string;
  readonly isPrivate: boolean;
  readonly vsn: Vsn;
  readonly policies: Policies | null;
  readonly selfBroadcast: boolean;
  /** Ids of messages replayed at join: not delivered a second time. */
  readonly replayedIds: ReadonlySet<string> | null;
  /** Raw frame to the socket. */
  sendFrame(frame: string | Buffer): void;
  /** Realtime closes a channel once the tenant's event rate is exceeded. */
  shutdown(message: string): void;
}

export type OutBroadcast =
  /** A Phoenix.Socket.Broadcast with a map payload (JSON broadcasts, REST batch). */
  | { kind: 'json'; payload: Record<string, unknown> }
  /** A UserBroadcast (kind-3 pushes, REST single endpoint, database broadcast). */
  | { kind: 'user'; event: string; payload: UserPayload; metadata: Record<string, unknown> | null };

export function tenantTopic(subTopic: string, isPrivate: boolean): string {
  return `${isPrivate ? 'private' : 'public'}:${subTopic}`;
}

interface PresenceEntry {
  ref: string;
  meta: Record<string, unknown>;
}

type PresenceMetas = Record<string, { metas: Record<string, unknown>[] }>;

function presenceRef(): string {
  return crypto.randomBytes(12).toString('base64url');
}

export class Hub {
  readonly topics = new Map<string, Set<HubMember>>();
  private presence = new Map<string, Map<string, Map<HubMember, PresenceEntry>>>();
  readonly events: RateCounter;
  readonly joins: RateCounter;
  readonly presenceEvents: RateCounter;
  private ticker: NodeJS.Timeout;

  constructor(readonly limits: RealtimeLimits) {
    this.events = new RateCounter(limits.maxEventsPerSecond);
    this.joins = new RateCounter(limits.maxJoinsPerSecond);
    this.presenceEvents = new RateCounter(limits.maxPresenceEventsPerSecond);
    this.ticker = setInterval(() => {
      this.events.tick();
      this.joins.tick();
      this.presenceEvents.tick();
    }, 5_000);
    this.ticker.unref();
  }

  stop(): void {
    clearInterval(this.ticker);
  }

  join(key: string, m: HubMember): void {
    let set = this.topics.get(key);
    if (!set) this.topics.set(key, (set = new Set()));
    set.add(m);
  }

  leave(key: string, m: HubMember): void {
    this.untrackAll(key, m);
    const set = this.topics.get(key);
    if (!set) return;
    set.delete(m);
    if (set.size === 0) this.topics.delete(key);
  }

  /**
   * Fans a broadcast out to the topic (MessageDispatcher): the sender is skipped unless
   * it asked for `self`; private members need broadcast read. Each delivery counts
   * towards the tenant's events per second.
   */
  broadcast(key: string, msg: OutBroadcast, from: HubMember | null): void {
    const set = this.topics.get(key);
    if (!set) return;
    const frames = new Map<Vsn, string | Buffer | null>();
    const id = messageId(msg);
    for (const m of [...set]) {
      if (m === from && !m.selfBroadcast) continue;
      if (m.isPrivate && m.policies?.broadcast.read !== true) continue;
      if (id !== null && m.replayedIds?.has(id)) continue;
      let frame = frames.get(m.vsn);
      if (frame === undefined) {
        frame = encodeBroadcast(m.vsn, m.topic, msg);
        frames.set(m.vsn, frame);
      }
      if (frame === null) continue;
      m.sendFrame(frame);
      this.events.add();
      if (this.events.triggered) m.shutdown('Too many messages per second');
    }
  }

  /** presence_state payload: {key: {metas: [{phx_ref, ...meta}]}}. */
  presenceState(key: string): PresenceMetas {
    const out: PresenceMetas = {};
    const byKey = this.presence.get(key);
    if (!byKey) return out;
    for (const [pkey, entries] of byKey) {
      out[pkey] = { metas: [...entries.values()].map((e) => ({ ...e.meta, phx_ref: e.ref })) };
    }
    return out;
  }

  /** Tracks a member's presence, or updates it (a leave of the old meta and a join of the new). */
  track(key: string, m: HubMember, presenceKey: string, meta: Record<string, unknown>): void {
    let byKey = this.presence.get(key);
    if (!byKey) this.presence.set(key, (byKey = new Map()));
    let entries = byKey.get(presenceKey);
    if (!entries) byKey.set(presenceKey, (entries = new Map()));
    const prev = entries.get(m);
    const entry = { ref: presenceRef(), meta };
    entries.set(m, entry);
    if (prev) {
      this.presenceDiff(key, {
        joins: { [presenceKey]: { metas: [{ ...meta, phx_ref: entry.ref, phx_ref_prev: prev.ref }] } },
        leaves: { [presenceKey]: { metas: [{ ...prev.meta, phx_ref: prev.ref }] } },
      });
    } else {
      this.presenceDiff(key, { joins: { [presenceKey]: { metas: [{ ...meta, phx_ref: entry.ref }] } }, leaves: {} });
    }
  }

  untrack(key: string, m: HubMember, presenceKey: string): void {
    const entries = this.presence.get(key)?.get(presenceKey);
    const prev = entries?.get(m);
    if (!entries || !prev) return;
    entries.delete(m);
    this.cleanup(key, presenceKey);
    this.presenceDiff(key, { joins: {}, leaves: { [presenceKey]: { metas: [{ ...prev.meta, phx_ref: prev.ref }] } } });
  }

  private untrackAll(key: string, m: HubMember): void {
    const byKey = this.presence.get(key);
    if (!byKey) return;
    const leaves: PresenceMetas = {};
    for (const [pkey, entries] of byKey) {
      const prev = entries.get(m);
      if (!prev) continue;
      entries.delete(m);
      (leaves[pkey] ??= { metas: [] }).metas.push({ ...prev.meta, phx_ref: prev.ref });
      this.cleanup(key, pkey);
    }
    if (Object.keys(leaves).length) this.presenceDiff(key, { joins: {}, leaves }, m);
  }

  private cleanup(key: string, presenceKey: string): void {
    const byKey = this.presence.get(key);
    if (!byKey) return;
    if (byKey.get(presenceKey)?.size === 0) byKey.delete(presenceKey);
    if (byKey.size === 0) this.presence.delete(key);
  }

  /** Presence diffs go to every member, private ones only with presence read. */
  private presenceDiff(key: string, diff: { joins: PresenceMetas; leaves: PresenceMetas }, except?: HubMember): void {
    const set = this.topics.get(key);
    if (!set) return;
    const frames = new Map<Vsn, string>();
    let count = 0;
    for (const m of set) {
      if (m === except) continue;
      if (m.isPrivate && m.policies?.presence.read !== true) continue;
      let frame = frames.get(m.vsn);
      if (frame === undefined) {
        frame = encodeText(m.vsn, null, null, m.topic, 'presence_diff', diff);
        frames.set(m.vsn, frame);
      }
      m.sendFrame(frame);
      count++;
    }
    this.presenceEvents.add(count);
  }
}

function messageId(msg: OutBroadcast): string | null {
  const meta = msg.kind === 'user' ? msg.metadata : (msg.payload.meta as Record<string, unknown> | undefined);
  return meta && typeof meta.id === 'string' ? meta.id : null;
}

function encodeBroadcast(vsn: Vsn, topic: string, msg: OutBroadcast): string | Buffer | null {
  if (msg.kind === 'json') return encodeText(vsn, null, null, topic, 'broadcast', msg.payload);
  if (vsn === '2.0.0') return encodeUserBroadcast(topic, msg.event, msg.payload, msg.metadata);
  const json = userBroadcastAsJson(msg.event, msg.payload, msg.metadata);
  return json === null ? null : encodeTextRaw(vsn, null, null, topic, 'broadcast', json);
}
