// CSV import of accounts through import_accounts(): all rows or none, every bad row
// reported with its number, field and message; only roles that create accounts may import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let rep: Actor;
let viewer: Actor;
let orgId: string;

const count = async () =>
  (await db.query<{ n: number }>(`select count(*)::int as n from public.accounts where org_id = $1`, [orgId]))[0]!.n;

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  rep = await db.createUser('rep@import.test');
  viewer = await db.createUser('viewer@import.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    rep,
    `select id from public.create_organization('Import Co', 'import-co')`,
  )) as [{ id: string }];
  await db.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, 'viewer')`, [
    orgId,
    viewer.id,
  ]);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('import_accounts', () => {
  it('imports nothing and reports exactly the bad rows', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({
      name: `Company ${i + 1}`,
      email: `info${i + 1}@company${i + 1}.example`,
      credit_limit: '1000',
    }));
    rows[10] = { name: '', email: 'x@y.example', credit_limit: '' };
    rows[57] = { name: 'Bad mail', email: 'not-an-email', credit_limit: '' };
    rows[199] = { name: 'Bad limit', email: '', credit_limit: 'lots' };
    const [{ result }] = (await db.as<{ result: { imported: number; errors: unknown[] } }>(
      rep,
      `select public.import_accounts($1, $2) as result`,
      [orgId, JSON.stringify(rows)],
    )) as [{ result: { imported: number; errors: unknown[] } }];
    expect(result.imported).toBe(0);
    expect(result.errors).toEqual([
      { row: 11, field: 'name', message: 'Name is required' },
      { row: 58, field: 'email', message: expect.stringContaining('accounts_email_check') },
      { row: 200, field: 'credit_limit', message: 'Credit limit is an amount like 2500 or 2500.50' },
    ]);
    expect(await count()).toBe(0);
  });

  it('imports every row when all are good, with types, tags and defaults', async () => {
    const [{ result }] = (await db.as<{ result: { imported: number } }>(
      rep,
      `select public.import_accounts($1, $2) as result`,
      [
        orgId,
        JSON.stringify([
          {
            name: 'Acme',
            website: 'https://www.acme.example',
            tags: 'vip, west',
            credit_limit: '2500.50',
            payment_terms_days: '45',
            currency: 'eur',
          },
          { name: 'Jane Doe', kind: 'person', email: 'jane@doe.example', is_supplier: 'true' },
        ]),
      ],
    )) as [{ result: { imported: number } }];
    expect(result.imported).toBe(2);
    expect(
      await db.as(
        rep,
        `select name, kind, domain, tags, credit_limit, payment_terms_days, currency, is_supplier from public.accounts where org_id = $1 order by name`,
        [orgId],
      ),
    ).toEqual([
      {
        name: 'Acme',
        kind: 'company',
        domain: 'acme.example',
        tags: ['vip', 'west'],
        credit_limit: '2500.50',
        payment_terms_days: 45,
        currency: 'EUR',
        is_supplier: false,
      },
      {
        name: 'Jane Doe',
        kind: 'person',
        domain: null,
        tags: [],
        credit_limit: null,
        payment_terms_days: 30,
        currency: null,
        is_supplier: true,
      },
    ]);
  });

  it('refuses callers who may not create accounts, and bad payloads', async () => {
    await expect(
      db.as(viewer, `select public.import_accounts($1, $2)`, [orgId, JSON.stringify([{ name: 'Nope' }])]),
    ).rejects.toMatchObject({
      code: '42501',
    });
    await expect(
      db.as(rep, `select public.import_accounts($1, $2)`, [orgId, JSON.stringify({ name: 'x' })]),
    ).rejects.toMatchObject({
      code: '22023',
    });
    expect(await count()).toBe(2);
  });
});
