import { sql, type Tx } from "@/server/db";
import { DASHBOARD_COLUMNS } from "./dashboard-columns";
import type { Dashboard } from "./dashboard-types";

/** Every dashboard of the organization, in order (the configuration view). */
export async function loadDashboards(tx: Tx, orgId: string): Promise<Dashboard[]> {
  return tx.query<Dashboard>(sql`
    select ${DASHBOARD_COLUMNS} from public.dashboards d where d.org_id = ${orgId} order by d.position, d.title`);
}
