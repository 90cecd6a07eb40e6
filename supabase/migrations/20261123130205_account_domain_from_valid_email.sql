-- A company's domain is derived from its e-mail only when that e-mail is valid, so a
-- bad address is reported as a bad e-mail (accounts_email_check), not as a bad domain.
create or replace function private.normalize_account() returns trigger
language plpgsql set search_path = '' as $$
declare
  v_from_email text;
begin
  new.email := nullif(lower(btrim(new.email)), '');
  new.domain := nullif(regexp_replace(lower(btrim(new.domain)), '^(https?://)?(www\.)?([^/]*).*$', '\3'), '');
  if new.domain is null and new.website is not null then
    new.domain := nullif(regexp_replace(lower(btrim(new.website)), '^(https?://)?(www\.)?([^/:]*).*$', '\3'), '');
    if new.domain !~ '^[a-z0-9.-]+\.[a-z]{2,}$' then
      new.domain := null;
    end if;
  end if;
  if new.domain is null and new.email is not null and new.kind = 'company' then
    v_from_email := split_part(new.email, '@', 2);
    if v_from_email ~ '^[a-z0-9.-]+\.[a-z]{2,}$' then
      new.domain := v_from_email;
    end if;
  end if;
  new.tags := array(select distinct btrim(t) from unnest(new.tags) t where btrim(t) <> '' order by 1);
  return new;
end;
$$;
