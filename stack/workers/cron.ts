// The pg_cron stand-in's scheduler (stack/db/extensions/pg_cron--*.sql): runs the
// active jobs of cron.job when due and records each run in cron.job_run_details,
// as pg_cron's background worker does.
//
// Schedules: 5-field cron (UTC, pg_cron's default cron.timezone = GMT; `$` = last
// day of the month), @hourly/@daily/... and @reboot (once when the worker
// starts), or 'N seconds' (every N seconds, measured from the previous start).
// A job never overlaps itself: a run that falls due while the previous one is
// still going starts right after it, once. Each run opens its own connection as
// the superuser, switches to the job's `username` with SET ROLE (applying that
// role's ALTER ROLE ... SET defaults, as a login would) and sends the command as
// one simple query, like pg_cron's libpq client. return_message follows pg_cron:
// the last command's tag ("INSERT 0 1"), "<n> row(s)" for a query, or the error
// text.
//
// The job list is re-read when cron.job changes (NOTIFY pg_cron_jobs_changed from
// the extension's cache-invalidation trigger) and every few seconds as a backstop.
import { CronExpressionParser } from 'cron-parser';
import pg from 'pg';
import type { StackContext } from '../context.ts';
import type { BackgroundWorker } from './net.ts';

const CHANNEL = 'pg_cron_jobs_changed';
const RELOAD_MS = 10_000;
/** Upper bound between two looks at the clock; job times are whole seconds. */
const MAX_SLEEP_MS = 1_000;

interface JobRow {
  jobid: string;
  schedule: string;
  command: string;
  database: string;
  username: string;
  active: boolean;
  jobname: string | null;
}

type Schedule =
  { kind: 'interval'; ms: number } | { kind: 'cron'; expression: string } | { kind: 'reboot' } | { kind: 'invalid' };

interface Job {
  row: JobRow;
  schedule: Schedule;
  /** Epoch ms of the next run; Infinity when none. */
  nextRunAt: number;
  running: boolean;
  /** Fell due while running: run once more as soon as the current run ends. */
  pending: boolean;
}

/** pg_cron's schedule grammar mapped onto cron-parser (see the SQL validator). */
export function parseSchedule(text: string): Schedule {
  const s = text.trim();
  const seconds = /^(\d+)\s*seconds?$/i.exec(s);
  if (seconds) {
    const n = Number(seconds[1]);
    return n >= 1 && n <= 59 ? { kind: 'interval', ms: n * 1000 } : { kind: 'invalid' };
  }
  if (s.startsWith('@')) {
    const name = s.slice(1).split(/\s/)[0]!;
    const map: Record<string, string> = {
      yearly: '0 0 1 1 *',
      annually: '0 0 1 1 *',
      monthly: '0 0 1 * *',
      weekly: '0 0 * * 0',
      daily: '0 0 * * *',
      midnight: '0 0 * * *',
      hourly: '0 * * * *',
    };
    if (name === 'reboot' || name === 'restart') return { kind: 'reboot' };
    return map[name] ? { kind: 'cron', expression: map[name]! } : { kind: 'invalid' };
  }
  const fields = s.split(/[ \t]+/);
  if (fields.length < 5) return { kind: 'invalid' };
  // Fields after the fifth are a crontab line's command part, ignored by pg_cron.
  const five = fields.slice(0, 5);
  if (five[2] === '$') five[2] = 'L';
  const expression = five.join(' ');
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' });
    return { kind: 'cron', expression };
  } catch {
    return { kind: 'invalid' };
  }
}

/** Next run strictly after `after` (epoch ms), or Infinity. */
export function nextCronRun(expression: string, after: number): number {
  try {
    return CronExpressionParser.parse(expression, { currentDate: new Date(after), tz: 'UTC' })
      .next()
      .getTime();
  } catch {
    return Infinity;
  }
}

interface RunOutcome {
  ok: boolean;
  message: string;
}

