-- Reading purchase orders and quantity surveys at scale (100k POs, 1M QSs per organization): each
-- sort the PO list offers (utilization, order value, order date; ascending or descending, blanks
-- last, ties broken by id) is an ordered index scan that stops after one page, and the QS list pages
-- newest first the same way.
--
-- Utilization sorts by a key that is never null: a PO with order value 0 has no utilization
-- percentage but is over budget as soon as anything is spent, so it sorts above every percentage
-- ('Infinity') or, with nothing spent, as 0. The service orders by exactly this expression.
create index purchase_orders_org_utilization_key_idx on public.purchase_orders
  (org_id, (coalesce(utilization_percent, case when spent > 0 then 'Infinity'::numeric else 0 end)), id);
create index purchase_orders_org_value_idx on public.purchase_orders (org_id, order_value, id);
-- Ascending dates with blanks last; descending uses purchase_orders_org_order_date_idx.
create index purchase_orders_org_order_date_asc_idx on public.purchase_orders (org_id, order_date asc nulls last, id);

-- The QS list without a PO filter: newest valuation first. With a PO filter the list reads
-- quantity_surveys_po_date_idx.
create index quantity_surveys_org_date_idx on public.quantity_surveys (org_id, valuation_date desc, id desc);
