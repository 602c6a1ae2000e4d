/**
 * Who sees whose work on the Practice dashboard (docs/dashboards.md): holders of finance.read
 * (admin, executive, finance) every colleague's row; staff (and operators, when an admin lets them
 * open it) their own row and the team's totals, in the data, in the CSV of the utilization table and
 * through the staff filter. "Their own" is the XPM staff member with their sign-in email.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getData } from "@/app/api/dashboards/[id]/data/route";
import { GET as exportTable } from "@/app/api/dashboards/[id]/export/route";
import { sql } from "@/server/db";
import { ensureDefaultDashboards } from "@/server/dashboards/default-dashboards";
import { isoDateIn } from "@/server/dashboards/date-range";
import { generateFinanceData } from "@/server/demo/generate-finance-data";
import { insertFinanceData } from "@/server/demo/insert-finance-data";
import { refreshFinanceRollups } from "@edge-shared/finance/refresh-finance-rollups.ts";
import type { PracticeData } from "@/lib/dashboard-views";
import type { Role } from "@/lib/permissions";
import { createOrgWithMembers } from "../helpers/fixtures";
import type { TestClient } from "../helpers/http-client";
import { csvRecords } from "../helpers/parse-csv";
import { signIn } from "../helpers/sign-in";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();

describe("Practice dashboard: staff see their own work", () => {
  let world: Awaited<ReturnType<typeof createOrgWithMembers>>;
  const clients = {} as Record<Role, TestClient>;
  let practiceId = "";
  let ownStaffId = "";
  let colleagueId = "";
  const data = generateFinanceData({ seed: 77, invoices: 600, asOf: isoDateIn("UTC"), currency: "USD" });
  const range = { from: `${Number(isoDateIn("UTC").slice(0, 4)) - 1}-01-01`, to: isoDateIn("UTC") };

  beforeAll(async () => {
    world = await createOrgWithMembers(db.engine(), "practice-scope");
    ownStaffId = data.staff.externalId[1]!;
    colleagueId = data.staff.externalId[0]!;
    // The staff member's XPM record carries their sign-in email, in another case (emails match case-insensitively).
    data.staff.email[1] = world.members.staff.email.toUpperCase();
    await db.asOwner(async (tx) => {
      await ensureDefaultDashboards(tx, world.org.id, { withMetabase: false });
      await insertFinanceData(tx, world.org.id, data);
      await refreshFinanceRollups(tx, world.org.id);
      const row = await tx.one<{ id: string }>(sql`select id from public.dashboards where org_id = ${world.org.id} and key = 'practice'`);
      practiceId = row.id;
      // An admin may let operators open Practice too: they get the staff view (no finance.read).
      await tx.query(sql`update public.dashboards set allowed_roles = array['admin','executive','finance','staff','operator'] where id = ${practiceId}::uuid`);
    });
    for (const role of ["admin", "executive", "finance", "operator", "staff"] as const) clients[role] = await signIn(world.members[role].email);
  }, 120_000);

  const dataOf = (role: Role, query: Record<string, string> = {}) =>
    clients[role].call<PracticeData & { error?: string; code?: string }>(getData, `/api/dashboards/${practiceId}/data`, {
      params: { id: practiceId },
      query: { ...range, ...query },
      headers: { "x-org-id": world.org.slug },
    });

  const exportAsJson: typeof exportTable = async (req, ctx) => {
    const answer = await exportTable(req, ctx);
    return answer.ok ? Response.json({ csv: await answer.text() }) : answer;
  };
  const utilizationCsv = (role: Role) =>
    clients[role].call<{ csv: string }>(exportAsJson, `/api/dashboards/${practiceId}/export`, {
      params: { id: practiceId },
      query: { ...range, table: "utilization", org: world.org.slug },
    });

  it.each(["admin", "executive", "finance"] as const)("%s sees every colleague's row", async (role) => {
    const res = await dataOf(role);
    expect(res.status).toBe(200);
    expect(res.json.staffScope).toBe("everyone");
    expect(res.json.staff.rows.map((s) => s.staffId).sort()).toEqual([...data.staff.externalId].sort());
    expect(res.json.staff.total).toBe(data.staff.externalId.length);
    const csv = await utilizationCsv(role);
    expect(csvRecords(csv.json.csv)).toHaveLength(data.staff.externalId.length);
  });

  it("staff see only their own row, with the same team totals as finance", async () => {
    const everyone = await dataOf("finance");
    const own = await dataOf("staff");
    expect(own.status).toBe(200);
    expect(own.json.staffScope).toBe("own");
    expect(own.json.staff).toEqual({ rows: [everyone.json.staff.rows.find((s) => s.staffId === ownStaffId)], total: 1 });
    // The hours chart too holds only their own work.
    expect(own.json.staffChart.map((s) => s.staffId)).toEqual([ownStaffId]);
    expect(own.json.kpis).toEqual(everyone.json.kpis);
    // The firm's jobs are not a person's figures: the same for both.
    expect(own.json.wipByJob).toEqual(everyone.json.wipByJob);
  });

  it("staff's CSV of the utilization table holds only their own row", async () => {
    const res = await utilizationCsv("staff");
    expect(res.status).toBe(200);
    const rows = csvRecords(res.json.csv);
    expect(rows).toHaveLength(1);
    expect(rows[0]!["Staff member"]).toBe(data.staff.name[1]);
  });

  it("staff may filter by themselves, never by a colleague (the tiles would be that colleague's)", async () => {
    const mine = await dataOf("staff", { staff: ownStaffId });
    expect(mine.status).toBe(200);
    expect(mine.json.staff.rows.map((s) => s.staffId)).toEqual([ownStaffId]);
    const theirs = await dataOf("staff", { staff: colleagueId });
    expect(theirs.status).toBe(403);
    expect(theirs.json.code).toBe("FORBIDDEN");
    const csv = await clients.staff.call(exportAsJson, `/api/dashboards/${practiceId}/export`, {
      params: { id: practiceId },
      query: { ...range, table: "wip-by-job", staff: colleagueId, org: world.org.slug },
    });
    expect(csv.status).toBe(403);
    // Finance may filter by anyone.
    expect((await dataOf("finance", { staff: colleagueId })).status).toBe(200);
  });

  it("a member with no XPM staff record of their own sees the team's totals and no one's row", async () => {
    const res = await dataOf("operator");
    expect(res.status).toBe(200);
    expect(res.json.staffScope).toBe("own");
    expect(res.json.staff).toEqual({ rows: [], total: 0 });
    expect(res.json.staffChart).toEqual([]);
    expect(res.json.kpis).toEqual((await dataOf("finance")).json.kpis);
    expect(csvRecords((await utilizationCsv("operator")).json.csv)).toHaveLength(0);
  });
});
