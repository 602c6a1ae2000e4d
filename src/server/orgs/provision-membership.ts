import type { Tx } from "@/server/db";
import { sql } from "@/server/db";
import type { Role } from "@/lib/permissions";

/** A membership created outside a user's request (seed, fixtures); an existing one is kept as is. */
export async function provisionMembership(tx: Tx, orgId: string, userId: string, role: Role): Promise<void> {
  await tx.query(sql`
    insert into public.org_members (org_id, user_id, role) values (${orgId}, ${userId}, ${role})
    on conflict (org_id, user_id) do nothing`);
}
