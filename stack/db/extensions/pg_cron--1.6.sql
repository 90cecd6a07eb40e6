-- pg_cron stand-in for the Docker-free local stack.
--
-- Same objects as citusdata/pg_cron 1.6 (pg_cron.sql + upgrade scripts up to 1.6):
-- schema `cron`, tables `cron.job` and `cron.job_run_details` with their columns,
-- RLS policies and grants, and cron.schedule / cron.unschedule / cron.alter_job /
-- cron.schedule_in_database with pg_cron's argument lists, checks and error
-- messages. Schedules are validated like pg_cron's parser (5-field cron syntax with
-- names, ranges, steps and `$` for the last day of the month; @hourly, @daily, ...;
-- or '[1-59] seconds'). The stack's Node worker (stack/workers/cron.ts) runs due
-- jobs as the job's `username` and writes cron.job_run_details; it hears about
-- job changes through NOTIFY pg_cron_jobs_changed, sent by the same statement
-- trigger pg_cron uses to invalidate its job cache.
--
-- The real functions are C and write cron.job as the extension owner. Here they are
-- SQL run as the caller, so `postgres` gets write access to cron.job (Supabase
-- grants it SELECT only) and a trigger enforces pg_cron's rule that only a
-- superuser may create or alter a job for another role.
--
-- The grants at the end are Supabase's (supabase/postgres
-- ansible/files/postgresql_extension_custom_scripts/pg_cron/after-create.sql).

DO $$
BEGIN
   IF pg_catalog.current_database() OPERATOR(pg_catalog.<>) coalesce(pg_catalog.current_setting('cron.database_name', true), 'postgres')
      AND pg_catalog.current_database() OPERATOR(pg_catalog.<>) 'contrib_regression' THEN
      RAISE EXCEPTION 'can only create extension in database %',
                      coalesce(pg_catalog.current_setting('cron.database_name', true), 'postgres')
      USING DETAIL = 'Jobs must be scheduled from the database configured in 'OPERATOR(pg_catalog.||)
                     'cron.database_name, since the pg_cron background worker 'OPERATOR(pg_catalog.||)
                     'reads job descriptions from this database.',
            HINT = pg_catalog.format('Add cron.database_name = ''%s'' in postgresql.conf 'OPERATOR(pg_catalog.||)
                          'to use the current database.', pg_catalog.current_database());
   END IF;
END;
$$;

CREATE SCHEMA cron;
CREATE SEQUENCE cron.jobid_seq;

CREATE TABLE cron.job (
	jobid bigint primary key default pg_catalog.nextval('cron.jobid_seq'),
	schedule text not null,
	command text not null,
	nodename text not null default 'localhost',
	nodeport int not null default pg_catalog.inet_server_port(),
	database text not null default pg_catalog.current_database(),
	username text not null default current_user,
	active boolean not null default 'true',
	jobname text
);
GRANT SELECT ON cron.job TO public;
ALTER TABLE cron.job ENABLE ROW LEVEL SECURITY;
CREATE POLICY cron_job_policy ON cron.job USING (username OPERATOR(pg_catalog.=) current_user);
CREATE UNIQUE INDEX jobname_username_idx ON cron.job (jobname, username);
ALTER TABLE cron.job ADD CONSTRAINT jobname_username_uniq UNIQUE USING INDEX jobname_username_idx;

SELECT pg_catalog.pg_extension_config_dump('cron.job', '');
SELECT pg_catalog.pg_extension_config_dump('cron.jobid_seq', '');

CREATE SEQUENCE cron.runid_seq;
CREATE TABLE cron.job_run_details (
	jobid bigint,
	runid bigint primary key default pg_catalog.nextval('cron.runid_seq'),
	job_pid integer,
	database text,
	username text,
	command text,
	status text,
	return_message text,
	start_time timestamptz,
	end_time timestamptz
);

GRANT SELECT ON cron.job_run_details TO public;
GRANT DELETE ON cron.job_run_details TO public;
ALTER TABLE cron.job_run_details ENABLE ROW LEVEL SECURITY;
CREATE POLICY cron_job_run_details_policy ON cron.job_run_details USING (username OPERATOR(pg_catalog.=) current_user);

SELECT pg_catalog.pg_extension_config_dump('cron.job_run_details', '');
SELECT pg_catalog.pg_extension_config_dump('cron.runid_seq', '');

GRANT SELECT ON SEQUENCE cron.jobid_seq TO public;
GRANT SELECT ON SEQUENCE cron.runid_seq TO public;

