/**
 * Two production builds side by side on PGlite — AB_BEFORE_DIST (e.g. a build of the commit before a
 * change, `NEXT_DIST_DIR=.next-before npm run build`) and the current `.next` — measured in turns
 * (A B A B …) so that the machine's other load falls on both alike: `/api/me` and a dashboard's data,
 * 16 requests at once for 10 s each. Prints p50/p95 and throughput per build.
 *   AB_BEFORE_DIST=.next-before npx tsx --conditions=react-server bench/load/round-trips-ab.ts
 */
import path from "node:path";
import { percentile, round } from "../stats";
import { HttpSession, type Sample } from "../harness/http-session";
import { freshDir, startServer, type ServerProcess } from "../harness/server-process";

const ROUNDS = Number(process.env.AB_ROUNDS ?? 3);
const PORT = Number(process.env.LOAD_PORT ?? 3530);
const beforeDist = process.env.AB_BEFORE_DIST;

async function sessionsFor(url: string) {
  const record: Sample[] = [];
  const sessions = Array.from({ length: 16 }, () => new HttpSession(url, (s) => record.push(s)));
  await Promise.all(sessions.map((s) => s.request("login", "/api/auth/login", { json: { email: "staff@acme.test", password: "xeropulse-demo" } })));
  const list = await sessions[0]!.request<{ dashboards: { id: string }[] }>("GET /api/dashboards", "/api/dashboards");
  const dashboardId = list.body?.dashboards[0]?.id;
  if (!dashboardId) throw new Error("staff@acme.test sees no dashboard");
  const measure = async (urlPath: string) => {
    record.length = 0;
    const until = Date.now() + 10_000;
    await Promise.all(sessions.map(async (s) => {
      while (Date.now() < until) await s.request(urlPath, urlPath);
    }));
    return { ms: record.map((s) => s.ms), errors: record.filter((s) => s.error).length };
  };
  return { measure, paths: { me: "/api/me", dashboardData: `/api/dashboards/${dashboardId}/data` } };
}

async function main() {
  if (!beforeDist) throw new Error("set AB_BEFORE_DIST to the folder of the other build");
  const servers: Record<"before" | "after", ServerProcess> = {
    before: await startServer({ port: PORT, engine: "pglite", dataDir: await freshDir(path.resolve(".tmp/ab-before")), logFile: ".tmp/ab-before.log", env: { NEXT_DIST_DIR: beforeDist } }),
    after: await startServer({ port: PORT + 1, engine: "pglite", dataDir: await freshDir(path.resolve(".tmp/ab-after")), logFile: ".tmp/ab-after.log" }),
  };
  try {
    const clients = { before: await sessionsFor(servers.before.url), after: await sessionsFor(servers.after.url) };
    const samples: Record<string, { ms: number[]; errors: number }> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const endpoint of ["me", "dashboardData"] as const) {
        for (const build of round % 2 ? (["after", "before"] as const) : (["before", "after"] as const)) {
          const { ms, errors } = await clients[build].measure(clients[build].paths[endpoint]);
          const key = `${endpoint} ${build}`;
          samples[key] = { ms: [...(samples[key]?.ms ?? []), ...ms], errors: (samples[key]?.errors ?? 0) + errors };
        }
      }
    }
    const table = Object.entries(samples).map(([key, { ms, errors }]) => ({
      key,
      requests: ms.length,
      perSecond: round(ms.length / (10 * ROUNDS), 1),
      p50: round(percentile(ms, 50), 1),
      p95: round(percentile(ms, 95), 1),
      errors,
    }));
    console.table(table);
    console.log(JSON.stringify(table));
  } finally {
    await Promise.all([servers.before.stop(), servers.after.stop()]);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
