// People, time, expenses and project costing (issue 11), enforced by Postgres: the weekly
// timesheet grid's upsert semantics; employees edit their own time until it is
// submitted, withdraw it, get it back editable when rejected; managers approve only their
// department's time and nobody their own; approval captures the cost so later rate
// changes do not rewrite it; expenses with their receipt in Storage; who sees what (a rep
// only their own rows, accountants the costs, rates hidden from employees and managers,
// another organisation nothing); the project margin on a hand-computed fixture (time, a
// vendor bill line, a material issue, expenses, an invoice and a credit note); and the
// project invoice, which marks what it bills and is idempotent by key.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signJwtSync } from '../../stack/jwt.ts';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let owner: Actor;
let mgrA: Actor; // manages the Delivery department, and is an employee in it
let mgrB: Actor; // manages the Sales department
let mgrFree: Actor; // a manager without a department
let rep: Actor; // sales role, employee in Delivery
let sup: Actor; // support role, employee without a department
let accountant: Actor;
let keeper: Actor; // warehouse
let otherOwner: Actor;
let orgId: string;
let customerId: string;
let supplierId: string;
let warehouseId: string;
let cableId: string;
let consultingId: string;
let deliveryDept: string;
let eRep: string;
let eMgrA: string;
let eSup: string;
let eExt: string; // a contractor without a login
let p1: string; // the costed, billed project
let p2: string; // where the approval rules are exercised

const code = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? 'error';
  }
  return 'ok';
};

const one = async <T extends Record<string, unknown>>(actor: Actor, sql: string, params: unknown[] = []) =>
  (await db.as<T>(actor, sql, params))[0]!;

interface Entry {
  id: string;
  entry_date: string;
  hours: string;
  status: string;
  project_id: string;
  description: string | null;
  billable: boolean;
  rejection_reason: string | null;
}

const ENTRY_COLS = `id, entry_date::text, hours::text, status::text, project_id, description, billable, rejection_reason`;

const saveWeek = (actor: Actor, employee: string, week: string, cells: Record<string, unknown>[]) =>
  db.as<Entry>(actor, `select ${ENTRY_COLS} from public.save_timesheet_week($1, $2, $3, $4::jsonb)`, [
    orgId,
    employee,
    week,
    JSON.stringify(cells),
  ]);

const submitWeek = (actor: Actor, employee: string, week: string) =>
  db.as<Entry>(actor, `select ${ENTRY_COLS} from public.submit_timesheet_week($1, $2, $3)`, [orgId, employee, week]);

const approve = (actor: Actor, ids: string[]) =>
  db.as<Entry>(actor, `select ${ENTRY_COLS} from public.approve_timesheets($1, $2::uuid[])`, [orgId, ids]);

const entriesOf = (employee: string, from: string, to: string) =>
  db.query<Entry>(
    `select ${ENTRY_COLS} from public.timesheet_entries
     where employee_id = $1 and entry_date between $2 and $3 order by entry_date, project_id`,
    [employee, from, to],
  );

