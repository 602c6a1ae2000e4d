import pg from "pg";
import { startTcpProxy, viaPort } from "../../tests/helpers/tcp-proxy";
import { HttpSession, type Sample } from "../harness/http-session";
import { runScript, startServer } from "../harness/server-process";
import { personaFor, runSession, type WorkloadContext } from "../load/workload";
import { FaultChecks, sleep, type FaultResult } from "./fault-result";

const SESSIONS = 30;
const OUTAGE_MS = 10_000;

/**
 * PostgreSQL taken away for 10 s under load (a TCP relay between the app and the server drops every
 * connection and refuses new ones): requests answer 503 in the flat shape within the connect
 * timeout, never a 500 or a hang, and the app serves again by itself once the database is back.
 */
export async function databaseOutage(port: number, postgresUrl: string): Promise<FaultResult> {
  const checks = new FaultChecks("PostgreSQL stopped for 10 s under load");
  const name = `xp_faults_${process.pid}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const direct = new URL(postgresUrl);
  direct.pathname = `/${name}`;
  const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  try {
    await runScript(["scripts/db.ts", "migrate"], { DATABASE_URL: direct.toString() });
    await runScript(["scripts/db.ts", "seed"], { DATABASE_URL: direct.toString() });
    const server = await startServer({ port, engine: "postgres", databaseUrl: viaPort(direct.toString(), proxy.port), logFile: ".tmp/faults-outage.log" });
    const samples: (Sample & { body?: string })[] = [];
    try {
      const until = Date.now() + 40_000;
      const load = Array.from({ length: SESSIONS }, (_, i) => {
        const ctx: WorkloadContext = { session: new HttpSession(server.url, (s) => samples.push(s)), persona: personaFor(i), syncTriggerAllow: [409, 422], nextImportPrefix: () => `OUT${i}${Date.now()}` };
        return runSession(ctx, until, 300);
      });
      await sleep(10_000);
      const downAt = Date.now();
      proxy.down();
      await sleep(OUTAGE_MS);
      const upAt = Date.now();
      proxy.up();
      await Promise.all(load);
      const during = samples.filter((s) => s.at - s.ms >= downAt && s.at <= upAt);
      const bad = during.filter((s) => s.status !== 503 && (s.status === 0 || s.status >= 500));
      const flat = during.filter((s) => s.status === 503);
      checks.check("requests during the outage answer 503 (or succeed), never a 500 or a dropped connection", during.length > 0 && bad.length === 0, `${during.length} requests, ${flat.length} answered 503, ${bad.length} other failures${bad.length ? `: ${bad.slice(0, 3).map((s) => `${s.endpoint} ${s.error}`).join("; ")}` : ""}`);
      const slowest = Math.max(0, ...during.map((s) => s.ms));
      checks.check("no request hangs: each answers within the 5-second connect timeout plus margin", slowest < 8_000, `slowest ${Math.round(slowest)} ms`);
      const after = samples.filter((s) => s.at - s.ms >= upAt + 10_000);
      const afterErrors = after.filter((s) => s.error);
      checks.check("10 s after the database returns, everything succeeds again", after.length > 0 && afterErrors.length === 0, `${after.length} requests, ${afterErrors.length} failed`);
      const before = samples.filter((s) => s.at < downAt && s.error);
      checks.check("no error before the outage", before.length === 0, `${before.length}`);
      const probe = new HttpSession(server.url, () => undefined);
      const health = await probe.request<{ status: string }>("health", "/api/health");
      checks.check("the health check is ok again", health.status === 200, `${health.status} ${health.body?.status}`);
    } finally {
      const how = await server.stop();
      // 0 (the job worker's shutdown) or 143 (Next.js's own, after draining its connections): a graceful stop, not a crash.
      checks.check("the server is still alive at the end (no crash from lost connections)", ["0", "143", "SIGTERM"].includes(how), `exit ${how}`);
    }
  } finally {
    await proxy.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
  return checks.result();
}
