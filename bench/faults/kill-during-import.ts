import path from "node:path";
import { sql } from "@/server/db";
import { manyPurchaseOrders, poWorkbook, uploadForm } from "../../tests/helpers/workbooks";
import { HttpSession } from "../harness/http-session";
import { freshDir, startServer } from "../harness/server-process";
import { FaultChecks, waitFor, type FaultResult } from "./fault-result";
import { inspectDataDir } from "./inspect-data-dir";

const ROWS = Number(process.env.FAULTS_IMPORT_ROWS ?? 50_000);

interface ImportState {
  status: string;
  progress: { done: number; total: number | null };
  counts?: Record<string, number>;
}

/**
 * `kill -9` of the server while an import applies its rows; after a restart the job resumes and
 * the purchase orders equal the workbook exactly: none missing, none twice, no stray values.
 */
export async function killDuringImport(port: number): Promise<FaultResult> {
  const checks = new FaultChecks("kill -9 during an import");
  const dataDir = await freshDir(path.resolve(".tmp/faults-import"));
  const env = { JOBS_LEASE_SECONDS: "10" };
  let server = await startServer({ port, engine: "pglite", dataDir, env, logFile: ".tmp/faults-import-1.log" });
  const errors: string[] = [];
  const session = new HttpSession(server.url, (s) => s.error && errors.push(`${s.endpoint}: ${s.error}`));
  const rows = manyPurchaseOrders(ROWS, 1, "FLT-");
  try {
    await session.request("login", "/api/auth/login", { json: { email: "finance@acme.test", password: "xeropulse-demo" } });
    const uploaded = await session.request<{ id: string }>("upload", "/api/imports", { form: uploadForm(await poWorkbook(rows), "purchase_orders", "faults.xlsx"), timeoutMs: 120_000 });
    const id = uploaded.body?.id;
    if (!id) throw new Error(`upload failed: ${errors.join("; ")}`);
    const state = () => session.request<ImportState>("import", `/api/imports/${id}`).then((r) => r.body ?? undefined);
    const ready = await waitFor(async () => ((await state())?.status === "ready" ? true : undefined), 180_000, 500);
    checks.check("the workbook validates", ready === true, ready ? "ready" : "not ready within 180 s");
    await session.request("confirm", `/api/imports/${id}/confirm`, { method: "POST" });
    const midway = await waitFor(async () => {
      const s = await state();
      return s?.status === "processing" ? s : undefined;
    }, 180_000, 20);
    checks.check("the kill lands while the import is being applied", !!midway && midway.progress.done < ROWS, midway ? `${midway.progress.done} of ${ROWS} rows applied when killed` : "never seen processing");
    server.child.kill("SIGKILL");
    await server.stop();
    server = await startServer({ port, engine: "pglite", dataDir, env, logFile: ".tmp/faults-import-2.log" });
    const finished = await waitFor(async () => {
      const s = await state();
      return s && ["succeeded", "failed"].includes(s.status) ? s : undefined;
    }, 300_000, 1000);
    checks.check("after the restart the import finishes by itself", finished?.status === "succeeded", finished ? finished.status : "not finished within 300 s");
  } finally {
    await server.stop();
  }
  const stored = await inspectDataDir(dataDir, (tx) =>
    tx.query<{ po_number: string; order_value: string }>(sql`select po_number, order_value::text from public.purchase_orders where po_number like 'FLT-%' order by po_number`),
  );
  const expected = rows.map((r) => `${r.poNumber}=${Number(r.orderValue).toFixed(2)}`).sort();
  const seen = stored.map((r) => `${r.po_number}=${Number(r.order_value).toFixed(2)}`);
  const seenSet = new Set(seen);
  const missing = expected.filter((e) => !seenSet.has(e)).length;
  checks.check("the purchase orders equal the workbook", missing === 0 && seen.length === expected.length && JSON.stringify(seen) === JSON.stringify(expected), `${seen.length} stored, ${expected.length} in the workbook, ${missing} missing`);
  checks.check("no request failed", errors.length === 0, errors.length ? errors.slice(0, 3).join("; ") : "none");
  return checks.result();
}
