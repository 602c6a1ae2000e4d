import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";

import { navItemsFor } from "@/components/app-shell/nav-items";
import type { Role } from "@/lib/permissions";

import { logIn } from "./support/session";

/**
 * Every page each demo role can open, at desktop and phone width: a screenshot of each goes into
 * the test report (for people to look at, not compared pixel by pixel), and axe runs on each in
 * light and dark mode, failing on any serious or critical violation, and no page shows an
 * environment variable's name (that is for the README). One login per role: its
 * storage state is reused for both widths. The phone overflow check lives in phone-layout.spec.ts.
 */
const ROLES: readonly Role[] = ["admin", "executive", "finance", "operator", "staff"];
const WIDTHS = [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;
const PUBLIC_PAGES = ["/login", "/signup", "/forgot-password", "/acme/no-such-page"];

// A page's axe runs take seconds each on a busy machine; the detail-page tests visit several.
test.describe.configure({ timeout: 180_000 });

const sessions = new Map<Role, Awaited<ReturnType<Awaited<ReturnType<Browser["newContext"]>>["storageState"]>>>();

async function storageFor(browser: Browser, role: Role) {
  const known = sessions.get(role);
  if (known) return known;
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, `${role}@acme.test`);
  const state = await context.storageState();
  await context.close();
  sessions.set(role, state);
  return state;
}

/** Every dashboard (each has its own charts), one alert and one PO: the detail pages a role reaches. */
const DETAIL_LISTS = [
  { list: "/acme/dashboards", pattern: /^\/acme\/dashboards\/[0-9a-f-]{36}$/, all: true },
  { list: "/acme/alerts", pattern: /^\/acme\/alerts\/[0-9a-f-]{36}$/, all: false },
  { list: "/acme/purchase-orders", pattern: /^\/acme\/purchase-orders\/[0-9a-f-]{36}$/, all: false },
] as const;

async function detailPagesFor(page: Page, role: Role): Promise<string[]> {
  const menu = navItemsFor(role).map((item) => `/acme${item.path}`);
  const details: string[] = [];
  for (const { list, pattern, all } of DETAIL_LISTS) {
    if (!menu.includes(list)) continue;
    await page.goto(list);
    await settle(page);
    const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    const matching = [...new Set(hrefs.map((h) => h.split("?")[0]!).filter((h) => pattern.test(h)))];
    details.push(...(all ? matching : matching.slice(0, 1)));
  }
  return details;
}

/** The page has rendered its data: its heading is there and nothing is still loading. */
async function settle(page: Page) {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.locator('main [aria-busy="true"], main [data-slot="skeleton"]')).toHaveCount(0, { timeout: 20_000 });
}

/** What an environment variable's name looks like (XERO_CLIENT_ID): for the server's administrator, never on a page. */
const ENV_NAME = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]{3,}\b/g;

async function checkPage(page: Page, path: string, label: string, testInfo: TestInfo) {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(path);
  await settle(page);
  const envNames = (await page.locator("body").innerText()).match(ENV_NAME) ?? [];
  expect.soft(envNames, `environment variable names shown on ${path} (${label})`).toEqual([]);
  const name = `${label} ${path}`.replace(/[^a-z0-9]+/gi, "-");
  // Attached by path (a file under test-results/), so the JSON report names it instead of inlining it.
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(`${name}.png`, { path: file, contentType: "image/png" });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" ")}`).join("\n")}`);
    expect.soft(serious, `axe on ${path} (${label}, ${scheme})`).toEqual([]);
  }
}

async function rolePage(browser: Browser, role: Role, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ storageState: await storageFor(browser, role), viewport });
  return { context, page: await context.newPage() };
}

for (const width of WIDTHS) {
  test.describe(`at ${width.name} width`, () => {
    test.use({ viewport: width.viewport });

    test("the public pages", async ({ page }, testInfo) => {
      for (const path of PUBLIC_PAGES) await checkPage(page, path, `public ${width.name}`, testInfo);
    });

    for (const role of ROLES) {
      // One test per menu page keeps a failure (or a slow page) from hiding the others.
      for (const item of navItemsFor(role)) {
        test(`${role}: ${item.label}`, async ({ browser }, testInfo) => {
          const { context, page } = await rolePage(browser, role, width.viewport);
          await checkPage(page, `/acme${item.path}`, `${role} ${width.name}`, testInfo);
          await context.close();
        });
      }
      test(`${role}: the detail pages (each dashboard, an alert, a PO)`, async ({ browser }, testInfo) => {
        const { context, page } = await rolePage(browser, role, width.viewport);
        for (const path of await detailPagesFor(page, role)) await checkPage(page, path, `${role} ${width.name}`, testInfo);
        await context.close();
      });
    }
  });
}
