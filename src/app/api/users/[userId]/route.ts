import { route } from "@/server/http/route";
import { sendEmail } from "@/server/email/send-email";
import { roleChangedEmail } from "@/server/email/templates/role-changed-email";
import { getMember } from "@/server/members/get-member";
import { removeMember } from "@/server/members/remove-member";
import { updateMember } from "@/server/members/update-member";
import { ROLE_LABELS } from "@/components/role-labels";
import { updateMemberSchema, userIdParams } from "@/lib/admin-schemas";

export const GET = route({ auth: "user", permission: "members.read", params: userIdParams }, ({ db, org, params }) =>
  db((tx) => getMember(tx, org!.id, params.userId)),
);

/** `{role}` or `{status}`; the database function enforces rank rules and the last-admin guard. */
export const PATCH = route(
  { auth: "user", permission: "members.manage", params: userIdParams, body: updateMemberSchema },
  async ({ db, org, params, body, meta }) => {
    const { member, previousRole } = await db((tx) => updateMember(tx, org!.id, params.userId, body));
    if ("role" in body && previousRole !== member.role && member.email) {
      await sendEmail(
        await roleChangedEmail({
          to: member.email,
          userId: member.userId,
          orgName: org!.name,
          orgSlug: org!.slug,
          fromLabel: ROLE_LABELS[previousRole],
          toLabel: ROLE_LABELS[member.role],
          auditEventId: meta.requestId ?? crypto.randomUUID(),
        }),
        meta,
      );
    }
    return member;
  },
);

export const DELETE = route({ auth: "user", permission: "members.manage", params: userIdParams }, async ({ db, org, params }) => {
  await db((tx) => removeMember(tx, org!.id, params.userId));
  return null;
});
