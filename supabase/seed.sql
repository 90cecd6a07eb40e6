-- Demo data loaded by `npm run dev` / `npm run stack` on a fresh data dir and by
-- `npm run db:reset` (and by `supabase db reset` on a linked project's local DB).
-- Every demo password is "ledgerline-demo", bcrypt-hashed as GoTrue stores it.
--
--   demo@ledgerline.test          owner of Northwind Traders
--   <role>@northwind.test         one user per role of Northwind Traders
--                                 (owner, admin, manager, sales, support, warehouse, accountant, viewer)
--   rep@northwind.test            a second sales rep of Northwind (two reps on one deal board)
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
  ('22222222-0000-4000-8000-000000000009', 'rep@northwind.test', 'Rita Rep', 'northwind', 'sales'),
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

-- ---------------------------------------------------------------------------
-- CRM demo (Northwind): customers with contacts and a believable pipeline of 60 deals
-- across the default pipeline's stages (ranks assigned by the database), owned by the
-- two sales reps and the manager, some won and some lost with reasons.
-- ---------------------------------------------------------------------------
insert into public.accounts (id, org_id, name, kind, email, website, phone, currency, payment_terms_days, credit_limit, tags, owner_id)
select ('c1000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'aaaaaaaa-0000-4000-8000-000000000001', a.name, 'company',
  'purchasing@' || a.domain, 'https://www.' || a.domain, a.phone, 'USD', a.terms, a.credit, a.tags::text[],
  (array['22222222-0000-4000-8000-000000000004', '22222222-0000-4000-8000-000000000009', '22222222-0000-4000-8000-000000000003'])[1 + n % 3]::uuid
from (values
  (1, 'Alfreds Futterkiste', 'alfreds.example', '+49 30 0074321', 30, 20000, '{wholesale,europe}'),
  (2, 'Bottom-Dollar Markets', 'bottomdollar.example', '+1 604 555 4729', 45, 50000, '{retail}'),
  (3, 'Ernst Handel', 'ernsthandel.example', '+43 7675 3425', 30, 80000, '{wholesale,europe}'),
  (4, 'Great Lakes Food Market', 'greatlakesfood.example', '+1 503 555 7555', 30, 35000, '{retail,key-account}'),
  (5, 'Hungry Coyote Import Store', 'hungrycoyote.example', '+1 503 555 6874', 15, 10000, '{retail}'),
  (6, 'Island Trading', 'islandtrading.example', '+44 24 555 8888', 30, 25000, '{wholesale}'),
  (7, 'Lazy K Kountry Store', 'lazyk.example', '+1 509 555 7969', 15, 5000, '{retail}'),
  (8, 'QUICK-Stop', 'quickstop.example', '+49 372 035 188', 30, 60000, '{wholesale,europe,key-account}'),
  (9, 'Rattlesnake Canyon Grocery', 'rattlesnake.example', '+1 505 555 5939', 30, 40000, '{retail}'),
  (10, 'Save-a-lot Markets', 'savealot.example', '+1 208 555 8097', 45, 90000, '{retail,key-account}'),
  (11, 'The Cracker Box', 'crackerbox.example', '+1 406 555 5834', 15, 8000, '{retail}'),
  (12, 'White Clover Markets', 'whiteclover.example', '+1 206 555 4112', 30, 30000, '{retail}')
) as a(n, name, domain, phone, terms, credit, tags);

insert into public.contacts (org_id, account_id, first_name, last_name, email, phone, title)
select 'aaaaaaaa-0000-4000-8000-000000000001', a.id, c.first_name, c.last_name,
  lower(c.first_name) || '.' || lower(c.last_name) || '@' || split_part(a.email, '@', 2), a.phone, c.title
from public.accounts a
join (values
  (1, 'Maria', 'Anders', 'Sales Representative'), (2, 'Elizabeth', 'Lincoln', 'Accounting Manager'),
  (3, 'Roland', 'Mendel', 'Sales Manager'), (4, 'Howard', 'Snyder', 'Marketing Manager'),
  (5, 'Yoshi', 'Latimer', 'Sales Representative'), (6, 'Helen', 'Bennett', 'Marketing Manager'),
  (7, 'John', 'Steel', 'Marketing Manager'), (8, 'Horst', 'Kloss', 'Accounting Manager'),
  (9, 'Paula', 'Wilson', 'Assistant Sales Representative'), (10, 'Jose', 'Pavarotti', 'Sales Representative'),
  (11, 'Liu', 'Wong', 'Marketing Assistant'), (12, 'Karl', 'Jablonski', 'Owner'),
  (4, 'Fran', 'Wilson', 'Purchasing Manager'), (8, 'Renate', 'Messner', 'Buyer'), (10, 'Art', 'Braunschweiger', 'Buyer')
) as c(n, first_name, last_name, title) on a.id = ('c1000000-0000-4000-8000-' || lpad(c.n::text, 12, '0'))::uuid;

insert into public.deals (org_id, pipeline_id, stage_id, title, account_id, contact_id, amount, expected_close_date, owner_id, tags, lost_reason)
select 'aaaaaaaa-0000-4000-8000-000000000001', s.pipeline_id, s.id,
  (array['Annual supply contract', 'Seasonal restock', 'New store opening', 'Coffee program', 'Shelf-ready packaging',
         'Private label pilot', 'Holiday bundle', 'Scanner rollout'])[1 + n % 8] || ' – ' || a.name,
  a.id, (select c.id from public.contacts c where c.account_id = a.id order by c.last_name limit 1),
  round((800 + (n * 7919) % 24000)::numeric, -1), current_date + ((n * 37) % 120 - 30),
  (array['22222222-0000-4000-8000-000000000004', '22222222-0000-4000-8000-000000000009', '22222222-0000-4000-8000-000000000003'])[1 + n % 3]::uuid,
  case when n % 5 = 0 then '{priority}'::text[] else '{}' end,
  case when s.kind = 'lost' then (array['Price', 'Chose a competitor', 'No budget'])[1 + n % 3] end
from generate_series(1, 60) n
join public.accounts a on a.id = ('c1000000-0000-4000-8000-' || lpad((1 + n % 12)::text, 12, '0'))::uuid
join lateral (
  select st.* from public.pipeline_stages st join public.pipelines p on p.id = st.pipeline_id
  where p.org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and p.is_default
  order by st.position offset (case when n <= 14 then 0 when n <= 28 then 1 when n <= 40 then 2 when n <= 48 then 3 when n <= 55 then 4 else 5 end) limit 1
) s on true
order by n;

-- Leads and campaigns: two campaigns (some deals attributed), scoring rules, a rotation
-- of the two sales reps that new unowned leads go round, and a dozen leads to work.
insert into public.campaigns (id, org_id, name, channel, status, budget, currency, starts_on, ends_on, owner_id) values
  ('ca000000-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'Spring trade fair', 'event', 'completed',
   4500, 'USD', current_date - 90, current_date - 80, '22222222-0000-4000-8000-000000000003'),
  ('ca000000-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000001', 'Coffee program newsletter', 'email', 'active',
   800, 'USD', current_date - 20, current_date + 40, '22222222-0000-4000-8000-000000000004');
update public.deals set campaign_id = 'ca000000-0000-4000-8000-000000000001'
where org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and title like 'New store opening%';
update public.deals set campaign_id = 'ca000000-0000-4000-8000-000000000002'
where org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and title like 'Coffee program%';
insert into public.lead_scoring_rules (org_id, field, operator, value, points) values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'source', 'equals', 'Referral', 30),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'phone', 'is_set', null, 10),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'estimated_value', 'greater_than', '10000', 25),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'email', 'contains', 'gmail.', -10);
insert into public.lead_assignees (org_id, user_id) values
  ('aaaaaaaa-0000-4000-8000-000000000001', '22222222-0000-4000-8000-000000000004'),
  ('aaaaaaaa-0000-4000-8000-000000000001', '22222222-0000-4000-8000-000000000009');
