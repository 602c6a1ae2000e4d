/**
 * npm run load — a mixed workload of LOAD_SESSIONS concurrent sessions (default 200) against the
 * production build, on PGlite and (with LOAD_DATABASE_URL or TEST_DATABASE_URL) on PostgreSQL, for
 * LOAD_DURATION_S seconds (default 300) after a LOAD_WARMUP_S warm-up (default 60), each session
 * pausing LOAD_THINK_MS on average between steps (default 3000). Reports
 * throughput, p50/p95/p99 per endpoint and errors, samples the server's RSS and event-loop delay,
 * and writes bench/results/load-<engine>.json. Exits non-zero when an error or a growth over 10 %
 * is seen. Needs `npm run build` first.
 */
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { percentile, round, writeResult } from "../stats";
import { HttpSession, type Sample } from "../harness/http-session";
import { OPERATOR_TOKEN, freshDir, runScript, startServer, type ServerProcess } from "../harness/server-process";
import { personaFor, runSession, sleep, type WorkloadContext } from "./workload";

const SESSIONS = Number(process.env.LOAD_SESSIONS ?? 200);
const DURATION_S = Number(process.env.LOAD_DURATION_S ?? 300);
const WARMUP_S = Number(process.env.LOAD_WARMUP_S ?? 60);
// A person acts every few seconds (reads a page, then clicks); 200 sessions ≈ 70 requests a second.
const THINK_MS = Number(process.env.LOAD_THINK_MS ?? 3000);
const PORT = Number(process.env.LOAD_PORT ?? 3400);
const postgresUrl = process.env.LOAD_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const only = process.env.LOAD_ONLY as "pglite" | "postgres" | undefined;

