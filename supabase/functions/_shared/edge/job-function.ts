import { z } from "zod";
import type { JobDatabase } from "../db/database.ts";
import { createPgJobDatabase } from "../db/pg-database.ts";
import type { JobRunnerName } from "../jobs/job-kind.ts";
import type { JobRegistry } from "../jobs/create-job-registry.ts";
import { drainJobs, enqueueScheduled } from "../jobs/worker.ts";
import type { JobServices } from "../jobs/job-kind.ts";
import { importFileStoreFromEnv } from "../storage/import-file-store.ts";
import { flatError, requestIdOf } from "./flat-error.ts";

export interface JobFunctionOptions {
  runner: JobRunnerName;
  registry: JobRegistry;
  /** Environment lookup (Deno.env.get in a function). */
  env: (name: string) => string | undefined;
  /** Tests pass a database; otherwise SUPABASE_DB_URL (set by Supabase) is used. */
  db?: JobDatabase;
  /** Wall-clock budget per call, under the platform's 150 s limit. */
  budgetMs?: number;
  /** Tests pass their own; otherwise Supabase Storage from SUPABASE_URL and the secret key. */
  services?: JobServices;
}

const bodySchema = z
  .object({
    /** The job that enqueueing just invoked us for: it is simply due, so the drain picks it up. */
    jobId: z.uuid().optional(),
    /** Schedules to enqueue for the current slot before draining (pg_cron names them). */
    schedules: z.array(z.string().max(100)).max(20).default([]),
  })
  .strict();

/**
 * Keys that may call the job functions: the project's secret keys (SUPABASE_SECRET_KEYS, a JSON
 * map; the legacy SUPABASE_SERVICE_ROLE_KEY) and the cron secret pg_cron sends (JOBS_CRON_SECRET).
 */
export function acceptedKeys(env: (name: string) => string | undefined): string[] {
  const keys: string[] = [];
  try {
    const map = JSON.parse(env("SUPABASE_SECRET_KEYS") ?? "{}") as Record<string, unknown>;
    for (const value of Object.values(map)) if (typeof value === "string") keys.push(value);
  } catch {
    // A malformed map grants nothing.
  }
  for (const name of ["SUPABASE_SERVICE_ROLE_KEY", "JOBS_CRON_SECRET"]) {
    const value = env(name);
    if (value) keys.push(value);
  }
  return keys.filter((k) => k.length >= 16);
}

async function digest(value: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value)));
}

/** Compares digests in constant time, so the comparison leaks neither content nor length. */
async function matchesAny(presented: string, keys: string[]): Promise<boolean> {
  const mine = await digest(presented);
  let found = false;
  for (const key of keys) {
    const theirs = await digest(key);
    let diff = 0;
    for (let i = 0; i < mine.length; i++) diff |= mine[i]! ^ theirs[i]!;
    found ||= diff === 0;
  }
  return found;
}

/**
 * The handler behind each job Edge Function: authenticate the caller (secret key or cron secret,
 * as `Authorization: Bearer …` or `apikey`), enqueue any named schedules, then drain the due jobs
 * of this function's kinds. Every failure answers in the flat error shape.
 */
export function createJobFunctionHandler(options: JobFunctionOptions): (req: Request) => Promise<Response> {
  let db = options.db;
  const workerId = `${options.runner}-${crypto.randomUUID().slice(0, 8)}`;
  return async (req) => {
    const requestId = requestIdOf(req);
    try {
      if (req.method !== "POST") return flatError("METHOD_NOT_ALLOWED", "Use POST", requestId);
      const presented = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? req.headers.get("apikey") ?? "";
      const keys = acceptedKeys(options.env);
      if (!presented || keys.length === 0 || !(await matchesAny(presented, keys))) {
        return flatError("UNAUTHORIZED", "A valid service key or cron secret is required", requestId);
      }
      const raw = await req.text();
      let json: unknown = {};
      if (raw.trim() !== "") {
        try {
          json = JSON.parse(raw);
        } catch {
          return flatError("BAD_REQUEST", "The request body is not valid JSON", requestId);
        }
      }
      const body = bodySchema.safeParse(json);
      if (!body.success) {
        const details: Record<string, string[]> = {};
        for (const issue of body.error.issues) (details[issue.path.join(".") || "_"] ??= []).push(issue.message);
        return flatError("VALIDATION_FAILED", "Some fields are invalid", requestId, details);
      }
      if (!db) {
        const url = options.env("SUPABASE_DB_URL");
        if (!url) throw new Error("SUPABASE_DB_URL is not set");
        db = createPgJobDatabase(url);
      }
      const mine = options.registry.schedulesFor(options.runner);
      const schedules = body.data.schedules.map((name) => mine.find((s) => s.name === name));
      const scheduled = await enqueueScheduled(db, options.registry, schedules.filter((s) => s !== undefined));
      const processed = await drainJobs({
        db,
        registry: options.registry,
        kinds: options.registry.kindsFor(options.runner),
        workerId,
        leaseSeconds: 60,
        deadline: Date.now() + (options.budgetMs ?? 100_000),
        services: options.services ?? { importFiles: importFileStoreFromEnv(options.env) },
      });
      const unknownSchedules = body.data.schedules.filter((_, i) => schedules[i] === undefined);
      return Response.json({ processed, scheduled, unknownSchedules }, { headers: { "X-Request-ID": requestId } });
    } catch (error) {
      console.error(JSON.stringify({ level: "error", requestId, runner: options.runner, err: error instanceof Error ? error.message : String(error) }));
      return flatError("INTERNAL_ERROR", "Something went wrong on our side", requestId);
    }
  };
}
