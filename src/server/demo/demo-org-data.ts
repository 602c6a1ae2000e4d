import { sql, type Tx } from "@/server/db";
import { isoDateIn } from "@/server/dashboards/date-range";
import type { JobTx } from "@edge-shared/db/database.ts";
import { generateFinanceData, type FinanceDataset } from "./generate-finance-data";
import { linkDemoStaff } from "./link-demo-staff";
import type { DemoOrganization } from "./demo-organizations";
import { seedAlertsDemo } from "./seed-alerts";
import { seedProcurementDemo } from "./seed-procurement";

/** Invoices per demo organization: about two years of a mid-sized firm. */
export const DEMO_INVOICES = 20_000;

/** The generator seed of a demo organization (the Demo Xero fake rebuilds the same data from it). */
export function demoSeedFor(slug: string): number {
  return [...slug].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
}

/** A demo organization's bulk finance data, as of today in its timezone, its staff account linked to an XPM staff member. */
export function generateDemoFinanceData(org: DemoOrganization): FinanceDataset {
  return linkDemoStaff(generateFinanceData({ seed: demoSeedFor(org.slug), invoices: DEMO_INVOICES, asOf: isoDateIn(org.timezone), currency: org.currency }), org.slug);
}

/** Generated once: a restart keeps the data (and whatever a sync has put there since). */
export async function hasFinanceData(tx: JobTx, orgId: string): Promise<boolean> {
  return (await tx.maybeOne(sql`select 1 from public.xero_invoices where org_id = ${orgId} limit 1`)) !== undefined;
}

/**
 * What follows the finance rows, all idempotent: fresh planner statistics (PGlite has no
 * autovacuum; `analyze` needs the owner), the procurement demo, then its alerts (after the POs: the
 * first evaluation opens their alerts and queues their emails). The rollups need nothing: the
 * triggers kept them as the rows went in.
 */
export async function finishDemoOrgData(tx: Tx, orgId: string, slug: string): Promise<void> {
  await tx.query(sql`
    analyze public.xero_invoices, public.xero_payments, public.xero_contacts, public.xpm_time_entries, public.xpm_costs,
            public.xpm_jobs, public.xpm_clients, public.xpm_staff, public.xpm_invoices`);
  await seedProcurementDemo(tx, orgId, slug);
  await seedAlertsDemo(tx, orgId, slug);
}
