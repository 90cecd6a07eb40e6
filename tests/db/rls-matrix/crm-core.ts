// RLS matrix lines for the CRM core: the customer master and the pipelines/deals.
// Every member reads parties and contacts; CRM readers (everyone but warehouse) read
// the pipeline; sales roles write; managers and up delete (DESIGN.md section 2).
import { all, insertRow, type MatrixEntry } from './entry.ts';

const readers = { ...all('S'), warehouse: '' };

export const CRM_CORE: MatrixEntry[] = [
  {
    table: 'accounts',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'accounts', { org_id: ctx.orgId, name: 'Probe Co', owner_id: ctx.ownerId }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.accounts!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, name: 'New Co' }),
    update: { notes: 'Changed' },
    allow: { ...all('S'), owner: 'SIUD', admin: 'SIUD', manager: 'SIUD', sales: 'SIU' },
  },
  {
    table: 'contacts',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'contacts', {
        org_id: ctx.orgId,
        account_id: ctx.rows.accounts!.id,
        first_name: 'Pat',
        last_name: 'Probe',
      }),
      other: await insertRow(ctx, 'contacts', { org_id: ctx.orgId, first_name: 'Olly', last_name: 'Other' }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.contacts!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, first_name: 'New', email: 'new@example.com' }),
    update: { title: 'Buyer' },
    allow: { ...all('S'), owner: 'SIUD', admin: 'SIUD', manager: 'SIUD', sales: 'SIU', support: 'SIU' },
  },
  {
    table: 'addresses',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'addresses', {
        org_id: ctx.orgId,
        account_id: ctx.rows.accounts!.id,
        line1: '1 Probe Street',
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.addresses!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      account_id: f.orgs[org].rows.accounts!.id,
      line1: '2 New Road',
      kind: 'shipping',
    }),
    update: { city: 'Springfield' },
    allow: { ...all('S'), owner: 'SIUD', admin: 'SIUD', manager: 'SIUD', sales: 'SIUD' },
  },
  {
    table: 'pipelines',
    // A pipeline of its own (with one empty stage) so deleting it cascades to nothing else.
    setup: async (ctx) => {
      const id = await insertRow(ctx, 'pipelines', { org_id: ctx.orgId, name: 'Probe pipeline', position: 9 });
      const [stage] = await ctx.sql<{ id: string; pipeline_id: string }>(
        `select s.id, s.pipeline_id from public.pipeline_stages s join public.pipelines p on p.id = s.pipeline_id
         where s.org_id = $1 and p.is_default order by s.position limit 1`,
        [ctx.orgId],
      );
      return { id, defaultPipeline: stage!.pipeline_id, firstStage: stage!.id };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.pipelines!.id! }),
    insert: (f, org) => ({ org_id: f.orgs[org].id, name: 'New pipeline' }),
    update: { name: 'Renamed pipeline' },
    allow: { ...readers, owner: 'SIUD', admin: 'SIUD', manager: 'SIUD' },
  },
  {
    table: 'pipeline_stages',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'pipeline_stages', {
        org_id: ctx.orgId,
        pipeline_id: ctx.rows.pipelines!.id,
        name: 'Probe stage',
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.pipeline_stages!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      pipeline_id: f.orgs[org].rows.pipelines!.id,
      name: 'New stage',
      position: 2,
    }),
    update: { probability: 40 },
    allow: { ...readers, owner: 'SIUD', admin: 'SIUD', manager: 'SIUD' },
  },
  {
    table: 'deals',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'deals', {
        org_id: ctx.orgId,
        pipeline_id: ctx.rows.pipelines!.defaultPipeline,
        stage_id: ctx.rows.pipelines!.firstStage,
        title: 'Probe deal',
        account_id: ctx.rows.accounts!.id,
        amount: 1000,
        owner_id: ctx.ownerId,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.deals!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      pipeline_id: f.orgs[org].rows.pipelines!.defaultPipeline,
      stage_id: f.orgs[org].rows.pipelines!.firstStage,
      title: 'New deal',
    }),
    update: { notes: 'Called them' },
    allow: { ...readers, owner: 'SIUD', admin: 'SIUD', manager: 'SIUD', sales: 'SIU' },
  },
  {
    table: 'deal_contacts',
    setup: async (ctx) => {
      await ctx.sql(
        `insert into public.deal_contacts (org_id, deal_id, contact_id, role) values ($1, $2, $3, 'Champion')`,
        [ctx.orgId, ctx.rows.deals!.id, ctx.rows.contacts!.id],
      );
      return {};
    },
    probe: (f, org) => ({ deal_id: f.orgs[org].rows.deals!.id!, contact_id: f.orgs[org].rows.contacts!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      deal_id: f.orgs[org].rows.deals!.id,
      contact_id: f.orgs[org].rows.contacts!.other,
    }),
    update: { role: 'Decision maker' },
    allow: { ...readers, owner: 'SIUD', admin: 'SIUD', manager: 'SIUD', sales: 'SIUD' },
  },
  {
    table: 'deal_lines',
    setup: async (ctx) => ({
      id: await insertRow(ctx, 'deal_lines', {
        org_id: ctx.orgId,
        deal_id: ctx.rows.deals!.id,
        description: 'Consulting',
        quantity: 2,
        unit_price: 500,
      }),
    }),
    probe: (f, org) => ({ id: f.orgs[org].rows.deal_lines!.id! }),
    insert: (f, org) => ({
      org_id: f.orgs[org].id,
      deal_id: f.orgs[org].rows.deals!.id,
      description: 'Training',
      unit_price: 100,
    }),
    update: { quantity: 3 },
    allow: { ...readers, owner: 'SIUD', admin: 'SIUD', manager: 'SIUD', sales: 'SIUD' },
  },
  {
    table: 'deal_stage_history',
    // Written only by the deals trigger.
    setup: async (ctx) => {
      const [row] = await ctx.sql<{ id: string }>(`select id::text from public.deal_stage_history where deal_id = $1`, [
        ctx.rows.deals!.id,
      ]);
      return { id: row!.id };
    },
    probe: (f, org) => ({ id: f.orgs[org].rows.deal_stage_history!.id! }),
    update: { seconds_in_from_stage: 1 },
    allow: { ...readers },
  },
];
