import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Times each function `runs` times, interleaved (a, b, a, b, …) so drift in machine load hits the
 * measurement and its floor alike; milliseconds per run, after `warmup` untimed rounds.
 */
export async function timeInterleaved(fns: (() => Promise<unknown>)[], runs: number, warmup = 2): Promise<number[][]> {
  const samples = fns.map(() => [] as number[]);
  for (let round = 0; round < warmup + runs; round++) {
    for (const [i, fn] of fns.entries()) {
      const started = performance.now();
      await fn();
      if (round >= warmup) samples[i]!.push(performance.now() - started);
    }
  }
  return samples;
}

/** Times `fn` `runs` times after `warmup` untimed runs; milliseconds per run. */
export async function timeRuns(fn: () => Promise<unknown>, runs: number, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function writeResult(name: string, result: Record<string, unknown>): Promise<void> {
  // A quick run's small-scale figures go beside the full run's, never over them (and are not kept).
  const file = path.resolve("bench/results", process.env.BENCH_QUICK === "1" ? `${name}-quick.json` : `${name}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ name, measuredAt: new Date().toISOString(), ...result }, null, 2) + "\n");
  console.log(`${name}: ${JSON.stringify(result)}`);
}
