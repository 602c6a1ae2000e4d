import { randomUUID } from "node:crypto";
import { config } from "@/server/config";
import type { EmailMessage } from "../send-email";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function passwordResetEmail(input: { to: string; token: string; userId: string }): EmailMessage {
  const link = `${config().APP_URL ?? "http://localhost:3000"}/reset-password?token=${encodeURIComponent(input.token)}`;
  const minutes = Math.round(config().AUTH_PASSWORD_RESET_TTL_SECONDS / 60);
  return {
    idempotencyKey: `password-reset/${input.userId}/${randomUUID()}`,
    template: "password-reset",
    to: input.to,
    subject: "Reset your XeroPulse password",
    text: `Someone asked to reset the password of your XeroPulse account.\n\nChoose a new password: ${link}\n\nThe link works for ${minutes} minutes. If it was not you, ignore this email.`,
    html: `<p>Someone asked to reset the password of your XeroPulse account.</p>
<p><a href="${escapeHtml(link)}">Choose a new password</a></p>
<p>The link works for ${minutes} minutes. If it was not you, ignore this email.</p>`,
  };
}