/** A supabase-js client signed in as `actor` (a token signed with the stack's JWT secret). */
function storageAs(actor: Actor): SupabaseClient {
  const token = signJwtSync(
    { sub: actor.id, role: 'authenticated', aud: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 },
    stack.jwtSecret,
  );
  return createClient(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
    accessToken: async () => token,
  });
}

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  owner = await db.createUser('owner@people.test', 'Olga Owner');
  mgrA = await db.createUser('mgr-a@people.test', 'Ann Manager');
  mgrB = await db.createUser('mgr-b@people.test', 'Ben Manager');
  mgrFree = await db.createUser('mgr-free@people.test', 'Fay Manager');
  rep = await db.createUser('rep@people.test', 'Robin Rep');
  sup = await db.createUser('support@people.test', 'Sam Support');
  accountant = await db.createUser('accountant@people.test', 'Alex Accountant');
  keeper = await db.createUser('keeper@people.test', 'Kim Keeper');
  otherOwner = await db.createUser('owner@elsewhere.test', 'Otto Other');
  ({ id: orgId } = await one<{ id: string }>(
    owner,
    `select id from public.create_organization('People Co', 'people-co')`,
  ));
  await db.as(otherOwner, `select public.create_organization('Elsewhere', 'elsewhere')`);
  await db.query(
    `insert into public.memberships (org_id, user_id, role) values
       ($1, $2, 'manager'), ($1, $3, 'manager'), ($1, $4, 'manager'), ($1, $5, 'sales'), ($1, $6, 'support'),
       ($1, $7, 'accountant'), ($1, $8, 'warehouse')`,
    [orgId, mgrA.id, mgrB.id, mgrFree.id, rep.id, sup.id, accountant.id, keeper.id],
  );

  // People, as the owner and the manager (their write access is part of what is tested).
  ({ id: deliveryDept } = await one<{ id: string }>(
    owner,
    `insert into public.departments (org_id, name, manager_user_id) values ($1, 'Delivery', $2) returning id`,
    [orgId, mgrA.id],
  ));
  await db.as(owner, `insert into public.departments (org_id, name, manager_user_id) values ($1, 'Sales', $2)`, [
    orgId,
    mgrB.id,
  ]);
  const employee = async (name: string, user: string | null, dept: string | null, billRate: number | null = null) =>
    (
      await one<{ id: string }>(
        mgrA,
        `insert into public.employees (org_id, user_id, full_name, department_id, bill_rate, job_title)
         values ($1, $2, $3, $4, $5, 'Consultant') returning id`,
        [orgId, user, name, dept, billRate],
      )
    ).id;
  eRep = await employee('Robin Rep', rep.id, deliveryDept);
  eMgrA = await employee('Ann Manager', mgrA.id, deliveryDept);
  eSup = await employee('Sam Support', sup.id, null);
  eExt = await employee('Xavier External', null, deliveryDept, 90);
  await db.as(
    accountant,
    `insert into public.employee_cost_rates (org_id, employee_id, hourly_cost, valid_from) values
       ($1, $2, 40, '2026-01-01'), ($1, $3, 30, '2026-01-01'), ($1, $4, 55, '2026-01-01')`,
    [orgId, eRep, eSup, eMgrA],
  );
  await db.as(
    accountant,
    `insert into public.exchange_rates (org_id, currency, rate_date, rate) values ($1, 'EUR', '2026-01-01', 1.1)`,
    [orgId],
  );

  ({ id: customerId } = await one<{ id: string }>(
    owner,
    `insert into public.accounts (org_id, name, email) values ($1, 'Client Ltd', 'ap@client.test') returning id`,
    [orgId],
  ));
  ({ id: supplierId } = await one<{ id: string }>(
    owner,
    `insert into public.accounts (org_id, name, is_supplier) values ($1, 'Parts Inc', true) returning id`,
    [orgId],
  ));
  ({ id: warehouseId } = await one<{ id: string }>(
    owner,
    `select id from public.warehouses where org_id = $1 and code = 'MAIN'`,
    [orgId],
  ));
  ({ id: cableId } = await one<{ id: string }>(
    owner,
    `insert into public.products (org_id, sku, name, sale_price) values ($1, 'CABLE', 'Cable', 9) returning id`,
    [orgId],
  ));
  ({ id: consultingId } = await one<{ id: string }>(
    owner,
    `insert into public.products (org_id, sku, name, kind, sale_price) values ($1, 'CONSULT', 'Consulting', 'service', 120)
     returning id`,
    [orgId],
  ));
  await db.as(keeper, `select public.receive_stock($1, $2, $3, 10, 4.5)`, [orgId, cableId, warehouseId]);

  ({ id: p1 } = await one<{ id: string }>(
    mgrA,
    `insert into public.projects (org_id, name, account_id, manager_id, hourly_rate, expense_markup_pct, tax_rate,
       time_product_id, budget, start_date)
     values ($1, 'Website rebuild', $2, $3, 120, 10, 20, $4, 5000, '2026-02-01') returning id`,
    [orgId, customerId, mgrA.id, consultingId],
  ));
  ({ id: p2 } = await one<{ id: string }>(
    mgrA,
    `insert into public.projects (org_id, name, account_id, start_date) values ($1, 'Support retainer', $2, '2026-03-01')
     returning id`,
    [orgId, customerId],
  ));
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('people and projects', () => {
  it('numbers projects and takes the customer currency; a won deal becomes one project', async () => {
    const projects = await db.query<{ code: string; currency: string; status: string }>(
      `select code, currency, status::text from public.projects where org_id = $1 order by created_at`,
      [orgId],
    );
    expect(projects).toEqual([
      { code: 'PRJ-2026-00001', currency: 'USD', status: 'active' },
      { code: 'PRJ-2026-00002', currency: 'USD', status: 'active' },
    ]);

    const {
      id: pipeline,
      won,
      open,
    } = await one<{ id: string; won: string; open: string }>(
      owner,
      `select p.id, (select s.id from public.pipeline_stages s where s.pipeline_id = p.id and s.kind = 'won') as won,
              (select s.id from public.pipeline_stages s where s.pipeline_id = p.id and s.kind = 'open' order by s.position limit 1) as open
       from public.pipelines p where p.org_id = $1 limit 1`,
      [orgId],
    );
    const deal = async (stage: string, title: string) =>
      (
        await one<{ id: string }>(
          rep,
          `insert into public.deals (org_id, pipeline_id, stage_id, title, account_id, amount, currency)
           values ($1, $2, $3, $4, $5, 7500, 'EUR') returning id`,
          [orgId, pipeline, stage, title, customerId],
        )
      ).id;
    const wonDeal = await deal(won, 'Data migration');
    const openDeal = await deal(open, 'Maybe later');

    expect(await code(db.as(rep, `select public.create_project_from_deal($1, $2)`, [orgId, wonDeal]))).toBe('42501');
    expect(await code(db.as(mgrB, `select public.create_project_from_deal($1, $2)`, [orgId, openDeal]))).toBe('23514');
    const made = await one<Record<string, unknown>>(
      mgrB,
      `select name, account_id, deal_id, manager_id, budget::text, currency, status::text, code
       from public.create_project_from_deal($1, $2)`,
      [orgId, wonDeal],
    );
    expect(made).toEqual({
      name: 'Data migration',
      account_id: customerId,
      deal_id: wonDeal,
      manager_id: mgrB.id,
      budget: '7500.00',
      currency: 'EUR',
      status: 'active',
      code: 'PRJ-2026-00003',
    });
    expect(await code(db.as(mgrB, `select public.create_project_from_deal($1, $2)`, [orgId, wonDeal]))).toBe('23505');
    expect(await code(db.as(otherOwner, `select public.create_project_from_deal($1, $2)`, [orgId, wonDeal]))).toBe(
      'P0002',
    );
  });

  it('refuses a department under its own sub-department and cost rates outside the base currency', async () => {
    const { id: sub } = await one<{ id: string }>(
      owner,
      `insert into public.departments (org_id, name, parent_id) values ($1, 'Delivery East', $2) returning id`,
      [orgId, deliveryDept],
    );
    expect(
      await code(db.as(owner, `update public.departments set parent_id = $2 where id = $1`, [deliveryDept, sub])),
    ).toBe('23514');
    expect(
      await code(
        db.as(
          accountant,
          `insert into public.employee_cost_rates (org_id, employee_id, hourly_cost, currency, valid_from)
           values ($1, $2, 10, 'EUR', '2026-06-01')`,
          [orgId, eSup],
        ),
      ),
    ).toBe('23514');
    await db.as(owner, `delete from public.departments where id = $1`, [sub]);
  });
});

