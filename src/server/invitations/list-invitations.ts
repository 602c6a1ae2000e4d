import { sql, type Tx } from "@/server/db";
import type { InvitationView } from "@/lib/invitation-views";
import { invitationColumns, toInvitationView, type InvitationRow } from "./invitation-view";

/** Open invitations first (pending, then expired), then the latest closed ones. */
export async function listInvitations(tx: Tx, orgId: string, options: { includeClosed?: boolean } = {}): Promise<InvitationView[]> {
  const rows = await tx.query<InvitationRow>(sql`
    select ${invitationColumns}
    from public.org_invitations i left join public.user_profiles p on p.user_id = i.invited_by
    where i.org_id = ${orgId}
      and (${options.includeClosed ?? false} or (i.accepted_at is null and i.revoked_at is null))
    order by (i.accepted_at is null and i.revoked_at is null) desc, i.created_at desc
    limit 200`);
  return rows.map(toInvitationView);
}
