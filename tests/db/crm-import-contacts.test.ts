// CSV import of contacts through import_contacts(): all rows or none, the account given by
// name (case-insensitive, live accounts only), unknown and ambiguous names reported as row
// errors; only roles that create contacts may import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

interface Result {
  imported: number;
  errors: { row: number; field: string; message: string }[];
}

let stack: TestStack;
let db: Db;
let rep: Actor;
let viewer: Actor;
let orgId: string;
let acmeId: string;
let betaId: string;

const count = async () =>
  (await db.query<{ n: number }>(`select count(*)::int as n from public.contacts where org_id = $1`, [orgId]))[0]!.n;

const importAs = async (actor: Actor, rows: unknown) =>
  (
    (await db.as<{ result: Result }>(actor, `select public.import_contacts($1, $2) as result`, [
      orgId,
      JSON.stringify(rows),
    ])) as [{ result: Result }]
  )[0].result;

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  rep = await db.createUser('rep@contact-import.test');
  viewer = await db.createUser('viewer@contact-import.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    rep,
    `select id from public.create_organization('Contact Import Co', 'contact-import-co')`,
  )) as [{ id: string }];
  await db.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, 'viewer')`, [
    orgId,
    viewer.id,
  ]);
  const accounts = await db.query<{ id: string; name: string }>(
    `insert into public.accounts (org_id, name, archived_at) values
       ($1, 'Acme Corp', null), ($1, 'Beta GmbH', null), ($1, 'Twin', null), ($1, 'twin', null),
       ($1, 'Gone Ltd', now())
     returning id, name`,
    [orgId],
  );
  acmeId = accounts.find((a) => a.name === 'Acme Corp')!.id;
  betaId = accounts.find((a) => a.name === 'Beta GmbH')!.id;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('import_contacts', () => {
  it('imports nothing and reports exactly the bad rows', async () => {
    const result = await importAs(rep, [
      { first_name: 'Ann', last_name: 'Able', email: 'ann@acme.example', account: 'Acme Corp' },
      { first_name: 'Bob', last_name: 'Bad', email: 'not-an-email', account: 'Acme Corp' },
      { first_name: 'Cy', last_name: 'Nowhere', email: 'cy@x.example', account: 'Unknown Inc' },
      { first_name: 'Di', last_name: 'Double', email: 'di@twin.example', account: 'TWIN' },
      { first_name: 'Ed', last_name: 'Archived', account: 'Gone Ltd' },
      { first_name: 'Fay', last_name: 'Fine', account: 'beta gmbh' },
    ]);
    expect(result.imported).toBe(0);
    expect(result.errors).toEqual([
      { row: 2, field: 'email', message: expect.stringContaining('contacts_email_check') },
      { row: 3, field: 'account', message: 'No account named "Unknown Inc"' },
      { row: 4, field: 'account', message: expect.stringContaining('matches 2 accounts') },
      { row: 5, field: 'account', message: 'No account named "Gone Ltd"' },
    ]);
    expect(await count()).toBe(0);
  });

  it('imports every row of a good file, linked to the right accounts', async () => {
    const result = await importAs(rep, [
      { first_name: 'Ann', last_name: 'Able', email: ' Ann@Acme.example ', title: 'CFO', account: 'acme corp' },
      { first_name: 'Fay', last_name: 'Fine', phone: '+49 30 1234', account: 'BETA GMBH', tags: 'vip, de' },
      { first_name: 'Gus', last_name: 'Solo', account: '' },
      { email: 'new@newco.example', account: 'NewCo', create_account: 'yes' },
      { first_name: 'Hal', account: 'newco' },
    ]);
    expect(result).toEqual({ imported: 5, errors: [] });
    const newco = await db.query<{ id: string }>(
      `select id from public.accounts where org_id = $1 and name = 'NewCo'`,
      [orgId],
    );
    expect(newco).toHaveLength(1);
    expect(
      await db.as(
        rep,
        `select first_name, last_name, email, phone, title, tags, account_id from public.contacts
           where org_id = $1 order by coalesce(first_name, email)`,
        [orgId],
      ),
    ).toEqual([
      {
        first_name: 'Ann',
        last_name: 'Able',
        email: 'ann@acme.example',
        phone: null,
        title: 'CFO',
        tags: [],
        account_id: acmeId,
      },
      {
        first_name: 'Fay',
        last_name: 'Fine',
        email: null,
        phone: '+49 30 1234',
        title: null,
        tags: ['de', 'vip'],
        account_id: betaId,
      },
      { first_name: 'Gus', last_name: 'Solo', email: null, phone: null, title: null, tags: [], account_id: null },
      { first_name: 'Hal', last_name: null, email: null, phone: null, title: null, tags: [], account_id: newco[0]!.id },
      {
        first_name: null,
        last_name: null,
        email: 'new@newco.example',
        phone: null,
        title: null,
        tags: [],
        account_id: newco[0]!.id,
      },
    ]);
  });

  it('refuses callers who may not create contacts, and bad payloads', async () => {
    await expect(importAs(viewer, [{ first_name: 'Nope', account: 'Acme Corp' }])).rejects.toMatchObject({
      code: '42501',
    });
    await expect(importAs(rep, { first_name: 'x' })).rejects.toMatchObject({ code: '22023' });
    expect(await count()).toBe(5);
  });
});
