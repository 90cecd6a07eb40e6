// Support tickets: SLA due times in business hours against a fixed calendar (time zone,
// weekends, a holiday, a DST change), due times that cannot be typed in, recomputation
// on priority change, breach flags and queue order, first responses, and customer
// e-mails through the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let agent: Actor;
let rep: Actor;
let keeper: Actor;
let orgId: string;
let contactId: string;

interface Ticket {
  id: string;
  number: string;
  first_response_due_at: string;
  resolution_due_at: string;
}

async function ticket(createdAt: string, priority = 'high', extra: Record<string, unknown> = {}): Promise<Ticket> {
  const values: Record<string, unknown> = {
    org_id: orgId,
    subject: `Ticket ${createdAt}`,
    priority,
    created_at: createdAt,
    ...extra,
  };
  const cols = Object.keys(values);
  const [row] = await db.as<Ticket>(
    agent,
    `insert into public.tickets (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})
     returning id, number, first_response_due_at, resolution_due_at`,
    Object.values(values),
  );
  return row!;
}

const iso = (v: string | Date) => new Date(v).toISOString();

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  agent = await db.createUser('agent@help.test');
  rep = await db.createUser('rep@help.test');
  keeper = await db.createUser('keeper@help.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    agent,
    `select id from public.create_organization('Help Co', 'help-co', 'EUR', 'Europe/Berlin')`,
  )) as [{ id: string }];
  // Mon–Fri 09:00–17:00 Berlin time; Wednesday 2026-12-23 is a company holiday.
  await db.query(`update public.organizations set holidays = '{2026-12-23}' where id = $1`, [orgId]);
  await db
    .query(`update public.memberships set role = 'support' where org_id = $1 and user_id = $2`, [orgId, agent.id])
    .catch(() => undefined);
  await db.query(
    `insert into public.memberships (org_id, user_id, role) values ($1, $2, 'sales'), ($1, $3, 'warehouse')`,
    [orgId, rep.id, keeper.id],
  );
  // high: 240 business minutes to first response, 960 to resolution.
  [{ id: contactId }] = (await db.as<{ id: string }>(
    agent,
    `insert into public.contacts (org_id, first_name, email) values ($1, 'Cora', 'cora@customer.example') returning id`,
    [orgId],
  )) as [{ id: string }];
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('SLA due times', () => {
  it('counts only working hours, in the organisation’s time zone', async () => {
    // Friday 2026-12-04 16:30 Berlin (15:30Z): 30 min on Friday, 210 on Monday from 09:00 → Monday 12:30 (11:30Z).
    const t = await ticket('2026-12-04T15:30:00Z');
    expect(iso(t.first_response_due_at)).toBe('2026-12-07T11:30:00.000Z');
    // 960 min = 16 h: 0.5 h Friday, 8 h Monday, 7.5 h Tuesday → Tuesday 16:30 Berlin (15:30Z).
    expect(iso(t.resolution_due_at)).toBe('2026-12-08T15:30:00.000Z');
    expect(t.number).toMatch(/^TKT-2026-\d{5}$/);
  });

  it('starts on Monday morning for a weekend ticket and skips holidays', async () => {
    // Saturday 2026-12-05 10:00 Berlin: first response Monday 09:00 + 4 h = 13:00 (12:00Z).
    expect(iso((await ticket('2026-12-05T09:00:00Z')).first_response_due_at)).toBe('2026-12-07T12:00:00.000Z');
    // Tuesday 2026-12-22 15:00 Berlin: 2 h Tuesday, Wednesday is a holiday, 2 h Thursday → Thursday 11:00 (10:00Z).
    expect(iso((await ticket('2026-12-22T14:00:00Z')).first_response_due_at)).toBe('2026-12-24T10:00:00.000Z');
  });

  it('keeps working hours in wall-clock time across the DST change', async () => {
    // Friday 2026-10-23 16:00 CEST (14:00Z), urgent = 60 min: 1 h Friday → Friday 17:00 CEST (15:00Z).
    const urgent = await ticket('2026-10-23T14:00:00Z', 'urgent');
    expect(iso(urgent.first_response_due_at)).toBe('2026-10-23T15:00:00.000Z');
    // Resolution 480 min: 1 h Friday, 7 h from Monday 09:00 CET → 16:00 CET = 15:00Z (clocks went back on Sunday).
    expect(iso(urgent.resolution_due_at)).toBe('2026-10-26T15:00:00.000Z');
  });

  it('cannot be typed in, and follows a priority change', async () => {
    const t = await ticket('2026-12-04T15:30:00Z', 'high');
    await expect(
      db.as(agent, `update public.tickets set resolution_due_at = '2030-01-01' where id = $1`, [t.id]),
    ).rejects.toMatchObject({
      code: '42501',
    });
    const [low] = await db.as<{ first_response_due_at: string }>(
      agent,
      `update public.tickets set priority = 'low' where id = $1 returning first_response_due_at`,
      [t.id],
    );
    // low: 960 min = 0.5 h Friday + 8 h Monday + 7.5 h Tuesday → Tuesday 16:30 Berlin.
    expect(iso(low!.first_response_due_at)).toBe('2026-12-08T15:30:00.000Z');
    // Inserting with due times given by the client: they are computed anyway.
    const forged = await ticket('2026-12-04T15:30:00Z', 'high', { first_response_due_at: '2030-01-01T00:00:00Z' });
    expect(iso(forged.first_response_due_at)).toBe('2026-12-07T11:30:00.000Z');
  });
});

