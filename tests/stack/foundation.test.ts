// The stack's foundation: bootstrap (roles, schemas, publication), the migrations
// runner, the gateway's CORS and key handling.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, MigrationError, splitStatements } from '../../stack/db/migrations.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ projectMigrations: false });
});
afterAll(async () => {
  await stack?.stop();
});

describe('bootstrap', () => {
  it('creates the Supabase roles with their attributes', async () => {
    const rows = await stack.sql<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>(
      `select rolname, rolsuper, rolbypassrls, rolcanlogin from pg_roles
       where rolname in ('anon','authenticated','service_role','authenticator','postgres','supabase_admin') order by rolname`,
    );
    expect(rows).toEqual([
      { rolname: 'anon', rolsuper: false, rolbypassrls: false, rolcanlogin: false },
      { rolname: 'authenticated', rolsuper: false, rolbypassrls: false, rolcanlogin: false },
      { rolname: 'authenticator', rolsuper: false, rolbypassrls: false, rolcanlogin: true },
      { rolname: 'postgres', rolsuper: false, rolbypassrls: true, rolcanlogin: true },
      { rolname: 'service_role', rolsuper: false, rolbypassrls: true, rolcanlogin: false },
      { rolname: 'supabase_admin', rolsuper: true, rolbypassrls: true, rolcanlogin: true },
    ]);
  });

  it('lets authenticator switch to the API roles only, never to a superuser', async () => {
    const rows = await stack.sql<{ role: string; member: boolean }>(
      `select r as role, pg_has_role('authenticator', r, 'member') as member
       from unnest(array['anon','authenticated','service_role','supabase_admin','postgres']) r`,
    );
    expect(rows).toEqual([
      { role: 'anon', member: true },
      { role: 'authenticated', member: true },
      { role: 'service_role', member: true },
      { role: 'supabase_admin', member: false },
      { role: 'postgres', member: false },
    ]);
  });

  it('gives postgres the publication and public, and new public tables to the API roles', async () => {
    const [pub] = await stack.sql<{ owner: string }>(
      `select pg_get_userbyid(pubowner) as owner from pg_publication where pubname = 'supabase_realtime'`,
    );
    expect(pub).toEqual({ owner: 'postgres' });
    const c = new pg.Client({ connectionString: stack.dbUrl });
    await c.connect();
    try {
      await c.query('create table public.grant_probe (id int primary key)');
      const { rows } = await c.query(
        `select has_table_privilege('anon', 'public.grant_probe', 'select') as anon,
                has_table_privilege('authenticated', 'public.grant_probe', 'insert') as auth,
                current_setting('search_path') as search_path`,
      );
      expect(rows[0]).toEqual({ anon: true, auth: true, search_path: '"$user", public, extensions' });
      await c.query('drop table public.grant_probe');
    } finally {
      await c.end();
    }
  });

  it('has pgcrypto and uuid-ossp in the extensions schema', async () => {
    const rows = await stack.sql<{ extname: string; schema: string }>(
      `select extname, extnamespace::regnamespace::text as schema from pg_extension
       where extname in ('pgcrypto', 'uuid-ossp') order by extname`,
    );
    expect(rows).toEqual([
      { extname: 'pgcrypto', schema: 'extensions' },
      { extname: 'uuid-ossp', schema: 'extensions' },
    ]);
  });

  it('runs with wal_level=logical', async () => {
    const [row] = await stack.sql<{ wal_level: string }>('show wal_level');
    expect(row).toEqual({ wal_level: 'logical' });
  });
});

describe('migrations runner', () => {
  it('applies each migration once, in name order, recorded like the CLI', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mig-'));
    fs.writeFileSync(path.join(dir, '20240102000000_second.sql'), 'insert into public.mig_probe values (2);');
    fs.writeFileSync(
      path.join(dir, '20240101000000_first.sql'),
      'create table public.mig_probe (n int);\ninsert into public.mig_probe values (1);',
    );
    fs.writeFileSync(path.join(dir, 'README.md'), 'not a migration');
    const first = await applyMigrations(stack.dbUrl, dir);
    expect(first.applied).toEqual(['20240101000000_first.sql', '20240102000000_second.sql']);
    const again = await applyMigrations(stack.dbUrl, dir);
    expect(again).toEqual({ applied: [], skipped: 2 });
    expect(await stack.sql('select n from public.mig_probe order by n')).toEqual([{ n: 1 }, { n: 2 }]);
    expect(
      await stack.sql(
        `select version, name, statements from supabase_migrations.schema_migrations
         where version like '2024010%' order by version`,
      ),
    ).toEqual([
      {
        version: '20240101000000',
        name: 'first',
        statements: ['create table public.mig_probe (n int)', 'insert into public.mig_probe values (1)'],
      },
      { version: '20240102000000', name: 'second', statements: ['insert into public.mig_probe values (2)'] },
    ]);
  });

  it('stops at a broken migration with its file, line and message, and rolls it back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mig-'));
    fs.writeFileSync(
      path.join(dir, '20240201000000_broken.sql'),
      'create table public.half_done (id int);\n\nselect * from public.does_not_exist;\n',
    );
    const err = await applyMigrations(stack.dbUrl, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as MigrationError).file).toBe('20240201000000_broken.sql');
    expect((err as MigrationError).line).toBe(3);
    expect((err as MigrationError).message).toContain('relation "public.does_not_exist" does not exist');
    expect(await stack.sql(`select to_regclass('public.half_done') as t`)).toEqual([{ t: null }]);
  });

  it('splits statements outside quotes, dollar quotes and comments', () => {
    expect(
      splitStatements(`-- a; comment
create function f() returns text language sql as $$ select 'a;b' $$;
/* block; /* nested; */ */ select ';' as "x;y";
select 1`),
    ).toEqual([
      `-- a; comment\ncreate function f() returns text language sql as $$ select 'a;b' $$`,
      `/* block; /* nested; */ */ select ';' as "x;y"`,
      'select 1',
    ]);
  });
});

describe('gateway', () => {
  it('answers CORS preflights for any route', async () => {
    const res = await fetch(`${stack.url}/rest/v1/anything`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'apikey, authorization, x-client-info, prefer',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toBe('apikey, authorization, x-client-info, prefer');
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
  });

  it('answers unknown routes with a JSON 404 carrying CORS headers', async () => {
    const res = await fetch(`${stack.url}/nowhere`);
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({ message: 'no Route matched with those values' });
  });
});
