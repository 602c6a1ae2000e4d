import { sql, type Tx } from "@/server/db";
import { invitationColumns, type InvitationView } from "./invitation-view";

/** Open invitations first (pending, then expired), then the latest closed ones. */
export async function listInvitations(tx: Tx, orgId: string, options: { includeClosed?: boolean } = {}): Promise<InvitationView[]> {
  return tx.query<InvitationView>(sql`
    select ${invitationColumns}
    from public.org_invitations i left join public.user_profiles p on p.user_id = i.invited_by
    where i.org_id = ${orgId}
      and (${options.includeClosed ?? false} or (i.accepted_at is null and i.revoked_at is null))
    order by (i.accepted_at is null and i.revoked_at is null) desc, i.created_at desc
    limit 200`);
}