describe('queue and comments', () => {
  it('flags breaches and orders the queue by what breaches next', async () => {
    const late = await ticket(new Date(Date.now() - 30 * 86400_000).toISOString(), 'urgent', {
      subject: 'Way overdue',
    });
    const fresh = await ticket(new Date().toISOString(), 'low', { subject: 'Just in' });
    const rows = await db.as<{ id: string; first_response_breached: boolean; resolution_breached: boolean }>(
      rep,
      `select id, first_response_breached, resolution_breached from public.ticket_queue
       where id = any ($1) order by next_breach_at nulls last`,
      [[late.id, fresh.id]],
    );
    expect(rows).toEqual([
      { id: late.id, first_response_breached: true, resolution_breached: true },
      { id: fresh.id, first_response_breached: false, resolution_breached: false },
    ]);
  });

  it('stamps the first response and e-mails customer-facing comments once, internal notes never', async () => {
    const t = await ticket(new Date().toISOString(), 'normal', { contact_id: contactId, subject: 'Printer on fire' });
    await db.as(
      agent,
      `insert into public.ticket_comments (org_id, ticket_id, body, is_internal) values ($1, $2, 'Checking the logs', true)`,
      [orgId, t.id],
    );
    expect(await db.query(`select first_responded_at, status from public.tickets where id = $1`, [t.id])).toEqual([
      { first_responded_at: null, status: 'new' },
    ]);
    await db.as(agent, `insert into public.ticket_comments (org_id, ticket_id, body) values ($1, $2, 'We are on it')`, [
      orgId,
      t.id,
    ]);
    const [after] = await db.query<{ first_responded_at: string | null; status: string }>(
      `select first_responded_at, status from public.tickets where id = $1`,
      [t.id],
    );
    expect(after!.first_responded_at).not.toBeNull();
    expect(after!.status).toBe('open');
    expect(
      await db.query(
        `select to_email, subject, text_body from public.email_outbox where org_id = $1 and template = 'ticket_comment'`,
        [orgId],
      ),
    ).toEqual([
      { to_email: 'cora@customer.example', subject: `[${t.number}] Printer on fire`, text_body: 'We are on it' },
    ]);
  });

  it('lets support write, sales read, and warehouse see nothing', async () => {
    const support = await db.createUser('support@help.test');
    await db.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, 'support')`, [orgId, support.id]);
    const [mine] = await db.as<{ id: string }>(support, `insert into public.tickets (org_id, subject) values ($1, 'From support') returning id`, [orgId]);
    await db.as(support, `insert into public.ticket_comments (org_id, ticket_id, body, is_internal) values ($1, $2, 'Noted', true)`, [orgId, mine!.id]);
    await expect(
      db.as(rep, `insert into public.tickets (org_id, subject) values ($1, 'From sales')`, [orgId]),
    ).rejects.toMatchObject({ code: '42501' });
    expect(
      (await db.as(rep, `select count(*)::int as n from public.tickets where org_id = $1`, [orgId]))[0],
    ).not.toEqual({ n: 0 });
    expect(await db.as(keeper, `select count(*)::int as n from public.tickets where org_id = $1`, [orgId])).toEqual([
      { n: 0 },
    ]);
  });
});
