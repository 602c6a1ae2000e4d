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

  // The browser resolves dot segments (also percent-encoded ones) before it reads the host, so
  // each of these would have sent a signed-in user to //evil.example.
  it.each([
    "/.//evil.example",
    "/..//evil.example",
    "/%2e//evil.example",
    "/%2E%2E//evil.example",
    "/.%2e//evil.example",
    "/a/..//evil.example",
    "/a/./..//evil.example",
    "/a/%2e%2e//evil.example",
    "/./\\evil.example",
    "/.\\/evil.example",
    "/..\\\\evil.example",
    "/.//\\evil.example",
    "/%2e/%2e//evil.example",
    "/.\t//evil.example",
    "/..\n//evil.example",
    "/\r//evil.example",
    "https:evil.example",
    "https://evil.example",
    "HTTPS://evil.example",
    "/\u0000//evil.example",
  ])("refuses %j, which a browser resolves to another host", (input) => {
    expect(safeNextPath(input, "/home")).toBe("/home");
  });

  it.each([
    ["/a/b/../c?x=1#y", "/a/c?x=1#y"],
    ["/acme/./dashboards", "/acme/dashboards"],
    // Encoded slashes and backslashes stay encoded: the browser keeps them in this site's path.
    ["/.%2f/evil.example", "/.%2f/evil.example"],
    ["/%2f%2fevil.example", "/%2f%2fevil.example"],
    ["/%5c%5cevil.example", "/%5c%5cevil.example"],
    ["/https://evil.example", "/https://evil.example"],
  ])("resolves %j to the on-site path %j", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
    expect(new URL(safeNextPath(input), "https://app.example").origin).toBe("https://app.example");
  });
});
