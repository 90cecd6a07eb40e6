// postgres_changes and database broadcast: the replication stream, the registry of
// bindings, and the per-event pipeline. Each event costs one database round trip
// (_realtime.apply_change) that types the values, checks column privileges, evaluates
// the distinct filters and runs the table's RLS once per distinct claims set — so the
// cost grows with distinct users, not with sockets. Events are processed concurrently
// on a small pool but delivered strictly in commit order.
import crypto from 'node:crypto';
import pg from 'pg';
import type { StackContext } from '../context.ts';
import type { Claims } from './auth.ts';
import type { RealtimeLimits } from './limits.ts';
import { paramsToLog, type SubscriptionParams } from './filters.ts';
import { PgoutputDecoder, ReplicationStream, type Relation, type TupleValue } from './replication.ts';
import type { UserPayload } from './serializer.ts';

export const CHANGES_PUBLICATION = 'supabase_realtime';
export const MESSAGES_PUBLICATION = 'supabase_realtime_messages_publication';
const SLOT_PREFIX = 'ledgerline_realtime';

/** A channel that holds postgres_changes bindings. */
export interface ChangeSubscriber {
  readonly claims: Claims;
  /** Stable identity of (role, claims): bindings sharing it share one RLS check. */
  readonly claimsKey: string;
  readonly role: string;
  sendPostgresChanges(ids: number[], dataJson: string): void;
}

export interface PgBinding {
  /** The id echoed in the join reply and listed in each message's `ids`. */
  id: number;
  params: SubscriptionParams;
  entities: number[];
  subscriber: ChangeSubscriber;
}

export interface DbBroadcast {
  topic: string;
  private: boolean;
  event: string;
  payload: UserPayload;
  id: string;
}

export type ValidateResult = { ok: true; entities: number[] } | { ok: false; error: string };

interface ApplyResult {
  found: boolean;
  rls?: boolean;
  role_errors?: boolean[];
  payloads?: Record<string, unknown>[][];
  filters?: boolean[];
  visible?: boolean[];
  rls_errors?: string[];
}

/** Postgrex's exception message: "ERROR 42703 (undefined_column) column ... does not exist". */
const SQLSTATE_NAMES: Record<string, string> = {
  P0001: 'raise_exception',
  '42703': 'undefined_column',
  '42704': 'undefined_object',
  '42P01': 'undefined_table',
  '42883': 'undefined_function',
  '22P02': 'invalid_text_representation',
  '22007': 'invalid_datetime_format',
  '22008': 'datetime_field_overflow',
  '22003': 'numeric_value_out_of_range',
  '22023': 'invalid_parameter_value',
  '2201B': 'invalid_regular_expression',
  '42501': 'insufficient_privilege',
  '22001': 'string_data_right_truncation',
};

function postgrexMessage(e: unknown): string {
  const err = e as { severity?: string; code?: string; message?: string };
  if (!err.code) return err.message ?? String(e);
  const name = SQLSTATE_NAMES[err.code];
  return `${err.severity ?? 'ERROR'} ${err.code}${name ? ` (${name})` : ''} ${err.message ?? ''}`;
}

/** Key order of Realtime's change structs (NewRecord/UpdatedRecord/DeletedRecord). */
function orderData(p: Record<string, unknown>): string {
  const type = p.type as string;
  const errors = Array.isArray(p.errors) && p.errors.length ? p.errors : null;
  const out: Record<string, unknown> = {
    columns: p.columns ?? [],
    commit_timestamp: p.commit_timestamp ?? null,
    errors,
    schema: p.schema,
    table: p.table,
  };
  if (type === 'UPDATE' || type === 'DELETE') out.old_record = p.old_record ?? {};
  if (type === 'INSERT' || type === 'UPDATE') out.record = p.record ?? {};
  out.type = type;
  return JSON.stringify(out);
}

function hexToBuffer(text: string): Buffer {
  return text.startsWith('\\x') ? Buffer.from(text.slice(2), 'hex') : Buffer.from(text, 'utf8');
}

interface Event {
  xid: number;
  relation: Relation;
  action: 'INSERT' | 'UPDATE' | 'DELETE';
  commitTimestamp: string;
  newNames: string[];
  newVals: (string | null)[];
  oldNames: string[];
  oldVals: (string | null)[];
}

export class ChangeEngine {
  private decoder = new PgoutputDecoder();
  private stream?: ReplicationStream;
  private pool: pg.Pool;
  private byEntity = new Map<number, Set<PgBinding>>();
  private commitTimestamp = '';
  private xid = 0;
  private tail: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private paused = false;
  private stopped = false;
  private restartTimer?: NodeJS.Timeout;
  private attempt = 0;

