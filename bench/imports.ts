import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as me } from "@/app/api/me/route";
import { reloadConfig } from "@/server/config";
import { setEngine, sql, type Engine } from "@/server/db";
import { migrate } from "@/server/db/migrate";
import { asServiceOn } from "@/server/db/transactions";
import { appJobRegistry } from "@/server/jobs/app-job-registry";
import { jobDatabase } from "@/server/jobs/job-database";
import { provisionMembership } from "@/server/orgs/provision-membership";
import { provisionOrganization } from "@/server/orgs/provision-organization";
import { provisionUser } from "@/server/orgs/provision-user";
import { importFileStore } from "@/server/storage/import-files";
import type { JobDatabase } from "@edge-shared/db/database.ts";
import { drainJobs } from "@edge-shared/jobs/worker.ts";
import { TestClient } from "../tests/helpers/http-client";
import { ImportSession } from "../tests/helpers/imports";
import { manyPurchaseOrders, poWorkbook } from "../tests/helpers/workbooks";
import { recordFigure } from "./record-figure";
import { percentile, round, writeResult } from "./stats";

/**
 * A 100,000-row purchase-order workbook end to end through the real path (upload route → the
 * import.validate job staging every row → confirm route → the import.process job's 5,000-row
 * batches → succeeded), against a floor measured in the same run on the same engine: a streaming
 * parse of the same file with exceljs's WorkbookReader plus one bulk insert of the same rows. Also
 * the slowest batch of each phase, the peak RSS growth during the import, and /api/me latency while
 * an import runs against before it.
 */
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_IMPORT_ROUNDS ?? 2);
const PASSWORD = "bench-imports-password";
const log = (message: string) => process.env.BENCH_VERBOSE && console.log(`    ${new Date().toISOString().slice(11, 19)} ${message}`);

interface Timed {
  db: JobDatabase;
  durations: number[];
}

function timedDatabase(engine: Engine): Timed {
  const real = jobDatabase(engine);
  const durations: number[] = [];
  return {
    durations,
    db: {
      async transaction(fn) {
        const started = performance.now();
        try {
          return await real.transaction(fn);
        } finally {
          const ms = performance.now() - started;
          durations.push(ms);
          if (ms > 1_000) log(`a transaction took ${round(ms, 0)} ms`);
        }
      },
    },
  };
}

async function drain(db: JobDatabase) {
  const outcome = await drainJobs({
    db, registry: appJobRegistry, kinds: "all", workerId: "bench-imports", leaseSeconds: 120,
    deadline: Date.now() + 30 * 60_000, services: { importFiles: importFileStore() },
  });
  if (outcome.succeeded < 1 || outcome.failed > 0 || outcome.retrying > 0) throw new Error(`jobs did not succeed: ${JSON.stringify(outcome)}`);
}

async function newOrg(engine: Engine, label: string) {
  const slug = `bench-imp-${randomUUID().slice(0, 8)}`;
  const orgId = await engine.transaction((tx) => provisionOrganization(tx, { slug, name: `Bench imports ${label}`, currency: "NZD" }));
  const email = `${slug}@bench.test`;
  const userId = await engine.transaction((tx) => provisionUser(tx, { email, password: PASSWORD }));
  await engine.transaction((tx) => provisionMembership(tx, orgId, userId, "finance"));
  const client = new TestClient();
  const res = await client.call(login, "/api/auth/login", { body: { email, password: PASSWORD } });
  if (res.status !== 200) throw new Error(`bench login failed: ${res.status}`);
  return { orgId, slug, client, session: new ImportSession(client, slug, engine) };
}

/** /api/me every 50 ms until stopped; latencies in ms. */
function probe(client: TestClient) {
  const latencies: number[] = [];
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const started = performance.now();
      const res = await client.call(me, "/api/me");
      if (res.status !== 200) throw new Error(`/api/me answered ${res.status}`);
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return { latencies, stop: async () => ((stopped = true), await done) };
}

/**
 * Peak RSS growth, and (with BENCH_VERBOSE) where it went: the V8 heap, memory outside it (Buffers,
 * ArrayBuffers; PGlite's WASM memory is neither and shows only in RSS), sampled together at the peak.
 */
