import { sql, type Tx } from "@/server/db";
import { forbidden } from "@/server/http/app-error";
import type { OrgContext } from "@/server/orgs/resolve-org";
import type { PracticeStaffScope } from "@/lib/dashboard-views";

/**
 * Whose per-person figures the caller sees on the Practice dashboard. Holders of `finance.read`
 * (admins, executives, finance) see every colleague: they run the practice. Everyone else (staff,
 * operators) sees their own rows and the team's totals; "their own" is the XPM staff member whose
 * email is the caller's sign-in email. The choice is documented in docs/dashboards.md.
 */
export interface PracticeScope {
  kind: PracticeStaffScope;
  /** The caller's XPM staff ids (usually one, none when no XPM staff member has their email). */
  staffIds: readonly string[];
}

/** The scope of whoever may see every colleague's rows (holders of `finance.read`). */
export const SEES_EVERYONE: PracticeScope = { kind: "everyone", staffIds: [] };

/** Also refuses a staff filter naming a colleague: the tiles would otherwise be that person's figures. */
export async function practiceViewerScope(tx: Tx, org: OrgContext, staffFilter?: string): Promise<PracticeScope> {
  if (org.permissions.includes("finance.read")) return SEES_EVERYONE;
  const rows = await tx.query<{ external_id: string }>(sql`
    select external_id from public.xpm_staff
    where org_id = ${org.id} and email is not null and lower(email) = lower(coalesce((select auth.jwt()) ->> 'email', ''))`);
  const staffIds = rows.map((r) => r.external_id);
  if (staffFilter !== undefined && !staffIds.includes(staffFilter)) throw forbidden("You can filter by your own figures only");
  return { kind: "own", staffIds };
}
