import { asService, sql } from "@/server/db";
import { sendEmail } from "@/server/email/send-email";
import { alertDigestEmail } from "@/server/email/templates/alert-digest-email";
import { alertEscalationEmail } from "@/server/email/templates/alert-escalation-email";
import type { EscalatedPo } from "@/server/email/templates/alert-format";
import { logger } from "@/server/http/logger";

interface PendingRow extends EscalatedPo {
  id: string;
  orgId: string;
  alertId: string;
  userId: string;
  evaluationId: string;
  digest: boolean;
  email: string;
  orgName: string;
  orgSlug: string;
  /** Still an active member who may acknowledge and has not opted out since it was recorded. */
  eligible: boolean;
}

export interface AlertDelivery {
  emails: number;
  notifications: number;
  skipped: number;
}

/**
 * Sends the escalation emails that evaluations recorded (alert_notifications still `pending`),
 * through the one email sender: one email per alert, level and recipient, or one digest per
 * recipient and evaluation when that evaluation escalated more than 10 POs. Runs in Node (React
 * Email): after each `alerts.evaluate` job in the in-process worker, and from POST
 * /api/alerts/deliver (pg_cron) when the Edge Function evaluates. Safe to run concurrently or
 * again: each email's idempotency key is its dedupe key, so a second sender stores nothing new.
 * Each step is its own short transaction (sendEmail opens its own), so it must not be called
 * inside one.
 */
export async function deliverAlertNotifications(options: { orgId?: string } = {}): Promise<AlertDelivery> {
  const orgId = options.orgId ?? null;
  const pending = await asService((tx) =>
    tx.query<PendingRow>(sql`
      select n.id, n.org_id as "orgId", n.alert_id as "alertId", n.user_id as "userId", n.evaluation_id as "evaluationId",
             n.digest, n.po_id as "poId", n.level, n.from_level as "fromLevel",
             n.utilization_percent::text as "utilizationPercent", n.order_value::text as "orderValue", n.spent::text as spent,
             p.po_number as "poNumber", p.supplier, p.currency, u.email, o.name as "orgName", o.slug as "orgSlug",
             coalesce(m.status = 'active'
                      and exists (select 1 from public.role_permissions rp where rp.role = m.role and rp.permission = 'alerts.acknowledge')
                      and not exists (select 1 from public.notification_preferences np
                                       where np.org_id = n.org_id and np.user_id = n.user_id and not np.alert_emails), false) as eligible
        from public.alert_notifications n
        join public.purchase_orders p on p.id = n.po_id
        join public.organizations o on o.id = n.org_id
        join public.user_profiles u on u.user_id = n.user_id
        left join public.org_members m on m.org_id = n.org_id and m.user_id = n.user_id
       where n.status = 'pending' and (${orgId}::uuid is null or n.org_id = ${orgId}::uuid)
       order by n.created_at, n.id`),
  );
  const result: AlertDelivery = { emails: 0, notifications: 0, skipped: 0 };
  const skipped = pending.filter((n) => !n.eligible || !n.email);
  if (skipped.length) {
    await mark(skipped.map((n) => n.id), "skipped", null);
    result.skipped = skipped.length;
  }
  // One email per single notification, one per (evaluation, recipient) for a digest.
  const groups = new Map<string, PendingRow[]>();
  for (const n of pending) {
    if (!n.eligible || !n.email) continue;
    const key = n.digest ? `digest:${n.evaluationId}:${n.userId}` : `single:${n.id}`;
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  for (const rows of groups.values()) {
    const first = rows[0]!;
    const message = first.digest
      ? await alertDigestEmail({ to: first.email, userId: first.userId, evaluationId: first.evaluationId, orgName: first.orgName, orgSlug: first.orgSlug, pos: rows })
      : await alertEscalationEmail({ to: first.email, userId: first.userId, alertId: first.alertId, orgName: first.orgName, orgSlug: first.orgSlug, po: first });
    try {
      await sendEmail(message);
    } catch (err) {
      // Left pending: the next delivery (next evaluation, or the minute's cron call) tries again.
      logger.warn({ err, template: message.template }, "alert email could not be stored; it stays pending");
      continue;
    }
    await mark(rows.map((n) => n.id), "sent", message.idempotencyKey);
    result.emails++;
    result.notifications += rows.length;
  }
  return result;
}

async function mark(ids: string[], status: "sent" | "skipped", emailKey: string | null) {
  await asService((tx) =>
    tx.query(sql`
      update public.alert_notifications
         set status = ${status}, email_key = ${emailKey}, sent_at = case when ${status} = 'sent' then now() end
       where id = any (${ids}::uuid[]) and status = 'pending'`),
  );
}
