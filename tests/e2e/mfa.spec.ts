import { expect, test } from "@playwright/test";

import { answerChallenge, enrollAuthenticator, totpCode } from "./support/mfa";
import { DEMO_PASSWORD, logIn, logOut } from "./support/session";

/**
 * Two-factor sign-in, the whole journey: a new admin of Acme enrolls an authenticator on their
 * profile page with a code this test computes (otpauth, as an app would), signs out, signs in, gets
 * the challenge, fails once, succeeds and reaches the settings; then signs in with a recovery code.
 */
test("an admin enrolls TOTP, is challenged at sign-in, and can use a recovery code", async ({ page, browser }) => {
  const email = `mfa-admin-${Date.now()}@acme.test`;
  const password = "mfa-admin-password";

  // A new admin joins Acme (the demo admins keep no factor, so the README's logins keep working).
  await logIn(page, "admin@acme.test", DEMO_PASSWORD);
  await page.goto("/acme/settings/users");
  const invite = page.getByRole("form", { name: "Invite a member" });
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Role").selectOption("admin");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation sent" })).toBeVisible();
  await logOut(page);

  const context = await browser.newContext();
  const admin = await context.newPage();
  await admin.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const link = await admin.getByTestId("mailbox-message").first().locator('a[href*="/invite/"]').first().getAttribute("href");
  await admin.goto(new URL(link!).pathname);
  await admin.getByLabel("Your name").fill("Mia Factor");
  await admin.getByLabel("Choose a password").fill(password);
  await admin.getByLabel("Confirm password").fill(password);
  await admin.getByRole("button", { name: "Create account and join" }).click();
  await admin.waitForURL(/\/acme$/);

  // Enrollment on the profile page: QR code, the secret as text, a friendly name, a code.
  await admin.goto("/acme/profile");
  const card = admin.getByRole("heading", { name: "Two-factor sign-in" });
  await expect(card).toBeVisible();
  await admin.getByRole("button", { name: "Set up an authenticator app" }).click();
  const { secret, codes } = await enrollAuthenticator(admin, "Mia's phone");
  expect(codes).toHaveLength(10);
  await expect(admin.getByRole("list", { name: "Your authenticators" })).toContainText("Mia's phone");
  await expect(admin.getByText("10 of 10 recovery codes left.")).toBeVisible();

  // Signed out and in again: the password alone is not enough.
  await logOut(admin);
  await admin.getByLabel("Email").fill(email);
  await admin.getByLabel("Password", { exact: true }).fill(password);
  await admin.getByRole("button", { name: "Log in" }).click();
  await expect(admin.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
  // The settings refuse an aal1 session: back to the challenge.
  await admin.goto("/acme/settings/organization");
  await expect(admin).toHaveURL(/\/login\?next=/);
  // A wrong code is refused next to the field.
  const wrong = totpCode(secret, 1) === "000000" ? "111111" : "000000";
  await admin.getByLabel("Code", { exact: true }).fill(wrong);
  await admin.getByRole("button", { name: "Verify" }).click();
  await expect(admin.getByText("That code is not right: check the app and try again")).toBeVisible();
  await answerChallenge(admin, secret, 1);
  await expect(admin).toHaveURL(/\/acme\/settings\/organization$/);
  await expect(admin.getByRole("heading", { level: 1, name: "Organization" })).toBeVisible();
  await expect(admin.getByText("Require two-factor sign-in for")).toBeVisible();

  // Another sign-in, with a recovery code instead of the app.
  await logOut(admin);
  await admin.getByLabel("Email").fill(email);
  await admin.getByLabel("Password", { exact: true }).fill(password);
  await admin.getByRole("button", { name: "Log in" }).click();
  await admin.getByRole("button", { name: "Use a recovery code instead" }).click();
  await admin.getByLabel("Recovery code").fill(codes[0]!);
  await admin.getByRole("button", { name: "Verify" }).click();
  await expect(admin.getByText("9 recovery codes left.", { exact: false })).toBeVisible();
  await admin.getByRole("button", { name: "Continue" }).click();
  await admin.waitForURL((url) => url.pathname !== "/login");
  await admin.goto("/acme/settings/organization");
  await expect(admin.getByRole("heading", { level: 1, name: "Organization" })).toBeVisible();
  await context.close();
});
