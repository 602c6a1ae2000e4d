import { sql, type Tx } from "@/server/db";
import type { FilterKind, MetricDefinition, ResolvedFilter } from "./metric-types";
import type { FilterRequest } from "./plan";

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Looks a name from the question up in the organization's own data, as the caller (RLS applies):
 * an exact match first, then a prefix, then the shortest name containing it. Every value is a
 * bound parameter; the text is only ever compared, never executed.
 */
async function lookup(tx: Tx, orgId: string, kind: FilterKind, text: string, metric: MetricDefinition): Promise<ResolvedFilter | null> {
  const contains = `%${likeEscape(text)}%`;
  const prefix = `${likeEscape(text)}%`;
  const rank = (column: ReturnType<typeof sql>) => sql`order by (lower(${column}) = lower(${text})) desc, (${column} ilike ${prefix}) desc, length(${column}), ${column} limit 1`;
  let row: { id: string; name: string; code?: string } | undefined;
  if (kind === "contact" || (kind === "supplier" && metric.id !== "po_utilization")) {
    row = await tx.maybeOne(sql`
      select c.external_id as id, c.name from public.xero_contacts c
      where c.org_id = ${orgId} and c.name ilike ${contains} ${kind === "supplier" ? sql`and c.is_supplier` : sql``} ${rank(sql`c.name`)}`);
  } else if (kind === "supplier") {
    row = await tx.maybeOne(sql`
      select p.supplier as id, p.supplier as name from (select distinct supplier from public.purchase_orders where org_id = ${orgId}) p
      where p.supplier ilike ${contains} ${rank(sql`p.supplier`)}`);
  } else if (kind === "client") {
    row = await tx.maybeOne(sql`
      select c.external_id as id, c.name from public.xpm_clients c where c.org_id = ${orgId} and c.name ilike ${contains} ${rank(sql`c.name`)}`);
  } else if (kind === "staff") {
    row = await tx.maybeOne(sql`
      select s.external_id as id, s.name from public.xpm_staff s where s.org_id = ${orgId} and s.name ilike ${contains} ${rank(sql`s.name`)}`);
  } else if (kind === "job") {
    row = await tx.maybeOne(sql`
      select j.external_id as id, j.job_number || ' ' || j.name as name, j.job_number as code from public.xpm_jobs j
      where j.org_id = ${orgId} and (lower(j.job_number) = lower(${text}) or j.name ilike ${contains})
      order by (lower(j.job_number) = lower(${text})) desc, (j.name ilike ${prefix}) desc, length(j.name), j.job_number limit 1`);
  }
  return row ? { kind, id: row.id, name: row.name, ...(row.code ? { code: row.code } : {}) } : null;
}

export interface ResolvedFilters {
  resolved: ResolvedFilter[];
  unmatched: FilterRequest[];
}

export async function resolveFilters(tx: Tx, orgId: string, metric: MetricDefinition, requests: FilterRequest[]): Promise<ResolvedFilters> {
  const resolved: ResolvedFilter[] = [];
  const unmatched: FilterRequest[] = [];
  for (const request of requests) {
    let hit: ResolvedFilter | null = null;
    for (const kind of request.kind ? [request.kind] : metric.filters) {
      if (resolved.some((r) => r.kind === kind)) continue;
      hit = await lookup(tx, orgId, kind, request.text, metric);
      if (hit) break;
    }
    if (hit) resolved.push(hit);
    else unmatched.push(request);
  }
  return { resolved, unmatched };
}
