import { readFile } from "node:fs/promises";

import { expect, test, type Locator, type Page } from "@playwright/test";

import { csvRecords } from "../helpers/parse-csv";
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

/** Clicks a table's CSV button and reads the file the browser saved: the server's export of every row. */
async function downloadCsv(page: Page, table: Locator): Promise<Record<string, string>[]> {
  const [download] = await Promise.all([page.waitForEvent("download"), table.getByRole("button", { name: /CSV/ }).click()]);
  return csvRecords(await readFile((await download.path())!, "utf8"));
}

/** "Top 100 of 1,234 — …": how many rows the table says it has in all. */
async function tableTotal(table: Locator): Promise<number> {
  const text = await table.getByTestId("table-extent").innerText();
  return Number(/ of ([\d,]+)/.exec(text)![1]!.replace(/,/g, ""));
}

/** A number as the tiles write it: in the organization's locale (Acme, Pacific/Auckland: en-NZ). */
const inBrowser = (page: Page, value: number, options: Intl.NumberFormatOptions) =>
  page.evaluate(([v, o]) => new Intl.NumberFormat("en-NZ", o as Intl.NumberFormatOptions).format(v as number), [value, options] as const);

/** A money amount as the tiles show it: to the cent. */
const exactMoney = (page: Page, value: number, currency: string) =>
  inBrowser(page, Math.round(value * 100) / 100, { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A tile's value, by its label (the card's text starts with it). */
const tile = (page: Page, label: string) => page.getByTestId("kpi").filter({ hasText: new RegExp(`^${label}`) }).getByTestId("kpi-value");

test("the Practice tiles agree with the tables under them, whose CSVs hold every row they claim", async ({ page }) => {
  await logIn(page, "finance@acme.test");
  await openDashboard(page, "Practice");

  const budgets = page.getByRole("region", { name: "Job budget vs actual" });
  const budgetRows = await downloadCsv(page, budgets);
  expect(budgetRows).toHaveLength(await tableTotal(budgets));
  expect(budgetRows.length).toBeGreaterThan(200);
  const over = budgetRows.filter((r) => Number(r["Over (+) / under (−) (NZD)"]) > 0).length;
  await expect(tile(page, "Jobs over budget")).toHaveText(await inBrowser(page, over, { maximumFractionDigits: 0 }));

  const wip = page.getByRole("region", { name: "Work in progress by job" });
  const wipRows = await downloadCsv(page, wip);
  expect(wipRows).toHaveLength(await tableTotal(wip));
  const wipSum = wipRows.reduce((s, r) => s + Number(r["WIP (NZD)"]), 0);
  await expect(tile(page, "Work in progress")).toHaveText(await exactMoney(page, wipSum, "NZD"));

  const staff = page.getByRole("region", { name: "Utilization by staff member" });
  const staffRows = await downloadCsv(page, staff);
  const billable = staffRows.reduce((s, r) => s + Number(r["Billable h"]), 0);
  await expect(tile(page, "Billable hours")).toHaveText(`${await inBrowser(page, billable, { maximumFractionDigits: 0 })} h`);
});

test("the Financial overview's receivables and overdue tiles are the sums of the whole aging table", async ({ page }) => {
  await logIn(page, "finance@acme.test");
  await openDashboard(page, "Financial overview");
  const aging = page.getByRole("region", { name: "Receivables aging by contact" });
  const rows = await downloadCsv(page, aging);
  const shownTotal = await aging.getByTestId("table-extent").count() ? await tableTotal(aging) : rows.length;
  expect(rows).toHaveLength(shownTotal);
  const owed = rows.reduce((s, r) => s + Number(r["Total (NZD)"]), 0);
  const current = rows.reduce((s, r) => s + Number(r["Current (NZD)"]), 0);
  await expect(tile(page, "Receivables")).toHaveText(await exactMoney(page, owed, "NZD"));
  await expect(tile(page, "Overdue")).toHaveText(await exactMoney(page, owed - current, "NZD"));
});

test("a range change keeps the old figures dimmed while the new ones load, and a preset fills the date inputs", async ({ page }) => {
  await logIn(page, "finance@acme.test");
  await openDashboard(page, "Financial overview");
  const before = await kpis(page);
  // Hold the next answer back, as a slow network would.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/dashboards/*/data?**", async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole("button", { name: "24 months" }).click();
  // At once: the inputs show the preset's dates, the preset is pressed, the old figures stay, dimmed, with a progress line.
  const to = await page.getByLabel("To", { exact: true }).inputValue();
  const end = new Date(`${to}T00:00:00Z`);
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 23, 1)).toISOString().slice(0, 10);
  await expect(page.getByLabel("From", { exact: true })).toHaveValue(start);
  await expect(page.getByRole("button", { name: "24 months" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("status").filter({ hasText: "Updating figures" })).toBeVisible();
  await expect(page.getByTestId("dashboard-figures")).toHaveAttribute("aria-busy", "true");
  expect(await kpis(page)).toEqual(before);
  await expect(page).toHaveURL(new RegExp(`from=${start}&to=${to}`));
  release();
  await expect(page.getByTestId("dashboard-updating")).toHaveCount(0);
  await expect(page.getByTestId("dashboard-figures")).toHaveAttribute("aria-busy", "false");
  await expect.poll(() => kpis(page)).not.toEqual(before);
});

test("the Contact filter is a searchable combobox, by keyboard, that finds contacts on the server", async ({ page }) => {
  await logIn(page, "finance@acme.test");
  await openDashboard(page, "Financial overview");
  const aging = page.getByRole("region", { name: "Receivables aging by contact" });
  const name = (await aging.getByRole("row").nth(3).getByRole("cell").first().innerText()).trim();
  const contact = page.getByRole("combobox", { name: "Contact" });
  await expect(contact).toHaveText("All contacts");
  await contact.focus();
  await page.keyboard.press("Enter");
  const search = page.getByPlaceholder("Search contacts…");
  await expect(search).toBeFocused();
  // Many contacts before a search; typing narrows them to the matches.
  expect(await page.getByRole("option").count()).toBeGreaterThan(15);
  await page.keyboard.type(name);
  await expect(page.getByRole("option", { name, exact: true })).toBeVisible();
  await expect(page.getByRole("option").filter({ hasNotText: name })).toHaveCount(0);
  await expect(page.getByText("Searching…")).toHaveCount(0);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/contact=/);
  await expect(contact).toHaveText(name);
  await expect(contact).toBeFocused();
  await expect(aging.getByRole("row")).toHaveCount(2);
  // Back to everyone.
  await contact.click();
  await page.getByRole("option", { name: "All contacts" }).click();
  await expect(page).not.toHaveURL(/contact=/);
});