  constructor(
    private ctx: StackContext,
    private limits: RealtimeLimits,
    private onDbBroadcast: (m: DbBroadcast) => void,
  ) {
    // Own connections: RLS checks switch roles and prepare statements per session.
    this.pool = new pg.Pool({ connectionString: ctx.config.adminDbUrl, max: 3, idleTimeoutMillis: 60_000 });
    this.pool.on('error', (e) => ctx.log('realtime', `changes pool: ${e.message}`));
  }

  /** Creates the slot and starts streaming; resolves once no commit can be missed. */
  async start(): Promise<void> {
    // Temporary slots vanish with their connection; a named slot of ours left by an
    // older version would retain WAL, so drop any inactive one.
    await this.ctx.adminPool.query(
      `select pg_drop_replication_slot(slot_name) from pg_replication_slots
       where slot_name like $1 and not active`,
      [`${SLOT_PREFIX}\\_%`],
    );
    await this.connect();
  }

  private async connect(): Promise<void> {
    this.decoder = new PgoutputDecoder();
    const slotName = `${SLOT_PREFIX}_${process.pid}_${Date.now().toString(36)}_${this.attempt++}`;
    const stream = new ReplicationStream({
      connectionString: this.ctx.config.adminDbUrl,
      slotName,
      publications: [CHANGES_PUBLICATION, MESSAGES_PUBLICATION],
      onMessage: (buf) => this.onMessage(buf),
      onError: (e) => this.onStreamError(e),
    });
    this.stream = stream;
    await stream.start();
  }

  private onStreamError(e: Error): void {
    if (this.stopped) return;
    this.ctx.log('realtime', `replication stream lost (${e.message}); reconnecting`);
    void this.stream?.stop();
    this.stream = undefined;
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.connect().catch((err: Error) => this.onStreamError(err));
    }, 1000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.stream?.stop();
    await this.tail.catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  add(binding: PgBinding): void {
    for (const oid of binding.entities) {
      let set = this.byEntity.get(oid);
      if (!set) this.byEntity.set(oid, (set = new Set()));
      set.add(binding);
    }
  }

  remove(binding: PgBinding): void {
    for (const oid of binding.entities) {
      const set = this.byEntity.get(oid);
      if (!set) continue;
      set.delete(binding);
      if (set.size === 0) this.byEntity.delete(oid);
    }
  }

  /**
   * Checks a binding the way Realtime creates its realtime.subscription rows (same
   * statement, same trigger, same messages), inside a transaction that is rolled back;
   * returns the tables it covers.
   */
  async validate(params: SubscriptionParams, claims: Claims): Promise<ValidateResult> {
    const client = await this.ctx.adminPool.connect();
    try {
      await client.query('begin');
      try {
        const { rows } = await client.query<{ oid: number }>(
          `with sub_tables as (
             select format('%I.%I', pub.schemaname, pub.tablename)::regclass entity
             from pg_publication_tables pub
             where pub.pubname = $1
               and pub.schemaname like (case $2 when '*' then '%' else $2 end) escape ''
               and pub.tablename like (case $3 when '*' then '%' else $3 end) escape ''
           )
           insert into realtime.subscription as x(subscription_id, entity, filters, claims, action_filter, selected_columns)
           select $4::text::uuid, sub_tables.entity,
             (select coalesce(array_agg(row(c, o::realtime.equality_op, v, n)::realtime.user_defined_filter),
                              '{}'::realtime.user_defined_filter[])
              from unnest($6::text[], $7::text[], $8::text[], $9::boolean[]) as f(c, o, v, n)),
             $5, $10, $11
           from sub_tables
           returning entity::oid as oid`,
          [
            CHANGES_PUBLICATION,
            params.schema,
            params.table,
            crypto.randomUUID(),
            JSON.stringify(claims),
            params.filters.map((f) => f[0]),
            params.filters.map((f) => f[1]),
            params.filters.map((f) => f[2]),
            params.filters.map((f) => f[3]),
            params.action,
            params.selectedColumns,
          ],
        );
        if (rows.length === 0) {
          return {
            ok: false,
            error: `Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: [${paramsToLog(params)}]`,
          };
        }
        return { ok: true, entities: rows.map((r) => Number(r.oid)) };
      } catch (e) {
        return {
          ok: false,
          error: `Unable to subscribe to changes with given parameters. An exception happened so please check your connect parameters: [${paramsToLog(params)}]. Exception: ${postgrexMessage(e)}`,
        };
      } finally {
        await client.query('rollback').catch(() => undefined);
      }
    } finally {
      client.release();
    }
  }

