-- Winning a deal records the delivery date promised to the customer; the sales order
-- made from the deal carries it, and on-time delivery is measured against it.
alter table public.deals add column promised_delivery_date date;
