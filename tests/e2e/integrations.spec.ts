import { expect, test } from "@playwright/test";

import { logIn } from "./support/session";

/**
 * Globex's admin connects the demo's built-in Demo Xero. Like a real Xero login it offers every
 * organisation its user can reach: Globex's own books (A$) connect and sync as they are; Acme's
 * (NZ$) would mix currencies, so the page asks for a decision instead of importing them.
 */
test("Globex connects its own Demo Xero organisation, and a NZ$ organisation asks for a currency decision", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, "admin@globex.test");
  // Another journey changes Globex's settings (admin.spec.ts picks NZD): this one starts from the demo's A$.
  const restored = await page.evaluate(async () => {
    const res = await fetch("/api/organization", { method: "PATCH", headers: { "content-type": "application/json", "x-org-id": "globex" }, body: JSON.stringify({ currency: "AUD" }) });
    return res.status;
  });
  expect(restored).toBe(200);
  await page.goto("/globex/settings/integrations");
  const xero = page.getByTestId("integration-card-xero");
  await expect(xero.getByText("No Xero organization connected yet.")).toBeVisible();

  // The Demo Xero consent screen lists both demo organisations with their currencies.
  await xero.getByRole("link", { name: "Connect Xero" }).click();
  await expect(page.getByRole("heading", { name: "Demo Xero" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /^Demo Xero/ })).toBeVisible();
  await expect(page.getByText("Organisation · books in NZD")).toBeVisible();
  await page.getByRole("checkbox", { name: /^Globex Demo Xero/ }).check();
  await page.getByRole("button", { name: "Allow access" }).click();

  await expect(page).toHaveURL(/\/globex\/settings\/integrations\?provider=xero&connected=1$/);
  await expect(page.getByTestId("integrations-banner")).toContainText("Xero connected: 1 organization");
  const own = page.getByTestId("integration-row").filter({ hasText: "Globex Demo Xero" });
  await expect(own.getByText("Connected", { exact: true })).toBeVisible();

  // Acme's organisation keeps its books in NZD: held back, with the choice on the page.
  await xero.getByRole("link", { name: "Connect another organization" }).click();
  await page.getByRole("checkbox", { name: /^Demo Xero/ }).check();
  await page.getByRole("button", { name: "Allow access" }).click();
  await expect(page).toHaveURL(/connected=0&pending=1$/);
  await expect(page.getByTestId("integrations-banner")).toContainText("Choose a currency");
  const held = page.getByTestId("integration-row").filter({ has: page.getByText("Demo Xero", { exact: true }) });
  await expect(held.getByText("Currency to choose")).toBeVisible();
  const choice = held.getByTestId("currency-choice");
  await expect(choice).toContainText("Demo Xero keeps its books in NZD; Globex Partners uses AUD.");

  // Adopting NZD is refused while Globex's own A$ organisation is connected; the reason is shown.
  await choice.getByRole("button", { name: "Use NZD for Globex Partners" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not change the currency" })).toContainText("Globex Demo Xero is also connected");

  // Refusing disconnects it: nothing of Acme's books was imported, and Globex stays in A$.
  await choice.getByRole("button", { name: /Don.t connect/ }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Disconnect Demo Xero?");
  await dialog.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Demo Xero is disconnected" })).toBeVisible();
  await expect(held.getByText("Disconnected", { exact: true })).toBeVisible();
  await page.goto("/globex");
  await expect(page.getByText("Globex Partners · AUD")).toBeVisible();
});
