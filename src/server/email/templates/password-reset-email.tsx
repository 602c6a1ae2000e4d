import { Text } from "@react-email/components";
import { render } from "@react-email/render";
import { randomUUID } from "node:crypto";
import { config } from "@/server/config";
import type { EmailMessage } from "../send-email";
import { EmailLayout, paragraph } from "./email-layout";
import { appUrl } from "@/server/app-url";

export async function passwordResetEmail(input: { to: string; token: string; userId: string }): Promise<EmailMessage> {
  const link = appUrl(`/reset-password?token=${encodeURIComponent(input.token)}`);
  const minutes = Math.round(config().AUTH_PASSWORD_RESET_TTL_SECONDS / 60);
  const intro = "Someone asked to reset the password of your XeroPulse account.";
  const footer = `The link works for ${minutes} minutes. If it was not you, ignore this email.`;
  const html = await render(
    <EmailLayout preview={intro} heading="Reset your password" action={{ label: "Choose a new password", href: link }} footer={footer}>
      <Text style={paragraph}>{intro}</Text>
    </EmailLayout>,
  );
  return {
    idempotencyKey: `password-reset/${input.userId}/${randomUUID()}`,
    template: "password-reset",
    to: input.to,
    subject: "Reset your XeroPulse password",
    text: `${intro}\n\nChoose a new password: ${link}\n\n${footer}`,
    html,
  };
}
