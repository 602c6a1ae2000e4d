/**
 * The home page's data (getHome) as each role sees it: every block only for the roles that may see
 * it, figures from the dashboards' own loaders with their change against the previous 30 days, and a
 * new organization flagged for its start page.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { asUser, sql } from "@/server/db";
import { ensureDefaultDashboards } from "@/server/dashboards/default-dashboards";
import { financialData } from "@/server/dashboards/financial-data";
import { isoDateIn } from "@/server/dashboards/date-range";
import { generateFinanceData } from "@/server/demo/generate-finance-data";
import { insertFinanceData } from "@/server/demo/insert-finance-data";
import { getHome } from "@/server/home/get-home";
import { homePeriod } from "@/server/home/home-period";
import { resolveOrg } from "@/server/orgs/resolve-org";
import { refreshFinanceRollups } from "@edge-shared/finance/refresh-finance-rollups.ts";
import type { HomeView } from "@/lib/home-views";
import { ROLES, type Role } from "@/lib/permissions";
import { createOrgWithMembers } from "../helpers/fixtures";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();

describe("home page data", () => {
  let world: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let empty: Awaited<ReturnType<typeof createOrgWithMembers>>;
  const homes = {} as Record<Role, HomeView>;
  const data = generateFinanceData({ seed: 99, invoices: 800, asOf: isoDateIn("UTC"), currency: "USD" });

  const homeOf = (w: typeof world, role: Role) =>
    asUser(w.members[role].claims, async (tx) => getHome(tx, await resolveOrg(tx, w.org.slug)));

  beforeAll(async () => {
    world = await createOrgWithMembers(db.engine(), "home");
    empty = await createOrgWithMembers(db.engine(), "home-empty");
    data.staff.email[0] = world.members.staff.email;
    await db.asOwner(async (tx) => {
      await ensureDefaultDashboards(tx, world.org.id, { withMetabase: false });
      await ensureDefaultDashboards(tx, empty.org.id, { withMetabase: false });
      await insertFinanceData(tx, world.org.id, data);
      await refreshFinanceRollups(tx, world.org.id);
      await tx.query(sql`
        insert into public.org_invitations (org_id, email, role, token_hash, invited_by, expires_at)
        values (${world.org.id}, 'pending@example.test', 'staff', ${"a".repeat(64)}, ${world.members.admin.id}, now() + interval '3 days'),
               (${world.org.id}, 'late@example.test', 'finance', ${"b".repeat(64)}, ${world.members.admin.id}, now() - interval '1 day')`);
    });
    for (const role of ROLES) homes[role] = await homeOf(world, role);
  }, 120_000);

  it("shows each block only to the roles that may see it", () => {
    const blocks = (h: HomeView) => ({
      figures: h.figures?.map((f) => f.key) ?? null,
      alerts: h.alerts !== null,
      sync: h.sync !== null,
      imports: h.imports !== null,
      invitations: h.invitations !== null,
    });
    expect(blocks(homes.admin)).toEqual({ figures: ["revenue", "cashReceived", "receivables", "billableHours"], alerts: true, sync: true, imports: true, invitations: true });
    expect(blocks(homes.executive)).toEqual({ figures: ["revenue", "cashReceived", "receivables", "billableHours"], alerts: true, sync: true, imports: false, invitations: true });
    expect(blocks(homes.finance)).toEqual({ figures: ["revenue", "cashReceived", "receivables", "billableHours"], alerts: true, sync: true, imports: true, invitations: false });
    // Operators open no native dashboard by default: no figures.
    expect(blocks(homes.operator)).toEqual({ figures: null, alerts: true, sync: true, imports: true, invitations: false });
    expect(blocks(homes.staff)).toEqual({ figures: ["billableHours"], alerts: false, sync: false, imports: false, invitations: false });
    // Those who manage members see who signs in with a password alone: here nobody has a factor yet.
    expect(homes.admin.membersWithoutMfa).toBe(ROLES.length);
    expect(homes.executive.membersWithoutMfa).toBe(ROLES.length);
    for (const role of ["finance", "operator", "staff"] as const) expect(homes[role].membersWithoutMfa).toBeNull();
  });

  it("figures are the Financial overview's, with their change against the previous 30 days", async () => {
    const period = homePeriod(isoDateIn(homes.finance.timezone));
    expect(homes.finance.period).toEqual(period);
    const [now, before] = await asUser(world.members.finance.claims, async (tx) => [
      await financialData(tx, world.org.id, { from: period.from, to: period.to, today: period.to }, {}),
      await financialData(tx, world.org.id, { from: period.previousFrom, to: period.previousTo, today: period.to }, {}),
    ] as const);
    const revenue = homes.finance.figures!.find((f) => f.key === "revenue")!;
    expect(revenue.value).toBe(now.kpis.revenue);
    expect(revenue.previous).toBe(before.kpis.revenue);
    expect(revenue.change).toBeCloseTo((now.kpis.revenue - before.kpis.revenue) / before.kpis.revenue, 3);
    expect(revenue.trend).toHaveLength(12);
    const cash = homes.finance.figures!.find((f) => f.key === "cashReceived")!;
    expect(cash).toMatchObject({ value: now.kpis.cashReceived, previous: before.kpis.cashReceived });
    // The sparklines are the overview's monthly series over the last twelve months.
    const end = new Date(`${period.to}T00:00:00Z`);
    const yearAgo = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1)).toISOString().slice(0, 10);
    const year = await asUser(world.members.finance.claims, (tx) => financialData(tx, world.org.id, { from: yearAgo, to: period.to, today: period.to }, {}));
    expect(revenue.trend).toEqual(year.monthly.map((m) => ({ month: m.month, value: m.revenue })));
    expect(cash.trend).toEqual(year.monthly.map((m) => ({ month: m.month, value: m.cashReceived })));
    const owed = homes.finance.figures!.find((f) => f.key === "receivables")!;
    expect(owed).toMatchObject({ value: now.kpis.receivables, previous: null, change: null, secondary: { label: "Overdue", value: now.kpis.overdue } });
  });

  it("staff see their own billable hours, the others the team's", () => {
    const own = homes.staff.figures![0]!;
    const team = homes.finance.figures!.find((f) => f.key === "billableHours")!;
    expect(own.label).toBe("Your billable hours");
    expect(team.label).toBe("Team billable hours");
    expect(own.value).toBeLessThan(team.value);
  });

  it("counts pending and expired invitations for member managers", () => {
    expect(homes.admin.invitations).toMatchObject({ pending: 1, expired: 1, latest: [{ email: "pending@example.test", role: "staff" }] });
  });

  it("an empty organization gets its start page and no figures", async () => {
    const home = await homeOf(empty, "admin");
    expect(home.hasData).toBe(false);
    expect(home.figures).toBeNull();
    expect(home.sync).toEqual({ connections: [] });
    expect(home.imports).toEqual([]);
  });
});