insert into public.leads (org_id, company_name, contact_name, email, phone, source, campaign_id, status, estimated_value)
select 'aaaaaaaa-0000-4000-8000-000000000001', l.company, l.contact, l.email, l.phone, l.source, l.campaign::uuid,
  l.status::public.lead_status, l.value
from (values
  ('Blauer See Delikatessen', 'Hanna Moos', 'hanna.moos@blauersee.example', '+49 621 08460', 'Referral', null, 'qualified', 18000),
  ('Chop-suey Chinese', 'Yang Wang', 'yang@chopsuey.example', null, 'Web', 'ca000000-0000-4000-8000-000000000002', 'new', 2500),
  ('Du monde entier', 'Janine Labrune', 'janine@dumonde.example', '+33 40 67 88 88', 'Trade fair', 'ca000000-0000-4000-8000-000000000001', 'contacted', 6000),
  ('Folk och fä HB', 'Maria Larsson', 'maria@folkochfa.example', null, 'Web', null, 'new', null),
  ('Frankenversand', 'Peter Franken', 'peter@frankenversand.example', '+49 89 0877310', 'Referral', null, 'contacted', 24000),
  (null, 'Carlos González', 'carlos.gonzalez@gmail.example', null, 'Web', 'ca000000-0000-4000-8000-000000000002', 'new', null),
  ('La maison d''Asie', 'Annette Roulet', 'annette@maisondasie.example', '+33 61 77 61 10', 'Trade fair', 'ca000000-0000-4000-8000-000000000001', 'qualified', 12500),
  ('Lonesome Pine Restaurant', 'Fran Wilson', 'fran@lonesomepine.example', '+1 503 555 9573', 'Cold call', null, 'unqualified', 1500),
  ('Old World Delicatessen', 'Rene Phillips', 'rene@oldworld.example', '+1 907 555 7584', 'Web', 'ca000000-0000-4000-8000-000000000002', 'new', 4000),
  ('Piccolo und mehr', 'Georg Pipps', 'georg@piccolo.example', null, 'Referral', null, 'new', 9000),
  ('Simons bistro', 'Jytte Petersen', 'jytte@simons.example', '+45 31 12 34 56', 'Trade fair', 'ca000000-0000-4000-8000-000000000001', 'contacted', 7000),
  ('Wolski Zajazd', 'Zbyszek Piestrzeniewicz', 'zbyszek@wolski.example', '+48 26 642 7012', 'Web', null, 'new', 3000)
) as l(company, contact, email, phone, source, campaign, status, value);
insert into public.campaign_members (org_id, campaign_id, contact_id, status)
select 'aaaaaaaa-0000-4000-8000-000000000001', 'ca000000-0000-4000-8000-000000000002', c.id,
  case when row_number() over (order by c.email) % 3 = 0 then 'responded' else 'sent' end
from public.contacts c where c.org_id = 'aaaaaaaa-0000-4000-8000-000000000001';
insert into public.campaign_members (org_id, campaign_id, lead_id, status)
select l.org_id, l.campaign_id, l.id, 'responded' from public.leads l
where l.org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and l.campaign_id is not null;

-- Tasks for the sales team's "My day": some overdue, some today, some later, on deals.
insert into public.tasks (org_id, title, due_at, reminder_at, assignee_id, priority, deal_id)
select 'aaaaaaaa-0000-4000-8000-000000000001', t.title, now() + t.due, now() + t.due - interval '1 hour', t.who::uuid,
  t.priority::public.ticket_priority,
  (select d.id from public.deals d where d.org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and d.owner_id = t.who::uuid
   order by d.title offset t.n limit 1)
from (values
  (0, 'Send the revised quote', interval '-1 day', '22222222-0000-4000-8000-000000000004', 'high'),
  (1, 'Call about delivery dates', interval '3 hours', '22222222-0000-4000-8000-000000000004', 'normal'),
  (2, 'Book the tasting visit', interval '2 days', '22222222-0000-4000-8000-000000000004', 'normal'),
  (0, 'Follow up on the pilot order', interval '-3 hours', '22222222-0000-4000-8000-000000000009', 'urgent'),
  (1, 'Prepare the pricing review', interval '5 hours', '22222222-0000-4000-8000-000000000009', 'normal'),
  (0, 'Review the lost deals of the month', interval '1 day', '22222222-0000-4000-8000-000000000003', 'low')
) as t(n, title, due, who, priority);

