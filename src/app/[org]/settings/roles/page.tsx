import { Check } from "lucide-react";
import type { Metadata } from "next";

import { PageHeader } from "@/components/page-header";
import { PERMISSION_DESCRIPTIONS } from "@/components/permission-descriptions";
import { Card, CardContent } from "@/components/ui/card";
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
      <Card>
        <CardContent className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Permissions of each role</caption>
            <thead>
              <tr className="text-left">
                <th scope="col" className="py-2 pr-4 font-medium">Permission</th>
                {roles.map((r) => (
                  <th key={r.role} scope="col" className="px-2 py-2 text-center font-medium">
                    {r.label}
                    <div className="text-xs font-normal text-muted-foreground">rank {r.rank}</div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {PERMISSIONS.map((permission) => (
                <tr key={permission} className="border-t">
                  <th scope="row" className="py-2 pr-4 text-left font-normal">
                    <code className="text-xs">{permission}</code>
                    <div className="text-muted-foreground">{PERMISSION_DESCRIPTIONS[permission]}</div>
                  </th>
                  {roles.map((r) => (
                    <td key={r.role} className="px-2 py-2 text-center">
                      {r.permissions.includes(permission) ? (
                        <Check aria-label="Yes" className="mx-auto size-4 text-success" />
                      ) : (
                        <span className="sr-only">No</span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </CardContent>
      </Card>
    </>
  );
}
