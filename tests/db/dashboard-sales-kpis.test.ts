// Dashboard KPIs for sales, leads and support (sales_kpis, lead_kpis, support_kpis) against a
// hand-built organisation whose every figure is computed by hand in the comments; each answer is
// parsed with the zod contract of src/features/dashboards/schemas/kpis.ts. Also: a sales rep's view
// against a manager's (targets are read under RLS), the warehouse refused, another org "not
// found", team, owner, assignee and pipeline filters, the org's time zone at the range's edges,
// empty ranges, bad ranges.
//
// KPI Co: base USD, time zone Europe/Berlin (UTC+1 until 29 March 2026, then UTC+2), EUR at 1.10
// from 2026-01-01 and 1.20 from 2026-03-01 (1.20 today). The main range is Q1 2026
// (2026-01-01..2026-03-31, 90 days: weekly buckets from Monday 2025-12-29 to Monday 2026-03-30 = 14).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  leadKpisSchema,
  salesKpisSchema,
  supportKpisSchema,
  type LeadKpis,
  type SalesKpis,
  type SupportKpis,
} from '../../src/features/dashboards/schemas/kpis.ts';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let orgId: string;
let otherOrgId: string;
const u: Record<string, Actor> = {};
const stage: Record<string, string> = {};
let salesPipeline: string;
let renewals: string;
let east: string;
let west: string;
let otherTeam: string;
const campaign: Record<string, string> = {};
const dealId: Record<string, string> = {};

const Q1 = ['2026-01-01', '2026-03-31'] as const;
const WEEKS = [
  '2025-12-29',
  '2026-01-05',
  '2026-01-12',
  '2026-01-19',
  '2026-01-26',
  '2026-02-02',
  '2026-02-09',
  '2026-02-16',
  '2026-02-23',
  '2026-03-02',
  '2026-03-09',
  '2026-03-16',
  '2026-03-23',
  '2026-03-30',
];

async function insert(table: string, values: Record<string, unknown>, prefix = ''): Promise<string> {
  const cols = Object.keys(values);
  const [row] = await db.query<{ id: string }>(
    `${prefix} insert into public.${table} (${cols.join(', ')}) select ${cols.map((_, i) => `$${i + 1}`).join(', ')}
     ${prefix ? 'from c' : ''} returning id`,
    Object.values(values),
  );
  return row!.id;
}

interface DealSpec {
  stage: string;
  owner: Actor | null;
  amount: number;
  currency?: string;
  created: string;
  closed?: string;
  probability?: number;
  expected?: string;
  campaign?: string;
  archived?: boolean;
  /** Stages it went through before the current one. */
  path?: string[];
}

/** Inserts the deal in the first stage of its path and moves it along (as the board would), then dates its close. */
async function deal(title: string, d: DealSpec): Promise<string> {
  const stages = [...(d.path ?? []), d.stage];
  const id = await insert('deals', {
    org_id: orgId,
    stage_id: stage[stages[0]!],
    title,
    amount: d.amount,
    currency: d.currency ?? 'USD',
    owner_id: d.owner?.id ?? null,
    probability: d.probability ?? null,
    expected_close_date: d.expected ?? null,
    created_at: d.created,
    closed_at: d.closed ?? null,
    lost_reason: stages[0] === 'Lost' ? 'Price' : null,
    campaign_id: d.campaign ?? null,
    archived_at: d.archived ? '2026-03-31T12:00:00Z' : null,
  });
  for (const s of stages.slice(1)) {
    await db.query(`update public.deals set stage_id = $2, lost_reason = case when $3 then 'Price' end where id = $1`, [
      id,
      stage[s],
      s === 'Lost',
    ]);
  }
  if (stages.length > 1 && d.closed) {
    await db.query(`update public.deals set closed_at = $2 where id = $1`, [id, d.closed]);
  }
  dealId[title] = id;
  return id;
}

async function lead(
  owner: Actor,
  source: string | null,
  campaignId: string | null,
  created: string,
  opts: { converted?: boolean; archived?: boolean } = {},
) {
  // Converted leads normally come from convert_lead(), which sets this flag for its own update.
  await insert(
    'leads',
    {
      org_id: orgId,
      company_name: `Lead ${created}`,
      owner_id: owner.id,
      source,
      campaign_id: campaignId,
      created_at: created,
      status: opts.converted ? 'converted' : 'new',
      converted_at: opts.converted ? created : null,
      archived_at: opts.archived ? created : null,
    },
    `with c as (select set_config('private.converting', 'on', true))`,
  );
}

async function ticket(
  priority: string,
  status: string,
  assignee: Actor | null,
  created: string,
  responded: string | null,
  resolved: string | null,
  archived = false,
) {
  await insert('tickets', {
    org_id: orgId,
    subject: `Ticket ${created}`,
    priority,
    status,
    assignee_id: assignee?.id ?? null,
    created_at: created,
    first_responded_at: responded,
    resolved_at: resolved,
    archived_at: archived ? created : null,
  });
}

async function call(actor: Actor, fn: string, args: Record<string, unknown>): Promise<unknown> {
  const names = Object.keys(args);
  const [row] = await db.as<{ r: unknown }>(
    actor,
    `select public.${fn}(${names.map((n, i) => `${n} => $${i + 1}`).join(', ')}) as r`,
    Object.values(args),
  );
  return row!.r;
}

// Every answer is parsed with the contract, strict so that no undeclared key slips through either.
const sales = async (
  actor: Actor,
  from: string,
  to: string,
  filters: Record<string, unknown> = {},
): Promise<SalesKpis> =>
  salesKpisSchema
    .strict()
    .parse(await call(actor, 'sales_kpis', { p_org_id: orgId, p_from: from, p_to: to, ...filters }));
const leads = async (
  actor: Actor,
  from: string,
  to: string,
  filters: Record<string, unknown> = {},
): Promise<LeadKpis> =>
  leadKpisSchema
    .strict()
    .parse(await call(actor, 'lead_kpis', { p_org_id: orgId, p_from: from, p_to: to, ...filters }));