-- ---------------------------------------------------------------------------
-- Inventory and purchasing demo (Northwind): suppliers, products, two warehouses,
-- stock built from real ledger movements, reorder rules (one product already below
-- its reorder point, with its alert and draft PO), and purchase orders in each state.
-- Runs as the demo owner so the RPCs' role checks and the audit log see a real actor.
-- ---------------------------------------------------------------------------
select set_config('request.jwt.claims',
  '{"role":"authenticated","sub":"11111111-1111-4111-8111-111111111111"}', false);

insert into public.warehouses (id, org_id, code, name, address) values
  ('a1000000-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000001', 'EAST', 'East Coast DC',
   '400 Harbor Blvd, Newark, NJ');
insert into public.tax_rates (org_id, name, rate) values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'NY sales tax', 8.875);

insert into public.accounts (id, org_id, name, kind, email, website, is_supplier, is_customer, currency, payment_terms_days) values
  ('a2000000-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'Pacific Components Ltd', 'company',
   'orders@pacific-components.example', 'https://pacific-components.example', true, false, 'USD', 45),
  ('a2000000-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000001', 'Nordic Packaging AB', 'company',
   'sales@nordic-packaging.example', 'https://nordic-packaging.example', true, false, 'EUR', 30),
  ('a2000000-0000-4000-8000-000000000003', 'aaaaaaaa-0000-4000-8000-000000000001', 'Great Lakes Electronics', 'company',
   'supply@greatlakes-electronics.example', 'https://greatlakes-electronics.example', true, false, 'USD', 30);

create temporary table demo_products (id uuid, sku text, name text, kind public.product_kind, uom text, price numeric,
  supplier uuid, barcode text) on commit drop;
insert into demo_products values
  ('a3000000-0000-4000-8000-000000000001', 'NW-CHAI-24', 'Chai tea, 24 bags', 'stocked', 'box', 18.00, 'a2000000-0000-4000-8000-000000000001', '0012345000011'),
  ('a3000000-0000-4000-8000-000000000002', 'NW-CHAN-12', 'Chang beer, 12 x 355 ml', 'stocked', 'case', 19.00, 'a2000000-0000-4000-8000-000000000001', '0012345000028'),
  ('a3000000-0000-4000-8000-000000000003', 'NW-SYRUP-6', 'Aniseed syrup, 6 bottles', 'stocked', 'case', 10.00, 'a2000000-0000-4000-8000-000000000001', '0012345000035'),
  ('a3000000-0000-4000-8000-000000000004', 'NW-CAJUN-48', 'Cajun seasoning, 48 jars', 'stocked', 'case', 22.00, 'a2000000-0000-4000-8000-000000000001', '0012345000042'),
  ('a3000000-0000-4000-8000-000000000005', 'NW-GUMBO-36', 'Gumbo mix, 36 boxes', 'stocked', 'case', 21.35, 'a2000000-0000-4000-8000-000000000001', '0012345000059'),
  ('a3000000-0000-4000-8000-000000000006', 'NW-BOX-S', 'Shipping box, small', 'stocked', 'unit', 0.90, 'a2000000-0000-4000-8000-000000000002', '0012345000066'),
  ('a3000000-0000-4000-8000-000000000007', 'NW-BOX-L', 'Shipping box, large', 'stocked', 'unit', 1.60, 'a2000000-0000-4000-8000-000000000002', '0012345000073'),
  ('a3000000-0000-4000-8000-000000000008', 'NW-SCAN-1', 'Handheld barcode scanner', 'stocked', 'unit', 189.00, 'a2000000-0000-4000-8000-000000000003', '0012345000080'),
  ('a3000000-0000-4000-8000-000000000009', 'NW-LABEL-P', 'Thermal label printer', 'stocked', 'unit', 329.00, 'a2000000-0000-4000-8000-000000000003', '0012345000097'),
  ('a3000000-0000-4000-8000-000000000010', 'NW-LABEL-R', 'Thermal labels, roll of 500', 'stocked', 'roll', 12.50, 'a2000000-0000-4000-8000-000000000003', '0012345000103'),
  ('a3000000-0000-4000-8000-000000000011', 'NW-COFFEE-1', 'Colombian coffee beans, 1 kg', 'stocked', 'bag', 24.00, 'a2000000-0000-4000-8000-000000000001', '0012345000110'),
  ('a3000000-0000-4000-8000-000000000012', 'NW-TAPE', 'Packing tape', 'consumable', 'roll', 3.20, 'a2000000-0000-4000-8000-000000000002', null),
  ('a3000000-0000-4000-8000-000000000013', 'SRV-INSTALL', 'On-site installation', 'service', 'hour', 95.00, null, null),
  ('a3000000-0000-4000-8000-000000000014', 'SRV-TRAINING', 'Staff training session', 'service', 'session', 450.00, null, null);

insert into public.products (id, org_id, sku, name, kind, uom, sale_price, preferred_supplier_id, barcode, invoicing_policy)
select id, 'aaaaaaaa-0000-4000-8000-000000000001', sku, name, kind, uom, price, supplier, barcode,
  case when kind = 'service' then 'delivered'::public.invoicing_policy else 'ordered' end
from demo_products;

