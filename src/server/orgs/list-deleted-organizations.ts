import { sql, type Tx } from "@/server/db";
import type { DeletedOrganizationView } from "@/lib/organization-views";

/** The deleted organizations the caller may still restore (an admin of each), newest deletion first. */
export async function listDeletedOrganizations(tx: Tx): Promise<DeletedOrganizationView[]> {
  const rows = await tx.query<{ id: string; slug: string; name: string; deleted_at: Date; purge_after: Date; deleted_by_email: string | null }>(sql`
    select id, slug, name, deleted_at, purge_after, deleted_by_email from app_private.my_deleted_organizations()`);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    deletedAt: new Date(r.deleted_at).toISOString(),
    purgeAfter: new Date(r.purge_after).toISOString(),
    deletedByEmail: r.deleted_by_email,
  }));
}