function rssSampler() {
  const mb = (n: number) => round(n / 1024 / 1024, 0);
  const start = process.memoryUsage();
  const baseline = start.rss;
  let peak = baseline;
  let atPeak = start;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > peak) {
      peak = now.rss;
      atPeak = now;
    }
  }, 25);
  return {
    stop: () => {
      clearInterval(timer);
      log(
        `memory at the peak vs the start (MB): rss +${mb(atPeak.rss - start.rss)}, V8 heap total +${mb(atPeak.heapTotal - start.heapTotal)} (used +${mb(atPeak.heapUsed - start.heapUsed)}), ` +
          `external +${mb(atPeak.external - start.external)} (array buffers +${mb(atPeak.arrayBuffers - start.arrayBuffers)}); ` +
          `rss not in those +${mb(atPeak.rss - start.rss - (atPeak.heapTotal - start.heapTotal) - (atPeak.external - start.external))}`,
      );
      return { baseline, peak, growthMb: (Math.max(peak, process.memoryUsage().rss) - baseline) / 1024 / 1024 };
    },
  };
}

async function endToEnd(engine: Engine, file: Buffer, options: { probe: boolean }) {
  const org = await newOrg(engine, "e2e");
  const validate = timedDatabase(engine);
  const apply = timedDatabase(engine);
  const memory = rssSampler();
  // Timed rounds run alone; one more round runs with /api/me called alongside.
  const requests = options.probe ? probe(org.client) : { latencies: [] as number[], stop: async () => undefined };
  const started = performance.now();
  const up = await org.session.upload(file, "purchase_orders", "bench.xlsx");
  const uploadMs = performance.now() - started;
  log(`upload answered ${up.status} in ${round(uploadMs, 0)} ms`);
  if (up.status !== 201) throw new Error(`upload answered ${up.status}: ${JSON.stringify(up.json)}`);
  await drain(validate.db);
  const ready = await org.session.get(up.json.id);
  if (ready.json.status !== "ready" || ready.json.counts.valid !== ROWS) throw new Error(`validation ended ${ready.json.status}: ${JSON.stringify(ready.json.counts)} ${ready.json.error}`);
  const validatedMs = performance.now() - started;
  log(`validated in ${round((validatedMs - uploadMs) / 1000)} s`);
  const confirmed = await org.session.confirm(up.json.id);
  if (confirmed.status !== 202) throw new Error(`confirm answered ${confirmed.status}`);
  log("confirmed");
  await drain(apply.db);
  log(`applied in ${round((performance.now() - started - validatedMs) / 1000)} s`);
  const ms = performance.now() - started;
  await requests.stop();
  const rss = memory.stop();
  const done = await org.session.get(up.json.id);
  if (done.json.status !== "succeeded" || done.json.counts.created !== ROWS) throw new Error(`import ended ${done.json.status}: ${JSON.stringify(done.json.counts)}`);
  return {
    ms, uploadMs, validateMs: validatedMs - uploadMs, applyMs: ms - validatedMs,
    slowestValidateBatchMs: Math.max(...validate.durations), slowestApplyBatchMs: Math.max(...apply.durations),
    applyBatches: apply.durations.length, rssGrowthMb: rss.growthMb, meDuring: requests.latencies, orgId: org.orgId,
  };
}

/** The floor: exceljs's streaming reader over the same file, then one bulk insert of the same rows. */
async function floor(engine: Engine, file: Buffer) {
  const org = await newOrg(engine, "floor");
  const started = performance.now();
  const cols: { po: string[]; supplier: string[]; description: string[]; value: number[]; date: string[] } = { po: [], supplier: [], description: [], value: [], date: [] };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), { worksheets: "emit", sharedStrings: "cache", styles: "ignore", hyperlinks: "ignore", entries: "ignore" });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      if (row.number === 1) continue;
      const v = row.values as unknown[];
      cols.po.push(String(v[1]));
      cols.supplier.push(String(v[2]));
      cols.description.push(String(v[3]));
      cols.value.push(Number(v[4]));
      cols.date.push(new Date(Date.UTC(1899, 11, 30) + Number(v[6]) * 86_400_000).toISOString().slice(0, 10));
    }
  }
  const parsedMs = performance.now() - started;
  log(`floor parsed in ${round(parsedMs)} ms`);
  await asServiceOn(engine, (tx) =>
    tx.query(sql`
      insert into public.purchase_orders (org_id, po_number, supplier, description, order_value, currency, order_date)
      select ${org.orgId}::uuid, po, supplier, description, value, 'NZD', day
        from unnest(${cols.po}::text[], ${cols.supplier}::text[], ${cols.description}::text[], ${cols.value}::numeric[], ${cols.date}::date[])
             as x(po, supplier, description, value, day)`),
  );
  const ms = performance.now() - started;
  if (cols.po.length !== ROWS) throw new Error(`floor parsed ${cols.po.length} rows`);
  return { ms, parsedMs, orgId: org.orgId };
}

