import { randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";
import { config } from "@/server/config";
import { asAuthAdmin, sql, type Claims, type RequestMeta, type Tx } from "@/server/db";
import { sendEmail } from "@/server/email/send-email";
import { passwordResetEmail } from "@/server/email/templates/password-reset-email";
import { provisionUser } from "@/server/orgs/provision-user";
import type { AuthProvider, AuthUser, CookieJar, SignInResult } from "../auth-provider";
import { jwtSecret } from "./jwt-secret";
import { issueAccessToken, newOpaqueToken, sha256, USER_COLUMNS, type UserRow } from "./access-token";
import { createLocalMfa } from "./local-mfa";
import { ACCESS_COOKIE, clearSessionCookies, readCookie, REFRESH_COOKIE, writeSessionCookies } from "./session-cookies";

/**
 * GoTrue's behaviour over our own Postgres (schema `auth`): bcrypt passwords, one auth.sessions row
 * per sign-in, rotating refresh tokens with a reuse window, HS256 access tokens with GoTrue's claim
 * set. Refresh and reset tokens are stored as SHA-256 digests, never in clear.
 */
// Compared against when the email is unknown, so a miss costs the same bcrypt work as a hit.
const DUMMY_HASH = "$2a$10$6/pW52EB6n/X4rHv1oTaYOcm.whFdBR0JEv5UJQmqb0V.O3Sntmy.";

async function startSession(tx: Tx, user: UserRow, meta: RequestMeta) {
  const sessionId = randomUUID();
  await tx.query(sql`
    insert into auth.sessions (id, user_id, created_at, updated_at, aal, refreshed_at, user_agent, ip)
    values (${sessionId}, ${user.id}, now(), now(), 'aal1', now(), ${meta.userAgent ?? null}, ${meta.ip ?? null}::inet)`);
  const refreshToken = newOpaqueToken();
  await tx.query(sql`
    insert into auth.refresh_tokens (token, user_id, revoked, created_at, updated_at, parent, session_id)
    values (${sha256(refreshToken)}, ${user.id}, false, now(), now(), null, ${sessionId})`);
  await tx.query(sql`
    insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id)
    values (${sessionId}, now(), now(), 'password', ${randomUUID()})`);
  await tx.query(sql`update auth.users set last_sign_in_at = now(), updated_at = now() where id = ${user.id}`);
  return { sessionId, refreshToken };
}

async function signInUser(jar: CookieJar, tx: Tx, user: UserRow, meta: RequestMeta) {
  const { sessionId, refreshToken } = await startSession(tx, user, meta);
  const { token, claims } = await issueAccessToken(tx, user, sessionId);
  writeSessionCookies(jar, token, refreshToken);
  return claims;
}


export function createLocalAuthProvider(): AuthProvider {
  return {
    name: "local",
    mfa: createLocalMfa(),

    async getClaims(jar, bearerToken) {
      const read = await this.readClaims(jar, bearerToken);
      return read && (await this.isSessionLive(read.claims)) ? read.claims : null;
    },

    // A signed-out session, or a deleted or banned user, is rejected at once, not at token expiry.
    // As the connection role: no role switch, whose set_config statement costs PGlite about as much
    // as a transaction of its own.
    async isSessionLive(claims) {
      const row = await asAuthAdmin((tx) =>
        tx.one<{ live: boolean }>(sql`select app_private.session_live(${claims.session_id}::uuid, ${claims.sub}::uuid) as live`),
      );
      return row.live;
    },

    async readClaims(jar, bearerToken) {
      const token = bearerToken ?? readCookie(jar, ACCESS_COOKIE);
      if (!token) return null;
      let claims: Claims;
      try {
        claims = jwt.verify(token, await jwtSecret(), { algorithms: ["HS256"], audience: "authenticated" }) as Claims;
      } catch {
        return null;
      }
      if (typeof claims.sub !== "string" || typeof claims.session_id !== "string") return null;
      return { claims, checkSession: true };
    },

    async signInWithPassword(jar, email, password, meta): Promise<SignInResult> {
      // Load the signing secret first: on first use it is read in a transaction of its own, which
      // may not start inside the one below.
      await jwtSecret();
      return asAuthAdmin(async (tx) => {
        const row = await tx.maybeOne<UserRow & { password_ok: boolean }>(sql`
          select ${USER_COLUMNS},
                 encrypted_password = extensions.crypt(${password}, encrypted_password) as password_ok
          from auth.users
          where email = ${email.trim().toLowerCase()} and deleted_at is null
            and (banned_until is null or banned_until < now()) and encrypted_password is not null`);
        if (!row) {
          await tx.query(sql`select extensions.crypt(${password}, ${DUMMY_HASH})`);
          return { ok: false };
        }
        if (!row.password_ok) return { ok: false };
        const claims = await signInUser(jar, tx, row, meta);
        return { ok: true, user: { id: row.id, email: row.email }, claims };
      });
    },

    async signOut(jar) {
      const claims = await this.getClaims(jar);
      const refreshToken = readCookie(jar, REFRESH_COOKIE);
      await asAuthAdmin(async (tx) => {
        if (claims) await tx.query(sql`delete from auth.sessions where id = ${claims.session_id}`);
        else if (refreshToken) {
          await tx.query(sql`
            delete from auth.sessions where id = (select session_id from auth.refresh_tokens where token = ${sha256(refreshToken)})`);
        }
      });
      clearSessionCookies(jar);
    },

    async refreshSession(jar, meta) {
      const presented = readCookie(jar, REFRESH_COOKIE);
      if (!presented) return null;
      const reuseInterval = config().AUTH_REFRESH_REUSE_INTERVAL_SECONDS;
      await jwtSecret(); // see signInWithPassword
      const result = await asAuthAdmin(async (tx) => {
        // Row locks serialize concurrent refreshes of one session.
        const current = await tx.maybeOne<{ id: number; token: string; revoked: boolean; session_id: string; reusable: boolean }>(sql`
          select id, token, revoked, session_id, updated_at > now() - make_interval(secs => ${reuseInterval}) as reusable
          from auth.refresh_tokens where token = ${sha256(presented)} for update`);
        if (!current) return null;
        const session = await tx.maybeOne<{ user_id: string }>(
          sql`select user_id from auth.sessions where id = ${current.session_id} and (not_after is null or not_after > now()) for update`,
        );
        if (!session) return null;
        const user = await tx.one<UserRow>(sql`select ${USER_COLUMNS} from auth.users where id = ${session.user_id}`);
        let nextRefreshToken: string;
        if (!current.revoked) {
          nextRefreshToken = newOpaqueToken();
          await tx.query(sql`update auth.refresh_tokens set revoked = true, updated_at = now() where id = ${current.id}`);
          await tx.query(sql`
            insert into auth.refresh_tokens (token, user_id, revoked, created_at, updated_at, parent, session_id)
            values (${sha256(nextRefreshToken)}, ${user.id}, false, now(), now(), ${current.token}, ${current.session_id})`);
        } else {
          const active = await tx.maybeOne<{ parent: string | null }>(sql`
            select parent from auth.refresh_tokens
            where session_id = ${current.session_id} and not revoked order by id desc limit 1`);
          // As GoTrue: a client that lost the answer to its last refresh may present the previous
          // token again (the parent of the active one, or within the reuse window); it gets a
          // fresh access token but no new refresh token. Any other reuse means the token leaked:
          // the whole family (the session) is revoked.
          if (!(active?.parent === current.token || current.reusable)) {
            await tx.query(sql`delete from auth.sessions where id = ${current.session_id}`);
            return { reused: true as const, userId: user.id };
          }
          nextRefreshToken = presented;
        }
        await tx.query(sql`update auth.sessions set refreshed_at = now(), updated_at = now() where id = ${current.session_id}`);
        const { token, claims } = await issueAccessToken(tx, user, current.session_id);
        return { reused: false as const, token, claims, refreshToken: nextRefreshToken };
      });
      if (!result || result.reused) {
        clearSessionCookies(jar);
        if (result?.reused) {
          const { recordSystemAuditEvent } = await import("@/server/audit/record-system-audit-event");
          await recordSystemAuditEvent({ action: "auth.refresh_token_reused", actorUserId: result.userId, actorType: "anonymous", meta });
        }
        return null;
      }
      writeSessionCookies(jar, result.token, result.refreshToken);
      return result.claims;
    },

    async requestPasswordReset(email, meta) {
      const token = newOpaqueToken();
      const user = await asAuthAdmin((tx) =>
        tx.maybeOne<{ id: string; email: string }>(sql`
          update auth.users set recovery_token = ${sha256(token)}, recovery_sent_at = now(), updated_at = now()
          where email = ${email.trim().toLowerCase()} and deleted_at is null
          returning id, email`),
      );
      if (!user) return;
      await sendEmail(await passwordResetEmail({ to: user.email, token, userId: user.id }), meta);
    },

    async resetPasswordWithToken(jar, token, newPassword, meta): Promise<AuthUser | null> {
      const ttl = config().AUTH_PASSWORD_RESET_TTL_SECONDS;
      await jwtSecret(); // see signInWithPassword
      return asAuthAdmin(async (tx) => {
        const user = await tx.maybeOne<UserRow>(sql`
          update auth.users
          set encrypted_password = extensions.crypt(${newPassword}, extensions.gen_salt('bf', 10)),
              recovery_token = '', updated_at = now()
          where recovery_token = ${sha256(token)} and recovery_token <> ''
            and recovery_sent_at > now() - make_interval(secs => ${ttl}) and deleted_at is null
          returning ${USER_COLUMNS}`);
        if (!user) return null;
        // Whoever knew the old password is signed out everywhere.
        await tx.query(sql`delete from auth.sessions where user_id = ${user.id}`);
        await signInUser(jar, tx, user, meta);
        return { id: user.id, email: user.email };
      });
    },

    async changePassword(_jar, claims, currentPassword, newPassword) {
      return asAuthAdmin(async (tx) => {
        const changed = await tx.maybeOne(sql`
          update auth.users
          set encrypted_password = extensions.crypt(${newPassword}, extensions.gen_salt('bf', 10)), updated_at = now()
          where id = ${claims.sub} and encrypted_password = extensions.crypt(${currentPassword}, encrypted_password)
          returning id`);
        if (!changed) return false;
        // Other sessions end; the one that changed the password stays signed in.
        await tx.query(sql`delete from auth.sessions where user_id = ${claims.sub} and id <> ${claims.session_id}`);
        return true;
      });
    },

    async exchangeCodeForSession() {
      // Codes come from Supabase Auth's OAuth/PKCE and email links; the local adapter issues none.
      return null;
    },

    async createUser(email, password, fullName) {
      const normalized = email.trim().toLowerCase();
      return asAuthAdmin(async (tx) => {
        if (await tx.maybeOne(sql`select 1 from auth.users where email = ${normalized}`)) return null;
        const id = await provisionUser(tx, { email: normalized, password, fullName });
        return { id, email: normalized };
      });
    },

    async deleteUser(userId) {
      // Sessions, refresh tokens, identities, the profile and memberships go with it (foreign keys);
      // the deferred last-admin trigger refuses the commit if it would leave an organization without one.
      await asAuthAdmin((tx) => tx.query(sql`delete from auth.users where id = ${userId}`));
    },
  };
}
