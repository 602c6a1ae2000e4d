/**
 * npm run bench — each figure against a floor measured in the same run, written to bench/results/,
 * ending with the summary table of every figure recorded (record-figure.ts).
 * Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to include PostgreSQL; BENCH_ONLY=rls|cold-start|jobs|dashboards|admin|sync|imports|procurement|alerts|assistant
 * runs one part; BENCH_QUICK=1 runs every part at a small scale (quick-mode.ts).
 */
// First: sets the quick sizes before the benchmarks below read theirs.
import "./quick-mode";
import pg from "pg";
import { createPGliteEngine } from "@/server/db/pglite-engine";
import { createPostgresEngine } from "@/server/db/postgres-engine";
import { benchAdminQueries } from "./admin-queries";
import { benchAlertsAll } from "./alerts";
import { benchAssistant } from "./assistant";
import { benchColdStart } from "./cold-start";
import { benchDashboardsAll } from "./dashboard-data";
import { benchImports } from "./imports";
import { benchJobs } from "./jobs-throughput";
import { benchProcurementRead } from "./procurement-read";
import { benchRlsCost } from "./rls-cost";
import { benchSyncAll } from "./sync";
import { writeSummary } from "./record-figure";

const only = process.env.BENCH_ONLY;
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

async function withScratchDatabase(url: string, fn: (url: string) => Promise<void>) {
  const name = `xp_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const u = new URL(url);
    u.pathname = `/${name}`;
    await fn(u.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function main() {
  if (!only || only === "rls") {
    const pglite = await createPGliteEngine();
    await benchRlsCost(pglite, "pglite");
    await pglite.close();
    if (postgresUrl) {
      await withScratchDatabase(postgresUrl, async (url) => {
        const engine = createPostgresEngine(url, 2);
        await benchRlsCost(engine, "postgres");
        await engine.close();
      });
    } else {
      console.log("rls-cost-postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
    }
  }
  if (!only || only === "cold-start") await benchColdStart();
  if (!only || only === "dashboards") await benchDashboardsAll(postgresUrl, withScratchDatabase);
  if (!only || only === "jobs") await benchJobs(postgresUrl, withScratchDatabase);
  if (!only || only === "admin") {
    const pglite = await createPGliteEngine();
    await benchAdminQueries(pglite, "pglite");
    await pglite.close();
    if (postgresUrl) await withScratchDatabase(postgresUrl, async (url) => {
      const engine = createPostgresEngine(url, 2);
      await benchAdminQueries(engine, "postgres");
      await engine.close();
    });
  }
  if (!only || only === "sync") await benchSyncAll(postgresUrl, withScratchDatabase);
  if (!only || only === "procurement") {
    const pglite = await createPGliteEngine();
    await benchProcurementRead(pglite, "pglite");
    await pglite.close();
    if (postgresUrl) await withScratchDatabase(postgresUrl, async (url) => {
      const engine = createPostgresEngine(url, 2);
      await benchProcurementRead(engine, "postgres");
      await engine.close();
    });
  }
  if (!only || only === "imports") {
    const pglite = await createPGliteEngine();
    await benchImports(pglite, "pglite");
    await pglite.close();
    if (postgresUrl) {
      await withScratchDatabase(postgresUrl, async (url) => {
        const engine = createPostgresEngine(url, 5);
        await benchImports(engine, "postgres");
        await engine.close();
      });
    } else {
      console.log("imports-postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
    }
  }
  if (!only || only === "alerts") await benchAlertsAll(postgresUrl, withScratchDatabase);
  if (!only || only === "assistant") {
    if (postgresUrl) await withScratchDatabase(postgresUrl, benchAssistant);
    else console.log("assistant: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
  }
}

// The summary is written even when a part fails: the figures recorded before it still count.
main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => writeSummary());
