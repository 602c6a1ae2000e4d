import { sql, type Tx } from "@/server/db";
import { listMyOrganizations, type MyOrganization } from "./list-my-organizations";

export interface Profile {
  user: { id: string; email: string; fullName: string; lastSignInAt: Date | null };
  organizations: MyOrganization[];
}

/** The signed-in user's profile and organizations (under asUser). */
export async function getProfile(tx: Tx): Promise<Profile> {
  const me = await tx.one<{ user_id: string; email: string; full_name: string; last_sign_in_at: Date | null }>(sql`
    select user_id, email, full_name, last_sign_in_at from public.user_profiles where user_id = (select auth.uid())`);
  return {
    user: { id: me.user_id, email: me.email, fullName: me.full_name, lastSignInAt: me.last_sign_in_at },
    organizations: await listMyOrganizations(tx),
  };
}
