import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import type { MfaPolicyView } from "@/lib/mfa-views";

/** The roles an organization requires two-factor sign-in of. */
export async function getMfaPolicy(tx: Tx, orgId: string): Promise<MfaPolicyView> {
  const row = await tx.maybeOne<{ roles: string[] }>(sql`select mfa_required_roles as roles from public.organizations where id = ${orgId}`);
  if (!row) throw notFound("Organization");
  return { requiredRoles: row.roles };
}
