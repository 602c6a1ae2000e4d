import { createHash, randomBytes } from "node:crypto";
import jwt from "jsonwebtoken";
import { appUrl } from "@/server/app-url";
import { config } from "@/server/config";
import { sql, type Claims, type Tx } from "@/server/db";
import { jwtSecret } from "./jwt-secret";

/** Token helpers shared by the local adapter's password and two-factor halves. */
export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
export const newOpaqueToken = () => randomBytes(32).toString("base64url");

export interface UserRow {
  id: string;
  email: string;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
}

/**
 * The access token of a session: `aal` from auth.sessions and `amr` from auth.mfa_amr_claims, as
 * GoTrue derives them, so a refresh keeps the level the session reached.
 */
export async function issueAccessToken(tx: Tx, user: UserRow, sessionId: string): Promise<{ token: string; claims: Claims }> {
  const now = Math.floor(Date.now() / 1000);
  const level = await tx.one<{ aal: string | null; amr: { method: string; timestamp: number }[] | null }>(sql`
    select s.aal::text as aal,
           (select json_agg(json_build_object('method', c.authentication_method, 'timestamp', extract(epoch from c.updated_at)::bigint)
                            order by c.updated_at desc)
            from auth.mfa_amr_claims c where c.session_id = s.id) as amr
    from auth.sessions s where s.id = ${sessionId}`);
  const claims: Claims = {
    iss: appUrl("/auth/v1"),
    sub: user.id,
    aud: "authenticated",
    iat: now,
    exp: now + config().AUTH_ACCESS_TOKEN_TTL_SECONDS,
    email: user.email,
    phone: "",
    app_metadata: user.raw_app_meta_data ?? { provider: "email", providers: ["email"] },
    user_metadata: user.raw_user_meta_data ?? {},
    role: "authenticated",
    aal: level.aal ?? "aal1",
    amr: level.amr?.length ? level.amr.map((c) => ({ method: c.method, timestamp: Number(c.timestamp) })) : [{ method: "password", timestamp: now }],
    session_id: sessionId,
    is_anonymous: false,
  };
  return { token: jwt.sign(claims, await jwtSecret(), { algorithm: "HS256", noTimestamp: true }), claims };
}

export const USER_COLUMNS = sql`id, email, raw_app_meta_data, raw_user_meta_data`;
