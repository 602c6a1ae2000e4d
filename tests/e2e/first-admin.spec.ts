import { expect, test } from "@playwright/test";

import { FRESH_SETUP_TOKEN } from "./support/first-run";
import { answerChallenge, enrollAuthenticator } from "./support/mfa";
import { logOut, mainNav } from "./support/session";

/**
 * A fresh production deployment (its own server: SEED_DEMO=false, an empty database): /setup creates
 * the first organization and admin, who lands in the empty organization's start page and invites a
 * colleague; the colleague joins; /setup is gone afterwards.
 */
test("fresh deployment → /setup → first admin → invite a colleague", async ({ page, browser, request }) => {
  expect((await request.get("/api/setup")).status()).toBe(200);

  // A wrong token is refused next to its field, and nothing is created.
  await page.goto("/setup?token=not-the-right-token");
  await expect(page.getByRole("heading", { name: "Set up XeroPulse" })).toBeVisible();
  const form = page.getByRole("form", { name: "First-run setup" });
  await form.getByLabel("Organization name").fill("Fresh Ledger Partners");
  await form.getByLabel("Your name").fill("Fiona First");
  await form.getByLabel("Email").fill("fiona@freshledger.test");
  await form.getByLabel("Password", { exact: true }).fill("fiona-first-password");
  await form.getByLabel("Confirm password").fill("fiona-first-password");
  await expect(form.getByText("Your address will be /fresh-ledger-partners")).toBeVisible();
  await form.getByRole("button", { name: "Create organization and admin" }).click();
  await expect(form.getByText(/This setup token is not valid/)).toBeVisible();
  expect((await request.get("/api/setup")).status()).toBe(200);

  // The right token: the admin is signed in and lands in the new, empty organization.
  await form.getByLabel("Setup token").fill(FRESH_SETUP_TOKEN);
  await form.getByRole("button", { name: "Create organization and admin" }).click();
  // New organizations require two-factor sign-in of admins: the enrollment page comes first.
  await expect(page.getByRole("heading", { name: "Set up two-factor sign-in" })).toBeVisible();
  const { secret } = await enrollAuthenticator(page);
  await page.waitForURL(/\/fresh-ledger-partners$/);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Fiona" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /connect Xero or import a spreadsheet/ })).toBeVisible();

  // Setup is over for everybody.
  expect((await request.get("/api/setup")).status()).toBe(404);
  const gone = await request.get("/setup");
  expect(gone.status()).toBe(404);

  // The admin invites a colleague from the start page.
  await page.getByTestId("start-page").getByRole("link", { name: "Invite people" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  const invite = page.getByRole("form", { name: "Invite a member" });
  await invite.getByLabel("Email").fill("colin@freshledger.test");
  await invite.getByLabel("Role").selectOption("finance");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation sent" })).toBeVisible();

  // The colleague, in their own browser, accepts and lands in the organization as Finance.
  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  await colleague.goto(`/dev/mailbox?to=${encodeURIComponent("colin@freshledger.test")}`);
  const message = colleague.getByTestId("mailbox-message").filter({ hasText: "You are invited to Fresh Ledger Partners on XeroPulse" });
  await expect(message).toHaveCount(1);
  const link = await message.locator('a[href*="/invite/"]').first().getAttribute("href");
  await colleague.goto(new URL(link!).pathname);
  await colleague.getByLabel("Your name").fill("Colin Colleague");
  await colleague.getByLabel("Choose a password").fill("colin-colleague-password");
  await colleague.getByLabel("Confirm password").fill("colin-colleague-password");
  await colleague.getByRole("button", { name: "Create account and join" }).click();
  await colleague.waitForURL(/\/fresh-ledger-partners$/);
  await expect(mainNav(colleague).getByRole("link", { name: "Imports", exact: true })).toBeVisible();
  await colleagueContext.close();

  // The admin signs out and in again with the password chosen at setup.
  await logOut(page);
  await page.getByLabel("Email").fill("fiona@freshledger.test");
  await page.getByLabel("Password", { exact: true }).fill("fiona-first-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await answerChallenge(page, secret, 1);
  await expect(page).toHaveURL(/\/fresh-ledger-partners$/);
});
