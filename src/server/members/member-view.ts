import { sql } from "@/server/db";
import type { Role } from "@/lib/permissions";

/** A member as the admin API and the Users page show them. */
export type MemberStatus = "active" | "deactivated";

export interface MemberView {
  userId: string;
  email: string;
  fullName: string;
  role: Role;
  status: MemberStatus;
  lastSignInAt: Date | null;
  joinedAt: Date;
}

export const memberColumns = sql`
  m.user_id as "userId", coalesce(p.email, '') as email, coalesce(p.full_name, '') as "fullName", m.role, m.status,
  p.last_sign_in_at as "lastSignInAt", m.created_at as "joinedAt"`;
