import { sql, type Engine, type Tx } from "@/server/db";
import { provisionMembership } from "@/server/orgs/provision-membership";
import { provisionOrganization } from "@/server/orgs/provision-organization";
import { provisionUser } from "@/server/orgs/provision-user";
import { ensureDefaultDashboards } from "@/server/dashboards/default-dashboards";
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, type DemoOrganization } from "./demo-organizations";
import { insertFinanceData } from "./insert-finance-data";
import { finishDemoOrgData, generateDemoFinanceData, hasFinanceData } from "./demo-org-data";

export { DEMO_INVOICES, demoSeedFor } from "./demo-org-data";

/**
 * The demo's organizations, accounts, memberships and dashboards: all a README login needs, and
 * quick (no bulk data). Idempotent: existing organizations, users and memberships are kept.
 */
export async function seedDemoAccounts(tx: Tx): Promise<{ org: DemoOrganization; orgId: string }[]> {
  const seeded: { org: DemoOrganization; orgId: string }[] = [];
  for (const org of DEMO_ORGANIZATIONS) {
    const orgId = await provisionOrganization(tx, org);
    // The demo admins have no authenticator, so the demo requires two factors of no role (new
    // organizations require it of admins) until an admin turns it on in Settings › Organization.
    await tx.query(sql`
      update public.organizations set mfa_required_roles = '{}' where id = ${orgId}
        and not exists (select 1 from public.audit_events where org_id = ${orgId} and action = 'mfa.policy_updated')`);
    for (const member of org.members) {
      const userId = await provisionUser(tx, { email: member.email, password: DEMO_PASSWORD, fullName: member.name });
      await provisionMembership(tx, orgId, userId, member.role);
    }
    await ensureDefaultDashboards(tx, orgId, { withMetabase: true });
    seeded.push({ org, orgId });
  }
  return seeded;
}

/**
 * The whole demo in one transaction, bulk data included (npm run db:seed, tests). The server
 * seeds the accounts only and leaves the bulk data to a job (seed-demo-in-background.ts).
 * Idempotent, as seedDemoAccounts.
 */
export async function seedDemo(engine: Engine): Promise<void> {
  await engine.transaction(async (tx) => {
    for (const { org, orgId } of await seedDemoAccounts(tx)) {
      if (!(await hasFinanceData(tx, orgId))) await insertFinanceData(tx, orgId, generateDemoFinanceData(org));
      await finishDemoOrgData(tx, orgId, org.slug);
    }
  });
}
