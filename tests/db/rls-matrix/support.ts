// RLS matrix lines for support (DESIGN.md section 2 "Support"): owner, admin, manager
// and support write tickets, comments and SLA policies; sales, accountants and viewers
// read; warehouse staff see nothing. Comments are never edited (append-only thread).
import { all, insertRow, type MatrixEntry } from './entry.ts';

const readers = { ...all('S'), warehouse: '' };

export const SUPPORT: MatrixEntry[] = [
  {
    table: 'sla_policies',
    // Every org has one per priority; the probe is the "low" one.
    setup: async (ctx) => {
      const [row] = await ctx.sql<{ id: string }>(
        `select id from public.sla_policies where org_id = $1 and priority = 'low'`,
        [ctx.orgId],
      );
      await ctx.sql(`delete from public.sla_policies where org_id = $1 and priority = 'urgent'`, [ctx.orgId]);
      return { id: row!.id };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.sla_policies!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      priority: 'urgent',
      first_response_minutes: 30,
      resolution_minutes: 240,
    }),
    update: { resolution_minutes: 5000 },
    allow: { ...readers, owner: 'SIUD', admin: 'SIUD', manager: 'SIUD', support: 'SIUD' },
  },
  {
    table: 'tickets',
    setup: async (ctx) => ({ id: await insertRow(ctx, 'tickets', { org_id: ctx.orgId, subject: 'Probe ticket' }) }),
    probe: (f, org) => ({ id: f.orgs[org].rows.tickets!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, subject: 'New ticket' }),
    update: { status: 'open' },
    allow: { ...readers, owner: 'SIUD', admin: 'SIUD', manager: 'SIUD', support: 'SIU' },
  },
  {
    table: 'ticket_comments',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'ticket_comments', {
        org_id: ctx.orgId,
        ticket_id: ctx.rows.tickets!.id,
        author_id: ctx.ownerId,
        body: 'Probe',
        is_internal: true,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.ticket_comments!.id! }),
    insert: (f, org, user) => ({
      org_id: f.orgs[org].id,
      ticket_id: f.orgs[org].rows.tickets!.id,
      author_id: f.users[user].id,
      body: 'Hi',
      is_internal: true,
    }),
    update: { body: 'Edited' },
    allow: { ...readers, owner: 'SID', admin: 'SID', manager: 'SID', support: 'SI' },
  },
];
