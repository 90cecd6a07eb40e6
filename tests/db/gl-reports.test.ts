// General-ledger reports over the daily balances: trial balance, profit and loss, balance sheet
// and the general ledger of one account, checked against hand-computed figures; a property test
// posting hundreds of random balanced entries (some drafts posted later, some never, some
// reversed) checks the daily balances against the brute-force sum of the lines and that the
// reports balance; finance roles read, other roles are refused, another org is "not found".
import Big from 'big.js';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
const actors: Record<string, Actor> = {};
let orgId: string;
let otherOrgId: string;
let otherOwner: Actor;
let accounts: Record<string, string>;
let acmeId: string;

type Json = Record<string, unknown>;
type Line = [code: string, debit: number, credit: number, partner?: string];

const m = (v: unknown) => new Big(v as number).toFixed(2);

/** Posts a document-style entry (inserted as posted by private.post_journal). */
async function postDocument(org: string, date: string, description: string, lines: Line[], codes = accounts) {
  const [row] = await db.query<{ id: string }>(
    `select private.post_journal($1, $2, $3, 'manual', null, $4::jsonb) as id`,
    [
      org,
      date,
      description,
      JSON.stringify(
        lines.map(([code, debit, credit, partner]) => ({
          gl_account_id: codes[code],
          debit,
          credit,
          partner_id: partner ?? null,
        })),
      ),
    ],
  );
  return row!.id;
}

/** Writes a manual draft as the accountant (not posted). */
async function draft(date: string, description: string, lines: Line[]) {
  const [entry] = await db.as<{ id: string }>(
    actors.accountant!,
    `insert into public.journal_entries (org_id, entry_date, description) values ($1, $2, $3) returning id`,
    [orgId, date, description],
  );
  for (const [code, debit, credit] of lines) {
    await db.as(
      actors.accountant!,
      `insert into public.journal_lines (org_id, entry_id, gl_account_id, debit, credit) values ($1, $2, $3, $4, $5)`,
      [orgId, entry!.id, accounts[code], debit, credit],
    );
  }
  return entry!.id;
}

