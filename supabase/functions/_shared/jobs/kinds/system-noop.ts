import { z } from "zod";
import { defineJobKind } from "../job-kind.ts";

/**
 * A harmless kind every runner accepts: proves a runner end to end (CI runs it under Deno in each
 * Edge Function) and gives the benchmark its no-op. Optional batches report progress.
 */
export const systemNoop = defineJobKind({
  kind: "system.noop",
  runner: "sync-run",
  // It does nothing and returns nothing an organization's member could not see.
  readPermission: null,
  payload: z.object({ batches: z.number().int().min(0).max(100).default(0) }).strict(),
  async run(ctx) {
    for (let i = ctx.resumeFrom?.done ?? 0; i < ctx.payload.batches; i++) {
      await ctx.batch(async () => undefined, { done: i + 1, total: ctx.payload.batches });
    }
    return { ranOn: runtimeName(), batches: ctx.payload.batches };
  },
});

type Runtimes = { Deno?: { version: { deno: string } }; process?: { versions?: { node?: string } } };

function runtimeName(): string {
  const g = globalThis as Runtimes;
  if (g.Deno) return `deno ${g.Deno.version.deno}`;
  return g.process?.versions?.node ? `node ${g.process.versions.node}` : "unknown";
}
