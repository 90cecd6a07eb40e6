// RLS matrix lines for the dashboards' sales teams and targets (DESIGN.md section 2, CRM):
// every CRM reader (all but warehouse) reads teams and their members, owners, admins and
// managers set them up. Targets: owners, admins and managers read and write them, accountants
// and viewers read them; a sales rep reads only their own (the probe is a colleague's target,
// so the rep sees nothing; tests/db/dashboard-sales-kpis.test.ts checks the rep's own), support
// and warehouse staff see none.
import { all, insertRow, type MatrixEntry } from './entry.ts';

const readers = { ...all('S'), warehouse: '' };
const managers = { owner: 'SIUD', admin: 'SIUD', manager: 'SIUD' };

export const DASHBOARDS: MatrixEntry[] = [
  {
    table: 'sales_teams',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'sales_teams', { org_id: ctx.orgId, name: 'Probe team' }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.sales_teams!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, name: 'New team' }),
    update: { name: 'Renamed team' },
    allow: { ...readers, ...managers },
  },
  {
    table: 'sales_team_members',
    // The org's owner is in the probe team; a new row puts the org's viewer colleague in it.
    setup: async (ctx) => {
      await ctx.sql(`insert into public.sales_team_members (org_id, team_id, user_id) values ($1, $2, $3)`, [
        ctx.orgId,
        ctx.rows.sales_teams!.id,
        ctx.ownerId,
      ]);
      return { team_id: ctx.rows.sales_teams!.id!, user_id: ctx.ownerId };
    },
    probe: (f, org) => ({ ...f.orgs[org].rows.sales_team_members! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      team_id: f.orgs[org].rows.sales_teams!.id,
      user_id: f.orgs[org].colleague,
    }),
    update: { created_at: '2030-01-01T00:00:00Z' },
    allow: { ...readers, ...managers },
  },
  {
    table: 'sales_targets',
    setup: async (ctx) => {
      const [colleague] = await ctx.sql<{ user_id: string }>(
        `select user_id from public.memberships where org_id = $1 and role = 'viewer' and user_id <> all ($2)`,
        [ctx.orgId, Object.values(ctx.users)],
      );
      return {
        id: await insertRow(ctx, 'sales_targets', {
          org_id: ctx.orgId,
          user_id: colleague!.user_id,
          month: '2026-01-01',
          amount: 1000,
        }),
      };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.sales_targets!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, user_id: f.orgs[org].colleague, month: '2026-02-01', amount: 500 }),
    update: { amount: 1200 },
    allow: { ...all(''), ...managers, accountant: 'S', viewer: 'S' },
  },
];
