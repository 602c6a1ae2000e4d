import { getEngine, type Engine } from "@/server/db";
import { asServiceOn } from "@/server/db/transactions";
import type { JobDatabase } from "@edge-shared/db/database.ts";

/** The app's engine as the job code's database handle: every transaction as `service_role`. */
export function jobDatabase(engine?: Engine): JobDatabase {
  return { transaction: async (fn) => asServiceOn(engine ?? (await getEngine()), fn) };
}
