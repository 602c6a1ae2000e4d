import { expect, test, type Browser } from "@playwright/test";

import { logIn, mainNav } from "./support/session";

/**
 * The Sync panel against the demo's built-in Demo Xero (a fake Xero in the server process that
 * holds a few invoices newer than the seeded database). playwright.config.ts turns the periodic
 * sync off, so the operator's Sync now is the first sync of the run.
 */

/** The Financial overview's KPI cards as finance sees them (operators may not open that dashboard). */
async function financialKpis(browser: Browser): Promise<string[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await logIn(page, "finance@acme.test");
    await page.goto("/acme/dashboards");
    await page.getByRole("link", { name: /^Financial overview/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Financial overview" })).toBeVisible();
    await expect(page.getByTestId("dashboard-skeleton")).toHaveCount(0);
    await expect(page.getByTestId("kpi").first()).toBeVisible();
    return await page.getByTestId("kpi").allInnerTexts();
  } finally {
    await context.close();
  }
}

test("an operator syncs Demo Xero by hand, watches it finish, and the dashboard shows the newer figures", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const before = await financialKpis(browser);

  await logIn(page, "operator@acme.test");
  await mainNav(page).getByRole("link", { name: "Sync", exact: true }).click();
  await expect(page).toHaveURL(/\/acme\/admin\/sync$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sync" })).toBeVisible();

  const card = page.getByRole("region", { name: "Demo Xero", exact: true });
  await expect(card).toBeVisible();
  await expect(card.getByText("Connected", { exact: true })).toBeVisible();
  const history = page.getByTestId("sync-history-row");
  // The history has loaded (rows, or its empty state) before counting it.
  await expect(page.getByRole("table", { name: /Syncs, newest first/ }).or(page.getByText("No syncs yet", { exact: false }))).toBeVisible();
  const runsBefore = await history.count();

  const syncNow = card.getByRole("button", { name: "Sync now" });
  await expect(syncNow).toBeEnabled();
  await syncNow.click();

  const bar = card.getByRole("progressbar", { name: "Sync of Demo Xero" });
  await expect(bar).toBeVisible();
  // The bar moves to 100%; while it is below, the button stays disabled. Both are read in one DOM
  // snapshot: two separate reads could straddle the moment the run finishes.
  const seen: number[] = [];
  const disabledWhileActive: boolean[] = [];
  await expect
    .poll(
      async () => {
        const { value, disabled } = await card.evaluate((el) => {
          const progress = el.querySelector('[role="progressbar"]');
          const button = [...el.querySelectorAll("button")].find((b) => b.textContent?.includes("Sync now"));
          return { value: Number(progress?.getAttribute("aria-valuenow")), disabled: button?.disabled ?? null };
        });
        seen.push(value);
        if (value < 100) disabledWhileActive.push(disabled === true);
        return value;
      },
      { timeout: 180_000, intervals: [200] },
    )
    .toBe(100);
  expect(Math.min(...seen), "the bar started below 100%").toBeLessThan(100);
  expect(disabledWhileActive).not.toContain(false);
  await expect(card.getByTestId("sync-progress")).toHaveAttribute("data-status", "succeeded");
  await expect(syncNow).toBeEnabled();
  await expect(card.getByText(/just now|seconds? ago/).first()).toBeVisible();

  // A new history row, newest first: the succeeded manual sync, with rows written.
  await expect(history).toHaveCount(runsBefore + 1);
  const newest = history.first();
  await expect(newest).toHaveAttribute("data-status", "succeeded");
  await expect(newest).toContainText("Demo Xero");
  await expect(newest).toContainText("By hand");
  const rows = Number(await newest.getByTestId("sync-history-rows").getAttribute("data-rows"));
  expect(rows).toBeGreaterThan(0);

  // The synced invoices reach the Financial overview.
  await expect.poll(() => financialKpis(browser), { timeout: 30_000 }).not.toEqual(before);
});

test("finance reads the Sync panel but has no Sync now", async ({ page }) => {
  await logIn(page, "finance@acme.test");
  await mainNav(page).getByRole("link", { name: "Sync", exact: true }).click();
  const card = page.getByRole("region", { name: "Demo Xero", exact: true });
  await expect(card).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "History" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sync now" })).toHaveCount(0);
  await expect(card.getByText(/Admins and operators can start a sync/)).toBeVisible();
});

test("staff have no Sync in the menu and get the forbidden page at its address", async ({ page }) => {
  await logIn(page, "staff@acme.test");
  await expect(mainNav(page)).toBeVisible();
  await expect(mainNav(page).getByRole("link", { name: "Sync", exact: true })).toHaveCount(0);
  await page.goto("/acme/admin/sync");
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sync now" })).toHaveCount(0);
});
