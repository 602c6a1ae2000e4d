import { expect, test } from "@playwright/test";

import { enrollAuthenticator } from "./support/mfa";
import { logIn } from "./support/session";

/**
 * Sign-up (open in the embedded demo): the form, sign-in refused until the address is confirmed,
 * the confirmation link from the mailbox, then the first sign-in lands in the new, empty
 * organization's start page.
 */
test("sign-up → confirmation email in /dev/mailbox → first sign-in lands in the new, empty organization", async ({ page }) => {
  const email = `signup-${Date.now()}@example.test`;
  const password = "sunny-signup-password";

  await page.goto("/login");
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  const form = page.getByRole("form", { name: "Sign up" });
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(form.getByText("Enter your name")).toBeVisible();
  await form.getByLabel("Your name").fill("Sunny Signup");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Organization name").fill("Sunny Side Studio");
  await form.getByLabel("Choose a password").fill(password);
  await form.getByLabel("Confirm password").fill(password);
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check your email" })).toBeVisible();

  // Not yet: the address is unconfirmed.
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("Confirm your email address first")).toBeVisible();

  // The link from the mailbox, confirmed with one click.
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const message = page.getByTestId("mailbox-message").filter({ hasText: "Confirm your email address for XeroPulse" });
  await expect(message).toHaveCount(1);
  const link = await message.locator('a[href*="/verify-email?token="]').first().getAttribute("href");
  const url = new URL(link!);
  await page.goto(`${url.pathname}${url.search}`);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Email confirmed" })).toBeVisible();
  await page.getByRole("link", { name: "Log in" }).click();
  await page.waitForURL((u) => u.pathname === "/login");

  // First sign-in: the new organization, empty, with its start page.
  const loginUrl = new URL(page.url());
  await logIn(page, email, password, `${loginUrl.pathname}${loginUrl.search}`);
  // New organizations require two-factor sign-in of admins: the enrollment page comes first.
  await expect(page.getByRole("heading", { name: "Set up two-factor sign-in" })).toBeVisible();
  await enrollAuthenticator(page);
  await expect(page).toHaveURL(/\/sunny-side-studio$/);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Sunny" })).toBeVisible();
  const start = page.getByTestId("start-page");
  await expect(start.getByRole("heading", { name: "Get Sunny Side Studio started: connect Xero or import a spreadsheet" })).toBeVisible();
  await expect(start.getByRole("link", { name: "Connect Xero" })).toHaveAttribute("href", "/sunny-side-studio/settings/integrations");
  await expect(start.getByRole("link", { name: "Import a spreadsheet" })).toHaveAttribute("href", "/sunny-side-studio/imports");
  await expect(page.getByRole("button", { name: /Organization: Sunny Side Studio/ })).toBeVisible();

  // The link is spent.
  await page.goto(`${url.pathname}${url.search}`);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This link cannot be used" })).toBeVisible();
});