describe('timesheet grid', () => {
  const WEEK = '2026-03-02'; // a Monday

  it('upserts the week: changed cells update in place, new ones are added, missing and zero ones removed', async () => {
    const first = await saveWeek(rep, eRep, WEEK, [
      { project_id: p2, entry_date: '2026-03-02', hours: 8 },
      { project_id: p2, entry_date: '2026-03-03', hours: 4, description: 'On site' },
      { project_id: p1, entry_date: '2026-03-03', hours: 1.5, billable: false },
    ]);
    expect(first.map((e) => [e.entry_date, e.project_id, e.hours, e.status, e.description, e.billable])).toEqual(
      [
        ['2026-03-02', p2, '8.00', 'draft', null, true],
        ['2026-03-03', p1, '1.50', 'draft', null, false],
        ['2026-03-03', p2, '4.00', 'draft', 'On site', true],
      ].sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`)),
    );
    const monday = first.find((e) => e.entry_date === '2026-03-02')!.id;

    const second = await saveWeek(rep, eRep, WEEK, [
      { project_id: p2, entry_date: '2026-03-02', hours: 6.25 },
      { project_id: p2, entry_date: '2026-03-04', hours: 2 },
      { project_id: p1, entry_date: '2026-03-03', hours: 0 },
    ]);
    expect(second.map((e) => [e.entry_date, e.project_id, e.hours])).toEqual([
      ['2026-03-02', p2, '6.25'],
      ['2026-03-04', p2, '2.00'],
    ]);
    expect(second[0]!.id).toBe(monday);
    expect((await entriesOf(eRep, WEEK, '2026-03-08')).map((e) => e.id)).toEqual(second.map((e) => e.id));
  });

  it('refuses a week with more than 24 hours a day, a cell twice, or a day outside the week, saving nothing', async () => {
    const before = await entriesOf(eRep, WEEK, '2026-03-08');
    const bad: [Record<string, unknown>[], string][] = [
      [
        [
          { project_id: p2, entry_date: '2026-03-02', hours: 20 },
          { project_id: p1, entry_date: '2026-03-02', hours: 5 },
        ],
        '23514',
      ],
      [
        [
          { project_id: p2, entry_date: '2026-03-02', hours: 2 },
          { project_id: p2, entry_date: '2026-03-02', hours: 3 },
        ],
        '22023',
      ],
      [[{ project_id: p2, entry_date: '2026-03-09', hours: 2 }], '22023'],
      [[{ project_id: p2, entry_date: '2026-03-05', hours: 24.5 }], '22023'],
      [[{ entry_date: '2026-03-05', hours: 1 }], '22023'],
    ];
    for (const [cells, expected] of bad) {
      expect(await code(saveWeek(rep, eRep, WEEK, cells)), JSON.stringify(cells)).toBe(expected);
    }
    // Moving hours between cells of one day is fine even when a cell-by-cell order would pass 24.
    const moved = await saveWeek(rep, eRep, WEEK, [
      { project_id: p1, entry_date: '2026-03-02', hours: 20 },
      { project_id: p2, entry_date: '2026-03-02', hours: 4 },
    ]);
    expect(moved.map((e) => e.hours).sort()).toEqual(['20.00', '4.00']);
    await saveWeek(
      rep,
      eRep,
      WEEK,
      before.map((e) => ({ project_id: e.project_id, entry_date: e.entry_date, hours: e.hours })),
    );
    expect((await entriesOf(eRep, WEEK, '2026-03-08')).map((e) => [e.entry_date, e.hours])).toEqual([
      ['2026-03-02', '6.25'],
      ['2026-03-04', '2.00'],
    ]);
  });

  it('lets only the employee (and owners, admins, managers) record their time', async () => {
    expect(await code(saveWeek(sup, eRep, WEEK, [{ project_id: p2, entry_date: '2026-03-05', hours: 1 }]))).toBe(
      '42501',
    );
    expect(await code(saveWeek(accountant, eRep, WEEK, [{ project_id: p2, entry_date: '2026-03-05', hours: 1 }]))).toBe(
      '42501',
    );
    expect(
      await code(
        db.as(
          sup,
          `insert into public.timesheet_entries (org_id, employee_id, project_id, entry_date, hours) values ($1, $2, $3, '2026-03-05', 1)`,
          [orgId, eRep, p2],
        ),
      ),
    ).toBe('42501');
    expect(await code(saveWeek(otherOwner, eRep, WEEK, []))).toBe('P0002');
    // A manager enters time for a contractor without a login.
    const ext = await saveWeek(mgrA, eExt, WEEK, [{ project_id: p2, entry_date: '2026-03-02', hours: 3 }]);
    expect(ext.map((e) => [e.hours, e.status])).toEqual([['3.00', 'draft']]);
  });
});

describe('timesheet approval', () => {
  const WEEK = '2026-03-02';

  it('locks submitted time: no edits, no deletes, until the employee withdraws the week', async () => {
    const submitted = await submitWeek(rep, eRep, WEEK);
    expect(submitted.map((e) => e.status)).toEqual(['submitted', 'submitted']);
    const monday = submitted.find((e) => e.entry_date === '2026-03-02')!;
    expect(await code(db.as(rep, `update public.timesheet_entries set hours = 5 where id = $1`, [monday.id]))).toBe(
      '42501',
    );
    expect(await code(db.as(rep, `delete from public.timesheet_entries where id = $1`, [monday.id]))).toBe('42501');
    expect(
      await code(
        db.as(rep, `update public.timesheet_entries set status = 'approved', approved_at = now() where id = $1`, [
          monday.id,
        ]),
      ),
    ).toBe('42501');
    expect(await code(saveWeek(rep, eRep, WEEK, [{ project_id: p2, entry_date: '2026-03-02', hours: 7 }]))).toBe(
      '42501',
    );
    // The same cells unchanged (and a new one) are fine: the grid sends the whole week.
    const resaved = await saveWeek(rep, eRep, WEEK, [
      { project_id: p2, entry_date: '2026-03-02', hours: 6.25 },
      { project_id: p2, entry_date: '2026-03-04', hours: 2 },
      { project_id: p2, entry_date: '2026-03-05', hours: 1 },
    ]);
    expect(resaved.map((e) => [e.entry_date, e.status])).toEqual([
      ['2026-03-02', 'submitted'],
      ['2026-03-04', 'submitted'],
      ['2026-03-05', 'draft'],
    ]);
    expect(await code(submitWeek(rep, eRep, '2026-03-09'))).toBe('23514');

    const withdrawn = await db.as<Entry>(rep, `select ${ENTRY_COLS} from public.withdraw_timesheet_week($1, $2, $3)`, [
      orgId,
      eRep,
      WEEK,
    ]);
    expect(withdrawn.map((e) => e.status)).toEqual(['draft', 'draft']);
    await db.as(rep, `update public.timesheet_entries set hours = 6.5 where id = $1`, [monday.id]);
    expect((await submitWeek(rep, eRep, WEEK)).map((e) => [e.entry_date, e.hours])).toEqual(
      expect.arrayContaining([
        ['2026-03-02', '6.50'],
        ['2026-03-04', '2.00'],
        ['2026-03-05', '1.00'],
      ]),
    );
  });

  it("lets only the department's manager approve, never one's own, any manager where no department manager is set", async () => {
    const repIds = (await entriesOf(eRep, WEEK, '2026-03-08')).map((e) => e.id);
    await saveWeek(mgrA, eMgrA, WEEK, [{ project_id: p2, entry_date: '2026-03-03', hours: 5 }]);
    await submitWeek(mgrA, eMgrA, WEEK);
    const [mgrEntry] = (await entriesOf(eMgrA, WEEK, '2026-03-08')).map((e) => e.id);
    await saveWeek(sup, eSup, WEEK, [{ project_id: p2, entry_date: '2026-03-02', hours: 3 }]);
    await submitWeek(sup, eSup, WEEK);
    const [supEntry] = (await entriesOf(eSup, WEEK, '2026-03-08')).map((e) => e.id);

    // Another department's manager, a manager without a department, the rep, the accountant.
    expect(await code(approve(mgrB, repIds))).toBe('42501');
    expect(await code(approve(mgrFree, repIds))).toBe('42501');
    expect(await code(approve(rep, repIds))).toBe('42501');
    expect(await code(approve(accountant, repIds))).toBe('42501');
    // Nobody approves their own: not the department's manager either.
    expect(await code(approve(mgrA, [mgrEntry!]))).toBe('42501');
    // One refused entry refuses the whole batch.
    expect(await code(approve(mgrA, [...repIds, mgrEntry!]))).toBe('42501');
    expect((await entriesOf(eRep, WEEK, '2026-03-08')).map((e) => e.status)).toEqual([
      'submitted',
      'submitted',
      'submitted',
    ]);
    // Other organisations do not even find them.
    expect(await code(approve(otherOwner, repIds))).toBe('P0002');

    const approved = await approve(mgrA, repIds);
    expect(approved.map((e) => e.status)).toEqual(['approved', 'approved', 'approved']);
    const by = await db.query<{ approved_by: string }>(
      `select distinct approved_by from public.timesheet_entries where id = any ($1::uuid[])`,
      [repIds],
    );
    expect(by).toEqual([{ approved_by: mgrA.id }]);
    // The owner approves the department manager's time; with no department, any manager.
    expect((await approve(owner, [mgrEntry!])).map((e) => e.status)).toEqual(['approved']);
    expect((await approve(mgrB, [supEntry!])).map((e) => e.status)).toEqual(['approved']);
    // Approved is final: not approved again, not edited, not deleted, not withdrawn.
    expect(await code(approve(owner, [repIds[0]!]))).toBe('23514');
    expect(await code(db.as(rep, `update public.timesheet_entries set hours = 1 where id = $1`, [repIds[0]]))).toBe(
      '42501',
    );
    expect(await code(db.as(mgrA, `delete from public.timesheet_entries where id = $1`, [repIds[0]]))).toBe('42501');
    expect(await code(db.as(rep, `select public.withdraw_timesheet_week($1, $2, $3)`, [orgId, eRep, WEEK]))).toBe(
      '23514',
    );
  });

  it('reopens rejected time for editing; a rejection needs a reason', async () => {
    const WEEK2 = '2026-03-09';
    await saveWeek(rep, eRep, WEEK2, [{ project_id: p2, entry_date: '2026-03-10', hours: 9 }]);
    const [entry] = await submitWeek(rep, eRep, WEEK2);
    expect(await code(db.as(mgrA, `select public.reject_timesheets($1, $2::uuid[], '  ')`, [orgId, [entry!.id]]))).toBe(
      '22023',
    );
    expect(
      await code(db.as(mgrB, `select public.reject_timesheets($1, $2::uuid[], 'Too long')`, [orgId, [entry!.id]])),
    ).toBe('42501');
    const [rejected] = await db.as<Entry>(
      mgrA,
      `select ${ENTRY_COLS} from public.reject_timesheets($1, $2::uuid[], 'Nine hours on a retainer?')`,
      [orgId, [entry!.id]],
    );
    expect(rejected).toMatchObject({ status: 'rejected', rejection_reason: 'Nine hours on a retainer?' });
    // Not approvable as it is; editable by the employee, and a draft again once edited.
    expect(await code(approve(mgrA, [entry!.id]))).toBe('23514');
    await db.as(rep, `update public.timesheet_entries set hours = 7 where id = $1`, [entry!.id]);
    const [edited] = await entriesOf(eRep, WEEK2, '2026-03-15');
    expect(edited).toMatchObject({ hours: '7.00', status: 'draft', rejection_reason: null });
    await submitWeek(rep, eRep, WEEK2);
    expect((await approve(mgrA, [entry!.id])).map((e) => e.status)).toEqual(['approved']);
  });
});

describe('costs and visibility', () => {
  it('captures the cost at approval; a later rate change does not rewrite it; uncosted hours can be costed later', async () => {
    const costs = await db.query<{ who: string; hours: string; hourly_cost: string; cost_amount: string }>(
      `select e.full_name as who, t.hours::text, c.hourly_cost::text, c.cost_amount::text
       from public.timesheet_costs c join public.timesheet_entries t on t.id = c.entry_id
       join public.employees e on e.id = t.employee_id
       where t.entry_date between '2026-03-02' and '2026-03-15' order by e.full_name, t.entry_date`,
    );
    // Rep 40/h, Ann 55/h, Sam 30/h (from 2026-01-01).
    expect(costs).toEqual([
      { who: 'Ann Manager', hours: '5.00', hourly_cost: '55.0000', cost_amount: '275.00' },
      { who: 'Robin Rep', hours: '6.50', hourly_cost: '40.0000', cost_amount: '260.00' },
      { who: 'Robin Rep', hours: '2.00', hourly_cost: '40.0000', cost_amount: '80.00' },
      { who: 'Robin Rep', hours: '1.00', hourly_cost: '40.0000', cost_amount: '40.00' },
      { who: 'Robin Rep', hours: '7.00', hourly_cost: '40.0000', cost_amount: '280.00' },
      { who: 'Sam Support', hours: '3.00', hourly_cost: '30.0000', cost_amount: '90.00' },
    ]);
    await db.as(accountant, `update public.employee_cost_rates set hourly_cost = 45 where employee_id = $1`, [eRep]);
    await db.as(
      accountant,
      `insert into public.employee_cost_rates (org_id, employee_id, hourly_cost, valid_from) values ($1, $2, 48, '2026-03-01')`,
      [orgId, eRep],
    );
    const after = await db.query<{ sum: string }>(
      `select sum(c.cost_amount)::text as sum from public.timesheet_costs c join public.timesheet_entries t on t.id = c.entry_id
       where t.employee_id = $1`,
      [eRep],
    );
    expect(after).toEqual([{ sum: '660.00' }]);
    // Clients cannot write costs.
    expect(
      await code(db.as(owner, `update public.timesheet_costs set cost_amount = 0 where org_id = $1`, [orgId])),
    ).toBe('42501');

    // The contractor has no rate: approved, uncosted until the accountant records one.
    const extIds = (await entriesOf(eExt, '2026-03-02', '2026-03-08')).map((e) => e.id);
    await submitWeek(mgrA, eExt, '2026-03-02');
    await approve(mgrA, extIds);
    const margin = await one<{ m: { hours: Record<string, number> } }>(
      accountant,
      `select public.project_margin($1, $2) as m`,
      [orgId, p2],
    );
    expect(margin.m.hours.uncosted).toBe(3);
    expect(await code(db.as(mgrA, `select public.cost_uncosted_timesheets($1)`, [orgId]))).toBe('42501');
    await db.as(
      accountant,
      `insert into public.employee_cost_rates (org_id, employee_id, hourly_cost, valid_from) values ($1, $2, 35.5, '2026-02-01')`,
      [orgId, eExt],
    );
    expect(await one(accountant, `select public.cost_uncosted_timesheets($1) as n`, [orgId])).toEqual({ n: 1 });
    expect(
      await db.query(`select cost_amount::text from public.timesheet_costs where entry_id = $1`, [extIds[0]]),
    ).toEqual([{ cost_amount: '106.50' }]);
  });

  it('shows a rep only their own rows; accountants everything including costs; rates to nobody else', async () => {
    const count = async (actor: Actor, table: string) =>
      Number(
        (await one<{ n: string }>(actor, `select count(*) as n from public.${table} where org_id = $1`, [orgId])).n,
      );
    const all = async (table: string) =>
      Number(
        (await db.query<{ n: string }>(`select count(*) as n from public.${table} where org_id = $1`, [orgId]))[0]!.n,
      );
    const repOwn = Number(
      (
        await db.query<{ n: string }>(`select count(*) as n from public.timesheet_entries where employee_id = $1`, [
          eRep,
        ])
      )[0]!.n,
    );
    expect(repOwn).toBeGreaterThan(0);
    expect(await all('timesheet_entries')).toBeGreaterThan(repOwn);
    expect(await count(rep, 'timesheet_entries')).toBe(repOwn);
    expect(
      await db.as(rep, `select distinct employee_id from public.timesheet_entries where org_id = $1`, [orgId]),
    ).toEqual([{ employee_id: eRep }]);
    expect(await db.as(rep, `select id from public.employees where org_id = $1`, [orgId])).toEqual([{ id: eRep }]);
    expect(await db.as(rep, `select name from public.departments where org_id = $1`, [orgId])).toEqual([
      { name: 'Delivery' },
    ]);
    expect(await db.as(sup, `select name from public.departments where org_id = $1`, [orgId])).toEqual([]);
    // Employees do not change their own record.
    expect(
      await db.as(rep, `update public.employees set job_title = 'Director' where id = $1 returning id`, [eRep]),
    ).toEqual([]);

    // Rates and captured costs: owner and accountant yes; managers, employees no.
    for (const table of ['employee_cost_rates', 'timesheet_costs']) {
      expect(await count(accountant, table), table).toBe(await all(table));
      expect(await count(owner, table), table).toBe(await all(table));
      for (const actor of [rep, sup, mgrA, keeper]) expect(await count(actor, table), table).toBe(0);
    }
    expect(await count(accountant, 'timesheet_entries')).toBe(await all('timesheet_entries'));
    expect(await count(mgrB, 'timesheet_entries')).toBe(await all('timesheet_entries'));
    expect(await count(accountant, 'employees')).toBe(4);
    expect(
      await code(
        db
          .as(accountant, `update public.employees set job_title = 'x' where id = $1 returning id`, [eRep])
          .then((r) => {
            if (r.length === 0) throw Object.assign(new Error('no row'), { code: 'none' });
          }),
      ),
    ).toBe('none');
    expect(
      await code(
        db.as(
          mgrA,
          `insert into public.employee_cost_rates (org_id, employee_id, hourly_cost, valid_from) values ($1, $2, 1, '2027-01-01')`,
          [orgId, eSup],
        ),
      ),
    ).toBe('42501');
    // Project costs reach managers only as totals; employees not at all.
    expect(await code(db.as(mgrB, `select public.project_margin($1, $2)`, [orgId, p2]))).toBe('ok');
    expect(await code(db.as(rep, `select public.project_margin($1, $2)`, [orgId, p2]))).toBe('42501');

    // Closed projects disappear from the grid of employees (managers and accountants keep them).
    await db.as(mgrA, `update public.projects set status = 'closed' where id = $1`, [p2]);
    expect(
      (await db.as(rep, `select id from public.projects where org_id = $1`, [orgId])).map((r) => r.id),
    ).not.toContain(p2);
    expect((await db.as(accountant, `select id from public.projects where id = $1`, [p2])).length).toBe(1);
    expect(
      await code(saveWeek(rep, eRep, '2026-03-16', [{ project_id: p2, entry_date: '2026-03-16', hours: 1 }])),
    ).toBe('23514');
    await db.as(mgrA, `update public.projects set status = 'active' where id = $1`, [p2]);

    // Another organisation sees none of it.
    for (const table of [
      'departments',
      'employees',
      'employee_cost_rates',
      'projects',
      'timesheet_entries',
      'timesheet_costs',
      'expenses',
    ]) {
      expect(await count(otherOwner, table), table).toBe(0);
    }
    expect(await code(db.as(otherOwner, `select public.project_margin($1, $2)`, [orgId, p1]))).toBe('P0002');
  });
});

describe('expenses and receipts', () => {
  let expenseId: string;

  it('keeps the receipt in Storage: the employee and the approvers read it, colleagues and other orgs do not', async () => {
    ({ id: expenseId } = await one<{ id: string }>(
      rep,
      `insert into public.expenses (org_id, employee_id, project_id, expense_date, category, amount, tax_amount, billable)
       values ($1, $2, $3, '2026-03-03', 'Taxi', 42.5, 4.25, true) returning id`,
      [orgId, eRep, p2],
    ));
    const path = `${orgId}/${expenseId}/taxi.pdf`;
    const file = Buffer.from('%PDF-1.7\n% taxi receipt\n%%EOF\n', 'latin1');
    const upload = await storageAs(rep).storage.from('receipts').upload(path, file, { contentType: 'application/pdf' });
    expect(upload.error).toBeNull();
    await db.as(rep, `update public.expenses set receipt_path = $2 where id = $1`, [expenseId, path]);
    expect(
      await code(
        db.as(rep, `update public.expenses set receipt_path = $2 where id = $1`, [expenseId, `${orgId}/x/taxi.pdf`]),
      ),
    ).toBe('23514');

    const read = async (actor: Actor) => {
      const { data, error } = await storageAs(actor).storage.from('receipts').download(path);
      return error ? null : Buffer.from(await data.arrayBuffer());
    };
    for (const actor of [rep, mgrA, mgrB, accountant, owner]) expect((await read(actor))?.equals(file)).toBe(true);
    for (const actor of [sup, keeper, otherOwner]) expect(await read(actor)).toBeNull();
    // A colleague cannot put files into someone else's expense folder.
    const foreign = await storageAs(sup)
      .storage.from('receipts')
      .upload(`${orgId}/${expenseId}/other.pdf`, file, { contentType: 'application/pdf' });
    expect(foreign.error).not.toBeNull();

    // Submitted: the receipt and the expense are locked.
    const [submitted] = await db.as<{ status: string }>(
      rep,
      `select status::text from public.submit_expenses($1, $2::uuid[])`,
      [orgId, [expenseId]],
    );
    expect(submitted).toEqual({ status: 'submitted' });
    const replace = await storageAs(rep)
      .storage.from('receipts')
      .upload(path, Buffer.from('%PDF-1.7\n%%EOF\n'), { contentType: 'application/pdf', upsert: true });
    expect(replace.error).not.toBeNull();
    expect((await read(rep))?.equals(file)).toBe(true);
    expect(await code(db.as(rep, `update public.expenses set amount = 1 where id = $1`, [expenseId]))).toBe('42501');
  });

  it('approves expenses like time: department manager, not one’s own, base amount fixed at approval', async () => {
    expect(await code(db.as(mgrB, `select public.approve_expenses($1, $2::uuid[])`, [orgId, [expenseId]]))).toBe(
      '42501',
    );
    expect(await code(db.as(rep, `select public.approve_expenses($1, $2::uuid[])`, [orgId, [expenseId]]))).toBe(
      '42501',
    );
    const [approved] = await db.as<{ status: string; amount_base: string }>(
      mgrA,
      `select status::text, amount_base::text from public.approve_expenses($1, $2::uuid[])`,
      [orgId, [expenseId]],
    );
    expect(approved).toEqual({ status: 'approved', amount_base: '42.50' });

    // A manager's own expense in euros: approved by the owner at the expense date's rate.
    const { id: euro } = await one<{ id: string }>(
      mgrA,
      `insert into public.expenses (org_id, employee_id, expense_date, category, amount, currency)
       values ($1, $2, '2026-03-04', 'Conference', 200, 'EUR') returning id`,
      [orgId, eMgrA],
    );
    await db.as(mgrA, `select public.submit_expenses($1, $2::uuid[])`, [orgId, [euro]]);
    expect(await code(db.as(mgrA, `select public.approve_expenses($1, $2::uuid[])`, [orgId, [euro]]))).toBe('42501');
    const [rejected] = await db.as<{ status: string }>(
      owner,
      `select status::text from public.reject_expenses($1, $2::uuid[], 'Attach the receipt')`,
      [orgId, [euro]],
    );
    expect(rejected).toEqual({ status: 'rejected' });
    await db.as(mgrA, `update public.expenses set description = 'Receipt attached' where id = $1`, [euro]);
    expect(await db.query(`select status::text, rejection_reason from public.expenses where id = $1`, [euro])).toEqual([
      { status: 'draft', rejection_reason: null },
    ]);
    await db.as(mgrA, `select public.submit_expenses($1, $2::uuid[])`, [orgId, [euro]]);
    expect(
      await db.as(owner, `select amount_base::text from public.approve_expenses($1, $2::uuid[])`, [orgId, [euro]]),
    ).toEqual([{ amount_base: '220.00' }]);
    // Employees see their own expenses only.
    expect(
      (await db.as<{ id: string }>(rep, `select id from public.expenses where org_id = $1`, [orgId])).map((r) => r.id),
    ).toEqual([expenseId]);
  });
});

describe('project margin and invoicing', () => {
  const WEEK = '2026-02-02';
  let invoiceId: string;

  it('computes the margin from approved time, a bill line, a material issue, expenses, an invoice and a credit note', async () => {
    // Time (project hourly rate 120): Robin 8 + 7.5 billable + 2 not billable at 40/h (his
    // rate from February) = 700.00; Sam 4 at 30/h = 120.00; Robin's 3 h the week after stay a
    // draft (logged, not costed).
    await db.as(
      accountant,
      `insert into public.employee_cost_rates (org_id, employee_id, hourly_cost, valid_from) values ($1, $2, 40, '2026-02-01')`,
      [orgId, eRep],
    );
    await saveWeek(rep, eRep, WEEK, [
      { project_id: p1, entry_date: '2026-02-02', hours: 8 },
      { project_id: p1, entry_date: '2026-02-03', hours: 7.5 },
      { project_id: p1, entry_date: '2026-02-04', hours: 2, billable: false },
    ]);
    await saveWeek(sup, eSup, WEEK, [{ project_id: p1, entry_date: '2026-02-02', hours: 4 }]);
    await saveWeek(rep, eRep, '2026-02-09', [{ project_id: p1, entry_date: '2026-02-10', hours: 3 }]);
    const repWeek = (await submitWeek(rep, eRep, WEEK)).map((e) => e.id);
    const supWeek = (await submitWeek(sup, eSup, WEEK)).map((e) => e.id);
    await approve(mgrA, repWeek);
    await approve(mgrFree, supWeek);

    // A bill: 3 × 25.00 for the project (tax 10 %), 1 × 100.00 for the office.
    const { id: bill } = await one<{ id: string }>(
      accountant,
      `insert into public.vendor_bills (org_id, supplier_id, bill_date) values ($1, $2, '2026-02-05') returning id`,
      [orgId, supplierId],
    );
    await db.as(
      accountant,
      `insert into public.vendor_bill_lines (org_id, vendor_bill_id, description, quantity, unit_price, tax_rate, project_id)
       values ($1, $2, 'Cable ducts', 3, 25, 10, $3), ($1, $2, 'Office chairs', 1, 100, 10, null)`,
      [orgId, bill, p1],
    );
    await db.as(accountant, `select public.post_vendor_bill($1)`, [bill]);
    // A draft bill line for the project does not count.
    const { id: draftBill } = await one<{ id: string }>(
      accountant,
      `insert into public.vendor_bills (org_id, supplier_id, bill_date) values ($1, $2, '2026-02-06') returning id`,
      [orgId, supplierId],
    );
    await db.as(
      accountant,
      `insert into public.vendor_bill_lines (org_id, vendor_bill_id, description, quantity, unit_price, project_id)
       values ($1, $2, 'Not yet', 1, 999, $3)`,
      [orgId, draftBill, p1],
    );

    // Materials: 4 cables at the moving-average cost of 4.50 = 18.00, with its journal entry.
    expect(
      await code(
        db.as(rep, `select public.issue_material_to_project($1, $2, $3, $4, 4)`, [orgId, p1, cableId, warehouseId]),
      ),
    ).toBe('42501');
    const touched = async () =>
      (await db.query<{ t: string }>(`select updated_at::text as t from public.projects where id = $1`, [p1]))[0]!.t;
    const untouched = await touched();
    const movement = await one<{ kind: string; on_hand_delta: string; unit_cost: string; document_line_id: string }>(
      keeper,
      `select kind::text, on_hand_delta::text, unit_cost::text, document_line_id
       from public.issue_material_to_project($1, $2, $3, $4, 4, null, '2026-02-05')`,
      [orgId, p1, cableId, warehouseId],
    );
    expect(movement).toMatchObject({ kind: 'production_out', on_hand_delta: '-4.0000', unit_cost: '4.5000' });
    // The project row is touched, so the project page hears of it (a projects event).
    expect(await touched()).not.toBe(untouched);
    expect(
      await db.query(
        `select a.role, l.debit::text, l.credit::text from public.journal_entries e
         join public.journal_lines l on l.entry_id = e.id join public.gl_accounts a on a.id = l.gl_account_id
         where e.source_type = 'project_materials' and e.source_id = $1 order by a.role`,
        [movement.document_line_id],
      ),
    ).toEqual([
      { role: 'cogs', debit: '18.00', credit: '0.00' },
      { role: 'inventory', debit: '0.00', credit: '18.00' },
    ]);
    expect(await db.query(`select on_hand::text from public.stock_levels where product_id = $1`, [cableId])).toEqual([
      { on_hand: '6.0000' },
    ]);

    // Expenses: travel 60.00 (billable), meals 25.50 (not billable), hotel 80 EUR at 1.10 =
    // 88.00 (billable); a draft of 999 does not count.
    const expense = async (date: string, category: string, amount: number, currency: string, billable: boolean) =>
      (
        await one<{ id: string }>(
          rep,
          `insert into public.expenses (org_id, employee_id, project_id, expense_date, category, amount, currency, billable)
           values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
          [orgId, eRep, p1, date, category, amount, currency, billable],
        )
      ).id;
    const travel = await expense('2026-02-03', 'Travel', 60, 'USD', true);
    const meals = await expense('2026-02-04', 'Meals', 25.5, 'USD', false);
    const hotel = await expense('2026-02-05', 'Hotel', 80, 'EUR', true);
    await expense('2026-02-06', 'Draft', 999, 'USD', true);
    await db.as(rep, `select public.submit_expenses($1, $2::uuid[])`, [orgId, [travel, meals, hotel]]);
    await db.as(mgrA, `select public.approve_expenses($1, $2::uuid[])`, [orgId, [travel, meals, hotel]]);

    const before = await one<{ m: Record<string, unknown> }>(mgrA, `select public.project_margin($1, $2) as m`, [
      orgId,
      p1,
    ]);
    expect(before.m).toEqual({
      currency: 'USD',
      budget: 5000,
      billed: 0,
      time_cost: 820,
      purchases: 75,
      materials: 18,
      expenses: 173.5,
      cost: 1086.5,
      margin: -1086.5,
      margin_pct: null,
      hours: { logged: 24.5, approved: 21.5, billable: 19.5, unbilled: 19.5, uncosted: 0 },
    });

    // Invoice up to the end of February: Robin 15.5 h and Sam 4 h at 120 (service product),
    // travel 60 + 10 % = 66.00, hotel 88.00 + 10 % = 96.80; 20 % tax per line.
    const [invoice] = await db.as<Record<string, unknown> & { id: string }>(
      accountant,
      `select id, status::text, project_id, account_id, currency, subtotal::text, tax_total::text, total::text, notes
       from public.create_project_invoice($1, $2, 'project-invoice-0001', '2026-02-28', '2026-03-02')`,
      [orgId, p1],
    );
    invoiceId = invoice!.id;
    expect(invoice).toMatchObject({
      status: 'posted',
      project_id: p1,
      account_id: customerId,
      currency: 'USD',
      subtotal: '2502.80',
      tax_total: '500.56',
      total: '3003.36',
      notes: 'Project PRJ-2026-00001 Website rebuild: time and expenses up to 2026-02-28',
    });
    expect(
      await db.query(
        `select position, product_id, description, quantity::text, unit_price::text, net_amount::text, tax_amount::text
         from public.invoice_lines where invoice_id = $1 order by position`,
        [invoiceId],
      ),
    ).toEqual([
      {
        position: 1,
        product_id: consultingId,
        description: 'Time: Robin Rep, 2026-02-02 – 2026-02-03',
        quantity: '15.5000',
        unit_price: '120.0000',
        net_amount: '1860.00',
        tax_amount: '372.00',
      },
      {
        position: 2,
        product_id: consultingId,
        description: 'Time: Sam Support, 2026-02-02 – 2026-02-02',
        quantity: '4.0000',
        unit_price: '120.0000',
        net_amount: '480.00',
        tax_amount: '96.00',
      },
      {
        position: 3,
        product_id: null,
        description: 'Expense: Travel, 2026-02-03',
        quantity: '1.0000',
        unit_price: '66.0000',
        net_amount: '66.00',
        tax_amount: '13.20',
      },
      {
        position: 4,
        product_id: null,
        description: 'Expense: Hotel, 2026-02-05',
        quantity: '1.0000',
        unit_price: '96.8000',
        net_amount: '96.80',
        tax_amount: '19.36',
      },
    ]);
    // Time to service revenue, expenses to sales, tax, and the receivable.
    expect(
      await db.query(
        `select a.role, sum(l.debit)::text as debit, sum(l.credit)::text as credit
         from public.journal_lines l join public.gl_accounts a on a.id = l.gl_account_id
         where l.entry_id = (select journal_entry_id from public.invoices where id = $1) group by a.role order by a.role`,
        [invoiceId],
      ),
    ).toEqual([
      { role: 'receivable', debit: '3003.36', credit: '0.00' },
      { role: 'sales', debit: '0.00', credit: '162.80' },
      { role: 'service_sales', debit: '0.00', credit: '2340.00' },
      { role: 'tax_payable', debit: '0.00', credit: '500.56' },
    ]);

    // Credit the travel line: billed 2502.80 − 66.00 = 2436.80.
    const [travelLine] = await db.query<{ id: string }>(
      `select id from public.invoice_lines where invoice_id = $1 and position = 3`,
      [invoiceId],
    );
    const [credit] = await db.as<{ id: string; project_id: string }>(
      accountant,
      `select id, project_id from public.credit_invoice($1, $2::jsonb, 'Travel included')`,
      [invoiceId, JSON.stringify([{ invoice_line_id: travelLine!.id, quantity: 1 }])],
    );
    expect(credit!.project_id).toBe(p1);
    await db.as(accountant, `select public.post_invoice($1)`, [credit!.id]);

    // Cost 820.00 + 75.00 + 18.00 + 173.50 = 1086.50; margin 2436.80 − 1086.50 = 1350.30,
    // 1350.30 / 2436.80 = 55.41 %.
    const after = await one<{ m: Record<string, unknown> }>(accountant, `select public.project_margin($1, $2) as m`, [
      orgId,
      p1,
    ]);
    expect(after.m).toEqual({
      currency: 'USD',
      budget: 5000,
      billed: 2436.8,
      time_cost: 820,
      purchases: 75,
      materials: 18,
      expenses: 173.5,
      cost: 1086.5,
      margin: 1350.3,
      margin_pct: 55.41,
      hours: { logged: 24.5, approved: 21.5, billable: 19.5, unbilled: 0, uncosted: 0 },
    });
  });

  it('marks what it invoiced; the same key returns the same invoice; nothing is left for a new key', async () => {
    expect(
      await db.query(
        `select status::text, billable, invoiced_invoice_id is not distinct from $2 as on_invoice, count(*)::int as n
         from public.timesheet_entries where project_id = $1 group by 1, 2, 3 order by 1, 2, 3`,
        [p1, invoiceId],
      ),
    ).toEqual([
      { status: 'approved', billable: false, on_invoice: false, n: 1 },
      { status: 'approved', billable: true, on_invoice: true, n: 3 },
      { status: 'draft', billable: true, on_invoice: false, n: 1 },
    ]);
    expect(
      await db.query(
        `select category, status::text, invoiced_invoice_id is not distinct from $2 as on_invoice
         from public.expenses where project_id = $1 order by expense_date`,
        [p1, invoiceId],
      ),
    ).toEqual([
      { category: 'Travel', status: 'invoiced', on_invoice: true },
      { category: 'Meals', status: 'approved', on_invoice: false },
      { category: 'Hotel', status: 'invoiced', on_invoice: true },
      { category: 'Draft', status: 'draft', on_invoice: false },
    ]);
    const invoices = async () =>
      Number(
        (await db.query<{ n: string }>(`select count(*) as n from public.invoices where org_id = $1`, [orgId]))[0]!.n,
      );
    const before = await invoices();
    const again = await one<{ id: string }>(
      accountant,
      `select id from public.create_project_invoice($1, $2, 'project-invoice-0001', '2026-02-28', '2026-03-02')`,
      [orgId, p1],
    );
    expect(again.id).toBe(invoiceId);
    const request = await one<{ invoice_id: string; created: boolean }>(
      accountant,
      `select * from public.create_project_invoice_request($1, 'project-invoice-0001', $2)`,
      [orgId, p1],
    );
    expect(request).toEqual({ invoice_id: invoiceId, created: false });
    expect(
      await code(
        db.as(accountant, `select public.create_project_invoice($1, $2, 'project-invoice-0002', '2026-02-28')`, [
          orgId,
          p1,
        ]),
      ),
    ).toBe('23514');
    // Only finance roles invoice.
    expect(
      await code(db.as(mgrA, `select public.create_project_invoice($1, $2, 'project-invoice-0003')`, [orgId, p1])),
    ).toBe('42501');
    expect(await invoices()).toBe(before);
    // Invoiced time and expenses are final.
    expect(
      await code(
        db.as(rep, `update public.expenses set amount = 1 where project_id = $1 and category = 'Travel'`, [p1]),
      ),
    ).toBe('42501');
  });

  it("bills at the employee's bill rate when the project has no hourly rate, and refuses when neither is set", async () => {
    const { id: p3 } = await one<{ id: string }>(
      owner,
      `insert into public.projects (org_id, name, account_id) values ($1, 'Rate check', $2) returning id`,
      [orgId, customerId],
    );
    await saveWeek(mgrA, eExt, '2026-04-06', [{ project_id: p3, entry_date: '2026-04-06', hours: 2.5 }]);
    await saveWeek(sup, eSup, '2026-04-06', [{ project_id: p3, entry_date: '2026-04-07', hours: 1 }]);
    await approve(
      mgrA,
      (await submitWeek(mgrA, eExt, '2026-04-06')).map((e) => e.id),
    );
    await approve(
      mgrB,
      (await submitWeek(sup, eSup, '2026-04-06')).map((e) => e.id),
    );
    // Sam has no bill rate: nothing is made, nothing is marked.
    expect(
      await code(
        db.as(
          accountant,
          `select public.create_project_invoice($1, $2, 'rate-check-0001', '2026-04-30', '2026-04-30')`,
          [orgId, p3],
        ),
      ),
    ).toBe('23514');
    expect(
      await db.query(
        `select count(*)::int as n from public.timesheet_entries where project_id = $1 and invoiced_invoice_id is not null`,
        [p3],
      ),
    ).toEqual([{ n: 0 }]);
    await db.as(owner, `update public.employees set bill_rate = 80 where id = $1`, [eSup]);
    const [invoice] = await db.as<{ id: string; subtotal: string }>(
      accountant,
      `select id, subtotal::text from public.create_project_invoice($1, $2, 'rate-check-0001', '2026-04-30', '2026-04-30')`,
      [orgId, p3],
    );
    // 2.5 h × 90.00 + 1 h × 80.00 = 305.00
    expect(invoice!.subtotal).toBe('305.00');
  });
});

