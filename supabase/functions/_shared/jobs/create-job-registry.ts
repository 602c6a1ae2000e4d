import type { JobTx } from "../db/database.ts";
import type { JobKind, JobRunnerName } from "./job-kind.ts";

/** A periodic job: what to enqueue every `everySeconds` (one time slot = one idempotency key). */
export interface JobSchedule {
  name: string;
  runner: JobRunnerName;
  everySeconds: number;
  /** The jobs for this slot, e.g. one sync per connected integration; `key` tells siblings apart. */
  plan(tx: JobTx): Promise<{ orgId: string | null; kind: string; payload: unknown; key?: string }[]>;
}

export interface JobRegistry {
  get(kind: string): JobKind | undefined;
  /** Kinds a runner may claim (`system.*` kinds are claimed by every runner). */
  kindsFor(runner: JobRunnerName | "all"): string[];
  schedule(name: string): JobSchedule | undefined;
  schedulesFor(runner: JobRunnerName | "all"): JobSchedule[];
}

export function createJobRegistry(kinds: readonly JobKind[], schedules: readonly JobSchedule[] = []): JobRegistry {
  const byKind = new Map<string, JobKind>();
  for (const k of kinds) {
    if (byKind.has(k.kind)) throw new Error(`job kind ${k.kind} is registered twice`);
    byKind.set(k.kind, k);
  }
  const everyRunner = (k: JobKind) => k.kind.startsWith("system.");
  return {
    get: (kind) => byKind.get(kind),
    kindsFor: (runner) => kinds.filter((k) => runner === "all" || k.runner === runner || everyRunner(k)).map((k) => k.kind),
    schedule: (name) => schedules.find((s) => s.name === name),
    schedulesFor: (runner) => schedules.filter((s) => runner === "all" || s.runner === runner),
  };
}
