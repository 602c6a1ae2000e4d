import { text } from "@/lib/text-schema";
import { z } from "zod";

/**
 * Organization names, URL names (slugs), time zones and currencies: shared by the API routes and
 * the forms (setup, sign-up, a new organization, the settings page), so both say the same thing.
 */

/**
 * Slugs the app's own top-level paths use (an organization's URL is `/<slug>`). Mirrors the
 * `organizations_slug_not_reserved` constraint (migration 20261122007001); a test keeps them equal.
 */
export const RESERVED_SLUGS = [
  "about", "account", "accounts", "admin", "api", "app", "assets", "auth", "billing", "dashboard",
  "dashboards", "dev", "docs", "forbidden", "forgot-password", "health", "help", "invite", "invitations",
  "login", "logout", "mailbox", "me", "new", "not-found", "organization", "organizations", "profile",
  "public", "reset-password", "settings", "setup", "signin", "signup", "static", "status", "support",
  "system", "verify-email", "www", "xeropulse",
] as const;

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

export const orgSlugSchema = text()
  .trim()
  .toLowerCase()
  .regex(SLUG, "Lowercase letters, digits and dashes (1–48), starting and ending with a letter or digit")
  .refine((slug) => !(RESERVED_SLUGS as readonly string[]).includes(slug), "This URL name is reserved; choose another");

export const orgNameSchema = text().trim().min(1, "Enter a name").max(120, "Use at most 120 characters");

export const timezoneSchema = text().trim().min(1).max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "Unknown time zone");

export const currencySchema = text().trim().toUpperCase().regex(/^[A-Z]{3}$/, "A three-letter ISO code, e.g. USD");

/**
 * A URL name from an organization's name: "Acme Advisory Ltd." → "acme-advisory-ltd". Accents are
 * dropped, anything else becomes a dash. Empty (a name of symbols only) or reserved → "org".
 */
export function slugFromName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
  return orgSlugSchema.safeParse(slug).success ? slug : slug ? `${slug.slice(0, 44).replace(/-+$/, "")}-org` : "org";
}

/** POST /api/organizations. Without a slug, one is made from the name (and made unique). */
export const createOrganizationBody = z.object({
  name: orgNameSchema,
  slug: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), orgSlugSchema.optional()),
  timezone: timezoneSchema.optional(),
  currency: currencySchema.optional(),
});

/** DELETE /api/organization: the organization's slug, typed by the admin. */
export const deleteOrganizationBody = z.object({
  confirm: text().trim().min(1, "Type the organization's URL name to confirm").max(64),
});

export const organizationIdParams = z.object({ id: z.uuid() });
