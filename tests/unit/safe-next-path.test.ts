import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth-schemas";

describe("safeNextPath (open-redirect guard)", () => {
  it.each([
    ["/acme/dashboards", "/acme/dashboards"],
    ["/acme?tab=1#x", "/acme?tab=1#x"],
    ["/", "/"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/\u0000",
    "evil",
    "",
    null,
    undefined,
  ])("refuses %j and falls back", (input) => {
    expect(safeNextPath(input as string, "/home")).toBe("/home");
  });

  it("refuses an absurdly long path", () => {
    expect(safeNextPath(`/${"a".repeat(3000)}`)).toBe("/");
  });

  it("keeps percent-encoded characters encoded, on this site", () => {
    expect(safeNextPath("/%0d%0aSet-Cookie:x")).toBe("/%0d%0aSet-Cookie:x");
  });

  it("refuses a tab or newline smuggled into the host part", () => {
    expect(safeNextPath("/\t/evil.example")).toBe("/");
    expect(safeNextPath("/\n/evil.example")).toBe("/");
  });
});
