import { cpus, loadavg } from "node:os";
import { randomUUID } from "node:crypto";
import type { Engine } from "@/server/db";
import { sql } from "@/server/db";
import { asServiceOn } from "@/server/db/transactions";
import { migrate } from "@/server/db/migrate";
import { provisionMembership } from "@/server/orgs/provision-membership";
import { provisionOrganization } from "@/server/orgs/provision-organization";
import { provisionUser } from "@/server/orgs/provision-user";
import { evaluateAlerts, type AlertEvaluationResult } from "@edge-shared/alerts/evaluate-alerts.ts";
import { recordFigure } from "./record-figure";
import { percentile, round, writeResult } from "./stats";

const POS = Number(process.env.BENCH_ALERTS_POS ?? 100_000);
const QS_PER_PO = Number(process.env.BENCH_ALERTS_QS_PER_PO ?? 10);
const TOUCHED = Number(process.env.BENCH_ALERTS_TOUCHED ?? 1_000);
const RUNS = Number(process.env.BENCH_ALERTS_RUNS ?? 7);

/**
 * Alert evaluation of POS purchase orders with POS × QS_PER_PO quantity surveys in one organization
 * (utilization spread over 0–120 %, two members who get emails), through the real path
 * (`evaluateAlerts`: advisory lock, the set-based statement, events and notifications), against a
 * floor measured in the same run on the same engine: one set-based SELECT computing the same levels
 * of the same POs from the organization's thresholds. Three figures:
 *
 * - the first evaluation (every alert opened: inserts of alerts, events and notifications);
 * - the recurring full evaluation (the hourly schedule): before each timed run TOUCHED POs' spend
 *   moves, so each run really changes alerts;
 * - the incremental evaluation of the TOUCHED POs one import changed (payload poIds), against the
 *   floor restricted to the same POs.
 */
