import { config } from "@/server/config";
import { sql, type Tx } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import { disconnectIntegration } from "@/server/integrations/disconnect-integration";
import type { DeletedOrganizationView } from "@/lib/organization-views";
import type { OrgContext } from "./resolve-org";

type UserDb = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * An admin deletes the organization after typing its slug. Its Xero and XPM connections are
 * disconnected first (the same service as Settings › Integrations: tokens dropped, queued syncs
 * cancelled, Xero asked to remove the connection), then app_private.delete_organization hides it
 * from every member at once, cancels its queued jobs and sets the purge date
 * (ORG_DELETION_GRACE_DAYS from now). Until then an admin of it may restore it.
 */
export async function deleteOrganization(db: UserDb, org: OrgContext, confirm: string): Promise<DeletedOrganizationView> {
  if (confirm.trim().toLowerCase() !== org.slug) {
    throw new AppError("VALIDATION_FAILED", "Some fields are invalid", { confirm: [`Type ${org.slug} to confirm`] });
  }
  const connections = await db((tx) =>
    tx.query<{ id: string }>(sql`
      select id from public.integration_connections where org_id = ${org.id} and status <> 'disconnected' order by connected_at`),
  );
  for (const connection of connections) await disconnectIntegration(db, org.id, connection.id);
  const row = await db((tx) =>
    tx.one<{ id: string; slug: string; name: string; deleted_at: Date; purge_after: Date }>(sql`
      select id, slug, name, deleted_at, purge_after from app_private.delete_organization(${org.id}::uuid, ${config().ORG_DELETION_GRACE_DAYS})`),
  );
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    deletedAt: new Date(row.deleted_at).toISOString(),
    purgeAfter: new Date(row.purge_after).toISOString(),
    deletedByEmail: null,
  };
}
