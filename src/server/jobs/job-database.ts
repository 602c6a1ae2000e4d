import { getEngine, type Engine } from "@/server/db";
import { asServiceOn } from "@/server/db/transactions";
import { oneStatementTx, type JobDatabase } from "@edge-shared/db/database.ts";

/**
 * The app's engine as the job code's database handle: every transaction as `service_role`, and the
 * queue's single statements (claim, settle) in one round trip each (`Engine.statement`).
 */
export function jobDatabase(engine?: Engine): JobDatabase {
  const resolve = async () => engine ?? (await getEngine());
  return {
    transaction: async (fn) => asServiceOn(await resolve(), fn),
    single: async (fn) => {
      const e = await resolve();
      return fn(oneStatementTx((query) => e.statement(query)));
    },
  };
}
