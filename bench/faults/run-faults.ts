/**
 * npm run faults — the server killed, terminated, cut off from its database, given a folder it
 * cannot write and a disk that fills up, each checked against what a user must see: nothing lost, nothing twice, clear
 * answers. Writes bench/results/faults.json; exits non-zero when a check fails. Needs
 * `npm run build` first; FAULTS_ONLY=<name>[,<name>…] runs only those scenarios; the PostgreSQL outage needs
 * FAULTS_DATABASE_URL or TEST_DATABASE_URL.
 */
import os from "node:os";
import { writeResult } from "../stats";
import { databaseOutage } from "./database-outage";
import { diskFull } from "./disk-full";
import type { FaultResult } from "./fault-result";
import { killDuringImport } from "./kill-during-import";
import { killDuringSync } from "./kill-during-sync";
import { sigtermUnderLoad } from "./sigterm-under-load";
import { unwritableDataDir } from "./unwritable-data-dir";

const PORT = Number(process.env.FAULTS_PORT ?? 3450);
const postgresUrl = process.env.FAULTS_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const only = process.env.FAULTS_ONLY?.split(",").map((n) => n.trim()).filter(Boolean);

const scenarios: { name: string; run: () => Promise<FaultResult> }[] = [
  { name: "unwritable-data-dir", run: () => unwritableDataDir(PORT) },
  { name: "disk-full", run: () => diskFull(PORT) },
  { name: "kill-during-import", run: () => killDuringImport(PORT) },
  { name: "kill-during-sync", run: () => killDuringSync(PORT) },
  { name: "sigterm-under-load", run: () => sigtermUnderLoad(PORT) },
  ...(postgresUrl ? [{ name: "database-outage", run: () => databaseOutage(PORT, postgresUrl) }] : []),
];

async function main() {
  const results: { scenario: string; result: FaultResult }[] = [];
  for (const scenario of scenarios) {
    if (only && !only.includes(scenario.name)) continue;
    console.log(`faults: ${scenario.name}`);
    try {
      results.push({ scenario: scenario.name, result: await scenario.run() });
    } catch (err) {
      console.error(err);
      results.push({ scenario: scenario.name, result: { name: scenario.name, passed: false, checks: [{ check: "the scenario ran", ok: false, seen: String(err) }], seconds: 0 } });
    }
  }
  if (!postgresUrl) console.log("faults: database-outage skipped (set FAULTS_DATABASE_URL or TEST_DATABASE_URL)");
  const machine = { cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100) };
  const summary = (list: FaultResult[]) => ({ machine, passed: list.filter((r) => r.passed).length, failed: list.filter((r) => !r.passed).length, results: list });
  // A chosen few each update their own file (faults-<name>.json); a whole run writes faults.json.
  if (only) for (const { scenario, result } of results) await writeResult(`faults-${scenario}`, summary([result]));
  else await writeResult("faults", summary(results.map((r) => r.result)));
  if (results.some((r) => !r.result.passed)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