async function meBefore(engine: Engine) {
  const org = await newOrg(engine, "probe");
  const requests = probe(org.client);
  await new Promise((r) => setTimeout(r, 3_000));
  await requests.stop();
  return requests.latencies;
}

export async function benchImports(engine: Engine, label: string): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "xp-bench-imports-"));
  process.env.XEROPULSE_DATA_DIR = dataDir;
  reloadConfig();
  setEngine(engine);
  try {
    await migrate(engine, { localBootstrap: true });
    const file = await poWorkbook(manyPurchaseOrders(ROWS));
    log(`workbook of ${ROWS} rows: ${round(file.length / 1024 / 1024)} MB`);
    const fileMb = round(file.length / 1024 / 1024);
    const before = await meBefore(engine);
    const e2e: Awaited<ReturnType<typeof endToEnd>>[] = [];
    const floors: Awaited<ReturnType<typeof floor>>[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Fresh organizations each time: the tables grow by the same rows for both measurements.
      // (Mass deletes would leave PGlite, which has no autovacuum, with stale statistics.)
      const e = await endToEnd(engine, file, { probe: false });
      const f = await floor(engine, file);
      e2e.push(e);
      floors.push(f);
      console.log(
        `  imports-${label} round ${i + 1}: end to end ${round(e.ms / 1000)} s (upload ${round(e.uploadMs)} ms, validate ${round(e.validateMs / 1000)} s, apply ${round(e.applyMs / 1000)} s), floor ${round(f.ms / 1000)} s (parse ${round(f.parsedMs / 1000)} s)`,
      );
    }
    const observed = await endToEnd(engine, file, { probe: true });
    console.log(`  imports-${label} with /api/me alongside: ${round(observed.ms / 1000)} s, ${observed.meDuring.length} requests`);
    const e2eMs = percentile(e2e.map((e) => e.ms), 50);
    const floorMs = percentile(floors.map((f) => f.ms), 50);
    const during = observed.meDuring;
    recordFigure({ name: `Import of ${ROWS} rows end to end vs parse-and-insert`, engine: label as "pglite" | "postgres", value: e2eMs, floor: floorMs, unit: "ms", target: { ratioMax: 1.5 } });
    await writeResult(`imports-${label}`, {
      engine: label,
      // The machine is shared: its load when the run ended (1-minute average, cores: os.cpus().length).
      loadAverage: round(loadavg()[0]!, 1),
      cores: cpus().length,
      rows: ROWS,
      fileMb,
      rounds: ROUNDS,
      endToEnd: {
        secondsP50: round(e2eMs / 1000),
        floorSecondsP50: round(floorMs / 1000),
        ratio: round(e2eMs / floorMs),
        samples: e2e.map((e) => ({ seconds: round(e.ms / 1000), uploadMs: round(e.uploadMs, 0), validateSeconds: round(e.validateMs / 1000), applySeconds: round(e.applyMs / 1000) })),
        floorSamples: floors.map((f) => ({ seconds: round(f.ms / 1000), parseSeconds: round(f.parsedMs / 1000) })),
      },
      batches: {
        slowestValidateBatchMs: round(Math.max(...[...e2e, observed].map((e) => e.slowestValidateBatchMs)), 0),
        slowestApplyBatchMs: round(Math.max(...[...e2e, observed].map((e) => e.slowestApplyBatchMs)), 0),
        limitMs: 30_000,
      },
      memory: { peakRssGrowthMb: round(Math.max(...[...e2e, observed].map((e) => e.rssGrowthMb)), 0), limitMb: 200 },
      otherRequests: {
        meP95BeforeMs: round(percentile(before, 95)),
        meP95DuringMs: round(percentile(during, 95)),
        meP50DuringMs: round(percentile(during, 50)),
        samplesBefore: before.length,
        samplesDuring: during.length,
      },
    });
  } finally {
    setEngine(undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
}
