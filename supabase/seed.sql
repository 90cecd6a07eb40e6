-- Demo data loaded by `npm run dev` / `npm run stack` on a fresh data dir and by
-- `npm run db:reset` (and by `supabase db reset` on a linked project's local DB).
-- Passwords are bcrypt-hashed with pgcrypto exactly as GoTrue stores them.

-- Demo sign-in: demo@ledgerline.test / ledgerline-demo
insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change
) values (
  '00000000-0000-0000-0000-000000000000', '11111111-1111-4111-8111-111111111111', 'authenticated', 'authenticated',
  'demo@ledgerline.test', extensions.crypt('ledgerline-demo', extensions.gen_salt('bf', 10)), now(),
  '{"provider":"email","providers":["email"]}', '{"full_name":"Demo User"}', now(), now(),
  '', '', '', ''
);

insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
values (
  gen_random_uuid(), '11111111-1111-4111-8111-111111111111', '11111111-1111-4111-8111-111111111111',
  '{"sub":"11111111-1111-4111-8111-111111111111","email":"demo@ledgerline.test","email_verified":true,"phone_verified":false}',
  'email', now(), now(), now()
);
