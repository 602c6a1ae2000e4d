#!/usr/bin/env node
// npm run lockfile:check — fails when package-lock.json has drifted from package.json, the way
// `npm ci` would refuse it on a fresh clone, without installing anything:
//   1. every dependency range in package.json is recorded, unchanged, in the lockfile's root entry,
//      and the locked version satisfies it;
//   2. every optional dependency of every locked package (other platforms' native binaries such as
//      @next/swc-darwin-arm64) is itself in the lockfile. npm drops those when a lockfile is written
//      next to an existing node_modules (npm/cli#4828); `npm ci` then fails on other machines.
// To regenerate: `npm run lockfile:regenerate` (writes the lockfile from package.json alone).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const semver = require("semver");
const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const packages = lock.packages ?? {};
const root = packages[""] ?? {};
const problems = [];

for (const field of ["dependencies", "devDependencies", "optionalDependencies"]) {
  for (const [name, range] of Object.entries(pkg[field] ?? {})) {
    if (root[field]?.[name] !== range) problems.push(`${field}.${name}: package.json says ${range}, the lockfile ${root[field]?.[name] ?? "nothing"}`);
    const locked = packages[`node_modules/${name}`]?.version;
    if (!locked) problems.push(`${name} is not in the lockfile`);
    else if (!semver.satisfies(locked, range)) problems.push(`${name}@${locked} does not satisfy ${range}`);
  }
}

// A package's dependency resolves to the nearest node_modules/<dep> walking up from the package.
function resolves(path, dep) {
  let dir = path;
  for (;;) {
    if (packages[`${dir ? `${dir}/` : ""}node_modules/${dep}`]) return true;
    if (!dir) return false;
    const cut = dir.lastIndexOf("node_modules/");
    dir = cut <= 0 ? "" : dir.slice(0, cut - 1);
  }
}
for (const [path, entry] of Object.entries(packages)) {
  if (!path) continue;
  for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
    if (!resolves(path, dep)) problems.push(`${path} lists the optional ${dep}, which the lockfile lacks`);
  }
}

if (problems.length > 0) {
  console.error(`package-lock.json has drifted from package.json (run npm run lockfile:regenerate):\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`lockfile: ${Object.keys(packages).length - 1} packages, in step with package.json`);
