// One websocket connection and its channels: Phoenix's socket (heartbeats, joins,
// routing by topic, replies) and Realtime's channel (RealtimeChannel: join checks,
// broadcast, presence, postgres_changes bindings, access_token updates, system
// messages). Messages of one socket are handled in order, as Phoenix's socket
// process does; heartbeats are answered at once.
import crypto from 'node:crypto';
import type { WebSocket, RawData } from 'ws';
import type { StackContext } from '../context.ts';
import {
  authorizeToken,
  emptyPolicies,
  PolicyError,
  readAuthorizations,
  writeAuthorizations,
  type Claims,
  type Policies,
} from './auth.ts';
import type { ChangeEngine, ChangeSubscriber, PgBinding } from './changes.ts';
import { bindingId, parseSubscriptionParams } from './filters.ts';
import { tenantTopic, type Hub, type HubMember, type OutBroadcast } from './hub.ts';
import { payloadTooLarge, type RealtimeLimits } from './limits.ts';
import {
  decodeBinary,
  decodeText,
  encodeText,
  encodeTextRaw,
  encodeUserBroadcast,
  type InMessage,
  type UserPayload,
  type Vsn,
} from './serializer.ts';

export interface SocketDeps {
  ctx: StackContext;
  limits: RealtimeLimits;
  hub: Hub;
  engine: ChangeEngine;
  /** Sockets counted against max concurrent users (those that joined a channel). */
  users: Set<RealtimeSocket>;
}

const CONFIRM_TOKEN_INTERVAL_MS = 5 * 60_000;
const MAX_BUFFERED_BYTES = 50_000_000;

class JoinError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function flexBool(v: unknown): boolean {
  return v === true || v === 'true';
}