interface ProcessSample {
  at: number;
  rssMb: number;
  heapUsedMb: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

async function sampleProcess(server: ServerProcess): Promise<ProcessSample | null> {
  try {
    const res = await fetch(`${server.url}/api/health/deployment`, { headers: { "x-operator-token": OPERATOR_TOKEN }, signal: AbortSignal.timeout(10_000) });
    const body = (await res.json()) as { process?: Omit<ProcessSample, "at"> };
    return body.process ? { at: Date.now(), ...body.process } : null;
  } catch {
    return null;
  }
}

/** The figures of a set of samples, per endpoint and overall. */
function summarize(samples: Sample[], seconds: number) {
  const byEndpoint = new Map<string, Sample[]>();
  for (const s of samples) byEndpoint.set(s.endpoint, [...(byEndpoint.get(s.endpoint) ?? []), s]);
  const endpoints = [...byEndpoint].sort(([a], [b]) => a.localeCompare(b)).map(([endpoint, list]) => {
    const ms = list.map((s) => s.ms);
    const statuses: Record<string, number> = {};
    for (const s of list) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    return { endpoint, requests: list.length, p50: round(percentile(ms, 50), 1), p95: round(percentile(ms, 95), 1), p99: round(percentile(ms, 99), 1), errors: list.filter((s) => s.error).length, statuses };
  });
  const all = samples.map((s) => s.ms);
  return {
    requests: samples.length,
    throughputPerSecond: round(samples.length / seconds, 1),
    p50: round(percentile(all, 50), 1),
    p95: round(percentile(all, 95), 1),
    p99: round(percentile(all, 99), 1),
    errors: samples.filter((s) => s.error).length,
    endpoints,
  };
}

const median = (xs: number[]) => percentile(xs, 50);

/** Growth of a series between the first and the last fifth of the measured window. */
function growth(series: number[]) {
  const fifth = Math.max(1, Math.floor(series.length / 5));
  const start = median(series.slice(0, fifth));
  const end = median(series.slice(-fifth));
  return { start: round(start, 1), end: round(end, 1), growth: round(end / start - 1, 3) };
}

/**
 * 16 requests at once to /api/me and to a dashboard's data, against one at a time: how long a cheap
 * read queues (on PGlite, behind every other request's transactions).
 */
async function underConcurrency(url: string) {
  const record: Sample[] = [];
  const sessions = Array.from({ length: 16 }, () => new HttpSession(url, (s) => record.push(s)));
  await Promise.all(sessions.map((s) => s.request("login", "/api/auth/login", { json: { email: "staff@acme.test", password: "xeropulse-demo" } })));
  const list = await sessions[0]!.request<{ dashboards: { id: string }[] }>("GET /api/dashboards", "/api/dashboards");
  const dashboardId = list.body?.dashboards[0]?.id;
  if (!dashboardId) throw new Error("load: staff@acme.test sees no dashboard");
  const measure = async (path: string, concurrency: number) => {
    record.length = 0;
    const until = Date.now() + 10_000;
    await Promise.all(sessions.slice(0, concurrency).map(async (s) => {
      while (Date.now() < until) await s.request(path, path);
    }));
    const ms = record.map((s) => s.ms);
    return { concurrency, requests: ms.length, throughputPerSecond: round(ms.length / 10, 1), p50: round(percentile(ms, 50), 1), p95: round(percentile(ms, 95), 1), errors: record.filter((s) => s.error).length };
  };
  const dataPath = `/api/dashboards/${dashboardId}/data`;
  return {
    me: { one: await measure("/api/me", 1), sixteen: await measure("/api/me", 16) },
    dashboardData: { one: await measure(dataPath, 1), sixteen: await measure(dataPath, 16) },
  };
}

async function runEngine(engine: "pglite" | "postgres", server: ServerProcess) {
  console.log(`load-${engine}: ${SESSIONS} sessions, ${WARMUP_S} s warm-up + ${DURATION_S} s measured, think time ${THINK_MS} ms`);
  const concurrency = await underConcurrency(server.url);
  for (const [name, { one, sixteen }] of Object.entries(concurrency)) {
    console.log(`load-${engine}: ${name} alone p50 ${one.p50} ms (${one.throughputPerSecond}/s); 16 at once p50 ${sixteen.p50} ms, p95 ${sixteen.p95} ms (${sixteen.throughputPerSecond}/s)`);
  }
  const samples: Sample[] = [];
  const started = Date.now();
  const measureFrom = started + WARMUP_S * 1000;
  const until = measureFrom + DURATION_S * 1000;
  let imports = 0;
  const processSamples: ProcessSample[] = [];
  const sampler = (async () => {
    while (Date.now() < until) {
      const s = await sampleProcess(server);
      if (s && s.at >= measureFrom) processSamples.push(s);
      await sleep(5_000);
    }
  })();
  const sessions = Array.from({ length: SESSIONS }, async (_, i) => {
    // Sessions arrive over the first half of the warm-up, as people do, not all at one instant.
    await sleep(((WARMUP_S * 1000) / 2) * (i / SESSIONS));
    const ctx: WorkloadContext = {
      session: new HttpSession(server.url, (s) => {
        if (s.at >= measureFrom || s.error) samples.push(s);
      }),
      persona: personaFor(i),
      syncTriggerAllow: engine === "postgres" ? [409, 422] : [],
      nextImportPrefix: () => `LOAD${engine === "pglite" ? "L" : "P"}${Date.now().toString(36)}${(imports++).toString(36)}`,
    };
    await runSession(ctx, until, THINK_MS);
  });
  await Promise.all(sessions);
  await sampler;
  const measured = samples.filter((s) => s.at >= measureFrom);
  const warmupErrors = samples.filter((s) => s.at < measureFrom && s.error);
  const summary = summarize(measured, DURATION_S);
  const rss = growth(processSamples.map((s) => s.rssMb));
  const eventLoopP99 = growth(processSamples.map((s) => s.eventLoopDelayMs.p99));
  const result = {
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 2 ** 30, 1), loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)) },
    sessions: SESSIONS,
    warmupSeconds: WARMUP_S,
    durationSeconds: DURATION_S,
    thinkTimeMs: THINK_MS,
    underConcurrency: concurrency,
    ...summary,
    warmupErrors: warmupErrors.length,
    firstErrors: [...warmupErrors, ...measured.filter((s) => s.error)].slice(0, 10).map((s) => `${s.endpoint}: ${s.error}`),
    process: { samples: processSamples.length, rssMb: rss, eventLoopDelayP99Ms: eventLoopP99 },
  };
  await writeResult(`load-${engine}`, result);
  console.table(summary.endpoints.map(({ statuses, ...rest }) => ({ ...rest, statuses: JSON.stringify(statuses) })));
  const problems: string[] = [];
  if (result.errors + result.warmupErrors > 0) problems.push(`${result.errors + result.warmupErrors} errors`);
  if (rss.growth > 0.1) problems.push(`RSS grew ${Math.round(rss.growth * 100)} %`);
  return problems;
}

async function main() {
  const problems: string[] = [];
  if (!only || only === "pglite") {
    const dataDir = await freshDir(path.resolve(".tmp/load-pglite"));
    const server = await startServer({ port: PORT, engine: "pglite", dataDir, logFile: ".tmp/load-pglite.log" });
    try {
      problems.push(...(await runEngine("pglite", server)).map((p) => `pglite: ${p}`));
    } finally {
      await server.stop();
    }
  }
  if ((!only || only === "postgres") && postgresUrl) {
    const name = `xp_load_${process.pid}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const u = new URL(postgresUrl);
    u.pathname = `/${name}`;
    const databaseUrl = u.toString();
    try {
      await runScript(["scripts/db.ts", "migrate"], { DATABASE_URL: databaseUrl });
      await runScript(["scripts/db.ts", "seed"], { DATABASE_URL: databaseUrl });
      const server = await startServer({ port: PORT + 1, engine: "postgres", databaseUrl, logFile: ".tmp/load-postgres.log" });
      try {
        problems.push(...(await runEngine("postgres", server)).map((p) => `postgres: ${p}`));
      } finally {
        await server.stop();
      }
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  } else if (!only || only === "postgres") {
    console.log("load-postgres: skipped (set LOAD_DATABASE_URL or TEST_DATABASE_URL)");
  }
  if (problems.length) {
    console.error(`load: ${problems.join("; ")}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
