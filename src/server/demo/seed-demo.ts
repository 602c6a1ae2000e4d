import type { Engine } from "@/server/db";
import { provisionMembership, provisionOrganization, provisionUser } from "@/server/orgs/provisioning";
import { ensureDefaultDashboards } from "@/server/dashboards/default-dashboards";
import { refreshFinanceRollups } from "@edge-shared/finance/refresh-finance-rollups.ts";
import { sql } from "@/server/db";
import { isoDateIn } from "@/server/dashboards/date-range";
import { generateFinanceData } from "./generate-finance-data";
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD } from "./demo-organizations";
import { insertFinanceData } from "./insert-finance-data";
import { linkDemoStaff } from "./link-demo-staff";
import { seedProcurementDemo } from "./seed-procurement";
import { seedAlertsDemo } from "./seed-alerts";

/** Invoices per demo organization: about two years of a mid-sized firm. */
export const DEMO_INVOICES = 20_000;

/** The generator seed of a demo organization (the Demo Xero fake rebuilds the same data from it). */
export function demoSeedFor(slug: string): number {
  return [...slug].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
}

/** Idempotent: existing organizations, users and memberships are kept as they are. */
export async function seedDemo(engine: Engine): Promise<void> {
  await engine.transaction(async (tx) => {
    for (const org of DEMO_ORGANIZATIONS) {
      const orgId = await provisionOrganization(tx, org);
      for (const member of org.members) {
        const userId = await provisionUser(tx, { email: member.email, password: DEMO_PASSWORD, fullName: member.name });
        await provisionMembership(tx, orgId, userId, member.role);
      }
      await ensureDefaultDashboards(tx, orgId, { withMetabase: true });
      // Generated once: a restart keeps the data (and whatever a sync has put there since).
      const has = await tx.maybeOne(sql`select 1 from public.xero_invoices where org_id = ${orgId} limit 1`);
      if (!has) {
        const data = linkDemoStaff(generateFinanceData({ seed: demoSeedFor(org.slug), invoices: DEMO_INVOICES, asOf: isoDateIn(org.timezone), currency: org.currency }), org.slug);
        await insertFinanceData(tx, orgId, data);
        await refreshFinanceRollups(tx, orgId);
      }
      await seedProcurementDemo(tx, orgId, org.slug);
      // After the POs: the first evaluation opens their alerts and queues their emails.
      await seedAlertsDemo(tx, orgId, org.slug);
    }
  });
}
