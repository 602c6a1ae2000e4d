import path from "node:path";
import type { SyncStatusView } from "@/lib/sync-views";
import { HttpSession } from "../harness/http-session";
import { freshDir, startServer, type ServerProcess } from "../harness/server-process";
import { FaultChecks, waitFor, type FaultResult } from "./fault-result";
import { inspectDataDir } from "./inspect-data-dir";
import { clearSynced, syncedFingerprint } from "./synced-fingerprint";

// No scheduled syncs: the operator's full sync is the one run (a scheduled incremental run started at
// boot would take its place, and trigger would answer with it).
const env = { JOBS_LEASE_SECONDS: "10", SYNC_SCHEDULE_MINUTES: "0" };
/** The kill comes once a run has stored this many rows (Xero's invoices come 1,000 a page). */
const KILL_AT_ROWS = Number(process.env.FAULTS_SYNC_KILL_AT_ROWS ?? 5_000);

async function operator(server: ServerProcess, errors: string[]) {
  const session = new HttpSession(server.url, (s) => s.error && errors.push(`${s.endpoint}: ${s.error}`));
  await session.request("login", "/api/auth/login", { json: { email: "operator@acme.test", password: "xeropulse-demo" } });
  return session;
}

const status = (session: HttpSession) => session.request<SyncStatusView>("status", "/api/sync/status").then((r) => r.body ?? undefined);

/** Every connection's last run finished (succeeded), none queued or running. */
async function allSucceeded(session: HttpSession): Promise<SyncStatusView | undefined> {
  const s = await status(session);
  if (!s || !s.connections.length) return undefined;
  return s.connections.every((c) => !c.activeRun && c.lastRun?.status === "succeeded") ? s : undefined;
}

/** A fresh embedded database, seeded, with most synced rows taken away: the sync must bring them back. */
async function emptiedDemo(port: number, dataDir: string, logFile: string) {
  await freshDir(dataDir);
  const seeding = await startServer({ port, engine: "pglite", dataDir, env, logFile });
  await seeding.stop();
  await inspectDataDir(dataDir, clearSynced);
}

/** A full resync of the Demo Xero and XPM, to the end, into emptied tables. */
async function uninterruptedFingerprint(port: number) {
  const dataDir = path.resolve(".tmp/faults-sync-baseline");
  await emptiedDemo(port, dataDir, ".tmp/faults-sync-baseline-seed.log");
  const server = await startServer({ port, engine: "pglite", dataDir, env, logFile: ".tmp/faults-sync-baseline.log" });
  const errors: string[] = [];
  try {
    const session = await operator(server, errors);
    await session.request("trigger", "/api/sync/trigger", { json: { full: true } });
    await waitFor(() => allSucceeded(session), 300_000, 1000);
  } finally {
    await server.stop();
  }
  return inspectDataDir(dataDir, syncedFingerprint);
}

/**
 * `kill -9` of the server in the middle of a full sync that must bring back most rows; after a restart the run
 * resumes (its lease expires, the job is retried from its checkpoint) and the synced rows equal an
 * uninterrupted run's.
 */
export async function killDuringSync(port: number): Promise<FaultResult> {
  const checks = new FaultChecks("kill -9 during a sync");
  const dataDir = path.resolve(".tmp/faults-sync");
  await emptiedDemo(port, dataDir, ".tmp/faults-sync-seed.log");
  let server = await startServer({ port, engine: "pglite", dataDir, env, logFile: ".tmp/faults-sync-1.log" });
  const errors: string[] = [];
  try {
    let session = await operator(server, errors);
    const triggered = await session.request("trigger", "/api/sync/trigger", { json: { full: true } });
    checks.check("the operator's full sync is accepted", triggered.status === 202, String(triggered.status));
    const midway = await waitFor(async () => {
      const s = await status(session);
      // Well into the paging: some pages of invoices stored, more to come.
      const running = s?.connections.map((c) => c.activeRun).find((r) => r?.status === "running" && r.rows >= KILL_AT_ROWS);
      return running ?? undefined;
    }, 300_000, 50);
    checks.check("the kill lands while the sync writes rows", !!midway, midway ? `${midway.provider} run at ${midway.rows} rows, ${midway.progress.entity ?? ""}` : "never seen running");
    server.child.kill("SIGKILL");
    await server.stop();
    server = await startServer({ port, engine: "pglite", dataDir, env, logFile: ".tmp/faults-sync-2.log" });
    session = await operator(server, errors);
    const done = await waitFor(() => allSucceeded(session), 300_000, 1000);
    checks.check("after the restart every run finishes by itself", !!done, done ? done.connections.map((c) => `${c.provider}: ${c.lastRun?.status}`).join(", ") : "not within 300 s");
  } finally {
    await server.stop();
  }
  const interrupted = await inspectDataDir(dataDir, syncedFingerprint);
  const baseline = await uninterruptedFingerprint(port);
  const differing = Object.keys(baseline).filter((t) => baseline[t] !== interrupted[t]);
  checks.check(
    "the synced rows equal an uninterrupted run (counts and content)",
    differing.length === 0,
    differing.length ? differing.map((t) => `${t}: ${interrupted[t]} vs ${baseline[t]}`).join("; ") : Object.entries(baseline).map(([t, v]) => `${t} ${v.split(":")[0]}`).join(", "),
  );
  checks.check("no request failed", errors.length === 0, errors.length ? errors.slice(0, 3).join("; ") : "none");
  return checks.result();
}
