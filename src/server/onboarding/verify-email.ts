import { createHash } from "node:crypto";
import { recordSystemAuditEvent } from "@/server/audit/record-system-audit-event";
import { getAuthProvider } from "@/server/auth/get-auth-provider";
import { asService, sql, type RequestMeta } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import { logger } from "@/server/http/logger";
import { createOrganization } from "@/server/orgs/create-organization";
import type { EmailVerifiedView } from "@/lib/onboarding-views";

interface PendingSignup {
  id: string;
  email: string;
  password_hash: string;
  full_name: string;
  organization_name: string;
}

const invalidLink = () => new AppError("INVALID_TOKEN", "This confirmation link is not valid: it may be incomplete, used already or expired. Sign up again.");

/**
 * Opens a sign-up's link: creates the confirmed account with the password chosen at sign-up
 * (through the AuthProvider: the admin API in Supabase mode), then its organization with the new
 * user as admin, and spends every pending request of the address. The link works once: a second
 * use, or an address that got an account meanwhile, changes nothing. If the organization cannot be
 * created the account is removed again, so the link still works later.
 */
export async function verifyEmail(token: string, meta: RequestMeta): Promise<EmailVerifiedView> {
  const tokenHash = createHash("sha256").update(token).digest("hex");
  const pending = await asService((tx) =>
    tx.maybeOne<PendingSignup>(sql`
      select id, email, password_hash, full_name, organization_name from app_private.signup_requests
      where token_hash = ${tokenHash} and used_at is null and expires_at > now()`),
  );
  if (!pending) throw invalidLink();

  const provider = await getAuthProvider();
  const user = await provider.createUser(pending.email, { bcryptHash: pending.password_hash }, pending.full_name);
  if (!user) {
    await asService((tx) => tx.query(sql`update app_private.signup_requests set used_at = now() where email = ${pending.email} and used_at is null`));
    throw new AppError("CONFLICT", "This address already has an account: log in instead");
  }
  try {
    const org = await asService(async (tx) => {
      const spent = await tx.query(sql`
        update app_private.signup_requests set used_at = now() where email = ${pending.email} and used_at is null returning id`);
      if (!spent.some((row) => row.id === pending.id)) throw invalidLink();
      return createOrganization(tx, { name: pending.organization_name }, { adminUserId: user.id, metadata: { via: "signup", email: user.email } });
    }, meta);
    await recordSystemAuditEvent({ action: "auth.email_verified", actorType: "user", actorUserId: user.id, orgId: org.id, metadata: { email: user.email }, meta });
    return { email: user.email, organization: { slug: org.slug, name: org.name } };
  } catch (error) {
    await provider.deleteUser(user.id).catch((err: unknown) => logger.error({ err }, "sign-up: could not remove a half-created account"));
    throw error;
  }
}
