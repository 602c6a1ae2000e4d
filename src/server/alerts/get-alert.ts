import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import type { AlertDetailView, AlertEventView, AlertNotificationView } from "@/lib/alert-views";
import { loadAlerts } from "./load-alerts";

interface EventRow extends Omit<AlertEventView, "createdAt" | "actor"> {
  createdAt: Date | string;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
}

/** One alert of the organization with its timeline (oldest first) and the emails it caused. */
export async function getAlert(tx: Tx, orgId: string, alertId: string): Promise<AlertDetailView> {
  const { items } = await loadAlerts(tx, sql`a.org_id = ${orgId} and a.id = ${alertId}`);
  const alert = items[0];
  if (!alert) throw notFound("Alert");
  const events = await tx.query<EventRow>(sql`
    select e.id::int as id, e.kind, e.from_level as "fromLevel", e.to_level as "toLevel",
           e.utilization_percent::text as "utilizationPercent", e.note, e.detail, e.created_at as "createdAt",
           e.actor_user_id as "actorId", nullif(u.full_name, '') as "actorName", u.email as "actorEmail"
      from public.alert_events e
      left join public.user_profiles u on u.user_id = e.actor_user_id
     where e.org_id = ${orgId} and e.alert_id = ${alertId}
     order by e.id`);
  const notifications = await tx.query<AlertNotificationView & { createdAt: Date | string }>(sql`
    select level, count(*)::int as recipients, count(*) filter (where status = 'sent')::int as sent, bool_or(digest) as digest,
           min(created_at) as "createdAt"
      from public.alert_notifications
     where org_id = ${orgId} and alert_id = ${alertId}
     group by level order by min(created_at)`);
  return {
    ...alert,
    events: events.map(({ actorId, actorName, actorEmail, ...e }) => ({
      ...e,
      actor: actorId ? { id: actorId, name: actorName, email: actorEmail } : null,
      createdAt: new Date(e.createdAt).toISOString(),
    })),
    notifications: notifications.map((n) => ({ ...n, createdAt: new Date(n.createdAt).toISOString() })),
  };
}
