#!/usr/bin/env node
// npm test: every suite — Vitest (unit; integration on PGlite, and on PostgreSQL when
// TEST_DATABASE_URL is set) then Playwright in Chromium — and one closing line that sums them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

mkdirSync("test-results", { recursive: true });
const suites = [
  { name: "vitest", report: "test-results/vitest.json", cmd: ["npx", "vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"] },
  { name: "playwright", report: "test-results/e2e.json", cmd: ["npx", "playwright", "test"] },
];

let passed = 0;
let failed = 0;
let skipped = 0;

// Static checks first, each counted as one test: a drifted lockfile, a lint error (including the
// layer rules in eslint.config.mjs), an import cycle in src/ or a type error fails the run like a
// failing test.
const checks = [
  { name: "lockfile", cmd: ["node", "scripts/check-lockfile.mjs"] },
  { name: "lint", cmd: ["npx", "eslint", "."] },
  { name: "import cycles", cmd: ["node", "scripts/check-cycles.mjs"] },
  { name: "typecheck", cmd: ["npx", "tsc", "--noEmit"] },
];
for (const check of checks) {
  const run = spawnSync(check.cmd[0], check.cmd.slice(1), { stdio: "inherit", env: process.env });
  const ok = run.status === 0;
  console.log(`check ${check.name}: ${ok ? "passed" : "FAILED"}`);
  if (ok) passed += 1;
  else failed += 1;
}

for (const suite of suites) {
  rmSync(suite.report, { force: true });
  const run = spawnSync(suite.cmd[0], suite.cmd.slice(1), { stdio: "inherit", env: process.env });
  if (!existsSync(suite.report)) {
    console.error(`${suite.name}: no report was written (exit ${run.status}); counting the suite as one failure`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(suite.report, "utf8"));
  const counts =
    suite.name === "vitest"
      ? { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests }
      : { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped };
  // A runner that failed without a failing test (a crash in setup) still fails the run.
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
  console.log(`${suite.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
}
if (skipped > 0) console.log(`${skipped} skipped (each with its reason in the code)`);
// The last line is the run's summary, read by CI: exactly "N passed, N failed".
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