-- One element of a cron field (vixie cron's get_number): a name from `names`
-- (offset by `low`) or a plain number; null when neither.
CREATE FUNCTION cron._field_number(token text, low int, names text[])
    RETURNS int
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog
AS $$
DECLARE
    i int;
BEGIN
    IF names IS NOT NULL THEN
        FOR i IN 1 .. array_length(names, 1) LOOP
            IF lower(names[i]) = lower(token) THEN
                RETURN i - 1 + low;
            END IF;
        END LOOP;
    END IF;
    IF token ~ '^[0-9]{1,9}$' THEN
        RETURN token::int;
    END IF;
    RETURN NULL;
END
$$;

-- One cron field (vixie cron's get_list/get_range): comma-separated ranges, each
-- `*`, `n` or `n-m`, optionally `/step` (a step needs `*` or a range).
CREATE FUNCTION cron._valid_field(field text, low int, high int, names text[])
    RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog
AS $$
DECLARE
    item text;
    m text[];
    a int;
    b int;
    step int;
BEGIN
    IF field IS NULL OR field = '' THEN
        RETURN false;
    END IF;
    FOREACH item IN ARRAY string_to_array(field, ',') LOOP
        m := regexp_match(item, '^(\*|([A-Za-z0-9]+)(-([A-Za-z0-9]+))?)(/([A-Za-z0-9]+))?$');
        IF m IS NULL THEN
            RETURN false;
        END IF;
        IF m[1] = '*' THEN
            a := low;
            b := high;
        ELSE
            a := cron._field_number(m[2], low, names);
            IF m[4] IS NULL THEN
                IF m[6] IS NOT NULL THEN
                    RETURN false; -- "1/20": a step without a range
                END IF;
                b := a;
            ELSE
                b := cron._field_number(m[4], low, names);
            END IF;
        END IF;
        IF a IS NULL OR b IS NULL OR a < low OR a > high OR b < low OR b > high THEN
            RETURN false;
        END IF;
        IF m[6] IS NOT NULL THEN
            step := cron._field_number(m[6], 0, NULL);
            IF step IS NULL OR step <= 0 OR step > high THEN
                RETURN false;
            END IF;
        END IF;
    END LOOP;
    RETURN true;
END
$$;

-- pg_cron's ParseSchedule: a cron entry or an interval of 1-59 seconds.
CREATE FUNCTION cron._valid_schedule(schedule text)
    RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog
AS $$
DECLARE
    s text := btrim(schedule, E' \t\n\r');
    f text[];
    n numeric;
BEGIN
    IF s IS NULL OR s = '' THEN
        RETURN false;
    END IF;
    IF s ~* '^[0-9]+\s*seconds?$' THEN
        n := substring(s FROM '^[0-9]+')::numeric;
        RETURN n >= 1 AND n <= 59;
    END IF;
    IF left(s, 1) = '@' THEN
        RETURN split_part(regexp_replace(s, '\s.*$', ''), '@', 2)
            IN ('reboot', 'restart', 'yearly', 'annually', 'monthly', 'weekly', 'daily', 'midnight', 'hourly');
    END IF;
    f := regexp_split_to_array(s, '[ \t]+');
    -- Anything after the fifth field is the "command" part of a crontab line,
    -- which pg_cron's parser ignores.
    IF array_length(f, 1) < 5 THEN
        RETURN false;
    END IF;
    RETURN cron._valid_field(f[1], 0, 59, NULL)
       AND cron._valid_field(f[2], 0, 23, NULL)
       AND (f[3] = '$' OR cron._valid_field(f[3], 1, 31, NULL))
       AND cron._valid_field(f[4], 1, 12, ARRAY['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'])
       AND cron._valid_field(f[5], 0, 7, ARRAY['Sun','Mon','Tue','Wed','Thu','Fri','Sat','Sun']);
END
$$;

CREATE FUNCTION cron._check_schedule(schedule text)
    RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog
AS $$
BEGIN
    IF NOT cron._valid_schedule(schedule) THEN
        RAISE EXCEPTION 'invalid schedule: %', schedule
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use cron format (e.g. 5 4 * * *), or interval format ''[1-59] seconds''';
    END IF;
END
$$;

CREATE FUNCTION cron._is_superuser()
    RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = pg_catalog
AS $$
    SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false)
$$;

-- pg_cron's GetRoleOidIfCanLogin.
CREATE FUNCTION cron._check_login_role(role_name text)
    RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog
AS $$
DECLARE
    can_login boolean;
BEGIN
    SELECT rolcanlogin INTO can_login FROM pg_roles WHERE rolname = role_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'role "%" does not exist', role_name;
    END IF;
    IF NOT can_login THEN
        RAISE EXCEPTION 'role "%" can not log in', role_name
            USING DETAIL = 'Jobs may only be run by roles that have the LOGIN attribute.';
    END IF;
END
$$;

-- Only a superuser may own a job on behalf of another role (pg_cron checks this
-- in C; here cron.job is written by the caller, so a trigger checks it).
CREATE FUNCTION cron._job_owner_check()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    IF NEW.username IS DISTINCT FROM current_user::text AND NOT cron._is_superuser()
       AND (TG_OP = 'INSERT' OR NEW.username IS DISTINCT FROM OLD.username) THEN
        RAISE EXCEPTION 'must be superuser to create a job for another role';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER cron_job_owner_check
    BEFORE INSERT OR UPDATE
    ON cron.job
    FOR EACH ROW EXECUTE FUNCTION cron._job_owner_check();

-- pg_cron invalidates its job cache here; the stack's worker listens instead.
CREATE FUNCTION cron.job_cache_invalidate()
    RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_catalog.pg_notify('pg_cron_jobs_changed', '');
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION cron.job_cache_invalidate()
    IS 'invalidate job cache';

CREATE TRIGGER cron_job_cache_invalidate
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON cron.job
    FOR STATEMENT EXECUTE PROCEDURE cron.job_cache_invalidate();

-- pg_cron's ScheduleCronJob.
CREATE FUNCTION cron._schedule(job_name text, schedule text, command text, database text,
                               username text, active boolean)
    RETURNS bigint
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
DECLARE
    job_username text := current_user;
    job_database text := coalesce(database, current_setting('cron.database_name', true), current_database());
    result bigint;
BEGIN
    PERFORM cron._check_schedule(schedule);
    IF username IS NOT NULL THEN
        IF NOT cron._is_superuser() THEN
            RAISE EXCEPTION 'must be superuser to create a job for another role';
        END IF;
        PERFORM cron._check_login_role(username);
        job_username := username;
    END IF;
    IF NOT has_database_privilege(job_username, job_database, 'CONNECT') THEN
        RAISE EXCEPTION 'User % does not have CONNECT privilege on %', job_username, job_database;
    END IF;
    IF job_name IS NULL THEN
        INSERT INTO cron.job (schedule, command, nodename, nodeport, database, username, active)
        VALUES (schedule, command, 'localhost', inet_server_port(), job_database, job_username, active)
        RETURNING jobid INTO result;
    ELSE
        INSERT INTO cron.job (schedule, command, nodename, nodeport, database, username, active, jobname)
        VALUES (schedule, command, 'localhost', inet_server_port(), job_database, job_username, active, job_name)
        ON CONFLICT ON CONSTRAINT jobname_username_uniq
        DO UPDATE SET schedule = EXCLUDED.schedule, command = EXCLUDED.command, database = EXCLUDED.database
        RETURNING jobid INTO result;
    END IF;
    RETURN result;
END
$$;

CREATE FUNCTION cron.schedule(schedule text, command text)
    RETURNS bigint
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    IF schedule IS NULL THEN
        RAISE EXCEPTION 'schedule can not be NULL';
    END IF;
    IF command IS NULL THEN
        RAISE EXCEPTION 'command can not be NULL';
    END IF;
    RETURN cron._schedule(NULL, schedule, command, NULL, NULL, true);
END
$$;
COMMENT ON FUNCTION cron.schedule(text,text)
    IS 'schedule a pg_cron job';

CREATE FUNCTION cron.schedule(job_name text, schedule text, command text)
    RETURNS bigint
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    IF job_name IS NULL THEN
        RAISE EXCEPTION 'job_name can not be NULL';
    END IF;
    IF schedule IS NULL THEN
        RAISE EXCEPTION 'schedule can not be NULL';
    END IF;
    IF command IS NULL THEN
        RAISE EXCEPTION 'command can not be NULL';
    END IF;
    RETURN cron._schedule(job_name, schedule, command, NULL, NULL, true);
END
$$;
COMMENT ON FUNCTION cron.schedule(text,text,text)
    IS 'schedule a pg_cron job';

CREATE FUNCTION cron.schedule_in_database(job_name text,
                                          schedule text,
                                          command text,
                                          database text,
                                          username text default null,
                                          active boolean default 'true')
    RETURNS bigint
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    IF job_name IS NULL THEN
        RAISE EXCEPTION 'job_name can not be NULL';
    END IF;
    IF schedule IS NULL THEN
        RAISE EXCEPTION 'schedule can not be NULL';
    END IF;
    IF command IS NULL THEN
        RAISE EXCEPTION 'command can not be NULL';
    END IF;
    RETURN cron._schedule(job_name, schedule, command, database, username, coalesce(active, true));
END
$$;
COMMENT ON FUNCTION cron.schedule_in_database(text,text,text,text,text,boolean)
    IS 'schedule a pg_cron job';
/* admin should decide whether cron.schedule_in_database is safe by explicitly granting execute */
REVOKE ALL ON FUNCTION cron.schedule_in_database(text,text,text,text,text,boolean) FROM public;

-- pg_cron's EnsureDeletePermission: the job's owner, or whoever may DELETE from cron.job.
CREATE FUNCTION cron._delete_job(job cron.job)
    RETURNS boolean
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    IF job.username IS DISTINCT FROM current_user::text
       AND NOT has_table_privilege('cron.job', 'DELETE') THEN
        RAISE EXCEPTION 'permission denied for table job' USING ERRCODE = 'insufficient_privilege';
    END IF;
    DELETE FROM cron.job j WHERE j.jobid = job.jobid;
    RETURN true;
END
$$;

CREATE FUNCTION cron.unschedule(job_id bigint)
    RETURNS bool
    LANGUAGE plpgsql STRICT
    SET search_path = pg_catalog
AS $$
DECLARE
    job cron.job;
BEGIN
    SELECT * INTO job FROM cron.job j WHERE j.jobid = job_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'could not find valid entry for job %', job_id;
    END IF;
    RETURN cron._delete_job(job);
END
$$;
COMMENT ON FUNCTION cron.unschedule(bigint)
    IS 'unschedule a pg_cron job';

CREATE FUNCTION cron.unschedule(job_name text)
    RETURNS bool
    LANGUAGE plpgsql STRICT
    SET search_path = pg_catalog
AS $$
DECLARE
    job cron.job;
BEGIN
    SELECT * INTO job FROM cron.job j WHERE j.jobname = job_name AND j.username = current_user::text LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'could not find valid entry for job ''%''', job_name;
    END IF;
    RETURN cron._delete_job(job);
END
$$;
COMMENT ON FUNCTION cron.unschedule(text)
    IS 'unschedule a pg_cron job';

-- pg_cron's AlterJob.
CREATE FUNCTION cron.alter_job(job_id bigint,
                               schedule text default null,
                               command text default null,
                               database text default null,
                               username text default null,
                               active boolean default null)
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
DECLARE
    acl_user text := current_user;
    updated int;
BEGIN
    IF job_id IS NULL THEN
        RAISE EXCEPTION 'job_id can not be NULL';
    END IF;
    IF username IS NOT NULL THEN
        IF NOT cron._is_superuser() THEN
            RAISE EXCEPTION 'must be superuser to alter username';
        END IF;
        PERFORM cron._check_login_role(username);
        acl_user := username;
    END IF;
    IF database IS NOT NULL AND NOT has_database_privilege(acl_user, database, 'CONNECT') THEN
        RAISE EXCEPTION 'User % does not have CONNECT privilege on %', acl_user, database;
    END IF;
    IF schedule IS NOT NULL THEN
        PERFORM cron._check_schedule(schedule);
    END IF;
    IF schedule IS NULL AND command IS NULL AND database IS NULL AND username IS NULL AND active IS NULL THEN
        RAISE EXCEPTION 'no updates specified'
            USING HINT = 'You must specify at least one job attribute to change when calling alter_job';
    END IF;
    UPDATE cron.job j SET
        schedule = coalesce(alter_job.schedule, j.schedule),
        command = coalesce(alter_job.command, j.command),
        database = coalesce(alter_job.database, j.database),
        username = coalesce(alter_job.username, j.username),
        active = coalesce(alter_job.active, j.active)
    WHERE j.jobid = job_id
      AND (cron._is_superuser() OR j.username = current_user::text);
    GET DIAGNOSTICS updated = ROW_COUNT;
    IF updated = 0 THEN
        RAISE EXCEPTION 'Job % does not exist or you don''t own it', job_id;
    END IF;
END
$$;
COMMENT ON FUNCTION cron.alter_job(bigint,text,text,text,text,boolean)
    IS 'Alter the job identified by job_id. Any option left as NULL will not be modified.';
/* admin should decide whether alter_job is safe by explicitly granting execute */
REVOKE ALL ON FUNCTION cron.alter_job(bigint,text,text,text,text,boolean) FROM public;

-- Supabase's after-create script for pg_cron, except that cron.job stays writable
-- by postgres (see the header).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'postgres') THEN
    GRANT USAGE ON SCHEMA cron TO postgres WITH GRANT OPTION;
    GRANT ALL ON ALL FUNCTIONS IN SCHEMA cron TO postgres WITH GRANT OPTION;
    ALTER DEFAULT PRIVILEGES IN SCHEMA cron GRANT ALL ON SEQUENCES TO postgres WITH GRANT OPTION;
    ALTER DEFAULT PRIVILEGES IN SCHEMA cron GRANT ALL ON TABLES TO postgres WITH GRANT OPTION;
    ALTER DEFAULT PRIVILEGES IN SCHEMA cron GRANT ALL ON FUNCTIONS TO postgres WITH GRANT OPTION;
    GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA cron TO postgres WITH GRANT OPTION;
    GRANT ALL PRIVILEGES ON ALL SEQUENCES IN SCHEMA cron TO postgres WITH GRANT OPTION;
  END IF;
END
$$;
