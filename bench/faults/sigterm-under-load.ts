import path from "node:path";
import { sql } from "@/server/db";
import { manyPurchaseOrders, poWorkbook, uploadForm } from "../../tests/helpers/workbooks";
import { HttpSession, type Sample } from "../harness/http-session";
import { freshDir, startServer } from "../harness/server-process";
import { personaFor, runSession, type WorkloadContext } from "../load/workload";
import { FaultChecks, sleep, waitFor, type FaultResult } from "./fault-result";
import { inspectDataDir } from "./inspect-data-dir";

const SESSIONS = 40;

/**
 * SIGTERM while 40 sessions work and an import applies its rows: requests already in flight get
 * their answer, the process exits cleanly, the import's lease is released (not left to expire), and
 * after a restart the import finishes with every row.
 */
export async function sigtermUnderLoad(port: number): Promise<FaultResult> {
  const checks = new FaultChecks("SIGTERM under load");
  const dataDir = await freshDir(path.resolve(".tmp/faults-sigterm"));
  let server = await startServer({ port, engine: "pglite", dataDir, logFile: ".tmp/faults-sigterm-1.log" });
  const samples: Sample[] = [];
  const record = (s: Sample) => samples.push(s);
  let stopped: string;
  const rows = manyPurchaseOrders(10_000, 1, "SIG-");
  let importId: string | undefined;
  try {
    const finance = new HttpSession(server.url, record);
    await finance.request("login", "/api/auth/login", { json: { email: "finance@acme.test", password: "xeropulse-demo" } });
    importId = (await finance.request<{ id: string }>("upload", "/api/imports", { form: uploadForm(await poWorkbook(rows), "purchase_orders", "sigterm.xlsx"), timeoutMs: 120_000 })).body?.id;
    const state = () => finance.request<{ status: string; progress: { done: number } }>("import", `/api/imports/${importId}`).then((r) => r.body ?? undefined);
    await waitFor(async () => ((await state())?.status === "ready" ? true : undefined), 180_000, 500);
    await finance.request("confirm", `/api/imports/${importId}/confirm`, { method: "POST" });
    await waitFor(async () => {
      const s = await state();
      return s?.status === "processing" ? true : undefined;
    }, 120_000, 100);
    const until = Date.now() + 30_000;
    let n = 0;
    const load = Array.from({ length: SESSIONS }, (_, i) => {
      const ctx: WorkloadContext = { session: new HttpSession(server.url, record), persona: personaFor(i), syncTriggerAllow: [], nextImportPrefix: () => `SIGL${n++}` };
      return runSession(ctx, until, 300);
    });
    await sleep(10_000);
    const signalledAt = Date.now();
    server.child.kill("SIGTERM");
    stopped = await server.stop(30_000);
    await Promise.all(load.map((p) => p.catch(() => undefined)));
    const before = samples.filter((s) => s.at - s.ms < signalledAt);
    const cut = before.filter((s) => s.status === 0 || s.status >= 500);
    checks.check("requests in flight at SIGTERM get their answer", cut.length === 0, `${before.length} requests started before the signal, ${cut.length} cut off${cut.length ? `: ${cut.slice(0, 3).map((s) => `${s.endpoint} ${s.error}`).join("; ")}` : ""}`);
    checks.check("the process exits cleanly within the grace period", stopped === "0", `exit ${stopped}`);
  } finally {
    await server.stop();
  }
  const leftRunning = await inspectDataDir(dataDir, (tx) => tx.one<{ n: number }>(sql`select count(*)::int as n from public.jobs where status = 'running'`));
  checks.check("no job is left running with a lease (they were released)", leftRunning.n === 0, `${leftRunning.n} running`);
  server = await startServer({ port, engine: "pglite", dataDir, logFile: ".tmp/faults-sigterm-2.log" });
  try {
    const finance = new HttpSession(server.url, record);
    await finance.request("login", "/api/auth/login", { json: { email: "finance@acme.test", password: "xeropulse-demo" } });
    const done = await waitFor(async () => {
      const s = (await finance.request<{ status: string }>("import", `/api/imports/${importId}`)).body;
      return s && ["succeeded", "failed"].includes(s.status) ? s.status : undefined;
    }, 300_000, 1000);
    checks.check("after the restart the import finishes", done === "succeeded", done ?? "not within 300 s");
  } finally {
    await server.stop();
  }
  const stored = await inspectDataDir(dataDir, (tx) => tx.one<{ n: number; distinct_n: number }>(sql`select count(*)::int as n, count(distinct po_number)::int as distinct_n from public.purchase_orders where po_number like 'SIG-%'`));
  checks.check("every row of the import is there once", stored.n === rows.length && stored.distinct_n === rows.length, `${stored.n} rows for ${rows.length} in the workbook`);
  return checks.result();
}
