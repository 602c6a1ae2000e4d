import { sql, type Tx } from "@/server/db";
import { config } from "@/server/config";
import { notFound } from "@/server/http/app-error";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { AssistantSettingsView } from "@/lib/assistant-views";

/** Whether a model is configured on the server (AI_BASE_URL and AI_MODEL). */
export function modelConfigured(): boolean {
  const env = config();
  return Boolean(env.AI_BASE_URL && env.AI_MODEL);
}

function endpointHost(): string | null {
  const url = config().AI_BASE_URL;
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

export async function getAssistantSettings(tx: Tx, orgId: string): Promise<AssistantSettingsView> {
  const row = await tx.maybeOne<{ enabled: boolean }>(sql`select assistant_model_enabled as enabled from public.organizations where id = ${orgId}`);
  if (!row) throw notFound("Organization");
  return { modelConfigured: modelConfigured(), modelEnabled: row.enabled, model: config().AI_MODEL ?? null, endpointHost: endpointHost() };
}

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