const support = async (
  actor: Actor,
  from: string,
  to: string,
  filters: Record<string, unknown> = {},
): Promise<SupportKpis> =>
  supportKpisSchema
    .strict()
    .parse(await call(actor, 'support_kpis', { p_org_id: orgId, p_from: from, p_to: to, ...filters }));

const series = (periods: string[], values: Record<string, [number, number]>) =>
  periods.map((period) => ({ period, won_count: values[period]?.[0] ?? 0, won_value: values[period]?.[1] ?? 0 }));

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  const people: [string, string][] = [
    ['owner', 'Olga Owner'],
    ['manager', 'Mia Manager'],
    ['ann', 'Ann Rep'],
    ['ben', 'Ben Rep'],
    ['sue', 'Sue Support'],
    ['wes', 'Wes Warehouse'],
    ['vic', 'Vic Viewer'],
  ];
  for (const [key, name] of people) u[key] = await db.createUser(`${key}@kpi.test`, name);
  [{ id: orgId }] = (await db.as<{ id: string }>(
    u.owner!,
    `select id from public.create_organization('KPI Co', 'kpi-co', 'USD', 'Europe/Berlin')`,
  )) as [{ id: string }];
  const roles: [string, string][] = [
    ['manager', 'manager'],
    ['ann', 'sales'],
    ['ben', 'sales'],
    ['sue', 'support'],
    ['wes', 'warehouse'],
    ['vic', 'viewer'],
  ];
  for (const [key, role] of roles) {
    await db.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, $3)`, [
      orgId,
      u[key]!.id,
      role,
    ]);
  }
  await db.query(
    `insert into public.exchange_rates (org_id, currency, rate_date, rate)
     values ($1, 'EUR', '2026-01-01', 1.10), ($1, 'EUR', '2026-03-01', 1.20)`,
    [orgId],
  );

  // The seeded default pipeline "Sales": Lead in 10 %, Qualified 25 %, Proposal 50 %, Negotiation
  // 75 % (open, positions 0–3), Won (4), Lost (5). A second pipeline, Renewals.
  for (const s of await db.query<{ id: string; name: string; pipeline_id: string }>(
    `select s.id, s.name, s.pipeline_id from public.pipeline_stages s where s.org_id = $1`,
    [orgId],
  )) {
    stage[s.name] = s.id;
    salesPipeline = s.pipeline_id;
  }
  renewals = await insert('pipelines', { org_id: orgId, name: 'Renewals', position: 1 });
  stage['Renewal due'] = await insert('pipeline_stages', {
    org_id: orgId,
    pipeline_id: renewals,
    name: 'Renewal due',
    position: 0,
    probability: 40,
    kind: 'open',
  });
  stage.Renewed = await insert('pipeline_stages', {
    org_id: orgId,
    pipeline_id: renewals,
    name: 'Renewed',
    position: 1,
    probability: 100,
    kind: 'won',
  });

  // Teams: East = Ann, West = Ben.
  east = await insert('sales_teams', { org_id: orgId, name: 'East' });
  west = await insert('sales_teams', { org_id: orgId, name: 'West' });
  await db.query(`insert into public.sales_team_members (org_id, team_id, user_id) values ($1, $2, $3), ($1, $4, $5)`, [
    orgId,
    east,
    u.ann!.id,
    west,
    u.ben!.id,
  ]);

  // Campaigns. C1's budget of 1,000 EUR is converted at its start date's rate (1.10) = 1,100 USD.
  campaign.c1 = await insert('campaigns', {
    org_id: orgId,
    name: 'Winter webinar',
    budget: 1000,
    currency: 'EUR',
    starts_on: '2026-01-10',
    ends_on: '2026-02-10',
  });
  campaign.c2 = await insert('campaigns', {
    org_id: orgId,
    name: 'Trade fair',
    budget: 2000,
    starts_on: '2026-03-20',
    ends_on: '2026-03-22',
  });
  campaign.c3 = await insert('campaigns', {
    org_id: orgId,
    name: 'Old mailing',
    budget: 500,
    starts_on: '2025-06-01',
    ends_on: '2025-06-30',
  });
  campaign.c4 = await insert('campaigns', {
    org_id: orgId,
    name: 'Archived campaign',
    budget: 300,
    archived_at: '2026-01-01T00:00:00Z',
  });
  campaign.c5 = await insert('campaigns', { org_id: orgId, name: 'Referral program', budget: 0 });

  // Deals (Berlin is UTC+1 in Q1). Won:
  await deal('W1', {
    stage: 'Won',
    owner: u.ann!,
    amount: 1000,
    created: '2026-01-05T10:00:00Z',
    closed: '2026-01-15T10:00:00Z', // 10 days
    path: ['Lead in', 'Qualified', 'Proposal'],
  });
  await deal('W2', {
    stage: 'Won',
    owner: u.ann!,
    amount: 2000,
    currency: 'EUR', // × 1.20 (rate of 2026-03-01) = 2,400 USD
    created: '2026-02-01T10:00:00Z',
    closed: '2026-03-03T10:00:00Z', // 30 days
    campaign: campaign.c1,
  });
  await deal('W3', {
    stage: 'Won',
    owner: u.ben!,
    amount: 500,
    created: '2025-12-20T12:00:00Z', // before Q1: not in the funnel
    closed: '2026-02-09T12:00:00Z', // 51 days
    campaign: campaign.c1,
  });
  await deal('W4', {
    stage: 'Won',
    owner: u.ben!,
    amount: 3000,
    currency: 'EUR', // × 1.10 (rate of 2026-01-01) = 3,300 USD
    created: '2026-01-10T09:00:00Z',
    closed: '2026-01-20T09:00:00Z', // 10 days
  });
  await deal('W5', {
    stage: 'Won',
    owner: u.manager!,
    amount: 700,
    created: '2026-03-21T23:30:00Z', // 2026-03-22 00:30 in Berlin: created in Q1
    closed: '2026-03-31T23:30:00Z', // 2026-04-01 01:30 in Berlin: won in April, not in Q1
  });
  await deal('W6', {
    stage: 'Won',
    owner: u.manager!,
    amount: 400,
    created: '2025-12-21T23:30:00Z', // 2025-12-22 in Berlin: not in the funnel
    closed: '2025-12-31T23:30:00Z', // 2026-01-01 00:30 in Berlin: won in Q1; 10 days
  });
  await deal('W7 archived', {
    stage: 'Won',
    owner: u.ann!,
    amount: 9999,
    created: '2026-01-05T10:00:00Z',
    closed: '2026-01-06T10:00:00Z',
    archived: true,
  });
  await deal('W8', {
    stage: 'Won',
    owner: u.ben!,
    amount: 1000,
    currency: 'EUR', // closed before the first EUR rate: the first rate, 1.10 → 1,100 USD
    created: '2025-11-01T10:00:00Z',
    closed: '2025-11-15T10:00:00Z',
  });
  // Lost:
  await deal('L1', {
    stage: 'Lost',
    owner: u.ann!,
    amount: 800,
    created: '2026-01-02T10:00:00Z',
    closed: '2026-02-01T10:00:00Z',
    path: ['Lead in', 'Qualified'],
  });
  await deal('L2', {
    stage: 'Lost',
    owner: u.ben!,
    amount: 1500,
    created: '2026-02-10T10:00:00Z',
    closed: '2026-03-10T10:00:00Z',
    path: ['Lead in'],
  });
  await deal('L3', {
    stage: 'Lost',
    owner: u.ben!,
    amount: 600,
    created: '2025-10-01T10:00:00Z',
    closed: '2025-11-01T10:00:00Z',
  });
  // Open (valued today: EUR at 1.20):
  await deal('O1', {
    stage: 'Lead in',
    owner: u.ann!,
    amount: 1000, // weighted 10 % = 100
    created: '2026-01-20T10:00:00Z',
    expected: '2026-03-15',
  });
  await deal('O2', {
    stage: 'Proposal',
    owner: u.ann!,
    amount: 2000,
    currency: 'EUR', // 2,400 USD, weighted at its own 80 % = 1,920
    probability: 80,
    created: '2026-02-15T10:00:00Z',
    expected: '2026-04-15',
    path: ['Lead in', 'Qualified'],
  });
  await deal('O3', {
    stage: 'Negotiation',
    owner: u.ben!,
    amount: 4000, // weighted 75 % = 3,000
    created: '2025-11-01T10:00:00Z',
    expected: '2026-03-31',
  });
  await deal('O4', {
    stage: 'Qualified',
    owner: u.manager!,
    amount: 1200, // weighted 25 % = 300
    created: '2026-03-05T10:00:00Z',
    path: ['Lead in', 'Qualified', 'Proposal'], // reached Proposal, then moved back
  });
  await deal('O5', {
    stage: 'Lead in',
    owner: null,
    amount: 300, // weighted 30
    created: '2026-01-25T10:00:00Z',
    expected: '2026-02-28',
  });
  await deal('O6', {
    stage: 'Renewal due',
    owner: u.ben!,
    amount: 500, // weighted 40 % = 200
    created: '2026-02-20T10:00:00Z',
    expected: '2026-03-20',
  });
  await deal('O7 archived', {
    stage: 'Negotiation',
    owner: u.ann!,
    amount: 5000,
    created: '2026-01-05T10:00:00Z',
    expected: '2026-03-01',
    archived: true,
  });

  // Monthly targets (USD): Ann 3,100 / 2,800 / 3,100 / 3,000 for January–April, Ben 6,200 in
  // January and 3,100 in March. Q1: Ann 9,000, Ben 9,300.
  await db.query(
    `insert into public.sales_targets (org_id, user_id, month, amount) values
       ($1, $2, '2026-01-01', 3100), ($1, $2, '2026-02-01', 2800), ($1, $2, '2026-03-01', 3100), ($1, $2, '2026-04-01', 3000),
       ($1, $3, '2026-01-01', 6200), ($1, $3, '2026-03-01', 3100)`,
    [orgId, u.ann!.id, u.ben!.id],
  );

  // Leads (Berlin time decides the day).
  await lead(u.ann!, 'Web', campaign.c1!, '2026-01-12T10:00:00Z', { converted: true });
  await lead(u.ann!, 'Web', campaign.c1!, '2026-01-13T10:00:00Z');
  await lead(u.ben!, 'Web', null, '2026-02-01T10:00:00Z', { converted: true });
  await lead(u.ben!, 'Referral', campaign.c5!, '2026-02-05T10:00:00Z', { converted: true });
  await lead(u.ben!, null, null, '2026-03-01T10:00:00Z');
  await lead(u.manager!, 'Event', campaign.c4!, '2026-03-15T10:00:00Z');
  await lead(u.ann!, null, campaign.c1!, '2026-03-30T22:30:00Z'); // 2026-03-31 00:30 in Berlin: in Q1
  await lead(u.ann!, 'Web', null, '2026-03-31T22:30:00Z'); // 2026-04-01 00:30 in Berlin: not in Q1
  await lead(u.ann!, 'Web', null, '2026-02-01T10:00:00Z', { archived: true });
  await lead(u.ann!, 'Web', campaign.c3!, '2025-06-15T10:00:00Z');

  // Support: SLA targets in business minutes (Mon–Fri 09:00–17:00 Berlin): urgent 60 / 240,
  // high 120 / 480, normal 240 / 960; low has no policy, so its tickets get no due times.
  await db.query(
    `update public.sla_policies set first_response_minutes = v.fr, resolution_minutes = v.res
     from (values ('urgent', 60, 240), ('high', 120, 480), ('normal', 240, 960)) v(priority, fr, res)
     where org_id = $1 and sla_policies.priority = v.priority::public.ticket_priority`,
    [orgId],
  );
  await db.query(`delete from public.sla_policies where org_id = $1 and priority = 'low'`, [orgId]);
  // T1 urgent, Mon 5 Jan 09:00 Berlin: response due 10:00, answered 09:30 (30 min, met); resolution
  // due 13:00, resolved 12:00 (met).
  await ticket('urgent', 'resolved', u.sue!, '2026-01-05T08:00:00Z', '2026-01-05T08:30:00Z', '2026-01-05T11:00:00Z');
  // T2 urgent, Tue 6 Jan 09:00: response due 10:00, answered 11:00 (120 min, breached); resolved
  // 12:30 before 13:00 (met).
  await ticket('urgent', 'resolved', u.sue!, '2026-01-06T08:00:00Z', '2026-01-06T10:00:00Z', '2026-01-06T11:30:00Z');
  // T3 high, Wed 7 Jan 10:00: response due 12:00, answered 10:45 (45 min, met); resolution due
  // Thu 10:00 (7 h on Wednesday + 1 h), still open: breached.
  await ticket('high', 'open', null, '2026-01-07T09:00:00Z', '2026-01-07T09:45:00Z', null);
  // T4 normal, Thu 5 Feb 14:00: response due Fri 10:00 (3 h + 1 h), answered Fri 09:30 (1,170
  // min, met); resolution due Mon 9 Feb 14:00 (3 h + 8 h + 5 h), resolved Tue 10 Feb: breached.
  await ticket('normal', 'closed', u.sue!, '2026-02-05T13:00:00Z', '2026-02-06T08:30:00Z', '2026-02-10T09:00:00Z');
  // T5 low (no due times), Mon 2 Mar: answered after 10 min (met), not resolved (undecided).
  await ticket('low', 'pending', u.sue!, '2026-03-02T09:00:00Z', '2026-03-02T09:10:00Z', null);
  // T6 low, Tue 3 Mar: neither answered nor resolved, no due times: undecided on both.
  await ticket('low', 'new', null, '2026-03-03T09:00:00Z', null, null);
  // T7 urgent, 1 April 00:30 Berlin: after Q1 (open now).
  await ticket('urgent', 'new', u.sue!, '2026-03-31T22:30:00Z', null, null);
  // T8 archived, in Q1 and open: counted nowhere.
  await ticket('normal', 'open', u.sue!, '2026-01-08T09:00:00Z', null, null, true);
  // T9 normal, created in December, resolved Fri 2 Jan: in Q1's resolved series only.
  await ticket('normal', 'resolved', u.sue!, '2025-12-15T09:00:00Z', '2025-12-15T09:30:00Z', '2026-01-02T09:00:00Z');
  // T10 urgent, created now: its due times are still ahead (undecided), open now.
  await ticket('urgent', 'new', null, new Date().toISOString(), null, null);

  // Another organisation with a big win in Q1, its own team: never part of KPI Co's figures.
  u.oz = await db.createUser('oz@other-kpi.test', 'Oz Other');
  [{ id: otherOrgId }] = (await db.as<{ id: string }>(
    u.oz,
    `select id from public.create_organization('Other KPI', 'other-kpi', 'USD')`,
  )) as [{ id: string }];
  const [otherWon] = await db.query<{ id: string }>(
    `select id from public.pipeline_stages where org_id = $1 and kind = 'won'`,
    [otherOrgId],
  );
  await db.query(
    `insert into public.deals (org_id, stage_id, title, amount, owner_id, created_at, closed_at)
     values ($1, $2, 'Other win', 777777, $3, '2026-01-10T10:00:00Z', '2026-02-10T10:00:00Z')`,
    [otherOrgId, otherWon!.id, u.oz.id],
  );
  otherTeam = await insert('sales_teams', { org_id: otherOrgId, name: 'Elsewhere' });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('sales_kpis', () => {
  it('Q1 for the whole organisation, as a manager', async () => {
    const k = await sales(u.manager!, ...Q1);
    expect(k.currency).toBe('USD');
    expect(k.bucket).toBe('week');
    // Open now: O1–O6 (the archived O7 left out); value 1,000 + 2,400 + 4,000 + 1,200 + 300 + 500
    // = 9,400; weighted 100 + 1,920 + 3,000 + 300 + 30 + 200 = 5,550.
    expect(k.pipeline).toEqual({
      open_count: 6,
      open_value: 9400,
      weighted_value: 5550,
      by_stage: [
        {
          stage_id: stage['Lead in'],
          stage_name: 'Lead in',
          pipeline_id: salesPipeline,
          position: 0,
          count: 2,
          value: 1300,
          weighted_value: 130,
        },
        {
          stage_id: stage.Qualified,
          stage_name: 'Qualified',
          pipeline_id: salesPipeline,
          position: 1,
          count: 1,
          value: 1200,
          weighted_value: 300,
        },
        {
          stage_id: stage.Proposal,
          stage_name: 'Proposal',
          pipeline_id: salesPipeline,
          position: 2,
          count: 1,
          value: 2400,
          weighted_value: 1920,
        },
        {
          stage_id: stage.Negotiation,
          stage_name: 'Negotiation',
          pipeline_id: salesPipeline,
          position: 3,
          count: 1,
          value: 4000,
          weighted_value: 3000,
        },
        {
          stage_id: stage['Renewal due'],
          stage_name: 'Renewal due',
          pipeline_id: renewals,
          position: 0,
          count: 1,
          value: 500,
          weighted_value: 200,
        },
      ],
    });
    // Won in Q1 (Berlin days): W1 1,000, W2 2,400, W3 500, W4 3,300, W6 400 = 7,600 (W5 closed on
    // 1 April in Berlin, W7 is archived). Lost: L1, L2. Win rate 5/7; average 7,600/5 = 1,520;
    // cycle (10 + 30 + 51 + 10 + 10)/5 = 22.2 days; velocity 6 × 5/7 × 1,520 / 22.2 = 293.436…
    expect(k.won_count).toBe(5);
    expect(k.won_value).toBe(7600);
    expect(k.lost_count).toBe(2);
    expect(k.win_rate).toBe(0.7143);
    expect(k.avg_deal_size).toBe(1520);
    expect(k.sales_cycle_days).toBe(22.2);
    expect(k.velocity_per_day).toBe(293.44);
    // Created in Q1 in the Sales pipeline: W1, W2, W4, W5 (won: every stage), O2 (Proposal), O4
    // (back in Qualified, but its history reached Proposal), L1 (Qualified, then lost), O1, O5,
    // L2 (Lead in). Lead in 10, Qualified 7, Proposal 6, Negotiation 4, Won 4.
    expect(k.funnel).toEqual([
      { stage_id: stage['Lead in'], stage_name: 'Lead in', position: 0, reached: 10 },
      { stage_id: stage.Qualified, stage_name: 'Qualified', position: 1, reached: 7 },
      { stage_id: stage.Proposal, stage_name: 'Proposal', position: 2, reached: 6 },
      { stage_id: stage.Negotiation, stage_name: 'Negotiation', position: 3, reached: 4 },
      { stage_id: stage.Won, stage_name: 'Won', position: 4, reached: 4 },
    ]);
    // Weeks: W6 on Thu 1 Jan (week of 29 Dec), W1 on 15 Jan (12 Jan), W4 on 20 Jan (19 Jan), W3 on
    // 9 Feb (9 Feb), W2 on 3 Mar (2 Mar).
    expect(k.won_series).toEqual(
      series(WEEKS, {
        '2025-12-29': [1, 400],
        '2026-01-12': [1, 1000],
        '2026-01-19': [1, 3300],
        '2026-02-09': [1, 500],
        '2026-03-02': [1, 2400],
      }),
    );
    // Targets 9,000 + 9,300 = 18,300; attainment 7,600/18,300 = 0.41530…; open deals expected in
    // Q1: O1 1,000 + O3 4,000 + O5 300 + O6 500 = 5,800, against 18,300 − 7,600 = 10,700 to win.
    expect(k.target).toEqual({ amount: 18300, attainment: 0.4153, coverage: 0.5421, open_in_range_value: 5800 });
    // Ben won W3 + W4 = 3,800 (open O3 + O6 = 4,500); Ann W1 + W2 = 3,400 (open O1 + O2 = 3,400);
    // Mia W6 400 (open O4 1,200); nobody's O5 300.
    expect(k.by_owner).toEqual([
      { owner_id: u.ben!.id, owner_name: 'Ben Rep', won_count: 2, won_value: 3800, open_value: 4500, target: 9300 },
      { owner_id: u.ann!.id, owner_name: 'Ann Rep', won_count: 2, won_value: 3400, open_value: 3400, target: 9000 },
      {
        owner_id: u.manager!.id,
        owner_name: 'Mia Manager',
        won_count: 1,
        won_value: 400,
        open_value: 1200,
        target: null,
      },
      { owner_id: null, owner_name: null, won_count: 0, won_value: 0, open_value: 300, target: null },
    ]);
  });

  it('keeps the furthest stage each deal entered, which clients cannot set, and rebuilds it from the history', async () => {
    const furthest = async (title: string) =>
      (
        await db.query<{ s: string }>(`select furthest_stage_id as s from public.deals where id = $1`, [dealId[title]])
      )[0]!.s;
    // O4 went to Proposal and back; L1 reached Qualified before it was lost.
    expect([await furthest('O4'), await furthest('L1'), await furthest('W1')]).toEqual([
      stage.Proposal,
      stage.Qualified,
      stage.Won,
    ]);
    // Ann cannot move O1 (Lead in) further down the funnel by writing the column.
    await db.as(u.ann!, `update public.deals set furthest_stage_id = $2, notes = 'Pushed' where id = $1`, [
      dealId.O1,
      stage.Won,
    ]);
    expect(await furthest('O1')).toBe(stage['Lead in']);

    // Deals loaded with the triggers off have none: the funnel then sees only current stages (O4 in
    // Qualified, the lost L1 and L2 nowhere): Lead in 8, Qualified 6, Proposal 5, Negotiation 4, Won 4.
    await db.query(
      `set session_replication_role = replica;
       update public.deals set furthest_stage_id = null where org_id = '${orgId}';
       reset session_replication_role`,
    );
    expect((await sales(u.manager!, ...Q1)).funnel.map((f) => f.reached)).toEqual([8, 6, 5, 4, 4]);
    // Rebuilt from the stage history: the figures of the first test again.
    await db.query(`select private.rebuild_deal_furthest_stages($1)`, [orgId]);
    expect((await sales(u.manager!, ...Q1)).funnel.map((f) => f.reached)).toEqual([10, 7, 6, 4, 4]);
    expect([await furthest('O4'), await furthest('L1'), await furthest('O1')]).toEqual([
      stage.Proposal,
      stage.Qualified,
      stage['Lead in'],
    ]);
  });

  it('a sales rep reads only their own target, so the target figures differ from the manager’s', async () => {
    // The same deals (every CRM reader reads them), but only Ann's targets: 9,000 for Q1.
    const k = await sales(u.ann!, ...Q1);
    expect(k.won_value).toBe(7600);
    // 7,600 / 9,000 = 0.8444…; 5,800 / (9,000 − 7,600) = 4.142857…
    expect(k.target).toEqual({ amount: 9000, attainment: 0.8444, coverage: 4.1429, open_in_range_value: 5800 });
    expect(k.by_owner.map((o) => [o.owner_name, o.target])).toEqual([
      ['Ben Rep', null],
      ['Ann Rep', 9000],
      ['Mia Manager', null],
      [null, null],
    ]);
    // Ben's own figures as Ann sees them: his deals, no target.
    expect((await sales(u.ann!, ...Q1, { p_owner_id: u.ben!.id })).target).toBeNull();
    // As the table reads: Ann's four monthly rows and none of Ben's.
    const rows = await db.as<{ user_id: string }>(
      u.ann!,
      `select user_id from public.sales_targets where org_id = $1`,
      [orgId],
    );
    expect(rows.map((r) => r.user_id)).toEqual([u.ann!.id, u.ann!.id, u.ann!.id, u.ann!.id]);
  });

  it('filters by owner: Ann’s own dashboard', async () => {
    const k = await sales(u.ann!, ...Q1, { p_owner_id: u.ann!.id });
    // Open: O1 (1,000, weighted 100) and O2 (2,400, weighted 1,920).
    expect(k.pipeline.open_count).toBe(2);
    expect(k.pipeline.open_value).toBe(3400);
    expect(k.pipeline.weighted_value).toBe(2020);
    expect(k.pipeline.by_stage.map((s) => [s.stage_name, s.count, s.value, s.weighted_value])).toEqual([
      ['Lead in', 1, 1000, 100],
      ['Qualified', 0, 0, 0],
      ['Proposal', 1, 2400, 1920],
      ['Negotiation', 0, 0, 0],
      ['Renewal due', 0, 0, 0],
    ]);
    // Won W1 + W2 = 3,400, lost L1: win rate 2/3, average 1,700, cycle (10 + 30)/2 = 20 days,
    // velocity 2 × 2/3 × 1,700 / 20 = 113.33.
    expect([k.won_count, k.won_value, k.lost_count, k.win_rate, k.avg_deal_size]).toEqual([2, 3400, 1, 0.6667, 1700]);
    expect([k.sales_cycle_days, k.velocity_per_day]).toEqual([20, 113.33]);
    // W1, W2 (won), O2 (Proposal), L1 (Qualified), O1 (Lead in).
    expect(k.funnel.map((f) => f.reached)).toEqual([5, 4, 3, 2, 2]);
    // 3,400 / 9,000 = 0.3778; O1 (1,000) expected in Q1 against 5,600 to win = 0.1786.
    expect(k.target).toEqual({ amount: 9000, attainment: 0.3778, coverage: 0.1786, open_in_range_value: 1000 });
    expect(k.by_owner).toEqual([
      { owner_id: u.ann!.id, owner_name: 'Ann Rep', won_count: 2, won_value: 3400, open_value: 3400, target: 9000 },
    ]);
  });

  it('filters by team: West (Ben)', async () => {
    const k = await sales(u.manager!, ...Q1, { p_team_id: west });
    // Open O3 (4,000, weighted 3,000) and O6 (500, weighted 200); won W3 500 + W4 3,300; lost L2.
    expect([k.pipeline.open_count, k.pipeline.open_value, k.pipeline.weighted_value]).toEqual([2, 4500, 3200]);
    expect([k.won_count, k.won_value, k.lost_count, k.win_rate, k.avg_deal_size]).toEqual([2, 3800, 1, 0.6667, 1900]);
    // Cycle (51 + 10)/2 = 30.5; velocity 2 × 2/3 × 1,900 / 30.5 = 83.06.
    expect([k.sales_cycle_days, k.velocity_per_day]).toEqual([30.5, 83.06]);
    // Created in Q1 in Sales: W4 (won) and L2 (Lead in).
    expect(k.funnel.map((f) => f.reached)).toEqual([2, 1, 1, 1, 1]);
    // 3,800 / 9,300 = 0.4086; O3 + O6 = 4,500 expected in Q1 against 5,500 to win = 0.8182.
    expect(k.target).toEqual({ amount: 9300, attainment: 0.4086, coverage: 0.8182, open_in_range_value: 4500 });
    expect(k.by_owner.map((o) => o.owner_id)).toEqual([u.ben!.id]);
    // East is Ann alone: the same as her owner filter.
    const eastK = await sales(u.manager!, ...Q1, { p_team_id: east });
    expect([eastK.won_value, eastK.pipeline.open_value, eastK.target?.amount]).toEqual([3400, 3400, 9000]);
  });

  it('filters by pipeline: Renewals', async () => {
    const k = await sales(u.manager!, ...Q1, { p_pipeline_id: renewals });
    expect(k.pipeline).toEqual({
      open_count: 1,
      open_value: 500,
      weighted_value: 200,
      by_stage: [
        {
          stage_id: stage['Renewal due'],
          stage_name: 'Renewal due',
          pipeline_id: renewals,
          position: 0,
          count: 1,
          value: 500,
          weighted_value: 200,
        },
      ],
    });
    expect([k.won_count, k.won_value, k.lost_count]).toEqual([0, 0, 0]);
    expect([k.win_rate, k.avg_deal_size, k.sales_cycle_days, k.velocity_per_day]).toEqual([null, null, null, null]);
    // O6 was created in Q1 in Renewals, still open.
    expect(k.funnel).toEqual([
      { stage_id: stage['Renewal due'], stage_name: 'Renewal due', position: 0, reached: 1 },
      { stage_id: stage.Renewed, stage_name: 'Renewed', position: 1, reached: 0 },
    ]);
    expect(k.won_series).toEqual(series(WEEKS, {}));
    // Targets are per person, not per pipeline: 18,300; nothing won; O6 (500) against 18,300.
    expect(k.target).toEqual({ amount: 18300, attainment: 0, coverage: 0.0273, open_in_range_value: 500 });
    expect(k.by_owner).toEqual([
      { owner_id: u.ben!.id, owner_name: 'Ben Rep', won_count: 0, won_value: 0, open_value: 500, target: 9300 },
    ]);
  });

  it('counts the org’s days at the range’s edges, prorates targets by day and picks the bucket by length', async () => {
    // April (30 days, daily): W5, closed 1 April 01:30 in Berlin; Ann's April target 3,000.
    const april = await sales(u.manager!, '2026-04-01', '2026-04-30');
    expect(april.bucket).toBe('day');
    expect([april.won_count, april.won_value, april.lost_count]).toEqual([1, 700, 0]);
    expect(april.won_series).toHaveLength(30);
    expect(april.won_series[0]).toEqual({ period: '2026-04-01', won_count: 1, won_value: 700 });
    expect(april.won_series.slice(1).every((s) => s.won_count === 0 && s.won_value === 0)).toBe(true);
    expect(april.target?.amount).toBe(3000);

    // 16 Jan – 14 Feb: Ann 3,100 × 16/31 + 2,800 × 14/28 = 1,600 + 1,400; Ben 6,200 × 16/31 = 3,200.
    // Won: W4 (20 Jan, 3,300), W3 (9 Feb, 500). L1 lost 1 Feb.
    const part = await sales(u.manager!, '2026-01-16', '2026-02-14');
    expect(part.target?.amount).toBe(6200);
    expect(part.won_value).toBe(3800);
    expect(part.by_owner.map((o) => [o.owner_name, o.target])).toEqual([
      ['Ben Rep', 3200],
      ['Ann Rep', 3000],
      ['Mia Manager', null],
      [null, null],
    ]);

    // July 2025 – March 2026 (274 days, monthly): W8 (15 Nov, 1,000 EUR before the first EUR rate:
    // at that first rate, 1.10) = 1,100; January W6 + W1 + W4 = 4,700; February W3; March W2.
    const months = await sales(u.manager!, '2025-07-01', '2026-03-31');
    expect(months.bucket).toBe('month');
    expect(months.won_series).toEqual(
      series(
        [
          '2025-07-01',
          '2025-08-01',
          '2025-09-01',
          '2025-10-01',
          '2025-11-01',
          '2025-12-01',
          '2026-01-01',
          '2026-02-01',
          '2026-03-01',
        ],
        { '2025-11-01': [1, 1100], '2026-01-01': [3, 4700], '2026-02-01': [1, 500], '2026-03-01': [1, 2400] },
      ),
    );
    expect([months.won_count, months.won_value, months.lost_count]).toEqual([6, 8700, 3]);
  });

  it('an empty range still has its buckets, the open pipeline and no target', async () => {
    const k = await sales(u.manager!, '2024-01-01', '2024-01-07');
    expect(k.bucket).toBe('day');
    expect(k.won_series).toEqual(
      series(['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-06', '2024-01-07'], {}),
    );
    expect([k.won_count, k.won_value, k.lost_count, k.win_rate, k.avg_deal_size]).toEqual([0, 0, 0, null, null]);
    expect([k.sales_cycle_days, k.velocity_per_day, k.target]).toEqual([null, null, null]);
    expect(k.funnel.map((f) => f.reached)).toEqual([0, 0, 0, 0, 0]);
    expect(k.pipeline.open_value).toBe(9400);
    expect(k.by_owner.map((o) => [o.owner_name, o.won_value, o.open_value, o.target])).toEqual([
      ['Ben Rep', 0, 4500, null],
      ['Ann Rep', 0, 3400, null],
      ['Mia Manager', 0, 1200, null],
      [null, 0, 300, null],
    ]);
  });

  it('refuses the warehouse, another organisation, foreign teams and pipelines, and bad ranges', async () => {
    const q = (actor: Actor, sql: string, params: unknown[]) => db.as(actor, sql, params);
    await expect(q(u.wes!, `select public.sales_kpis($1, '2026-01-01', '2026-03-31')`, [orgId])).rejects.toMatchObject({
      code: '42501',
    });
    // Not a member: the org does not exist for them, whoever asks.
    await expect(q(u.oz!, `select public.sales_kpis($1, '2026-01-01', '2026-03-31')`, [orgId])).rejects.toMatchObject({
      code: 'P0002',
    });
    await expect(
      q(u.manager!, `select public.sales_kpis($1, '2026-01-01', '2026-03-31')`, [otherOrgId]),
    ).rejects.toMatchObject({ code: 'P0002' });
    await expect(
      q(u.manager!, `select public.sales_kpis($1, '2026-01-01', '2026-03-31', p_team_id => $2)`, [orgId, otherTeam]),
    ).rejects.toMatchObject({ code: 'P0002', message: 'Team not found' });
    const [otherPipeline] = await db.query<{ id: string }>(`select id from public.pipelines where org_id = $1`, [
      otherOrgId,
    ]);
    await expect(
      q(u.manager!, `select public.sales_kpis($1, '2026-01-01', '2026-03-31', p_pipeline_id => $2)`, [
        orgId,
        otherPipeline!.id,
      ]),
    ).rejects.toMatchObject({ code: 'P0002', message: 'Pipeline not found' });
    await expect(
      q(u.manager!, `select public.sales_kpis($1, '2026-03-31', '2026-01-01')`, [orgId]),
    ).rejects.toMatchObject({
      code: '22023',
    });
    await expect(q(u.manager!, `select public.sales_kpis($1, null, '2026-01-01')`, [orgId])).rejects.toMatchObject({
      code: '22004',
    });
    await expect(
      q(u.manager!, `select public.sales_kpis($1, '2023-01-01', '2026-01-01')`, [orgId]),
    ).rejects.toMatchObject({
      code: '22023',
      message: 'Choose a period of at most three years',
    });
    // Three years to the day is allowed.
    await expect(
      q(u.manager!, `select public.sales_kpis($1, '2023-01-02', '2026-01-01')`, [orgId]),
    ).resolves.toHaveLength(1);
    // Every other CRM reader may read them.
    for (const actor of [u.owner!, u.sue!, u.vic!]) {
      expect((await sales(actor, ...Q1)).won_value).toBe(7600);
    }
  });

  it('says which currency lacks an exchange rate', async () => {
    const client = new pg.Client({ connectionString: stack.adminDbUrl });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(
        `insert into public.deals (org_id, stage_id, title, amount, currency, owner_id) values ($1, $2, 'In pounds', 100, 'GBP', $3)`,
        [orgId, stage['Lead in'], u.ann!.id],
      );
      await client.query(
        `select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`,
        [JSON.stringify({ role: 'authenticated', sub: u.manager!.id })],
      );
      await expect(
        client.query(`select public.sales_kpis($1, '2026-01-01', '2026-03-31')`, [orgId]),
      ).rejects.toMatchObject({ code: '23514', message: 'No exchange rate for GBP' });
    } finally {
      await client.query('rollback');
      await client.end();
    }
  });
});

describe('lead_kpis', () => {
  it('Q1 for the whole organisation', async () => {
    const k = await leads(u.manager!, ...Q1);
    // Created in Q1 (Berlin): the seven leads from 12 Jan to 31 Mar 00:30 (not the one of 1 April,
    // nor the archived or the 2025 ones); converted: the two 12 Jan / 1 Feb Web leads and the referral.
    expect(k).toEqual({
      currency: 'USD',
      created: 7,
      converted: 3,
      conversion_rate: 0.4286,
      by_source: [
        { source: 'Web', leads: 3, converted: 2, conversion_rate: 0.6667 },
        { source: null, leads: 2, converted: 0, conversion_rate: 0 },
        { source: 'Event', leads: 1, converted: 0, conversion_rate: 0 },
        { source: 'Referral', leads: 1, converted: 1, conversion_rate: 1 },
      ],
      // Winter webinar: 3 leads (1 converted), won W2 2,400 + W3 500 = 2,900 against 1,100:
      // (2,900 − 1,100)/1,100 = 1.6364. Referral program: Ben's referral lead, no budget. Trade
      // fair: no leads, but ran in March: (0 − 2,000)/2,000. Old mailing (June 2025) and the
      // archived campaign are left out.
      by_campaign: [
        {
          campaign_id: campaign.c1,
          name: 'Winter webinar',
          budget: 1100,
          leads: 3,
          converted: 1,
          won_count: 2,
          won_value: 2900,
          return_on_budget: 1.6364,
        },
        {
          campaign_id: campaign.c5,
          name: 'Referral program',
          budget: 0,
          leads: 1,
          converted: 1,
          won_count: 0,
          won_value: 0,
          return_on_budget: null,
        },
        {
          campaign_id: campaign.c2,
          name: 'Trade fair',
          budget: 2000,
          leads: 0,
          converted: 0,
          won_count: 0,
          won_value: 0,
          return_on_budget: -1,
        },
      ],
    });
  });

  it('team East (Ann) and an empty range', async () => {
    const k = await leads(u.ann!, ...Q1, { p_team_id: east });
    // Ann's Q1 leads: 12 Jan (Web, converted), 13 Jan (Web), 31 Mar (no source); her won W2 only.
    expect(k).toEqual({
      currency: 'USD',
      created: 3,
      converted: 1,
      conversion_rate: 0.3333,
      by_source: [
        { source: 'Web', leads: 2, converted: 1, conversion_rate: 0.5 },
        { source: null, leads: 1, converted: 0, conversion_rate: 0 },
      ],
      by_campaign: [
        {
          campaign_id: campaign.c1,
          name: 'Winter webinar',
          budget: 1100,
          leads: 3,
          converted: 1,
          won_count: 1,
          won_value: 2400,
          return_on_budget: 1.1818,
        },
        {
          campaign_id: campaign.c2,
          name: 'Trade fair',
          budget: 2000,
          leads: 0,
          converted: 0,
          won_count: 0,
          won_value: 0,
          return_on_budget: -1,
        },
      ],
    });
    expect(await leads(u.manager!, '2024-01-01', '2024-01-31')).toEqual({
      currency: 'USD',
      created: 0,
      converted: 0,
      conversion_rate: null,
      by_source: [],
      by_campaign: [],
    });
    await expect(
      db.as(u.wes!, `select public.lead_kpis($1, '2026-01-01', '2026-03-31')`, [orgId]),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      db.as(u.oz!, `select public.lead_kpis($1, '2026-01-01', '2026-03-31')`, [orgId]),
    ).rejects.toMatchObject({ code: 'P0002' });
    await expect(
      db.as(u.manager!, `select public.lead_kpis($1, '2026-02-01', '2026-01-31')`, [orgId]),
    ).rejects.toMatchObject({ code: '22023' });
  });
});

describe('support_kpis', () => {
  it('Q1 for everyone', async () => {
    const k = await support(u.manager!, ...Q1);
    expect(k).toEqual({
      bucket: 'week',
      // T1–T6 (T7 is April in Berlin, T8 archived, T9 December).
      created: 6,
      resolved: 3, // T1, T2, T4
      // T3, T5, T6, T7 and T10 (created now), whatever the range.
      open_now: 5,
      first_response_met: 4, // T1, T3, T4, T5 (no due time)
      first_response_breached: 1, // T2
      resolution_met: 2, // T1, T2
      resolution_breached: 2, // T3 (still open past due), T4 (late)
      // Decided: T1 (met both), T2, T3, T4 (each breached one); T5 and T6 await a target.
      sla_attainment: 0.25,
      // Answered: T1 30, T2 120, T3 45, T4 1,170, T5 10 minutes: mean 275, median 45.
      avg_first_response_minutes: 275,
      median_first_response_minutes: 45,
      by_priority: [
        { priority: 'low', created: 2, breached: 0 },
        { priority: 'normal', created: 1, breached: 1 },
        { priority: 'high', created: 1, breached: 1 },
        { priority: 'urgent', created: 2, breached: 1 },
      ],
      // Created: T1–T3 in the week of 5 Jan, T4 in that of 2 Feb, T5–T6 in that of 2 Mar.
      // Resolved: T9 (2 Jan), T1 and T2 (5 and 6 Jan), T4 (10 Feb).
      series: WEEKS.map((period) => ({
        period,
        created: { '2026-01-05': 3, '2026-02-02': 1, '2026-03-02': 2 }[period] ?? 0,
        resolved: { '2025-12-29': 1, '2026-01-05': 2, '2026-02-09': 1 }[period] ?? 0,
      })),
    });
  });

  it('one assignee (Sue), tickets not yet due, and refusals', async () => {
    const k = await support(u.sue!, ...Q1, { p_assignee_id: u.sue!.id });
    // Sue's: T1, T2, T4, T5. Decided T1, T2, T4; met both T1. Minutes 30, 120, 1,170, 10: mean
    // 332.5, median (30 + 120)/2 = 75. Open now: T5 and T7.
    expect(k).toMatchObject({
      created: 4,
      resolved: 3,
      open_now: 2,
      first_response_met: 3,
      first_response_breached: 1,
      resolution_met: 2,
      resolution_breached: 1,
      sla_attainment: 0.3333,
      avg_first_response_minutes: 332.5,
      median_first_response_minutes: 75,
    });
    // Around today: T10, due later today or on the next working day, is undecided.
    const day = 86_400_000;
    const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
    const now = await support(u.manager!, iso(Date.now() - 2 * day), iso(Date.now() + 2 * day));
    expect(now).toMatchObject({
      bucket: 'day',
      created: 1,
      first_response_met: 0,
      first_response_breached: 0,
      resolution_met: 0,
      resolution_breached: 0,
      sla_attainment: null,
      avg_first_response_minutes: null,
      median_first_response_minutes: null,
    });
    expect(now.series).toHaveLength(5);
    await expect(
      db.as(u.wes!, `select public.support_kpis($1, '2026-01-01', '2026-03-31')`, [orgId]),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      db.as(u.oz!, `select public.support_kpis($1, '2026-01-01', '2026-03-31')`, [orgId]),
    ).rejects.toMatchObject({ code: 'P0002' });
  });
});
