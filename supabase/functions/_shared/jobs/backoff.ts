/**
 * Delay before retry number `attempt` (1 = after the first failure): exponential from `baseMs`,
 * capped, with "equal jitter" (half fixed, half random) so retries of jobs that failed together
 * spread out instead of hitting a recovering upstream at the same instant.
 */
export function retryDelayMs(attempt: number, baseMs = 5_000, capMs = 3_600_000, random: () => number = Math.random): number {
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
