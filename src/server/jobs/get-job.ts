import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";

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

/** One job of the organization, as its progress bar needs it; RLS limits it to members. */
export async function getJob(tx: Tx, orgId: string, jobId: string): Promise<JobView> {
  const row = await tx.maybeOne<JobView>(sql`
    select id, kind, status, progress, attempts, max_attempts as "maxAttempts", run_after as "runAfter",
           error, result, cancel_requested_at is not null as "cancelRequested",
           created_at as "createdAt", started_at as "startedAt", finished_at as "finishedAt"
      from public.jobs where id = ${jobId} and org_id = ${orgId}`);
  if (!row) throw notFound("Job");
  return row;
}
