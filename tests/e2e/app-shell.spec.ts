import { expect, test } from "@playwright/test";

import { logIn, mainNav } from "./support/session";

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the menu button opens the navigation, which closes on navigation and on Escape", async ({ page }) => {
    await logIn(page, "operator@acme.test");
    await expect(page).toHaveURL(/\/acme$/);
    await expect(mainNav(page)).toBeHidden();

    const menuButton = page.getByRole("button", { name: "Open menu" });
    await menuButton.click();
    await expect(page.getByRole("dialog", { name: "Menu" })).toBeVisible();
    await expect(menuButton).toHaveAttribute("aria-expanded", "true");
    await mainNav(page).getByRole("link", { name: "Sync", exact: true }).click();
    await expect(page).toHaveURL(/\/acme\/admin\/sync$/);
    await expect(page.getByRole("heading", { level: 1, name: "Sync" })).toBeVisible();
    await expect(page.getByRole("dialog", { name: "Menu" })).toBeHidden();

    await menuButton.click();
    await expect(mainNav(page).getByRole("link", { name: "Sync", exact: true })).toHaveAttribute("aria-current", "page");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog", { name: "Menu" })).toBeHidden();
    await expect(menuButton).toBeFocused();
    await expect(menuButton).toHaveAttribute("aria-expanded", "false");

    // Nothing spills sideways on a 390px screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test("dark mode toggles and is remembered", async ({ page }) => {
  await logIn(page, "executive@acme.test");
  const html = page.locator("html");
  const toggle = page.getByRole("button", { name: "Toggle dark mode" });
  const startsDark = ((await html.getAttribute("class")) ?? "").includes("dark");
  await toggle.click();
  await expect(html).toHaveClass(startsDark ? /^(?!.*\bdark\b)/ : /\bdark\b/);
  await page.reload();
  await expect(html).toHaveClass(startsDark ? /^(?!.*\bdark\b)/ : /\bdark\b/);
});

test("the navigation is usable from the keyboard", async ({ page }) => {
  await logIn(page, "finance@acme.test");
  await page.goto("/acme");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  const imports = mainNav(page).getByRole("link", { name: "Imports", exact: true });
  await imports.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/acme\/imports$/);
  await expect(page.getByRole("heading", { level: 1, name: "Imports" })).toBeVisible();
});
