import { config } from "@/server/config";

/**
 * /dev/mailbox shows every outgoing email, reset links included, so it exists only outside
 * production, or in a production build that explicitly opts in with DEV_MAILBOX=true (the
 * end-to-end tests run `next start` and read their reset links there).
 */
export function devMailboxEnabled(): boolean {
  return config().NODE_ENV !== "production" || config().DEV_MAILBOX;
}