  private onMessage(buf: Buffer): void {
    let msg;
    try {
      msg = this.decoder.decode(buf);
    } catch (e) {
      this.ctx.log('realtime', `pgoutput decode failed: ${(e as Error).message}`);
      return;
    }
    switch (msg.tag) {
      case 'begin': {
        // to_char(... 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'): milliseconds, truncated.
        const ms = Number(msg.commitTimeMicros / 1000n);
        this.commitTimestamp = new Date(ms).toISOString();
        this.xid = msg.xid;
        return;
      }
      case 'insert':
        return this.onRow(msg.relation, 'INSERT', msg.newTuple, null, false);
      case 'update':
        return this.onRow(msg.relation, 'UPDATE', msg.newTuple, msg.oldTuple, msg.oldIsKey);
      case 'delete':
        return this.onRow(msg.relation, 'DELETE', null, msg.oldTuple, msg.oldIsKey);
      default:
        return;
    }
  }

  private onRow(
    relation: Relation,
    action: Event['action'],
    newTuple: TupleValue[] | null,
    oldTuple: TupleValue[] | null,
    oldIsKey: boolean,
  ): void {
    if (relation.schema === 'realtime' && relation.name.startsWith('messages')) {
      if (action === 'INSERT' && newTuple) this.onMessageRow(relation, newTuple);
      return;
    }
    const candidates = this.byEntity.get(relation.oid);
    if (!candidates || candidates.size === 0) return;
    const bindings = [...candidates].filter((b) => b.params.action === '*' || b.params.action === action);
    if (bindings.length === 0) return;

    const ev: Event = {
      xid: this.xid,
      relation,
      action,
      commitTimestamp: this.commitTimestamp,
      newNames: [],
      newVals: [],
      oldNames: [],
      oldVals: [],
    };
    if (newTuple) {
      relation.columns.forEach((c, i) => {
        const v = newTuple[i];
        if (!v || v.kind === 'unchanged') return; // unchanged TOAST: filled from the old identity if present
        ev.newNames.push(c.name);
        ev.newVals.push(v.kind === 'text' ? v.text : null);
      });
    }
    if (oldTuple) {
      relation.columns.forEach((c, i) => {
        const v = oldTuple[i];
        if (!v || v.kind === 'unchanged') return;
        if (oldIsKey && !c.isKey) return;
        ev.oldNames.push(c.name);
        ev.oldVals.push(v.kind === 'text' ? v.text : null);
      });
    } else if (action === 'UPDATE' && newTuple) {
      // Key unchanged under REPLICA IDENTITY DEFAULT/INDEX: the identity is the key of the new row.
      relation.columns.forEach((c, i) => {
        const v = newTuple[i];
        if (!c.isKey || !v || v.kind === 'unchanged') return;
        ev.oldNames.push(c.name);
        ev.oldVals.push(v.kind === 'text' ? v.text : null);
      });
    }
    this.enqueue(this.prepare(ev, bindings));
  }

  private onMessageRow(relation: Relation, tuple: TupleValue[]): void {
    const row: Record<string, string | null> = {};
    relation.columns.forEach((c, i) => {
      const v = tuple[i];
      row[c.name] = v && v.kind === 'text' ? v.text : null;
    });
    const { topic, event, id } = row;
    if (topic == null || event == null || id == null || row.inserted_at == null || row.private == null) return;
    let payload: UserPayload;
    if (row.binary_payload != null) payload = { encoding: 'binary', data: hexToBuffer(row.binary_payload) };
    else if (row.payload != null) payload = { encoding: 'json', data: Buffer.from(row.payload, 'utf8') };
    else return;
    const m: DbBroadcast = { topic, event, id, private: row.private === 't', payload };
    this.enqueue(Promise.resolve(() => this.onDbBroadcast(m)));
  }

  /** Delivery closures run one after another in commit order, whatever order their SQL finished in. */
  private enqueue(prepared: Promise<(() => void) | null>): void {
    this.inFlight++;
    if (!this.paused && this.inFlight > 2000) {
      this.paused = true;
      this.stream?.pause(true);
    }
    prepared.catch(() => null);
    this.tail = this.tail
      .then(() => prepared)
      .then((deliver) => deliver?.())
      .catch((e: Error) => this.ctx.log('realtime', `postgres_changes delivery failed: ${e.message}`))
      .finally(() => {
        this.inFlight--;
        if (this.paused && this.inFlight < 500) {
          this.paused = false;
          this.stream?.pause(false);
        }
      });
  }

