import { expect, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";

/** The code an authenticator app shows for `secret`, `offsetSteps` 30-second steps from now. */
export function totpCode(secret: string, offsetSteps = 0): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: Date.now() + offsetSteps * 30_000 });
}

/**
 * Fills the enrollment form shown on the profile page or /account/two-factor: a name, then the code
 * for the secret shown as text; returns the secret and the recovery codes shown once.
 */
export async function enrollAuthenticator(page: Page, friendlyName = "Test phone"): Promise<{ secret: string; codes: string[] }> {
  await page.getByLabel("Name").fill(friendlyName);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from the app").fill(totpCode(secret));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  const panel = page.getByTestId("recovery-codes");
  await expect(panel.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  const codes = (await panel.getByRole("listitem").allTextContents()).map((c) => c.trim());
  await page.getByRole("button", { name: "I have saved them" }).click();
  return { secret, codes };
}

/** The login page's second step with a code `offsetSteps` ahead (the enrollment's code is spent). */
export async function answerChallenge(page: Page, secret: string, offsetSteps = 1): Promise<void> {
  await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
  await page.getByLabel("Code", { exact: true }).fill(totpCode(secret, offsetSteps));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}
