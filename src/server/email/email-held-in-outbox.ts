import { config } from "@/server/config";

/** Whether this server keeps mail in the outbox where nobody reads it (a production build without a provider). */
export function emailHeldInOutbox(): boolean {
  const env = config();
  return env.EMAIL_TRANSPORT === "outbox" && env.NODE_ENV === "production";
}
