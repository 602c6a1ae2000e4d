import type { JobTx } from "../db/database.ts";
import { sql } from "../db/sql.ts";
import { alertEvaluatePayload, MAX_EVALUATED_PO_IDS } from "./alert-evaluate-payload.ts";

export interface RequestAlertEvaluationOptions {
  /**
   * What asked for it, stable across retries of the caller (e.g. `import:<importId>`): the same
   * organization and key enqueue one evaluation, ever. Without it the key is the caller's
   * transaction and the POs, so one transaction asking twice for the same POs enqueues once.
   */
  key?: string;
}

/**
 * Enqueues an `alerts.evaluate` job for `poIds` (undefined: every PO of the organization) inside the
 * caller's transaction, so the evaluation exists only if the caller's writes commit. Call it at the
 * end of whatever changed POs or their spend (an import, a threshold change). Job code and services
 * both call it (it needs only a JobTx); it talks to app_private.enqueue_job directly rather than
 * through the registry, so a job kind may call it without an import cycle. An empty list enqueues
 * nothing; more than MAX_EVALUATED_PO_IDS POs are evaluated as the whole organization.
 */
export async function requestAlertEvaluation(
  tx: JobTx,
  orgId: string,
  poIds?: readonly string[] | null,
  options: RequestAlertEvaluationOptions = {},
): Promise<{ id: string; created: boolean } | undefined> {
  const unique = poIds ? [...new Set(poIds)].sort() : undefined;
  if (unique && unique.length === 0) return undefined;
  const scoped = unique && unique.length <= MAX_EVALUATED_PO_IDS ? unique : undefined;
  const payload = alertEvaluatePayload.parse({ orgId, poIds: scoped });
  let key = options.key;
  if (!key) {
    const { txid } = await tx.one<{ txid: string }>(sql`select txid_current()::text as txid`);
    key = `tx:${txid}:${scoped ? await digest(scoped.join(",")) : "all"}`;
  }
  return tx.one<{ id: string; created: boolean }>(sql`
    select id, created from app_private.enqueue_job(
      ${orgId}, 'alerts.evaluate', ${JSON.stringify(payload)}::jsonb, ${`alerts.evaluate:${key}`}, null, 5)`);
}

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(bytes.slice(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
}
