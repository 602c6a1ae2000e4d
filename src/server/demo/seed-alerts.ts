import { sql, type Tx } from "@/server/db";
import { requestAlertEvaluation } from "@edge-shared/alerts/request-alert-evaluation.ts";

/**
 * Acme's budget alerts on first start: an alert evaluation of the organization is queued after the
 * demo's POs are seeded, once ever (its idempotency key), and the in-process worker runs it when it
 * starts, so alerts at each level are open and their escalation emails are in /dev/mailbox a moment
 * after the first start. Runs in the seed's transaction, after the procurement seed.
 */
export async function seedAlertsDemo(tx: Tx, orgId: string, slug: string): Promise<void> {
  if (slug === "acme") await ensureStandInPurchaseOrders(tx, orgId);
  // The seed runs as the connection role; the queue takes jobs for any organization from the service role.
  const previous = await tx.one<{ claims: string | null }>(sql`select current_setting('request.jwt.claims', true) as claims`);
  await tx.query(sql`select set_config('request.jwt.claims', '{"role":"service_role"}', true)`);
  await requestAlertEvaluation(tx, orgId, undefined, { key: "demo-seed" });
  await tx.query(sql`select set_config('request.jwt.claims', ${previous.claims ?? ""}, true)`);
}

/**
 * Stand-in POs for an organization the procurement seed left without any (a database seeded before
 * it existed), so the alert demo always shows each level: on track, warning, critical, over budget.
 */
async function ensureStandInPurchaseOrders(tx: Tx, orgId: string): Promise<void> {
  const any = await tx.maybeOne(sql`select 1 from public.purchase_orders where org_id = ${orgId} limit 1`);
  if (any) return;
  const pos: [string, string, string, string][] = [
    // [number, supplier, order value, spent]
    ["PO-ALERT-101", "Harbour Joinery Ltd", "48000.00", "19200.00"],
    ["PO-ALERT-102", "Southern Electrical Services", "36500.00", "28470.00"],
    ["PO-ALERT-103", "Kauri Flooring Co", "22000.00", "20570.00"],
    ["PO-ALERT-104", "Metro Glazing Ltd", "15750.00", "17167.50"],
  ];
  await tx.query(sql`
    with po as (
      insert into public.purchase_orders (org_id, po_number, supplier, order_value, currency, order_date, description)
      select ${orgId}::uuid, n, s, v::numeric, o.currency, current_date - 60, 'Office fit-out, level 3'
        from unnest(${pos.map((p) => p[0])}::text[], ${pos.map((p) => p[1])}::text[], ${pos.map((p) => p[2])}::text[]) as x(n, s, v)
        cross join public.organizations o where o.id = ${orgId}
      returning id, po_number
    )
    insert into public.quantity_surveys (org_id, qs_number, po_id, valuation_date, amount, description)
    select ${orgId}::uuid, replace(po.po_number, 'PO-', 'QS-'), po.id, current_date - 7, x.spent::numeric, 'Progress claim'
      from po join unnest(${pos.map((p) => p[0])}::text[], ${pos.map((p) => p[3])}::text[]) as x(n, spent) on x.n = po.po_number`);
}
