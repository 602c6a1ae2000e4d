import { isAuthApiError, type SupabaseClient } from "@supabase/supabase-js";
import { AppError, notFound } from "@/server/http/app-error";
import type { MfaFactorView } from "@/lib/mfa-views";
import type { CookieJar } from "../auth-provider";
import type { MfaAdapter } from "../mfa-adapter";
import { serviceRoleClient } from "./service-role-client";

interface Deps {
  serverClient: (jar: CookieJar) => SupabaseClient;
  call: <T>(fn: () => Promise<T>) => Promise<T>;
  throwIfNotAVerdict: (error: unknown) => void;
}

interface GoTrueFactor {
  id: string;
  friendly_name?: string;
  factor_type: string;
  status: string;
  created_at: string;
}

const toView = (f: GoTrueFactor): MfaFactorView => ({
  id: f.id,
  friendlyName: f.friendly_name ?? "",
  factorType: "totp",
  status: f.status === "verified" ? "verified" : "unverified",
  createdAt: new Date(f.created_at).toISOString(),
});

/**
 * TOTP through `supabase.auth.mfa.*`: GoTrue keeps the factors, checks codes (±1 step, no replay),
 * drops stale unverified factors and ends the other sessions on verification; the client bound to
 * the request's cookies stores the aal2 session it answers.
 *
 * Recovery codes are ours (Supabase's are experimental), and GoTrue cannot raise a session on our
 * word: an accepted recovery code removes the user's factors through the admin API instead, so the
 * session is no longer asked for one, and the user enrolls again (the policy sends them to do so).
 */
export function createSupabaseMfa({ serverClient, call, throwIfNotAVerdict }: Deps): MfaAdapter {
  async function factorsOf(jar: CookieJar): Promise<GoTrueFactor[]> {
    const { data, error } = await call(() => serverClient(jar).auth.mfa.listFactors());
    if (error) {
      throwIfNotAVerdict(error);
      throw new AppError("UNAUTHORIZED", "Sign in to continue");
    }
    return ((data as { all?: GoTrueFactor[] }).all ?? []).filter((f) => f.factor_type === "totp");
  }

  async function deleteFactorsOf(userId: string): Promise<void> {
    const admin = serviceRoleClient().auth.admin.mfa;
    const { data, error } = await call(() => admin.listFactors({ userId }));
    if (error) {
      throwIfNotAVerdict(error);
      throw new AppError("UPSTREAM_ERROR", "The sign-in service did not list the factors");
    }
    for (const factor of data?.factors ?? []) {
      const { error: deleteError } = await call(() => admin.deleteFactor({ userId, id: factor.id }));
      if (deleteError && !(isAuthApiError(deleteError) && deleteError.status === 404)) {
        throwIfNotAVerdict(deleteError);
        throw new AppError("UPSTREAM_ERROR", "The sign-in service did not remove a factor");
      }
    }
  }

  return {
    async enroll(jar, _claims, friendlyName) {
      const { data, error } = await call(() => serverClient(jar).auth.mfa.enroll({ factorType: "totp", friendlyName }));
      if (error || !data) {
        throwIfNotAVerdict(error);
        if (error && (error.code === "mfa_factor_name_conflict" || /friendly name/i.test(error.message))) {
          throw new AppError("CONFLICT", "You already have an authenticator with that name", { friendlyName: ["Choose another name"] });
        }
        throw new AppError("CONFLICT", error?.message ?? "The authenticator could not be added");
      }
      const totp = data as { id: string; totp: { secret: string; uri: string } };
      return { factorId: totp.id, secret: totp.totp.secret, uri: totp.totp.uri };
    },

    async verify(jar, _claims, factorId, code) {
      const factor = (await factorsOf(jar)).find((f) => f.id === factorId);
      if (!factor) throw notFound("Authenticator");
      const { error } = await call(() => serverClient(jar).auth.mfa.challengeAndVerify({ factorId, code }));
      if (error) {
        throwIfNotAVerdict(error);
        return { ok: false, reason: "invalid" };
      }
      return { ok: true, firstVerification: factor.status !== "verified", friendlyName: factor.friendly_name ?? "" };
    },

    async listFactors(jar) {
      return (await factorsOf(jar)).map(toView);
    },

    async unenroll(jar, _claims, factorId) {
      if (!(await factorsOf(jar)).some((f) => f.id === factorId)) return false;
      const { error } = await call(() => serverClient(jar).auth.mfa.unenroll({ factorId }));
      if (error) {
        throwIfNotAVerdict(error);
        throw new AppError("CONFLICT", error.message);
      }
      return true;
    },

    async elevateWithRecoveryCode(_jar, claims) {
      await deleteFactorsOf(claims.sub);
      return "aal1";
    },

    async deleteAllFactors(userId) {
      await deleteFactorsOf(userId);
    },
  };
}
