// Running SQL as a given user, exactly as PostgREST would: the `authenticated` role
// and request.jwt.claims set locally in one transaction.
import pg from 'pg';

export interface Actor {
  id: string;
  email: string;
}

export class Db {
  constructor(private url: string) {}

  async query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    const c = new pg.Client({ connectionString: this.url });
    await c.connect();
    try {
      return (await c.query<T>(sql, params)).rows;
    } finally {
      await c.end();
    }
  }

  /** Runs `sql` as `actor` (role authenticated) or as a bare role; commits on success. */
  async as<T extends pg.QueryResultRow = Record<string, unknown>>(
    actor: Actor | 'anon' | 'service_role',
    sql: string,
    params?: unknown[],
  ): Promise<T[]> {
    const c = new pg.Client({ connectionString: this.url });
    await c.connect();
    try {
      await c.query('begin');
      const claims =
        typeof actor === 'string'
          ? { role: actor }
          : { role: 'authenticated', sub: actor.id, email: actor.email, aud: 'authenticated' };
      await c.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [
        claims.role,
        JSON.stringify(claims),
      ]);
      const rows = (await c.query<T>(sql, params)).rows;
      await c.query('commit');
      return rows;
    } catch (e) {
      await c.query('rollback').catch(() => undefined);
      throw e;
    } finally {
      await c.end();
    }
  }

  /** Creates a confirmed auth user directly (the profile trigger fires as on signup). */
  async createUser(email: string, fullName = email.split('@')[0]!): Promise<Actor> {
    const [row] = await this.query<{ id: string }>(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
         raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', $1, '',
         now(), '{"provider":"email","providers":["email"]}', jsonb_build_object('full_name', $2::text), now(), now())
       returning id`,
      [email, fullName],
    );
    return { id: row!.id, email };
  }
}
