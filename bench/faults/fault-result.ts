import { setTimeout as sleep } from "node:timers/promises";

/** What one fault scenario found: passed only when every check held. */
export interface FaultResult {
  name: string;
  passed: boolean;
  /** The checks, in words, each with what was seen. */
  checks: { check: string; ok: boolean; seen: string }[];
  seconds: number;
}

export class FaultChecks {
  readonly checks: FaultResult["checks"] = [];
  private readonly started = performance.now();

  constructor(readonly name: string) {}

  check(check: string, ok: boolean, seen: string) {
    this.checks.push({ check, ok, seen });
    console.log(`  ${ok ? "ok  " : "FAIL"} ${check}: ${seen}`);
  }

  result(): FaultResult {
    return { name: this.name, passed: this.checks.length > 0 && this.checks.every((c) => c.ok), checks: this.checks, seconds: Math.round((performance.now() - this.started) / 1000) };
  }
}


/** Polls `probe` until it returns a value (not undefined) or `timeoutMs` passes. */
export { sleep };

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 250): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(everyMs);
  }
  return undefined;
}
