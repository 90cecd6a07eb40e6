// The shape of one RLS matrix line. Letters say what each role may do to the probe row
// of its OWN organisation: S select, I insert, U update, D delete. Nobody may do
// anything to the probe row of ANOTHER organisation (checked for every cell).
import type { MatrixFixture, Role, SetupContext } from '../rls-harness.ts';

export interface MatrixEntry {
  table: string;
  /**
   * Creates this table's probe row(s) in one organisation (as superuser) and returns what
   * `probe`/`insert` need later, as f.orgs[org].rows[table]. Runs in matrix order, so it can
   * use rows of earlier entries (ctx.rows).
   */
  setup?(ctx: SetupContext): Promise<Record<string, string>>;
  /** PostgREST filters (column → value) that select the probe row of an org, as seen by `user`. */
  probe(f: MatrixFixture, org: 'own' | 'other', user: Role): Record<string, string>;
  /** A valid new row for the org (tried with Prefer: tx=rollback). Omit when rows only come from RPCs/triggers. */
  insert?(f: MatrixFixture, org: 'own' | 'other', user: Role): Record<string, unknown>;
  /** A harmless change (tried with Prefer: tx=rollback). */
  update: Record<string, unknown>;
  allow: Record<Role, string>;
  /** Global reference data (no org_id): the same row is probed for both orgs, so `allow` applies to both. */
  global?: boolean;
}

export const none: Record<Role, string> = {
  owner: '',
  admin: '',
  manager: '',
  sales: '',
  support: '',
  warehouse: '',
  accountant: '',
  viewer: '',
};
export const all = (ops: string) => Object.fromEntries(Object.keys(none).map((r) => [r, ops])) as Record<Role, string>;

/** Inserts one row as superuser and returns its id. */
export async function insertRow(ctx: SetupContext, table: string, values: Record<string, unknown>): Promise<string> {
  const cols = Object.keys(values);
  const [row] = await ctx.sql<{ id: string }>(
    `insert into public.${table} (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
    Object.values(values),
  );
  return String(row!.id);
}

/** Inserts a row the guards only let the posting RPCs write (private.posting on for the statement). */
export async function insertPosted(ctx: SetupContext, table: string, values: Record<string, unknown>): Promise<string> {
  const cols = Object.keys(values);
  const [row] = await ctx.sql<{ id: string }>(
    `with posting as (select set_config('private.posting', 'on', true) as on)
     insert into public.${table} (${cols.join(', ')})
     select ${cols.map((_, i) => `$${i + 1}`).join(', ')} from posting returning id`,
    Object.values(values),
  );
  return String(row!.id);
}
