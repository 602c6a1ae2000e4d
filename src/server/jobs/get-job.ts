import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import type { OrgContext } from "@/server/orgs/resolve-org";
import { jobRegistry } from "@edge-shared/jobs/shared-job-registry.ts";

export interface JobView {
  id: string;
  kind: string;
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  progress: { done?: number; total?: number; message?: string };
  attempts: number;
  maxAttempts: number;
  runAfter: string;
  error: string | null;
  result: unknown;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/**
 * One job of the organization, as its progress bar needs it. RLS limits jobs to the organization's
 * members; on top of that a job is shown only to a member holding its kind's `readPermission`
 * (a sync's result to those who may read syncs), and a job of a kind this app does not know to
 * nobody. Either way, not being allowed to read a job looks the same as it not existing.
 */
export async function getJob(tx: Tx, org: Pick<OrgContext, "id" | "permissions">, jobId: string): Promise<JobView> {
  const readable = jobRegistry.kindsFor("all").filter((kind) => {
    const permission = jobRegistry.get(kind)?.readPermission;
    return permission === null || (permission !== undefined && (org.permissions as string[]).includes(permission));
  });
  const row = await tx.maybeOne<JobView>(sql`
    select id, kind, status, progress, attempts, max_attempts as "maxAttempts", run_after as "runAfter",
           error, result, cancel_requested_at is not null as "cancelRequested",
           created_at as "createdAt", started_at as "startedAt", finished_at as "finishedAt"
      from public.jobs where id = ${jobId} and org_id = ${org.id} and kind = any(${readable}::text[])`);
  if (!row) throw notFound("Job");
  return row;
}
