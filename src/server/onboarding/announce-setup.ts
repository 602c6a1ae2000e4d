import { config } from "@/server/config";
import { logger } from "@/server/http/logger";
import { setupNeeded } from "./setup-needed";
import { setupToken } from "./setup-token";

/**
 * At start, while no user exists: prints where to create the first admin, once. A generated token
 * is printed in full (`Setup: <APP_URL>/setup?token=…`); SETUP_TOKEN is never echoed. Returns the
 * line printed, or null when setup is done.
 */
export async function announceSetup(): Promise<string | null> {
  if (!(await setupNeeded())) return null;
  const { token, generated } = await setupToken();
  const base = (config().APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
  const line = generated ? `Setup: ${base}/setup?token=${token}` : `Setup: ${base}/setup (the token is the value of SETUP_TOKEN)`;
  logger.warn(line);
  return line;
}
