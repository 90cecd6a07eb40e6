// Tenancy rules enforced by Postgres: organisation creation, membership rules (last
// owner, self-promotion, removed member), invitations, the append-only audit log and
// GDPR erasure. Statements run as real users the way PostgREST runs them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let owner: Actor;
let admin: Actor;
let rep: Actor;
let outsider: Actor;
let orgId: string;

async function createOrg(actor: Actor, slug: string): Promise<string> {
  const [org] = await db.as<{ id: string }>(actor, `select id from public.create_organization($1, $2)`, [slug, slug]);
  return org!.id;
}

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  owner = await db.createUser('owner@acme.test', 'Olivia Owner');
  admin = await db.createUser('admin@acme.test');
  rep = await db.createUser('rep@acme.test');
  outsider = await db.createUser('someone@other.test');
  orgId = await createOrg(owner, 'acme');
  await db.as(owner, `insert into public.memberships (org_id, user_id, role) values ($1, $2, 'admin'), ($1, $3, 'sales')`, [
    orgId,
    admin.id,
    rep.id,
  ]);
});
afterAll(async () => {
  await stack?.stop();
});

describe('organisations', () => {
  it('makes the creator the first owner and hides the org from non-members', async () => {
    expect(await db.as(owner, 'select role from public.memberships where org_id = $1 and user_id = $2', [orgId, owner.id])).toEqual([
      { role: 'owner' },
    ]);
    expect(await db.as(outsider, 'select id from public.organizations where id = $1', [orgId])).toEqual([]);
    expect(await db.as(rep, 'select slug from public.organizations where id = $1', [orgId])).toEqual([{ slug: 'acme' }]);
    expect(await db.as('anon', 'select id from public.organizations')).toEqual([]);
  });

  it('rejects bad settings with constraint errors', async () => {
    await expect(db.as(owner, `select public.create_organization('X', 'Bad Slug!')`)).rejects.toMatchObject({ code: '23514' });
    await expect(db.as(owner, `update public.organizations set time_zone = 'Mars/Base' where id = $1`, [orgId])).rejects.toMatchObject({
      code: '23514',
    });
    await expect(db.as(owner, `select public.create_organization('Dup', 'acme')`)).rejects.toMatchObject({ code: '23505' });
  });

  it('lets only owners and admins change settings', async () => {
    const changed = await db.as(rep, `update public.organizations set name = 'Hacked' where id = $1 returning id`, [orgId]);
    expect(changed).toEqual([]);
    await db.as(admin, `update public.organizations set locale = 'en-GB' where id = $1`, [orgId]);
    expect(await db.query('select locale, name from public.organizations where id = $1', [orgId])).toEqual([
      { locale: 'en-GB', name: 'acme' },
    ]);
  });
});

