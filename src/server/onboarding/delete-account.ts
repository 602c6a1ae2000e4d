import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { recordSystemAuditEvent } from "@/server/audit/record-system-audit-event";
import type { CookieJar } from "@/server/auth/auth-provider";
import { getAuthProvider } from "@/server/auth/get-auth-provider";
import { asUser, sql, type Claims, type RequestMeta } from "@/server/db";
import { AppError } from "@/server/http/app-error";

/**
 * A user deletes their own account after typing their email address. Refused while they are the
 * last active admin of a live organization (name it: someone else must be made admin, or the
 * organization deleted, first); the deferred last-admin trigger backs that up against a race. Each
 * organization they leave records it; then the account goes through the AuthProvider (the admin API
 * in Supabase mode) and this browser's session cookies are cleared.
 */
export async function deleteAccount(claims: Claims, confirm: string, cookies: CookieJar, meta: RequestMeta): Promise<void> {
  if (confirm.trim().toLowerCase() !== claims.email.toLowerCase()) {
    throw new AppError("VALIDATION_FAILED", "Some fields are invalid", { confirm: ["Type your email address exactly as shown to confirm"] });
  }
  await asUser(
    claims,
    async (tx) => {
      const sole = await tx.query<{ slug: string; name: string }>(sql`
        select o.slug, o.name from public.organizations o
        join public.org_members m on m.org_id = o.id and m.user_id = (select auth.uid()) and m.status = 'active' and m.role = 'admin'
        where not exists (select 1 from public.org_members x
                          where x.org_id = o.id and x.role = 'admin' and x.status = 'active' and x.user_id <> (select auth.uid()))
        order by o.name`);
      if (sole.length) {
        const names = sole.map((o) => o.name).join(", ");
        throw new AppError("CONFLICT", `You are the last admin of ${names}: make someone else an admin there, or delete the organization, first`, {
          organizations: sole,
        });
      }
      const orgs = await tx.query<{ id: string }>(sql`
        select m.org_id as id from public.org_members m where m.user_id = (select auth.uid()) and m.status = 'active'
          and m.org_id = any (array(select app_private.current_user_org_ids()))`);
      for (const org of orgs) {
        await recordAuditEvent(tx, { action: "account.deleted", orgId: org.id, targetType: "user", targetId: claims.sub, metadata: { email: claims.email } });
      }
    },
    meta,
  );
  const provider = await getAuthProvider();
  await provider.deleteUser(claims.sub);
  await recordSystemAuditEvent({ action: "account.deleted", actorType: "user", actorUserId: claims.sub, metadata: { email: claims.email }, meta });
  // The session is gone with the user; this clears the cookies (and tells GoTrue, which already knows).
  await provider.signOut(cookies, meta).catch(() => undefined);
}
