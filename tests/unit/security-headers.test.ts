import { describe, expect, it } from "vitest";
import { securityHeaders } from "@/server/http/security-headers";

const asMap = (env: Record<string, string>) => new Map(securityHeaders(env).map((h) => [h.key, h.value]));

describe("security headers", () => {
  it("refuses framing and sniffing, and limits referrers", () => {
    const headers = asMap({ NODE_ENV: "production" });
    expect(headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(headers.get("Content-Security-Policy")).toContain("object-src 'none'");
    expect(headers.get("X-Frame-Options")).toBe("DENY");
    expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
  });

  it("sends HSTS and forbids eval only in production", () => {
    const production = asMap({ NODE_ENV: "production" });
    const development = asMap({ NODE_ENV: "development" });
    expect(production.get("Strict-Transport-Security")).toMatch(/max-age=\d+/);
    expect(development.has("Strict-Transport-Security")).toBe(false);
    expect(production.get("Content-Security-Policy")).not.toContain("unsafe-eval");
    expect(development.get("Content-Security-Policy")).toContain("unsafe-eval");
  });
});
