/**
 * The alerts' environment variables, defined once for both runtimes: src/server/config.ts merges this
 * shape into the app's config (validated and documented there), and job code under Deno reads the
 * same names through `alertScheduleMinutes(Deno.env.get)`.
 */
import { z } from "zod";
import { runtimeEnv } from "../sync/sync-settings.ts";

export const alertsEnvShape = {
  // 0 turns the periodic evaluation off (alerts then follow imports and threshold changes only).
  ALERTS_SCHEDULE_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
} as const;

/** Minutes between scheduled evaluations of every organization; a bad value falls back to hourly. */
export function alertScheduleMinutes(lookup: (name: string) => string | undefined = runtimeEnv): number {
  const parsed = alertsEnvShape.ALERTS_SCHEDULE_MINUTES.safeParse(lookup("ALERTS_SCHEDULE_MINUTES") || undefined);
  return parsed.success ? parsed.data : 60;
}
