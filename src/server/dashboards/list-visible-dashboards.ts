import type { Tx } from "@/server/db";
import type { OrgContext } from "@/server/orgs/resolve-org";
import { canOpen } from "./can-open";
import type { Dashboard } from "./dashboard-types";
import { loadDashboards } from "./load-dashboards";

/** The dashboards the caller may open, in order. */
export async function listVisibleDashboards(tx: Tx, org: OrgContext): Promise<Dashboard[]> {
  return (await loadDashboards(tx, org.id)).filter((d) => canOpen(d, org.role, org.permissions));
}