test("Enter pressed while the next search is on its way chooses a match still shown", async ({ page }) => {
  await logIn(page, "finance@acme.test");
  await openDashboard(page, "Financial overview");
  const aging = page.getByRole("region", { name: "Receivables aging by contact" });
  const name = (await aging.getByRole("row").nth(3).getByRole("cell").first().innerText()).trim();
  const contact = page.getByRole("combobox", { name: "Contact" });
  await contact.focus();
  await page.keyboard.press("Enter");
  const prefix = name.slice(0, -1);
  await page.keyboard.type(prefix);
  await expect(page.getByRole("option", { name, exact: true })).toBeVisible();
  await expect(page.getByText("Searching…")).toHaveCount(0);
  // The search for the whole name is held on its way, as on a slow connection.
  let asked!: () => void;
  let release!: () => void;
  const longerSearchAsked = new Promise<void>((resolve) => (asked = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/dashboards/*/filter-options?**", async (route) => {
    if (new URL(route.request().url()).searchParams.get("q") === prefix) return route.continue();
    asked();
    await released;
    await route.continue().catch(() => undefined);
  });
  await page.keyboard.type(name.slice(-1));
  await longerSearchAsked;
  // Still unanswered: the last matches stay listed, marked as searching, and Enter chooses one.
  await expect(page.getByText("Searching…")).toBeVisible();
  await expect(page.getByRole("option", { name, exact: true })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/contact=/);
  release();
  await expect(contact).not.toHaveText("All contacts");
});