-- A wholesale price list for the key accounts (quote lines for them take these prices).
insert into public.price_lists (id, org_id, name, currency) values
  ('a4000000-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'Wholesale', 'USD');
insert into public.price_list_items (org_id, price_list_id, product_id, min_quantity, unit_price)
select 'aaaaaaaa-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-000000000001', p.id, q.min, round(p.sale_price * q.factor, 2)
from public.products p
cross join (values (1, 0.92), (50, 0.85)) as q(min, factor)
where p.org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and p.kind = 'stocked';
update public.accounts set price_list_id = 'a4000000-0000-4000-8000-000000000001'
where org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and 'key-account' = any(tags);

-- Opening stock: receipts at cost into MAIN (and a little into EAST), then some sales shipped.
insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, unit_cost, reason)
select 'aaaaaaaa-0000-4000-8000-000000000001', p.id, w.id, 'receipt', q.qty, round(p.price * 0.55, 2), 'Opening balance'
from demo_products p
join (values ('NW-CHAI-24', 'MAIN', 240), ('NW-CHAN-12', 'MAIN', 180), ('NW-SYRUP-6', 'MAIN', 60), ('NW-CAJUN-48', 'MAIN', 95),
             ('NW-GUMBO-36', 'MAIN', 40), ('NW-BOX-S', 'MAIN', 1200), ('NW-BOX-L', 'MAIN', 800), ('NW-SCAN-1', 'MAIN', 25),
             ('NW-LABEL-P', 'MAIN', 12), ('NW-LABEL-R', 'MAIN', 300), ('NW-COFFEE-1', 'MAIN', 150), ('NW-TAPE', 'MAIN', 200),
             ('NW-CHAI-24', 'EAST', 60), ('NW-CHAN-12', 'EAST', 48), ('NW-BOX-S', 'EAST', 400)) as q(sku, wh, qty) on q.sku = p.sku
join public.warehouses w on w.org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and w.code = q.wh;

insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, document_type, reason)
select 'aaaaaaaa-0000-4000-8000-000000000001', p.id, w.id, 'shipment', -q.qty, null, 'Walk-in sale'
from demo_products p
join (values ('NW-CHAI-24', 'MAIN', 62), ('NW-CHAN-12', 'MAIN', 75), ('NW-SYRUP-6', 'MAIN', 52), ('NW-SCAN-1', 'MAIN', 9),
             ('NW-COFFEE-1', 'MAIN', 41), ('NW-BOX-S', 'MAIN', 380)) as q(sku, wh, qty) on q.sku = p.sku
join public.warehouses w on w.org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and w.code = q.wh;

select public.transfer_stock('aaaaaaaa-0000-4000-8000-000000000001', 'a3000000-0000-4000-8000-000000000007',
  w.id, 'a1000000-0000-4000-8000-000000000002', 150, 'Stock the East Coast DC')
from public.warehouses w where w.org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and w.code = 'MAIN';

insert into public.reorder_rules (org_id, product_id, warehouse_id, reorder_point, reorder_quantity)
select 'aaaaaaaa-0000-4000-8000-000000000001', p.id, w.id, r.point, r.qty
from demo_products p
join (values ('NW-CHAI-24', 50, 120), ('NW-CHAN-12', 40, 96), ('NW-SYRUP-6', 12, 48), ('NW-SCAN-1', 5, 10),
             ('NW-LABEL-R', 80, 200), ('NW-BOX-S', 300, 1000)) as r(sku, point, qty) on r.sku = p.sku
join public.warehouses w on w.org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and w.code = 'MAIN';

-- Purchase orders: one received and billed, one partly received, one sent, one draft.
insert into public.purchase_orders (id, org_id, supplier_id, warehouse_id, order_date, expected_date, supplier_reference) values
  ('a4000000-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'a2000000-0000-4000-8000-000000000003',
   (select id from public.warehouses where org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and code = 'MAIN'),
   current_date - 30, current_date - 20, 'GLE-5521'),
  ('a4000000-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000001', 'a2000000-0000-4000-8000-000000000001',
   (select id from public.warehouses where org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and code = 'MAIN'),
   current_date - 12, current_date - 2, null),
  ('a4000000-0000-4000-8000-000000000003', 'aaaaaaaa-0000-4000-8000-000000000001', 'a2000000-0000-4000-8000-000000000001',
   'a1000000-0000-4000-8000-000000000002', current_date - 3, current_date + 7, null),
  ('a4000000-0000-4000-8000-000000000004', 'aaaaaaaa-0000-4000-8000-000000000001', 'a2000000-0000-4000-8000-000000000003',
   (select id from public.warehouses where org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and code = 'MAIN'),
   current_date, current_date + 14, null);
insert into public.purchase_order_lines (org_id, purchase_order_id, position, product_id, quantity, unit_cost) values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-000000000001', 1, 'a3000000-0000-4000-8000-000000000009', 6, 181.00),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-000000000001', 2, 'a3000000-0000-4000-8000-000000000010', 200, 6.80),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-000000000002', 1, 'a3000000-0000-4000-8000-000000000004', 48, 12.10),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-000000000002', 2, 'a3000000-0000-4000-8000-000000000005', 36, 11.70),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-000000000003', 1, 'a3000000-0000-4000-8000-000000000011', 60, 13.20),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-000000000004', 1, 'a3000000-0000-4000-8000-000000000008', 10, 104.00);
select public.confirm_purchase_order(id) from public.purchase_orders
  where id in ('a4000000-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-000000000002', 'a4000000-0000-4000-8000-000000000003')
  order by order_date;
select public.post_goods_receipt((public.create_goods_receipt('a4000000-0000-4000-8000-000000000001')).id);
do $$
declare
  v_receipt uuid;
begin
  -- The Cajun seasoning arrives short: 20 of 48 (the rest is backordered).
  select (public.create_goods_receipt('a4000000-0000-4000-8000-000000000002')).id into v_receipt;
  update public.goods_receipt_lines r set quantity = 20
  where r.goods_receipt_id = v_receipt and r.purchase_order_line_id in (
    select id from public.purchase_order_lines where product_id = 'a3000000-0000-4000-8000-000000000004');
  perform public.post_goods_receipt(v_receipt);
end;
$$;
insert into public.vendor_bills (id, org_id, supplier_id, purchase_order_id, supplier_invoice_number, bill_date) values
  ('a5000000-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'a2000000-0000-4000-8000-000000000003',
   'a4000000-0000-4000-8000-000000000001', 'GLE-INV-88120', current_date - 15);
