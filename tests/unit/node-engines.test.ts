/**
 * The Node versions we claim (package.json `engines`, `.nvmrc`) against what our direct
 * dependencies declare: a dependency that drops Node 20 makes `npm ci` warn EBADENGINE and would
 * quietly make our claim false.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const semver = require("semver") as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
  intersects(a: string, b: string): boolean;
};

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const declared = (name: string) =>
  (JSON.parse(readFileSync(path.join("node_modules", name, "package.json"), "utf8")) as { engines?: { node?: string } }).engines?.node;

describe("Node support", () => {
  const floor = semver.minVersion(pkg.engines.node)!.version;

  it("every direct dependency accepts the lowest Node version package.json claims", () => {
    const refusing = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]
      .map((name) => [name, declared(name)] as const)
      .filter(([, range]) => range !== undefined && !semver.satisfies(floor, range));
    expect(refusing, `these declare engines that exclude Node ${floor}`).toEqual([]);
  });

  it(".nvmrc names a version package.json accepts, and this run is on one", () => {
    const nvmrc = readFileSync(".nvmrc", "utf8").trim();
    expect(semver.intersects(`${nvmrc}.x`, pkg.engines.node)).toBe(true);
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
  });
});