describe('labour on production orders', () => {
  it('logs time on an open production order and keeps its labour cost at the approved time’s cost', async () => {
    const { id: harness } = await one<{ id: string }>(
      owner,
      `insert into public.products (org_id, sku, name) values ($1, 'HARNESS', 'Harness') returning id`,
      [orgId],
    );
    const { id: bom } = await one<{ id: string }>(
      owner,
      `insert into public.boms (org_id, product_id, name) values ($1, $2, 'Harness') returning id`,
      [orgId, harness],
    );
    await db.as(owner, `insert into public.bom_lines (org_id, bom_id, product_id, quantity) values ($1, $2, $3, 2)`, [
      orgId,
      bom,
      cableId,
    ]);
    const { id: order } = await one<{ id: string }>(owner, `select id from public.plan_production_order($1, $2, 1)`, [
      orgId,
      harness,
    ]);
    // Robin's rate from March is 48/h (recorded above); Sam's 30/h.
    const week = '2026-04-13';
    await saveWeek(rep, eRep, week, [{ production_order_id: order, entry_date: '2026-04-14', hours: 3 }]);
    await saveWeek(sup, eSup, week, [{ production_order_id: order, entry_date: '2026-04-15', hours: 1.5 }]);
    const [repEntry] = await submitWeek(rep, eRep, week);
    expect(repEntry).toMatchObject({ billable: false, project_id: null });
    const [supEntry] = await submitWeek(sup, eSup, week);
    await approve(mgrA, [repEntry!.id]);
    const labour = async () =>
      (
        await db.query<{ labour_cost: string }>(
          `select labour_cost::text from public.production_orders where id = $1`,
          [order],
        )
      )[0]!.labour_cost;
    expect(await labour()).toBe('144.00');
    await approve(mgrB, [supEntry!.id]);
    expect(await labour()).toBe('189.00');
    // Done or cancelled orders take no more labour.
    await db.as(owner, `select public.cancel_production_order($1, $2)`, [orgId, order]);
    expect(
      await code(
        saveWeek(rep, eRep, '2026-04-20', [{ production_order_id: order, entry_date: '2026-04-20', hours: 1 }]),
      ),
    ).toBe('23514');
  });
});