insert into public.vendor_bill_lines (org_id, vendor_bill_id, purchase_order_line_id, product_id, description, quantity, unit_price)
select org_id, 'a5000000-0000-4000-8000-000000000001', id, product_id, 'As ordered', quantity, unit_cost
from public.purchase_order_lines where purchase_order_id = 'a4000000-0000-4000-8000-000000000001';
select public.post_vendor_bill('a5000000-0000-4000-8000-000000000001');

-- The aniseed syrup is below its reorder point: raise its alert (and draft PO) as the scheduler would.
select set_config('request.jwt.claims', '{"role":"service_role"}', false);
select count(*) from public.raise_reorder_alerts('aaaaaaaa-0000-4000-8000-000000000001');
select set_config('request.jwt.claims', '', false);

-- ---------------------------------------------------------------------------
-- Order-to-cash and accounting demo (Northwind): opening balances, quote lines on the
-- won deals, orders made from four of them in different states (delivered and paid,
-- invoiced and partly paid, partly delivered, confirmed), an overdue service invoice,
-- and a bank statement with one line reconciled and the rest waiting for the accountant.
-- Runs as the demo owner, like the inventory demo.
-- ---------------------------------------------------------------------------
select set_config('request.jwt.claims',
  '{"role":"authenticated","sub":"11111111-1111-4111-8111-111111111111"}', false);

insert into public.exchange_rates (org_id, currency, rate_date, rate) values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'EUR', current_date - 90, 1.08);

-- The books open with money in the bank and the stock built above, against owner's equity
-- (purchase receipts and bills after that post their own entries).
select private.post_journal('aaaaaaaa-0000-4000-8000-000000000001', current_date - 60, 'Opening balances', 'manual', null,
  jsonb_build_array(
    jsonb_build_object('account_role', 'bank', 'debit', 25000),
    jsonb_build_object('account_role', 'inventory', 'debit', s.value),
    jsonb_build_object('gl_account_id', (select id from public.gl_accounts
      where org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and code = '3000'), 'credit', 25000 + s.value)))
from (select round(sum(m.on_hand_delta * m.unit_cost), 2) as value from public.stock_movements m
      where m.org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and m.reason in ('Opening balance', 'Walk-in sale')) s;

insert into public.deal_lines (org_id, deal_id, position, product_id, description, quantity, unit_price, tax_rate)
select d.org_id, d.id, x.pos, p.id, p.name, x.qty, p.sale_price, 8.875
from public.deals d
cross join lateral (values (1, 'NW-CHAI-24', 6 + abs(hashtext(d.id::text)) % 10), (2, 'NW-COFFEE-1', 4 + abs(hashtext(d.title)) % 8),
                           (3, 'SRV-INSTALL', 2)) as x(pos, sku, qty)
join public.products p on p.org_id = d.org_id and p.sku = x.sku
where d.org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and d.status = 'won';

do $$
declare
  v_org constant uuid := 'aaaaaaaa-0000-4000-8000-000000000001';
  v_deal record;
  v_order uuid;
  v_delivery uuid;
  v_invoice public.invoices;
  v_paid public.payments;
  v_step int := 0;
begin
  for v_deal in select d.id from public.deals d where d.org_id = v_org and d.status = 'won' order by d.title limit 4 loop
    v_step := v_step + 1;
    v_order := (public.create_sales_order_from_deal(v_deal.id)).id;
    update public.sales_orders set order_date = current_date - (50 - v_step * 10), promised_date = current_date - (40 - v_step * 10)
      where id = v_order;
    perform public.confirm_sales_order(v_order);
    if v_step <= 3 then
      v_delivery := (public.create_delivery(v_order)).id;
      update public.deliveries set delivery_date = current_date - (45 - v_step * 10) where id = v_delivery;
      if v_step = 3 then
        update public.delivery_lines set quantity = greatest(1, floor(quantity / 2)) where delivery_id = v_delivery;
      end if;
      perform public.post_delivery(v_delivery);
    end if;
    if v_step <= 2 then
      v_invoice := public.create_invoice(p_org_id => v_org, p_idempotency_key => 'demo-order-invoice-' || v_step,
        p_sales_order_id => v_order, p_invoice_date => current_date - (45 - v_step * 10));
      v_paid := public.record_payment(v_org, 'incoming', v_invoice.account_id,
        case when v_step = 1 then v_invoice.total else round(v_invoice.total / 2, 2) end, current_date - (12 - v_step * 3),
        null, null, 'Wire ' || v_invoice.number,
        jsonb_build_array(jsonb_build_object('invoice_id', v_invoice.id,
          'amount', case when v_step = 1 then v_invoice.total else round(v_invoice.total / 2, 2) end)));
      if v_step = 1 then
        perform public.import_bank_statement((select id from public.bank_accounts where org_id = v_org limit 1), 'demo-statement.csv',
          jsonb_build_array(
            jsonb_build_object('booking_date', v_paid.payment_date, 'amount', v_paid.amount::text,
              'description', 'Incoming wire ' || v_invoice.number, 'counterparty', (select name from public.accounts where id = v_invoice.account_id)),
            jsonb_build_object('booking_date', current_date - 5, 'amount', '-12.50', 'description', 'Account fee', 'counterparty', 'First Harbor Bank'),
            jsonb_build_object('booking_date', current_date - 4, 'amount', '-2446.00', 'description', 'Transfer GLE-INV-88120',
              'counterparty', 'Great Lakes Electronics', 'reference', 'GLE-INV-88120')));
        perform public.match_bank_line((select l.id from public.bank_statement_lines l
          where l.org_id = v_org and l.amount = v_paid.amount order by l.booking_date limit 1), p_payment_id => v_paid.id);
      end if;
    end if;
  end loop;
  -- Training delivered two months ago and never paid: overdue.
  perform public.create_invoice(p_org_id => v_org, p_idempotency_key => 'demo-training-invoice',
    p_account_id => 'c1000000-0000-4000-8000-000000000007', p_invoice_date => current_date - 60,
    p_lines => jsonb_build_array(jsonb_build_object('product_id', 'a3000000-0000-4000-8000-000000000014',
      'description', 'Staff training session', 'quantity', 2, 'unit_price', 450, 'tax_rate', 8.875)));
