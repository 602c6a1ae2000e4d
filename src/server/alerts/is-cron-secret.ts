import { createHash, timingSafeEqual } from "node:crypto";
import { config } from "@/server/config";

/** `Bearer <JOBS_CRON_SECRET>`, compared in constant time; always false while the secret is unset. */
export function isCronSecret(authorization: string | null): boolean {
  const secret = config().JOBS_CRON_SECRET;
  const presented = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!secret || !presented) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(presented), digest(secret));
}
