import type { Engine } from "@/server/db";
import { asServiceOn } from "@/server/db/transactions";
import { enqueueJob } from "@/server/jobs/enqueue-job";
import { DEMO_DATA_KIND } from "./demo-data-job";
import { seedDemoAccounts } from "./seed-demo";

/**
 * The embedded default's start-up seed: the accounts now (a README login works as soon as the
 * server answers), the bulk data by one `demo.data` job per organization, run by the worker
 * after start-up. The idempotency key makes a restart add no second job while one exists; both
 * steps are idempotent, so a start that dies between them is completed by the next.
 */
export async function seedDemoInBackground(engine: Engine): Promise<void> {
  const seeded = await engine.transaction((tx) => seedDemoAccounts(tx));
  // Jobs are enqueued as the service role (the owner is nobody's member to app_private.enqueue_job).
  await asServiceOn(engine, async (tx) => {
    for (const { org, orgId } of seeded) {
      await enqueueJob(tx, { orgId, kind: DEMO_DATA_KIND, payload: { slug: org.slug }, idempotencyKey: `demo-data:${org.slug}` });
    }
  });
}
