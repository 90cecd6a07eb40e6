// RLS matrix lines for leads and campaigns (DESIGN.md section 2, CRM): CRM readers (all
// but warehouse) read; owner, admin, manager and sales write; scoring rules are
// configured, and the lead rotation kept, by managers and up.
import { all, insertRow, type MatrixEntry } from './entry.ts';

const readers = { ...all('S'), warehouse: '' };
const writers = { owner: 'SIUD', admin: 'SIUD', manager: 'SIUD', sales: 'SIUD' };

export const CRM_LEADS: MatrixEntry[] = [
  {
    table: 'campaigns',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'campaigns', { org_id: ctx.orgId, name: 'Probe campaign' }),
      used: await insertRow(ctx, 'campaigns', { org_id: ctx.orgId, name: 'Campaign with members' }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.campaigns!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, name: 'New campaign' }),
    update: { budget: 500 },
    allow: { ...readers, ...writers },
  },
  {
    table: 'leads',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'leads', { org_id: ctx.orgId, company_name: 'Probe lead' }),
      member: await insertRow(ctx, 'leads', { org_id: ctx.orgId, company_name: 'Member lead' }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.leads!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, contact_name: 'New lead' }),
    update: { status: 'contacted' },
    allow: { ...readers, ...writers },
  },
  {
    table: 'campaign_members',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'campaign_members', {
        org_id: ctx.orgId,
        campaign_id: ctx.rows.campaigns!.used,
        lead_id: ctx.rows.leads!.member,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.campaign_members!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      campaign_id: f.orgs[org].rows.campaigns!.used,
      contact_id: f.orgs[org].rows.contacts!.id,
    }),
    update: { status: 'responded' },
    allow: { ...readers, ...writers },
  },
  {
    table: 'lead_scoring_rules',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'lead_scoring_rules', {
        org_id: ctx.orgId,
        field: 'source',
        operator: 'equals',
        value: 'Web',
        points: 5,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.lead_scoring_rules!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, field: 'phone', operator: 'is_set', points: 3 }),
    update: { points: 7 },
    allow: { ...readers, owner: 'SIUD', admin: 'SIUD', manager: 'SIUD' },
  },
  {
    table: 'lead_assignees',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'lead_assignees', { org_id: ctx.orgId, user_id: ctx.ownerId }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.lead_assignees!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, user_id: f.orgs[org].colleague }),
    update: { active: false },
    allow: { ...readers, owner: 'SIUD', admin: 'SIUD', manager: 'SIUD' },
  },
];
