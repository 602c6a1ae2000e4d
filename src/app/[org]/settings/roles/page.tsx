import { Check } from "lucide-react";
import type { Metadata } from "next";

import { PageHeader } from "@/components/page-header";
import { PERMISSION_DESCRIPTIONS } from "@/components/permission-descriptions";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireOrg } from "@/server/auth/current-user";
import { listRoleMatrix } from "@/server/orgs/list-role-matrix";
import { PERMISSIONS } from "@/lib/permissions";

export const metadata: Metadata = { title: "Roles" };

/** The role × permission matrix as the database enforces it (public.role_permissions). */
export default async function RolesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { viewer } = await requireOrg(slug, "members.read");
  const roles = await viewer.db(listRoleMatrix);

  return (
    <>
      <PageHeader
        title="Roles"
        description="What each role may see and do. Members manage only members of a lower rank and assign only lower roles; admins may assign any role."
      />
      <Table label="Permissions of each role">
        <TableCaption>Permissions of each role</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Permission</TableHead>
            {roles.map((r) => (
              <TableHead key={r.role} className="text-center normal-case">
                {r.label}
                <div className="text-xs font-normal">rank {r.rank}</div>
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {PERMISSIONS.map((permission) => (
            <TableRow key={permission}>
              {/* The permission's code name is for the API and the audit log: on hover only. */}
              <th scope="row" className="min-w-40 px-3 py-2 text-left font-normal" title={permission}>
                {PERMISSION_DESCRIPTIONS[permission]}
              </th>
              {roles.map((r) => (
                <TableCell key={r.role} className="text-center">
                  {r.permissions.includes(permission) ? <Check aria-label="Yes" className="mx-auto size-4 text-success" /> : <span className="sr-only">No</span>}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
