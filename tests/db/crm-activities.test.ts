// Activities and tasks: a record's timeline, support logging activities, task reminders
// delivered once to the assignee as notifications, and the assignee checking a task off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type Actor } from '../helpers/db.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
let db: Db;
let rep: Actor;
let agent: Actor;
let keeper: Actor;
let orgId: string;
let accountId: string;

beforeAll(async () => {
  stack = await startTestStack();
  db = new Db(stack.adminDbUrl);
  rep = await db.createUser('rep@acts.test');
  agent = await db.createUser('agent@acts.test');
  keeper = await db.createUser('keeper@acts.test');
  [{ id: orgId }] = (await db.as<{ id: string }>(
    rep,
    `select id from public.create_organization('Acts Co', 'acts-co')`,
  )) as [{ id: string }];
  await db.query(
    `insert into public.memberships (org_id, user_id, role) values ($1, $2, 'support'), ($1, $3, 'warehouse')`,
    [orgId, agent.id, keeper.id],
  );
  [{ id: accountId }] = (await db.as<{ id: string }>(
    rep,
    `insert into public.accounts (org_id, name) values ($1, 'Timeline Inc') returning id`,
    [orgId],
  )) as [{ id: string }];
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('activities', () => {
  it('builds a timeline per record, newest first, and lets support log too', async () => {
    await db.as(
      rep,
      `insert into public.activities (org_id, kind, subject, account_id, occurred_at) values ($1, 'call', 'Intro call', $2, '2026-11-01T10:00Z')`,
      [orgId, accountId],
    );
    await db.as(
      agent,
      `insert into public.activities (org_id, kind, subject, account_id, occurred_at) values ($1, 'note', 'Asked about SLA', $2, '2026-11-02T10:00Z')`,
      [orgId, accountId],
    );
    expect(
      await db.as(rep, `select kind, subject from public.activities where account_id = $1 order by occurred_at desc`, [
        accountId,
      ]),
    ).toEqual([
      { kind: 'note', subject: 'Asked about SLA' },
      { kind: 'call', subject: 'Intro call' },
    ]);
    await expect(
      db.as(rep, `insert into public.activities (org_id, kind, subject) values ($1, 'note', 'About nothing')`, [orgId]),
    ).rejects.toMatchObject({
      code: '23514',
    });
    await expect(
      db.as(
        keeper,
        `insert into public.activities (org_id, kind, subject, account_id) values ($1, 'note', 'Warehouse note', $2)`,
        [orgId, accountId],
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });
});

describe('tasks', () => {
  it('sends each due reminder once, to the assignee, and not for done or future tasks', async () => {
    const [{ id: due }] = (await db.as<{ id: string }>(
      rep,
      `insert into public.tasks (org_id, title, assignee_id, reminder_at, due_at, account_id) values ($1, 'Send the proposal', $2, now() - interval '1 minute', now() + interval '1 hour', $3) returning id`,
      [orgId, agent.id, accountId],
    )) as [{ id: string }];
    await db.as(
      rep,
      `insert into public.tasks (org_id, title, assignee_id, reminder_at) values ($1, 'Later', $2, now() + interval '1 day')`,
      [orgId, agent.id],
    );
    await db.as(
      rep,
      `insert into public.tasks (org_id, title, assignee_id, reminder_at, status) values ($1, 'Done already', $2, now() - interval '1 hour', 'done')`,
      [orgId, agent.id],
    );
    const [first, second] = await Promise.all([
      db.query<{ n: number }>(`select private.send_task_reminders() as n`),
      db.query<{ n: number }>(`select private.send_task_reminders() as n`),
    ]);
    // (The stack's pg_cron worker may have sent it a moment earlier: still exactly one in total.)
    expect(first![0]!.n + second![0]!.n).toBeLessThanOrEqual(1);
    expect(
      await db.as(agent, `select kind, title, user_id from public.notifications where org_id = $1`, [orgId]),
    ).toEqual([{ kind: 'task_reminder', title: 'Reminder: Send the proposal', user_id: agent.id }]);
    // The assignee checks it off; moving the reminder re-arms it.
    const [{ done_at }] = (await db.as<{ done_at: string | null }>(
      agent,
      `update public.tasks set status = 'done' where id = $1 returning done_at`,
      [due],
    )) as [{ done_at: string | null }];
    expect(done_at).not.toBeNull();
    expect(
      await db.as(
        rep,
        `update public.tasks set reminder_at = now() + interval '2 days' where id = $1 returning reminded_at`,
        [due],
      ),
    ).toEqual([{ reminded_at: null }]);
  });
});
