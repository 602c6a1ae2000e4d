import { z } from "zod";
import type { Engine } from "@/server/db";
import { sql } from "@/server/db/sql";
import { PermanentJobError } from "@edge-shared/jobs/errors.ts";
import { defineJobKind } from "@edge-shared/jobs/job-kind.ts";
import { systemNoop } from "@edge-shared/jobs/kinds/system-noop.ts";
import { createJobRegistry } from "@edge-shared/jobs/create-job-registry.ts";

/**
 * Job kinds that exist only in tests. `test.batches` writes one row per batch into
 * test_jobs.effects through `ctx.batch`, so a test can count how often each effect happened.
 */

/** Holds a job at a batch boundary until the test releases it (one gate per job id). */
export class Gates {
  private readonly waiting = new Map<string, { promise: Promise<void>; release: () => void; reached: boolean }>();
  private entry(id: string) {
    let e = this.waiting.get(id);
    if (!e) {
      let release!: () => void;
      const promise = new Promise<void>((r) => (release = r));
      e = { promise, release, reached: false };
      this.waiting.set(id, e);
    }
    return e;
  }
  wait(id: string) {
    const e = this.entry(id);
    e.reached = true;
    return e.promise;
  }
  reached(id: string) {
    return this.waiting.get(id)?.reached ?? false;
  }
  release(id: string) {
    this.entry(id).release();
  }
}
export const gates = new Gates();

export const testBatches = defineJobKind({
  kind: "test.batches",
  runner: "import-process",
  readPermission: null,
  payload: z.object({
    batches: z.number().int().min(1).max(1000),
    /** Wait at this gate after the given number of batches, on the first attempt only. */
    holdAfter: z.number().int().min(0).optional(),
  }),
  async run(ctx) {
    for (let i = ctx.resumeFrom?.done ?? 0; i < ctx.payload.batches; i++) {
      if (ctx.payload.holdAfter === i && ctx.job.attempt === 1) await gates.wait(ctx.job.id);
      await ctx.batch(
        (tx) => tx.query(sql`insert into test_jobs.effects (job_id, batch, attempt) values (${ctx.job.id}, ${i + 1}, ${ctx.job.attempt})`),
        { done: i + 1, total: ctx.payload.batches },
      );
    }
    return { batches: ctx.payload.batches };
  },
});

export const testFails = defineJobKind({
  kind: "test.fails",
  runner: "sync-run",
  readPermission: "sync.read",
  maxAttempts: 3,
  payload: z.object({ permanent: z.boolean().default(false) }),
  async run(ctx) {
    if (ctx.payload.permanent) throw new PermanentJobError("The spreadsheet has no header row; upload a file with headers");
    throw new Error("Xero refused the credentials; reconnect the integration in Settings → Integrations");
  },
});

export const testRegistry = createJobRegistry([systemNoop, testBatches, testFails]);

/** The table test.batches writes its effects into (created per test database, as the owner). */
export async function createEffectsTable(engine: Engine) {
  await engine.transaction((tx) =>
    tx.execScript(`
      create schema if not exists test_jobs;
      create table if not exists test_jobs.effects (job_id uuid not null, batch integer not null, attempt integer not null);
      grant usage on schema test_jobs to service_role;
      grant select, insert on test_jobs.effects to service_role;`),
  );
}

export async function effectsOf(engine: Engine, jobId: string): Promise<number[]> {
  const rows = await engine.transaction((tx) =>
    tx.query<{ batch: number }>(sql`select batch from test_jobs.effects where job_id = ${jobId} order by batch`),
  );
  return rows.map((r) => r.batch);
}
