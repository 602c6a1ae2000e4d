import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

export interface RuntimeStats {
  rssMb: number;
  heapUsedMb: number;
  /** Event-loop delay over the last completed window (how long a ready callback waited to run). */
  eventLoopDelayMs: { p50: number; p99: number; max: number; windowSeconds: number };
}

const WINDOW_MS = 10_000;
const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;
const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;

let histogram: IntervalHistogram | null = null;
let lastWindow: RuntimeStats["eventLoopDelayMs"] = { p50: 0, p99: 0, max: 0, windowSeconds: 0 };

/**
 * Started on first use: a 10-second rolling window, so an operator's monitor (and `npm run load`)
 * sees the recent delay rather than an average since start, whoever else reads it.
 */
function ensureMonitor() {
  if (histogram) return;
  histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  setInterval(() => {
    const h = histogram!;
    lastWindow = { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), windowSeconds: WINDOW_MS / 1000 };
    h.reset();
  }, WINDOW_MS).unref();
}

/** This server process's memory and event-loop delay, for the deployment's operators. */
export function runtimeStats(): RuntimeStats {
  ensureMonitor();
  const memory = process.memoryUsage();
  return { rssMb: mb(memory.rss), heapUsedMb: mb(memory.heapUsed), eventLoopDelayMs: lastWindow };
}
