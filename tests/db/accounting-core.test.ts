// The accounting core's rules, enforced by Postgres: entries balance at commit, posted
// entries are immutable and corrected by reversal, nothing posts into a closed period,
// JE numbers are gapless, exchange rates are dated, and only finance roles write.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let owner: Actor;
let accountant: Actor;
let rep: Actor;
let orgId: string;
let accounts: Record<string, string>;

async function draft(date: string, lines: [string, number, number][]): Promise<string> {
  const [entry] = await db.as<{ id: string }>(
    accountant,
    `insert into public.journal_entries (org_id, entry_date, description) values ($1, $2, 'Manual') returning id`,
    [orgId, date],
  );
  for (const [code, debit, credit] of lines) {
    await db.as(
      accountant,
      `insert into public.journal_lines (org_id, entry_id, gl_account_id, debit, credit) values ($1, $2, $3, $4, $5)`,
      [orgId, entry!.id, accounts[code], debit, credit],
    );
  }
  return entry!.id;
}

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  owner = await db.createUser('owner@books.test');
  accountant = await db.createUser('accountant@books.test');
  rep = await db.createUser('rep@books.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    owner,
    `select id from public.create_organization('Books Co', 'books-co', 'EUR')`,
  )) as [{ id: string }];
  await db.query(
    `insert into public.memberships (org_id, user_id, role) values ($1, $2, 'accountant'), ($1, $3, 'sales')`,
    [orgId, accountant.id, rep.id],
  );
  const rows = await db.query<{ code: string; id: string }>(
    `select code, id from public.gl_accounts where org_id = $1`,
    [orgId],
  );
  accounts = Object.fromEntries(rows.map((r) => [r.code, r.id]));
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('journal', () => {
  it('seeds a chart of accounts per organisation with every posting role', async () => {
    const roles = await db.as<{ role: string }>(
      accountant,
      `select role from public.gl_accounts where org_id = $1 and role is not null order by role`,
      [orgId],
    );
    expect(roles.map((r) => r.role)).toEqual([
      'bank',
      'cogs',
      'customer_credit',
      'fx_gain',
      'fx_loss',
      'grni',
      'inventory',
      'labour_absorbed',
      'payable',
      'purchases',
      'receivable',
      'retained_earnings',
      'sales',
      'sales_returns',
      'service_sales',
      'stock_adjustment',
      'tax_payable',
      'tax_receivable',
    ]);
  });

  it('posts a balanced draft with a gapless number and refuses an unbalanced one at commit', async () => {
    const ok = await draft('2026-03-10', [
      ['6100', 1200, 0],
      ['1000', 0, 1200],
    ]);
    const [posted] = await db.as<{ number: string; status: string }>(
      accountant,
      `select number, status from public.post_journal_entry($1)`,
      [ok],
    );
    expect(posted).toEqual({ number: 'JE-2026-00001', status: 'posted' });

    const bad = await draft('2026-03-11', [
      ['6100', 100, 0],
      ['1000', 0, 99.99],
    ]);
    await expect(db.as(accountant, `select public.post_journal_entry($1)`, [bad])).rejects.toMatchObject({
      code: '23514',
      message: 'Journal entry does not balance: debits 100.00 and credits 99.99 over 2 lines',
    });
    // The refused posting gave its number back.
    await db.as(accountant, `update public.journal_lines set credit = 100 where entry_id = $1 and credit > 0`, [bad]);
    expect(await db.as(accountant, `select number from public.post_journal_entry($1)`, [bad])).toEqual([
      { number: 'JE-2026-00002' },
    ]);
  });

  it('checks the balance at commit, not per statement, and for direct writes too', async () => {
    const client = new pg.Client({ connectionString: stack.adminDbUrl });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('private.posting', 'on', true)`);
      const { rows } = await client.query<{ id: string }>(
        `insert into public.journal_entries (org_id, description, status, number, posted_at) values ($1, 'Direct', 'posted', 'JE-TEST-1', now()) returning id`,
        [orgId],
      );
      await client.query(
        `insert into public.journal_lines (org_id, entry_id, gl_account_id, debit) values ($1, $2, $3, 50)`,
        [orgId, rows[0]!.id, accounts['1000']],
      );
      await expect(client.query('commit')).rejects.toMatchObject({ code: '23514' });
    } finally {
      await client.end();
    }
  });

  it('keeps posted entries immutable and corrects them by reversal, once', async () => {
    const id = await draft('2026-04-02', [
      ['1500', 900, 0],
      ['2000', 0, 900],
    ]);
    await db.as(accountant, `select public.post_journal_entry($1)`, [id]);
    await expect(
      db.as(accountant, `update public.journal_entries set description = 'x' where id = $1`, [id]),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      db.as(accountant, `update public.journal_lines set debit = 1 where entry_id = $1 and debit > 0`, [id]),
    ).rejects.toMatchObject({
      code: '42501',
    });
    await expect(db.as(owner, `delete from public.journal_entries where id = $1`, [id])).rejects.toMatchObject({
      code: '42501',
    });
    const [rev] = await db.as<{ id: string; source_type: string; reversal_of: string }>(
      accountant,
      `select id, source_type, reversal_of from public.reverse_journal_entry($1, '2026-04-03', 'Wrong supplier')`,
      [id],
    );
    expect(rev).toMatchObject({ source_type: 'reversal', reversal_of: id });
    expect(
      await db.as(
        accountant,
        `select g.code, l.debit, l.credit from public.journal_lines l join public.gl_accounts g on g.id = l.gl_account_id
        where l.entry_id = $1 order by g.code`,
        [rev!.id],
      ),
    ).toEqual([
      { code: '1500', debit: '0.00', credit: '900.00' },
      { code: '2000', debit: '900.00', credit: '0.00' },
    ]);
    await expect(db.as(accountant, `select public.reverse_journal_entry($1)`, [id])).rejects.toMatchObject({
      code: '23514',
    });
  });

  it('refuses postings into a closed period and changes to it', async () => {
    const [period] = await db.as<{ id: string }>(
      accountant,
      `insert into public.fiscal_periods (org_id, name, start_date, end_date) values ($1, 'May 2026', '2026-05-01', '2026-05-31') returning id`,
      [orgId],
    );
    await expect(
      db.as(
        accountant,
        `insert into public.fiscal_periods (org_id, name, start_date, end_date) values ($1, 'Overlap', '2026-05-15', '2026-06-15')`,
        [orgId],
      ),
    ).rejects.toMatchObject({ code: '23P01' });
    await expect(
      db.as(accountant, `update public.fiscal_periods set closed_at = now() where id = $1`, [period!.id]),
    ).rejects.toMatchObject({
      code: '42501',
    });
    await db.as(accountant, `select public.close_fiscal_period($1)`, [period!.id]);
    const id = await draft('2026-05-20', [
      ['6200', 30, 0],
      ['1000', 0, 30],
    ]);
    await expect(db.as(accountant, `select public.post_journal_entry($1)`, [id])).rejects.toMatchObject({
      code: '23514',
      message: 'Period May 2026 is closed: nothing can be posted on 2026-05-20',
    });
    await expect(
      db.as(accountant, `update public.fiscal_periods set closed_at = null where id = $1`, [period!.id]),
    ).rejects.toMatchObject({
      code: '42501',
    });
  });

  it('finds the exchange rate in force on a date and refuses when none is entered', async () => {
    await db.as(
      accountant,
      `insert into public.exchange_rates (org_id, currency, rate_date, rate) values ($1, 'USD', '2026-01-01', 0.9), ($1, 'USD', '2026-02-01', 0.92)`,
      [orgId],
    );
    const rate = async (currency: string, date: string) =>
      (
        await db.query<{ r: string }>(`select private.exchange_rate($1, $2, $3::date)::text as r`, [
          orgId,
          currency,
          date,
        ])
      )[0]!.r;
    expect(await rate('USD', '2026-01-31')).toBe('0.90000000');
    expect(await rate('USD', '2026-02-15')).toBe('0.92000000');
    expect(await rate('EUR', '2020-01-01')).toBe('1');
    await expect(rate('USD', '2025-12-31')).rejects.toMatchObject({ code: '23514' });
  });

  it('lets only finance roles write the books and hides them from sales', async () => {
    await expect(
      db.as(rep, `insert into public.journal_entries (org_id, description) values ($1, 'Sneaky')`, [orgId]),
    ).rejects.toMatchObject({ code: '42501' });
    expect(await db.as(rep, `select id from public.journal_entries where org_id = $1`, [orgId])).toEqual([]);
    const id = await draft('2026-06-01', [
      ['6200', 10, 0],
      ['1000', 0, 10],
    ]);
    await expect(db.as(rep, `select public.post_journal_entry($1)`, [id])).rejects.toMatchObject({ code: '42501' });
  });
});
