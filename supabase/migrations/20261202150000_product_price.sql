-- The price of a product for a customer, as quote and order lines take it: from the customer's
-- price list, else the org's default list, the entry with the largest minimum quantity not above
-- the quantity (valid today, lists active); else the product's sale price in the base currency.
-- With the product's tax rate (else the org's default rate). Invoker: the caller's RLS applies.
create function public.product_price(p_org_id uuid, p_product_id uuid, p_account_id uuid default null,
  p_quantity numeric default 1)
returns table (unit_price numeric, currency text, tax_rate numeric, price_list_id uuid, price_list_name text)
language sql stable security invoker set search_path = '' as $$
  with product as (
    select p.* from public.products p where p.id = p_product_id and p.org_id = p_org_id
  ),
  lists as (
    select l.*, case when l.id = (select a.price_list_id from public.accounts a where a.id = p_account_id and a.org_id = p_org_id)
      then 0 else 1 end as preference
    from public.price_lists l
    where l.org_id = p_org_id and l.active
      and (l.valid_from is null or l.valid_from <= current_date) and (l.valid_to is null or l.valid_to >= current_date)
      and (l.id = (select a.price_list_id from public.accounts a where a.id = p_account_id and a.org_id = p_org_id) or l.is_default)
  ),
  listed as (
    select i.unit_price, l.currency, l.id, l.name
    from lists l join public.price_list_items i on i.price_list_id = l.id
    where i.product_id = p_product_id and i.min_quantity <= greatest(coalesce(p_quantity, 1), 0)
    order by l.preference, i.min_quantity desc
    limit 1
  ),
  tax as (
    select coalesce(
      (select t.rate from public.tax_rates t join product p on t.id = p.tax_rate_id),
      (select t.rate from public.tax_rates t where t.org_id = p_org_id and t.is_default and t.active),
      0) as rate
  )
  select coalesce(li.unit_price, p.sale_price), coalesce(li.currency, o.base_currency), tax.rate, li.id, li.name
  from product p
  join public.organizations o on o.id = p.org_id
  cross join tax
  left join listed li on true
$$;
revoke execute on function public.product_price(uuid, uuid, uuid, numeric) from public, anon;
grant execute on function public.product_price(uuid, uuid, uuid, numeric) to authenticated;
