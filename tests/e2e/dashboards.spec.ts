import { expect, test, type Page } from "@playwright/test";

import { logIn } from "./support/session";

async function openDashboard(page: Page, title: string) {
  await page.goto("/acme/dashboards");
  await page.getByRole("link", { name: new RegExp(`^${title}`) }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId("dashboard-skeleton")).toHaveCount(0);
}

/** The text of every KPI card, to compare before and after a change of range. */
const kpis = (page: Page) => page.getByTestId("kpi").allInnerTexts();

async function setRange(page: Page, from: string, to: string) {
  await page.getByLabel("From", { exact: true }).fill(from);
  await page.getByLabel("To", { exact: true }).fill(to);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${from}&to=${to}`));
}

test("a finance user opens each native dashboard, changes the date range and sees the figures change", async ({ page }) => {
  await logIn(page, "finance@acme.test");
  const today = new Date().toISOString().slice(0, 10);
  const threeMonthsAgo = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
  const twoYearsAgo = new Date(Date.now() - 700 * 86_400_000).toISOString().slice(0, 10);

  for (const title of ["Financial overview", "Practice"]) {
    await openDashboard(page, title);
    await expect(page.getByTestId("chart").first()).toBeVisible();
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    await setRange(page, threeMonthsAgo, today);
    await expect(page.getByTestId("kpi").first()).toBeVisible();
    const short = await kpis(page);
    await setRange(page, twoYearsAgo, today);
    await expect.poll(() => kpis(page)).not.toEqual(short);
    // The range survives a reload: it lives in the URL.
    await page.reload();
    await expect(page.getByLabel("From", { exact: true })).toHaveValue(twoYearsAgo);
  }

  await page.getByRole("link", { name: "Financial overview" }).click();
  await expect(page.getByRole("table").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "CSV" }).first()).toBeEnabled();
});

test("a staff user sees only the dashboards staff are allowed", async ({ page }) => {
  await logIn(page, "staff@acme.test");
  await page.goto("/acme/dashboards");
  await expect(page.getByRole("link", { name: /^Practice/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Financial overview/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Procurement/ })).toHaveCount(0);
  const status = await page.evaluate(async () => {
    const list = await (await fetch("/api/dashboards", { headers: { "X-Org-Id": "acme" } })).json();
    return list.dashboards.map((d: { key: string }) => d.key);
  });
  expect(status).toEqual(["practice"]);
});
