import { expect, test } from "@playwright/test";

import { DEMO_PASSWORD, changePassword, logIn, logOut, mainNav } from "./support/session";

const ALL_ITEMS = ["Overview", "Dashboards", "Ask", "Purchase orders", "Quantity surveys", "Sync", "Imports", "Alerts", "Users", "Roles", "Organization", "Integrations", "Billing", "Audit log", "Profile"] as const;

// Written out by hand (not derived from the app's nav definition) so a change to either is caught.
const VISIBLE: Record<string, readonly (typeof ALL_ITEMS)[number][]> = {
  admin: ALL_ITEMS,
  executive: ["Overview", "Dashboards", "Ask", "Purchase orders", "Quantity surveys", "Sync", "Alerts", "Users", "Roles", "Audit log", "Profile"],
  finance: ["Overview", "Dashboards", "Ask", "Purchase orders", "Quantity surveys", "Sync", "Imports", "Alerts", "Profile"],
  operator: ["Overview", "Dashboards", "Ask", "Purchase orders", "Quantity surveys", "Sync", "Imports", "Alerts", "Profile"],
  staff: ["Overview", "Dashboards", "Ask", "Profile"],
};

for (const [role, visible] of Object.entries(VISIBLE)) {
  test(`${role} logs in, sees only the sections the role may use, and logs out`, async ({ page }) => {
    await logIn(page, `${role}@acme.test`);
    await expect(page).toHaveURL(/\/acme$/);
    await expect(page.getByRole("heading", { level: 1, name: /^Welcome, / })).toBeVisible();
    await expect(page.getByRole("button", { name: "Organization: Acme Advisory" })).toBeVisible();

    const nav = mainNav(page);
    for (const label of ALL_ITEMS) {
      const link = nav.getByRole("link", { name: label, exact: true });
      if (visible.includes(label)) await expect(link, `${label} for ${role}`).toBeVisible();
      else await expect(link, `no ${label} for ${role}`).toHaveCount(0);
    }
    await expect(nav.getByRole("link", { name: "Overview", exact: true })).toHaveAttribute("aria-current", "page");

    await logOut(page);
    await expect(page.getByRole("heading", { name: "Log in to XeroPulse" })).toBeVisible();
    await page.goto("/acme");
    await expect(page).toHaveURL(/\/login\?next=%2Facme$/);
  });
}

test("a Globex admin sees Globex only, and Acme does not exist for them", async ({ page }) => {
  await logIn(page, "admin@globex.test");
  await expect(page).toHaveURL(/\/globex$/);
  const switcher = page.getByRole("button", { name: "Organization: Globex Partners" });
  await expect(switcher).toBeVisible();
  await switcher.click();
  // Their one organization, then the way to create another (ORG_CREATION=any).
  const items = page.getByRole("menuitem");
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText("Globex Partners");
  await expect(items.first()).toContainText("Admin");
  await expect(items.nth(1)).toHaveText("New organization");
  await page.keyboard.press("Escape");

  const response = await page.goto("/acme");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText(/Acme/)).toHaveCount(0);
  const settings = await page.goto("/acme/settings/users");
  expect(settings?.status()).toBe(404);
});

