import type { Metadata } from "next";

import { AuditLog } from "@/components/admin/audit-log";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent } from "@/components/ui/card";
import { requireOrg } from "@/server/auth/current-user";
import { listMembers } from "@/server/members/list-members";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { viewer, org } = await requireOrg(slug, "audit.read");
  // Everyone with audit.read also has members.read: the actor filter lists the members.
  const members = await viewer.db((tx) => listMembers(tx, org.id, { page: 1, pageSize: 100 }));
  const actors = members.items.map((m) => ({ id: m.userId, label: m.fullName ? `${m.fullName} (${m.email})` : m.email }));
  return (
    <>
      <PageHeader title="Audit log" description="Every sign-in and administrative change in this organization. Append-only: nobody can edit or delete an event." />
      <Card>
        <CardContent>
          <AuditLog org={org.slug} actors={actors} />
        </CardContent>
      </Card>
    </>
  );
}
