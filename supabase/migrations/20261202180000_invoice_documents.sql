-- Invoice documents (issue 9): the create-invoice edge function makes and posts the
-- invoice through create_invoice() as the caller, renders its PDF once, stores it in the
-- private "invoices" bucket at <org_id>/<invoice number>.pdf, records the path, and
-- e-mails it to the customer through the outbox. The invoice guard (private.finance_guard)
-- refuses client writes of pdf_path and sent_at, so the two steps after the upload are
-- definer RPCs that check the caller's role themselves; both keep what was recorded
-- first, so retries and concurrent repeats end with one PDF and one e-mail.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('invoices', 'invoices', false, 10485760, '{application/pdf}')
on conflict (id) do nothing;

-- The organisation whose invoice file `p_name` is (<org_id>/<number>.pdf with a posted
-- invoice of that number), or null.
create function private.invoice_file_org(p_name text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  v_parts text[] := storage.foldername(p_name);
  v_file text := storage.filename(p_name);
  v_org uuid;
begin
  if coalesce(cardinality(v_parts), 0) <> 1
     or v_parts[1] !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
     or v_file !~ '\.pdf$' then
    return null;
  end if;
  v_org := v_parts[1]::uuid;
  if not exists (select 1 from public.invoices i
                 where i.org_id = v_org and i.status = 'posted' and i.number || '.pdf' = v_file) then
    return null;
  end if;
  return v_org;
end;
$$;
revoke all on function private.invoice_file_org(text) from public;
grant execute on function private.invoice_file_org(text) to authenticated;

-- Finance readers read their organisation's invoice files; owners, admins and accountants
-- add the file of a posted invoice. Nobody replaces or removes one (posted documents are
-- immutable), so there are no update or delete policies.
create policy invoices_files_select on storage.objects for select to authenticated
  using (bucket_id = 'invoices'
         and private.has_role(private.invoice_file_org(name), '{owner,admin,manager,sales,accountant,viewer}'));
create policy invoices_files_insert on storage.objects for insert to authenticated
  with check (bucket_id = 'invoices' and private.has_role(private.invoice_file_org(name), '{owner,admin,accountant}'));

-- The posted invoice `p_invoice_id` locked for the caller, who must be allowed to issue it.
create function private.issuable_invoice(p_invoice_id uuid, p_what text) returns public.invoices
language plpgsql security definer set search_path = '' as $$
declare
  v_invoice public.invoices;
begin
  select * into v_invoice from public.invoices i where i.id = p_invoice_id for update;
  if not found or not private.is_member(v_invoice.org_id) then
    raise exception 'Invoice not found' using errcode = 'P0002';
  end if;
  perform private.require_role(v_invoice.org_id, '{owner,admin,accountant}', p_what);
  if v_invoice.status <> 'posted' then
    raise exception 'Invoice % is %: only posted invoices have documents', coalesce(v_invoice.number, '(draft)'),
      v_invoice.status using errcode = '23514';
  end if;
  return v_invoice;
end;
$$;
revoke all on function private.issuable_invoice(uuid, text) from public;

-- Records the stored PDF of a posted invoice. The first recorded path stays: a repeat
-- (a retry, a concurrent call) returns the invoice as it is.
create function public.attach_invoice_pdf(p_invoice_id uuid, p_path text) returns public.invoices
language plpgsql security definer set search_path = '' as $$
declare
  v_invoice public.invoices := private.issuable_invoice(p_invoice_id, 'attach invoice documents');
begin
  if v_invoice.pdf_path is not null then
    return v_invoice;
  end if;
  if p_path is distinct from v_invoice.org_id || '/' || v_invoice.number || '.pdf' then
    raise exception 'The PDF of invoice % is stored at %/%.pdf', v_invoice.number, v_invoice.org_id, v_invoice.number
      using errcode = '22023';
  end if;
  if not exists (select 1 from storage.objects o where o.bucket_id = 'invoices' and o.name = p_path) then
    raise exception 'Upload the PDF of invoice % first', v_invoice.number using errcode = '23514';
  end if;
  perform set_config('private.posting', 'on', true);
  update public.invoices i set pdf_path = p_path where i.id = p_invoice_id returning * into v_invoice;
  perform set_config('private.posting', 'off', true);
  return v_invoice;
end;
$$;

-- Queues the invoice e-mail (its PDF attached) to the customer's address, once per
-- invoice, and records when it was queued. Without a customer e-mail nothing is queued
-- and sent_at stays empty.
create function public.send_invoice_email(p_invoice_id uuid) returns public.invoices
language plpgsql security definer set search_path = '' as $$
declare
  v_invoice public.invoices := private.issuable_invoice(p_invoice_id, 'send invoices');
  v_org text;
  v_customer public.accounts;
begin
  if v_invoice.sent_at is not null then
    return v_invoice;
  end if;
  if v_invoice.pdf_path is null then
    raise exception 'Invoice % has no PDF to send yet', v_invoice.number using errcode = '23514';
  end if;
  select * into v_customer from public.accounts a where a.id = v_invoice.account_id;
  if v_customer.email is null then
    return v_invoice;
  end if;
  select o.name into v_org from public.organizations o where o.id = v_invoice.org_id;
  perform private.enqueue_email(
    v_invoice.org_id,
    v_customer.email,
    format('Invoice %s from %s', v_invoice.number, v_org),
    format(E'Dear %s,\n\nplease find attached invoice %s of %s for %s %s, due on %s.\n\nThank you for your business.\n%s',
      v_customer.name, v_invoice.number, to_char(v_invoice.invoice_date, 'YYYY-MM-DD'),
      to_char(v_invoice.total, 'FM9,999,999,999,999,990.00'), v_invoice.currency,
      to_char(v_invoice.due_date, 'YYYY-MM-DD'), v_org),
    null,
    'invoice',
    jsonb_build_array(jsonb_build_object('bucket', 'invoices', 'path', v_invoice.pdf_path,
      'filename', v_invoice.number || '.pdf')),
    'invoice:' || v_invoice.id
  );
  perform set_config('private.posting', 'on', true);
  update public.invoices i set sent_at = now() where i.id = p_invoice_id returning * into v_invoice;
  perform set_config('private.posting', 'off', true);
  return v_invoice;
end;
$$;

-- create_invoice() as the caller, also saying whether this call made the invoice (the
-- row was written by this transaction) or returned the one its idempotency key made
-- earlier: the edge function answers 201 or 200.
create function public.create_invoice_request(p_org_id uuid, p_idempotency_key text, p_sales_order_id uuid default null,
  p_account_id uuid default null, p_lines jsonb default null, p_only_delivered boolean default false,
  p_invoice_date date default null, p_due_date date default null, p_currency text default null,
  p_notes text default null)
returns table (invoice_id uuid, created boolean)
language plpgsql security invoker set search_path = '' as $$
declare
  v_invoice public.invoices;
begin
  v_invoice := public.create_invoice(p_org_id, p_idempotency_key, p_sales_order_id, p_account_id, p_lines,
    p_only_delivered, p_invoice_date, p_due_date, p_currency, p_notes, true);
  return query
    select v_invoice.id, coalesce((select i.xmin::text = (pg_current_xact_id_if_assigned()::text::bigint % 4294967296)::text
                                   from public.invoices i where i.id = v_invoice.id), false);
end;
$$;

revoke execute on function public.attach_invoice_pdf(uuid, text), public.send_invoice_email(uuid),
  public.create_invoice_request(uuid, text, uuid, uuid, jsonb, boolean, date, date, text, text) from public, anon;
grant execute on function public.attach_invoice_pdf(uuid, text), public.send_invoice_email(uuid),
  public.create_invoice_request(uuid, text, uuid, uuid, jsonb, boolean, date, date, text, text) to authenticated;
