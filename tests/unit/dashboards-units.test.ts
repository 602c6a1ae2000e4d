import jwt from "jsonwebtoken";
import { afterEach, describe, expect, it } from "vitest";
import { reloadConfig } from "@/server/config";
import { resolveDateRange } from "@/server/dashboards/date-range";
import { signMetabaseEmbed } from "@/server/dashboards/metabase-embed";
import { securityHeaders } from "@/server/http/security-headers";
import { toCsv } from "@/lib/to-csv";
import { dashboardDataQuery } from "@/lib/dashboard-schemas";

const SECRET = "f".repeat(64);
const csp = (env: Record<string, string>) => securityHeaders(env).find((h) => h.key === "Content-Security-Policy")!.value;

describe("Metabase framing and signing", () => {
  afterEach(() => {
    delete process.env.METABASE_SITE_URL;
    delete process.env.METABASE_SECRET_KEY;
    reloadConfig();
  });

  it("allows framing only the configured Metabase origin, and nothing without it", () => {
    expect(csp({ NODE_ENV: "production" })).toContain("frame-src 'none'");
    expect(csp({ NODE_ENV: "production", METABASE_SITE_URL: "https://mb.example.com/base/" })).toContain("frame-src 'none'");
    const framed = csp({ NODE_ENV: "production", METABASE_SITE_URL: "https://mb.example.com/base/", METABASE_SECRET_KEY: SECRET });
    expect(framed).toContain("frame-src https://mb.example.com;");
    expect(framed).toContain("frame-ancestors 'none'");
  });

  it("signs HS256 with the literal key, a locked org_id and at most ten minutes", () => {
    process.env.METABASE_SITE_URL = "https://mb.example.com/";
    process.env.METABASE_SECRET_KEY = SECRET;
    reloadConfig();
    const now = new Date("2026-01-01T00:00:00Z");
    const { embedUrl, expiresAt } = signMetabaseEmbed(12, "11111111-1111-4111-8111-111111111111", now);
    expect(embedUrl).toMatch(/^https:\/\/mb\.example\.com\/embed\/dashboard\/[\w-]+\.[\w-]+\.[\w-]+#bordered=true&titled=true$/);
    const token = embedUrl.split("/embed/dashboard/")[1]!.split("#")[0]!;
    expect(jwt.decode(token, { complete: true })?.header.alg).toBe("HS256");
    const payload = jwt.verify(token, SECRET, { algorithms: ["HS256"], clockTimestamp: now.getTime() / 1000 }) as jwt.JwtPayload;
    expect(payload).toEqual({ resource: { dashboard: 12 }, params: { org_id: ["11111111-1111-4111-8111-111111111111"] }, exp: now.getTime() / 1000 + 600 });
    expect(expiresAt).toBe("2026-01-01T00:10:00.000Z");
  });
});

describe("dashboard inputs", () => {
  it("defaults to the last twelve months up to today in the organization's time zone", () => {
    const at = new Date("2026-03-31T12:30:00Z"); // already 1 April in Auckland
    expect(resolveDateRange({}, "Pacific/Auckland", at)).toEqual({ from: "2025-05-01", to: "2026-04-01", today: "2026-04-01" });
    expect(resolveDateRange({}, "UTC", at)).toEqual({ from: "2025-04-01", to: "2026-03-31", today: "2026-03-31" });
  });

  it("refuses inverted, absurd and unknown query parameters", () => {
    expect(dashboardDataQuery.safeParse({ from: "2026-01-01", to: "2026-02-01" }).success).toBe(true);
    for (const bad of [{ from: "2026-02-01", to: "2026-01-01" }, { from: "1999-12-31" }, { to: "2026-13-01" }, { from: "2001-01-01", to: "2099-01-01" }, { foo: "1" }, { contact: "x'; drop" }]) {
      expect(dashboardDataQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("exports CSV that spreadsheets do not execute", () => {
    expect(toCsv(["a", "b"], [["=SUM(A1)", 1.5], ['say "hi", ok', null]])).toBe('a,b\r\n\'=SUM(A1),1.5\r\n"say ""hi"", ok",');
  });
});
