import { z } from "zod";
import { text } from "./text-schema";

/** Shared by the API routes and the forms, so both give the same message for the same mistake. */
export const emailSchema = text().trim().toLowerCase().max(254).email("Enter a valid email address");
// bcrypt reads at most 72 bytes; longer passwords would be silently truncated.
export const newPasswordSchema = text()
  .min(8, "Use at least 8 characters")
  .refine((p) => new TextEncoder().encode(p).length <= 72, "Use at most 72 bytes");

/**
 * A form that sets a new password: `password` (the rules above) and `confirmPassword`, which must
 * match, next to any other fields of that form.
 */
export function withConfirmedPassword<T extends z.ZodRawShape>(shape: T) {
  const passwords = { password: newPasswordSchema, confirmPassword: text() };
  return z.object(shape).extend(passwords).refine(
    // A generic shape hides the two keys from the inferred type; they are there by construction.
    (v) => {
      const { password, confirmPassword } = v as unknown as { password: string; confirmPassword: string };
      return password === confirmPassword;
    },
    { path: ["confirmPassword"], message: "The passwords do not match" },
  );
}

export const loginBody = z.object({ email: emailSchema, password: text().min(1, "Enter your password").max(1024) });
/** Where Supabase Auth lands after OAuth / PKCE / an email link: the code, and the path to go on to. */
export const authCallbackQuery = z.object({ code: text().min(1).max(1024).optional(), next: text().max(2048).optional() });
export const passwordResetBody = z.object({ email: emailSchema });
/** Either a reset token (from the email link) or, signed in, the current password — not both. */
export const passwordUpdateBody = z
  .object({
    token: text().min(16, "This reset link is incomplete").max(256).optional(),
    currentPassword: text().min(1, "Enter your current password").max(1024).optional(),
    password: newPasswordSchema,
  })
  .refine((b) => (b.token === undefined) !== (b.currentPassword === undefined), {
    message: "Send either the reset token or your current password",
    path: ["currentPassword"],
  });

/**
 * A redirect target after sign-in must be a path on this site. It is judged after resolving it the
 * way a browser does (dot segments, `%2e`, backslashes): `/.//evil.example` resolves to
 * `//evil.example`, which a browser reads as another host, so the resolved path may not start with
 * `//` or `/\` either. Control characters (a browser strips tabs and newlines, joining `/` `\t` `/`
 * into `//`) are refused outright. Anything else becomes `fallback`.
 */
export function safeNextPath(next: string | null | undefined, fallback = "/"): string {
  if (!next || next.length > 2048 || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  try {
    const base = "http://xeropulse.invalid";
    const url = new URL(next, base);
    if (url.origin !== base) return fallback;
    const resolved = `${url.pathname}${url.search}${url.hash}`;
    return isOnSitePath(resolved) ? resolved : fallback;
  } catch {
    return fallback;
  }
}

function isOnSitePath(path: string): boolean {
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return false;
  // Judged again as the browser will see the Location header: it must stay on this site.
  const base = "http://xeropulse.invalid";
  try {
    return new URL(path, base).origin === base;
  } catch {
    return false;
  }
}
