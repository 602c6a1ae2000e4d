import { randomUUID } from "node:crypto";
import { asAuthAdmin, sql, type Claims, type Tx } from "@/server/db";
import { AppError, notFound } from "@/server/http/app-error";
import { decryptTotpSecret, encryptTotpSecret } from "@/server/mfa/mfa-keys";
import { matchTotpStep, newTotpSecret, totpUri } from "@/server/mfa/totp";
import type { MfaFactorView } from "@/lib/mfa-views";
import type { CookieJar } from "../auth-provider";
import type { MfaAdapter } from "../mfa-adapter";
import { jwtSecret } from "./jwt-secret";
import { issueAccessToken, newOpaqueToken, sha256, USER_COLUMNS, type UserRow } from "./access-token";
import { writeSessionCookies } from "./session-cookies";

/**
 * GoTrue's TOTP behaviour over auth.mfa_factors / mfa_challenges / mfa_amr_claims. Secrets are
 * encrypted at rest (AES-256-GCM, src/server/mfa/mfa-keys.ts). Each accepted code records its time
 * step in its verified challenge's `otp_code` (unused by GoTrue for TOTP), and a code whose step is
 * not after the last accepted one is refused: a code works once.
 */
const MAX_FACTORS = 10; // GoTrue's MFA_MAX_ENROLLED_FACTORS default
const UNVERIFIED_TTL = sql`interval '5 minutes'`;

interface FactorRow {
  id: string;
  friendly_name: string | null;
  status: "verified" | "unverified";
  created_at: Date;
  secret: string | null;
  stale: boolean;
}

// Unverified factors older than five minutes go (supabase/auth#979, PR #1371): a refresh of the
// enrollment page must not pile them up toward the limit.
const dropStaleFactors = (tx: Tx, userId: string) =>
  tx.query(sql`delete from auth.mfa_factors where user_id = ${userId} and status = 'unverified' and created_at < now() - ${UNVERIFIED_TTL}`);

const toView = (row: FactorRow): MfaFactorView => ({
  id: row.id,
  friendlyName: row.friendly_name ?? "",
  factorType: "totp",
  status: row.status,
  createdAt: row.created_at.toISOString(),
});

/** Raises the session to aal2 with `method` in its amr, and hands out a new token pair. */
async function elevate(tx: Tx, jar: CookieJar, claims: Claims, method: "totp" | "recovery", factorId: string | null) {
  await tx.query(sql`
    update auth.sessions set aal = 'aal2', factor_id = coalesce(${factorId}::uuid, factor_id), updated_at = now()
    where id = ${claims.session_id} and user_id = ${claims.sub}`);
  await tx.query(sql`
    insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id)
    values (${claims.session_id}, now(), now(), ${method}, ${randomUUID()})
    on conflict (session_id, authentication_method) do update set updated_at = now()`);
  // As GoTrue: once a factor is proved, the user's other sessions that did not prove one end.
  await tx.query(sql`delete from auth.sessions where user_id = ${claims.sub} and id <> ${claims.session_id} and aal = 'aal1'`);
  const refreshToken = newOpaqueToken();
  await tx.query(sql`update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = ${claims.session_id} and not revoked`);
  await tx.query(sql`
    insert into auth.refresh_tokens (token, user_id, revoked, created_at, updated_at, parent, session_id)
    values (${sha256(refreshToken)}, ${claims.sub}, false, now(), now(), null, ${claims.session_id})`);
  const user = await tx.one<UserRow>(sql`select ${USER_COLUMNS} from auth.users where id = ${claims.sub}`);
  const { token } = await issueAccessToken(tx, user, claims.session_id);
  writeSessionCookies(jar, token, refreshToken);
}