describe('live figures and erasure', () => {
  it('publishes what the project page refetches on', async () => {
    const published = await db.query<{ tablename: string }>(
      `select tablename from pg_publication_tables where pubname = 'supabase_realtime' and schemaname = 'public'
         and tablename in ('projects', 'timesheet_entries', 'expenses', 'invoices', 'vendor_bills', 'timesheet_costs',
                           'employee_cost_rates')
       order by 1`,
    );
    // Costs and rates are not published: their changes come with an entry's approval.
    expect(published.map((r) => r.tablename)).toEqual([
      'expenses',
      'invoices',
      'projects',
      'timesheet_entries',
      'vendor_bills',
    ]);
  });

  it("anonymises an erased person's employee record", async () => {
    const leaver = await db.createUser('leaver@people.test', 'Lee Leaver');
    await db.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, 'viewer')`, [
      orgId,
      leaver.id,
    ]);
    const { id } = await one<{ id: string }>(
      owner,
      `insert into public.employees (org_id, user_id, full_name, email) values ($1, $2, 'Lee Leaver', 'lee@people.test')
       returning id`,
      [orgId, leaver.id],
    );
    await db.as(leaver, `select public.erase_person($1)`, [leaver.id]);
    expect(await db.query(`select full_name, email from public.employees where id = $1`, [id])).toEqual([
      { full_name: 'Erased person', email: null },
    ]);
    const trail = await db.query<{ changes: { full_name: { new: string } } }>(
      `select changes from public.audit_log where table_name = 'employees' and row_id = $1 and action = 'INSERT'`,
      [id],
    );
    expect(trail.map((t) => t.changes.full_name.new)).toEqual(['Erased person']);
  });
});
