import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { reloadConfig } from "@/server/config";
import { setAsideClientForwarding } from "@/server/http/forwarded";
import { isCrossSiteMutation } from "@/server/http/same-origin";

/** A cookie-carrying POST as `next start` hands it to a route: Next.js built the URL from its own hostname. */
function post(headers: Record<string, string>) {
  const h = new Headers({ cookie: "xp-access-token=t", ...headers });
  setAsideClientForwarding(h);
  h.set("x-forwarded-proto", "http");
  return new NextRequest("http://localhost:4101/api/users/invite", { method: "POST", headers: h });
}

const ENV = ["APP_URL", "ALLOWED_ORIGINS", "TRUST_PROXY"] as const;
afterEach(() => {
  for (const key of ENV) delete process.env[key];
  reloadConfig();
});
function env(values: Partial<Record<(typeof ENV)[number], string>>) {
  Object.assign(process.env, values);
  reloadConfig();
}

describe("cookie-authenticated mutations", () => {
  it("are accepted from the address the browser used, whatever APP_URL says", () => {
    env({ APP_URL: "http://localhost:4101" });
    expect(isCrossSiteMutation(post({ host: "127.0.0.1:4101", origin: "http://127.0.0.1:4101" }))).toBe(false);
    expect(isCrossSiteMutation(post({ host: "192.168.1.20:4101", origin: "http://192.168.1.20:4101" }))).toBe(false);
    expect(isCrossSiteMutation(post({ host: "127.0.0.1:4101", origin: "http://localhost:4101" }))).toBe(false);
  });

  it("are refused from another site, also when the attacker names it in X-Forwarded-Host without a trusted proxy", () => {
    env({ APP_URL: "http://localhost:4101" });
    expect(isCrossSiteMutation(post({ host: "127.0.0.1:4101", origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteMutation(post({ host: "127.0.0.1:4101", origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }))).toBe(true);
    expect(isCrossSiteMutation(post({ host: "127.0.0.1:4101", origin: "http://127.0.0.1:4102" }))).toBe(true);
    expect(isCrossSiteMutation(post({ host: "127.0.0.1:4101", "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteMutation(post({ host: "127.0.0.1:4101", origin: "null" }))).toBe(true);
  });

  it("behind a trusted proxy are accepted from the origin it forwards", () => {
    env({ TRUST_PROXY: "true" });
    const proxied = { host: "app:3000", "x-forwarded-host": "portal.example.com", "x-forwarded-proto": "https" };
    expect(isCrossSiteMutation(post({ ...proxied, origin: "https://portal.example.com" }))).toBe(false);
    expect(isCrossSiteMutation(post({ ...proxied, origin: "http://portal.example.com" }))).toBe(true);
    expect(isCrossSiteMutation(post({ ...proxied, origin: "https://evil.example" }))).toBe(true);
  });

  it("are accepted from APP_URL and from ALLOWED_ORIGINS", () => {
    env({ APP_URL: "https://portal.example.com", ALLOWED_ORIGINS: "https://admin.example.com, http://10.0.0.5:3000" });
    for (const origin of ["https://portal.example.com", "https://admin.example.com", "http://10.0.0.5:3000"]) {
      expect(isCrossSiteMutation(post({ host: "app:3000", origin }))).toBe(false);
    }
    expect(isCrossSiteMutation(post({ host: "app:3000", origin: "https://other.example.com" }))).toBe(true);
  });
});
