/**
 * The demo's procurement data: Acme gets realistic POs and QSs with every utilization level, the
 * same rows on every run for a given day, and a second start changes nothing.
 */
import { describe, expect, it } from "vitest";
import { sql } from "@/server/db/sql";
import { generateProcurementData, seedProcurementDemo } from "@/server/demo/seed-procurement";
import { utilizationLevel } from "@/lib/procurement-views";
import { createOrg } from "../helpers/fixtures";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();

describe("procurement demo seed", () => {
  it("gives Acme 40 POs and about 200 QSs with every level, a zero-value PO with spend, closed and cancelled ones; once", async () => {
    const org = await createOrg(db.engine(), "acme", "Acme Advisory");
    await db.engine().transaction((tx) => seedProcurementDemo(tx, org.id, "acme"));
    await db.engine().transaction((tx) => seedProcurementDemo(tx, org.id, "acme"));
    const pos = await db.engine().transaction((tx) =>
      tx.query<{ po_number: string; order_value: string; spent: string; utilization_percent: string | null; status: string; source: string }>(sql`
        select po_number, order_value::text, spent::text, utilization_percent::text, status, source from public.purchase_orders where org_id = ${org.id}`),
    );
    expect(pos).toHaveLength(40);
    const { count } = await db.engine().transaction((tx) => tx.one<{ count: number }>(sql`select count(*)::int as count from public.quantity_surveys where org_id = ${org.id}`));
    expect(count).toBeGreaterThanOrEqual(180);
    expect(count).toBeLessThanOrEqual(220);
    const levels = pos.map((p) => utilizationLevel(p.utilization_percent, p.order_value, p.spent));
    for (const level of ["on_track", "warning", "critical", "over_budget"] as const) expect(levels.filter((l) => l === level).length, level).toBeGreaterThanOrEqual(2);
    expect(pos.filter((p) => Number(p.utilization_percent) > 100).length).toBeGreaterThanOrEqual(3);
    expect(pos.some((p) => p.order_value === "0.00" && Number(p.spent) > 0 && p.utilization_percent === null)).toBe(true);
    expect(pos.some((p) => p.utilization_percent === "75.00")).toBe(true);
    expect(pos.filter((p) => p.status === "closed").length).toBeGreaterThanOrEqual(2);
    expect(pos.filter((p) => p.status === "cancelled").length).toBeGreaterThanOrEqual(2);
    expect(new Set(pos.map((p) => p.source))).toEqual(new Set(["manual"]));
  });

  it("is deterministic for a given day and seeds no other organization", async () => {
    expect(generateProcurementData("2026-06-30", ["J1"])).toEqual(generateProcurementData("2026-06-30", ["J1"]));
    const other = await createOrg(db.engine(), "globex", "Globex");
    await db.engine().transaction((tx) => seedProcurementDemo(tx, other.id, "globex"));
    const rows = await db.engine().transaction((tx) => tx.query(sql`select 1 from public.purchase_orders where org_id = ${other.id}`));
    expect(rows).toEqual([]);
  });
});
