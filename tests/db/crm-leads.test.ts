// Leads and campaigns: scoring by the org's rules (on lead and on rule changes),
// conversion into account + contact + deal in one transaction (nothing half-done on
// failure, never twice), and campaign attribution with cost per lead and return.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let rep: Actor;
let viewer: Actor;
let orgId: string;

async function lead(values: Record<string, unknown>): Promise<string> {
  const all = { org_id: orgId, ...values };
  const cols = Object.keys(all);
  const [row] = await db.as<{ id: string }>(
    rep,
    `insert into public.leads (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
    Object.values(all),
  );
  return row!.id;
}
const counts = async () =>
  (
    await db.query<{ accounts: number; contacts: number; deals: number }>(
      `select (select count(*)::int from public.accounts where org_id = $1) as accounts,
              (select count(*)::int from public.contacts where org_id = $1) as contacts,
              (select count(*)::int from public.deals where org_id = $1) as deals`,
      [orgId],
    )
  )[0]!;

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  rep = await db.createUser('rep@leads.test');
  viewer = await db.createUser('viewer@leads.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    rep,
    `select id from public.create_organization('Lead Co', 'lead-co')`,
  )) as [{ id: string }];
  await db.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, 'viewer')`, [
    orgId,
    viewer.id,
  ]);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('lead scoring', () => {
  it('scores by the rules, and rescores when a lead or a rule changes', async () => {
    await db.as(
      rep,
      `insert into public.lead_scoring_rules (org_id, field, operator, value, points) values
        ($1, 'source', 'equals', 'Referral', 30), ($1, 'phone', 'is_set', null, 10), ($1, 'estimated_value', 'greater_than', '10000', 25)`,
      [orgId],
    );
    const id = await lead({ company_name: 'Hot Prospect', source: 'referral', estimated_value: 50000 });
    expect(await db.query(`select score from public.leads where id = $1`, [id])).toEqual([{ score: 55 }]);
    await db.as(rep, `update public.leads set phone = '+1 555 0101' where id = $1`, [id]);
    expect(await db.query(`select score from public.leads where id = $1`, [id])).toEqual([{ score: 65 }]);
    await db.as(rep, `update public.lead_scoring_rules set points = 50 where org_id = $1 and field = 'source'`, [
      orgId,
    ]);
    expect(await db.query(`select score from public.leads where id = $1`, [id])).toEqual([{ score: 85 }]);
    await db.as(rep, `update public.leads set score = 999 where id = $1`, [id]);
    expect(await db.query(`select score from public.leads where id = $1`, [id])).toEqual([{ score: 85 }]);
  });
});

describe('convert_lead', () => {
  it('creates account, contact and deal in one go, linked and attributed', async () => {
    const [{ id: campaign }] = (await db.as<{ id: string }>(
      rep,
      `insert into public.campaigns (org_id, name, budget) values ($1, 'Spring fair', 1000) returning id`,
      [orgId],
    )) as [{ id: string }];
    const id = await lead({
      company_name: 'Vandelay Industries',
      contact_name: 'Art Vandelay',
      email: 'art@vandelay.example',
      estimated_value: 4200,
      campaign_id: campaign,
    });
    const [converted] = await db.as<{
      status: string;
      converted_account_id: string;
      converted_contact_id: string;
      converted_deal_id: string;
    }>(rep, `select * from public.convert_lead($1)`, [id]);
    expect(converted!.status).toBe('converted');
    expect(
      await db.query(`select name, kind, domain from public.accounts where id = $1`, [converted!.converted_account_id]),
    ).toEqual([{ name: 'Vandelay Industries', kind: 'company', domain: 'vandelay.example' }]);
    expect(
      await db.query(`select first_name, last_name, account_id from public.contacts where id = $1`, [
        converted!.converted_contact_id,
      ]),
    ).toEqual([{ first_name: 'Art', last_name: 'Vandelay', account_id: converted!.converted_account_id }]);
    expect(
      await db.query(`select title, amount, account_id, contact_id, campaign_id from public.deals where id = $1`, [
        converted!.converted_deal_id,
      ]),
    ).toEqual([
      {
        title: 'Vandelay Industries deal',
        amount: '4200.00',
        account_id: converted!.converted_account_id,
        contact_id: converted!.converted_contact_id,
        campaign_id: campaign,
      },
    ]);
    await expect(db.as(rep, `select public.convert_lead($1)`, [id])).rejects.toMatchObject({ code: '23514' });
    await expect(db.as(rep, `update public.leads set status = 'new' where id = $1`, [id])).rejects.toMatchObject({
      code: '42501',
    });

    // Attribution: won revenue against the budget.
    const stage = (
      await db.query<{ id: string }>(`select id from public.pipeline_stages where org_id = $1 and kind = 'won'`, [
        orgId,
      ])
    )[0]!.id;
    await db.as(rep, `select public.move_deal($1, $2)`, [converted!.converted_deal_id, stage]);
    await lead({ contact_name: 'Walk-in', campaign_id: campaign });
    expect(
      await db.as(
        rep,
        `select leads, converted_leads, deals, won_amount, cost_per_lead, return_on_budget from public.campaign_stats where campaign_id = $1`,
        [campaign],
      ),
    ).toEqual([
      {
        leads: '2',
        converted_leads: '1',
        deals: '1',
        won_amount: '4200.00',
        cost_per_lead: '500.00',
        return_on_budget: '3.2000',
      },
    ]);
  });

  it('leaves nothing behind when a step fails, and refuses roles that may not convert', async () => {
    const id = await lead({ company_name: 'Half Done Ltd', contact_name: 'Pat Partial' });
    const before = await counts();
    const foreignStage = '00000000-0000-4000-8000-000000000000';
    await expect(
      db.as(rep, `select public.convert_lead($1, null, true, $2)`, [id, foreignStage]),
    ).rejects.toMatchObject({ code: '23514' });
    expect(await counts()).toEqual(before);
    expect(await db.query(`select status from public.leads where id = $1`, [id])).toEqual([{ status: 'new' }]);
    // A viewer cannot lock the lead for writing, so to them it is not there to convert.
    await expect(db.as(viewer, `select public.convert_lead($1)`, [id])).rejects.toMatchObject({ code: 'P0002' });
    expect(await counts()).toEqual(before);
    await expect(db.as(rep, `update public.leads set status = 'converted' where id = $1`, [id])).rejects.toMatchObject({
      code: '42501',
    });
  });
});

describe('round-robin lead assignment', () => {
  it('gives leads without an owner to the rotation in turn, also when they arrive at once', async () => {
    const second = await db.createUser('second@leads.test');
    const third = await db.createUser('third@leads.test');
    for (const user of [second, third]) {
      await db.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, 'sales')`, [
        orgId,
        user.id,
      ]);
    }
    await db.as(rep, `insert into public.lead_assignees (org_id, user_id) values ($1, $2), ($1, $3), ($1, $4)`, [
      orgId,
      rep.id,
      second.id,
      third.id,
    ]);
    const ids = await Promise.all(Array.from({ length: 9 }, (_, i) => lead({ company_name: `Rotation ${i}` })));
    const owners = await db.query<{ owner_id: string; n: number }>(
      `select owner_id, count(*)::int as n from public.leads where id = any($1) group by owner_id order by owner_id`,
      [ids],
    );
    expect(owners.map((o) => o.n)).toEqual([3, 3, 3]);
    expect(new Set(owners.map((o) => o.owner_id))).toEqual(new Set([rep.id, second.id, third.id]));

    // An explicit owner is kept; an inactive member is skipped; a member who leaves leaves the rotation.
    const mine = await lead({ company_name: 'Chosen owner', owner_id: third.id });
    expect(await db.query(`select owner_id from public.leads where id = $1`, [mine])).toEqual([{ owner_id: third.id }]);
    await db.as(rep, `update public.lead_assignees set active = false where user_id = $1`, [second.id]);
    await db.query(`delete from public.memberships where org_id = $1 and user_id = $2`, [orgId, third.id]);
    const next = await Promise.all([lead({ company_name: 'After 1' }), lead({ company_name: 'After 2' })]);
    expect(await db.query(`select distinct owner_id from public.leads where id = any($1)`, [next])).toEqual([
      { owner_id: rep.id },
    ]);
    expect(await db.query(`select count(*)::int as n from public.lead_assignees where org_id = $1`, [orgId])).toEqual([
      { n: 2 },
    ]);
  });

  it('takes only members of the organisation into the rotation, and only managers and up edit it', async () => {
    const stranger = await db.createUser('stranger@leads.test');
    await expect(
      db.as(rep, `insert into public.lead_assignees (org_id, user_id) values ($1, $2)`, [orgId, stranger.id]),
    ).rejects.toThrow(/Only members of the organisation/);
    await expect(
      db.as(viewer, `insert into public.lead_assignees (org_id, user_id) values ($1, $2)`, [orgId, viewer.id]),
    ).rejects.toThrow(/row-level security/);
  });
});
