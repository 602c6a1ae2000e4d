import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";

import { logIn, mainNav } from "./support/session";

/**
 * Purchase orders and quantity surveys as finance sees Acme's demo data: the list with utilization
 * bars coloured by level, sorting, search, a PO's page with its QSs and the spend chart, 404s for
 * ids that are not Acme's, the QS list, and the list at phone width.
 */

/** The utilization percentages of the visible rows, in order (null: order value 0). */
async function percents(page: Page): Promise<(number | null)[]> {
  const values = await page.getByTestId("po-row").getByTestId("utilization-bar").evaluateAll((bars) => bars.map((b) => b.getAttribute("data-percent") ?? ""));
  return values.map((v) => (v === "" ? null : Number(v)));
}

test("finance reads the demo POs with their utilization, sorts, searches and opens one with its QSs and chart", async ({ page }) => {
  await logIn(page, "finance@acme.test");
  await mainNav(page).getByRole("link", { name: "Purchase orders", exact: true }).click();
  await expect(page).toHaveURL(/\/acme\/purchase-orders/);
  await expect(page.getByRole("heading", { level: 1, name: "Purchase orders" })).toBeVisible();

  const rows = page.getByTestId("po-row");
  await expect(rows).toHaveCount(25);
  // 40 demo POs, and whatever the import journey (which may run first) added.
  const pager = page.getByRole("navigation", { name: "Purchase order pages" });
  await expect(pager).toContainText(/1–25 of \d+/);
  const total = Number(/of (\d+)/.exec(await pager.innerText())![1]);
  expect(total).toBeGreaterThanOrEqual(40);
  expect(total).toBeLessThan(50);
  // Every row has a bar, coloured by its level, with every level present in the demo.
  const levels = await rows.getByTestId("utilization-bar").evaluateAll((bars) => bars.map((b) => b.getAttribute("data-level")));
  expect(new Set(levels)).toEqual(new Set(["over_budget", "critical", "warning", "on_track"]));
  await expect(rows.first().getByRole("meter")).toHaveAttribute("aria-valuetext", /Over budget/);

  // Default: highest utilization first (a zero-value PO with spend counts as above every percentage).
  const desc = await percents(page);
  const numeric = desc.filter((p): p is number => p !== null);
  expect(numeric).toEqual([...numeric].sort((a, b) => b - a));

  // Lowest first, through the sort control, then reversed again through the column header.
  await page.getByLabel("Sort by").selectOption({ label: "Utilization, lowest first" });
  await expect(page).toHaveURL(/sort=utilization&dir=asc/);
  await expect.poll(async () => (await percents(page))[0]).toBe(0);
  const asc = (await percents(page)).filter((p): p is number => p !== null);
  expect(asc).toEqual([...asc].sort((a, b) => a - b));
  const header = page.getByRole("columnheader", { name: /Utilization/ });
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "descending");

  await page.getByRole("button", { name: "Next" }).click();
  await expect(pager).toContainText(`26–${total} of ${total}`);
  await expect(rows).toHaveCount(total - 25);

  await page.getByLabel("Search").fill("kauri");
  await expect(pager).toHaveCount(0);
  await expect(rows).toHaveCount(2);
  for (const text of await rows.allInnerTexts()) expect(text).toContain("Kauri Interiors Ltd");

  await page.getByLabel("Search").fill("PO-24001");
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole("link", { name: "PO-24001" }).click();
  await expect(page).toHaveURL(/\/acme\/purchase-orders\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "PO-24001" })).toBeVisible();
  await expect(page.getByRole("meter", { name: "Utilization of PO-24001" })).toHaveAttribute("aria-valuetext", /131\.4% used — Over budget/);

  const qsRows = page.getByTestId("qs-row");
  expect(await qsRows.count()).toBeGreaterThan(2);
  const dates = await qsRows.locator("td:first-child").allInnerTexts();
  const parsed = dates.map((d) => Date.parse(d));
  expect(parsed).toEqual([...parsed].sort((a, b) => a - b));
  const chart = page.getByTestId("spend-chart");
  await expect(chart.locator("svg.recharts-surface")).toBeVisible();
  await expect(chart.locator(".recharts-line path.recharts-curve")).toHaveCount(1);
  // In the organization's format: Acme is en-NZ, where its own NZ dollars read "$".
  await expect(chart.getByText(/^Order value \$\d/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Imports" })).toBeVisible();

  // An id that is not one of Acme's POs is the not-found page (not indexed) with a 404, like the API.
  for (const path of [`/acme/purchase-orders/${randomUUID()}`, "/acme/purchase-orders/not-an-id"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" }), path).toBeVisible();
    await expect(page.locator('meta[name="robots"][content*="noindex"]').first(), path).toBeAttached();
  }

  await page.goto("/acme");
  await mainNav(page).getByRole("link", { name: "Quantity surveys", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Quantity surveys" })).toBeVisible();
  await expect(page.getByTestId("qs-list-row")).toHaveCount(50);
  // The PO filter is a combobox searched on the server: type part of the number, pick the match.
  await page.getByRole("combobox", { name: "Purchase order" }).click();
  await page.getByPlaceholder("Search PO number or supplier…").fill("24001");
  await page.getByRole("option", { name: /^PO-24001\b/ }).click();
  await expect(page).toHaveURL(/poNumber=PO-24001/);
  await expect.poll(async () => new Set(await page.getByTestId("qs-list-row").locator("td:nth-child(3)").allInnerTexts())).toEqual(new Set(["PO-24001"]));
});

test("the PO list works at phone width: cards with bars, no sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await logIn(page, "finance@acme.test");
  await page.goto("/acme/purchase-orders");
  const cards = page.getByTestId("po-card");
  await expect(cards).toHaveCount(25);
  await expect(cards.first().getByRole("meter")).toBeVisible();
  await expect(page.getByTestId("po-row").first()).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await cards.first().getByRole("link").click();
  await expect(page.getByTestId("spend-chart")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("staff have no purchase orders: not in the menu, the forbidden page at their addresses", async ({ page }) => {
  await logIn(page, "staff@acme.test");
  await expect(mainNav(page).getByRole("link", { name: "Purchase orders", exact: true })).toHaveCount(0);
  for (const path of ["/acme/purchase-orders", "/acme/quantity-surveys"]) {
    expect((await page.goto(path))?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" }), path).toBeVisible();
  }
});
