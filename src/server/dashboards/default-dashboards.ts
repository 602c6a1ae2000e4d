import { sql, type Tx } from "@/server/db";

/**
 * The dashboards an organization starts with. The natives come with the organization (a trigger
 * calls the same function); this also adds them for an organization that predates it, and the
 * demo's Metabase entry on request. Idempotent: existing entries are kept.
 */
export async function ensureDefaultDashboards(tx: Tx, orgId: string, options: { withMetabase?: boolean } = {}): Promise<void> {
  await tx.query(sql`select app_private.create_default_dashboards(${orgId}::uuid)`);
  if (options.withMetabase) {
    // Metabase dashboard 1 is the first dashboard of a fresh Metabase; point it elsewhere in Settings › Dashboards.
    await tx.query(sql`
      insert into public.dashboards (org_id, key, title, description, kind, metabase_dashboard_id, position, allowed_roles)
      values (${orgId}, 'metabase-finance', 'Finance (Metabase)', 'The finance team''s Metabase dashboard, filtered to this organization',
              'metabase', 1, 3, array['executive', 'finance'])
      on conflict (org_id, key) do nothing`);
  }
}
