-- Demo data loaded by `npm run dev` / `npm run stack` on a fresh data dir and by
-- `npm run db:reset` (and by `supabase db reset` on a linked project's local DB).
-- Every demo password is "ledgerline-demo", bcrypt-hashed as GoTrue stores it.
--
--   demo@ledgerline.test          owner of Northwind Traders
--   <role>@northwind.test         one user per role of Northwind Traders
--                                 (owner, admin, manager, sales, support, warehouse, accountant, viewer)
--   owner@globex.test             owner of Globex Corporation (a second tenant, to see isolation)

create temporary table demo_users (id uuid, email text, full_name text, org_slug text, role public.app_role) on commit drop;

insert into demo_users values
  ('11111111-1111-4111-8111-111111111111', 'demo@ledgerline.test', 'Demo User', 'northwind', 'owner'),
  ('22222222-0000-4000-8000-000000000001', 'owner@northwind.test', 'Nora Owner', 'northwind', 'owner'),
  ('22222222-0000-4000-8000-000000000002', 'admin@northwind.test', 'Adam Admin', 'northwind', 'admin'),
  ('22222222-0000-4000-8000-000000000003', 'manager@northwind.test', 'Maya Manager', 'northwind', 'manager'),
  ('22222222-0000-4000-8000-000000000004', 'sales@northwind.test', 'Sam Sales', 'northwind', 'sales'),
  ('22222222-0000-4000-8000-000000000005', 'support@northwind.test', 'Sue Support', 'northwind', 'support'),
  ('22222222-0000-4000-8000-000000000006', 'warehouse@northwind.test', 'Walt Warehouse', 'northwind', 'warehouse'),
  ('22222222-0000-4000-8000-000000000007', 'accountant@northwind.test', 'Alice Accountant', 'northwind', 'accountant'),
  ('22222222-0000-4000-8000-000000000008', 'viewer@northwind.test', 'Vic Viewer', 'northwind', 'viewer'),
  ('33333333-0000-4000-8000-000000000001', 'owner@globex.test', 'Gina Globex', 'globex', 'owner');

with pw as (select extensions.crypt('ledgerline-demo', extensions.gen_salt('bf', 10)) as hash)
insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change
)
select '00000000-0000-0000-0000-000000000000', d.id, 'authenticated', 'authenticated', d.email, pw.hash, now(),
  '{"provider":"email","providers":["email"]}', jsonb_build_object('full_name', d.full_name), now(), now(), '', '', '', ''
from demo_users d, pw;

insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select gen_random_uuid(), d.id::text, d.id,
  jsonb_build_object('sub', d.id::text, 'email', d.email, 'email_verified', true, 'phone_verified', false),
  'email', now(), now(), now()
from demo_users d;

insert into public.organizations (id, name, slug, base_currency, time_zone, locale, created_by) values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'Northwind Traders', 'northwind', 'USD', 'America/New_York', 'en-US',
   '11111111-1111-4111-8111-111111111111'),
  ('bbbbbbbb-0000-4000-8000-000000000001', 'Globex Corporation', 'globex', 'EUR', 'Europe/Berlin', 'de-DE',
   '33333333-0000-4000-8000-000000000001');

insert into public.memberships (org_id, user_id, role)
select o.id, d.id, d.role from demo_users d join public.organizations o on o.slug = d.org_slug;

update public.profiles p set default_org_id = o.id
from demo_users d join public.organizations o on o.slug = d.org_slug
where p.id = d.id;
