// Logical replication for Realtime: one temporary pgoutput slot per service start,
// streaming the `supabase_realtime` publication (postgres_changes) and Realtime's
// `supabase_realtime_messages_publication` (database broadcast). A temporary slot is
// dropped by Postgres when the connection ends, crash included, so no WAL piles up.
// Values are kept as pgoutput's text so the database can type them exactly as
// Realtime does (see _realtime.apply_change).
import type pg from 'pg';
import { LogicalReplicationService } from 'pg-logical-replication';

export type TupleValue = { kind: 'null' } | { kind: 'unchanged' } | { kind: 'text'; text: string };

export interface RelationColumn {
  name: string;
  typeOid: number;
  isKey: boolean;
}

export interface Relation {
  oid: number;
  schema: string;
  name: string;
  replicaIdentity: string;
  columns: RelationColumn[];
}

export type ChangeMessage =
  | { tag: 'begin'; commitTimeMicros: bigint; xid: number }
  | { tag: 'commit' }
  | { tag: 'relation'; relation: Relation }
  | { tag: 'insert'; relation: Relation; newTuple: TupleValue[] }
  | { tag: 'update'; relation: Relation; oldTuple: TupleValue[] | null; oldIsKey: boolean; newTuple: TupleValue[] }
  | { tag: 'delete'; relation: Relation; oldTuple: TupleValue[]; oldIsKey: boolean }
  | { tag: 'other' };

const PG_EPOCH_MICROS = 946_684_800_000_000n;

/** pgoutput (protocol 1) decoder that keeps column values as text. */
export class PgoutputDecoder {
  private relations = new Map<number, Relation>();
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;

