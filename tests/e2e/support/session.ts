import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "xeropulse-demo";

/** Signs in through the form and waits until the page has left /login. */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD, path = "/login"): Promise<void> {
  await page.goto(path);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
}

export function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

/** Through the profile page's form; the signed-in user stays signed in. */
export async function changePassword(page: Page, org: string, currentPassword: string, password: string): Promise<void> {
  await page.goto(`/${org}/profile`);
  await page.getByLabel("Current password").fill(currentPassword);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm new password").fill(password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();
}
