import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The lint rule that keeps every page on the organization's locale and time zone
 * (eslint.config.mjs, ONE_FORMAT): a component or page that formats on its own fails the build.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function formatErrors(code: string, filePath: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-syntax" && /useFormat\(\)/.test(m.message)).length;
}

describe("one way to format dates, money and numbers in components and pages", () => {
  it("refuses a formatter of a component's own", async () => {
    const file = "src/components/admin/example-list.tsx";
    expect(await formatErrors(`import { formatDate } from "@/lib/format-date";\nexport const a = formatDate("2026-11-30");\n`, file)).toBe(1);
    expect(await formatErrors(`import { formatMoney } from "@/lib/format-money";\nexport const a = formatMoney(1, "NZD");\n`, file)).toBe(1);
    expect(await formatErrors(`export const a = new Intl.DateTimeFormat("en-GB").format(new Date());\n`, file)).toBe(1);
    expect(await formatErrors(`export const a = new Intl.NumberFormat("en").format(1);\n`, file)).toBe(1);
    expect(await formatErrors(`export const a = Intl.NumberFormat().format(1);\n`, file)).toBe(1);
    expect(await formatErrors(`export const a = (1234).toLocaleString();\n`, file)).toBe(1);
    expect(await formatErrors(`export const a = new Date().toLocaleDateString("en-US");\n`, file)).toBe(1);
    expect(await formatErrors(`export const a = new Date().toLocaleTimeString();\n`, "src/app/[org]/example/page.tsx")).toBe(1);
  }, 60_000);

  it("accepts the organization's formatters, and asking the browser for its time zone", async () => {
    const file = "src/components/admin/example-list.tsx";
    expect(await formatErrors(`import { useFormat } from "@/components/format-provider";\nexport function A() { return useFormat().date("2026-11-30"); }\n`, file)).toBe(0);
    expect(await formatErrors(`import { formatter } from "@/lib/formatter";\nexport const a = formatter({ locale: "en-US", timeZone: "UTC" }).number(1);\n`, "src/app/[org]/example/page.tsx")).toBe(0);
    expect(await formatErrors(`export const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;\nexport const a = "Ab".toLocaleLowerCase();\n`, file)).toBe(0);
  }, 60_000);
});