describe('membership rules', () => {
  it('keeps at least one owner', async () => {
    await expect(
      db.as(owner, `update public.memberships set role = 'admin' where org_id = $1 and user_id = $2`, [orgId, owner.id]),
    ).rejects.toMatchObject({ message: 'An organisation must keep at least one owner' });
    await expect(
      db.as(owner, `delete from public.memberships where org_id = $1 and user_id = $2`, [orgId, owner.id]),
    ).rejects.toMatchObject({ message: 'An organisation must keep at least one owner' });
  });

  it('does not let anyone raise their own role', async () => {
    await expect(
      db.as(admin, `update public.memberships set role = 'owner' where org_id = $1 and user_id = $2`, [orgId, admin.id]),
    ).rejects.toMatchObject({ code: '42501' });
    // A sales rep cannot even see others' memberships, let alone change their own.
    expect(
      await db.as(rep, `update public.memberships set role = 'admin' where org_id = $1 and user_id = $2 returning role`, [orgId, rep.id]),
    ).toEqual([]);
  });

  it('lets only owners grant ownership', async () => {
    await expect(
      db.as(admin, `update public.memberships set role = 'owner' where org_id = $1 and user_id = $2`, [orgId, rep.id]),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('a removed member loses access on their next statement', async () => {
    const temp = await db.createUser('temp@acme.test');
    await db.as(owner, `insert into public.memberships (org_id, user_id, role) values ($1, $2, 'viewer')`, [orgId, temp.id]);
    expect(await db.as(temp, 'select slug from public.organizations where id = $1', [orgId])).toEqual([{ slug: 'acme' }]);
    await db.as(admin, 'delete from public.memberships where org_id = $1 and user_id = $2', [orgId, temp.id]);
    expect(await db.as(temp, 'select slug from public.organizations where id = $1', [orgId])).toEqual([]);
  });

  it('transfers ownership when a new owner exists first', async () => {
    const org2 = await createOrg(owner, 'handover');
    await db.as(owner, `insert into public.memberships (org_id, user_id, role) values ($1, $2, 'owner')`, [org2, admin.id]);
    await db.as(owner, `update public.memberships set role = 'admin' where org_id = $1 and user_id = $2`, [org2, owner.id]);
    expect(await db.query('select user_id, role from public.memberships where org_id = $1 order by role', [org2])).toEqual([
      { user_id: admin.id, role: 'owner' },
      { user_id: owner.id, role: 'admin' },
    ]);
  });
});

describe('profiles', () => {
  it('are created from auth.users and visible to people sharing an org only', async () => {
    expect(await db.as(rep, 'select full_name from public.profiles where id = $1', [owner.id])).toEqual([
      { full_name: 'Olivia Owner' },
    ]);
    expect(await db.as(outsider, 'select full_name from public.profiles where id = $1', [owner.id])).toEqual([]);
    await expect(db.as(rep, `update public.profiles set email = 'x@y.z' where id = $1`, [rep.id])).rejects.toMatchObject({
      code: '42501',
    });
  });
});

describe('invitations', () => {
  it('accepts a valid token once, for the invited e-mail, in the right org', async () => {
    const invitee = await db.createUser('new.hire@acme.test');
    const [inv] = await db.as<{ token: string }>(admin, `select token from public.create_invitation($1, 'New.Hire@acme.test', 'support')`, [
      orgId,
    ]);
    await expect(db.as(outsider, 'select public.accept_invitation($1, $2)', [orgId, inv!.token])).rejects.toMatchObject({
      message: 'This invitation was sent to another e-mail address',
    });
    const otherOrg = await createOrg(outsider, 'other-co');
    await expect(db.as(invitee, 'select public.accept_invitation($1, $2)', [otherOrg, inv!.token])).rejects.toMatchObject({
      message: 'Invitation not found',
    });
    await db.as(invitee, 'select public.accept_invitation($1, $2)', [orgId, inv!.token]);
    expect(await db.as(invitee, 'select role from public.memberships where org_id = $1 and user_id = $2', [orgId, invitee.id])).toEqual([
      { role: 'support' },
    ]);
    await expect(db.as(invitee, 'select public.accept_invitation($1, $2)', [orgId, inv!.token])).rejects.toMatchObject({
      message: 'This invitation has already been used',
    });
  });

  it('refuses expired tokens and invitations from non-admins', async () => {
    const late = await db.createUser('late@acme.test');
    const [inv] = await db.as<{ token: string; invitation_id: string }>(admin, `select * from public.create_invitation($1, 'late@acme.test', 'viewer')`, [
      orgId,
    ]);
    await db.query(`update public.invitations set created_at = now() - interval '9 days', expires_at = now() - interval '1 day' where id = $1`, [
      inv!.invitation_id,
    ]);
    await expect(db.as(late, 'select public.accept_invitation($1, $2)', [orgId, inv!.token])).rejects.toMatchObject({
      message: 'This invitation has expired',
    });
    await expect(db.as(rep, `select public.create_invitation($1, 'x@acme.test', 'viewer')`, [orgId])).rejects.toMatchObject({
      message: 'Only owners and admins can invite members',
    });
    await expect(db.as(admin, `select public.create_invitation($1, 'boss@acme.test', 'owner')`, [orgId])).rejects.toMatchObject({
      message: 'Only owners can invite owners',
    });
  });
});

describe('audit log', () => {
  it('records who changed what with old and new values, and is append-only', async () => {
    const rows = await db.as<{ action: string; changes: Record<string, unknown>; actor_id: string }>(
      owner,
      `select action, changes, actor_id from public.audit_log
       where table_name = 'organizations' and row_id = $1 and action = 'UPDATE'`,
      [orgId],
    );
    expect(rows).toEqual([{ action: 'UPDATE', changes: { locale: { old: 'en-US', new: 'en-GB' } }, actor_id: admin.id }]);
    expect(await db.as(rep, 'select id from public.audit_log where org_id = $1', [orgId])).toEqual([]);
    await expect(db.query('delete from public.audit_log')).rejects.toMatchObject({ message: 'audit_log is append-only' });
    await expect(db.query(`update public.audit_log set action = 'DELETE'`)).rejects.toMatchObject({
      message: 'audit_log is append-only',
    });
    await expect(db.as('service_role', 'delete from public.audit_log')).rejects.toMatchObject({ code: '42501' });
  });
});

describe('GDPR erasure', () => {
  it('anonymises the person everywhere, audit values included, and records it', async () => {
    const person = await db.createUser('erase.me@acme.test', 'Erin Erasable');
    await db.as(person, `update public.profiles set full_name = 'Erin E.' where id = $1`, [person.id]);
    await db.as(admin, `select public.create_invitation($1, 'erase.me@acme.test', 'viewer')`, [orgId]);
    await expect(db.as(rep, 'select public.erase_person($1)', [person.id])).rejects.toMatchObject({ code: '42501' });
    await db.as(person, 'select public.erase_person($1)', [person.id]);

    expect(await db.query('select email, full_name from public.profiles where id = $1', [person.id])).toEqual([
      { email: 'erased@erased.invalid', full_name: null },
    ]);
    expect(await db.query(`select count(*)::int as n from public.invitations where email = 'erase.me@acme.test'`)).toEqual([{ n: 0 }]);
    expect(await db.query('select email, raw_user_meta_data from auth.users where id = $1', [person.id])).toEqual([
      { email: `erased+${person.id}@erased.invalid`, raw_user_meta_data: {} },
    ]);
    const leaks = await db.query(`select id from public.audit_log where changes::text ilike '%erase.me%' or changes::text ilike '%Erin%'`);
    expect(leaks).toEqual([]);
    expect(await db.query('select tables from private.erasures where subject_id = $1', [person.id])).toEqual([
      { tables: ['profiles', 'invitations'] },
    ]);
  });
});
