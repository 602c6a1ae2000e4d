import { getAuthProvider } from "@/server/auth/get-auth-provider";
import { asUser, sql, type Claims, type RequestMeta } from "@/server/db";
import { checkMfaFacts } from "@/server/mfa/check-mfa-facts";
import { resolveOrg, type OrgContext } from "@/server/orgs/resolve-org";

export interface CallerGate {
  /** The session must still be found live (the local adapter: see AuthProvider.readClaims). */
  checkSession: boolean;
  /** The route acts in an organization: resolve it from this hint (resolveOrg). */
  org?: { hint: string | null };
  /** The two-factor gate: off for the challenge's own routes, `enroll` lets enrollment through. */
  mfa: "on" | "off" | "enroll";
}

/**
 * What a signed-in request passes before its handler runs — its session is still live, the
 * organization it acts in, the two-factor gate — in ONE transaction as the caller (the session
 * alone: the auth adapter's own one-statement check; nothing to ask: no transaction). These used to
 * be three transactions: on PGlite, one session, each is a turn every other request queues behind.
 * Nothing is cached between requests: a revoked session, a removed member or a new factor tells on
 * the very next request.
 *
 * The handler's first `ctx.db` transaction is not folded into this one: a handler may do other work
 * first (a call to Xero, bcrypt, an email), and holding PGlite's one session open across it would
 * stall every other request.
 *
 * The verdicts keep their order: a session no longer live is null (401 to the caller) whatever the
 * request names, then an organization the caller is not in (404), then the MFA gate.
 */
export async function passCallerGate(claims: Claims, gate: CallerGate, meta: RequestMeta): Promise<{ org: OrgContext | undefined } | null> {
  const factorGate = gate.mfa !== "off" && claims.aal !== "aal2";
  if (!factorGate && !gate.org) {
    // Nothing but the session to ask: the adapter's own query does without the role switch, whose
    // set_config statement costs PGlite about as much as a whole transaction.
    const live = !gate.checkSession || (await (await getAuthProvider()).isSessionLive(claims));
    return live ? { org: undefined } : null;
  }
  return asUser(
    claims,
    async (tx) => {
      const caller =
        gate.checkSession || factorGate
          ? await tx.one<{ live: boolean; hasFactor: boolean }>(sql`
              select ${gate.checkSession ? sql`app_private.caller_session_live()` : sql`true`} as live,
                     ${factorGate ? sql`app_private.user_has_verified_factor((select auth.uid()))` : sql`false`} as "hasFactor"`)
          : { live: true, hasFactor: false };
      if (!caller.live) return null;
      const org = gate.org ? await resolveOrg(tx, gate.org.hint) : undefined;
      if (factorGate) checkMfaFacts({ hasFactor: caller.hasFactor, required: org?.mfaRequired ?? false }, org?.id ?? null, gate.mfa === "enroll");
      return { org };
    },
    meta,
  );
}
