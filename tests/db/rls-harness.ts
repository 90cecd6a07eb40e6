// Builds the fixture the RLS matrix runs against: two organisations, one signed-in
// user per role in the first, probe rows in both, and a REST caller that tries each
// operation with the user's real JWT (mutations with Prefer: tx=rollback, so the
// fixture never changes).
import { nodeClient } from '../helpers/clients.ts';
import type { TestStack } from '../helpers/stack.ts';

export const ROLES = ['owner', 'admin', 'manager', 'sales', 'support', 'warehouse', 'accountant', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export type Op = 'S' | 'I' | 'U' | 'D';

export interface OrgFixture {
  id: string;
  owner: string;
  /** A viewer of this org who is none of the acting users. */
  colleague: string;
  /** A user who is not (yet) a member of this org. */
  joiner: string;
  invitation: string;
  auditEntry: number;
  email: string;
  /** Notification addressed to each acting user, in this org. */
  notifications: Record<Role, string>;
  /** Values returned by each matrix entry's `setup` for this org, by table (probe row ids and the like). */
  rows: Record<string, Record<string, string>>;
}

/** What a matrix entry's `setup` gets to create its probe rows in one organisation. */
export interface SetupContext {
  sql: TestStack['sql'];
  orgId: string;
  /** An owner of the org (a real user, for created_by/owner columns). */
  ownerId: string;
  /** The acting users (members of the "own" org only). */
  users: Record<Role, string>;
  /** Rows earlier entries created in this org. */
  rows: Record<string, Record<string, string>>;
}

export interface MatrixFixture {
  orgs: { own: OrgFixture; other: OrgFixture };
  users: Record<Role, { id: string; jwt: string }>;
}

const PASSWORD = 'matrix-password-1';

async function createUser(stack: TestStack, email: string): Promise<string> {
  const admin = nodeClient(stack.url, stack.serviceRoleKey);
  const { data, error } = await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true });
  if (error) throw error;
  return data.user.id;
}

async function signIn(stack: TestStack, email: string): Promise<string> {
  const client = nodeClient(stack.url, stack.anonKey);
  const { data, error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
  if (error) throw error;
  return data.session.access_token;
}

async function buildOrg(
  stack: TestStack,
  slug: string,
  actors: Record<Role, string>,
  members: Role[],
): Promise<OrgFixture> {
  const ownerId = members.includes('owner') ? actors.owner : await createUser(stack, `owner@${slug}.test`);
  const colleague = await createUser(stack, `colleague@${slug}.test`);
  const joiner = await createUser(stack, `joiner@${slug}.test`);
  const [org] = await stack.sql<{ id: string }>(
    `insert into public.organizations (name, slug, created_by) values ($1, $1, $2) returning id`,
    [slug, ownerId],
  );
  const id = org!.id;
  const memberRows: [string, string][] = members.map((r) => [actors[r], r]);
  if (!members.includes('owner')) memberRows.push([ownerId, 'owner']);
  memberRows.push([colleague, 'viewer']);
  for (const [userId, role] of memberRows) {
    await stack.sql(`insert into public.memberships (org_id, user_id, role) values ($1, $2, $3)`, [id, userId, role]);
  }
  const [inv] = await stack.sql<{ id: string }>(
    `insert into public.invitations (org_id, email, role, token_hash) values ($1, $2, 'viewer', md5(random()::text))
     returning id`,
    [id, `invitee@${slug}.test`],
  );
  const [audit] = await stack.sql<{ id: number }>(
    `select id from public.audit_log where org_id = $1 order by id limit 1`,
    [id],
  );
  const [email] = await stack.sql<{ id: string }>(
    `insert into public.email_outbox (org_id, to_email, subject, text_body) values ($1, 'customer@example.com', 'Hello', 'Hi')
     returning id`,
    [id],
  );
  const notifications = {} as Record<Role, string>;
  for (const role of ROLES) {
    const [n] = await stack.sql<{ id: string }>(
      `insert into public.notifications (org_id, user_id, kind, title) values ($1, $2, 'test', 'Probe') returning id`,
      [id, actors[role]],
    );
    notifications[role] = n!.id;
  }
  return {
    id,
    owner: ownerId,
    colleague,
    joiner,
    invitation: inv!.id,
    auditEntry: audit!.id,
    email: email!.id,
    notifications,
    rows: {},
  };
}

/** Builds both orgs, then runs each entry's `setup` (in order) in each org. */
export async function buildFixture(
  stack: TestStack,
  entries: { table: string; setup?: (ctx: SetupContext) => Promise<Record<string, string>> }[],
): Promise<MatrixFixture> {
  const ids = {} as Record<Role, string>;
  for (const role of ROLES) ids[role] = await createUser(stack, `${role}@matrix-own.test`);
  const own = await buildOrg(stack, 'matrix-own', ids, [...ROLES]);
  const other = await buildOrg(stack, 'matrix-other', ids, []);
  for (const org of [own, other]) {
    for (const { table, setup } of entries) {
      if (setup)
        org.rows[table] = await setup({
          sql: stack.sql,
          orgId: org.id,
          ownerId: org.owner,
          users: ids,
          rows: org.rows,
        });
    }
  }
  const users = {} as MatrixFixture['users'];
  for (const role of ROLES) users[role] = { id: ids[role], jwt: await signIn(stack, `${role}@matrix-own.test`) };
  return { orgs: { own, other }, users };
}

/** Tries one operation through REST as the user; true when the database allowed it. */
export async function attempt(
  stack: TestStack,
  jwt: string,
  op: Op,
  table: string,
  filters: Record<string, string>,
  body?: Record<string, unknown>,
): Promise<boolean> {
  const qs = new URLSearchParams(Object.entries(filters).map(([k, v]) => [k, `eq.${v}`]));
  const headers: Record<string, string> = {
    apikey: stack.anonKey,
    Authorization: `Bearer ${jwt}`,
    'Content-Type': 'application/json',
    Prefer: 'return=representation, tx=rollback',
  };
  const url = `${stack.url}/rest/v1/${table}`;
  let res: Response;
  if (op === 'S')
    res = await fetch(`${url}?${qs}`, { headers: { apikey: stack.anonKey, Authorization: `Bearer ${jwt}` } });
  else if (op === 'I') res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  else if (op === 'U') res = await fetch(`${url}?${qs}`, { method: 'PATCH', headers, body: JSON.stringify(body) });
  else res = await fetch(`${url}?${qs}`, { method: 'DELETE', headers });
  const text = await res.text();
  if (res.status === 401 || res.status === 403) return false;
  if (op === 'I') {
    if (res.status === 201) return true;
    throw new Error(`${op} ${table}: unexpected ${res.status} ${text}`);
  }
  if (res.status !== 200) throw new Error(`${op} ${table}: unexpected ${res.status} ${text}`);
  const rows = JSON.parse(text) as unknown[];
  if (rows.length > 1) throw new Error(`${op} ${table}: probe matched ${rows.length} rows`);
  return rows.length === 1;
}