function isMap(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Canonical JSON (sorted keys): equal claims give equal keys. */
function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (isMap(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function tokenJoinError(kind: string, message?: string): string {
  switch (kind) {
    case 'expired':
      return `InvalidJWTToken: ${message}`;
    case 'missing_claims':
      return 'InvalidJWTToken: Fields `role` and `exp` are required in JWT';
    case 'malformed':
      return 'MalformedJWT: The token provided is not a valid JWT';
    case 'signature':
      return 'JwtSignatureError: Failed to validate JWT signature';
    default:
      return 'UnknownErrorOnChannel: Unknown Error on Channel';
  }
}

/** Message of a channel closed because its token no longer verifies (access_token push or expiry). */
function tokenShutdownMessage(kind: string, message?: string): string {
  switch (kind) {
    case 'expired':
      return message ?? 'Token has expired';
    case 'missing_claims':
      return 'Fields `role` and `exp` are required in JWT';
    case 'malformed':
      return 'The token provided is not a valid JWT';
    case 'signature':
      return ':signature_error';
    default:
      return ':invalid_token';
  }
}

export class Channel implements HubMember, ChangeSubscriber {
  readonly subTopic: string;
  readonly key: string;
  isPrivate: boolean;
  selfBroadcast = false;
  ackBroadcast = false;
  presenceKey = '';
  presenceEnabled = false;
  policies: Policies | null = null;
  claims: Claims = {};
  claimsKey = '';
  role = '';
  accessToken = '';
  bindings: PgBinding[] = [];
  pgParams: Record<string, unknown>[] = [];
  presencePayload: Record<string, unknown> | null = null;
  replayedIds: Set<string> | null = null;
  presenceCalls = { counter: 0, resetAt: 0 };
  closed = false;
  joined = false;
  private confirmTimer?: NodeJS.Timeout;

  constructor(
    readonly socket: RealtimeSocket,
    readonly topic: string,
    readonly joinRef: string | null,
    isPrivate: boolean,
  ) {
    this.subTopic = topic.slice('realtime:'.length);
    this.isPrivate = isPrivate;
    this.key = tenantTopic(this.subTopic, isPrivate);
  }

  get vsn(): Vsn {
    return this.socket.vsn;
  }

  setClaims(token: string, claims: Claims): void {
    this.accessToken = token;
    this.claims = claims;
    this.role = typeof claims.role === 'string' ? claims.role : '';
    this.claimsKey = `${this.role}\u0000${stableStringify(claims)}`;
  }

  /** Re-checks the token when Realtime would: every 5 minutes and at expiry. */
  scheduleConfirm(): void {
    clearTimeout(this.confirmTimer);
    const exp = typeof this.claims.exp === 'number' ? this.claims.exp : 0;
    const ms = Math.max(0, Math.min(CONFIRM_TOKEN_INTERVAL_MS, exp * 1000 - Date.now()));
    this.confirmTimer = setTimeout(() => this.socket.enqueue(() => this.confirmToken()), ms);
    this.confirmTimer.unref();
  }

  private async confirmToken(): Promise<void> {
    if (this.closed) return;
    const r = authorizeToken(this.accessToken, this.socket.deps.ctx.config.jwtSecret);
    if (!r.ok) {
      this.shutdown(tokenShutdownMessage(r.kind, r.message));
      return;
    }
    this.setClaims(this.accessToken, r.claims);
    this.scheduleConfirm();
  }

  sendFrame(frame: string | Buffer): void {
    if (!this.closed) this.socket.send(frame);
  }

  push(event: string, payload: unknown): void {
    this.sendFrame(encodeText(this.vsn, this.joinRef, null, this.topic, event, payload));
  }

  systemMessage(extension: string, status: string, message: string): void {
    this.push('system', { extension, status, message, channel: this.subTopic });
  }

  sendPostgresChanges(ids: number[], dataJson: string): void {
    if (this.closed) return;
    this.sendFrame(
      encodeTextRaw(
        this.vsn,
        null,
        null,
        this.topic,
        'postgres_changes',
        `{"ids":${JSON.stringify(ids)},"data":${dataJson}}`,
      ),
    );
  }

  /** Realtime's shutdown_response: a system error, then the channel closes. */
  shutdown(message: string): void {
    if (this.closed) return;
    this.systemMessage('system', 'error', message);
    this.socket.closeChannel(this, true);
  }

  teardown(): void {
    this.closed = true;
    clearTimeout(this.confirmTimer);
    for (const b of this.bindings) this.socket.deps.engine.remove(b);
    if (this.joined) this.socket.deps.hub.leave(this.key, this);
  }
}

export class RealtimeSocket {
  readonly channels = new Map<string, Channel>();
  lastReceived = Date.now();
  emptySince = Date.now();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    readonly deps: SocketDeps,
    private ws: WebSocket,
    readonly vsn: Vsn,
    /** The connection's apikey JWT (Realtime's tenant_token). */
    readonly tenantToken: string,
    /** x-* headers of the upgrade request, as Realtime passes them to request.headers. */
    readonly headers: Record<string, string>,
  ) {
    ws.on('message', (data: RawData, isBinary: boolean) => this.onFrame(data, isBinary));
    ws.on('close', () => this.onClose());
    ws.on('error', () => undefined);
  }

  send(frame: string | Buffer): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    // A client that does not read is cut off rather than buffered for without bound
    // (Realtime caps a socket process at 50 MB of heap).
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.deps.ctx.log('realtime', 'closing a socket that stopped reading');
      this.terminate();
      return;
    }
    this.ws.send(frame, { binary: typeof frame !== 'string' });
  }

  enqueue(task: () => Promise<void> | void): void {
    this.queue = this.queue
      .then(task)
      .catch((e: Error) => this.deps.ctx.log('realtime', `socket task failed: ${e.stack ?? e.message}`));
  }

  close(code = 1000, reason = ''): void {
    if (this.closed) return;
    this.ws.close(code, reason);
    this.onClose();
  }

  terminate(): void {
    this.ws.terminate();
    this.onClose();
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const ch of this.channels.values()) ch.teardown();
    this.channels.clear();
    this.deps.users.delete(this);
  }

  private reply(joinRef: string | null, ref: string | null, topic: string, status: string, response: unknown): void {
    this.send(encodeText(this.vsn, joinRef, ref, topic, 'phx_reply', { status, response }));
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    this.lastReceived = Date.now();
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    let msg: InMessage;
    try {
      msg = isBinary ? decodeBinary(buf) : decodeText(buf.toString('utf8'), this.vsn);
    } catch (e) {
      // Phoenix drops a socket that sends undecodable frames.
      this.deps.ctx.log('realtime', `bad frame: ${(e as Error).message}`);
      this.close(1003, 'invalid frame');
      return;
    }
    if (msg.topic === 'phoenix' && msg.event === 'heartbeat') {
      this.reply(msg.joinRef, msg.ref, 'phoenix', 'ok', {});
      return;
    }
    this.enqueue(() => this.dispatch(msg));
  }

  private async dispatch(msg: InMessage): Promise<void> {
    if (this.closed) return;
    if (msg.event === 'phx_join') return this.join(msg);
    const ch = this.channels.get(msg.topic);
    if (!ch) {
      this.reply(null, msg.ref, msg.topic, 'error', { reason: 'unmatched topic' });
      return;
    }
    switch (msg.event) {
      case 'phx_leave':
        this.reply(ch.joinRef, msg.ref, ch.topic, 'ok', {});
        this.closeChannel(ch, true);
        return;
      case 'broadcast':
        return this.handleBroadcast(ch, msg);
      case 'presence':
        return this.handlePresence(ch, msg);
      case 'access_token':
        return this.handleAccessToken(ch, msg);
      default:
        // Realtime counts and ignores anything else a client sends on a channel.
        this.deps.hub.events.add();
    }
  }

  /** Removes a channel; `notify` sends phx_close as Phoenix does when a channel stops normally. */
  closeChannel(ch: Channel, notify: boolean): void {
    if (this.channels.get(ch.topic) === ch) this.channels.delete(ch.topic);
    if (notify && !ch.closed) this.send(encodeText(this.vsn, ch.joinRef, ch.joinRef, ch.topic, 'phx_close', {}));
    ch.teardown();
    if (this.channels.size === 0) this.emptySince = Date.now();
  }

  // ---- join ---------------------------------------------------------------------

  private async join(msg: InMessage): Promise<void> {
    const { topic } = msg;
    if (!topic.startsWith('realtime:')) {
      this.reply(null, msg.ref, topic, 'error', { reason: 'unmatched topic' });
      return;
    }
    // A second join of the same topic replaces the first (Phoenix closes the old channel).
    const existing = this.channels.get(topic);
    if (existing) this.closeChannel(existing, true);

    const params = isMap(msg.payload) ? msg.payload : {};
    const config = isMap(params.config) ? params.config : {};
    const broadcast = isMap(config.broadcast) ? config.broadcast : {};
    const presence = isMap(config.presence) ? config.presence : {};
    const ch = new Channel(this, topic, msg.joinRef, flexBool(config.private));
    ch.selfBroadcast = flexBool(broadcast.self);
    ch.ackBroadcast = flexBool(broadcast.ack);
    ch.presenceEnabled = flexBool(presence.enabled);
    ch.presenceKey = typeof presence.key === 'string' && presence.key !== '' ? presence.key : crypto.randomUUID();
    const pgParams = Array.isArray(config.postgres_changes)
      ? config.postgres_changes.filter((p): p is Record<string, unknown> => isMap(p))
      : [];
    ch.pgParams = pgParams;
    const options = isMap(config.postgres_changes_options) ? config.postgres_changes_options : {};

    try {
      if (topic === 'realtime:') throw new JoinError('TopicNameRequired: You must provide a topic name');
      this.checkLimits();
      const token = this.accessTokenOf(params);
      const r = authorizeToken(token, this.deps.ctx.config.jwtSecret);
      if (!r.ok) throw new JoinError(tokenJoinError(r.kind, r.message));
      ch.setClaims(token, r.claims);
      if (ch.isPrivate) await this.authorizeRead(ch);
      const replay = isMap(broadcast.replay) ? broadcast.replay : null;
      if (replay && !ch.isPrivate)
        throw new JoinError('UnableToReplayMessages: Replay is not allowed for public channels');
      if (replay && ch.policies?.broadcast.read === false) {
        throw new JoinError(
          `Unauthorized: You do not have permissions to read from this Channel topic: ${ch.subTopic}`,
        );
      }
      const pg = await this.subscribeChanges(ch);
      if (!pg.ok && flexBool(options.wait)) throw new JoinError(`RealtimeDisabledForConfiguration: ${pg.error}`);
      const replayed = replay ? await this.loadReplay(ch, replay) : [];
      if (replayed.length) {
        ch.replayedIds = new Set(
          replayed.map((m) => String(m.kind === 'user' ? m.metadata?.id : (m.payload.meta as { id: string }).id)),
        );
      }

      // Joined: register everywhere, then reply.
      this.channels.set(topic, ch);
      ch.joined = true;
      this.deps.hub.join(ch.key, ch);
      for (const b of ch.bindings) this.deps.engine.add(b);
      this.deps.users.add(this);
      ch.scheduleConfirm();
      this.reply(ch.joinRef, msg.ref, topic, 'ok', {
        postgres_changes: ch.bindings.length
          ? ch.bindings.map((b, i) => ({ ...pgParams[i], id: b.id }))
          : pgParams.map((p) => ({ ...p, id: bindingId(p) })),
      });
      for (const m of replayed) {
        if (m.kind === 'user') ch.sendFrame(this.userBroadcastFrame(ch, m.event, m.payload, m.metadata));
        else ch.push('broadcast', m.payload);
      }
      if (pgParams.length) {
        if (pg.ok) ch.systemMessage('postgres_changes', 'ok', 'Subscribed to PostgreSQL');
        else ch.systemMessage('postgres_changes', 'error', pg.error);
      }
      if (ch.presenceEnabled) this.syncPresence(ch);
      if (flexBool(broadcast.replication_ready)) ch.systemMessage('system', 'ok', 'Replication connection established');
    } catch (e) {
      ch.teardown();
      const reason = e instanceof JoinError ? e.message : 'UnknownErrorOnChannel: Unknown Error on Channel';
      if (!(e instanceof JoinError)) this.deps.ctx.log('realtime', `join failed: ${(e as Error).stack ?? e}`);
      await sleep(this.deps.limits.channelErrorBackoffMs);
      this.reply(msg.joinRef, msg.ref, topic, 'error', { reason });
      if (e instanceof JoinError && e.message.startsWith('ClientJoinRateLimitReached')) this.close(1000);
    }
  }

  private checkLimits(): void {
    const { limits, users, hub } = this.deps;
    if (!users.has(this) && users.size >= limits.maxConcurrentUsers) {
      throw new JoinError('ConnectionRateLimitReached: Too many connected users');
    }
    if (hub.joins.triggered) throw new JoinError('ClientJoinRateLimitReached: Too many joins per second');
    hub.joins.add();
    if (this.channels.size >= limits.maxChannelsPerClient)
      throw new JoinError('ChannelRateLimitReached: Too many channels');
  }

  /** `access_token` (or `user_token`) of the join; sb_ keys and absence mean the connection's token. */
  private accessTokenOf(params: Record<string, unknown>): string {
    const t = params.access_token ?? params.user_token;
    if (typeof t === 'string' && !t.startsWith('sb_')) return t;
    return this.tenantToken;
  }

  private authContext(ch: Channel) {
    return { topic: ch.subTopic, claims: ch.claims, headers: this.headers };
  }

  private async authorizeRead(ch: Channel): Promise<void> {
    let policies: Policies;
    try {
      policies = await readAuthorizations(
        this.deps.ctx.adminPool,
        ch.policies ?? emptyPolicies(),
        this.authContext(ch),
        ch.presenceEnabled ? ['broadcast', 'presence'] : ['broadcast'],
      );
    } catch (e) {
      if (e instanceof PolicyError) {
        this.deps.ctx.log('realtime', `RlsPolicyError: ${e.message}`);
        throw new JoinError(
          `Unauthorized: You do not have permissions to read from this Channel topic: ${ch.subTopic}`,
        );
      }
      throw e;
    }
    ch.policies = policies;
    if (!policies.broadcast.read && !policies.presence.read) {
      throw new JoinError(`Unauthorized: You do not have permissions to read from this Channel topic: ${ch.subTopic}`);
    }
  }

  /** Parses and checks every binding; on any failure none is kept, as in Realtime. */
  private async subscribeChanges(ch: Channel): Promise<{ ok: true } | { ok: false; error: string }> {
    ch.bindings = [];
    if (ch.pgParams.length === 0) return { ok: true };
    const bindings: PgBinding[] = [];
    for (const raw of ch.pgParams) {
      const parsed = parseSubscriptionParams(raw);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      const v = await this.deps.engine.validate(parsed.params, ch.claims);
      if (!v.ok) return v;
      bindings.push({ id: bindingId(raw), params: parsed.params, entities: v.entities, subscriber: ch });
    }
    ch.bindings = bindings;
    return { ok: true };
  }

  private async loadReplay(ch: Channel, replay: Record<string, unknown>): Promise<OutBroadcast[]> {
    const since = replay.since;
    const limit = replay.limit === undefined ? 25 : replay.limit;
    if (!Number.isInteger(since) || !Number.isInteger(limit)) {
      throw new JoinError('UnableToReplayMessages: Replay params are not valid');
    }
    const n = Math.max(Math.min(limit as number, 25), 1);
    try {
      const { rows } = await this.deps.ctx.adminPool.query<{
        id: string;
        event: string | null;
        payload: unknown;
        binary_payload: Buffer | null;
      }>(
        `select id, event, payload, binary_payload from realtime.messages
         where topic = $1 and private is true and extension = 'broadcast'
           and inserted_at >= (to_timestamp($2::float8 / 1000) at time zone 'utc')
           and inserted_at < (now() at time zone 'utc') + interval '1 minute'
         order by inserted_at desc limit $3`,
        [ch.subTopic, since, n],
      );
      return rows.reverse().map((m) => {
        const meta = { replayed: true, id: m.id };
        if (m.binary_payload) {
          return {
            kind: 'user',
            event: m.event ?? '',
            payload: { encoding: 'binary', data: m.binary_payload },
            metadata: meta,
          };
        }
        return { kind: 'json', payload: { payload: m.payload, event: m.event, type: 'broadcast', meta } };
      });
    } catch (e) {
      this.deps.ctx.log('realtime', `replay failed: ${(e as Error).message}`);
      throw new JoinError('UnableToReplayMessages: Realtime was unable to replay messages');
    }
  }

  private userBroadcastFrame(ch: Channel, event: string, payload: UserPayload, meta: Record<string, unknown> | null) {
    if (this.vsn === '2.0.0') return encodeUserBroadcast(ch.topic, event, payload, meta);
    return encodeText(this.vsn, null, null, ch.topic, 'broadcast', {
      event,
      payload: payload.encoding === 'json' ? JSON.parse(payload.data.toString('utf8')) : null,
      type: 'broadcast',
      ...(meta ? { meta } : {}),
    });
  }

  private syncPresence(ch: Channel): void {
    if (ch.isPrivate && ch.policies?.presence.read !== true) return;
    const hub = this.deps.hub;
    if (hub.presenceEvents.avg > this.deps.limits.maxPresenceEventsPerSecond) {
      ch.shutdown('Too many presence messages per second');
      return;
    }
    hub.presenceEvents.add();
    ch.push('presence_state', hub.presenceState(ch.key));
  }

  // ---- broadcast ------------------------------------------------------------------

  private async handleBroadcast(ch: Channel, msg: InMessage): Promise<void> {
    const { hub } = this.deps;
    if (ch.isPrivate) {
      if (!ch.policies || ch.policies.broadcast.write === null) {
        try {
          ch.policies = await writeAuthorizations(
            this.deps.ctx.adminPool,
            ch.policies ?? emptyPolicies(),
            this.authContext(ch),
            ['broadcast', 'presence'],
          );
        } catch (e) {
          this.deps.ctx.log('realtime', `RlsPolicyError: ${(e as Error).message}`);
          return;
        }
      }
      // Writes without permission are dropped silently (no ack either).
      if (ch.policies.broadcast.write !== true || ch.closed) return;
    }
    hub.events.add();
    let out: OutBroadcast;
    let size: number;
    if (msg.userBroadcast) {
      const { event, payload } = msg.userBroadcast;
      out = { kind: 'user', event, payload, metadata: null };
      size = payload.data.length;
    } else {
      const payload = isMap(msg.payload) ? msg.payload : {};
      out = { kind: 'json', payload };
      size = Buffer.byteLength(JSON.stringify(payload));
    }
    const tooLarge = payloadTooLarge(this.deps.limits, size);
    if (!tooLarge) hub.broadcast(ch.key, out, ch);
    if (ch.ackBroadcast && !ch.closed) {
      if (tooLarge) this.reply(ch.joinRef, msg.ref, ch.topic, 'error', 'payload_size_exceeded');
      else this.reply(ch.joinRef, msg.ref, ch.topic, 'ok', {});
    }
  }

  // ---- presence -------------------------------------------------------------------

  private async handlePresence(ch: Channel, msg: InMessage): Promise<void> {
    const payload = isMap(msg.payload) ? msg.payload : {};
    if (typeof payload.event !== 'string') {
      this.reply(ch.joinRef, msg.ref, ch.topic, 'ok', {});
      return;
    }
    // Per-client limit: N presence calls per window.
    const now = Date.now();
    const rl = ch.presenceCalls;
    if (rl.resetAt === 0 || now > rl.resetAt) {
      rl.counter = 1;
      rl.resetAt = now + this.deps.limits.clientPresenceWindowMs;
    } else if (rl.counter >= this.deps.limits.clientPresenceMaxCalls) {
      ch.shutdown('Client presence rate limit exceeded');
      return;
    } else {
      rl.counter++;
    }
    const event = payload.event.toLowerCase();
    const { hub } = this.deps;
    if (event === 'untrack') {
      hub.untrack(ch.key, ch, ch.presenceKey);
      ch.presencePayload = null;
      this.reply(ch.joinRef, msg.ref, ch.topic, 'ok', {});
      return;
    }
    if (event !== 'track') {
      this.reply(ch.joinRef, msg.ref, ch.topic, 'error', {});
      return;
    }
    if (ch.isPrivate && (!ch.policies || ch.policies.presence.write === null)) {
      try {
        let policies = ch.policies ?? emptyPolicies();
        if (policies.presence.read === null) {
          policies = await readAuthorizations(this.deps.ctx.adminPool, policies, this.authContext(ch), [
            'broadcast',
            'presence',
          ]);
        }
        ch.policies = await writeAuthorizations(this.deps.ctx.adminPool, policies, this.authContext(ch), [
          'broadcast',
          'presence',
        ]);
      } catch (e) {
        this.deps.ctx.log('realtime', `RlsPolicyError: ${(e as Error).message}`);
        this.reply(ch.joinRef, msg.ref, ch.topic, 'error', {});
        return;
      }
    }
    if (ch.closed) return;
    if (ch.isPrivate && ch.policies?.presence.write !== true) {
      this.reply(ch.joinRef, msg.ref, ch.topic, 'error', {});
      return;
    }
    const meta = payload.payload === undefined ? {} : payload.payload;
    if (!isMap(meta)) {
      this.reply(ch.joinRef, msg.ref, ch.topic, 'error', { reason: 'Presence track payload must be a map' });
      return;
    }
    if (ch.presencePayload && stableStringify(ch.presencePayload) === stableStringify(meta)) {
      this.reply(ch.joinRef, msg.ref, ch.topic, 'ok', {});
      return;
    }
    if (payloadTooLarge(this.deps.limits, Buffer.byteLength(JSON.stringify(meta)))) {
      ch.shutdown('Track message size exceeded');
      return;
    }
    if (hub.presenceEvents.avg > this.deps.limits.maxPresenceEventsPerSecond) {
      ch.shutdown('Too many presence messages per second');
      return;
    }
    hub.presenceEvents.add();
    hub.track(ch.key, ch, ch.presenceKey, meta);
    ch.presenceEnabled = true;
    ch.presencePayload = meta;
    this.reply(ch.joinRef, msg.ref, ch.topic, 'ok', {});
  }

  // ---- access_token ---------------------------------------------------------------

  private async handleAccessToken(ch: Channel, msg: InMessage): Promise<void> {
    const payload = isMap(msg.payload) ? msg.payload : {};
    const token = payload.access_token;
    if (typeof token !== 'string' || token.startsWith('sb_') || token === ch.accessToken) return;
    const r = authorizeToken(token, this.deps.ctx.config.jwtSecret);
    if (!r.ok) {
      ch.shutdown(tokenShutdownMessage(r.kind, r.message));
      return;
    }
    const previous = ch.policies;
    ch.setClaims(token, r.claims);
    if (ch.isPrivate) {
      try {
        const policies = await readAuthorizations(
          this.deps.ctx.adminPool,
          emptyPolicies(),
          this.authContext(ch),
          ch.presenceEnabled ? ['broadcast', 'presence'] : ['broadcast'],
        );
        if (!policies.broadcast.read && !policies.presence.read) {
          ch.shutdown(`You do not have permissions to read from this Channel topic: ${ch.subTopic}`);
          return;
        }
        if (
          (previous?.broadcast.read && !policies.broadcast.read) ||
          (previous?.presence.read && !policies.presence.read)
        ) {
          ch.shutdown(`You no longer have permission to read from this Channel topic: ${ch.subTopic}`);
          return;
        }
        ch.policies = policies;
      } catch {
        ch.shutdown('Realtime was unable to connect to the project database');
        return;
      }
    }
    ch.scheduleConfirm();
    if (ch.pgParams.length === 0 || ch.closed) return;
    // Resubscribe postgres_changes with the new claims.
    const old = ch.bindings;
    const res = await this.subscribeChanges(ch);
    if (ch.closed) return;
    for (const b of old) this.deps.engine.remove(b);
    for (const b of ch.bindings) this.deps.engine.add(b);
    if (res.ok) ch.systemMessage('postgres_changes', 'ok', 'Subscribed to PostgreSQL');
    else ch.systemMessage('postgres_changes', 'error', res.error);
  }
}
