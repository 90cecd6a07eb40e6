// The command palette's search (search_records): full-text prefix matches first, a
// trigram fallback for typos, archived/merged records hidden, and the caller's RLS and
// organisation respected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let owner: Actor;
let keeper: Actor;
let orgId: string;
let otherOrgId: string;

const search = (actor: Actor, org: string, q: string) =>
  db.as<{ kind: string; title: string; subtitle: string }>(
    actor,
    `select kind, title, subtitle from public.search_records($1, $2)`,
    [org, q],
  );

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  owner = await db.createUser('owner@search.test');
  keeper = await db.createUser('keeper@search.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    owner,
    `select id from public.create_organization('Search Co', 'search-co')`,
  )) as [{ id: string }];
  [{ id: otherOrgId }] = (await db.as<{ id: string }>(
    owner,
    `select id from public.create_organization('Other Co', 'other-search')`,
  )) as [{ id: string }];
  await db.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, 'warehouse')`, [
    orgId,
    keeper.id,
  ]);
  await db.as(
    owner,
    `with a as (insert into public.accounts (org_id, name, website, tags) values
        ($1, 'Acme Widgets', 'https://www.acme-widgets.test/about', '{manufacturing}'),
        ($1, 'Umbrella Logistics', null, '{}') returning id, name)
     insert into public.contacts (org_id, account_id, first_name, last_name, email, title)
     select $1, a.id, 'Wile', 'Coyote', 'wile@acme-widgets.test', 'Head of Procurement' from a where a.name = 'Acme Widgets'`,
    [orgId],
  );
  await db.as(
    owner,
    `insert into public.deals (org_id, pipeline_id, stage_id, title, amount)
     select $1, pipeline_id, id, 'Acme rocket skates renewal', 1200 from public.pipeline_stages where org_id = $1 and name = 'Proposal'`,
    [orgId],
  );
  await db.as(owner, `insert into public.tickets (org_id, subject) values ($1, 'Rocket skates arrived broken')`, [orgId]);
  await db.as(owner, `insert into public.accounts (org_id, name, archived_at) values ($1, 'Acme Archived', now())`, [
    orgId,
  ]);
  await db.as(owner, `insert into public.accounts (org_id, name) values ($1, 'Acme Elsewhere')`, [otherOrgId]);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('search_records', () => {
  it('finds accounts, contacts and deals by word prefixes, best matches first', async () => {
    const rows = await search(owner, orgId, 'acme');
    expect(rows.map((r) => [r.kind, r.title])).toEqual(
      expect.arrayContaining([
        ['account', 'Acme Widgets'],
        ['contact', 'Wile Coyote'],
        ['deal', 'Acme rocket skates renewal'],
      ]),
    );
    expect(rows).toHaveLength(3);
    // A name match (weight A) ranks above an e-mail match (weight B).
    expect(await search(owner, orgId, 'wid')).toEqual([
      { kind: 'account', title: 'Acme Widgets', subtitle: 'acme-widgets.test' },
      { kind: 'contact', title: 'Wile Coyote', subtitle: 'Head of Procurement · wile@acme-widgets.test' },
    ]);
    expect((await search(owner, orgId, 'coyote procurement')).map((r) => r.title)).toEqual(['Wile Coyote']);
    expect((await search(owner, orgId, 'manufacturing')).map((r) => r.title)).toEqual(['Acme Widgets']);
  });

  it('finds tickets by subject and number', async () => {
    const [t] = await search(owner, orgId, 'skates broken');
    expect(t).toMatchObject({ kind: 'ticket', title: expect.stringMatching(/^TKT-\d{4}-\d{5} Rocket skates arrived broken$/) });
    const number = t!.title.split(' ')[0]!;
    expect((await search(owner, orgId, number)).map((r) => r.kind)).toEqual(['ticket']);
  });

  it('falls back to trigram similarity for typos', async () => {
    expect((await search(owner, orgId, 'Umbrela')).map((r) => r.title)).toEqual(['Umbrella Logistics']);
  });

  it('hides archived records, other organisations and what the role may not read', async () => {
    const titles = (await search(owner, orgId, 'acme')).map((r) => r.title);
    expect(titles).not.toContain('Acme Archived');
    expect(titles).not.toContain('Acme Elsewhere');
    expect((await search(owner, otherOrgId, 'acme')).map((r) => r.title)).toEqual(['Acme Elsewhere']);
    // Warehouse staff read parties and contacts but not the pipeline.
    expect((await search(keeper, orgId, 'acme')).map((r) => r.kind).sort()).toEqual(['account', 'contact']);
    expect(await search(keeper, orgId, 'skates broken')).toEqual([]);
    expect(await search(keeper, otherOrgId, 'acme')).toEqual([]);
  });

  it('ignores one-letter and empty queries and refuses very long ones', async () => {
    expect(await search(owner, orgId, 'a')).toEqual([]);
    expect(await search(owner, orgId, '  ,; ')).toEqual([]);
    await expect(search(owner, orgId, 'x'.repeat(201))).rejects.toMatchObject({ code: '22023' });
  });
});
