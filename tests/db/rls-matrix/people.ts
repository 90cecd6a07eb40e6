// RLS matrix lines for people and time (DESIGN.md section 2, "People and time": owners,
// admins and managers RW; accountants R including costs; sales, support, warehouse and
// viewers O, only their own rows). Tables with own rows have two lines: one probes a
// colleague's row (the O roles see nothing of it), one probes the acting user's own row
// (their employee record is linked to their login). Cost rates and captured time costs
// have their own policy: owners, admins and accountants only, not even the employee whose
// rate it is, and not managers (they approve time without seeing rates). Departments: an
// employee reads their own. Projects: every member reads active ones (the timesheet grid),
// only the readers of people data closed ones.
import type { Role, SetupContext } from '../rls-harness.ts';
import { all, insertPosted, insertRow, none, type MatrixEntry } from './entry.ts';

const writers = { owner: 'SIUD', admin: 'SIUD', manager: 'SIUD' };
const peopleAccess = { ...none, ...writers, accountant: 'S' };
const costAccess = { ...none, owner: 'SIUD', admin: 'SIUD', accountant: 'SIUD' };

/** The acting users who are members of this org (all of them in "own", none in "other"). */
async function members(ctx: SetupContext): Promise<[Role, string][]> {
  const rows = await ctx.sql<{ user_id: string }>(
    `select user_id from public.memberships where org_id = $1 and user_id = any ($2::uuid[])`,
    [ctx.orgId, Object.values(ctx.users)],
  );
  const ids = new Set(rows.map((r) => r.user_id));
  return (Object.entries(ctx.users) as [Role, string][]).filter(([, id]) => ids.has(id));
}

/** The probe of a line with own rows: the user's own row in their org, a colleague's in the other. */
const ownOr = (rows: Record<string, string>, org: 'own' | 'other', user: Role) =>
  org === 'own' ? rows[`own_${user}`]! : rows.colleague!;