async function report(actor: Actor, sql: string, params: unknown[]): Promise<Json> {
  const [row] = await db.as<{ r: Json }>(actor, `select ${sql} as r`, params);
  return row!.r;
}

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  for (const role of ['owner', 'admin', 'manager', 'accountant', 'viewer', 'sales', 'support', 'warehouse']) {
    actors[role] = await db.createUser(`${role}@gl-reports.test`);
  }
  [{ id: orgId }] = (await db.as<{ id: string }>(
    actors.owner!,
    `select id from public.create_organization('GL Co', 'gl-co', 'EUR')`,
  )) as [{ id: string }];
  for (const role of ['admin', 'manager', 'accountant', 'viewer', 'sales', 'support', 'warehouse']) {
    await db.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, $3)`, [
      orgId,
      actors[role]!.id,
      role,
    ]);
  }
  accounts = Object.fromEntries(
    (
      await db.query<{ code: string; id: string }>(`select code, id from public.gl_accounts where org_id = $1`, [orgId])
    ).map((r) => [r.code, r.id]),
  );
  [{ id: acmeId }] = (await db.query<{ id: string }>(
    `insert into public.accounts (org_id, name) values ($1, 'Acme GmbH') returning id`,
    [orgId],
  )) as [{ id: string }];

  // Another organisation with big postings on the same dates: none of it may show up above.
  otherOwner = await db.createUser('owner@other-gl.test');
  [{ id: otherOrgId }] = (await db.as<{ id: string }>(
    otherOwner,
    `select id from public.create_organization('Other GL', 'other-gl', 'EUR')`,
  )) as [{ id: string }];
  const otherAccounts = Object.fromEntries(
    (
      await db.query<{ code: string; id: string }>(`select code, id from public.gl_accounts where org_id = $1`, [
        otherOrgId,
      ])
    ).map((r) => [r.code, r.id]),
  );
  await postDocument(
    otherOrgId,
    '2026-01-15',
    'Other sale',
    [
      ['1000', 777777, 0],
      ['4000', 0, 777777],
    ],
    otherAccounts,
  );
  await postDocument(
    otherOrgId,
    '2025-12-15',
    'Other capital',
    [
      ['1000', 55555, 0],
      ['3000', 0, 55555],
    ],
    otherAccounts,
  );

  // The fixture books of GL Co (fiscal year = calendar year), posted in this order:
  await postDocument(orgId, '2025-12-15', 'Capital paid in', [
    ['1000', 10000, 0],
    ['3000', 0, 10000],
  ]); // JE-2025-00001
  await postDocument(orgId, '2025-12-20', 'December rent', [
    ['6100', 1000, 0],
    ['1000', 0, 1000],
  ]); // JE-2025-00002
  await postDocument(orgId, '2026-01-10', 'Invoice to Acme', [
    ['1100', 1190, 0, acmeId],
    ['4000', 0, 1000],
    ['2200', 0, 190],
  ]); // JE-2026-00001
  await postDocument(orgId, '2026-01-20', 'Acme pays', [
    ['1000', 1190, 0],
    ['1100', 0, 1190, acmeId],
  ]); // JE-2026-00002
  await postDocument(orgId, '2026-02-05', 'Cost of goods shipped', [
    ['5000', 400, 0],
    ['1200', 0, 400],
  ]); // JE-2026-00003
  await postDocument(orgId, '2026-02-10', 'Goods bought on credit', [
    ['1200', 2500, 0],
    ['2000', 0, 2500],
  ]); // JE-2026-00004
  const salaries = await draft('2026-02-28', 'February salaries', [
    ['6000', 1500, 0],
    ['1000', 0, 1500],
  ]);
  await draft('2026-02-15', 'Rent typed twice, never posted', [
    ['6100', 999, 0],
    ['1000', 0, 999],
  ]);
  const service = await postDocument(orgId, '2026-03-05', 'Consulting for Acme', [
    ['1100', 500, 0, acmeId],
    ['4100', 0, 500],
  ]); // JE-2026-00005
  await db.as(actors.accountant!, `select public.post_journal_entry($1)`, [salaries]); // JE-2026-00006
  await db.as(actors.accountant!, `select public.reverse_journal_entry($1, '2026-03-06', 'Billed by mistake')`, [
    service,
  ]); // JE-2026-00007
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

describe('trial balance', () => {
  it('gives opening balances, period debits and credits and closing balances that balance', async () => {
    const tb = await report(actors.accountant!, `public.trial_balance($1, '2026-01-01', '2026-02-28')`, [orgId]);
    const lines = (tb.lines as Json[]).map((l) => ({
      code: l.code,
      type: l.type,
      opening: m(l.opening_balance),
      debit: m(l.debit),
      credit: m(l.credit),
      closing: m(l.closing_balance),
      closingDebit: m(l.closing_debit),
      closingCredit: m(l.closing_credit),
    }));
    expect(lines).toEqual([
      {
        code: '1000',
        type: 'asset',
        opening: '9000.00',
        debit: '1190.00',
        credit: '1500.00',
        closing: '8690.00',
        closingDebit: '8690.00',
        closingCredit: '0.00',
      },
      {
        code: '1100',
        type: 'asset',
        opening: '0.00',
        debit: '1190.00',
        credit: '1190.00',
        closing: '0.00',
        closingDebit: '0.00',
        closingCredit: '0.00',
      },
      {
        code: '1200',
        type: 'asset',
        opening: '0.00',
        debit: '2500.00',
        credit: '400.00',
        closing: '2100.00',
        closingDebit: '2100.00',
        closingCredit: '0.00',
      },
      {
        code: '2000',
        type: 'liability',
        opening: '0.00',
        debit: '0.00',
        credit: '2500.00',
        closing: '-2500.00',
        closingDebit: '0.00',
        closingCredit: '2500.00',
      },
      {
        code: '2200',
        type: 'liability',
        opening: '0.00',
        debit: '0.00',
        credit: '190.00',
        closing: '-190.00',
        closingDebit: '0.00',
        closingCredit: '190.00',
      },
      {
        code: '3000',
        type: 'equity',
        opening: '-10000.00',
        debit: '0.00',
        credit: '0.00',
        closing: '-10000.00',
        closingDebit: '0.00',
        closingCredit: '10000.00',
      },
      {
        code: '4000',
        type: 'income',
        opening: '0.00',
        debit: '0.00',
        credit: '1000.00',
        closing: '-1000.00',
        closingDebit: '0.00',
        closingCredit: '1000.00',
      },
      {
        code: '5000',
        type: 'expense',
        opening: '0.00',
        debit: '400.00',
        credit: '0.00',
        closing: '400.00',
        closingDebit: '400.00',
        closingCredit: '0.00',
      },
      {
        code: '6000',
        type: 'expense',
        opening: '0.00',
        debit: '1500.00',
        credit: '0.00',
        closing: '1500.00',
        closingDebit: '1500.00',
        closingCredit: '0.00',
      },
      {
        code: '6100',
        type: 'expense',
        opening: '1000.00',
        debit: '0.00',
        credit: '0.00',
        closing: '1000.00',
        closingDebit: '1000.00',
        closingCredit: '0.00',
      },
    ]);
    const t = tb.totals as Json;
    expect(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, m(v)]))).toEqual({
      opening_debit: '10000.00',
      opening_credit: '10000.00',
      debit: '6780.00',
      credit: '6780.00',
      closing_debit: '13690.00',
      closing_credit: '13690.00',
    });
  });

  it('counts a reversal in its own period and an unposted draft nowhere', async () => {
    const tb = await report(actors.accountant!, `public.trial_balance($1, '2026-03-01', '2026-03-31')`, [orgId]);
    const byCode = Object.fromEntries(
      (tb.lines as Json[]).map((l) => [l.code, [m(l.debit), m(l.credit), m(l.closing_balance)]]),
    );
    expect(byCode['4100']).toEqual(['500.00', '500.00', '0.00']);
    expect(byCode['1100']).toEqual(['500.00', '500.00', '0.00']);
    // Bank: 9000 + 1190 − 1500; the 999 draft is not in it.
    expect(byCode['1000']).toEqual(['0.00', '0.00', '8690.00']);
    expect(m((tb.totals as Json).debit)).toBe('1000.00');
  });

  it('refuses a range that ends before it starts', async () => {
    await expect(
      report(actors.accountant!, `public.trial_balance($1, '2026-02-01', '2026-01-01')`, [orgId]),
    ).rejects.toMatchObject({ code: '22023' });
  });
});

describe('profit and loss', () => {
  it('lists income and expenses over the range with totals and the net profit', async () => {
    const pl = await report(actors.accountant!, `public.profit_and_loss($1, '2026-01-01', '2026-03-31')`, [orgId]);
    const rows = (key: string) => (pl[key] as Json[]).map((l) => [l.code, l.name, m(l.amount)]);
    expect(rows('income')).toEqual([
      ['4000', 'Product sales', '1000.00'],
      ['4100', 'Service revenue', '0.00'],
    ]);
    expect(rows('expenses')).toEqual([
      ['5000', 'Cost of goods sold', '400.00'],
      ['6000', 'Salaries and wages', '1500.00'],
    ]);
    const t = pl.totals as Json;
    expect([m(t.income), m(t.expenses), m(t.net_profit)]).toEqual(['1000.00', '1900.00', '-900.00']);

    const december = await report(actors.viewer!, `public.profit_and_loss($1, '2025-12-01', '2025-12-31')`, [orgId]);
    expect(december.income).toEqual([]);
    expect((december.expenses as Json[]).map((l) => [l.code, m(l.amount)])).toEqual([['6100', '1000.00']]);
    expect(m((december.totals as Json).net_profit)).toBe('-1000.00');
  });
});

describe('balance sheet', () => {
  it('balances, with the unclosed earnings of this and earlier years in equity', async () => {
    const bs = await report(actors.accountant!, `public.balance_sheet($1, '2026-02-28')`, [orgId]);
    const rows = (key: string) => (bs[key] as Json[]).map((l) => [l.code, l.name, m(l.amount)]);
    expect(rows('assets')).toEqual([
      ['1000', 'Bank', '8690.00'],
      ['1200', 'Inventory', '2100.00'],
    ]);
    expect(rows('liabilities')).toEqual([
      ['2000', 'Accounts payable', '2500.00'],
      ['2200', 'Sales tax payable', '190.00'],
    ]);
    expect(rows('equity')).toEqual([
      ['3000', "Owner's equity", '10000.00'],
      [null, 'Current-year earnings', '-900.00'],
      [null, 'Earnings of earlier years not closed', '-1000.00'],
    ]);
    const t = bs.totals as Json;
    expect([m(t.assets), m(t.liabilities), m(t.equity), m(t.liabilities_and_equity)]).toEqual([
      '10790.00',
      '2690.00',
      '8100.00',
      '10790.00',
    ]);
    expect(bs.fiscal_year_start).toBe('2026-01-01');
  });

  it('as of the end of the previous year has that year as the current one', async () => {
    const bs = await report(actors.manager!, `public.balance_sheet($1, '2025-12-31')`, [orgId]);
    expect((bs.assets as Json[]).map((l) => [l.code, m(l.amount)])).toEqual([['1000', '9000.00']]);
    expect(bs.liabilities).toEqual([]);
    expect((bs.equity as Json[]).map((l) => [l.name, m(l.amount)])).toEqual([
      ["Owner's equity", '10000.00'],
      ['Current-year earnings', '-1000.00'],
    ]);
    expect(m((bs.totals as Json).liabilities_and_equity)).toBe('9000.00');
  });
});

describe('general ledger', () => {
  it('lists an account’s lines with a running balance between the opening and the closing balance', async () => {
    const gl = await report(actors.accountant!, `public.general_ledger($1, $2, '2026-01-01', '2026-03-31')`, [
      orgId,
      accounts['1000'],
    ]);
    expect((gl.account as Json).code).toBe('1000');
    expect([m(gl.opening_balance), m(gl.debit), m(gl.credit), m(gl.closing_balance), gl.line_count]).toEqual([
      '9000.00',
      '1190.00',
      '1500.00',
      '8690.00',
      2,
    ]);
    expect(
      (gl.lines as Json[]).map((l) => [
        l.entry_number,
        l.entry_date,
        l.description,
        m(l.debit),
        m(l.credit),
        m(l.balance),
      ]),
    ).toEqual([
      ['JE-2026-00002', '2026-01-20', 'Acme pays', '1190.00', '0.00', '10190.00'],
      ['JE-2026-00006', '2026-02-28', 'February salaries', '0.00', '1500.00', '8690.00'],
    ]);
  });

  it('names the partner and pages with the running balance carried over', async () => {
    const page = async (limit: number, offset: number) =>
      report(actors.viewer!, `public.general_ledger($1, $2, '2026-01-01', '2026-12-31', $3, $4)`, [
        orgId,
        accounts['1100'],
        limit,
        offset,
      ]);
    const second = await page(2, 2);
    expect(second.line_count).toBe(4);
    expect(
      (second.lines as Json[]).map((l) => [l.entry_number, l.partner_name, m(l.debit), m(l.credit), m(l.balance)]),
    ).toEqual([
      ['JE-2026-00005', 'Acme GmbH', '500.00', '0.00', '500.00'],
      ['JE-2026-00007', 'Acme GmbH', '0.00', '500.00', '0.00'],
    ]);
    const first = await page(1, 0);
    expect((first.lines as Json[]).map((l) => [l.entry_number, l.partner_name, m(l.balance)])).toEqual([
      ['JE-2026-00001', 'Acme GmbH', '1190.00'],
    ]);
    const past = await page(10, 50);
    expect([past.lines, past.line_count]).toEqual([[], 4]);
  });

  it('does not find an account of another organisation', async () => {
    const otherBank = (
      await db.query<{ id: string }>(`select id from public.gl_accounts where org_id = $1 and code = '1000'`, [
        otherOrgId,
      ])
    )[0]!.id;
    await expect(
      report(actors.accountant!, `public.general_ledger($1, $2, '2026-01-01', '2026-12-31')`, [orgId, otherBank]),
    ).rejects.toMatchObject({ code: 'P0002', message: 'Account not found' });
  });
});

describe('who reads the reports', () => {
  const calls: [string, (org: string) => [string, unknown[]]][] = [
    ['trial_balance', (org) => [`public.trial_balance($1, '2026-01-01', '2026-12-31')`, [org]]],
    ['profit_and_loss', (org) => [`public.profit_and_loss($1, '2026-01-01', '2026-12-31')`, [org]]],
    ['balance_sheet', (org) => [`public.balance_sheet($1, '2026-12-31')`, [org]]],
    ['general_ledger', (org) => [`public.general_ledger($1, $2, '2026-01-01', '2026-12-31')`, [org, accounts['1000']]]],
  ];

  it.each(calls)(
    '%s: finance roles read the same figures; sales, support and warehouse are refused',
    async (_, call) => {
      const [sql, params] = call(orgId);
      const expected = await report(actors.accountant!, sql, params);
      for (const role of ['owner', 'admin', 'manager', 'viewer']) {
        expect(await report(actors[role]!, sql, params)).toEqual(expected);
      }
      for (const role of ['sales', 'support', 'warehouse']) {
        await expect(report(actors[role]!, sql, params)).rejects.toMatchObject({
          code: '42501',
          message: 'Your role may not read the financial reports',
        });
      }
    },
  );

  it.each(calls)('%s: another organisation is not found, whether it exists or not', async (_, call) => {
    for (const org of [orgId, '00000000-0000-4000-8000-000000000000']) {
      const [sql, params] = call(org);
      await expect(report(otherOwner, sql, params)).rejects.toMatchObject({
        code: 'P0002',
        message: 'Organisation not found',
      });
    }
  });

  it('anon may not call the reports', async () => {
    await expect(
      db.as('anon', `select public.trial_balance($1, '2026-01-01', '2026-12-31')`, [orgId]),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('the daily balances are read like the journal and written by nobody', async () => {
    const read = async (actor: Actor) =>
      (
        await db.as<{ n: number }>(actor, `select count(*)::int as n from public.gl_daily_balances where org_id = $1`, [
          orgId,
        ])
      )[0]!.n;
    expect(await read(actors.viewer!)).toBeGreaterThan(0);
    expect(await read(actors.sales!)).toBe(0);
    expect(await read(otherOwner)).toBe(0);
    await expect(
      db.as(actors.accountant!, `update public.gl_daily_balances set debit = debit + 1 where org_id = $1`, [orgId]),
    ).rejects.toMatchObject({ code: '42501' });
  });
});

describe('invariants over random books', () => {
  type Leg = { debit: string; credit: string; cents: number };
  type Op = { kind: 'post' | 'draft' | 'never' | 'reverse'; date: number; legs: Leg[]; pick: number };
  const CODES = [
    '1000',
    '1100',
    '1200',
    '1500',
    '2000',
    '2200',
    '3000',
    '3900',
    '4000',
    '4100',
    '5000',
    '6000',
    '6100',
  ];
  const DAY0 = Date.UTC(2025, 5, 1);
  const day = (n: number) => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);
  const code = fc.constantFrom(...CODES);
  const op = fc.record({
    kind: fc.constantFrom('post', 'post', 'post', 'draft', 'never', 'reverse') as fc.Arbitrary<Op['kind']>,
    date: fc.integer({ min: 0, max: 580 }), // 2025-06-01 .. 2027-01-01: three fiscal years
    legs: fc.array(fc.record({ debit: code, credit: code, cents: fc.integer({ min: 1, max: 5_000_000 }) }), {
      minLength: 1,
      maxLength: 3,
    }),
    pick: fc.nat(),
  });

  it('keeps the daily balances equal to the lines, and every report balanced', async () => {
    const client = new pg.Client({ connectionString: stack.adminDbUrl });
    await client.connect();
    const asAccountant = async (sql: string, params: unknown[]) => {
      await client.query('begin');
      await client.query(
        `select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`,
        [JSON.stringify({ role: 'authenticated', sub: actors.accountant!.id })],
      );
      try {
        const r = await client.query(sql, params);
        await client.query('commit');
        return r.rows;
      } catch (e) {
        await client.query('rollback');
        throw e;
      }
    };
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(op, { minLength: 120, maxLength: 200 }),
          fc.array(fc.tuple(fc.integer({ min: -30, max: 600 }), fc.integer({ min: 0, max: 400 })), {
            minLength: 3,
            maxLength: 3,
          }),
          async (ops, ranges) => {
            run++;
            const { rows } = await client.query<{ id: string }>(
              `insert into public.organizations (name, slug, base_currency) values ($1, $1, 'EUR') returning id`,
              [`prop-gl-${run}-${Math.random().toString(36).slice(2, 8)}`],
            );
            const org = rows[0]!.id;
            await client.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, 'accountant')`, [
              org,
              actors.accountant!.id,
            ]);
            const ids = Object.fromEntries(
              (
                await client.query<{ code: string; id: string }>(
                  `select code, id from public.gl_accounts where org_id = $1`,
                  [org],
                )
              ).rows.map((r) => [r.code, r.id]),
            );
            const posted: string[] = [];
            const drafts: string[] = [];
            for (const o of ops) {
              const lines = o.legs.flatMap((l) => [
                { gl_account_id: ids[l.debit], debit: (l.cents / 100).toFixed(2), credit: 0 },
                { gl_account_id: ids[l.credit], debit: 0, credit: (l.cents / 100).toFixed(2) },
              ]);
              if (o.kind === 'post') {
                const r = await client.query<{ id: string }>(
                  `select private.post_journal($1, $2, 'Random', 'manual', null, $3::jsonb) as id`,
                  [org, day(o.date), JSON.stringify(lines)],
                );
                posted.push(r.rows[0]!.id);
              } else if (o.kind === 'draft' || o.kind === 'never') {
                const r = await client.query<{ id: string }>(
                  `with e as (insert into public.journal_entries (org_id, entry_date, description)
                     values ($1, $2, 'Random draft') returning id)
                   insert into public.journal_lines (org_id, entry_id, gl_account_id, debit, credit)
                   select $1, e.id, l.gl_account_id, l.debit, l.credit
                   from e, jsonb_to_recordset($3::jsonb) as l(gl_account_id uuid, debit numeric, credit numeric)
                   returning entry_id as id`,
                  [org, day(o.date), JSON.stringify(lines)],
                );
                if (o.kind === 'draft') drafts.push(r.rows[0]!.id);
              } else if (posted.length > 0) {
                // Reverse a posted entry (once) on a random date.
                const [target] = posted.splice(o.pick % posted.length, 1);
                await asAccountant(`select public.reverse_journal_entry($1, $2)`, [target, day(o.date)]);
              }
              // Now and then post one of the waiting drafts.
              if (drafts.length > 0 && o.pick % 3 === 0) {
                const [d] = drafts.splice(o.pick % drafts.length, 1);
                await asAccountant(`select public.post_journal_entry($1)`, [d]);
                posted.push(d!);
              }
            }

            // The daily balances equal the posted lines summed (and counted) by account and day.
            const { rows: diff } = await client.query(
              `with brute as (
                 select l.gl_account_id, e.entry_date as day, sum(l.debit) as debit, sum(l.credit) as credit,
                   count(*)::int as line_count
                 from public.journal_lines l join public.journal_entries e on e.id = l.entry_id
                 where l.org_id = $1 and e.status = 'posted' group by 1, 2),
               summary as (
                 select gl_account_id, day, debit, credit, line_count from public.gl_daily_balances where org_id = $1)
               (select * from brute except select * from summary)
               union all
               (select * from summary except select * from brute)`,
              [org],
            );
            expect(diff).toEqual([]);

            for (const [start, length] of ranges) {
              const from = day(start);
              const to = day(start + length);
              // Trial balance: debits = credits, for the opening, the period and the closing
              // balances, and every line equals the brute-force sums of the journal.
              const tb = await asAccountant(
                `with tb as (select public.trial_balance($1, $2, $3) as r),
                 lines as (
                   select (l ->> 'gl_account_id')::uuid as id, (l ->> 'opening_balance')::numeric as opening,
                     (l ->> 'debit')::numeric as debit, (l ->> 'credit')::numeric as credit,
                     (l ->> 'closing_balance')::numeric as closing
                   from tb, jsonb_array_elements(tb.r -> 'lines') l),
                 brute as (
                   select l.gl_account_id as id,
                     coalesce(sum(l.debit - l.credit) filter (where e.entry_date < $2), 0) as opening,
                     coalesce(sum(l.debit) filter (where e.entry_date >= $2), 0) as debit,
                     coalesce(sum(l.credit) filter (where e.entry_date >= $2), 0) as credit,
                     sum(l.debit - l.credit) as closing
                   from public.journal_lines l join public.journal_entries e on e.id = l.entry_id
                   where l.org_id = $1 and e.status = 'posted' and e.entry_date <= $3
                   group by 1
                   having sum(l.debit) filter (where e.entry_date >= $2) <> 0
                     or sum(l.credit) filter (where e.entry_date >= $2) <> 0
                     or sum(l.debit - l.credit) filter (where e.entry_date < $2) <> 0)
                 select (r -> 'totals' ->> 'debit')::numeric = (r -> 'totals' ->> 'credit')::numeric as period,
                   (r -> 'totals' ->> 'opening_debit')::numeric = (r -> 'totals' ->> 'opening_credit')::numeric as opening,
                   (r -> 'totals' ->> 'closing_debit')::numeric = (r -> 'totals' ->> 'closing_credit')::numeric as closing,
                   (select count(*) from ((select * from lines except select * from brute)
                     union all (select * from brute except select * from lines)) d)::int as mismatches
                 from tb`,
                [org, from, to],
              );
              expect(tb).toEqual([{ period: true, opening: true, closing: true, mismatches: 0 }]);

              // Profit and loss: the net profit is income − expenses of the range, brute force.
              const pl = await asAccountant(
                `select (public.profit_and_loss($1, $2, $3) -> 'totals' ->> 'net_profit')::numeric
                   = coalesce((select sum(l.credit - l.debit)
                      from public.journal_lines l join public.journal_entries e on e.id = l.entry_id
                      join public.gl_accounts a on a.id = l.gl_account_id
                      where l.org_id = $1 and e.status = 'posted' and e.entry_date between $2 and $3
                        and a.type in ('income', 'expense')), 0) as ok`,
                [org, from, to],
              );
              expect(pl).toEqual([{ ok: true }]);

              // Balance sheet: assets = liabilities + equity, and assets are the brute-force sum.
              const bs = await asAccountant(
                `with bs as (select public.balance_sheet($1, $2) as r)
                 select (r -> 'totals' ->> 'assets')::numeric = (r -> 'totals' ->> 'liabilities_and_equity')::numeric as balanced,
                   (r -> 'totals' ->> 'assets')::numeric = coalesce((select sum(l.debit - l.credit)
                      from public.journal_lines l join public.journal_entries e on e.id = l.entry_id
                      join public.gl_accounts a on a.id = l.gl_account_id
                      where l.org_id = $1 and e.status = 'posted' and e.entry_date <= $2 and a.type = 'asset'), 0) as assets
                 from bs`,
                [org, to],
              );
              expect(bs).toEqual([{ balanced: true, assets: true }]);
            }

            // General ledger of the busiest account, page by page (7 lines a page, so pages start
            // and end inside days): the lines in entry order with the running balance, brute force.
            const { rows: busiest } = await client.query<{ id: string }>(
              `select gl_account_id as id from public.journal_lines where org_id = $1 group by 1 order by count(*) desc, 1 limit 1`,
              [org],
            );
            const [start, length] = ranges[0]!;
            const from = day(start);
            const to = day(start + length);
            const { rows: expected } = await client.query<{ id: string; balance: string }>(
              `select l.id::text, (coalesce((select sum(x.debit - x.credit) from public.journal_lines x
                   join public.journal_entries xe on xe.id = x.entry_id
                   where x.gl_account_id = $1 and xe.status = 'posted' and xe.entry_date < $2), 0)
                 + sum(l.debit - l.credit) over (order by e.entry_date, e.posted_at, e.number, l.id))::numeric(20, 2)::text as balance
               from public.journal_lines l join public.journal_entries e on e.id = l.entry_id
               where l.gl_account_id = $1 and e.status = 'posted' and e.entry_date between $2 and $3
               order by e.entry_date, e.posted_at, e.number, l.id`,
              [busiest[0]!.id, from, to],
            );
            const seen: { id: string; balance: string }[] = [];
            for (let offset = 0; offset < expected.length + 7; offset += 7) {
              const [page] = await asAccountant(
                `select (r ->> 'line_count')::int as count, (select coalesce(jsonb_agg(jsonb_build_object(
                     'id', l ->> 'line_id', 'balance', (l ->> 'balance')::numeric(20, 2)::text)), '[]')
                   from jsonb_array_elements(r -> 'lines') l) as lines
                 from public.general_ledger($1, $2, $3, $4, 7, $5) r`,
                [org, busiest[0]!.id, from, to, offset],
              );
              expect(page!.count).toBe(expected.length);
              seen.push(...(page!.lines as { id: string; balance: string }[]));
            }
            expect(seen).toEqual(expected);
          },
        ),
        { numRuns: 3, endOnFailure: true },
      );
    } finally {
      await client.end();
    }
  }, 300_000);
});
