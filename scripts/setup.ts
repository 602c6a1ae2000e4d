/**
 * npm run setup -- --org "Name" --email admin@example.com --password-stdin [--name "Full Name"]
 *                  [--slug name] [--timezone Europe/London] [--currency GBP]
 *
 * The headless first-run setup: creates the first organization and its admin, once, against
 * DATABASE_URL (or the embedded PGlite database in XEROPULSE_DATA_DIR, with the server stopped).
 * The password is read from standard input, so it never appears in the shell history or `ps`.
 * Works in both auth modes (AUTH_PROVIDER=supabase creates the admin through the admin API). Run
 * with the react-server condition (as `npm run setup` does): the server-only service-role module
 * refuses to load otherwise.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { config } from "@/server/config";
import { setEngine, type Engine } from "@/server/db";
import { migrate } from "@/server/db/migrate";
import { createPGliteEngine } from "@/server/db/pglite-engine";
import { createPostgresEngine } from "@/server/db/postgres-engine";
import { AppError } from "@/server/http/app-error";
import { completeSetup } from "@/server/onboarding/complete-setup";
import { toAppError } from "@/server/http/to-app-error";
import { setupBody } from "@/lib/onboarding-schemas";

const USAGE = 'usage: npm run setup -- --org "Name" --email you@example.com --password-stdin [--name "Your Name"] [--slug url-name] [--timezone Area/City] [--currency USD]';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline (from `echo` or a here-string) is not part of the password.
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      org: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
      slug: { type: "string" },
      timezone: { type: "string" },
      currency: { type: "string" },
      "password-stdin": { type: "boolean" },
    },
  });
  if (!values.org || !values.email || !values["password-stdin"]) {
    console.error(USAGE);
    return 2;
  }
  const parsed = setupBody.safeParse({
    token: "cli",
    organizationName: values.org,
    slug: values.slug,
    timezone: values.timezone,
    currency: values.currency,
    name: values.name ?? values.email.split("@")[0],
    email: values.email,
    password: await readStdin(),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join(".") || "input"}: ${issue.message}`);
    return 2;
  }

  const env = config();
  // The script's own engine: migrated, never seeded (a seeded demo would make setup unnecessary).
  const engine: Engine = env.DATABASE_URL
    ? createPostgresEngine(env.DATABASE_URL, 2)
    : await createPGliteEngine({ dataDir: path.resolve(env.XEROPULSE_DATA_DIR, "pglite") });
  setEngine(engine);
  try {
    if (env.DB_AUTO_MIGRATE) await migrate(engine, { localBootstrap: env.AUTH_PROVIDER === "local" });
    const { token: _token, ...input } = parsed.data;
    const done = await completeSetup(input, { via: "cli" });
    const base = (env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
    console.log(`Created ${done.organization.name} (${base}/${done.organization.slug}) and its admin ${done.user.email}. Log in at ${base}/login`);
    return 0;
  } catch (error) {
    const appError = error instanceof AppError ? error : toAppError(error);
    if (appError.code === "NOT_FOUND") console.error("Setup is already done: a user exists. Invite people from Settings › Users instead.");
    else if (appError.code === "INTERNAL_ERROR") console.error(error);
    else console.error(`${appError.message}${appError.details ? ` ${JSON.stringify(appError.details)}` : ""}`);
    return 1;
  } finally {
    setEngine(undefined);
    await engine.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