/** The run's return_message the way pg_cron's GetTaskFeedback builds it. */
async function runCommand(client: pg.Client, command: string): Promise<RunOutcome> {
  let lastTag = '';
  let lastHadRows = false;
  let sawRowDescription = false;
  let lastRowCount = 0;
  const con = client.connection;
  const onRowDescription = () => (sawRowDescription = true);
  const onCommandComplete = (msg: { text?: string }) => {
    lastTag = msg.text ?? '';
    lastHadRows = sawRowDescription;
    sawRowDescription = false;
    const n = /(\d+)$/.exec(lastTag);
    lastRowCount = n ? Number(n[1]) : 0;
  };
  const onEmptyQuery = () => {
    lastTag = '';
    lastHadRows = true;
    lastRowCount = 0;
  };
  con.on('rowDescription', onRowDescription);
  con.on('commandComplete', onCommandComplete);
  con.on('emptyQuery', onEmptyQuery);
  try {
    // No parameters: the simple-query protocol, so a command may hold several statements.
    await client.query(command);
    if (lastHadRows) return { ok: true, message: `${lastRowCount} ${lastRowCount === 1 ? 'row' : 'rows'}` };
    return { ok: true, message: lastTag };
  } catch (e) {
    const err = e as pg.DatabaseError;
    let message = `${err.severity ?? 'ERROR'}:  ${err.message}\n`;
    if (err.detail) message += `DETAIL:  ${err.detail}\n`;
    if (err.hint) message += `HINT:  ${err.hint}\n`;
    if (err.where) message += `CONTEXT:  ${err.where}\n`;
    return { ok: false, message };
  } finally {
    con.off('rowDescription', onRowDescription);
    con.off('commandComplete', onCommandComplete);
    con.off('emptyQuery', onEmptyQuery);
  }
}