export const PEOPLE: MatrixEntry[] = [
  {
    table: 'departments',
    // `id`: a department nobody belongs to; `home`: the acting users' department.
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'departments', { org_id: ctx.orgId, name: 'Probe department' }),
      home: await insertRow(ctx, 'departments', { org_id: ctx.orgId, name: 'Home department' }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.departments!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, name: 'New department' }),
    update: { name: 'Renamed department' },
    allow: peopleAccess,
  },
  {
    table: 'departments',
    // Everyone reads the department they belong to.
    probe: (f, org) => ({ id: f.orgs[org].rows.departments!.home! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, name: 'Another department' }),
    update: { name: 'Renamed home' },
    allow: { ...all('S'), ...writers },
  },
  {
    table: 'employees',
    // `id`: a person without a login or time (deletable); `colleague`: the one whose time and
    // expenses the O roles must not see; `own_<role>`: each acting user's own record.
    setup: async (ctx) => {
      const rows: Record<string, string> = {
        id: await insertRow(ctx, 'employees', { org_id: ctx.orgId, full_name: 'Probe Person' }),
        colleague: await insertRow(ctx, 'employees', { org_id: ctx.orgId, full_name: 'Colleague Worker' }),
      };
      for (const [role, userId] of await members(ctx)) {
        rows[`own_${role}`] = await insertRow(ctx, 'employees', {
          org_id: ctx.orgId,
          user_id: userId,
          full_name: `Own ${role}`,
          department_id: ctx.rows.departments!.home,
        });
      }
      return rows;
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.employees!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, full_name: 'New Person' }),
    update: { job_title: 'Lead' },
    // Own records are read by their person (people-and-projects.test.ts checks it; their
    // time rows keep them from being deleted, so they are not probed here).
    allow: peopleAccess,
  },
  {
    table: 'employee_cost_rates',
    setup: async (ctx) => {
      const rows: Record<string, string> = {
        colleague: await insertRow(ctx, 'employee_cost_rates', {
          org_id: ctx.orgId,
          employee_id: ctx.rows.employees!.id,
          hourly_cost: 42,
          valid_from: '2026-01-01',
        }),
      };
      for (const [role] of await members(ctx)) {
        rows[`own_${role}`] = await insertRow(ctx, 'employee_cost_rates', {
          org_id: ctx.orgId,
          employee_id: ctx.rows.employees![`own_${role}`],
          hourly_cost: 50,
          valid_from: '2026-01-01',
        });
      }
      return rows;
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.employee_cost_rates!.colleague! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      employee_id: f.orgs[org].rows.employees!.id,
      hourly_cost: 10,
      valid_from: '2030-01-01',
    }),
    update: { hourly_cost: 43 },
    allow: costAccess,
  },
  {
    table: 'employee_cost_rates',
    // Nobody reads their own rate unless they may read everyone's.
    probe: (f, org, user) => ({ id: ownOr(f.orgs[org].rows.employee_cost_rates!, org, user) }),
    insert: (f, org, user) => ({
      org_id: f.orgs[org].id,
      employee_id: org === 'own' ? f.orgs.own.rows.employees![`own_${user}`] : f.orgs.other.rows.employees!.colleague,
      hourly_cost: 10,
      valid_from: '2030-01-01',
    }),
    update: { hourly_cost: 51 },
    allow: costAccess,
  },
  {
    table: 'projects',
    // `id`: an active project without time (deletable); `closed`: a closed one; `work`: where
    // the time and expenses below are logged.
    setup: async (ctx) => {
      const customer = await insertRow(ctx, 'accounts', { org_id: ctx.orgId, name: 'Project Customer' });
      const project = (name: string, status: string) =>
        insertRow(ctx, 'projects', { org_id: ctx.orgId, name, account_id: customer, status });
      return {
        customer,
        id: await project('Probe project', 'active'),
        closed: await project('Closed project', 'closed'),
        work: await project('Work project', 'active'),
      };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.projects!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      name: 'New project',
      account_id: f.orgs[org].rows.projects!.customer,
    }),
    update: { description: 'Phase two' },
    allow: { ...all('S'), ...writers },
  },
  {
    table: 'projects',
    probe: (f, org) => ({ id: f.orgs[org].rows.projects!.closed! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      name: 'New closed project',
      account_id: f.orgs[org].rows.projects!.customer,
      status: 'closed',
    }),
    update: { description: 'Archived' },
    allow: peopleAccess,
  },
  {
    table: 'timesheet_entries',
    // Draft entries: the colleague's and each acting user's own; `approved` carries the cost below.
    setup: async (ctx) => {
      const entry = (employee: string, date: string) =>
        insertRow(ctx, 'timesheet_entries', {
          org_id: ctx.orgId,
          employee_id: employee,
          project_id: ctx.rows.projects!.work,
          entry_date: date,
          hours: 3,
        });
      const rows: Record<string, string> = {
        colleague: await entry(ctx.rows.employees!.colleague!, '2026-05-04'),
        approved: await insertPosted(ctx, 'timesheet_entries', {
          org_id: ctx.orgId,
          employee_id: ctx.rows.employees!.colleague,
          project_id: ctx.rows.projects!.work,
          entry_date: '2026-05-05',
          hours: 2,
          status: 'approved',
          approved_at: '2026-05-08T12:00:00Z',
        }),
      };
      for (const [role] of await members(ctx))
        rows[`own_${role}`] = await entry(ctx.rows.employees![`own_${role}`]!, '2026-05-04');
      return rows;
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.timesheet_entries!.colleague! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      employee_id: f.orgs[org].rows.employees!.colleague,
      project_id: f.orgs[org].rows.projects!.work,
      entry_date: '2026-05-06',
      hours: 1,
    }),
    update: { hours: 4 },
    allow: peopleAccess,
  },
  {
    table: 'timesheet_entries',
    // Everyone records their own time (drafts).
    probe: (f, org, user) => ({ id: ownOr(f.orgs[org].rows.timesheet_entries!, org, user) }),
    insert: (f, org, user) => ({
      org_id: f.orgs[org].id,
      employee_id: org === 'own' ? f.orgs.own.rows.employees![`own_${user}`] : f.orgs.other.rows.employees!.colleague,
      project_id: f.orgs[org].rows.projects!.work,
      entry_date: '2026-05-07',
      hours: 1,
    }),
    update: { hours: 5 },
    allow: all('SIUD'),
  },
  {
    table: 'timesheet_costs',
    // Written only by approval; read like cost rates.
    setup: async (ctx) => {
      const entry = ctx.rows.timesheet_entries!.approved!;
      await ctx.sql(
        `with posting as (select set_config('private.posting', 'on', true) as on)
         insert into public.timesheet_costs (entry_id, org_id, hourly_cost, cost_amount) select $1, $2, 42, 84 from posting`,
        [entry, ctx.orgId],
      );
      return { entry };
    },
    probe: (f, org) => ({ entry_id: f.orgs[org].rows.timesheet_costs!.entry! }),
    update: { cost_amount: 1 },
    allow: { ...none, owner: 'S', admin: 'S', accountant: 'S' },
  },
  {
    table: 'expenses',
    setup: async (ctx) => {
      const expense = (employee: string) =>
        insertRow(ctx, 'expenses', {
          org_id: ctx.orgId,
          employee_id: employee,
          project_id: ctx.rows.projects!.work,
          category: 'Taxi',
          amount: 18.5,
        });
      const rows: Record<string, string> = { colleague: await expense(ctx.rows.employees!.colleague!) };
      for (const [role] of await members(ctx)) rows[`own_${role}`] = await expense(ctx.rows.employees![`own_${role}`]!);
      return rows;
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.expenses!.colleague! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      employee_id: f.orgs[org].rows.employees!.colleague,
      category: 'Meals',
      amount: 12,
    }),
    update: { amount: 19 },
    allow: peopleAccess,
  },
  {
    table: 'expenses',
    probe: (f, org, user) => ({ id: ownOr(f.orgs[org].rows.expenses!, org, user) }),
    insert: (f, org, user) => ({
      org_id: f.orgs[org].id,
      employee_id: org === 'own' ? f.orgs.own.rows.employees![`own_${user}`] : f.orgs.other.rows.employees!.colleague,
      category: 'Parking',
      amount: 4,
    }),
    update: { amount: 20 },
    allow: all('SIUD'),
  },
];
