import { sql, type Tx } from "@/server/db";
import { config } from "@/server/config";
import { notFound } from "@/server/http/app-error";
import type { AssistantSettingsView } from "@/lib/assistant-views";
import { modelConfigured } from "./model-configured";

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