  private async prepare(ev: Event, bindings: PgBinding[]): Promise<(() => void) | null> {
    // Index the distinct roles, select lists, filters and claims sets.
    const roles: string[] = [];
    const roleIdx = new Map<string, number>();
    const selects: (string[] | null)[][] = [];
    const selectIdx: Map<string, number>[] = [];
    const filters: unknown[] = [];
    const filterIdx = new Map<string, number>();
    const claims: { r: number; c: Claims; s: Set<string> }[] = [];
    const claimsIdx = new Map<string, number>();
    const plan: { b: PgBinding; role: number; select: number; claims: number; filters: number[] }[] = [];

    for (const b of bindings) {
      const sub = b.subscriber;
      let r = roleIdx.get(sub.role);
      if (r === undefined) {
        r = roles.length;
        roles.push(sub.role);
        roleIdx.set(sub.role, r);
        selects.push([]);
        selectIdx.push(new Map());
      }
      const selKey = JSON.stringify(b.params.selectedColumns ? [...b.params.selectedColumns].sort() : null);
      let s = selectIdx[r]!.get(selKey);
      if (s === undefined) {
        s = selects[r]!.length;
        selects[r]!.push(b.params.selectedColumns);
        selectIdx[r]!.set(selKey, s);
      }
      const fIdx = b.params.filters.map((f) => {
        const k = JSON.stringify(f);
        let i = filterIdx.get(k);
        if (i === undefined) {
          i = filters.length;
          filters.push(f);
          filterIdx.set(k, i);
        }
        return i;
      });
      let c = claimsIdx.get(sub.claimsKey);
      if (c === undefined) {
        c = claims.length;
        claims.push({ r, c: sub.claims, s: new Set() });
        claimsIdx.set(sub.claimsKey, c);
      }
      claims[c]!.s.add(JSON.stringify(fIdx));
      plan.push({ b, role: r, select: s, claims: c, filters: fIdx });
    }

    const { rows } = await this.pool.query<{ r: ApplyResult }>(
      `select _realtime.apply_change($13::bigint, $1::oid, $2, $3, $4::text[], $5::text[], $6::text[], $7::text[],
                                      $8::text[], $9::jsonb, $10::jsonb, $11::jsonb, $12::int) as r`,
      [
        ev.relation.oid,
        ev.action,
        ev.commitTimestamp,
        ev.newNames,
        ev.newVals,
        ev.oldNames,
        ev.oldVals,
        roles,
        JSON.stringify(selects),
        JSON.stringify(filters),
        JSON.stringify(claims.map((c) => ({ r: c.r, c: c.c, s: [...c.s].map((x) => JSON.parse(x)) }))),
        this.limits.maxRecordBytes,
        ev.xid,
      ],
    );
    const res = rows[0]?.r;
    if (!res || !res.found || !res.payloads) return null;
    if (res.rls_errors?.length) {
      this.ctx.log(
        'realtime',
        `RLS check failed for ${res.rls_errors.length} subscriber(s) of ${ev.relation.schema}.${ev.relation.name}: ${res.rls_errors[0]}`,
      );
    }
    const payloads = res.payloads;
    const roleErrors = res.role_errors ?? [];
    const filterOk = res.filters ?? [];
    const visible = res.visible ?? [];

    // Per channel: the ids of its matching bindings, grouped by payload.
    const perSubscriber = new Map<ChangeSubscriber, Map<string, { ids: number[]; role: number; select: number }>>();
    for (const p of plan) {
      const deliver = roleErrors[p.role]
        ? true
        : visible[p.claims] === true && p.filters.every((i) => filterOk[i] === true);
      if (!deliver) continue;
      let groups = perSubscriber.get(p.b.subscriber);
      if (!groups) perSubscriber.set(p.b.subscriber, (groups = new Map()));
      const key = `${p.role}:${p.select}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { ids: [], role: p.role, select: p.select }));
      if (!g.ids.includes(p.b.id)) g.ids.push(p.b.id);
    }
    if (perSubscriber.size === 0) return null;
    const encoded = new Map<string, string>();
    return () => {
      for (const [sub, groups] of perSubscriber) {
        for (const g of groups.values()) {
          const key = `${g.role}:${g.select}`;
          let data = encoded.get(key);
          if (data === undefined) {
            data = orderData(payloads[g.role]![g.select]!);
            encoded.set(key, data);
          }
          sub.sendPostgresChanges(g.ids, data);
        }
      }
    };
  }
}
