import type { Tx } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import { InvalidJobError } from "@edge-shared/jobs/errors.ts";
import { enqueue, type EnqueueInput } from "@edge-shared/jobs/queue.ts";
import type { JobRegistry } from "@edge-shared/jobs/create-job-registry.ts";
import { appJobRegistry } from "./app-job-registry";

export interface EnqueuedJob {
  id: string;
  kind: string;
  /** False when the idempotency key matched an existing job (nothing was added). */
  created: boolean;
}

/**
 * Enqueues in the caller's transaction, so the job exists only if the caller's work commits. Call
 * `dispatchJob` after the transaction to wake an Edge Function in JOBS_RUNNER=edge.
 */
export async function enqueueJob(tx: Tx, input: EnqueueInput, registry: JobRegistry = appJobRegistry): Promise<EnqueuedJob> {
  try {
    const { id, created } = await enqueue(tx, registry, input);
    return { id, kind: input.kind, created };
  } catch (error) {
    if (error instanceof InvalidJobError) throw new AppError("VALIDATION_FAILED", error.message, error.details);
    throw error;
  }
}
