import { randomUUID } from "node:crypto";
import type { Engine } from "@/server/db";
import { sql } from "@/server/db/sql";
import { asServiceOn } from "@/server/db/transactions";
import { jobDatabase } from "@/server/jobs/job-database";
import { withAlertDelivery } from "@/server/alerts/with-alert-delivery";
import { appJobRegistry } from "@/server/jobs/app-job-registry";
import { evaluateAlerts, type AlertEvaluationResult } from "@edge-shared/alerts/evaluate-alerts.ts";
import { drainJobs } from "@edge-shared/jobs/worker.ts";

/**
 * Purchase orders and spend for the alert tests, written as the connection role the way the import
 * jobs write them: each PO gets one quantity survey whose amount is set to the wanted spend, so the
 * schema's own triggers keep `spent` and `utilization_percent`.
 */
export async function insertPurchaseOrder(
  engine: Engine,
  orgId: string,
  options: { number?: string; orderValue?: string; spent?: string; status?: "open" | "closed" | "cancelled"; supplier?: string } = {},
): Promise<string> {
  const number = options.number ?? `PO-${randomUUID().slice(0, 8)}`;
  const { id } = await engine.transaction((tx) =>
    tx.one<{ id: string }>(sql`
      insert into public.purchase_orders (org_id, po_number, supplier, order_value, currency, status)
      values (${orgId}, ${number}, ${options.supplier ?? "Fitout Supplies Ltd"}, ${options.orderValue ?? "10000.00"}::numeric, 'NZD',
              ${options.status ?? "open"})
      returning id`),
  );
  if (options.spent !== undefined) await setSpent(engine, orgId, id, options.spent);
  return id;
}

/** The PO's spend becomes `amount` (its one quantity survey is created or changed). */
export async function setSpent(engine: Engine, orgId: string, poId: string, amount: string): Promise<void> {
  await engine.transaction((tx) =>
    tx.query(sql`
      insert into public.quantity_surveys (org_id, qs_number, po_id, valuation_date, amount)
      values (${orgId}, ${`QS-${poId}`}, ${poId}, '2026-11-01', ${amount}::numeric)
      on conflict (org_id, qs_number) do update set amount = excluded.amount`),
  );
}

export async function setPoStatus(engine: Engine, poId: string, status: "open" | "closed" | "cancelled"): Promise<void> {
  await engine.transaction((tx) => tx.query(sql`update public.purchase_orders set status = ${status} where id = ${poId}`));
}

/** One evaluation as the job runs it (service role, one transaction). */
export function evaluate(engine: Engine, orgId: string, poIds?: string[]): Promise<AlertEvaluationResult> {
  return asServiceOn(engine, (tx) => evaluateAlerts(tx, { orgId, poIds, evaluationId: randomUUID() }));
}

/** Runs the queued alerts.evaluate jobs the way the in-process worker does (evaluation, then delivery). */
export function runAlertJobs(engine: Engine) {
  return drainJobs({
    db: jobDatabase(engine),
    registry: withAlertDelivery(appJobRegistry),
    kinds: ["alerts.evaluate"],
    workerId: "alert-test",
    leaseSeconds: 30,
    deadline: Date.now() + 25_000,
  });
}

export interface AlertState {
  id: string;
  level: string;
  peak_level: string;
  status: string;
  regression: boolean;
  below_warning_streak: number;
  utilization_percent: string | null;
  opened_utilization: string | null;
  resolved_reason: string | null;
}

/** Every alert of a PO, newest first. */
export function alertsOf(engine: Engine, poId: string): Promise<AlertState[]> {
  return engine.transaction((tx) =>
    tx.query<AlertState>(sql`
      select id, level, peak_level, status, regression, below_warning_streak, utilization_percent::text, opened_utilization::text, resolved_reason
        from public.alerts where po_id = ${poId} order by opened_at desc, id`),
  );
}

export function eventsOf(engine: Engine, alertId: string) {
  return engine.transaction((tx) =>
    tx.query<{ kind: string; from_level: string | null; to_level: string | null }>(sql`
      select kind, from_level, to_level from public.alert_events where alert_id = ${alertId} order by id`),
  );
}

export function notificationsOf(engine: Engine, orgId: string) {
  return engine.transaction((tx) =>
    tx.query<{ po_id: string; level: string; from_level: string; user_id: string; digest: boolean; status: string }>(sql`
      select po_id, level, from_level, user_id, digest, status from public.alert_notifications
       where org_id = ${orgId} order by created_at, po_id, level, user_id`),
  );
}

/** Alert emails in the outbox (app_private.email_messages) for one recipient, oldest first. */
export function alertEmailsTo(engine: Engine, email: string) {
  return engine.transaction((tx) =>
    tx.query<{ template: string; subject: string; text_body: string; html: string; idempotency_key: string }>(sql`
      select template, subject, text_body, html, idempotency_key from app_private.email_messages
       where lower(to_email) = lower(${email}) and template like 'alert%' order by created_at, idempotency_key`),
  );
}
