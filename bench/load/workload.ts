/**
 * The mixed workload of `npm run load`: what each kind of demo user does in a working session,
 * with a think time between steps, so N sessions behave like N people rather than N tight loops.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { manyPurchaseOrders, poWorkbook, uploadForm } from "../../tests/helpers/workbooks";
import type { HttpSession } from "../harness/http-session";

export type Persona = "admin" | "finance" | "operator" | "staff" | "executive" | "globex-admin";

export const PERSONA_EMAIL: Record<Persona, string> = {
  admin: "admin@acme.test",
  finance: "finance@acme.test",
  operator: "operator@acme.test",
  staff: "staff@acme.test",
  executive: "executive@acme.test",
  "globex-admin": "admin@globex.test",
};

/** Of every 20 sessions: 6 finance, 4 staff, 3 admin, 3 executive, 2 operator, 2 Globex admin. */
const MIX: Persona[] = ["finance", "finance", "finance", "finance", "finance", "finance", "staff", "staff", "staff", "staff", "admin", "admin", "admin", "executive", "executive", "executive", "operator", "operator", "globex-admin", "globex-admin"];
export const personaFor = (i: number): Persona => MIX[i % MIX.length]!;

export const DEMO_PASSWORD = "xeropulse-demo";

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const page = (max: number) => 1 + Math.floor(Math.random() * max);

interface Dashboard {
  id: string;
}

export interface WorkloadContext {
  session: HttpSession;
  persona: Persona;
  /** The sync trigger's expected answers besides 202 (on an engine without a Xero connection). */
  syncTriggerAllow: number[];
  /** A unique prefix per import, so imported PO numbers never collide. */
  nextImportPrefix: () => string;
  /** When the run ends: a long step (an import being watched) stops there too. */
  until?: number;
}

export async function login(ctx: WorkloadContext): Promise<boolean> {
  const res = await ctx.session.request("POST /api/auth/login", "/api/auth/login", { json: { email: PERSONA_EMAIL[ctx.persona], password: DEMO_PASSWORD } });
  return res.status === 200;
}

async function dashboards(ctx: WorkloadContext): Promise<Dashboard[]> {
  const res = await ctx.session.request<{ dashboards: Dashboard[] }>("GET /api/dashboards", "/api/dashboards");
  return res.body?.dashboards ?? [];
}

async function openDashboard(ctx: WorkloadContext) {
  const list = await dashboards(ctx);
  if (!list.length) return;
  const dashboard = pick(list);
  await ctx.session.request("GET /api/dashboards/{id}/data", `/api/dashboards/${dashboard.id}/data`);
}

/** Upload a 25-row PO workbook, wait for validation, confirm, wait for it to be applied. */
async function runImport(ctx: WorkloadContext) {
  const bytes = await poWorkbook(manyPurchaseOrders(25, 1, `${ctx.nextImportPrefix()}-`));
  const uploaded = await ctx.session.request<{ id: string }>("POST /api/imports", "/api/imports", { form: uploadForm(bytes, "purchase_orders", "load.xlsx") });
  const id = uploaded.body?.id;
  if (!id) return;
  const until = async (wanted: string) => {
    for (let i = 0; i < 120 && Date.now() < (ctx.until ?? Infinity); i++) {
      const res = await ctx.session.request<{ status: string }>("GET /api/imports/{id}", `/api/imports/${id}`);
      if (res.body?.status === wanted) return true;
      if (res.status !== 200 || res.body?.status === "failed") return false;
      await sleep(500);
    }
    return false;
  };
  if (!(await until("ready"))) return;
  await ctx.session.request("POST /api/imports/{id}/confirm", `/api/imports/${id}/confirm`, { method: "POST" });
  await until("succeeded");
}

type Step = (ctx: WorkloadContext) => Promise<unknown>;

const me: Step = (ctx) => ctx.session.request("GET /api/me", "/api/me");
const users: Step = (ctx) => ctx.session.request("GET /api/users", `/api/users?page=${page(3)}`);
const audit: Step = (ctx) => ctx.session.request("GET /api/audit", `/api/audit?page=${page(3)}`);
const syncStatus: Step = (ctx) => ctx.session.request("GET /api/sync/status", "/api/sync/status");
const syncHistory: Step = (ctx) => ctx.session.request("GET /api/sync/history", "/api/sync/history");
const purchaseOrders: Step = (ctx) => ctx.session.request("GET /api/purchase-orders", `/api/purchase-orders?page=${page(3)}`);
const alerts: Step = (ctx) => ctx.session.request("GET /api/alerts", "/api/alerts");
const alertSummary: Step = (ctx) => ctx.session.request("GET /api/alerts/summary", "/api/alerts/summary");
const imports: Step = (ctx) => ctx.session.request("GET /api/imports", "/api/imports");
const triggerSync: Step = (ctx) => ctx.session.request("POST /api/sync/trigger", "/api/sync/trigger", { json: {}, allow: ctx.syncTriggerAllow });

/** Each persona's steps, weighted by repetition. */
const STEPS: Record<Persona, Step[]> = {
  admin: [me, users, users, audit, audit, openDashboard, syncStatus],
  finance: [me, openDashboard, openDashboard, openDashboard, purchaseOrders, purchaseOrders, alerts, alertSummary, imports, syncStatus],
  operator: [me, syncStatus, syncStatus, syncHistory, openDashboard, purchaseOrders, imports],
  staff: [me, openDashboard, openDashboard],
  executive: [me, openDashboard, openDashboard, users, audit, purchaseOrders, alerts],
  "globex-admin": [me, users, audit, openDashboard],
};

/** Rare, heavy steps: an operator's sync now and then, a finance user's import now and then. */
const RARE: Partial<Record<Persona, { step: Step; chance: number }>> = {
  operator: { step: triggerSync, chance: 0.05 },
  finance: { step: runImport, chance: 0.004 },
};

export { sleep };

/** One session: log in, then work until `until`, a step every `thinkMs` on average. */
export async function runSession(ctx: WorkloadContext, until: number, thinkMs: number): Promise<void> {
  ctx.until = until;
  if (!(await login(ctx))) return;
  while (Date.now() < until) {
    const rare = RARE[ctx.persona];
    const step = rare && Math.random() < rare.chance ? rare.step : pick(STEPS[ctx.persona]);
    await step(ctx);
    await sleep(thinkMs * (0.5 + Math.random()));
  }
}
