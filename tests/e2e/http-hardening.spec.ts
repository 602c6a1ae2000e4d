/**
 * What only shows over real HTTP against the production build: origins, cookies, headers,
 * redirects, client addresses and the methods Next.js would answer itself. The server runs with
 * APP_URL=http://localhost:<port> (playwright.config.ts), so http://127.0.0.1:<port> and the
 * machine's LAN address are exactly "another address than APP_URL".
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";

import { DEMO_PASSWORD, logIn } from "./support/session";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const OTHER = `http://127.0.0.1:${PORT}`;
const LAN_IP = Object.values(networkInterfaces()).flat().find((i) => i && i.family === "IPv4" && !i.internal)?.address;

const flatError = (code: string) => ({ error: expect.any(String), code, timestamp: expect.any(String), requestId: expect.any(String) });

async function signedIn(playwright: { request: { newContext(o: object): Promise<APIRequestContext> } }, baseURL: string) {
  const ctx = await playwright.request.newContext({ baseURL });
  const res = await ctx.post("/api/auth/login", { data: { email: "admin@acme.test", password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
  return { ctx, login: res };
}

const setCookies = (res: APIResponse) => res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);

/** A raw request from a chosen local address (127.0.0.x are all this machine): a distinct client. */
function fromAddress(localAddress: string, method: string, urlPath: string, headers: Record<string, string>, body?: unknown) {
  return new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      { host: "127.0.0.1", port: PORT, method, path: urlPath, localAddress, headers: { ...headers, ...(payload ? { "content-type": "application/json" } : {}) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : {} }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

test.describe("another address than APP_URL", () => {
  test("cookie-authenticated mutations work at 127.0.0.1; other sites are still refused", async ({ playwright }) => {
    const { ctx } = await signedIn(playwright, OTHER);
    const headers = { origin: OTHER, "x-org-id": "acme" };
    const invite = await ctx.post("/api/users/invite", { headers, data: { email: `e2e-${randomUUID().slice(0, 8)}@example.test`, role: "staff" } });
    expect(invite.status()).toBe(201);
    const settings = await ctx.get("/api/organization", { headers });
    const rename = await ctx.patch("/api/organization", { headers, data: { name: (await settings.json()).name } });
    expect(rename.status()).toBe(200);

    const forgeries: Record<string, string>[] = [{ origin: "http://evil.example" }, { origin: "http://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" }];
    for (const forged of forgeries) {
      const refused = await ctx.post("/api/users/invite", { headers: { ...forged, "x-org-id": "acme" }, data: { email: "x@example.test", role: "staff" } });
      expect(refused.status()).toBe(403);
      expect(await refused.json()).toEqual(flatError("FORBIDDEN"));
    }
    await ctx.dispose();
  });

  test("over plain http, session cookies are not Secure and no HSTS is sent, even when the client claims https", async ({ playwright }) => {
    const { ctx, login } = await signedIn(playwright, OTHER);
    const cookies = setCookies(login);
    expect(cookies.some((c) => c.startsWith("xp-access-token="))).toBe(true);
    for (const cookie of cookies) expect(cookie).not.toMatch(/;\s*secure/i);
    expect(login.headers()["strict-transport-security"]).toBeUndefined();
    const claimed = await ctx.post("/api/auth/login", { headers: { "x-forwarded-proto": "https" }, data: { email: "admin@acme.test", password: DEMO_PASSWORD } });
    for (const cookie of setCookies(claimed)) expect(cookie).not.toMatch(/;\s*secure/i);
    expect(claimed.headers()["strict-transport-security"]).toBeUndefined();
    const page = await ctx.get("/login", { headers: { "x-forwarded-proto": "https" } });
    expect(page.headers()["strict-transport-security"]).toBeUndefined();
    await ctx.dispose();
  });

  test("a browser signs in at the machine's LAN address and reaches the dashboards", async ({ page }) => {
    test.skip(!LAN_IP, "this machine has no non-loopback IPv4 address");
    const base = `http://${LAN_IP}:${PORT}`;
    await logIn(page, "admin@acme.test", DEMO_PASSWORD, `${base}/login`);
    await expect(page).toHaveURL(`${base}/acme`);
    await page.goto(`${base}/acme/settings/users`);
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  });
});

test("after sign-in, ?next= redirects only to this site, judged as a browser resolves the path", async ({ playwright }) => {
  const { ctx } = await signedIn(playwright, OTHER);
  const hostile = [
    "/.//evil.example", "/..//evil.example", "/%2e//evil.example", "/a/..//evil.example", "/%2E%2E//evil.example",
    "/./\\evil.example", "/.\\/evil.example", "/\t/evil.example", "/\n/evil.example", "//evil.example", "/\\evil.example",
    "https://evil.example", "https:evil.example", "/%2f%2fevil.example", "/%5c%5cevil.example",
  ];
  for (const next of hostile) {
    const res = await ctx.get(`/login?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
    expect([302, 303, 307, 308], next).toContain(res.status());
    const location = res.headers()["location"]!;
    expect(location, next).not.toMatch(/^(\/\/|\/\\|[a-z]+:)/i);
    expect(new URL(location, OTHER).origin, next).toBe(OTHER);
  }
  const fine = await ctx.get(`/login?next=${encodeURIComponent("/acme/settings/users?x=1")}`, { maxRedirects: 0 });
  expect(fine.headers()["location"]).toBe("/acme/settings/users?x=1");
  await ctx.dispose();
});

test("a client rotating X-Forwarded-For is still one client to the per-IP sign-in throttle", async () => {
  // 30 failures (AUTH_LOGIN_MAX_FAILURES_PER_IP) from one socket address, each with another
  // X-Forwarded-For and another email: the next attempt is refused, though no email is locked.
  const attacker = "127.0.0.9";
  for (let i = 0; i < 30; i++) {
    const res = await fromAddress(attacker, "POST", "/api/auth/login", { "x-forwarded-for": `203.0.113.${i + 1}`, "x-real-ip": `198.51.100.${i + 1}` }, {
      email: `nobody-${randomUUID().slice(0, 8)}@example.test`,
      password: "wrong-password",
    });
    expect(res.status, `attempt ${i + 1}`).toBe(401);
  }
  const blocked = await fromAddress(attacker, "POST", "/api/auth/login", { "x-forwarded-for": "192.0.2.200" }, { email: "admin@acme.test", password: DEMO_PASSWORD });
  expect(blocked.status).toBe(429);
  expect(blocked.json).toEqual({ ...flatError("RATE_LIMITED"), details: { retryAfterSeconds: expect.any(Number) } });
  // Another machine (another socket address) is not affected.
  const bystander = await fromAddress("127.0.0.10", "POST", "/api/auth/login", { "x-forwarded-for": "127.0.0.9" }, { email: "admin@acme.test", password: DEMO_PASSWORD });
  expect(bystander.status).toBe(200);
});

test("a NUL in the password is a 422, not a 500", async ({ request }) => {
  const res = await request.post("/api/auth/login", { data: { email: "admin@acme.test", password: "xeropulse\u0000demo" } });
  expect(res.status()).toBe(422);
  expect(await res.json()).toMatchObject({ ...flatError("VALIDATION_FAILED"), details: { password: [expect.any(String)] } });
});

function routeFiles(dir = path.resolve("src/app/api")): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? routeFiles(full) : entry === "route.ts" ? [full] : [];
  });
}

test("every route file answers a method it lacks with 405 in the flat shape and Allow", async ({ request }) => {
  const files = routeFiles().filter((f) => !f.includes("[...path]"));
  expect(files.length).toBeGreaterThan(30);
  for (const file of files) {
    const urlPath = "/" + path.relative(path.resolve("src/app"), path.dirname(file)).split(path.sep).join("/").replace(/\[[^\]]+\]/g, "00000000-0000-4000-8000-000000000000");
    const implemented = /otherMethods\(\{([^}]*)\}\)/.exec(readFileSync(file, "utf8"))?.[1]?.split(",").map((m) => m.trim()).filter(Boolean);
    expect(implemented, `${urlPath}: ends with otherMethods({ … })`).toBeDefined();
    const options = await request.fetch(urlPath, { method: "OPTIONS" });
    expect(options.status(), urlPath).toBe(204);
    const allow = options.headers()["allow"]!;
    expect(allow.split(", ").sort(), urlPath).toEqual([...implemented!, ...(implemented!.includes("GET") ? ["HEAD"] : []), "OPTIONS"].sort());
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !implemented!.includes(m))) {
      const res = await request.fetch(urlPath, { method, data: method === "GET" ? undefined : {} });
      expect(res.status(), `${method} ${urlPath}`).toBe(405);
      expect(res.headers()["allow"], `${method} ${urlPath}`).toBe(allow);
      expect(res.headers()["content-type"]).toMatch(/^application\/json/);
      expect(await res.json(), `${method} ${urlPath}`).toEqual(flatError("METHOD_NOT_ALLOWED"));
    }
  }
  const unknown = await request.fetch("/api/no/such/thing", { method: "PUT", data: {} });
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toEqual(flatError("NOT_FOUND"));
});

test.describe("Content Security Policy", () => {
  test("a rendered page gets a fresh nonce, every script carries it, and nothing inline runs without it", async ({ request }) => {
    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const res = await request.get("/login");
      expect(res.status()).toBe(200);
      const csp = res.headers()["content-security-policy"]!;
      const scriptSrc = csp.split(/;\s*/).find((d) => d.startsWith("script-src "))!;
      expect(scriptSrc).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'$/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  test("the app runs in Chromium under it: sign-in and a dashboard, with no violation", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (msg) => {
      if (/Content Security Policy|Refused to (execute|load)/i.test(msg.text())) violations.push(msg.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { __csp: string[] }).__csp ??= [];
        (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await logIn(page, "finance@acme.test");
    await page.goto("/acme/dashboards");
    await page.getByRole("link", { name: /^Financial overview/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Financial overview" })).toBeVisible();
    await expect(page.getByTestId("dashboard-skeleton")).toHaveCount(0);
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    // Client-side navigation (scripts loaded by scripts) works too.
    await page.getByRole("link", { name: "Dashboards", exact: true }).click();
    await expect(page).toHaveURL(/\/acme\/dashboards$/);
    const seen = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    expect(seen).toEqual([]);
    expect(violations).toEqual([]);
  });
});
