import { expect, test } from "@playwright/test";

import { logIn, logOut } from "./support/session";

/**
 * The e2e server is a production build with no mail provider: mail stays in the outbox. An admin
 * is told so on Settings › Users and can pass an invitation link on; other roles do not see the
 * messages (they carry invitation links).
 */
test("a production build without a mail provider warns admins and shows them the invitation to pass on", async ({ page }) => {
  const email = `outbox-${Date.now()}@example.test`;
  await logIn(page, "admin@acme.test");
  await page.goto("/acme/settings/users");
  await expect(page.getByRole("heading", { name: "Mail from this server is not delivered" })).toBeVisible();

  const invite = page.getByRole("form", { name: "Invite a member" });
  await invite.getByLabel("Email").fill(email);
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation sent" })).toContainText("No email leaves this server");

  const message = page.getByTestId("outbox-message").filter({ hasText: email });
  await expect(message).toContainText("You are invited to Acme Advisory on XeroPulse");
  const link = await message.locator('a[href*="/invite/"]').getAttribute("href");
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

  // An executive may invite too, but reads no invitation links.
  await logOut(page);
  await logIn(page, "executive@acme.test");
  await page.goto("/acme/settings/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(page.getByTestId("outbox-message")).toHaveCount(0);
  await expect(page.getByText("Invite someone")).toBeVisible();
  await expect(page.getByText("has to be passed on by an admin")).toBeVisible();
});
