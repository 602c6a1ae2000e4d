import { expect, test, type Page } from "@playwright/test";

import { logIn, mainNav } from "./support/session";

/**
 * Every page each role can reach, at 390 px: nothing overflows the viewport sideways (wide tables
 * scroll inside their own region, src/components/ui/table.tsx). The pages come from the role's own
 * navigation, plus one detail page per list that has them.
 */
const ROLES = ["admin", "executive", "finance", "operator", "staff"] as const;
const PHONE = { width: 390, height: 844 };

/** The elements that stick out past the right edge: named in the failure message. */
async function overflowOf(page: Page): Promise<{ scrollWidth: number; innerWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const culprits: string[] = [];
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.right > innerWidth + 1 && r.width > 0) {
        // Only the outermost culprit: inside a scroll region, content may be wider than the screen.
        let inScroller = false;
        for (let p = el.parentElement; p; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if (o === "auto" || o === "scroll" || o === "hidden") { inScroller = true; break; }
        }
        if (!inScroller) culprits.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} (${Math.round(r.right)}px)`);
      }
    }
    return { scrollWidth: document.scrollingElement!.scrollWidth, innerWidth, culprits: culprits.slice(0, 5) };
  });
}

/** The pages of the role's navigation, and the first detail page of each list. */
async function pagesOf(page: Page): Promise<string[]> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/acme");
  const nav = await mainNav(page).getByRole("link").evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  const pages = new Set<string>(["/acme", "/acme/profile", ...nav]);
  for (const [list, detail] of [["/acme/dashboards", /^\/acme\/dashboards\/[0-9a-f-]{36}$/], ["/acme/purchase-orders", /^\/acme\/purchase-orders\/[0-9a-f-]{36}$/], ["/acme/alerts", /^\/acme\/alerts\/[0-9a-f-]{36}$/]] as const) {
    if (!pages.has(list)) continue;
    await page.goto(list);
    await page.waitForLoadState("networkidle");
    const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    for (const href of new Set(hrefs.filter((h) => detail.test(h)))) {
      pages.add(href);
      if (list !== "/acme/dashboards") break;
    }
  }
  return [...pages];
}

for (const role of ROLES) {
  test(`${role}: no page overflows a 390 px screen sideways`, async ({ page }) => {
    test.setTimeout(180_000);
    await logIn(page, `${role}@acme.test`);
    const pages = await pagesOf(page);
    expect(pages.length).toBeGreaterThan(3);
    await page.setViewportSize(PHONE);
    const failures: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const { scrollWidth, innerWidth, culprits } = await overflowOf(page);
      if (scrollWidth > innerWidth) failures.push(`${path}: ${scrollWidth} > ${innerWidth} — ${culprits.join("; ")}`);
    }
    expect(failures, `pages wider than the phone for ${role}`).toEqual([]);
  });
}

test("on a phone a wide table scrolls in its own region with the first column pinned", async ({ page }) => {
  await logIn(page, "admin@acme.test");
  await page.setViewportSize(PHONE);
  await page.goto("/acme/settings/roles");
  const region = page.getByRole("region", { name: "Permissions of each role" });
  await expect(region).toBeVisible();
  const scroll = await region.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(scroll.scrollWidth).toBeGreaterThan(scroll.clientWidth);
  const firstCell = region.locator("tbody tr").first().locator("> *").first();
  const before = await firstCell.boundingBox();
  await region.evaluate((el) => el.scrollBy({ left: 400 }));
  const after = await firstCell.boundingBox();
  expect(after!.x).toBeCloseTo(before!.x, 0);
  // A keyboard reaches the region to scroll it.
  await region.focus();
  await expect(region).toBeFocused();
});
