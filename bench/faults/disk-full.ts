import { execFileSync } from "node:child_process";
import { cp, mkdir, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { sql, type Tx } from "@/server/db";
import type { ErrorBody } from "@/lib/error-codes";
import { manyPurchaseOrders, poWorkbook, uploadForm } from "../../tests/helpers/workbooks";
import { HttpSession, type Sample } from "../harness/http-session";
import { freshDir, startServer, type ServerProcess } from "../harness/server-process";
import { FaultChecks, waitFor, type FaultResult } from "./fault-result";
import { inspectDataDir } from "./inspect-data-dir";
import { syncedFingerprint } from "./synced-fingerprint";

/** Room left on the small disk beyond what the seeded database takes (MB): what the uploads fill. */
const ROOM_MB = Number(process.env.FAULTS_DISK_ROOM_MB ?? 112);
/** Rows of each filling workbook (its rows are staged in the database as it validates). */
const FILL_ROWS = Number(process.env.FAULTS_DISK_FILL_ROWS ?? 20_000);
const MAX_FILLS = 40;
// No scheduled syncs: a background sync is a legitimate write, and would move the fingerprint of what
// was committed before the disk filled.
const env = { JOBS_LEASE_SECONDS: "10", SYNC_SCHEDULE_MINUTES: "0" };

interface ImportState {
  id: string;
  status: string;
  error?: string | null;
}

const mb = (bytes: number) => Math.round(bytes / 1_048_576);

async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await sizeOf(full) : (await stat(full)).size;
  }
  return total;
}

function freeOf(dir: string): number {
  const out = execFileSync("df", ["-B1", "--output=avail", dir]).toString().trim().split("\n").pop() ?? "0";
  return Number(out);
}

/** What must survive: every table a user wrote or the sync brought, but not the filling imports. */
async function committedFingerprint(tx: Tx): Promise<Record<string, string>> {
  const row = async (query: ReturnType<typeof sql>) => {
    const r = await tx.one<{ n: number; digest: string | null }>(query);
    return `${r.n}:${r.digest ?? "-"}`;
  };
  return {
    ...(await syncedFingerprint(tx)),
    purchase_orders: await row(sql`
      select count(*)::int as n, md5(string_agg(po_number || '=' || order_value::text, '|' order by po_number)) as digest
      from public.purchase_orders where po_number not like 'FILL-%'`),
    organizations: await row(sql`select count(*)::int as n, md5(string_agg(slug || name, '|' order by slug)) as digest from public.organizations`),
    members: await row(sql`select count(*)::int as n, md5(string_agg(user_id::text || role, '|' order by user_id, org_id)) as digest from public.org_members`),
  };
}

async function signIn(server: ServerProcess, samples: Sample[], email = "finance@acme.test") {
  const session = new HttpSession(server.url, (s) => samples.push(s));
  const login = await session.request("login", "/api/auth/login", { json: { email, password: "xeropulse-demo" } });
  if (login.status !== 200) throw new Error(`signing in as ${email} answered ${login.status}`);
  return session;
}

/** Uploads a workbook of POs and waits until it validated (or failed, or `ms` passed). */
async function upload(session: HttpSession, prefix: string, rows: number, ms: number) {
  const bytes = await poWorkbook(manyPurchaseOrders(rows, 1, prefix));
  const res = await session.request<ImportState & ErrorBody>("upload", "/api/imports", { form: uploadForm(bytes, "purchase_orders", `${prefix}.xlsx`), timeoutMs: 120_000, allow: [507] });
  if (res.status !== 201 && res.status !== 202 && res.status !== 200) return { res, state: undefined };
  const id = res.body!.id;
  const state = await waitFor(async () => {
    const s = (await session.request<ImportState>("import", `/api/imports/${id}`)).body;
    return s && s.status !== "validating" ? s : undefined;
  }, ms, 500);
  return { res, state, id };
}

function mount(dir: string, sizeMb: number, remount = false) {
  execFileSync("mount", ["-t", "tmpfs", "-o", `${remount ? "remount," : ""}size=${sizeMb}m`, "tmpfs", dir]);
}

/**
 * The disk under the embedded database fills up. The data folder is a small tmpfs holding a seeded
 * database plus `ROOM_MB`; finance uploads workbooks (each stored, and its rows staged in the
 * database as it validates) until a write is refused. Checked: the refusal is a STORAGE_FULL answer
 * in the flat shape (never a 500, a hang or a crash), reads of committed data still work, and after a
 * restart on a disk with room again everything committed before is there. Needs root (mount).
 */
