import { sql, type Tx } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import type { OrgContext } from "@/server/orgs/resolve-org";
import type { DashboardFilterOptionsQuery } from "@/lib/dashboard-schemas";
import type { DashboardFilterOptionsView } from "@/lib/dashboard-views";
import { getDashboardFor } from "./get-dashboard-for";
import { NATIVE_VIEW_FILTERS } from "./resolve-native-view";

/**
 * The choices of a dashboard's filter whose names contain what was typed (any case), by name: the
 * filter comboboxes search here instead of loading every contact, client or staff member. Only a
 * dashboard the caller may open, and only a filter that dashboard has (RLS scopes the rows).
 */
export async function dashboardFilterOptions(tx: Tx, org: OrgContext, id: string, query: DashboardFilterOptionsQuery): Promise<DashboardFilterOptionsView> {
  const dashboard = await getDashboardFor(tx, org, id);
  const allowed: readonly string[] = dashboard.kind === "native" && dashboard.nativeView ? NATIVE_VIEW_FILTERS[dashboard.nativeView] : [];
  if (!allowed.includes(query.filter)) {
    throw new AppError("VALIDATION_FAILED", "Some fields are invalid", { filter: ["not a filter of this dashboard"] });
  }
  const q = query.q ?? "";
  // position() rather than LIKE: what is typed is matched literally (no % or _ wildcards).
  const rows =
    query.filter === "contact"
      ? await tx.query<{ value: string; label: string }>(sql`
          select external_id as value, name as label from public.xero_contacts
          where org_id = ${org.id} and position(lower(${q}) in lower(name)) > 0
          order by lower(name), external_id limit ${query.limit}`)
      : query.filter === "client"
        ? await tx.query<{ value: string; label: string }>(sql`
            select external_id as value, name as label from public.xpm_clients
            where org_id = ${org.id} and position(lower(${q}) in lower(name)) > 0
            order by lower(name), external_id limit ${query.limit}`)
        : await tx.query<{ value: string; label: string }>(sql`
            select external_id as value, name as label from public.xpm_staff
            where org_id = ${org.id} and position(lower(${q}) in lower(name)) > 0
            order by lower(name), external_id limit ${query.limit}`);
  return { options: rows.map((r) => ({ value: r.value, label: r.label })) };
}
