import { expect, test, type Page } from "@playwright/test";

import { logIn, logOut } from "./support/session";

/**
 * What each role sees of colleagues' work on the Practice dashboard (docs/dashboards.md), and the
 * home page's blocks per role. In the demo, staff@acme.test is the XPM staff member "Sam Staff".
 */
async function openPractice(page: Page) {
  await page.goto("/acme/dashboards");
  await page.getByRole("link", { name: /^Practice/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Practice" })).toBeVisible();
  await expect(page.getByTestId("dashboard-skeleton")).toHaveCount(0);
}

const utilizationRows = (page: Page) => page.getByRole("region", { name: "Utilization by staff member" }).locator("tbody tr");

test("staff see their own row and the team's totals on Practice; finance sees everyone", async ({ page }) => {
  await logIn(page, "staff@acme.test");
  await openPractice(page);
  await expect(page.getByTestId("practice-own-scope")).toContainText("whole team's");
  await expect(page.getByTestId("kpi").filter({ hasText: /^Team billable hours/ })).toBeVisible();
  await expect(utilizationRows(page)).toHaveCount(1);
  await expect(utilizationRows(page).first()).toContainText("Sam Staff");
  const staffTeamHours = await page.getByTestId("kpi").filter({ hasText: /^Team billable hours/ }).getByTestId("kpi-value").innerText();

  await logOut(page);
  await logIn(page, "finance@acme.test");
  await openPractice(page);
  await expect(page.getByTestId("practice-own-scope")).toHaveCount(0);
  expect(await utilizationRows(page).count()).toBeGreaterThan(3);
  // The same team total either way.
  await expect(page.getByTestId("kpi").filter({ hasText: /^Billable hours/ }).getByTestId("kpi-value")).toHaveText(staffTeamHours);
});

test("the home page shows each role what it may see", async ({ page }) => {
  await logIn(page, "admin@acme.test");
  await expect(page).toHaveURL(/\/acme$/);
  for (const block of ["home-figures", "home-alerts", "home-sync", "home-imports", "home-invitations"]) await expect(page.getByTestId(block)).toBeVisible();
  const revenue = page.getByTestId("home-figure-revenue");
  await expect(revenue.getByTestId("home-figure-value")).toHaveText(/^\$[\d,]+\.\d{2}$/);
  await expect(revenue).toContainText("on the previous 30 days");
  await expect(revenue.getByTestId("sparkline")).toBeVisible();
  // The sparkline's text alternative.
  await expect(revenue.locator("table caption")).toHaveText("Revenue by month");

  await logOut(page);
  await logIn(page, "staff@acme.test");
  await expect(page).toHaveURL(/\/acme$/);
  await expect(page.getByTestId("home-figure-billableHours")).toContainText("Your billable hours");
  for (const block of ["home-figure-revenue", "home-alerts", "home-sync", "home-imports", "home-invitations"]) await expect(page.getByTestId(block)).toHaveCount(0);
});
