import { sql, type Tx } from "@/server/db";
import type { AlertEmailPreferenceView } from "@/lib/alert-views";

/** Turns the caller's alert emails in this organization on or off (RLS: their own row only). */
export async function setAlertEmailPreference(tx: Tx, orgId: string, alertEmails: boolean, eligible: boolean): Promise<AlertEmailPreferenceView> {
  const row = await tx.one<{ alert_emails: boolean }>(sql`
    insert into public.notification_preferences (org_id, user_id, alert_emails)
    values (${orgId}, (select auth.uid()), ${alertEmails})
    on conflict (org_id, user_id) do update set alert_emails = excluded.alert_emails
    returning alert_emails`);
  return { alertEmails: row.alert_emails, eligible };
}
