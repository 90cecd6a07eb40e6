// An account keeps its type once entries are posted to it (20261202195000): the balance
// sheet and income statement of past periods would otherwise change under the accountant.
// Drafts do not count, and everything else about the account stays editable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let accountant: Actor;
let orgId: string;
let accounts: Record<string, string>;

async function entry(lines: [string, number, number][], post: boolean): Promise<string> {
  const [e] = await db.as<{ id: string }>(
    accountant,
    `insert into public.journal_entries (org_id, entry_date, description) values ($1, '2026-05-04', 'Manual') returning id`,
    [orgId],
  );
  for (const [code, debit, credit] of lines)
    await db.as(
      accountant,
      `insert into public.journal_lines (org_id, entry_id, gl_account_id, debit, credit) values ($1, $2, $3, $4, $5)`,
      [orgId, e!.id, accounts[code], debit, credit],
    );
  if (post) await db.as(accountant, `select public.post_journal_entry($1)`, [e!.id]);
  return e!.id;
}

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  const owner = await db.createUser('owner@types.test');
  accountant = await db.createUser('accountant@types.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    owner,
    `select id from public.create_organization('Types Co', 'types-co', 'USD')`,
  )) as [{ id: string }];
  await db.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, 'accountant')`, [
    orgId,
    accountant.id,
  ]);
  const rows = await db.query<{ code: string; id: string }>(
    `select code, id from public.gl_accounts where org_id = $1`,
    [orgId],
  );
  accounts = Object.fromEntries(rows.map((r) => [r.code, r.id]));
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('gl account type guard', () => {
  it('lets an account without posted lines change its type, drafts included', async () => {
    await entry(
      [
        ['1500', 10, 0],
        ['3000', 0, 10],
      ],
      false,
    );
    const [changed] = await db.as<{ type: string }>(
      accountant,
      `update public.gl_accounts set type = 'expense' where id = $1 returning type::text`,
      [accounts['1500']],
    );
    expect(changed).toEqual({ type: 'expense' });
  });

  it('refuses a new type once a posted line uses the account, and allows every other change', async () => {
    await entry(
      [
        ['6100', 500, 0],
        ['1000', 0, 500],
      ],
      true,
    );
    await expect(
      db.as(accountant, `update public.gl_accounts set type = 'asset' where id = $1`, [accounts['6100']]),
    ).rejects.toMatchObject({
      code: '23514',
      message: 'Account 6100 has posted entries: its type cannot change from expense to asset',
    });
    const [renamed] = await db.as<{ name: string; type: string; active: boolean }>(
      accountant,
      `update public.gl_accounts set name = 'Office rent', reconcilable = true, active = false, type = 'expense'
       where id = $1 returning name, type::text, active`,
      [accounts['6100']],
    );
    expect(renamed).toEqual({ name: 'Office rent', type: 'expense', active: false });
  });
});
