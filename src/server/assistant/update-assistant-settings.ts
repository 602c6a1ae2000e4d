import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { AssistantSettingsView } from "@/lib/assistant-views";
import { getAssistantSettings } from "./get-assistant-settings";

/** The opt-in (RLS and the column grant let `org.manage` change it); audited as a settings change. */
export async function updateAssistantSettings(tx: Tx, orgId: string, patch: { modelEnabled: boolean }): Promise<AssistantSettingsView> {
  const before = await getAssistantSettings(tx, orgId);
  const updated = await tx.query(sql`update public.organizations set assistant_model_enabled = ${patch.modelEnabled} where id = ${orgId} returning id`);
  if (updated.length === 0) throw notFound("Organization");
  if (before.modelEnabled !== patch.modelEnabled) {
    await recordAuditEvent(tx, {
      action: "org.updated",
      orgId,
      targetType: "organization",
      targetId: orgId,
      metadata: { changed: { assistantModelEnabled: { from: before.modelEnabled, to: patch.modelEnabled } } },
    });
  }
  return { ...before, modelEnabled: patch.modelEnabled };
}
