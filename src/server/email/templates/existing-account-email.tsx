import { Text } from "@react-email/components";
import { render } from "@react-email/render";
import { config } from "@/server/config";
import type { EmailMessage } from "../send-email";
import { EmailLayout, paragraph } from "./email-layout";

/**
 * Sent instead of a confirmation link when somebody signs up with an address that already has an
 * account: the sign-up page answers the same either way, and only the owner learns of it.
 */
export async function existingAccountEmail(input: { to: string; requestId: string }): Promise<EmailMessage> {
  const base = config().APP_URL ?? "http://localhost:3000";
  const intro = `Somebody, maybe you, tried to create a XeroPulse account for ${input.to}. This address already has an account, so nothing was created.`;
  const next = `Log in at ${base}/login, or choose a new password at ${base}/forgot-password if you forgot it.`;
  const footer = "If it was not you, ignore this email: your account is unchanged.";
  const html = await render(
    <EmailLayout preview={intro} heading="You already have an account" action={{ label: "Log in", href: `${base}/login` }} footer={footer}>
      <Text style={paragraph}>{intro}</Text>
      <Text style={paragraph}>{next}</Text>
    </EmailLayout>,
  );
  return {
    idempotencyKey: `signup/${input.requestId}`,
    template: "existing-account",
    to: input.to,
    subject: "About your XeroPulse sign-up",
    html,
    text: `${intro}\n\n${next}\n\n${footer}`,
  };
}
