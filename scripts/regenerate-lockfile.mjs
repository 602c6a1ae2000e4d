#!/usr/bin/env node
// npm run lockfile:regenerate — writes package-lock.json from package.json alone, in an empty
// folder: next to an existing node_modules, npm drops other platforms' optional packages and most
// integrity hashes (npm/cli#4828), and `npm ci` then fails on a fresh clone or another OS.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dir = mkdtempSync(path.join(tmpdir(), "xeropulse-lock-"));
try {
  copyFileSync("package.json", path.join(dir, "package.json"));
  execFileSync("npm", ["install", "--package-lock-only", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: dir, stdio: "inherit" });
  copyFileSync(path.join(dir, "package-lock.json"), "package-lock.json");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
execFileSync("node", ["scripts/check-lockfile.mjs"], { stdio: "inherit" });
console.log("package-lock.json regenerated; run npm ci (or npm install) to install it");