export function createLocalMfa(): MfaAdapter {
  return {
    async enroll(_jar, claims, friendlyName) {
      const secret = newTotpSecret();
      const stored = await encryptTotpSecret(secret);
      const factorId = randomUUID();
      await asAuthAdmin(async (tx) => {
        await tx.query(sql`select 1 from auth.users where id = ${claims.sub} for update`);
        await dropStaleFactors(tx, claims.sub);
        const existing = await tx.query<{ friendly_name: string | null }>(sql`select friendly_name from auth.mfa_factors where user_id = ${claims.sub}`);
        if (existing.some((f) => (f.friendly_name ?? "").toLowerCase() === friendlyName.toLowerCase())) {
          throw new AppError("CONFLICT", "You already have an authenticator with that name", { friendlyName: ["Choose another name"] });
        }
        if (existing.length >= MAX_FACTORS) {
          throw new AppError("CONFLICT", `You can have at most ${MAX_FACTORS} authenticators; remove one first`);
        }
        await tx.query(sql`
          insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
          values (${factorId}, ${claims.sub}, ${friendlyName}, 'totp', 'unverified', now(), now(), ${stored})`);
      });
      return { factorId, secret, uri: totpUri(secret, claims.email) };
    },

    async verify(jar, claims, factorId, code, meta) {
      await jwtSecret(); // read in its own transaction, not inside the one below
      return asAuthAdmin(async (tx) => {
        const factor = await tx.maybeOne<FactorRow>(sql`
          select id, friendly_name, status::text as status, created_at, secret,
                 (status = 'unverified' and created_at < now() - ${UNVERIFIED_TTL}) as stale
          from auth.mfa_factors where id = ${factorId} and user_id = ${claims.sub} and factor_type = 'totp' for update`);
        if (!factor || factor.stale || !factor.secret) throw notFound("Authenticator");
        const step = matchTotpStep(await decryptTotpSecret(factor.secret), code);
        if (step === null) return { ok: false as const, reason: "invalid" as const };
        const last = await tx.maybeOne<{ step: string | null }>(sql`
          select max(otp_code::bigint)::text as step from auth.mfa_challenges
          where factor_id = ${factorId} and verified_at is not null and otp_code ~ '^[0-9]+$'`);
        if (last?.step != null && step <= Number(last.step)) return { ok: false as const, reason: "replayed" as const };
        await tx.query(sql`
          insert into auth.mfa_challenges (id, factor_id, created_at, verified_at, ip_address, otp_code)
          values (${randomUUID()}, ${factorId}, now(), now(), ${meta.ip ?? "0.0.0.0"}::inet, ${String(step)})`);
        await tx.query(sql`
          update auth.mfa_factors set status = 'verified', updated_at = now(), last_challenged_at = clock_timestamp()
          where id = ${factorId}`);
        await elevate(tx, jar, claims, "totp", factorId);
        return { ok: true as const, firstVerification: factor.status === "unverified", friendlyName: factor.friendly_name ?? "" };
      });
    },

    async listFactors(_jar, claims) {
      return asAuthAdmin(async (tx) => {
        await dropStaleFactors(tx, claims.sub);
        const rows = await tx.query<FactorRow>(sql`
          select id, friendly_name, status::text as status, created_at, null as secret, false as stale
          from auth.mfa_factors where user_id = ${claims.sub} and factor_type = 'totp' order by created_at`);
        return rows.map(toView);
      });
    },

    async unenroll(_jar, claims, factorId) {
      const removed = await asAuthAdmin((tx) =>
        tx.maybeOne(sql`delete from auth.mfa_factors where id = ${factorId} and user_id = ${claims.sub} returning id`),
      );
      return removed !== null;
    },

    async elevateWithRecoveryCode(jar, claims) {
      await jwtSecret();
      await asAuthAdmin((tx) => elevate(tx, jar, claims, "recovery", null));
      return "aal2";
    },

    async deleteAllFactors(userId) {
      await asAuthAdmin(async (tx) => {
        await tx.query(sql`delete from auth.mfa_factors where user_id = ${userId}`);
        await tx.query(sql`delete from auth.sessions where user_id = ${userId}`);
      });
    },
  };
}
