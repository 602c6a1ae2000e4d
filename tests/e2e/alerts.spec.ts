import { writeFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";

import type { AlertListPage } from "@/lib/alert-views";
import type { PurchaseOrderListView } from "@/lib/procurement-views";
import { qsWorkbook } from "../helpers/workbooks";
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

/** The badge shows `open` alerts, and nothing at zero. */
async function expectBadge(page: Page, open: number): Promise<void> {
  if (open === 0) await expect(badge(page)).toHaveCount(0);
  else await expect(badge(page)).toHaveText(new RegExp(`^${open}\\b`));
}

/**
 * The journey of issue 13 driven by an import: finance uploads a quantity-survey workbook that takes a
 * real demo PO from on track past the critical threshold, confirms it in the wizard, and the
 * evaluation the import queued opens an alert (list, badge, email) that finance then acknowledges.
 * The PO is chosen through the API, so the journey holds whatever the procurement seed contains and
 * whichever of the other journeys ran first.
 */
test("finance imports quantity surveys that push a PO past 90 %, sees the alert, the badge and the email, and acknowledges it", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await logIn(page, "finance@acme.test");
  const api = async <T,>(path: string): Promise<T> => {
    const res = await page.request.get(path, { headers: { "X-Org-Id": "acme" } });
    expect(res.status(), path).toBe(200);
    return (await res.json()) as T;
  };

  // The first start's evaluation has run (it opens alerts at each level), so the badge count read
  // below moves only because of this import.
  await expect.poll(async () => (await api<AlertListPage>("/api/alerts")).total, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);

  // An open PO on track with no alert yet: lowest utilization first, skipping what other journeys edit.
  const list = await api<PurchaseOrderListView>("/api/purchase-orders?status=open&sort=utilization&dir=asc&pageSize=100");
  const { warningPct, criticalPct, overBudgetPct } = list.thresholds;
  const active = await api<AlertListPage>("/api/alerts?status=active&pageSize=100");
  const alerted = new Set(active.items.map((a) => a.poId));
  const po = list.items.find(
    (p) => Number(p.orderValue) > 0 && p.utilizationPercent !== null && Number(p.utilizationPercent) < warningPct && !alerted.has(p.id) && !/^E2E-|^PO-24011$/.test(p.poNumber),
  );
  expect(po, "an open demo PO on track with no alert").toBeDefined();
  const target = po!;
  // One QS that takes it halfway between critical and over budget (95 % with the defaults).
  const aimPct = (criticalPct + overBudgetPct) / 2;
  const amount = Math.ceil((Number(target.orderValue) * aimPct) / 100 * 100 - Number(target.spent) * 100) / 100;
  const qsNumber = `E2E-QS-${Date.now()}`;
  const file = testInfo.outputPath("valuation.xlsx");
  await writeFile(file, await qsWorkbook([{ qsNumber, poNumber: target.poNumber, valuationDate: new Date(Date.UTC(2026, 10, 15)), amount, description: "Playwright valuation" }]));

  await page.goto("/acme/alerts");
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  await expect(rows(page).filter({ hasText: target.poNumber })).toHaveCount(0);
  const before = (await api<AlertListPage>("/api/alerts?status=open&pageSize=1")).total;
  await expectBadge(page, before);

  // The wizard: type, file, columns (all matched by their headers), review, confirm.
  await mainNav(page).getByRole("link", { name: "Imports", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Imports" })).toBeVisible();
  await page.getByRole("radio", { name: /Quantity surveys/ }).check();
  await page.locator("#import-file").setInputFiles(file);
  await expect(page.getByRole("heading", { level: 2, name: "valuation.xlsx" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Review rows" }).click();
  const counts = page.getByTestId("import-counts");
  await expect(counts).toBeVisible({ timeout: 60_000 });
  await expect(counts.getByText("To create").locator("..")).toContainText("1");
  await expect(page.getByTestId("import-preview").getByTestId("preview-row")).toHaveCount(1);
  await page.getByRole("button", { name: "Import 1 quantity surveys" }).click();
  const bar = page.getByRole("progressbar", { name: "Import of valuation.xlsx" });
  await expect(bar).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
  await expect(page.getByTestId("import-history-row").first()).toContainText("Imported");
  const after = await api<PurchaseOrderListView>(`/api/purchase-orders?q=${encodeURIComponent(target.poNumber)}`);
  const imported = after.items.find((p) => p.poNumber === target.poNumber)!;
  expect(Number(imported.utilizationPercent)).toBeGreaterThanOrEqual(criticalPct);
  expect(Number(imported.utilizationPercent)).toBeLessThan(overBudgetPct);

  // The evaluation the import queued opens a critical alert; the list and the badge show it.
  const row = rows(page).filter({ hasText: target.poNumber });
  await expect(async () => {
    await page.goto("/acme/alerts?status=open");
    await expect(row).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(row).toHaveAttribute("data-level", "critical");
  await expect(row.getByRole("link", { name: target.poNumber, exact: true })).toHaveAttribute("href", `/acme/purchase-orders/${target.id}`);
  await expectBadge(page, before + 1);

  // The escalation email reached finance (who may acknowledge), with the figures and a link to the PO.
  const email = page.getByTestId("mailbox-message").filter({ hasText: target.poNumber }).filter({ hasText: "Critical" });
  await expect(async () => {
    await page.goto("/dev/mailbox?to=finance@acme.test");
    await expect(email.first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(email).toHaveCount(1);
  await expect(email.getByRole("heading")).toHaveText(new RegExp(`^${target.poNumber} (reached|rose from \\w[\\w ]* to) Critical`));
  await expect(email).toContainText(target.supplier);
  await expect(email).toContainText(`/acme/purchase-orders/${target.id}`);

  // Acknowledge: the toast, the badge drops by one, and the alert leaves the open list.
  await page.goto("/acme/alerts?status=open");
  await row.getByRole("button", { name: `Acknowledge ${target.poNumber}` }).click();
  const dialog = page.getByRole("dialog", { name: `Acknowledge ${target.poNumber}` });
  await dialog.getByLabel("Note (optional)").fill("Valuation checked against the contract");
  await dialog.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `${target.poNumber} acknowledged` })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(0);
  await expectBadge(page, before);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  await expect(row).toHaveCount(0);
  const acknowledged = await api<AlertListPage>("/api/alerts?status=acknowledged&pageSize=100");
  expect(acknowledged.items.filter((a) => a.poId === target.id).map((a) => a.level)).toEqual(["critical"]);
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
