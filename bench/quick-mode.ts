/**
 * BENCH_QUICK=1: every benchmark at a small scale (a few minutes in all), so a regression shows
 * before a full run. Imported first by run.ts, before the benchmarks read their sizes; an
 * explicit BENCH_* size still wins.
 */
const QUICK_SIZES: Record<string, string> = {
  BENCH_RLS_ROWS: "50000",
  BENCH_JOBS: "200",
  BENCH_ADMIN_MEMBERS: "1000",
  BENCH_ADMIN_EVENTS: "20000",
  BENCH_SYNC_INVOICES: "5000",
  BENCH_SYNC_ROUNDS: "1",
  BENCH_SYNC_LIMITED_INVOICES: "3000",
  BENCH_SYNC_MINUTE_MS: "5000",
  BENCH_POS: "5000",
  BENCH_QSS: "50000",
  BENCH_IMPORT_ROWS: "5000",
  BENCH_IMPORT_ROUNDS: "1",
  BENCH_ALERTS_POS: "5000",
  BENCH_ALERTS_TOUCHED: "100",
  BENCH_ALERTS_RUNS: "3",
  BENCH_ASSISTANT_INVOICES: "50000",
  BENCH_ASSISTANT_RUNS: "5",
  BENCH_DASHBOARD_INVOICES: "50000",
};

if (process.env.BENCH_QUICK === "1") {
  for (const [name, value] of Object.entries(QUICK_SIZES)) process.env[name] ??= value;
}

export {};
