import type { Engine } from "@/server/db";
import { provisionMembership, provisionOrganization, provisionUser } from "@/server/orgs/provisioning";
import type { Role } from "@/lib/permissions";
import { ensureDefaultDashboards } from "@/server/dashboards/default-dashboards";
import { refreshFinanceRollups } from "@jobs/finance/refresh-finance-rollups.ts";
import { sql } from "@/server/db";
import { isoDateIn } from "@/server/dashboards/date-range";
import { generateFinanceData } from "./generate-finance-data";
import { insertFinanceData } from "./insert-finance-data";
import { seedAlertsDemo } from "./seed-alerts";

/** Invoices per demo organization: about two years of a mid-sized firm. */
export const DEMO_INVOICES = 20_000;

/** Written in the README: every demo account uses it. */
export const DEMO_PASSWORD = "xeropulse-demo";

export const DEMO_ORGANIZATIONS: { slug: string; name: string; timezone: string; currency: string; members: { email: string; name: string; role: Role }[] }[] = [
  {
    slug: "acme",
    name: "Acme Advisory",
    timezone: "Pacific/Auckland",
    currency: "NZD",
    members: [
      { email: "admin@acme.test", name: "Ada Admin", role: "admin" },
      { email: "executive@acme.test", name: "Eve Executive", role: "executive" },
      { email: "finance@acme.test", name: "Fin Finance", role: "finance" },
      { email: "operator@acme.test", name: "Otto Operator", role: "operator" },
      { email: "staff@acme.test", name: "Sam Staff", role: "staff" },
    ],
  },
  {
    slug: "globex",
    name: "Globex Partners",
    timezone: "Australia/Sydney",
    currency: "AUD",
    members: [{ email: "admin@globex.test", name: "Gabe Globex", role: "admin" }],
  },
];

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
        const data = generateFinanceData({ seed: demoSeedFor(org.slug), invoices: DEMO_INVOICES, asOf: isoDateIn(org.timezone), currency: org.currency });
        await insertFinanceData(tx, orgId, data);
        await refreshFinanceRollups(tx, orgId);
      }
      await seedAlertsDemo(tx, orgId, org.slug);
    }
  });
}
