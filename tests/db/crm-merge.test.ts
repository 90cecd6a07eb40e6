// Merging duplicate accounts and contacts: every open reference found in the catalog
// moves to the survivor (including tables the merge code has never heard of, with single
// or composite keys), posted documents stay as they are and reach the survivor through
// merged_into, the survivor's gaps are filled, and bad merges are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let owner: Actor;
let rep: Actor;
let agent: Actor;
let orgId: string;
let otherOrgId: string;
let stageId: string;

async function account(name: string, extra: Record<string, unknown> = {}, org = orgId): Promise<string> {
  const cols = ['org_id', 'name', ...Object.keys(extra)];
  const [row] = await db.as<{ id: string }>(
    owner,
    `insert into public.accounts (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
    [org, name, ...Object.values(extra)],
  );
  return row!.id;
}

beforeAll(async () => {
  stack = await startTestStack({
    // Tables this migration has never heard of: found through the catalog.
    sql: `
      create schema merge_fixture;
      create table merge_fixture.single_ref (id serial primary key, account_id uuid references public.accounts (id));
      create table merge_fixture.composite_ref (id serial primary key, org_id uuid not null, account_id uuid,
        foreign key (org_id, account_id) references public.accounts (org_id, id));
      create table merge_fixture.posted_doc (id serial primary key, org_id uuid not null, account_id uuid not null,
        posted_at timestamptz, foreign key (org_id, account_id) references public.accounts (org_id, id));
      -- Owned like migrated tables (by postgres, the owner of the merge functions).
      alter schema merge_fixture owner to postgres;
      alter table merge_fixture.single_ref owner to postgres;
      alter table merge_fixture.composite_ref owner to postgres;
      alter table merge_fixture.posted_doc owner to postgres;
    `,
  });
  db = new Db(stack.adminDbUrl);
  owner = await db.createUser('owner@merge.test');
  rep = await db.createUser('rep@merge.test');
  agent = await db.createUser('agent@merge.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    owner,
    `select id from public.create_organization('Merge Co', 'merge-co')`,
  )) as [{ id: string }];
  [{ id: otherOrgId }] = (await db.as<{ id: string }>(
    owner,
    `select id from public.create_organization('Other Co', 'merge-other')`,
  )) as [{ id: string }];
  await db.query(
    `insert into public.memberships (org_id, user_id, role) values ($1, $2, 'sales'), ($1, $3, 'support')`,
    [orgId, rep.id, agent.id],
  );
  [{ id: stageId }] = (await db.query<{ id: string }>(
    `select id from public.pipeline_stages where org_id = $1 and name = 'Qualified'`,
    [orgId],
  )) as [{ id: string }];
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('duplicates', () => {
  it('finds accounts sharing an e-mail or a domain, and contacts sharing an e-mail', async () => {
    const a = await account('Initech', { website: 'https://www.initech.example' });
    const b = await account('Initech Corp.', { email: 'ap@initech.example' });
    await account('Unrelated', { website: 'https://unrelated.example' });
    const groups = await db.as<{ match_key: string; match_on: string; ids: string[] }>(
      rep,
      `select match_key, match_on, ids from public.find_duplicates($1, 'accounts')`,
      [orgId],
    );
    expect(groups).toEqual([{ match_key: 'initech.example', match_on: 'domain', ids: [a, b] }]);
    await db.as(
      owner,
      `insert into public.contacts (org_id, first_name, email) values ($1, 'Bill', 'bill@x.example'), ($1, 'William', 'BILL@x.example')`,
      [orgId],
    );
    expect(
      await db.as(rep, `select match_key, cardinality(ids) as n from public.find_duplicates($1, 'contacts')`, [orgId]),
    ).toEqual([{ match_key: 'bill@x.example', n: 2 }]);
  });
});

describe('merge_accounts', () => {
  it('re-points every open reference, leaves posted documents, fills gaps and archives the duplicates', async () => {
    const keep = await account('Globex', { tags: ['key-account'], is_customer: true });
    const dup1 = await account('Globex Inc', {
      phone: '+1 555 0100',
      tags: ['west'],
      is_supplier: true,
      email: 'hq@globex.example',
    });
    const dup2 = await account('GLOBEX', { tax_id: 'US-99', tags: ['west', 'east'] });
    const contact = (
      await db.as<{ id: string }>(
        owner,
        `insert into public.contacts (org_id, account_id, first_name) values ($1, $2, 'Hank') returning id`,
        [orgId, dup1],
      )
    )[0]!.id;
    const deal = (
      await db.as<{ id: string }>(
        rep,
        `insert into public.deals (org_id, pipeline_id, stage_id, title, account_id)
       select $1, pipeline_id, id, 'Globex renewal', $3 from public.pipeline_stages where id = $2 returning id`,
        [orgId, stageId, dup2],
      )
    )[0]!.id;
    await db.as(owner, `insert into public.addresses (org_id, account_id, line1) values ($1, $2, '1 Globex Way')`, [
      orgId,
      dup1,
    ]);
    await db.query(`insert into merge_fixture.single_ref (account_id) values ($1), ($2)`, [dup1, dup2]);
    await db.query(`insert into merge_fixture.composite_ref (org_id, account_id) values ($1, $2)`, [orgId, dup1]);
    await db.query(
      `insert into merge_fixture.posted_doc (org_id, account_id, posted_at) values ($1, $2, now()), ($1, $2, null)`,
      [orgId, dup2],
    );
    // An older merge into a duplicate must end up pointing at the survivor too.
    const older = await account('Globex (old)');
    await db.as(owner, `select public.merge_accounts($1, $2)`, [dup1, [older]]);

    const [merged] = await db.as<{
      phone: string;
      email: string;
      tax_id: string;
      tags: string[];
      is_customer: boolean;
      is_supplier: boolean;
    }>(rep, `select phone, email, tax_id, tags, is_customer, is_supplier from public.merge_accounts($1, $2)`, [
      keep,
      [dup1, dup2],
    ]);
    expect(merged).toEqual({
      phone: '+1 555 0100',
      email: 'hq@globex.example',
      tax_id: 'US-99',
      tags: ['east', 'key-account', 'west'],
      is_customer: true,
      is_supplier: true,
    });
    expect(await db.query(`select account_id from public.contacts where id = $1`, [contact])).toEqual([
      { account_id: keep },
    ]);
    expect(await db.query(`select account_id from public.deals where id = $1`, [deal])).toEqual([{ account_id: keep }]);
    expect(await db.query(`select count(*)::int as n from public.addresses where account_id = $1`, [keep])).toEqual([
      { n: 1 },
    ]);
    expect(await db.query(`select account_id from merge_fixture.single_ref order by id`)).toEqual([
      { account_id: keep },
      { account_id: keep },
    ]);
    expect(await db.query(`select account_id from merge_fixture.composite_ref`)).toEqual([{ account_id: keep }]);
    expect(
      await db.query(`select account_id, posted_at is not null as posted from merge_fixture.posted_doc order by id`),
    ).toEqual([
      { account_id: dup2, posted: true },
      { account_id: keep, posted: false },
    ]);
    expect(
      await db.query(
        `select id, merged_into, archived_at is not null as archived from public.accounts where id = any ($1) order by name`,
        [[dup1, dup2, older]],
      ),
    ).toEqual(
      expect.arrayContaining([
        { id: dup1, merged_into: keep, archived: true },
        { id: dup2, merged_into: keep, archived: true },
        { id: older, merged_into: keep, archived: true },
      ]),
    );
    const audit = await db.query<{ n: number }>(
      `select count(*)::int as n from public.audit_log where table_name = 'accounts' and action = 'UPDATE' and row_id = any ($1) and changes ? 'merged_into'`,
      [[dup1, dup2]],
    );
    expect(audit[0]!.n).toBe(2);
  });

  it('drops a duplicate link the survivor already has instead of failing', async () => {
    const keep = (
      await db.as<{ id: string }>(
        owner,
        `insert into public.contacts (org_id, first_name, email) values ($1, 'Ann', 'ann@a.example') returning id`,
        [orgId],
      )
    )[0]!.id;
    const dup = (
      await db.as<{ id: string }>(
        owner,
        `insert into public.contacts (org_id, first_name, email) values ($1, 'Annie', 'ann@a.example') returning id`,
        [orgId],
      )
    )[0]!.id;
    const deal = (
      await db.as<{ id: string }>(
        rep,
        `insert into public.deals (org_id, pipeline_id, stage_id, title) select $1, pipeline_id, id, 'Both on it' from public.pipeline_stages where id = $2 returning id`,
        [orgId, stageId],
      )
    )[0]!.id;
    await db.as(
      rep,
      `insert into public.deal_contacts (org_id, deal_id, contact_id) values ($1, $2, $3), ($1, $2, $4)`,
      [orgId, deal, keep, dup],
    );
    await db.as(agent, `select public.merge_contacts($1, $2)`, [keep, [dup]]);
    expect(await db.query(`select contact_id from public.deal_contacts where deal_id = $1`, [deal])).toEqual([
      { contact_id: keep },
    ]);
  });

  it('refuses bad merges and changes nothing', async () => {
    const a = await account('Alpha');
    const b = await account('Beta');
    const foreign = await account('Foreign', {}, otherOrgId);
    await expect(db.as(rep, `select public.merge_accounts($1, $2)`, [a, [a]])).rejects.toMatchObject({ code: '22023' });
    await expect(db.as(rep, `select public.merge_accounts($1, $2)`, [a, []])).rejects.toMatchObject({ code: '22023' });
    await expect(db.as(rep, `select public.merge_accounts($1, $2)`, [a, [foreign]])).rejects.toMatchObject({
      code: '23514',
    });
    await expect(db.as(agent, `select public.merge_accounts($1, $2)`, [a, [b]])).rejects.toMatchObject({
      code: '42501',
    });
    await db.as(rep, `select public.merge_accounts($1, $2)`, [a, [b]]);
    await expect(db.as(rep, `select public.merge_accounts($1, $2)`, [a, [b]])).rejects.toMatchObject({ code: '23514' });
    await expect(db.as(rep, `select public.merge_accounts($1, $2)`, [b, [a]])).rejects.toMatchObject({ code: '23514' });
    // merged_into is not writable by hand.
    await expect(
      db.as(owner, `update public.accounts set merged_into = $1 where id = $2`, [a, foreign]),
    ).rejects.toMatchObject({ code: '42501' });
    expect(await db.query(`select merged_into from public.accounts where id = $1`, [foreign])).toEqual([
      { merged_into: null },
    ]);
  });
});
