import { describe, expect, it } from "vitest";
import { securityHeaders } from "@/server/http/security-headers";

const asMap = (env: Record<string, string>, request = { nonce: "bm9uY2Utbm9uY2Utbm9uY2U=", https: false }) =>
  new Map(securityHeaders(env, request).map((h) => [h.key, h.value]));

describe("security headers", () => {
  it("refuses framing and sniffing, and limits referrers", () => {
    const headers = asMap({ NODE_ENV: "production" });
    expect(headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(headers.get("Content-Security-Policy")).toContain("object-src 'none'");
    expect(headers.get("X-Frame-Options")).toBe("DENY");
    expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
  });

  it("sends HSTS only to https requests, and forbids eval only in production", () => {
    const production = asMap({ NODE_ENV: "production" });
    const development = asMap({ NODE_ENV: "development" });
    expect(asMap({ NODE_ENV: "production" }, { nonce: "x", https: true }).get("Strict-Transport-Security")).toMatch(/max-age=\d+/);
    // Over plain http (a LAN address, a test box) HSTS means nothing to a browser and is not sent.
    expect(production.has("Strict-Transport-Security")).toBe(false);
    expect(development.has("Strict-Transport-Security")).toBe(false);
    expect(production.get("Content-Security-Policy")).not.toContain("unsafe-eval");
    expect(development.get("Content-Security-Policy")).toContain("unsafe-eval");
  });

  it("lets scripts run only with the request's nonce, never as inline markup", () => {
    const csp = asMap({ NODE_ENV: "production" }, { nonce: "abc123==", https: true }).get("Content-Security-Policy")!;
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(scriptSrc).not.toContain("unsafe-inline");
  });
});
