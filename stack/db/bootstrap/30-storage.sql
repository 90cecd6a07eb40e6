-- The `storage` schema as a Supabase project has it once storage-api (v1.60.2, the
-- image the CLI pins) has run its tenant migrations on top of the DB image's init
-- script: same tables, columns, defaults, indexes, triggers, RLS flags, ownership
-- (supabase_storage_admin) and grants. The helper functions are written here from
-- their documented behaviour; storage.search already returns names relative to the
-- prefix when `search` contains a slash (storage-api's later fix 0063).
-- Runs as supabase_admin after 00-roles.sql and 10-auth.sql.

create schema if not exists storage authorization supabase_admin;

-- DB image init script: API roles may use the schema; whatever supabase_admin
-- creates here is theirs by default.
grant usage on schema storage to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema storage grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema storage grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema storage grant all on sequences to postgres, anon, authenticated, service_role;
grant all on schema storage to supabase_storage_admin;
-- demote-postgres: the project owner manages storage (policies, triggers) ...
grant all on schema storage to postgres;
-- ... through membership of the owner role (create policy needs ownership).
grant supabase_storage_admin to postgres;
-- Supabase also grants authenticator to supabase_storage_admin (its storage-api login
-- switches roles through it). The local stack's storage runs on the authenticator
-- pool instead, and while authenticator is still a member of supabase_admin that
-- grant would let postgres reach the superuser, so it is left out.
alter role supabase_storage_admin set search_path = storage;

set local role supabase_storage_admin;
set local search_path = storage;

create type storage.buckettype as enum ('STANDARD', 'ANALYTICS', 'VECTOR');

-- Tables ------------------------------------------------------------------------
create table storage.migrations (
  id integer not null primary key,
  name varchar(100) not null unique,
  hash varchar(40) not null,
  executed_at timestamp default current_timestamp
);

create table storage.buckets (
  id text not null primary key,
  name text not null,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  owner_id text,
  type storage.buckettype not null default 'STANDARD'
);
comment on column storage.buckets.owner is 'Field is deprecated, use owner_id instead';
create unique index bname on storage.buckets using btree (name);

create table storage.objects (
  id uuid not null default gen_random_uuid() primary key,
  bucket_id text constraint "objects_bucketId_fkey" references storage.buckets (id),
  name text,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  owner_id text,
  user_metadata jsonb
);
comment on column storage.objects.owner is 'Field is deprecated, use owner_id instead';
create unique index bucketid_objname on storage.objects using btree (bucket_id, name);
create index name_prefix_search on storage.objects using btree (name text_pattern_ops);
create index idx_objects_bucket_id_name on storage.objects using btree (bucket_id, name collate "C");
create index idx_objects_bucket_id_name_lower on storage.objects using btree (bucket_id, lower(name) collate "C");

create table storage.s3_multipart_uploads (
  id text not null primary key,
  in_progress_size bigint not null default 0,
  upload_signature text not null,
  bucket_id text not null references storage.buckets (id),
  key text collate "C" not null,
  version text not null,
  owner_id text,
  created_at timestamptz not null default now(),
  user_metadata jsonb,
  metadata jsonb
);
create index idx_multipart_uploads_list on storage.s3_multipart_uploads using btree (bucket_id, key, created_at);

create table storage.s3_multipart_uploads_parts (
  id uuid not null default gen_random_uuid() primary key,
  upload_id text not null references storage.s3_multipart_uploads (id) on delete cascade,
  size bigint not null default 0,
  part_number integer not null,
  bucket_id text not null references storage.buckets (id),
  key text collate "C" not null,
  etag text not null,
  owner_id text,
  version text not null,
  created_at timestamptz not null default now()
);

create table storage.buckets_analytics (
  name text not null,
  type storage.buckettype not null default 'ANALYTICS',
  format text not null default 'ICEBERG',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  id uuid not null default gen_random_uuid() primary key,
  deleted_at timestamptz
);
create unique index buckets_analytics_unique_name_idx on storage.buckets_analytics using btree (name) where (deleted_at is null);

create table storage.iceberg_namespaces (
  id uuid not null default gen_random_uuid() primary key,
  bucket_name text not null,
  name text collate "C" not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  metadata jsonb not null default '{}'::jsonb,
  catalog_id uuid not null references storage.buckets_analytics (id) on delete cascade
);
create unique index idx_iceberg_namespaces_bucket_id on storage.iceberg_namespaces using btree (catalog_id, name);

create table storage.iceberg_tables (
  id uuid not null default gen_random_uuid() primary key,
  namespace_id uuid not null references storage.iceberg_namespaces (id) on delete cascade,
  bucket_name text not null,
  name text collate "C" not null,
  location text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  remote_table_id text,
  shard_key text,
  shard_id text,
  catalog_id uuid not null references storage.buckets_analytics (id) on delete cascade
);
create unique index idx_iceberg_tables_location on storage.iceberg_tables using btree (location);
create unique index idx_iceberg_tables_namespace_id on storage.iceberg_tables using btree (catalog_id, namespace_id, name);

create table storage.buckets_vectors (
  id text not null primary key,
  type storage.buckettype not null default 'VECTOR',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table storage.vector_indexes (
  id text not null default gen_random_uuid() primary key,
  name text collate "C" not null,
  bucket_id text not null references storage.buckets_vectors (id),
  data_type text not null,
  dimension integer not null,
  distance_metric text not null,
  metadata_configuration jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index vector_indexes_name_bucket_id_idx on storage.vector_indexes using btree (name, bucket_id);

alter table storage.migrations enable row level security;
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
alter table storage.s3_multipart_uploads enable row level security;
alter table storage.s3_multipart_uploads_parts enable row level security;
alter table storage.buckets_analytics enable row level security;
alter table storage.iceberg_namespaces enable row level security;
alter table storage.iceberg_tables enable row level security;
alter table storage.buckets_vectors enable row level security;
alter table storage.vector_indexes enable row level security;

-- Path helpers used in policies ------------------------------------------------------
-- 'a/b/c.png' -> {a,b}; 'c.png' -> {}; 'a/b/' -> {a,b}
create function storage.foldername(name text) returns text[]
language plpgsql immutable as $fn$
declare
  segments text[] := string_to_array(name, '/');
begin
  return segments[1 : array_length(segments, 1) - 1];
end
$fn$;

-- the last segment ('' for a trailing slash)
create function storage.filename(name text) returns text
language plpgsql immutable as $fn$
declare
  segments text[] := string_to_array(name, '/');
begin
  return segments[array_length(segments, 1)];
end
$fn$;

-- the text after the last dot of the last segment, or the whole segment without one
create function storage.extension(name text) returns text
language plpgsql immutable as $fn$
declare
  segments text[] := string_to_array(name, '/');
begin
  return regexp_replace(segments[array_length(segments, 1)], '^.*\.', '');
end
$fn$;

-- What the current request does ('storage.object.upload', ...), set per transaction.
create function storage.operation() returns text
language sql stable as $fn$
  select current_setting('storage.operation', true)
$fn$;

create function storage.allow_only_operation(expected_operation text) returns boolean
language sql stable as $fn$
  select coalesce(nullif(expected_operation, '') is not null
    and regexp_replace(storage.operation(), '^storage\.', '') = regexp_replace(expected_operation, '^storage\.', ''), false)
$fn$;

create function storage.allow_any_operation(expected_operations text[]) returns boolean
language sql stable as $fn$
  select exists (
    select 1 from unnest(expected_operations) as e(op)
    where coalesce(e.op, '') <> ''
      and regexp_replace(storage.operation(), '^storage\.', '') = regexp_replace(e.op, '^storage\.', '')
  )
$fn$;

-- Probe used by older clients: would the caller be allowed to insert this row?
create function storage.can_insert_object(bucketid text, name text, owner uuid, metadata jsonb) returns void
language plpgsql as $fn$
begin
  insert into storage.objects (bucket_id, name, owner, metadata) values (bucketid, name, owner, metadata);
  -- undo the insert; the caller only wanted to know it would pass
  raise sqlstate 'PT200' using message = 'ROLLBACK', detail = 'rollback successful insert';
end
$fn$;

create function storage.get_size_by_bucket() returns table (size bigint, bucket_id text)
language sql stable as $fn$
  select sum((o.metadata ->> 'size')::bigint)::bigint, o.bucket_id
  from storage.objects o
  group by o.bucket_id
$fn$;

-- The key up to and including the first delimiter after the prefix, or null for a
-- key directly under the prefix.
create function storage.get_common_prefix(p_key text, p_prefix text, p_delimiter text) returns text
language sql immutable as $fn$
  select case
    when strpos(substr(p_key, length(p_prefix) + 1), p_delimiter) > 0
    then left(p_key, length(p_prefix) + strpos(substr(p_key, length(p_prefix) + 1), p_delimiter) + length(p_delimiter) - 1)
  end
$fn$;

-- Triggers ------------------------------------------------------------------------
create function storage.update_updated_at_column() returns trigger
language plpgsql as $fn$
begin
  new.updated_at := now();
  return new;
end
$fn$;

create function storage.enforce_bucket_name_length() returns trigger
language plpgsql as $fn$
begin
  if length(new.name) > 100 then
    raise exception 'bucket name "%" is too long (% characters). Max is 100.', new.name, length(new.name);
  end if;
  return new;
end
$fn$;

-- Rows and blobs must go together: only the Storage API (which sets
-- storage.allow_delete_query) may delete rows.
create function storage.protect_delete() returns trigger
language plpgsql as $fn$
begin
  if coalesce(current_setting('storage.allow_delete_query', true), 'false') <> 'true' then
    raise exception 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
      using hint = 'This prevents accidental data loss from orphaned objects.', errcode = '42501';
  end if;
  return null;
end
$fn$;

create trigger update_objects_updated_at before update on storage.objects
  for each row execute function storage.update_updated_at_column();
create trigger enforce_bucket_name_length_trigger before insert or update of name on storage.buckets
  for each row execute function storage.enforce_bucket_name_length();
create trigger protect_objects_delete before delete on storage.objects
  for each statement execute function storage.protect_delete();
create trigger protect_buckets_delete before delete on storage.buckets
  for each statement execute function storage.protect_delete();

-- Listing ---------------------------------------------------------------------------
-- list() of storage-js: one directory level under `prefix` (which ends in '/' or is
-- empty), matched case-insensitively, with `search` as a prefix of the entry name.
-- Sub-folders appear once, with only `name` set. Names are relative to `prefix`.
-- `levels` is accepted for compatibility and not needed. Runs as the caller, so RLS
-- on storage.objects filters the rows.
create function storage.search(
  prefix text,
  bucketname text,
  limits integer default 100,
  levels integer default 1,
  offsets integer default 0,
  search text default '',
  sortcolumn text default 'name',
  sortorder text default 'asc'
) returns table (
  name text,
  id uuid,
  updated_at timestamptz,
  created_at timestamptz,
  last_accessed_at timestamptz,
  metadata jsonb
)
language plpgsql stable as $fn$
declare
  v_base_len integer := length(coalesce(prefix, ''));
  v_match text := lower(coalesce(prefix, '') || coalesce(search, ''));
  v_dir text := case when lower(coalesce(sortorder, 'asc')) = 'desc' then 'desc' else 'asc' end;
  v_col text := lower(coalesce(sortcolumn, 'name'));
  v_order text;
begin
  if v_col = 'name' then
    -- folders and files interleaved, by lower-cased key, bytewise
    v_order := format('lower(e.sort_key) collate "C" %s', v_dir);
  elsif v_col in ('updated_at', 'created_at', 'last_accessed_at') then
    v_order := format('e.is_folder desc, case when e.is_folder then lower(e.sort_key) end collate "C" %1$s, e.%2$I %1$s, e.sort_key collate "C" %1$s', v_dir, v_col);
  else
    v_order := format('lower(e.sort_key) collate "C" %s', v_dir);
  end if;

  return query execute format($q$
    with hits as (
      select o.name as key, o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata,
             strpos(substr(o.name, length($2) + 1), '/') as cut
      from storage.objects o
      where o.bucket_id = $1 and starts_with(lower(o.name), $2)
    ),
    folders as (
      select min(left(h.key, length($2) + h.cut)) as folder_key
      from hits h
      where h.cut > 0
      group by lower(left(h.key, length($2) + h.cut))
    ),
    entries as (
      select true as is_folder, f.folder_key as sort_key,
             left(substr(f.folder_key, $3 + 1), -1) as name,
             null::uuid as id, null::timestamptz as updated_at, null::timestamptz as created_at,
             null::timestamptz as last_accessed_at, null::jsonb as metadata
      from folders f
      union all
      select false, h.key, substr(h.key, $3 + 1), h.id, h.updated_at, h.created_at, h.last_accessed_at, h.metadata
      from hits h
      where h.cut = 0
    )
    select e.name, e.id, e.updated_at, e.created_at, e.last_accessed_at, e.metadata
    from entries e
    order by %s
    limit $4 offset $5
  $q$, v_order)
  using bucketname, v_match, v_base_len, least(coalesce(limits, 100), 1500), greatest(coalesce(offsets, 0), 0);
end
$fn$;

-- S3-style listing by byte order: keys under the prefix, keys below a further
-- delimiter collapsed into one folder entry (name without the trailing delimiter,
-- id null). A cursor naming a folder resumes after everything in that folder.
create function storage.list_objects_with_delimiter(
  _bucket_id text,
  prefix_param text,
  delimiter_param text,
  max_keys integer default 100,
  start_after text default '',
  next_token text default '',
  sort_order text default 'asc'
) returns table (
  name text,
  id uuid,
  metadata jsonb,
  updated_at timestamptz,
  created_at timestamptz,
  last_accessed_at timestamptz
)
language plpgsql stable as $fn$
declare
  v_prefix text := coalesce(prefix_param, '');
  v_cursor text := coalesce(nullif(next_token, ''), start_after, '');
  v_desc boolean := lower(coalesce(sort_order, 'asc')) = 'desc';
  v_bound text;
begin
  if v_cursor <> '' then
    if exists (
      select 1 from storage.objects o
      where o.bucket_id = _bucket_id and starts_with(o.name, v_cursor || delimiter_param)
    ) then
      v_bound := v_cursor || delimiter_param;
    else
      v_bound := v_cursor;
    end if;
  end if;

  return query execute format($q$
    with hits as (
      select o.name as key, o.id, o.metadata, o.updated_at, o.created_at, o.last_accessed_at,
             storage.get_common_prefix(o.name, $2, $3) as folder_key
      from storage.objects o
      where o.bucket_id = $1 and starts_with(o.name, $2)
    ),
    entries as (
      select distinct h.folder_key as sort_key, left(h.folder_key, -length($3)) as name,
             null::uuid as id, null::jsonb as metadata, null::timestamptz as updated_at,
             null::timestamptz as created_at, null::timestamptz as last_accessed_at
      from hits h
      where h.folder_key is not null
      union all
      select h.key, h.key, h.id, h.metadata, h.updated_at, h.created_at, h.last_accessed_at
      from hits h
      where h.folder_key is null
    )
    select e.name, e.id, e.metadata, e.updated_at, e.created_at, e.last_accessed_at
    from entries e
    where $4::text is null or e.sort_key collate "C" %s $4::text
    order by e.sort_key collate "C" %s
    limit $5
  $q$, case when v_desc then '<' else '>' end, case when v_desc then 'desc' else 'asc' end)
  using _bucket_id, v_prefix, delimiter_param, v_bound, max_keys;
end
$fn$;

-- list-v2 sorted by a timestamp: folders carry the earliest created_at of their keys
-- in both timestamp columns; the cursor is (timestamp to the millisecond, name).
create function storage.search_by_timestamp(
  p_prefix text,
  p_bucket_id text,
  p_limit integer,
  p_level integer,
  p_start_after text,
  p_sort_order text,
  p_sort_column text,
  p_sort_column_after text
) returns table (
  key text,
  name text,
  id uuid,
  updated_at timestamptz,
  created_at timestamptz,
  last_accessed_at timestamptz,
  metadata jsonb
)
language plpgsql stable as $fn$
declare
  v_col text := case when lower(p_sort_column) = 'updated_at' then 'updated_at' else 'created_at' end;
  v_dir text := case when lower(coalesce(p_sort_order, 'asc')) = 'desc' then 'desc' else 'asc' end;
begin
  return query execute format($q$
    with hits as (
      select o.name as key, o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata,
             storage.get_common_prefix(o.name, $1, '/') as folder_key
      from storage.objects o
      where o.bucket_id = $2 and starts_with(o.name, $1)
    ),
    entries as (
      select left(h.folder_key, -1) as name, null::uuid as id,
             min(h.created_at) as updated_at, min(h.created_at) as created_at,
             null::timestamptz as last_accessed_at, null::jsonb as metadata
      from hits h
      where h.folder_key is not null
      group by h.folder_key
      union all
      select h.key, h.id, h.updated_at, h.created_at, h.last_accessed_at, h.metadata
      from hits h
      where h.folder_key is null
    )
    select split_part(e.name, '/', $3), e.name, e.id, e.updated_at, e.created_at, e.last_accessed_at, e.metadata
    from entries e
    where coalesce($5, '') = ''
       or (date_trunc('milliseconds', e.%1$I), e.name collate "C")
          %2$s (coalesce(nullif($6, '')::timestamptz, 'epoch'::timestamptz), $5)
    order by coalesce(date_trunc('milliseconds', e.%1$I), 'epoch'::timestamptz) %3$s, e.name collate "C" %3$s
    limit $4
  $q$, v_col, case when v_dir = 'desc' then '<' else '>' end, v_dir)
  using coalesce(p_prefix, ''), p_bucket_id, p_level, p_limit, p_start_after, p_sort_column_after;
end
$fn$;

-- list-v2 with a delimiter: `key` is the entry's segment at `levels`, `name` its
-- full path (folders without the trailing '/').
create function storage.search_v2(
  prefix text,
  bucket_name text,
  limits integer default 100,
  levels integer default 1,
  start_after text default '',
  sort_order text default 'asc',
  sort_column text default 'name',
  sort_column_after text default ''
) returns table (
  key text,
  name text,
  id uuid,
  updated_at timestamptz,
  created_at timestamptz,
  last_accessed_at timestamptz,
  metadata jsonb
)
language plpgsql stable as $fn$
declare
  v_limit integer := least(coalesce(limits, 100), 1500);
  v_dir text := case when lower(coalesce(sort_order, 'asc')) = 'desc' then 'desc' else 'asc' end;
  v_col text := lower(coalesce(sort_column, 'name'));
begin
  if v_col in ('updated_at', 'created_at') then
    return query select * from storage.search_by_timestamp(
      prefix, bucket_name, v_limit, levels, start_after, v_dir, v_col, sort_column_after);
  else
    return query
      select split_part(l.name, '/', levels), l.name, l.id, l.updated_at, l.created_at, l.last_accessed_at, l.metadata
      from storage.list_objects_with_delimiter(bucket_name, coalesce(prefix, ''), '/', v_limit, start_after, '', v_dir) l;
  end if;
end
$fn$;

-- S3 ListMultipartUploads with a delimiter (the S3 protocol is not served locally;
-- kept so the schema matches).
create function storage.list_multipart_uploads_with_delimiter(
  bucket_id text,
  prefix_param text,
  delimiter_param text,
  max_keys integer default 100,
  next_key_token text default '',
  next_upload_token text default ''
) returns table (key text, id text, created_at timestamptz)
language sql as $fn$
  select distinct on (k.key collate "C") k.key, k.id, k.created_at
  from (
    select coalesce(storage.get_common_prefix(u.key, prefix_param, delimiter_param), u.key) as key, u.id, u.created_at
    from storage.s3_multipart_uploads u
    where u.bucket_id = list_multipart_uploads_with_delimiter.bucket_id
      and starts_with(lower(u.key), lower(prefix_param))
  ) k
  where (coalesce(next_key_token, '') = '' or coalesce(next_upload_token, '') <> '' or k.key collate "C" > next_key_token)
    and (coalesce(next_upload_token, '') = '' or k.id collate "C" > next_upload_token)
  order by k.key collate "C", k.created_at
  limit max_keys
$fn$;

-- Migration bookkeeping: the tenant migrations storage-api v1.60.2 records (names
-- and hashes as it computes them), so tools reading storage.migrations see the same
-- version as on a CLI stack.
insert into storage.migrations (id, name, hash) values
  (0, 'create-migrations-table', 'e18db593bcde2aca2a408c4d1100f6abba2195df'),
  (1, 'initialmigration', '6ab16121fbaa08bbd11b712d05f358f9b555d777'),
  (2, 'storage-schema', 'f6a1fa2c93cbcd16d4e487b362e45fca157a8dbd'),
  (3, 'pathtoken-column', '2cb1b0004b817b29d5b0a971af16bafeede4b70d'),
  (4, 'add-migrations-rls', '427c5b63fe1c5937495d9c635c263ee7a5905058'),
  (5, 'add-size-functions', '79e081a1455b63666c1294a440f8ad4b1e6a7f84'),
  (6, 'change-column-name-in-get-size', 'ded78e2f1b5d7e616117897e6443a925965b30d2'),
  (7, 'add-rls-to-buckets', 'e7e7f86adbc51049f341dfe8d30256c1abca17aa'),
  (8, 'add-public-to-buckets', 'fd670db39ed65f9d08b01db09d6202503ca2bab3'),
  (9, 'fix-search-function', 'af597a1b590c70519b464a4ab3be54490712796b'),
  (10, 'search-files-search-function', 'b595f05e92f7e91211af1bbfe9c6a13bb3391e16'),
  (11, 'add-trigger-to-auto-update-updated_at-column', '7425bdb14366d1739fa8a18c83100636d74dcaa2'),
  (12, 'add-automatic-avif-detection-flag', '8e92e1266eb29518b6a4c5313ab8f29dd0d08df9'),
  (13, 'add-bucket-custom-limits', 'cce962054138135cd9a8c4bcd531598684b25e7d'),
  (14, 'use-bytes-for-max-size', '941c41b346f9802b411f06f30e972ad4744dad27'),
  (15, 'add-can-insert-object-function', '934146bc38ead475f4ef4b555c524ee5d66799e5'),
  (16, 'add-version', '76debf38d3fd07dcfc747ca49096457d95b1221b'),
  (17, 'drop-owner-foreign-key', 'f1cbb288f1b7a4c1eb8c38504b80ae2a0153d101'),
  (18, 'add_owner_id_column_deprecate_owner', 'e7a511b379110b08e2f214be852c35414749fe66'),
  (19, 'alter-default-value-objects-id', '02e5e22a78626187e00d173dc45f58fa66a4f043'),
  (20, 'list-objects-with-delimiter', 'cd694ae708e51ba82bf012bba00caf4f3b6393b7'),
  (21, 's3-multipart-uploads', '8c804d4a566c40cd1e4cc5b3725a664a9303657f'),
  (22, 's3-multipart-uploads-big-ints', '9737dc258d2397953c9953d9b86920b8be0cdb73'),
  (23, 'optimize-search-function', '9d7e604cddc4b56a5422dc68c9313f4a1b6f132c'),
  (24, 'operation-function', '8312e37c2bf9e76bbe841aa5fda889206d2bf8aa'),
  (25, 'custom-metadata', 'd974c6057c3db1c1f847afa0e291e6165693b990'),
  (26, 'objects-prefixes', '215cabcb7f78121892a5a2037a09fedf9a1ae322'),
  (27, 'search-v2', '859ba38092ac96eb3964d83bf53ccc0b141663a6'),
  (28, 'object-bucket-name-sorting', 'c73a2b5b5d4041e39705814fd3a1b95502d38ce4'),
  (29, 'create-prefixes', 'ad2c1207f76703d11a9f9007f821620017a66c21'),
  (30, 'update-object-levels', '2be814ff05c8252fdfdc7cfb4b7f5c7e17f0bed6'),
  (31, 'objects-level-index', 'b40367c14c3440ec75f19bbce2d71e914ddd3da0'),
  (32, 'backward-compatible-index-on-objects', 'e0c37182b0f7aee3efd823298fb3c76f1042c0f7'),
  (33, 'backward-compatible-index-on-prefixes', 'b480e99ed951e0900f033ec4eb34b5bdcb4e3d49'),
  (34, 'optimize-search-function-v1', 'ca80a3dc7bfef894df17108785ce29a7fc8ee456'),
  (35, 'add-insert-trigger-prefixes', '458fe0ffd07ec53f5e3ce9df51bfdf4861929ccc'),
  (36, 'optimise-existing-functions', '6ae5fca6af5c55abe95369cd4f93985d1814ca8f'),
  (37, 'add-bucket-name-length-trigger', '3944135b4e3e8b22d6d4cbb568fe3b0b51df15c1'),
  (38, 'iceberg-catalog-flag-on-buckets', '02716b81ceec9705aed84aa1501657095b32e5c5'),
  (39, 'add-search-v2-sort-support', '6706c5f2928846abee18461279799ad12b279b78'),
  (40, 'fix-prefix-race-conditions-optimized', '7ad69982ae2d372b21f48fc4829ae9752c518f6b'),
  (41, 'add-object-level-update-trigger', '07fcf1a22165849b7a029deed059ffcde08d1ae0'),
  (42, 'rollback-prefix-triggers', '771479077764adc09e2ea2043eb627503c034cd4'),
  (43, 'fix-object-level', '84b35d6caca9d937478ad8a797491f38b8c2979f'),
  (44, 'vector-bucket-type', '99c20c0ffd52bb1ff1f32fb992f3b351e3ef8fb3'),
  (45, 'vector-buckets', '049e27196d77a7cb76497a85afae669d8b230953'),
  (46, 'buckets-objects-grants', 'fedeb96d60fefd8e02ab3ded9fbde05632f84aed'),
  (47, 'iceberg-table-metadata', '649df56855c24d8b36dd4cc1aeb8251aa9ad42c2'),
  (48, 'iceberg-catalog-ids', 'e0e8b460c609b9999ccd0df9ad14294613eed939'),
  (49, 'buckets-objects-grants-postgres', '072b1195d0d5a2f888af6b2302a1938dd94b8b3d'),
  (50, 'search-v2-optimised', '6323ac4f850aa14e7387eb32102869578b5bd478'),
  (51, 'index-backward-compatible-search', '2ee395d433f76e38bcd3856debaf6e0e5b674011'),
  (52, 'drop-not-used-indexes-and-functions', '5cc44c8696749ac11dd0dc37f2a3802075f3a171'),
  (53, 'drop-index-lower-name', 'd0cb18777d9e2a98ebe0bc5cc7a42e57ebe41854'),
  (54, 'drop-index-object-level', '6289e048b1472da17c31a7eba1ded625a6457e67'),
  (55, 'prevent-direct-deletes', '262a4798d5e0f2e7c8970232e03ce8be695d5819'),
  (56, 'fix-optimized-search-function', 'b823ed1e418101032fa01374edc9a436e54e3ed4'),
  (57, 's3-multipart-uploads-metadata', 'f127886e00d1b374fadbc7c6b31e09336aad5287'),
  (58, 'operation-ergonomics', '00ca5d483b3fe0d522133d9002ccc5df98365120'),
  (59, 'drop-unused-functions', '38456f13e39691c2bbb4b5151d0d1cdbabd4a8c4'),
  (60, 'optimize-existing-functions-again', 'db35e1c91a9201e59f4fef8d972c2f277d68b157')
;

reset role;
reset search_path;

-- Grants (as they stand after storage-api's grant migrations) -------------------------
grant all on table storage.buckets to anon, authenticated, service_role;
grant all on table storage.buckets to postgres with grant option;
grant all on table storage.objects to anon, authenticated, service_role;
grant all on table storage.objects to postgres with grant option;
grant all on table storage.migrations to anon, authenticated, service_role, postgres;
grant all on table storage.s3_multipart_uploads to service_role;
grant select on table storage.s3_multipart_uploads to authenticated, anon;
grant all on table storage.s3_multipart_uploads_parts to service_role;
grant select on table storage.s3_multipart_uploads_parts to authenticated, anon;
grant all on table storage.buckets_analytics to service_role, authenticated, anon;
grant select on table storage.buckets_vectors to service_role, authenticated, anon;
grant all on table storage.iceberg_namespaces to service_role;
grant select on table storage.iceberg_namespaces to authenticated, anon;
grant all on table storage.iceberg_tables to service_role;
grant select on table storage.iceberg_tables to authenticated, anon;
grant select on table storage.vector_indexes to service_role, authenticated, anon;
grant all on function storage.foldername(text) to anon, authenticated, service_role, postgres;
grant all on function storage.filename(text) to anon, authenticated, service_role, postgres;
grant all on function storage.extension(text) to anon, authenticated, service_role, postgres;
