// RLS matrix lines for activities and tasks (DESIGN.md section 2, CRM): CRM readers read;
// owner, admin, manager, sales and support log activities and write tasks.
import { all, insertRow, type MatrixEntry } from './entry.ts';

const readers = { ...all('S'), warehouse: '' };
const writers = { owner: 'SIUD', admin: 'SIUD', manager: 'SIUD', sales: 'SIUD', support: 'SIUD' };

export const CRM_ACTIVITIES: MatrixEntry[] = [
  {
    table: 'activities',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'activities', {
        org_id: ctx.orgId,
        kind: 'call',
        subject: 'Probe call',
        account_id: ctx.rows.accounts!.id,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.activities!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      kind: 'note',
      subject: 'New note',
      deal_id: f.orgs[org].rows.deals!.id,
    }),
    update: { outcome: 'Interested' },
    allow: { ...readers, ...writers },
  },
  {
    table: 'tasks',
    // Assigned to the org's owner, so no acting role sees it through "assigned to me".
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'tasks', {
        org_id: ctx.orgId,
        title: 'Probe task',
        assignee_id: ctx.ownerId,
        account_id: ctx.rows.accounts!.id,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.tasks!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, title: 'New task', assignee_id: f.orgs[org].owner }),
    update: { title: 'Renamed task' },
    allow: { ...readers, ...writers },
  },
];
