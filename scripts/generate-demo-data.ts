/**
 * npm run demo:data -- [--org acme] [--scale 20000] [--seed N] [--as-of YYYY-MM-DD]
 *
 * Replaces an organization's synced Xero/XPM data with generated data (deterministic for a seed,
 * size and as-of date) and refreshes its rollups, against DATABASE_URL or the embedded database.
 * --scale is the number of invoices, up to 1,000,000 (benchmarks).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { config } from "@/server/config";
import { sql } from "@/server/db/sql";
import { createPGliteEngine } from "@/server/db/pglite-engine";
import { createPostgresEngine } from "@/server/db/postgres-engine";
import { isoDateIn } from "@/server/dashboards/date-range";
import { generateFinanceData } from "@/server/demo/generate-finance-data";
import { insertFinanceData } from "@/server/demo/insert-finance-data";

const parsed = z
  .object({
    org: z.string().regex(/^[a-z0-9-]+$/).default("acme"),
    scale: z.coerce.number().int().min(10).max(1_000_000).default(20_000),
    seed: z.coerce.number().int().min(0).optional(),
    "as-of": z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  })
  .safeParse(parseArgs({ options: { org: { type: "string" }, scale: { type: "string" }, seed: { type: "string" }, "as-of": { type: "string" } } }).values);
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
  process.exit(2);
}
const args = parsed.data;

const env = config();
const engine = env.DATABASE_URL
  ? createPostgresEngine(env.DATABASE_URL, 2)
  : await createPGliteEngine({ dataDir: path.resolve(env.XEROPULSE_DATA_DIR, "pglite") });
try {
  const started = performance.now();
  const org = await engine.transaction((tx) =>
    tx.maybeOne<{ id: string; timezone: string; currency: string }>(sql`select id, timezone, currency from public.organizations where slug = ${args.org}`),
  );
  if (!org) throw new Error(`no organization with slug ${args.org}`);
  const data = generateFinanceData({
    seed: args.seed ?? [...args.org].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7),
    invoices: args.scale,
    asOf: args["as-of"] ?? isoDateIn(org.timezone),
    currency: org.currency,
  });
  await engine.transaction(async (tx) => {
    await insertFinanceData(tx, org.id, data);
  });
  console.log(`${args.org}: ${data.invoices.externalId.length} invoices, ${data.payments.externalId.length} payments, ${data.timeEntries.externalId.length} time entries in ${Math.round((performance.now() - started) / 1000)} s`);
} finally {
  await engine.close();
}
