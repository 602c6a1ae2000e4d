import { sql, type Tx } from "@/server/db";
import type { Role } from "@/lib/permissions";

export interface MyOrganization {
  id: string;
  slug: string;
  name: string;
  role: Role;
  timezone: string;
  currency: string;
}

/** The caller's active organizations (runs under asUser: RLS decides what is visible). */
export function listMyOrganizations(tx: Tx): Promise<MyOrganization[]> {
  return tx.query<MyOrganization>(sql`
    select o.id, o.slug, o.name, m.role, o.timezone, o.currency
    from public.organizations o
    join public.org_members m on m.org_id = o.id and m.user_id = (select auth.uid()) and m.status = 'active'
    order by o.name`);
}
