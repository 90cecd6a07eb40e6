// Realtime's tenant limits and rate counters (config/runtime.exs, lib/realtime/api/tenant.ex,
// lib/realtime/rate_counter/rate_counter.ex). The defaults are a self-hosted/CLI tenant's;
// the same environment variables as Realtime's override them.

export interface RealtimeLimits {
  maxConcurrentUsers: number;
  maxEventsPerSecond: number;
  maxJoinsPerSecond: number;
  maxChannelsPerClient: number;
  maxPresenceEventsPerSecond: number;
  /** Broadcast/presence payload limit: KB * 1000 + 500 bytes of padding. */
  maxPayloadSizeInKb: number;
  clientPresenceMaxCalls: number;
  clientPresenceWindowMs: number;
  /** Realtime sleeps this long before answering a refused join. */
  channelErrorBackoffMs: number;
  /** ... and this long before refusing a websocket connection. */
  connectErrorBackoffMs: number;
  /** A socket with no channel is closed after this long. */
  noChannelTimeoutMs: number;
  /** Cowboy's websocket idle timeout: a silent client is dropped. */
  idleTimeoutMs: number;
  /** postgres_changes records above this keep only small fields (Error 413). */
  maxRecordBytes: number;
}

function env(name: string, d: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return d;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : d;
}

export function loadLimits(): RealtimeLimits {
  return {
    maxConcurrentUsers: env('TENANT_MAX_CONCURRENT_USERS', 200),
    maxEventsPerSecond: env('TENANT_MAX_EVENTS_PER_SECOND', 100),
    maxJoinsPerSecond: env('TENANT_MAX_JOINS_PER_SECOND', 100),
    maxChannelsPerClient: env('TENANT_MAX_CHANNELS_PER_CLIENT', 100),
    maxPresenceEventsPerSecond: env('TENANT_MAX_PRESENCE_EVENTS_PER_SECOND', 1000),
    maxPayloadSizeInKb: env('TENANT_MAX_PAYLOAD_SIZE_IN_KB', 3000),
    clientPresenceMaxCalls: env('CLIENT_PRESENCE_MAX_CALLS', 5),
    clientPresenceWindowMs: env('CLIENT_PRESENCE_WINDOW_MS', 30_000),
    channelErrorBackoffMs: env('CHANNEL_ERROR_BACKOFF_MS', 5_000),
    connectErrorBackoffMs: env('CONNECT_ERROR_BACKOFF_MS', 2_000),
    noChannelTimeoutMs: env('NO_CHANNEL_TIMEOUT_IN_MS', 10 * 60_000),
    idleTimeoutMs: env('WEBSOCKET_IDLE_TIMEOUT_MS', 60_000),
    maxRecordBytes: env('POLL_MAX_RECORD_BYTES', 1_048_576),
  };
}

/**
 * Events counted between ticks; every tick (5 s) the count joins a bucket of the last
 * 12 ticks and the average per second over the bucket is compared with the limit.
 * Triggered once the average reaches the limit, released once it drops below.
 */
export class RateCounter {
  private count = 0;
  private bucket: number[] = [];
  avg = 0;
  triggered = false;

  constructor(
    public limit: number,
    private tickMs = 5_000,
    private maxBucketLen = 12,
  ) {}

  add(n = 1): void {
    this.count += n;
  }

  tick(): void {
    this.bucket.unshift(this.count);
    this.count = 0;
    if (this.bucket.length > this.maxBucketLen) this.bucket.length = this.maxBucketLen;
    const sum = this.bucket.reduce((a, b) => a + b, 0);
    this.avg = sum / this.bucket.length / (this.tickMs / 1000);
    if (this.triggered) {
      if (this.avg < this.limit) this.triggered = false;
    } else if (this.avg >= this.limit) {
      this.triggered = true;
    }
  }
}

/** Bytes a payload counts for against maxPayloadSizeInKb (Realtime measures the Erlang term). */
export function payloadTooLarge(limits: RealtimeLimits, bytes: number): boolean {
  return bytes > limits.maxPayloadSizeInKb * 1000 + 500;
}
