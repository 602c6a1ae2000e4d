/**
 * npm run faults — the server killed, terminated, cut off from its database and given a folder it
 * cannot write, each checked against what a user must see: nothing lost, nothing twice, clear
 * answers. Writes bench/results/faults.json; exits non-zero when a check fails. Needs
 * `npm run build` first; FAULTS_ONLY=<name> runs one scenario; the PostgreSQL outage needs
 * FAULTS_DATABASE_URL or TEST_DATABASE_URL.
 */
import os from "node:os";
import { writeResult } from "../stats";
import { databaseOutage } from "./database-outage";
import type { FaultResult } from "./fault-result";
import { killDuringImport } from "./kill-during-import";
import { killDuringSync } from "./kill-during-sync";
import { sigtermUnderLoad } from "./sigterm-under-load";
import { unwritableDataDir } from "./unwritable-data-dir";

const PORT = Number(process.env.FAULTS_PORT ?? 3450);
const postgresUrl = process.env.FAULTS_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const only = process.env.FAULTS_ONLY;

const scenarios: { name: string; run: () => Promise<FaultResult> }[] = [
  { name: "unwritable-data-dir", run: () => unwritableDataDir(PORT) },
  { name: "kill-during-import", run: () => killDuringImport(PORT) },
  { name: "kill-during-sync", run: () => killDuringSync(PORT) },
  { name: "sigterm-under-load", run: () => sigtermUnderLoad(PORT) },
  ...(postgresUrl ? [{ name: "database-outage", run: () => databaseOutage(PORT, postgresUrl) }] : []),
];

async function main() {
  const results: FaultResult[] = [];
  for (const scenario of scenarios) {
    if (only && only !== scenario.name) continue;
    console.log(`faults: ${scenario.name}`);
    try {
      results.push(await scenario.run());
    } catch (err) {
      console.error(err);
      results.push({ name: scenario.name, passed: false, checks: [{ check: "the scenario ran", ok: false, seen: String(err) }], seconds: 0 });
    }
  }
  if (!postgresUrl) console.log("faults: database-outage skipped (set FAULTS_DATABASE_URL or TEST_DATABASE_URL)");
  await writeResult(only ? `faults-${only}` : "faults", { machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100) }, passed: results.filter((r) => r.passed).length, failed: results.filter((r) => !r.passed).length, results });
  if (results.some((r) => !r.passed)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
