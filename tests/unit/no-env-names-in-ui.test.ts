import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

import { CONFIG_KEYS } from "@/server/config";

/**
 * Pages speak to the people using the app: what the server's administrator sets (XERO_CLIENT_ID…)
 * is named in the README, never on a page. This reads every component and page (API routes
 * excepted: they show nothing) for text that names a setting, including text only shown in rare
 * states (Xero not configured) that a walk through the pages would not reach.
 */
const ROOTS = ["src/components", "src/app"];
const ENV_LOOKING = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]{3,}\b/;
const SETTING = new RegExp(`\\b(${[...CONFIG_KEYS, "SUPABASE_SERVICE_ROLE_KEY", "JOBS_CRON_SECRET"].join("|")})\\b`);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return full.startsWith(path.join("src", "app", "api")) ? [] : files(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Every piece of text a file could show: JSX text (any env-looking word) and string or template text (a setting's name). */
function offences(file: string, text = readFileSync(file, "utf8")): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const line = () => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    if (ts.isJsxText(node) && ENV_LOOKING.test(node.text)) found.push(`${file}:${line()} ${node.text.trim()}`);
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) && SETTING.test(node.text)) {
      found.push(`${file}:${line()} ${node.text.trim()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("no environment variable names in the UI", () => {
  it("finds a setting's name in page text, and leaves code and comments alone", () => {
    expect(CONFIG_KEYS).toContain("XERO_CLIENT_ID");
    const page = [
      "// XERO_CLIENT_ID in a comment is for developers",
      "export function A({ env }: { env: { SEED_DEMO: boolean } }) {",
      "  const hint = `Set ${env.SEED_DEMO ? 'x' : 'y'} METABASE_SITE_URL first`;",
      "  return <p title={hint}>The administrator sets XERO_CLIENT_ID and SOME_OTHER_NAME.</p>;",
      "}",
    ].join("\n");
    expect(offences("src/components/example.tsx", page)).toEqual([
      "src/components/example.tsx:3 METABASE_SITE_URL first",
      "src/components/example.tsx:4 The administrator sets XERO_CLIENT_ID and SOME_OTHER_NAME.",
    ]);
  });

  it("no component or page shows one", () => {
    const all = ROOTS.flatMap(files);
    expect(all.length).toBeGreaterThan(100);
    expect(all.flatMap((file) => offences(file))).toEqual([]);
  });
});
