import type { Engine } from "@/server/db";
import { sql } from "@/server/db/sql";
import { ensureDefaultDashboards } from "@/server/dashboards/default-dashboards";
import { isoDateIn } from "@/server/dashboards/date-range";
import { generateFinanceData, type FinanceDataset } from "@/server/demo/generate-finance-data";
import { insertFinanceData } from "@/server/demo/insert-finance-data";
import { refreshFinanceRollups } from "@edge-shared/finance/refresh-finance-rollups.ts";
import { createOrgWithMembers } from "./fixtures";

/** Purchase orders of the assistant fixtures: [number, supplier, job number, order value, QS amounts, status]. */
export const FIXTURE_POS: [string, string, string | null, number, number[], "open" | "closed" | "cancelled"][] = [
  ["PO-100", "Steel Supplies Ltd", "J000001", 10_000, [4_000, 3_500.5], "open"],
  ["PO-101", "Steel Supplies Ltd", null, 2_000, [1_950], "open"],
  ["PO-102", "Concrete Co", "J000002", 50_000, [12_000], "closed"],
  ["PO-103", "Concrete Co", null, 5_000, [6_000], "open"],
  ["PO-104", "Scaffold Hire", null, 8_000, [7_999], "cancelled"],
];

export type AssistantWorld = Awaited<ReturnType<typeof createOrgWithMembers>> & { data: FinanceDataset; today: string };

/**
 * An organization (time zone UTC) with one member per role, the generated demo rows (`invoices`
 * of them, as of today), its rollup and FIXTURE_POS with their quantity surveys.
 */
export async function createAssistantWorld(engine: Engine, options: { slug?: string; seed?: number; invoices?: number; contactName?: string } = {}): Promise<AssistantWorld> {
  const world = await createOrgWithMembers(engine, options.slug);
  const today = isoDateIn("UTC");
  const data = generateFinanceData({ seed: options.seed ?? 42, invoices: options.invoices ?? 600, asOf: today, currency: "USD" });
  if (options.contactName) {
    // The biggest debtor gets the given name (prompt-injection fixtures).
    const owed = new Map<string, number>();
    data.invoices.externalId.forEach((_, i) => {
      if (data.invoices.type[i] === "ACCREC" && data.invoices.status[i] === "AUTHORISED") owed.set(data.invoices.contact[i]!, (owed.get(data.invoices.contact[i]!) ?? 0) + data.invoices.amountDue[i]!);
    });
    const [biggest] = [...owed].sort((a, b) => b[1] - a[1])[0]!;
    data.contacts.name[data.contacts.externalId.indexOf(biggest)] = options.contactName;
  }
  await engine.transaction(async (tx) => {
    await tx.query(sql`update public.organizations set currency = 'USD' where id = ${world.org.id}`);
    await ensureDefaultDashboards(tx, world.org.id);
    await insertFinanceData(tx, world.org.id, data);
    await refreshFinanceRollups(tx, world.org.id);
    let qs = 0;
    for (const [number, supplier, job, value, amounts, status] of FIXTURE_POS) {
      const po = await tx.one<{ id: string }>(sql`
        insert into public.purchase_orders (org_id, po_number, supplier, order_value, currency, job_number, status)
        values (${world.org.id}, ${number}, ${supplier}, ${value}, 'USD', ${job}, ${status}) returning id`);
      for (const amount of amounts) {
        qs++;
        await tx.query(sql`insert into public.quantity_surveys (org_id, qs_number, po_id, valuation_date, amount)
                           values (${world.org.id}, ${`QS-${qs}`}, ${po.id}, ${today}, ${amount})`);
      }
    }
  });
  return { ...world, data, today };
}
