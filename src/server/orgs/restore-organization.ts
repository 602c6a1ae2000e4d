import { sql, type Tx } from "@/server/db";
import type { OrganizationView } from "@/lib/organization-views";

/**
 * Brings a deleted organization back before its purge date (an admin of it; the database function
 * checks, and answers NOT_FOUND to anybody else). Its Xero connections stay disconnected.
 */
export async function restoreOrganization(tx: Tx, orgId: string): Promise<OrganizationView> {
  const row = await tx.one<{ id: string; slug: string; name: string; timezone: string; currency: string; created_at: Date }>(sql`
    select id, slug, name, timezone, currency, created_at from app_private.restore_organization(${orgId}::uuid)`);
  const { role } = await tx.one<{ role: OrganizationView["role"] }>(sql`
    select role from public.org_members where org_id = ${orgId}::uuid and user_id = (select auth.uid())`);
  return { id: row.id, slug: row.slug, name: row.name, timezone: row.timezone, currency: row.currency, role, createdAt: new Date(row.created_at).toISOString() };
}
