import { z } from "zod";
import { getEngine } from "@/server/db";
import { text } from "@/lib/text-schema";
import { PermanentJobError } from "@edge-shared/jobs/errors.ts";
import { defineJobKind, jobOrgId } from "@edge-shared/jobs/job-kind.ts";
import { DEMO_ORGANIZATIONS } from "./demo-organizations";
import { finishDemoOrgData, generateDemoFinanceData, hasFinanceData } from "./demo-org-data";
import { financeDataStatements } from "./insert-finance-data";

export const DEMO_DATA_KIND = "demo.data";

/** Rows per statement: each holds PGlite's one session for a fraction of a second, not seconds. */
const STATEMENT_ROWS = 2_000;

/**
 * A demo organization's bulk data (20,000 invoices and the practice data behind them), generated
 * after the server is up so the README logins work at once. Each statement is its own batch (one
 * short transaction with the progress): PGlite has one session, and holding it for the whole
 * dataset would hold up every sign-in meanwhile. A retry resumes after the last batch; a job for
 * an organization that already has its data (a restart) only refreshes what follows it.
 */
export const demoData = defineJobKind({
  kind: DEMO_DATA_KIND,
  runner: "node",
  // It prepares what the dashboards show.
  readPermission: "dashboards.view",
  payload: z.object({ slug: text({ error: "is required" }).min(1).max(50) }).strict(),
  maxAttempts: 3,
  async run(ctx) {
    const orgId = jobOrgId(ctx.job);
    const org = DEMO_ORGANIZATIONS.find((o) => o.slug === ctx.payload.slug);
    if (!org) throw new PermanentJobError(`"${ctx.payload.slug}" is not a demo organization`);
    const from = ctx.resumeFrom?.done ?? 0;
    let inserted = 0;
    if (from > 0 || !(await ctx.db.transaction((tx) => hasFinanceData(tx, orgId)))) {
      // The last statement is `analyze`, which needs the owner: finishDemoOrgData runs it.
      const statements = financeDataStatements(orgId, generateDemoFinanceData(org), STATEMENT_ROWS).slice(0, -1);
      for (let i = from; i < statements.length; i++) {
        await ctx.batch((tx) => tx.query(statements[i]!), { done: i + 1, total: statements.length, message: "Generating the demo data" });
        inserted++;
      }
    }
    // The owner's transaction, as npm run db:seed: the procurement and alert seeds write as it.
    const engine = await getEngine();
    await engine.transaction((tx) => finishDemoOrgData(tx, orgId, org.slug));
    return { statements: inserted };
  },
});
