import { readFile, writeFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";

import { logIn, mainNav } from "./support/session";

/**
 * The import journey of issue 12: finance downloads the PO template, fills a copy (made here with
 * exceljs: one new PO, one demo PO with a new order value, two rows with mistakes, and the Order
 * Value header renamed so it must be mapped by hand), uploads it, fixes the mapping, sees the
 * invalid rows, confirms, watches the bar reach 100 %, finds the new utilization on the list, and
 * undoes the import from the history.
 */

test("finance imports a filled template: maps a column, sees the invalid rows, confirms, and the PO list shows the new utilization", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await logIn(page, "finance@acme.test");

  // What the demo PO spends now: the import doubles its order value, so it is then 50 % used.
  const before = await page.request.get("/api/purchase-orders?q=PO-24011", { headers: { "X-Org-Id": "acme" } });
  const { items } = (await before.json()) as { items: { poNumber: string; supplier: string; description: string; spent: string; utilizationPercent: string }[] };
  const target = items.find((po) => po.poNumber === "PO-24011")!;
  expect(target.utilizationPercent).toBe("75.00");
  const doubled = (Number(target.spent) * 2).toFixed(2);

  await mainNav(page).getByRole("link", { name: "Imports", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Imports" })).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Purchase orders template" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("purchase-orders.xlsx");
  const templatePath = testInfo.outputPath("template.xlsx");
  await download.saveAs(templatePath);

  const workbook = new ExcelJS.Workbook();
  const bytes = await readFile(templatePath);
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = workbook.getWorksheet("Purchase orders")!;
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(["PO Number", "Supplier", "Description", "Order Value", "Currency", "Order Date", "Job Number", "Status"]);
  sheet.getCell("D1").value = "Contract sum";
  sheet.addRow(["E2E-0001", "Playwright Interiors Ltd", "Test fit-out", 1250.5, "NZD", new Date(Date.UTC(2026, 9, 1)), null, "open"]);
  sheet.addRow(["PO-24011", target.supplier, target.description, Number(doubled), "NZD", null, null, "open"]);
  sheet.addRow(["E2E-0002", null, "No supplier given", 500, "NZD", null, null, "open"]);
  sheet.addRow(["E2E-0003", "Broken Numbers Ltd", "Bad value", "twelve hundred", "NZD", null, null, "open"]);
  const filledPath = testInfo.outputPath("filled-orders.xlsx");
  await writeFile(filledPath, Buffer.from(await workbook.xlsx.writeBuffer()));

  await page.locator("#import-file").setInputFiles(filledPath);

  // Columns: Order Value found no header, so it must be chosen by hand.
  await expect(page.getByRole("heading", { level: 2, name: "filled-orders.xlsx" })).toBeVisible({ timeout: 30_000 });
  const orderValue = page.getByLabel(/^Order Value/);
  await expect(orderValue).toHaveValue("");
  await expect(page.getByText("Choose a column for Order Value")).toBeVisible();
  await expect(page.getByRole("button", { name: "Review rows" })).toBeDisabled();
  await orderValue.selectOption({ label: "D · Contract sum" });
  await expect(page.getByText("Choose a column for Order Value")).toHaveCount(0);
  await expect(page.getByRole("row").filter({ has: orderValue }).getByText("Set by you")).toBeVisible();
  await page.getByRole("button", { name: "Review rows" }).click();

  // Review: counts, the invalid cells with their messages, the errors filter.
  const counts = page.getByTestId("import-counts");
  await expect(counts).toBeVisible({ timeout: 60_000 });
  await expect(counts.getByText("To create").locator("..")).toContainText("1");
  await expect(counts.getByText("To update").locator("..")).toContainText("1");
  await expect(counts.getByText("Skipped: errors").locator("..")).toContainText("2");
  const preview = page.getByTestId("import-preview");
  await expect(preview.locator('[data-action="invalid"]')).toHaveCount(2);
  await expect(preview.locator('[data-invalid="true"]')).toHaveCount(2);
  await expect(preview.getByText("Supplier is required")).toBeVisible();
  await expect(preview.locator('[data-invalid="true"]').filter({ hasText: "twelve hundred" })).toContainText(/not a number/);
  await page.getByLabel(/Only rows with errors/).check();
  await expect(preview.getByTestId("preview-row")).toHaveCount(2);
  await page.getByLabel(/Only rows with errors/).uncheck();
  await expect(preview.getByTestId("preview-row")).toHaveCount(4);
  // At phone width the preview scrolls inside its frame; the page itself does not move sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 720 });

  // Confirm: the bar runs to 100 %, then the result.
  await page.getByRole("button", { name: "Import 2 purchase orders" }).click();
  const bar = page.getByRole("progressbar", { name: "Import of filled-orders.xlsx" });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
  const result = page.getByTestId("import-result");
  await expect(result.getByText("Created").locator("..")).toContainText("1");
  await expect(result.getByText("Updated").locator("..")).toContainText("1");
  await expect(page.getByRole("button", { name: "Error report" })).toBeVisible();
  await expect(page.getByTestId("import-history-row").first()).toContainText("Imported");

  await page.getByRole("link", { name: "See the purchase orders" }).click();
  await expect(page).toHaveURL(/\/acme\/purchase-orders(\?sort=utilization&dir=desc)?$/);
  await page.getByLabel("Search").fill("PO-24011");
  const row = page.getByTestId("po-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("meter")).toHaveAttribute("aria-valuetext", "50% used — On track");
  await page.getByLabel("Search").fill("E2E-0001");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Playwright Interiors Ltd");
  await expect(row.getByRole("meter")).toHaveAttribute("aria-valuetext", "0% used — On track");

  // Undo from the history: the new PO goes, PO-24011 gets its order value back.
  await mainNav(page).getByRole("link", { name: "Imports", exact: true }).click();
  await page.getByTestId("import-history-row").first().getByRole("button", { name: "filled-orders.xlsx" }).click();
  await page.getByRole("button", { name: "Undo…" }).click();
  await page.getByRole("button", { name: "Undo the import" }).click();
  await expect(page.getByRole("progressbar", { name: "Undo of filled-orders.xlsx" }).or(page.getByText("The import was undone", { exact: true }))).toBeVisible();
  await expect(page.getByText("The import was undone", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("1 created row was deleted and 1 updated row has its previous values back.")).toBeVisible();
  await expect(page.getByTestId("import-history-row").first()).toContainText("Undone");
  await page.goto("/acme/purchase-orders?q=PO-24011");
  await expect(row.getByRole("meter")).toHaveAttribute("aria-valuetext", "75% used — Warning");
});

test("a file that is not .xlsx is refused next to the drop zone before anything is sent", async ({ page }, testInfo) => {
  await logIn(page, "finance@acme.test");
  await page.goto("/acme/imports");
  const csv = testInfo.outputPath("orders.csv");
  await writeFile(csv, "PO Number,Supplier\nPO-1,Someone\n");
  await page.locator("#import-file").setInputFiles(csv);
  await expect(page.getByRole("alert").filter({ hasText: "is not an Excel workbook" })).toBeVisible();
  await expect(page.locator("#import-file")).toHaveAttribute("aria-invalid", "true");
});
