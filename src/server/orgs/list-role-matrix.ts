import { sql, type Tx } from "@/server/db";
import type { Permission, Role } from "@/lib/permissions";

export interface RoleWithPermissions {
  role: Role;
  rank: number;
  label: string;
  permissions: Permission[];
}

/** The role × permission matrix as the database enforces it (not the TypeScript mirror). */
export async function listRoleMatrix(tx: Tx): Promise<RoleWithPermissions[]> {
  return tx.query<RoleWithPermissions>(sql`
    select r.role, r.rank, r.label,
           coalesce(array_agg(rp.permission order by rp.permission) filter (where rp.permission is not null), '{}') as permissions
    from public.roles r left join public.role_permissions rp on rp.role = r.role
    group by r.role, r.rank, r.label
    order by r.rank desc, r.role`);
}
