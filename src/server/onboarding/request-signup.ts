import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import { recordSystemAuditEvent } from "@/server/audit/record-system-audit-event";
import { config, signupMode } from "@/server/config";
import { asService, sql, type RequestMeta } from "@/server/db";
import { sendEmail } from "@/server/email/send-email";
import { existingAccountEmail } from "@/server/email/templates/existing-account-email";
import { verifyEmailEmail } from "@/server/email/templates/verify-email-email";
import { forbidden } from "@/server/http/app-error";
import type { SignupAcceptedView } from "@/lib/onboarding-views";
import type { signupBody } from "@/lib/onboarding-schemas";
import { assertSignupQuota } from "./assert-signup-quota";

/** Emails one address receives from sign-ups in an hour: the form cannot be used to flood an inbox. */
const EMAILS_PER_ADDRESS_PER_HOUR = 3;

export const SIGNUP_ACCEPTED: SignupAcceptedView = {
  message: "Check your inbox: if the address can be used, a link to confirm it is on its way. Your account exists once you open it.",
};

/**
 * A sign-up (SIGNUP_MODE=open): keeps the request with a bcrypt hash of the password and emails a
 * single-use link (32 random bytes, only their SHA-256 stored, expiring after
 * SIGNUP_VERIFY_TTL_HOURS). Nothing else exists until the link is opened (verifyEmail). An address
 * that already has an account gets a notice instead of a link, and the caller the same answer,
 * after the same work (one bcrypt hash either way). Rate limited per IP; audited.
 */
export async function requestSignup(input: z.output<typeof signupBody>, meta: RequestMeta): Promise<SignupAcceptedView> {
  if (signupMode() !== "open") {
    throw forbidden("Sign-up is closed on this server: ask an admin of your organization to invite you");
  }
  const ttlHours = config().SIGNUP_VERIFY_TTL_HOURS;
  const token = randomBytes(32).toString("base64url");
  const outcome = await asService(async (tx) => {
    await assertSignupQuota(tx, meta.ip);
    const existing = await tx.maybeOne<{ user_id: string }>(sql`select user_id from public.user_profiles where lower(email) = ${input.email}`);
    const { hash } = await tx.one<{ hash: string }>(sql`select extensions.crypt(${input.password}, extensions.gen_salt('bf', 10)) as hash`);
    const { sent } = await tx.one<{ sent: number }>(sql`
      select count(*) as sent from app_private.signup_requests where email = ${input.email} and created_at > now() - interval '1 hour'`);
    const request = await tx.one<{ id: string }>(sql`
      insert into app_private.signup_requests (email, token_hash, password_hash, full_name, organization_name, ip, expires_at)
      values (${input.email}, ${existing ? null : createHash("sha256").update(token).digest("hex")}, ${existing ? null : hash},
              ${input.name}, ${input.organizationName}, ${meta.ip ?? null}::inet, now() + make_interval(hours => ${ttlHours}))
      returning id`);
    // Spent and long-expired requests are of no further use (the hour-long windows above included).
    await tx.query(sql`delete from app_private.signup_requests where expires_at < now() - interval '1 day'`);
    return { existing: Boolean(existing), requestId: request.id, quiet: sent >= EMAILS_PER_ADDRESS_PER_HOUR };
  }, meta);
  if (!outcome.quiet) {
    const message = outcome.existing
      ? await existingAccountEmail({ to: input.email, requestId: outcome.requestId })
      : await verifyEmailEmail({ to: input.email, token, requestId: outcome.requestId, organizationName: input.organizationName });
    await sendEmail(message, meta);
  }
  await recordSystemAuditEvent({ action: "auth.signup_requested", actorType: "anonymous", metadata: { email: input.email }, meta });
  return SIGNUP_ACCEPTED;
}