end;
$$;
select set_config('request.jwt.claims', '', false);

-- ---------------------------------------------------------------------------
-- Dashboards demo (Northwind): two sales teams and monthly targets for the reps and the
-- manager over the last twelve months and the next three, so the sales dashboards show
-- attainment and coverage from the first visit.
-- ---------------------------------------------------------------------------
insert into public.sales_teams (id, org_id, name) values
  ('a7000000-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'Field sales'),
  ('a7000000-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000001', 'Key accounts');
insert into public.sales_team_members (org_id, team_id, user_id) values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'a7000000-0000-4000-8000-000000000001', '22222222-0000-4000-8000-000000000004'),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'a7000000-0000-4000-8000-000000000001', '22222222-0000-4000-8000-000000000009'),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'a7000000-0000-4000-8000-000000000002', '22222222-0000-4000-8000-000000000003');
insert into public.sales_targets (org_id, user_id, month, amount)
select 'aaaaaaaa-0000-4000-8000-000000000001', t.user_id, (date_trunc('month', current_date) + make_interval(months => m))::date,
  t.amount
from (values ('22222222-0000-4000-8000-000000000004'::uuid, 25000), ('22222222-0000-4000-8000-000000000009'::uuid, 20000),
             ('22222222-0000-4000-8000-000000000003'::uuid, 40000)) t(user_id, amount)
cross join generate_series(-11, 2) m;

-- ---------------------------------------------------------------------------
-- Manufacturing demo (Northwind): a breakfast gift hamper built by a two-level bill of
-- materials (hamper ← lined gift box, chai, coffee, large box; gift box ← small boxes,
-- tissue paper and tape, with scrap), one order of gift boxes and one of hampers produced
-- (components out and finished goods in through the stock ledger, their journal entries
-- with absorbed labour), and a planned order waiting to start. Runs as the demo owner.
-- ---------------------------------------------------------------------------
select set_config('request.jwt.claims',
  '{"role":"authenticated","sub":"11111111-1111-4111-8111-111111111111"}', false);

insert into public.products (id, org_id, sku, name, kind, uom, sale_price, preferred_supplier_id, invoicing_policy) values
  ('ab000000-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'NW-HAMPER', 'Breakfast gift hamper',
   'stocked', 'unit', 89.00, null, 'ordered'),
  ('ab000000-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000001', 'NW-GIFTBOX', 'Gift box, lined',
   'stocked', 'unit', 6.50, null, 'ordered'),
  ('ab000000-0000-4000-8000-000000000003', 'aaaaaaaa-0000-4000-8000-000000000001', 'NW-TISSUE', 'Tissue paper sheet',
   'stocked', 'sheet', 0.15, 'a2000000-0000-4000-8000-000000000002', 'ordered');

-- Tissue paper on the shelf from the start, in the books like the other opening stock.
insert into public.stock_movements (org_id, product_id, warehouse_id, kind, on_hand_delta, unit_cost, reason)
select 'aaaaaaaa-0000-4000-8000-000000000001', 'ab000000-0000-4000-8000-000000000003', w.id, 'receipt', 500, 0.08,
  'Opening balance'
from public.warehouses w where w.org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and w.code = 'MAIN';
select private.post_journal('aaaaaaaa-0000-4000-8000-000000000001', current_date - 60, 'Opening balances: tissue paper',
  'manual', null, jsonb_build_array(
    jsonb_build_object('account_role', 'inventory', 'debit', 40.00),
    jsonb_build_object('gl_account_id', (select id from public.gl_accounts
      where org_id = 'aaaaaaaa-0000-4000-8000-000000000001' and code = '3000'), 'credit', 40.00)));

-- Ten gift boxes take 10 small boxes (+5 % scrap), 20 tissue sheets (+10 %) and a roll of tape;
-- a hamper takes a gift box, a box of chai, two bags of coffee and a large shipping box.
insert into public.boms (id, org_id, product_id, name, output_quantity, is_default, notes) values
  ('ab100000-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'ab000000-0000-4000-8000-000000000002',
   'Gift box, lined', 10, true, 'Fold, line with two tissue sheets, tape the base.'),
  ('ab100000-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000001', 'ab000000-0000-4000-8000-000000000001',
   'Breakfast gift hamper', 1, true, 'Pack the chai and coffee in the gift box, then ship in a large box.');
insert into public.bom_lines (org_id, bom_id, position, product_id, quantity, scrap_pct) values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'ab100000-0000-4000-8000-000000000001', 1, 'a3000000-0000-4000-8000-000000000006', 10, 5),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'ab100000-0000-4000-8000-000000000001', 2, 'ab000000-0000-4000-8000-000000000003', 20, 10),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'ab100000-0000-4000-8000-000000000001', 3, 'a3000000-0000-4000-8000-000000000012', 1, 0),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'ab100000-0000-4000-8000-000000000002', 1, 'ab000000-0000-4000-8000-000000000002', 1, 0),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'ab100000-0000-4000-8000-000000000002', 2, 'a3000000-0000-4000-8000-000000000001', 1, 0),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'ab100000-0000-4000-8000-000000000002', 3, 'a3000000-0000-4000-8000-000000000011', 2, 0),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'ab100000-0000-4000-8000-000000000002', 4, 'a3000000-0000-4000-8000-000000000007', 1, 0);

-- Produced: 20 gift boxes three weeks ago, then 8 hampers (with 24.00 of labour) ten days ago.
-- Planned: 12 hampers for next week (enough gift boxes are left for them). Each order is
-- planned once what it needs is there, so no reorder alert is raised on the way.
insert into public.production_orders (id, org_id, product_id, quantity, planned_date) values
  ('ab200000-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'ab000000-0000-4000-8000-000000000002',
   20, current_date - 21);
