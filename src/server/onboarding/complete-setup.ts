import { timingSafeEqual } from "node:crypto";
import type { z } from "zod";
import type { CookieJar } from "@/server/auth/auth-provider";
import { getAuthProvider } from "@/server/auth/get-auth-provider";
import { asService, sql, type RequestMeta } from "@/server/db";
import { AppError, notFound } from "@/server/http/app-error";
import { logger } from "@/server/http/logger";
import { createOrganization } from "@/server/orgs/create-organization";
import type { SetupCompletedView } from "@/lib/onboarding-views";
import type { setupBody } from "@/lib/onboarding-schemas";
import { setupNeeded } from "./setup-needed";
import { setupToken } from "./setup-token";

export type SetupInput = Omit<z.output<typeof setupBody>, "token">;

/** A claim older than this belongs to a setup that died half-way; another may take over. */
const CLAIM_SECONDS = 300;

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Creates the first organization and its admin, once. From /setup (`via: "setup"`) the one-time
 * token must match; the CLI (`via: "cli"`) runs on the server and needs none. Works in both auth
 * modes: the admin is created through the AuthProvider (the admin API in Supabase mode), then the
 * organization and the membership as the service role. A claim row lets only one setup run at a
 * time; a failure after the user was created deletes that user again, so setup stays possible.
 * With `cookies`, the new admin is signed in.
 */
export async function completeSetup(
  input: SetupInput,
  options: { via: "setup" | "cli"; token?: string; cookies?: CookieJar; meta?: RequestMeta },
): Promise<SetupCompletedView> {
  if (!(await setupNeeded())) throw notFound("Setup");
  if (options.via === "setup") {
    const expected = (await setupToken()).token;
    if (!options.token || !sameToken(options.token, expected)) {
      throw new AppError("VALIDATION_FAILED", "Some fields are invalid", {
        token: ["This setup token is not valid: use the link printed in the server log at start, or the setup token the server was configured with"],
      });
    }
  }
  const claimed = await asService((tx) =>
    tx.maybeOne(sql`
      insert into app_private.setup_state (singleton, claimed_at) values (true, now())
      on conflict (singleton) do update set claimed_at = now()
        where app_private.setup_state.claimed_at is null
           or app_private.setup_state.claimed_at < now() - make_interval(secs => ${CLAIM_SECONDS})
      returning 1`),
  );
  if (!claimed) throw new AppError("CONFLICT", "Setup is already under way; wait a moment and reload");

  const provider = await getAuthProvider();
  try {
    const user = await provider.createUser(input.email, input.password, input.name);
    if (!user) throw new AppError("CONFLICT", "An account with this email already exists");
    let org;
    try {
      org = await asService(
        (tx) =>
          createOrganization(
            tx,
            { name: input.organizationName, slug: input.slug, timezone: input.timezone, currency: input.currency },
            { adminUserId: user.id, metadata: { via: options.via, email: user.email } },
          ),
        options.meta,
      );
    } catch (error) {
      await provider.deleteUser(user.id).catch((err: unknown) => logger.error({ err }, "setup: could not remove the half-created admin"));
      throw error;
    }
    await asService((tx) => tx.query(sql`delete from app_private.setup_state`));
    if (options.cookies) await provider.signInWithPassword(options.cookies, user.email, input.password, options.meta ?? {});
    return { organization: { id: org.id, slug: org.slug, name: org.name }, user };
  } finally {
    await asService((tx) => tx.query(sql`update app_private.setup_state set claimed_at = null`)).catch(() => undefined);
  }
}
