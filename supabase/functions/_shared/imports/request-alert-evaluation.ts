import type { JobTx } from "../db/database.ts";
import { InvalidJobError } from "../jobs/errors.ts";
import { enqueue } from "../jobs/queue.ts";
import type { JobRegistry } from "../jobs/registry.ts";

/** Ids per `alerts.evaluate` job: a job payload is capped at 64 KB. */
const IDS_PER_JOB = 1_000;

/**
 * THE call site through which imports ask for the utilization alerts of the POs they touched. The
 * alerts capability registers the kind `alerts.evaluate` with payload `{ poIds: string[] }`; until
 * it does (or in a runner without it) this does nothing. Enqueued in the caller's transaction with
 * an idempotency key per import, phase and chunk, so a resumed job never doubles a request.
 */
export async function requestAlertEvaluation(
  tx: JobTx,
  registry: JobRegistry,
  input: { orgId: string; importId: string; phase: "processed" | "reverted"; poIds: readonly string[] },
): Promise<{ requested: number; skipped?: string }> {
  if (!registry.get("alerts.evaluate")) return { requested: 0, skipped: "alerts.evaluate is not registered" };
  let requested = 0;
  for (let i = 0; i < input.poIds.length; i += IDS_PER_JOB) {
    try {
      await enqueue(tx, registry, {
        orgId: input.orgId,
        kind: "alerts.evaluate",
        payload: { poIds: input.poIds.slice(i, i + IDS_PER_JOB) },
        idempotencyKey: `import:${input.importId}:${input.phase}:${i / IDS_PER_JOB}`,
      });
      requested++;
    } catch (error) {
      // A payload the alerts kind refuses must not fail the import it follows.
      if (error instanceof InvalidJobError) return { requested, skipped: error.message };
      throw error;
    }
  }
  return { requested };
}
