import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import type { MemberView } from "@/lib/member-views";
import { memberColumns, toMemberView, type MemberRow } from "./member-view";

export async function getMember(tx: Tx, orgId: string, userId: string): Promise<MemberView> {
  const member = await tx.maybeOne<MemberRow>(sql`
    select ${memberColumns}
    from public.org_members m left join public.user_profiles p on p.user_id = m.user_id
    where m.org_id = ${orgId} and m.user_id = ${userId}`);
  if (!member) throw notFound("Member");
  return toMemberView(member);
}
