import { Text } from "@react-email/components";
import { render } from "@react-email/render";
import { config } from "@/server/config";
import type { EmailMessage } from "../send-email";
import { EmailLayout, paragraph } from "./email-layout";

/** The link of a sign-up: confirms the address, then the account and its organization exist. */
export async function verifyEmailEmail(input: { to: string; token: string; requestId: string; organizationName: string }): Promise<EmailMessage> {
  const link = `${config().APP_URL ?? "http://localhost:3000"}/verify-email?token=${encodeURIComponent(input.token)}`;
  const hours = config().SIGNUP_VERIFY_TTL_HOURS;
  const intro = `Confirm ${input.to} to finish creating your XeroPulse account and the organization ${input.organizationName}.`;
  const footer = `The link works for ${hours} hours, once. If you did not sign up, ignore this email: nothing is created until the address is confirmed.`;
  const html = await render(
    <EmailLayout preview={intro} heading="Confirm your email address" action={{ label: "Confirm my email address", href: link }} footer={footer}>
      <Text style={paragraph}>{intro}</Text>
    </EmailLayout>,
  );
  return {
    idempotencyKey: `signup/${input.requestId}`,
    template: "verify-email",
    to: input.to,
    subject: "Confirm your email address for XeroPulse",
    html,
    text: `${intro}\n\nConfirm my email address: ${link}\n\n${footer}`,
  };
}
