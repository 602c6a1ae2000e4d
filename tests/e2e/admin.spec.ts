import { expect, test, type Page } from "@playwright/test";

import { logIn, logOut, mainNav } from "./support/session";

/**
 * The admin journey: an admin invites a new user, the invitation arrives in the mailbox, the
 * invitee accepts and logs in with that role, a role change changes the invitee's navigation, and
 * removal takes their access away.
 */
test("invite → mailbox → accept → log in with that role → role change → removal", async ({ page, browser }) => {
  // The longest journey (two browsers, then the audit log): a loaded machine needs more than the default minute.
  test.setTimeout(120_000);
  const email = `invitee-${Date.now()}@example.test`;
  const name = "Ivy Invitee";
  const password = "ivy-strong-password";

  // The admin invites as Finance.
  await logIn(page, "admin@acme.test");
  await mainNav(page).getByRole("link", { name: "Users", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  const invite = page.getByRole("form", { name: "Invite a member" });
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Role").selectOption("finance");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation sent" })).toBeVisible();
  await expect(page.getByTestId("invitation-row").filter({ hasText: email })).toContainText("Finance");

  // The invitee, in their own browser, finds the email and opens the link.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const message = invitee.getByTestId("mailbox-message").filter({ hasText: "You are invited to Acme Advisory on XeroPulse" });
  await expect(message).toHaveCount(1);
  const link = await message.locator('a[href*="/invite/"]').first().getAttribute("href");
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await invitee.goto(new URL(link!).pathname);
  await expect(invitee.getByRole("heading", { name: "Join Acme Advisory" })).toBeVisible();
  await expect(invitee.getByText("as Finance")).toBeVisible();

  // Choosing a name and password creates the account and lands in the organization.
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee.getByText("Enter your name")).toBeVisible();
  await invitee.getByLabel("Your name").fill(name);
  await invitee.getByLabel("Choose a password").fill(password);
  await invitee.getByLabel("Confirm password").fill(password);
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await invitee.waitForURL(/\/acme$/);

  // Logs in again with the new password: the Finance navigation.
  await logOut(invitee);
  await logIn(invitee, email, password);
  await expect(invitee).toHaveURL(/\/acme$/);
  await expect(mainNav(invitee).getByRole("link", { name: "Imports", exact: true })).toBeVisible();
  await expect(mainNav(invitee).getByRole("link", { name: "Users", exact: true })).toHaveCount(0);

  // The link is used up.
  await invitee.goto(new URL(link!).pathname);
  await expect(invitee.getByRole("heading", { name: "This invitation was already used" })).toBeVisible();

  // The admin makes them Staff: Imports disappears from their navigation at the next page.
  await page.reload();
  const row = page.getByTestId("member-row").filter({ hasText: email });
  await expect(row).toContainText(name);
  await row.getByLabel(`Role of ${name}`).selectOption("staff");
  await expect(row.getByLabel(`Role of ${name}`)).toHaveValue("staff");
  await expect(page.getByTestId("toast").filter({ hasText: `${name} is now Staff` })).toBeVisible();
  await invitee.goto("/acme");
  await expect(mainNav(invitee).getByRole("link", { name: "Dashboards", exact: true })).toBeVisible();
  await expect(mainNav(invitee).getByRole("link", { name: "Imports", exact: true })).toHaveCount(0);

  // The admin removes them, after confirming: the invitee loses access at the next request.
  await row.getByRole("button", { name: `Remove ${name}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Remove ${name}?` });
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await confirm.getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByTestId("member-row").filter({ hasText: email })).toHaveCount(0);
  await expect(page.getByTestId("toast").filter({ hasText: `${name} was removed from this organization` })).toBeVisible();
  const response = await invitee.goto("/acme");
  expect(response?.status()).toBe(404);

  // Everything is in the audit log, in sentences, with the raw record one click away.
  await mainNav(page).getByRole("link", { name: "Audit log", exact: true }).click();
  for (const action of ["member.invited", "member.joined", "member.role_changed", "member.removed"]) {
    await expect(page.locator(`[data-testid="audit-row"][data-action="${action}"]`).first()).toBeVisible();
  }
  const invited = page.getByTestId("audit-row").filter({ hasText: `Ada Admin invited ${email} as finance` }).first();
  await expect(invited.getByRole("link", { name: "Ada Admin" })).toHaveAttribute("href", `/acme/settings/users?search=${encodeURIComponent("admin@acme.test")}`);
  // Removed, Ivy is no longer the admin's colleague: her profile (and name) is not theirs to read any more.
  const roleChange = page.getByTestId("audit-row").filter({ hasText: "Ada Admin changed a former member's role from finance to staff" }).first();
  await expect(roleChange).toBeVisible();
  await expect(roleChange.getByText("member.role_changed")).toBeHidden();
  await roleChange.getByText("Raw record").click();
  await expect(roleChange.getByText("member.role_changed")).toBeVisible();
  await inviteeContext.close();
});

