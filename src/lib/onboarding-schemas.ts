import { text } from "@/lib/text-schema";
import { z } from "zod";
import { emailSchema, newPasswordSchema } from "./auth-schemas";
import { currencySchema, orgNameSchema, orgSlugSchema, timezoneSchema } from "./organization-schemas";

/** Shared by the onboarding routes (setup, sign-up, email verification, account deletion) and their forms. */

const personNameSchema = text().trim().min(1, "Enter your name").max(120, "Use at most 120 characters");
const blankAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** POST /api/setup: the first organization and its admin, with the one-time setup token. */
export const setupBody = z.object({
  token: text().trim().min(1, "Enter the setup token").max(256),
  organizationName: orgNameSchema,
  slug: z.preprocess(blankAsUndefined, orgSlugSchema.optional()),
  timezone: z.preprocess(blankAsUndefined, timezoneSchema.optional()),
  currency: z.preprocess(blankAsUndefined, currencySchema.optional()),
  name: personNameSchema,
  email: emailSchema,
  password: newPasswordSchema,
});

/** POST /api/auth/signup: an account and a new organization its owner administers. */
export const signupBody = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  name: personNameSchema,
  organizationName: orgNameSchema,
});

/** 32 random bytes, base64url: exactly 43 characters. Anything else is refused before any lookup. */
export const verificationTokenSchema = text().regex(/^[A-Za-z0-9_-]{43}$/, "This confirmation link is not valid");
export const verifyEmailBody = z.object({ token: verificationTokenSchema });

/** DELETE /api/me: the account's own email address, typed by its owner. */
export const deleteAccountBody = z.object({
  confirm: text().trim().min(1, "Type your email address to confirm").max(254),
});
