import { sql } from "@/server/db";
import { toIso } from "@/server/db/to-iso";
import type { MemberView } from "@/lib/member-views";

/** A row selected with `memberColumns` (from `org_members m left join user_profiles p`). */
export interface MemberRow extends Omit<MemberView, "lastSignInAt" | "joinedAt"> {
  lastSignInAt: Date | string | null;
  joinedAt: Date | string;
}

export const memberColumns = sql`
  m.user_id as "userId", coalesce(p.email, '') as email, coalesce(p.full_name, '') as "fullName", m.role, m.status,
  p.last_sign_in_at as "lastSignInAt", m.created_at as "joinedAt"`;

export function toMemberView(row: MemberRow): MemberView {
  return { ...row, lastSignInAt: row.lastSignInAt === null ? null : toIso(row.lastSignInAt), joinedAt: toIso(row.joinedAt) };
}
