-- Extensions every Supabase project has before its first migration.
create extension if not exists supabase_vault;
