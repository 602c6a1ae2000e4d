import { expect, test, type Page } from "@playwright/test";

import { logIn, mainNav } from "./support/session";

/**
 * The alerts journey on the demo's seeded state: the first start evaluated Acme's POs, so finance
 * sees open alerts and the badge, reads the escalation email in /dev/mailbox, acknowledges one with
 * a note (the badge drops), follows it to its timeline, and bulk-acknowledges the rest. PO numbers
 * are read from the page, not assumed, so the journey holds whatever the procurement seed contains.
 */
const badge = (page: Page) => mainNav(page).getByTestId("open-alerts-badge");
const rows = (page: Page) => page.getByTestId("alert-row");

test("finance sees the alerts and the badge, reads the email, acknowledges, and the badge drops", async ({ page }) => {
  await logIn(page, "finance@acme.test");
  // The worker evaluates the seeded POs right after the start: the badge appears within a poll.
  await expect(async () => {
    await page.reload();
    await expect(badge(page)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const before = Number((await badge(page).innerText()).match(/\d+/)![0]);
  expect(before).toBeGreaterThanOrEqual(3);

  await mainNav(page).getByRole("link", { name: "Alerts", exact: true }).click();
  await expect(page).toHaveURL(/\/acme\/alerts$/);
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  for (const level of ["warning", "critical", "over_budget"]) {
    await expect(page.locator(`[data-testid=alert-row][data-level=${level}]`).first(), `an alert at ${level}`).toBeVisible();
  }
  await expect(rows(page).first().getByRole("meter")).toBeVisible();

  // Filter by level: only critical ones, and the URL says so.
  await page.getByLabel("Level").selectOption("critical");
  await expect(page).toHaveURL(/level=critical/);
  await expect(rows(page).filter({ hasNot: page.locator("[data-level=critical]") })).toHaveCount(0);
  const critical = rows(page).first();
  const poNumber = (await critical.getByRole("link").first().innerText()).trim();
  await expect(critical.getByRole("link", { name: poNumber, exact: true })).toHaveAttribute("href", /\/acme\/purchase-orders\/[0-9a-f-]{36}$/);

  // The escalation email (or the digest naming it) is in the mailbox, with a link to the PO.
  await page.goto("/dev/mailbox?to=finance@acme.test");
  const email = page.getByTestId("mailbox-message").filter({ hasText: poNumber }).first();
  await expect(email).toBeVisible();
  await expect(email.getByRole("heading")).toContainText(/Critical|purchase orders rose/);
  await expect(email).toContainText(/\/acme\/purchase-orders\/[0-9a-f-]{36}/);

  // Acknowledge it with a note.
  await page.goto("/acme/alerts?level=critical");
  const row = rows(page).filter({ hasText: poNumber });
  await row.getByRole("button", { name: `Acknowledge ${poNumber}` }).click();
  const dialog = page.getByRole("dialog", { name: `Acknowledge ${poNumber}` });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Note (optional)").fill("Asked the supplier to hold further claims");
  await dialog.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `${poNumber} acknowledged` })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(badge(page)).toHaveText(new RegExp(`^${before - 1}\\b`));

  // Its timeline shows who acknowledged it, with the note.
  await page.getByLabel("Status").selectOption("all");
  await rows(page).filter({ hasText: poNumber }).getByRole("link", { name: /Details/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Alert on ${poNumber}` })).toBeVisible();
  const events = page.getByTestId("alert-event");
  await expect(events.first()).toHaveAttribute("data-kind", /opened|reopened|escalated/);
  await expect(page.locator("[data-testid=alert-event][data-kind=acknowledged]")).toContainText("Acknowledged by Fin Finance");
  await expect(page.locator("[data-testid=alert-event][data-kind=acknowledged]")).toContainText("Asked the supplier to hold further claims");

  // Bulk: the rest, selected with one checkbox.
  await page.goto("/acme/alerts?status=open");
  await page.getByLabel("Select all open on this page").check();
  await page.getByRole("button", { name: "Acknowledge selected" }).click();
  const bulk = page.getByRole("dialog", { name: /^Acknowledge \d+ alerts?$/ });
  await bulk.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: /alerts? acknowledged/ })).toBeVisible();
  await expect(page.getByText("No alerts match these filters.")).toBeVisible();
  await expect(badge(page)).toHaveCount(0);
});

test("an executive reads alerts but cannot acknowledge them", async ({ page }) => {
  await logIn(page, "executive@acme.test");
  await page.goto("/acme/alerts?status=all");
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByRole("button", { name: /^Acknowledge/ })).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
});

test("a member turns alert emails off on the profile page", async ({ page }) => {
  await logIn(page, "admin@acme.test");
  await page.goto("/acme/profile");
  const toggle = page.getByRole("switch", { name: "Email me when a purchase order rises into a higher budget level" });
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await expect(page.getByTestId("toast").filter({ hasText: "Alert emails turned off" })).toBeVisible();
  await page.reload();
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(page.getByTestId("toast").filter({ hasText: "Alert emails turned on" })).toBeVisible();
});