select public.start_production_order('aaaaaaaa-0000-4000-8000-000000000001', 'ab200000-0000-4000-8000-000000000001');
select public.complete_production_order('aaaaaaaa-0000-4000-8000-000000000001', 'ab200000-0000-4000-8000-000000000001',
  p_date => current_date - 21);
insert into public.production_orders (id, org_id, product_id, quantity, planned_date, notes) values
  ('ab200000-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000001', 'ab000000-0000-4000-8000-000000000001',
   8, current_date - 10, 'Holiday hampers for the key accounts'),
  ('ab200000-0000-4000-8000-000000000003', 'aaaaaaaa-0000-4000-8000-000000000001', 'ab000000-0000-4000-8000-000000000001',
   12, current_date + 7, 'Spring promotion');
select public.start_production_order('aaaaaaaa-0000-4000-8000-000000000001', 'ab200000-0000-4000-8000-000000000002');
select public.complete_production_order('aaaaaaaa-0000-4000-8000-000000000001', 'ab200000-0000-4000-8000-000000000002',
  p_labour_cost => 24.00, p_date => current_date - 10);
select set_config('request.jwt.claims', '', false);

-- ---------------------------------------------------------------------------
-- People and time demo (Northwind): two departments (Consulting managed by Maya Manager,
-- Operations by Adam Admin), employees linked to the demo logins (and a contractor without
-- one) with bill rates and cost-rate history; a project made from a won deal (hourly rate,
-- mark-up on expenses), a direct one billed at each person's rate, and a non-billable one;
-- five weeks of time: the oldest two approved and invoiced, the next approved and waiting to
-- be invoiced, last week submitted for approval, this week still a draft; expenses approved
-- (one billed with the time), submitted and draft. Entered as the demo owner, approved by the
-- department managers (the owner approves Maya's own), invoiced by the accountant.
-- ---------------------------------------------------------------------------
select set_config('request.jwt.claims',
  '{"role":"authenticated","sub":"11111111-1111-4111-8111-111111111111"}', false);

insert into public.departments (id, org_id, name, manager_user_id) values
  ('ac100000-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'Consulting',
   '22222222-0000-4000-8000-000000000003'),
  ('ac100000-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000001', 'Operations',
   '22222222-0000-4000-8000-000000000002');

insert into public.employees (id, org_id, user_id, full_name, email, department_id, job_title, bill_rate, hired_on) values
  ('ac200000-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', '22222222-0000-4000-8000-000000000003',
   'Maya Manager', 'manager@northwind.test', 'ac100000-0000-4000-8000-000000000001', 'Engagement manager', 150.00,
   current_date - 900),
  ('ac200000-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000001', '22222222-0000-4000-8000-000000000004',
   'Sam Sales', 'sales@northwind.test', 'ac100000-0000-4000-8000-000000000001', 'Solutions consultant', 110.00,
   current_date - 700),
  ('ac200000-0000-4000-8000-000000000003', 'aaaaaaaa-0000-4000-8000-000000000001', '22222222-0000-4000-8000-000000000009',
   'Rita Rep', 'rep@northwind.test', 'ac100000-0000-4000-8000-000000000001', 'Consultant', 95.00, current_date - 400),
  ('ac200000-0000-4000-8000-000000000004', 'aaaaaaaa-0000-4000-8000-000000000001', '22222222-0000-4000-8000-000000000006',
   'Walt Warehouse', 'warehouse@northwind.test', 'ac100000-0000-4000-8000-000000000002', 'Warehouse lead', 70.00,
   current_date - 1200),
  ('ac200000-0000-4000-8000-000000000005', 'aaaaaaaa-0000-4000-8000-000000000001', '22222222-0000-4000-8000-000000000005',
   'Sue Support', 'support@northwind.test', 'ac100000-0000-4000-8000-000000000002', 'Support specialist', 80.00,
   current_date - 500),
  ('ac200000-0000-4000-8000-000000000006', 'aaaaaaaa-0000-4000-8000-000000000001', null,
   'Cleo Contractor', 'cleo@studio-cleo.example', 'ac100000-0000-4000-8000-000000000001', 'Freelance designer', 120.00,
   current_date - 120);

-- Sam's rate went up a month ago: time approved since is costed at the new rate.
insert into public.employee_cost_rates (org_id, employee_id, hourly_cost, valid_from) values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'ac200000-0000-4000-8000-000000000001', 85.00, current_date - 900),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'ac200000-0000-4000-8000-000000000002', 55.00, current_date - 700),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'ac200000-0000-4000-8000-000000000002', 60.00, current_date - 30),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'ac200000-0000-4000-8000-000000000003', 48.00, current_date - 400),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'ac200000-0000-4000-8000-000000000004', 35.00, current_date - 1200),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'ac200000-0000-4000-8000-000000000005', 40.00, current_date - 500),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'ac200000-0000-4000-8000-000000000006', 70.00, current_date - 120);

-- Who logs what on a normal week: (employee, project 1–3, weekday 0 = Monday, hours, description).
create temporary table demo_week_plan (employee_id uuid, project int, dow int, hours numeric, description text) on commit drop;
insert into demo_week_plan
select 'ac200000-0000-4000-8000-000000000002'::uuid, 1, d, 6, 'Workshops and configuration' from generate_series(0, 3) d
union all select 'ac200000-0000-4000-8000-000000000002', 2, d, 2, 'Layout review' from generate_series(0, 3) d
union all select 'ac200000-0000-4000-8000-000000000002', 2, 4, 4, 'Layout review'
union all select 'ac200000-0000-4000-8000-000000000003', 2, d, 7.5, 'Shelf plans' from generate_series(0, 2) d
union all select 'ac200000-0000-4000-8000-000000000003', 1, d, 3, 'Data migration' from generate_series(3, 4) d
union all select 'ac200000-0000-4000-8000-000000000001', 1, d, 2, 'Steering and status' from unnest(array[0, 2, 4]) d
union all select 'ac200000-0000-4000-8000-000000000001', 3, d, 1.5, 'Pilot check-ins' from unnest(array[1, 3]) d
union all select 'ac200000-0000-4000-8000-000000000004', 3, d, 3, 'Pick-path trial' from unnest(array[0, 2]) d;