test("an executive sees the role matrix but not the organization settings; bad links explain themselves", async ({ page }) => {
  await logIn(page, "executive@acme.test");
  await mainNav(page).getByRole("link", { name: "Roles", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Roles" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: /Executive/ })).toBeVisible();
  await expect(mainNav(page).getByRole("link", { name: "Organization", exact: true })).toHaveCount(0);
  await page.goto("/acme/settings/organization");
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();

  await page.goto("/invite/not-a-real-token");
  await expect(page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
});

test("an admin changes the organization settings, with errors next to the fields", async ({ page }) => {
  await logIn(page, "admin@globex.test");
  await mainNav(page).getByRole("link", { name: "Organization", exact: true }).click();
  await page.getByLabel("Currency").fill("U5");
  await page.getByLabel("Critical").fill("10");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("A three-letter ISO code, e.g. USD")).toBeVisible();
  await expect(page.getByText("Must be above the warning threshold")).toBeVisible();
  await expect(page.getByLabel("Currency")).toBeFocused();
  await page.getByLabel("Currency").fill("NZD");
  await page.getByLabel("Critical").fill("85");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Currency")).toHaveValue("NZD");
  await expect(page.getByLabel("Critical")).toHaveValue("85");

  await mainNav(page).getByRole("link", { name: "Billing", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Billing is not available yet" })).toBeVisible();
});

/** An instant as the organization should show it, computed by the browser's own ICU (not the app's code). */
const inZone = (page: Page, iso: string, options: Intl.DateTimeFormatOptions) =>
  page.evaluate(([at, o]) => new Intl.DateTimeFormat("en-US", { ...(o as Intl.DateTimeFormatOptions), timeZone: "America/New_York" }).format(new Date(at as string)), [iso, options] as const);

test("every page writes dates and times in the organization's locale and time zone", async ({ page }) => {
  await logIn(page, "admin@globex.test");
  await page.goto("/globex/settings/organization");
  const zone = page.getByLabel("Time zone");
  const original = { timezone: await zone.inputValue(), locale: await page.getByLabel("Number and date format").inputValue() };
  const save = async (timezone: string, locale: string) => {
    await page.goto("/globex/settings/organization");
    await page.getByLabel("Time zone").fill(timezone);
    await page.getByLabel("Number and date format").selectOption(locale);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
  };
  try {
    await save("America/New_York", "en-US");
    const usDateTime = /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}(:\d{2})?\s[AP]M$/;

    // Users: the admin's last sign-in, a client component (useFormat()).
    await page.goto("/globex/settings/users");
    const signIn = page.getByTestId("member-row").filter({ hasText: "admin@globex.test" }).locator("time");
    const signInAt = (await signIn.getAttribute("datetime"))!;
    await expect(signIn).toHaveText(await inZone(page, signInAt, { dateStyle: "medium", timeStyle: "short" }));
    await expect(signIn).toHaveText(usDateTime);

    // Profile: the same sign-in, rendered on the server (formatter()), reads the same.
    await page.goto("/globex/profile");
    const profileSignIn = page.locator("dt", { hasText: "Last sign-in" }).locator("xpath=following-sibling::dd[1]").locator("time");
    await expect(profileSignIn).toHaveText(await inZone(page, (await profileSignIn.getAttribute("datetime"))!, { dateStyle: "medium", timeStyle: "short" }));

    // Audit log: the settings change just made, to the second.
    await page.goto("/globex/settings/audit");
    const changed = page.locator('[data-testid="audit-row"][data-action="org.updated"]').first().locator("time");
    await expect(changed).toHaveText(usDateTime);
    await expect(changed).toHaveText(await inZone(page, (await changed.getAttribute("datetime"))!, { dateStyle: "medium", timeStyle: "medium" }));

    // Home: the period of the key figures, in the same US style.
    await page.goto("/globex");
    await expect(page.getByTestId("home-figures")).toContainText(/[A-Z][a-z]{2} \d{1,2}, \d{4} – [A-Z][a-z]{2} \d{1,2}, \d{4}, compared with the 30 days before/);
  } finally {
    await save(original.timezone, original.locale);
  }
});

test("the audit log's Action filter offers names grouped by area, and filters by the code behind them", async ({ page }) => {
  await logIn(page, "admin@globex.test");
  await page.goto("/globex/settings/audit");
  const action = page.getByLabel("Action");
  await expect(action.locator('optgroup[label="Members and invitations"] > option', { hasText: "Role changed" })).toHaveAttribute("value", "member.role_changed");
  const names = await action.locator("option").allTextContents();
  expect(names.filter((n) => /[._]/.test(n)), "codes shown as names").toEqual([]);
  await action.selectOption({ label: "Signed in" });
  await expect(action).toHaveValue("auth.login_succeeded");
  await expect(page.locator('[data-testid="audit-row"][data-action="auth.login_succeeded"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="audit-row"]:not([data-action="auth.login_succeeded"])')).toHaveCount(0);
});
