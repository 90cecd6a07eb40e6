// Every table × role × operation × own/other organisation, through REST with real
// users' JWTs, against the hand-written matrix in rls-matrix.ts. Also fails when a
// public table has RLS off or no matrix entry, a public view is not
// security_invoker, or anon can execute a public function.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { attempt, buildFixture, ROLES, type MatrixFixture, type Op } from './rls-harness.ts';
import { MATRIX } from './rls-matrix/index.ts';

let stack: TestStack;
let fixture: MatrixFixture;

beforeAll(async () => {
  stack = await startTestStack();
  fixture = await buildFixture(stack, MATRIX);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

describe('schema guards', () => {
  it('every table in public has RLS enabled and a matrix entry', async () => {
    const tables = await stack.sql<{ name: string; rls: boolean }>(
      `select c.relname as name, c.relrowsecurity as rls from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    );
    expect(tables.filter((t) => !t.rls).map((t) => t.name)).toEqual([]);
    const covered = new Set(MATRIX.map((m) => m.table));
    expect(tables.map((t) => t.name).filter((t) => !covered.has(t))).toEqual([]);
  });

  it('every view in public is security_invoker', async () => {
    const views = await stack.sql<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('v', 'm')
         and not coalesce('security_invoker=on' = any (c.reloptions) or 'security_invoker=true' = any (c.reloptions), false)`,
    );
    expect(views).toEqual([]);
  });

  it('anon cannot execute any function in public', async () => {
    const fns = await stack.sql<{ name: string }>(
      `select p.oid::regprocedure::text as name from pg_proc p
       join pg_namespace n on n.oid = p.pronamespace
       left join pg_depend d on d.objid = p.oid and d.deptype = 'e'
       where n.nspname = 'public' and d.objid is null and has_function_privilege('anon', p.oid, 'execute')`,
    );
    expect(fns).toEqual([]);
  });
});

describe.each(MATRIX)('$table', (entry) => {
  it('allows exactly what the matrix says, for each role, in its own org and not in another', async () => {
    const mismatches: string[] = [];
    for (const role of ROLES) {
      const { jwt } = fixture.users[role];
      for (const org of ['own', 'other'] as const) {
        const expected = org === 'own' || entry.global ? entry.allow[role] : '';
        for (const op of ['S', 'I', 'U', 'D'] as Op[]) {
          if (op === 'I' && !entry.insert) {
            // No insert payload means rows only come from RPCs or triggers: a plain insert must fail.
            const ok = await attempt(stack, jwt, 'I', entry.table, {}, { id: undefined }).catch(() => false);
            if (ok) mismatches.push(`${role} ${org} I: allowed, expected denied`);
            continue;
          }
          const filters = op === 'I' ? {} : entry.probe(fixture, org, role);
          const body = op === 'I' ? entry.insert!(fixture, org, role) : op === 'U' ? entry.update : undefined;
          const allowed = await attempt(stack, jwt, op, entry.table, filters, body);
          if (allowed !== expected.includes(op)) {
            mismatches.push(
              `${role} ${org} ${op}: ${allowed ? 'allowed' : 'denied'}, expected ${allowed ? 'denied' : 'allowed'}`,
            );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