export async function diskFull(port: number): Promise<FaultResult> {
  const checks = new FaultChecks("the disk under the embedded database fills up");
  if (process.getuid?.() !== 0) {
    checks.check("the scenario can mount a small disk (root)", false, "not root: run npm run faults as root for this scenario");
    return checks.result();
  }
  const seedDir = await freshDir(path.resolve(".tmp/faults-disk-seed"));
  const dataDir = path.resolve(".tmp/faults-disk");
  const samples: Sample[] = [];
  const mark = () => samples.length;

  // A seeded database with a first import applied: what was committed before the disk filled.
  let server = await startServer({ port, engine: "pglite", dataDir: seedDir, env, logFile: ".tmp/faults-disk-seed.log" });
  try {
    const session = await signIn(server, samples);
    const first = await upload(session, "DSK-", 2_000, 180_000);
    checks.check("a first import validates", first.state?.status === "ready", first.state?.status ?? String(first.res.status));
    await session.request("confirm", `/api/imports/${first.id}/confirm`, { method: "POST" });
    const applied = await waitFor(async () => {
      const s = (await session.request<ImportState>("import", `/api/imports/${first.id}`)).body;
      return s && ["succeeded", "failed"].includes(s.status) ? s : undefined;
    }, 180_000, 500);
    checks.check("and is applied", applied?.status === "succeeded", applied?.status ?? "not within 180 s");
  } finally {
    await server.stop();
  }
  const before = await inspectDataDir(seedDir, committedFingerprint);
  const sizeMb = mb(await sizeOf(seedDir)) + ROOM_MB;

  await freshDir(dataDir);
  await mkdir(dataDir, { recursive: true });
  let mounted = false;
  try {
    mount(dataDir, sizeMb);
    mounted = true;
    await cp(seedDir, dataDir, { recursive: true });
    console.log(`  a ${sizeMb} MB disk, ${mb(freeOf(dataDir))} MB free after the seeded database`);
    server = await startServer({ port, engine: "pglite", dataDir, env, logFile: ".tmp/faults-disk-1.log" });
    try {
      const session = await signIn(server, samples);
      const filling = mark();
      let refused: { status: number; body: (ImportState & ErrorBody) | null } | undefined;
      let failedValidation: ImportState | undefined;
      let fills = 0;
      while (!refused && fills < MAX_FILLS) {
        const r = await upload(session, `FILL-${fills}-`, FILL_ROWS, 60_000);
        fills++;
        console.log(`  upload ${fills}: ${r.res.status} ${r.state?.status ?? ""}, ${mb(freeOf(dataDir))} MB free`);
        if (r.res.status >= 300) refused = r.res;
        else if (r.state?.status === "failed") failedValidation ??= r.state;
      }
      const body = refused?.body;
      const flat = !!body && typeof body.error === "string" && typeof body.timestamp === "string" && typeof body.requestId === "string";
      checks.check(
        "the disk fills and the write is refused with STORAGE_FULL in the flat shape",
        refused?.status === 507 && body?.code === "STORAGE_FULL" && flat,
        refused ? `upload ${fills}: ${refused.status} ${body?.code ?? ""}: ${body?.error ?? ""}` : `${fills} uploads, none refused`,
      );
      if (failedValidation) console.log(`  a validation ended failed: ${failedValidation.error ?? ""}`);
      const again = await upload(session, "FILL-small-", 50, 30_000);
      checks.check("a smaller write is refused the same way", again.res.status === 507, `${again.res.status} ${(again.res.body as ErrorBody | null)?.code ?? ""}`);
      const me = await session.request("me", "/api/me");
      const pos = await session.request<{ total: number }>("purchase orders", "/api/purchase-orders?q=DSK-&pageSize=1");
      checks.check("reads of committed data still work", me.status === 200 && pos.status === 200 && pos.body?.total === 2_000, `/api/me ${me.status}, POs ${pos.status} (${pos.body?.total ?? "-"} DSK- orders)`);
      const bad = samples.slice(filling).filter((s) => s.status === 0 || (s.status >= 500 && s.status !== 507));
      checks.check("no answer was a 500, a network error or a timeout", bad.length === 0, bad.length ? bad.slice(0, 3).map((s) => `${s.endpoint}: ${s.error ?? s.status}`).join("; ") : `${samples.length - filling} requests`);
      checks.check("the server stayed up", server.child.exitCode === null && server.child.signalCode === null, server.child.exitCode === null ? "running" : `exited ${server.child.exitCode}`);
    } finally {
      const how = await server.stop();
      checks.check("it stops cleanly on a full disk", how === "0" || how === "143", `exit ${how}`);
    }

    // Room again (the disk made bigger, as an operator would free space): a restart finds it all.
    mount(dataDir, sizeMb + 256, true);
    server = await startServer({ port, engine: "pglite", dataDir, env, logFile: ".tmp/faults-disk-2.log" });
    try {
      const session = await signIn(server, samples);
      const after = await upload(session, "AFTER-", 100, 120_000);
      checks.check("with room again, writes work", after.state?.status === "ready", after.state?.status ?? `${after.res.status}`);
    } finally {
      await server.stop();
    }
    const after = await inspectDataDir(dataDir, committedFingerprint);
    const differing = Object.keys(before).filter((t) => before[t] !== after[t]);
    checks.check(
      "everything committed before the disk filled is still there",
      differing.length === 0,
      differing.length ? differing.map((t) => `${t}: ${after[t]} vs ${before[t]}`).join("; ") : Object.entries(before).map(([t, v]) => `${t} ${v.split(":")[0]}`).join(", "),
    );
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) await server.stop();
    if (mounted) {
      try {
        execFileSync("umount", [dataDir]);
      } catch {
        // Still busy for a moment after the server's exit: once more, lazily.
        execFileSync("umount", ["-l", dataDir]);
      }
    }
  }
  return checks.result();
}