export async function benchAlerts(engine: Engine, label: string): Promise<void> {
  await migrate(engine, { localBootstrap: true });
  const setupStarted = performance.now();
  const orgId = await engine.transaction(async (tx) => {
    const id = await provisionOrganization(tx, { slug: `bench-alerts-${randomUUID().slice(0, 8)}`, name: "Bench Alerts" });
    for (const role of ["admin", "finance"] as const) {
      const userId = await provisionUser(tx, { email: `${role}-${randomUUID().slice(0, 8)}@bench.test`, password: "bench-password" });
      await provisionMembership(tx, id, userId, role);
    }
    return id;
  });
  await engine.transaction(async (tx) => {
    // Order values 1,000–10,600; target utilization (g × 7919 mod 12,000) / 100 %, spread over QS_PER_PO QSs.
    await tx.query(sql`
      insert into public.purchase_orders (org_id, po_number, supplier, order_value, currency, order_date)
      select ${orgId}::uuid, 'PO-' || lpad(g::text, 6, '0'), 'Supplier ' || (g % 500), (1000 + (g % 97) * 100)::numeric, 'NZD',
             date '2026-01-01' + (g % 300)
        from generate_series(1, ${POS}::int) g`);
    await tx.query(sql`
      insert into public.quantity_surveys (org_id, qs_number, po_id, valuation_date, amount)
      select p.org_id, p.po_number || '-' || k, p.id, date '2026-02-01' + k,
             round(p.order_value * ((substr(p.po_number, 4)::int * 7919) % 12000) / 100.0 / 100.0 / ${QS_PER_PO}, 2)
        from public.purchase_orders p cross join generate_series(1, ${QS_PER_PO}::int) k
       where p.org_id = ${orgId}`);
  });
  await engine.transaction((tx) => tx.execScript("analyze public.purchase_orders; analyze public.quantity_surveys;"));
  const setupMs = performance.now() - setupStarted;

  const ids = await engine.transaction((tx) =>
    tx.query<{ id: string }>(sql`select id from public.purchase_orders where org_id = ${orgId} order by po_number`),
  );
  const evaluate = (poIds?: string[]) =>
    asServiceOn(engine, (tx) => evaluateAlerts(tx, { orgId, poIds, evaluationId: randomUUID() }));
  // `serial`: without parallel workers, which PostgreSQL gives the SELECT but never a statement that writes.
  const floor = (poIds?: string[], serial = false) =>
    asServiceOn(engine, async (tx) => {
      if (serial) await tx.query(sql`select set_config('max_parallel_workers_per_gather', '0', true)`);
      return tx.one(sql`
        select count(*) filter (where lvl = 0)::int as on_track, count(*) filter (where lvl = 1)::int as warning,
               count(*) filter (where lvl = 2)::int as critical, count(*) filter (where lvl = 3)::int as over_budget
          from (select case when p.order_value = 0 then (case when p.spent > 0 then 3 else 0 end)
                            when p.utilization_percent >= o.alert_over_budget_pct then 3
                            when p.utilization_percent >= o.alert_critical_pct then 2
                            when p.utilization_percent >= o.alert_warning_pct then 1 else 0 end as lvl
                  from public.purchase_orders p join public.organizations o on o.id = p.org_id
                 where p.org_id = ${orgId} and p.status = 'open'
                   and (${poIds ? poIds.join(",") : null}::text is null
                        or p.id = any (string_to_array(${poIds ? poIds.join(",") : null}::text, ',')::uuid[]))) levels`);
    });

  // First evaluation: every alert opens.
  const floorBefore = await timeFloor(() => floor(), 3);
  const firstStarted = performance.now();
  const first = await evaluate();
  const firstMs = performance.now() - firstStarted;
  const levels = await floor();

  // Each round moves TOUCHED POs' spend (one QS each, alternately up 40 points and back), untimed.
  let round_ = 0;
  const moveSpend = async (slice: { id: string }[]) => {
    const up = round_++ % 2 === 0;
    await engine.transaction((tx) =>
      tx.query(sql`
        update public.quantity_surveys q set amount = q.amount + ${up ? 1 : -1} * round(p.order_value * 0.4, 2)
          from public.purchase_orders p
         where p.id = q.po_id and q.po_id = any (${slice.map((s) => s.id)}::uuid[]) and q.qs_number = p.po_number || '-1'`),
    );
  };
  const window = (n: number) => ids.slice((n * TOUCHED) % ids.length, ((n * TOUCHED) % ids.length) + TOUCHED);

  // Recurring full evaluation (the schedule), interleaved with its floor; first round is a warm-up.
  const fullResults: AlertEvaluationResult[] = [];
  const full: number[] = [];
  const fullFloor: number[] = [];
  const fullFloorSerial: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await moveSpend(window(i));
    const started = performance.now();
    fullResults.push(await evaluate());
    const ms = performance.now() - started;
    const floorStarted = performance.now();
    await floor();
    const floorMs = performance.now() - floorStarted;
    const serialStarted = performance.now();
    await floor(undefined, true);
    const serialMs = performance.now() - serialStarted;
    if (i > 0) {
      full.push(ms);
      fullFloor.push(floorMs);
      fullFloorSerial.push(serialMs);
    }
  }

  // Incremental: the TOUCHED POs one import changed.
  const incrementalResults: AlertEvaluationResult[] = [];
  const samplesInc: number[] = [];
  const samplesIncFloor: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const slice = window(50 + i);
    await moveSpend(slice);
    const poIds = slice.map((s) => s.id);
    const started = performance.now();
    incrementalResults.push(await evaluate(poIds));
    const ms = performance.now() - started;
    const floorStarted = performance.now();
    await floor(poIds);
    const floorMs = performance.now() - floorStarted;
    if (i > 0) {
      samplesInc.push(ms);
      samplesIncFloor.push(floorMs);
    }
  }

  const counts = await engine.transaction((tx) =>
    tx.one<{ alerts: number; events: number; notifications: number }>(sql`
      select (select count(*)::int from public.alerts where org_id = ${orgId}) as alerts,
             (select count(*)::int from public.alert_events where org_id = ${orgId}) as events,
             (select count(*)::int from public.alert_notifications where org_id = ${orgId}) as notifications`),
  );
  const p50 = (s: number[]) => round(percentile(s, 50), 1);
  recordFigure({ name: `Alerts full evaluation over ${POS} POs vs its SQL (p50)`, engine: label as "pglite" | "postgres", value: percentile(full, 50), floor: percentile(fullFloor, 50), unit: "ms", target: { ratioMax: 2 } });
  recordFigure({ name: `Alerts incremental evaluation of ${TOUCHED} POs vs its SQL (p50)`, engine: label as "pglite" | "postgres", value: percentile(samplesInc, 50), floor: percentile(samplesIncFloor, 50), unit: "ms", target: { ratioMax: 2 } });
  await writeResult(`alerts-${label}`, {
    engine: label,
    // The machine is shared: its load when the run ended (1-minute average, cores: os.cpus().length).
    loadAverage: round(loadavg()[0]!, 1),
    cores: cpus().length,
    pos: POS,
    quantitySurveys: POS * QS_PER_PO,
    setupSeconds: round(setupMs / 1000, 1),
    levels,
    first: { ms: round(firstMs, 0), floorMs: p50(floorBefore), ratio: round(firstMs / percentile(floorBefore, 50)), result: first },
    full: {
      p50Ms: p50(full),
      floorP50Ms: p50(fullFloor),
      ratio: round(percentile(full, 50) / percentile(fullFloor, 50)),
      target: 2,
      floorWithoutParallelP50Ms: p50(fullFloorSerial),
      ratioWithoutParallel: round(percentile(full, 50) / percentile(fullFloorSerial, 50)),
      posMovedBeforeEachRun: TOUCHED,
      lastResult: fullResults.at(-1),
    },
    incremental: {
      pos: TOUCHED,
      p50Ms: p50(samplesInc),
      floorP50Ms: p50(samplesIncFloor),
      ratio: round(percentile(samplesInc, 50) / percentile(samplesIncFloor, 50)),
      lastResult: incrementalResults.at(-1),
    },
    totals: counts,
    runs: RUNS,
  });
}

async function timeFloor(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const started = performance.now();
    await fn();
    if (i > 0) samples.push(performance.now() - started);
  }
  return samples;
}

export async function benchAlertsAll(postgresUrl: string | undefined, withScratchDatabase: (url: string, fn: (url: string) => Promise<void>) => Promise<void>) {
  const { createPGliteEngine } = await import("@/server/db/pglite-engine");
  const { createPostgresEngine } = await import("@/server/db/postgres-engine");
  if (process.env.BENCH_ALERTS_PGLITE !== "0") {
    const pglite = await createPGliteEngine();
    await benchAlerts(pglite, "pglite");
    await pglite.close();
  }
  if (!postgresUrl) return console.log("alerts-postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
  await withScratchDatabase(postgresUrl, async (url) => {
    const engine = createPostgresEngine(url, 2);
    await benchAlerts(engine, "postgres");
    await engine.close();
  });
}
