import { sql, type Tx } from "@/server/db";
import type { AlertEmailPreferenceView } from "@/lib/alert-views";

/** The caller's choice in this organization (emails on unless turned off). */
export async function getAlertEmailPreference(tx: Tx, orgId: string, eligible: boolean): Promise<AlertEmailPreferenceView> {
  const row = await tx.maybeOne<{ alert_emails: boolean }>(sql`
    select alert_emails from public.notification_preferences where org_id = ${orgId} and user_id = (select auth.uid())`);
  return { alertEmails: row?.alert_emails ?? true, eligible };
}