do $$
declare
  v_org constant uuid := 'aaaaaaaa-0000-4000-8000-000000000001';
  v_owner constant text := '{"role":"authenticated","sub":"11111111-1111-4111-8111-111111111111"}';
  v_maya constant text := '{"role":"authenticated","sub":"22222222-0000-4000-8000-000000000003"}';
  v_adam constant text := '{"role":"authenticated","sub":"22222222-0000-4000-8000-000000000002"}';
  v_alice constant text := '{"role":"authenticated","sub":"22222222-0000-4000-8000-000000000007"}';
  v_this_week constant date := date_trunc('week', current_date)::date;
  v_projects uuid[];
  v_week date;
  v_offset int;
  v_employee uuid;
  v_ids uuid[];
  v_id uuid;
begin
  -- The project from a won deal (without a sales order), made by the manager as on the deal page.
  perform set_config('request.jwt.claims', v_maya, false);
  v_projects[1] := (public.create_project_from_deal(v_org,
    (select d.id from public.deals d where d.org_id = v_org and d.status = 'won' and d.account_id is not null
       and not exists (select 1 from public.sales_orders s where s.deal_id = d.id)
     order by d.title desc limit 1))).id;
  update public.projects set hourly_rate = 125.00, expense_markup_pct = 10, tax_rate = 8.875,
    start_date = v_this_week - 28, description = 'Roll-out of the new ordering process, billed by the hour.'
  where id = v_projects[1];
  insert into public.projects (org_id, name, account_id, manager_id, budget, start_date, description)
  values (v_org, 'Store layout redesign', 'c1000000-0000-4000-8000-000000000004', '22222222-0000-4000-8000-000000000003',
    12000.00, v_this_week - 28, 'Time billed at each consultant''s bill rate.')
  returning id into v_id;
  v_projects[2] := v_id;
  insert into public.projects (org_id, name, account_id, manager_id, billing_method, start_date, description)
  values (v_org, 'Pick-path pilot (goodwill)', 'c1000000-0000-4000-8000-000000000008',
    '22222222-0000-4000-8000-000000000003', 'non_billable', v_this_week - 28, 'Not billed: costs only.')
  returning id into v_id;
  v_projects[3] := v_id;

  -- Five weeks of time, entered through the weekly grid's RPC as the owner.
  perform set_config('request.jwt.claims', v_owner, false);
  for v_offset in -4..0 loop
    v_week := v_this_week + v_offset * 7;
    for v_employee in select distinct p.employee_id from demo_week_plan p order by 1 loop
      if v_offset = 0 and v_employee not in ('ac200000-0000-4000-8000-000000000002', 'ac200000-0000-4000-8000-000000000003') then
        continue;
      end if;
      perform public.save_timesheet_week(v_org, v_employee, v_week, (
        select jsonb_agg(jsonb_build_object('project_id', v_projects[p.project], 'entry_date', v_week + p.dow,
          'hours', p.hours, 'description', p.description))
        from demo_week_plan p
        where p.employee_id = v_employee and (v_offset < 0 or v_week + p.dow <= current_date or p.dow = 0)));
      if v_offset < 0 then
        perform public.submit_timesheet_week(v_org, v_employee, v_week);
      end if;
    end loop;
  end loop;

  -- Expenses: a billable train fare and a team lunch (approved), a hotel night waiting for
  -- approval, and this week's office supplies still a draft.
  insert into public.expenses (org_id, employee_id, project_id, expense_date, category, description, amount, tax_amount, billable)
  values
    (v_org, 'ac200000-0000-4000-8000-000000000002', v_projects[1], v_this_week - 27, 'Travel',
     'Train to the customer''s head office', 86.40, 0, true),
    (v_org, 'ac200000-0000-4000-8000-000000000003', v_projects[2], v_this_week - 13, 'Meals',
     'Lunch with the store managers', 64.00, 5.68, false),
    (v_org, 'ac200000-0000-4000-8000-000000000002', v_projects[1], v_this_week - 5, 'Lodging',
     'Hotel night before the workshop', 139.00, 12.34, true);
  insert into public.expenses (org_id, employee_id, expense_date, category, description, amount)
  values (v_org, 'ac200000-0000-4000-8000-000000000002', current_date, 'Supplies', 'Flip-chart pads', 23.90);
  perform public.submit_expenses(v_org, array(
    select x.id from public.expenses x where x.org_id = v_org and x.category in ('Travel', 'Meals', 'Lodging')));

  -- The managers decide: everything before last week approved (Consulting by Maya, Operations by
  -- Adam, Maya's own by the owner); last week's time and the hotel night wait.
  for v_employee in select distinct p.employee_id from demo_week_plan p order by 1 loop
    v_ids := array(select t.id from public.timesheet_entries t
                   where t.employee_id = v_employee and t.status = 'submitted' and t.entry_date < v_this_week - 7);
    perform set_config('request.jwt.claims', case
      when v_employee = 'ac200000-0000-4000-8000-000000000001' then v_owner
      when v_employee = 'ac200000-0000-4000-8000-000000000004' then v_adam
      else v_maya end, false);
    perform public.approve_timesheets(v_org, v_ids);
  end loop;
  perform set_config('request.jwt.claims', v_maya, false);
  perform public.approve_expenses(v_org, array(
    select x.id from public.expenses x where x.org_id = v_org and x.category in ('Travel', 'Meals')));

  -- The accountant invoices the first two weeks of the project from the deal (and the train fare).
  perform set_config('request.jwt.claims', v_alice, false);
  perform public.create_project_invoice(v_org, v_projects[1], 'demo-project-invoice-1', p_up_to => v_this_week - 15,
    p_invoice_date => v_this_week - 14);
end;
$$;
select set_config('request.jwt.claims', '', false);
