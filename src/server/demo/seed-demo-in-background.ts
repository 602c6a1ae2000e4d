import type { Engine } from "@/server/db";
import { enqueueJob } from "@/server/jobs/enqueue-job";
import { DEMO_DATA_KIND } from "./demo-data-job";
import { seedDemoAccounts } from "./seed-demo";

/**
 * The embedded default's start-up seed: the accounts now (a README login works as soon as the
 * server answers), the bulk data by one `demo.data` job per organization, run by the worker
 * after start-up. The idempotency key makes a restart add no second job while one exists.
 */
export async function seedDemoInBackground(engine: Engine): Promise<void> {
  await engine.transaction(async (tx) => {
    for (const { org, orgId } of await seedDemoAccounts(tx)) {
      await enqueueJob(tx, { orgId, kind: DEMO_DATA_KIND, payload: { slug: org.slug }, idempotencyKey: `demo-data:${org.slug}` });
    }
  });
}

