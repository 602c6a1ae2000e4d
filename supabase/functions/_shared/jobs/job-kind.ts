import { PermanentJobError } from "./errors.ts";
import type { z } from "zod";
import type { JobDatabase, JobTx } from "../db/database.ts";
import type { ImportFileStore } from "../storage/import-file-store.ts";
import type { JobRegistry } from "./create-job-registry.ts";

export interface Progress {
  done: number;
  total?: number;
  message?: string;
}

/** What job code gets: its validated payload, the database, and batch boundaries. */
export interface JobContext<P> {
  job: { id: string; orgId: string | null; kind: string; attempt: number; maxAttempts: number };
  payload: P;
  /**
   * The progress of the last batch that committed in an earlier run of this job (its worker died
   * or shut down); a job resumes after it, which with `batch` makes each batch's effect happen once.
   */
  resumeFrom: Progress | undefined;
  /** Service-role transactions; for effects that must happen once, use `batch` instead. */
  db: JobDatabase;
  /**
   * One batch of work as one transaction that first proves this run still holds the lease (and
   * that nobody cancelled the job or is shutting the worker down), then runs `fn`, then records
   * `progress`. Effects written through `tx` therefore happen exactly once even when a lost lease
   * lets another worker run the job again. Throws JobStopped at the boundary otherwise.
   */
  batch<T>(fn: (tx: JobTx) => Promise<T>, progress?: Progress): Promise<T>;
  /** Aborted when the worker shuts down; long waits (fetch) should pass it on. */
  signal: AbortSignal;
  /** The registry this job runs under: a job enqueues follow-up work only for kinds registered here. */
  registry: JobRegistry;
  /** What the runner provides beyond the database (absent ones are simply not available here). */
  services: JobServices;
}

/** Runner-provided dependencies job code cannot build itself in every runtime. */
export interface JobServices {
  /** Uploaded import files (local folder in the app, Supabase Storage on Supabase). */
  importFiles?: ImportFileStore;
}

export interface JobKind<S extends z.ZodType = z.ZodType> {
  kind: string;
  /** Validated at enqueue (a bad payload is refused) and again before each run. */
  payload: S;
  /** Which Edge Function runs it on Supabase. */
  runner: JobRunnerName;
  /**
   * The permission (in the job's organization) that lets a member read the job, its progress and
   * its result through GET /api/jobs/{id}: the permission that reads what the job works on (e.g.
   * `sync.read` for a sync). null: any member. One of src/lib/permissions.ts (a test checks).
   */
  readPermission: string | null;
  maxAttempts?: number;
  run(ctx: JobContext<z.output<S>>): Promise<unknown>;
}

/** Edge Functions by name; "node" kinds run only in the app's own process (they need Node APIs). */
export type JobRunnerName = "import-process" | "sync-run" | "alert-evaluate" | "email-send" | "node";

export function defineJobKind<S extends z.ZodType>(kind: JobKind<S>): JobKind<S> {
  return kind;
}

/**
 * The organization of a job that belongs to one (imports, syncs, alerts, purges). Deployment-level
 * jobs (email.send) have none; an organization's kind enqueued without one is a bug, not a retry.
 */
export function jobOrgId(job: { kind: string; orgId: string | null }): string {
  if (!job.orgId) throw new PermanentJobError(`A ${job.kind} job must belong to an organization`);
  return job.orgId;
}