  private u8(): number {
    return this.buf[this.pos++]!;
  }
  private i16(): number {
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  private i32(): number {
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  private u32(): number {
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  private u64(): bigint {
    const v = this.buf.readBigUInt64BE(this.pos);
    this.pos += 8;
    return v;
  }
  private cstr(): string {
    const end = this.buf.indexOf(0, this.pos);
    if (end < 0) throw new Error('pgoutput: unterminated string');
    const s = this.buf.toString('utf8', this.pos, end);
    this.pos = end + 1;
    return s;
  }
  private tuple(): TupleValue[] {
    const n = this.i16();
    const out: TupleValue[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const kind = this.u8();
      if (kind === 0x6e /* n */) out[i] = { kind: 'null' };
      else if (kind === 0x75 /* u */) out[i] = { kind: 'unchanged' };
      else if (kind === 0x74 /* t */ || kind === 0x62 /* b */) {
        const len = this.i32();
        out[i] = { kind: 'text', text: this.buf.toString('utf8', this.pos, this.pos + len) };
        this.pos += len;
      } else throw new Error(`pgoutput: unknown tuple kind ${kind}`);
    }
    return out;
  }
  private relation(oid: number): Relation {
    const r = this.relations.get(oid);
    if (!r) throw new Error(`pgoutput: change for unknown relation ${oid}`);
    return r;
  }

  decode(buf: Buffer): ChangeMessage {
    this.buf = buf;
    this.pos = 0;
    const tag = this.u8();
    switch (tag) {
      case 0x42 /* B */: {
        this.u64(); // final LSN
        const ts = this.u64();
        const xid = this.u32();
        return { tag: 'begin', commitTimeMicros: BigInt.asIntN(64, ts) + PG_EPOCH_MICROS, xid };
      }
      case 0x43 /* C */:
        return { tag: 'commit' };
      case 0x52 /* R */: {
        const oid = this.u32();
        const schema = this.cstr();
        const name = this.cstr();
        const replicaIdentity = String.fromCharCode(this.u8());
        const n = this.i16();
        const columns: RelationColumn[] = [];
        for (let i = 0; i < n; i++) {
          const flags = this.u8();
          const colName = this.cstr();
          const typeOid = this.u32();
          this.i32(); // typmod
          columns.push({ name: colName, typeOid, isKey: (flags & 1) === 1 });
        }
        const relation = { oid, schema, name, replicaIdentity, columns };
        this.relations.set(oid, relation);
        return { tag: 'relation', relation };
      }
      case 0x49 /* I */: {
        const relation = this.relation(this.u32());
        this.u8(); // 'N'
        return { tag: 'insert', relation, newTuple: this.tuple() };
      }
      case 0x55 /* U */: {
        const relation = this.relation(this.u32());
        let sub = this.u8();
        let oldTuple: TupleValue[] | null = null;
        let oldIsKey = false;
        if (sub === 0x4b /* K */ || sub === 0x4f /* O */) {
          oldIsKey = sub === 0x4b;
          oldTuple = this.tuple();
          sub = this.u8();
        }
        if (sub !== 0x4e /* N */) throw new Error('pgoutput: malformed update');
        return { tag: 'update', relation, oldTuple, oldIsKey, newTuple: this.tuple() };
      }
      case 0x44 /* D */: {
        const relation = this.relation(this.u32());
        const sub = this.u8();
        return { tag: 'delete', relation, oldTuple: this.tuple(), oldIsKey: sub === 0x4b };
      }
      default:
        // Type, Origin, Truncate, Message: nothing Realtime delivers (wal2json's
        // actions exclude truncate).
        return { tag: 'other' };
    }
  }
}

/** Plugin for LogicalReplicationService: raw pgoutput bytes, slot created on the stream's own connection. */
class RawPgoutputPlugin {
  readonly name = 'pgoutput';
  constructor(readonly options: { publications: string[] }) {}
  parse(buffer: Buffer): Buffer {
    // Decoded by the consumer, in order, with its own relation cache.
    return Buffer.from(buffer);
  }
  async start(client: pg.Client, slotName: string): Promise<unknown> {
    // The slot belongs to this very connection: TEMPORARY slots die with it.
    await client.query(`CREATE_REPLICATION_SLOT "${slotName}" TEMPORARY LOGICAL pgoutput (SNAPSHOT 'nothing')`);
    const pubs = this.options.publications.join(',');
    return client.query(
      `START_REPLICATION SLOT "${slotName}" LOGICAL 0/0 (proto_version '1', publication_names '${pubs}')`,
    );
  }
}

export interface ReplicationOptions {
  connectionString: string;
  slotName: string;
  publications: string[];
  onMessage(msg: Buffer): void;
  onError(e: Error): void;
}

/** A started replication stream; resolves once streaming has begun. */
export class ReplicationStream {
  private service: LogicalReplicationService;
  private stopped = false;

  constructor(private opts: ReplicationOptions) {
    this.service = new LogicalReplicationService(
      {
        connectionString: opts.connectionString,
        // Text output matching what Realtime's own session would see.
        options: '-c DateStyle=ISO -c IntervalStyle=postgres -c extra_float_digits=1 -c bytea_output=hex',
      } as pg.ClientConfig,
      { acknowledge: { auto: true, timeoutSeconds: 10 } },
    );
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      let started = false;
      this.service.on('data', (_lsn: string, msg: Buffer) => this.opts.onMessage(msg));
      this.service.on('heartbeat', (lsn: string, _ts: number, shouldRespond: boolean) => {
        if (shouldRespond) void this.service.acknowledge(lsn);
      });
      this.service.on('error', (e: Error) => {
        if (!started) reject(e);
        else if (!this.stopped) this.opts.onError(e);
      });
      this.service.once('start', () => {
        started = true;
        resolve();
      });
      const plugin = new RawPgoutputPlugin({ publications: this.opts.publications });
      type Plugin = Parameters<LogicalReplicationService['subscribe']>[0];
      this.service.subscribe(plugin as unknown as Plugin, this.opts.slotName).then(
        () => {
          // START_REPLICATION only returns when the stream ends.
          if (!this.stopped) this.opts.onError(new Error('replication stream ended'));
        },
        (e: Error) => {
          if (!started) reject(e);
          else if (!this.stopped) this.opts.onError(e);
        },
      );
    });
  }

  /** Pauses reading from the socket (backpressure while events are processed). */
  pause(paused: boolean): void {
    const conn = (this.service as unknown as { _connection?: { stream?: { pause(): void; resume(): void } } })
      ._connection;
    if (paused) conn?.stream?.pause();
    else conn?.stream?.resume();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.service.destroy().catch(() => undefined);
  }
}