test("the login form checks its fields and refuses a wrong password", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Log in" }).click();
  const email = page.getByLabel("Email");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address");
  await expect(email).toHaveAttribute("aria-describedby", "email-error");
  await expect(email).toBeFocused();

  await email.fill("operator@acme.test");
  await page.getByLabel("Password", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password" })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});

test("a signed-in user visiting /login goes home, and next is followed only within the site", async ({ page }) => {
  await page.goto("/acme/profile");
  await expect(page).toHaveURL(/\/login\?next=%2Facme%2Fprofile$/);
  await page.getByLabel("Email").fill("executive@acme.test");
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/acme\/profile$/);
  await expect(mainNav(page).getByRole("link", { name: "Profile", exact: true })).toHaveAttribute("aria-current", "page");

  await page.goto("/login");
  await expect(page).toHaveURL(/\/acme$/);

  await logOut(page);
  await logIn(page, "executive@acme.test", DEMO_PASSWORD, "/login?next=//evil.example/steal");
  // Exactly this site's origin (the port varies: E2E_PORT), never evil.example.
  await expect(page).toHaveURL(`${test.info().project.use.baseURL}/acme`);
});

test("a role without the permission gets the forbidden page, inside the shell", async ({ page }) => {
  await logIn(page, "staff@acme.test");
  for (const path of ["/acme/settings/users", "/acme/admin/sync", "/acme/imports", "/acme/alerts", "/acme/settings/audit", "/acme/settings/organization"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" }), path).toBeVisible();
    await expect(mainNav(page)).toBeVisible();
  }
  await page.goto("/acme/dashboards");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboards" })).toBeVisible();
  // Staff see the dashboards their role is allowed (the Practice dashboard in the demo).
  await expect(page.getByRole("link", { name: /^Practice/ })).toBeVisible();
});

test("profile: shows the account and changes the password", async ({ page }) => {
  const newPassword = "staff-new-password-1";
  await logIn(page, "staff@acme.test");
  await page.getByRole("button", { name: /^Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Profile" }).click();
  await expect(page).toHaveURL(/\/acme\/profile$/);
  await expect(page.getByText("Sam Staff", { exact: true })).toBeVisible();
  await expect(page.getByText("staff@acme.test", { exact: true }).first()).toBeVisible();
  await expect(page.locator("time")).toContainText(/\d{4}/);

  await page.getByLabel("Current password").fill("wrong-current-password");
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#currentPassword-error")).toHaveText("The current password is not correct");
  await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Confirm new password").fill("something-else-entirely");
  await page.getByLabel("Current password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#confirmPassword-error")).toHaveText("The passwords do not match");

  await changePassword(page, "acme", DEMO_PASSWORD, newPassword);
  await logOut(page);
  await logIn(page, "staff@acme.test", newPassword);
  await expect(page).toHaveURL(/\/acme$/);
  await changePassword(page, "acme", newPassword, DEMO_PASSWORD);
});

test("forgot password: the emailed link sets a new password and signs in", async ({ page }) => {
  const newPassword = "finance-reset-password-1";
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill("finance@acme.test");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("Check your email")).toBeVisible();

  await page.goto("/dev/mailbox?to=finance@acme.test");
  const message = page.getByTestId("mailbox-message").first();
  await expect(message.getByRole("heading", { name: "Reset your XeroPulse password" })).toBeVisible();
  await expect(message.locator("iframe[sandbox='']")).toHaveCount(1);
  await message.getByRole("link", { name: /\/reset-password\?token=/ }).click();
  await expect(page).toHaveURL(/\/reset-password\?token=/);
  const resetUrl = page.url();

  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/acme$/);
  await expect(mainNav(page).getByRole("link", { name: "Imports", exact: true })).toBeVisible();

  await changePassword(page, "acme", newPassword, DEMO_PASSWORD);

  // The link works once.
  await page.goto(resetUrl);
  await page.getByLabel("New password", { exact: true }).fill("finance-another-password");
  await page.getByLabel("Confirm new password").fill("finance-another-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("This reset link is invalid or has expired")).toBeVisible();
});

test("a reset link that is invalid says so and offers a new one", async ({ page }) => {
  await page.goto("/reset-password?token=this-token-does-not-exist-0000");
  await page.getByLabel("New password", { exact: true }).fill("whatever-password-1");
  await page.getByLabel("Confirm new password").fill("whatever-password-1");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("This reset link is invalid or has expired")).toBeVisible();
  await page.getByRole("link", { name: "Ask for a new link" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);

  await page.goto("/reset-password");
  await expect(page.getByText("This reset link is invalid or has expired")).toBeVisible();
});
