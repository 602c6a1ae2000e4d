import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { asServiceOn } from "@/server/db/transactions";
import { migrate } from "@/server/db/migrate";
import { createPostgresEngine } from "@/server/db/postgres-engine";
import { sql } from "@/server/db/sql";
import { ensureDefaultDashboards } from "@/server/dashboards/default-dashboards";
import { resolveDateRange } from "@/server/dashboards/date-range";
import { financialData } from "@/server/dashboards/financial-data";
import { generateFinanceData } from "@/server/demo/generate-finance-data";
import { insertFinanceData } from "@/server/demo/insert-finance-data";
import { refreshFinanceRollups } from "@edge-shared/finance/refresh-finance-rollups.ts";
import { provisionMembership, provisionOrganization, provisionUser } from "@/server/orgs/provisioning";
import { recordFigure } from "./record-figure";
import { percentile, round, writeResult } from "./stats";

const PORT = 3220;
const CONCURRENCY = 16;
const REQUESTS = 160;
const PASSWORD = "bench-password-1";

/** Runs `fn` REQUESTS times with CONCURRENCY in flight; the latency of each, in ms. */
async function concurrently(fn: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next++;
        const started = performance.now();
        await fn();
        samples.push(performance.now() - started);
      }
    }),
  );
  return samples;
}

async function waitForHealth(child: ReturnType<typeof spawn>): Promise<void> {
  const deadline = performance.now() + 180_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://localhost:${PORT}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the server did not come up within 180 s");
}

/**
 * The Financial overview's data endpoint over HTTP against the production build (NEXT_DIST_DIR or
 * .next), on a scratch PostgreSQL database holding BENCH_DASHBOARD_INVOICES invoices (1M by default)
 * in one organization: p50/p95 at 16 concurrent requests, against the floor of the same SQL run
 * directly as the service role at the same concurrency. Then the page's load in Chromium.
 */
export async function benchDashboardData(url: string): Promise<void> {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`the dashboards bench needs a production build in ${distDir}`);
  const invoices = Number(process.env.BENCH_DASHBOARD_INVOICES ?? 1_000_000);
  const engine = createPostgresEngine(url, CONCURRENCY);
  await migrate(engine, { localBootstrap: true });
  const today = new Date().toISOString().slice(0, 10);
  const setupStarted = performance.now();
  const { orgId, dashboardId } = await engine.transaction(async (tx) => {
    const orgId = await provisionOrganization(tx, { slug: "bench", name: "Bench", timezone: "UTC", currency: "USD" });
    const userId = await provisionUser(tx, { email: "finance@bench.test", password: PASSWORD });
    await provisionMembership(tx, orgId, userId, "finance");
    await ensureDefaultDashboards(tx, orgId);
    await insertFinanceData(tx, orgId, generateFinanceData({ seed: 1, invoices, asOf: today, currency: "USD" }));
    await refreshFinanceRollups(tx, orgId);
    const d = await tx.one<{ id: string }>(sql`select id from public.dashboards where org_id = ${orgId} and key = 'financial-overview'`);
    return { orgId, dashboardId: d.id };
  });
  await engine.transaction((tx) => tx.execScript("analyze"));
  const setupSeconds = (performance.now() - setupStarted) / 1000;

  const child = spawn("npx", ["next", "start", "-p", String(PORT)], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      AUTH_JWT_SECRET: "bench-secret-bench-secret-bench-secret-bench",
      SEED_DEMO: "false",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      APP_URL: `http://localhost:${PORT}`,
    },
    stdio: "ignore",
    detached: true,
  });
  try {
    await waitForHealth(child);
    const login = await fetch(`http://localhost:${PORT}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: `http://localhost:${PORT}` },
      body: JSON.stringify({ email: "finance@bench.test", password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const from = resolveDateRange({}, "UTC").from;
    const endpoint = `http://localhost:${PORT}/api/dashboards/${dashboardId}/data?from=${from}&to=${today}`;
    const callHttp = async () => {
      const res = await fetch(endpoint, { headers: { cookie, "x-org-id": orgId } });
      if (res.status !== 200) throw new Error(`data endpoint answered ${res.status}`);
      await res.arrayBuffer();
    };
    const range = resolveDateRange({ from, to: today }, "UTC");
    const callSql = () => asServiceOn(engine, (tx) => financialData(tx, orgId, range, {})).then(() => undefined);
    for (let i = 0; i < 3; i++) {
      await callHttp();
      await callSql();
    }
    const floor = await concurrently(callSql);
    const http = await concurrently(callHttp);
    const floorAgain = await concurrently(callSql);
    const floorAll = [...floor, ...floorAgain];

    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
    const loads: number[] = [];
    try {
      const context = await browser.newContext({ baseURL: `http://localhost:${PORT}` });
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByLabel("Email").fill("finance@bench.test");
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Log in" }).click();
      await page.waitForURL((u) => u.pathname !== "/login");
      for (let i = 0; i < 6; i++) {
        const started = performance.now();
        await page.goto(`/bench/dashboards/${dashboardId}`);
        await page.getByTestId("kpi").first().waitFor();
        await page.locator(".recharts-surface").first().waitFor();
        if (i > 0) loads.push(performance.now() - started);
      }
    } finally {
      await browser.close();
    }

    const p95 = percentile(http, 95);
    const floorP95 = percentile(floorAll, 95);
    recordFigure({ name: `Dashboard data at ${invoices} invoices, ${CONCURRENCY} concurrent, vs raw SQL (p95)`, engine: "postgres", value: p95, floor: floorP95, unit: "ms", target: { ratioMax: 1.3 } });
    await writeResult("dashboard-data", {
      invoices,
      setupSeconds: round(setupSeconds, 1),
      concurrency: CONCURRENCY,
      requests: REQUESTS,
      httpP50Ms: round(percentile(http, 50), 1),
      httpP95Ms: round(p95, 1),
      sqlFloorP50Ms: round(percentile(floorAll, 50), 1),
      sqlFloorP95Ms: round(floorP95, 1),
      p95OverFloor: round(p95 / floorP95),
      financialPageLoadMedianMs: round(percentile(loads, 50), 0),
      financialPageLoadMaxMs: round(Math.max(...loads), 0),
    });
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((r) => child.once("exit", r));
    await engine.close();
  }
}
