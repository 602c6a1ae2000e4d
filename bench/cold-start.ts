import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { NEXT_START, stopServer } from "./harness/stop-server";
import { recordFigure } from "./record-figure";
import { round, writeResult } from "./stats";

// BENCH_COLD_START_PORT: two engineers benchmarking on one machine each need their own port.
const PORT = Number(process.env.BENCH_COLD_START_PORT ?? 3210);

async function untilLogin(started: number, child: ChildProcess): Promise<number> {
  const deadline = started + 180_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://localhost:${PORT}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: `http://localhost:${PORT}` },
        body: JSON.stringify({ email: "admin@acme.test", password: "xeropulse-demo" }),
      });
      if (res.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("no successful login within 180 s");
}

async function startAndLogin(dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [...NEXT_START, "-p", String(PORT)], {
    env: { ...process.env, XEROPULSE_DATA_DIR: dataDir, SEED_DEMO: "true", DATABASE_URL: "", LOG_LEVEL: "warn", NODE_ENV: "production" },
    stdio: "ignore",
  });
  try {
    return await untilLogin(started, child);
  } finally {
    // Gone before the data folder is reused or removed.
    await stopServer(child);
  }
}

/**
 * Cold start of the embedded default: process start to the first successful login on an empty data
 * folder (PGlite initdb, migrations, demo seed), against the floor of the same start on a folder
 * that is already migrated and seeded.
 */
export async function benchColdStart(): Promise<void> {
  // NEXT_DIST_DIR: the build `next start` serves (parallel builds live side by side).
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`cold start needs a production build in ${distDir}: run \`npm run build\` first`);
  const dataDir = path.resolve(".tmp/bench-cold-start");
  await rm(dataDir, { recursive: true, force: true });
  const cold = await startAndLogin(dataDir);
  const warm = await startAndLogin(dataDir);
  await rm(dataDir, { recursive: true, force: true });
  recordFigure({ name: "Cold start of the embedded default to first login, vs warm start", value: cold, floor: warm, unit: "ms", target: { valueMax: 8000 } });
  await writeResult("cold-start", {
    coldStartToFirstLoginMs: round(cold, 0),
    warmStartToFirstLoginFloorMs: round(warm, 0),
    ratio: round(cold / warm),
  });
}
