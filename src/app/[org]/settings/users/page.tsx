import type { Metadata } from "next";

import { InvitationsList } from "@/components/admin/invitations-list";
import { InviteForm } from "@/components/admin/invite-form";
import { MembersTable } from "@/components/admin/members-table";
import { OutboxPanel } from "@/components/admin/outbox-panel";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireOrg } from "@/server/auth/current-user";
import { config } from "@/server/config";
import { emailHeldInOutbox } from "@/server/email/email-held-in-outbox";
import { ROLES, ROLE_RANK } from "@/lib/permissions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ search?: string | string[] }> }) {
  const { org: slug } = await params;
  // The audit log links a person here by their email.
  const { search } = await searchParams;
  const { viewer, org } = await requireOrg(slug, "members.read");
  const canManage = org.permissions.includes("members.manage");
  // What the database will accept from this viewer: admins assign any role, others only lower ones.
  const hours = config().INVITE_TTL_HOURS;
  const linkLife = hours % 24 === 0 ? `${hours / 24} day${hours === 24 ? "" : "s"}` : `${hours} hour${hours === 1 ? "" : "s"}`;
  const assignable = ROLES.filter((role) => org.role === "admin" || ROLE_RANK[role] < ROLE_RANK[org.role]);
  // A production build without a mail provider: say so, and let admins (who alone may read the
  // organization's invitation links) pass the messages on.
  const emailHeld = emailHeldInOutbox();
  const showOutbox = emailHeld && org.permissions.includes("org.manage");

  return (
    <>
      <PageHeader title="Users" description={`The members of ${org.name}, their roles and invitations.`} />
      <div className="grid gap-6">
        {showOutbox ? <OutboxPanel org={org.slug} /> : null}
        {canManage ? (
          <Card>
            <CardHeader>
              <CardTitle asChild>
                <h2>Invite someone</h2>
              </CardTitle>
              <CardDescription>
                {emailHeld
                  ? `This server does not send email: the invitation link (valid for ${linkLife}, only for that address) has to be passed on by an admin.`
                  : `They get an email with a link that works for ${linkLife}, only for that address.`}
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-6">
              <InviteForm org={org.slug} assignable={assignable} emailHeld={emailHeld} />
              <InvitationsList org={org.slug} canManage={canManage} />
            </CardContent>
          </Card>
        ) : null}
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2>Members</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <MembersTable org={org.slug} viewer={{ userId: viewer.user.id, role: org.role, canManage }} assignable={assignable} initialSearch={typeof search === "string" ? search.slice(0, 200) : ""} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
