import { randomUUID } from "node:crypto";
import type { CookieJar } from "@/server/auth/auth-provider";
import { getAuthProvider } from "@/server/auth/get-auth-provider";
import { asUser, sql, type Claims, type RequestMeta } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import type { Role } from "@/lib/permissions";
import { hashInvitationToken } from "./hash-invitation-token";
import { assertInvitationPending } from "./assert-invitation-pending";
import { lookupInvitation } from "./lookup-invitation";

export interface AcceptedInvitation {
  org: { id: string; slug: string; name: string };
  role: Role;
  userId: string;
}

/**
 * Accepts an invitation. Signed in: as the caller (the database function checks the email matches).
 * Signed out: creates the account through the AuthProvider (the admin API in Supabase mode), accepts
 * as that new user, then signs them in. Either way the membership, the invitation's `accepted_at`
 * and the audit event are written by one database function in one transaction, with the invitation
 * row locked, so two simultaneous accepts make one membership.
 */
export async function acceptInvitation(
  input: { token: string; name?: string; password?: string },
  caller: { claims: Claims | null; cookies: CookieJar },
  meta: RequestMeta,
): Promise<AcceptedInvitation> {
  const invitation = await lookupInvitation(input.token, meta);
  assertInvitationPending(invitation);
  let claims = caller.claims;
  let signInAfter: { email: string; password: string } | undefined;
  if (!claims) {
    const missing: Record<string, string[]> = {};
    if (!input.name) missing.name = ["Enter your name"];
    if (!input.password) missing.password = ["Choose a password"];
    if (Object.keys(missing).length) throw new AppError("VALIDATION_FAILED", "Some fields are invalid", missing);
    if (invitation.accountExists) {
      throw new AppError("CONFLICT", "An account with this email already exists: sign in to accept the invitation");
    }
    const user = await (await getAuthProvider()).createUser(invitation.email, input.password!, input.name!);
    if (!user) throw new AppError("CONFLICT", "An account with this email already exists: sign in to accept the invitation");
    // The account was created a moment ago by us for exactly this address; these claims are what
    // its first access token will carry. RLS does not read the session id.
    claims = { sub: user.id, email: user.email, role: "authenticated", aud: "authenticated", session_id: randomUUID(), aal: "aal1", app_metadata: {} };
    signInAfter = { email: user.email, password: input.password! };
  }
  const membership = await asUser(
    claims,
    async (tx) => {
      const joined = await tx.one<{ org_id: string; role: Role; user_id: string }>(sql`
        select org_id, role, user_id from app_private.accept_invitation(${hashInvitationToken(input.token)})`);
      // A second statement: the new membership is visible to RLS only from here on.
      const org = await tx.one<{ slug: string; name: string }>(sql`select slug, name from public.organizations where id = ${joined.org_id}`);
      return { ...joined, ...org };
    },
    meta,
  );
  if (signInAfter) {
    await (await getAuthProvider()).signInWithPassword(caller.cookies, signInAfter.email, signInAfter.password, meta);
  }
  return { org: { id: membership.org_id, slug: membership.slug, name: membership.name }, role: membership.role, userId: membership.user_id };
}