function databaseUrl(adminDbUrl: string, database: string): string {
  const u = new URL(adminDbUrl);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export async function startCronWorker(ctx: StackContext): Promise<BackgroundWorker> {
  const { config, adminPool } = ctx;
  const jobs = new Map<string, Job>();
  const running = new Set<Promise<void>>();
  let stopped = false;
  let listener: pg.Client | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let tickTimer: NodeJS.Timeout | undefined;
  let loading: Promise<void> | undefined;
  let reloadAgain = false;
  let firstLoad = true;

  const installed = async (): Promise<boolean> => {
    const { rows } = await adminPool.query<{ ok: boolean }>(
      `select to_regclass('cron.job') is not null and to_regclass('cron.job_run_details') is not null as ok`,
    );
    return rows[0]?.ok === true;
  };

  const initialNextRun = (schedule: Schedule, now: number): number => {
    switch (schedule.kind) {
      // pg_cron starts an interval job at once (its last start time is zero).
      case 'interval':
        return now;
      case 'cron':
        return nextCronRun(schedule.expression, now);
      case 'reboot':
        return firstLoad ? now : Infinity;
      default:
        return Infinity;
    }
  };

  const loadOnce = async () => {
    if (!(await installed())) {
      jobs.clear();
      return;
    }
    const { rows } = await adminPool.query<JobRow>(
      `select jobid, schedule, command, database, username, active, jobname from cron.job`,
    );
    const now = Date.now();
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.jobid);
      const existing = jobs.get(row.jobid);
      if (existing && existing.row.schedule === row.schedule) {
        existing.row = row;
        continue;
      }
      const schedule = parseSchedule(row.schedule);
      if (schedule.kind === 'invalid')
        ctx.log('pg_cron', `invalid pg_cron schedule for job ${row.jobid}: ${row.schedule}`);
      jobs.set(row.jobid, {
        row,
        schedule,
        nextRunAt: initialNextRun(schedule, now),
        running: existing?.running ?? false,
        pending: false,
      });
    }
    for (const id of [...jobs.keys()]) if (!seen.has(id)) jobs.delete(id);
    firstLoad = false;
  };

  const reload = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (loading) {
      reloadAgain = true;
      return loading;
    }
    loading = (async () => {
      do {
        reloadAgain = false;
        try {
          await loadOnce();
        } catch (e) {
          if (!stopped) ctx.log('pg_cron', `jobs: ${(e as Error).message}`);
        }
      } while (reloadAgain && !stopped);
    })().finally(() => {
      loading = undefined;
      schedule();
    });
    return loading;
  };

  const execute = async (job: Job) => {
    const { row } = job;
    let runid: string | undefined;
    try {
      const inserted = await adminPool.query<{ runid: string }>(
        `insert into cron.job_run_details (jobid, database, username, command, status, start_time)
         values ($1, $2, $3, $4, 'starting', now()) returning runid`,
        [row.jobid, row.database, row.username, row.command],
      );
      runid = inserted.rows[0]!.runid;
    } catch (e) {
      ctx.log('pg_cron', `job ${row.jobid}: ${(e as Error).message}`);
      return;
    }
    const client = new pg.Client({
      connectionString: databaseUrl(config.adminDbUrl, row.database),
      application_name: 'pg_cron',
    });
    client.on('error', () => undefined);
    let outcome: RunOutcome;
    try {
      await client.connect();
      const pid = (client as unknown as { processID: number | null }).processID;
      await adminPool.query(
        `update cron.job_run_details set job_pid = $2, status = 'running', start_time = now() where runid = $1`,
        [runid, pid],
      );
      await client.query(`set role ${client.escapeIdentifier(row.username)}`);
      // What logging in as the role would apply: its ALTER ROLE ... SET defaults.
      const { rows: settings } = await client.query<{ setting: string }>(
        `select unnest(s.setconfig) as setting
         from pg_db_role_setting s
         where s.setrole = (select oid from pg_roles where rolname = $1)
           and s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
         order by s.setdatabase`,
        [row.username],
      );
      for (const { setting } of settings) {
        const i = setting.indexOf('=');
        await client
          .query('select set_config($1, $2, false)', [setting.slice(0, i), setting.slice(i + 1)])
          .catch(() => undefined);
      }
      outcome = await runCommand(client, row.command);
    } catch (e) {
      const err = e as pg.DatabaseError;
      outcome = {
        ok: false,
        message: err.severity ? `${err.severity}:  ${err.message}\n` : `connection failed: ${err.message}`,
      };
    } finally {
      await client.end().catch(() => undefined);
    }
    await adminPool
      .query(`update cron.job_run_details set status = $2, return_message = $3, end_time = now() where runid = $1`, [
        runid,
        outcome.ok ? 'succeeded' : 'failed',
        outcome.message,
      ])
      .catch((e: Error) => {
        if (!stopped) ctx.log('pg_cron', `job ${row.jobid}: ${e.message}`);
      });
  };

  const start = (job: Job, now: number) => {
    job.running = true;
    const { schedule: s } = job;
    if (s.kind === 'interval') {
      // Keep the cadence of the schedule; after a late start, count from now.
      const next = job.nextRunAt + s.ms;
      job.nextRunAt = next > now ? next : now + s.ms;
    } else if (s.kind === 'cron') job.nextRunAt = nextCronRun(s.expression, Math.max(now, job.nextRunAt));
    else job.nextRunAt = Infinity;
    const p = execute(job).finally(() => {
      running.delete(p);
      job.running = false;
      if (job.pending && !stopped && jobs.get(job.row.jobid) === job) {
        job.pending = false;
        start(job, Date.now());
      }
      schedule();
    });
    running.add(p);
  };

  const tick = () => {
    tickTimer = undefined;
    if (stopped) return;
    const now = Date.now();
    for (const job of jobs.values()) {
      if (!job.row.active || job.nextRunAt > now) continue;
      if (job.running) {
        job.pending = true;
        // Look again after this run; the pending flag remembers the missed one.
        const s = job.schedule;
        job.nextRunAt =
          s.kind === 'interval' ? now + s.ms : s.kind === 'cron' ? nextCronRun(s.expression, now) : Infinity;
        continue;
      }
      start(job, now);
    }
    schedule();
  };

  function schedule() {
    if (stopped) return;
    clearTimeout(tickTimer);
    let next = Infinity;
    for (const job of jobs.values()) if (job.row.active && !job.running) next = Math.min(next, job.nextRunAt);
    const delay = Math.max(0, Math.min(next - Date.now(), MAX_SLEEP_MS));
    tickTimer = setTimeout(tick, delay);
  }

  const scheduleReconnect = () => {
    clearTimeout(reconnectTimer);
    if (!stopped) reconnectTimer = setTimeout(() => void connect(), 1_000);
  };

  const connect = async () => {
    if (stopped) return;
    const client = new pg.Client({ connectionString: config.adminDbUrl, application_name: 'pg_cron scheduler' });
    client.on('error', () => undefined);
    client.on('end', () => {
      if (listener === client) listener = undefined;
      scheduleReconnect();
    });
    client.on('notification', (n) => {
      if (n.channel === CHANNEL) void reload();
    });
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      listener = client;
      if (stopped) await client.end();
      void reload();
    } catch (e) {
      ctx.log('pg_cron', `listen: ${(e as Error).message}`);
      await client.end().catch(() => undefined);
      scheduleReconnect();
    }
  };

  // pg_cron marks runs interrupted by a restart as failed.
  await adminPool
    .query(
      `do $$ begin
         if to_regclass('cron.job_run_details') is not null then
           update cron.job_run_details set status = 'failed', return_message = 'server restarted'
           where status in ('starting', 'running');
         end if;
       end $$`,
    )
    .catch((e: Error) => ctx.log('pg_cron', e.message));
  await reload();
  await connect();
  const backstop = setInterval(() => void reload(), RELOAD_MS);

  return {
    async stop() {
      stopped = true;
      clearInterval(backstop);
      clearTimeout(tickTimer);
      clearTimeout(reconnectTimer);
      await listener?.end().catch(() => undefined);
      await loading;
      await Promise.allSettled([...running]);
    },
  };
}
