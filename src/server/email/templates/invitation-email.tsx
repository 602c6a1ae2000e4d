import { Text } from "@react-email/components";
import { render } from "@react-email/render";
import type { EmailMessage } from "../send-email";
import { EmailLayout, paragraph } from "./email-layout";
import { appUrl } from "@/server/app-url";

interface InvitationEmailInput {
  to: string;
  token: string;
  invitationId: string;
  /** Bumped on each resend, so a resend is a new message rather than a replay of the first. */
  sendCount: number;
  orgName: string;
  roleLabel: string;
  inviterName: string;
  expiresAt: Date;
}

export async function invitationEmail(input: InvitationEmailInput): Promise<EmailMessage> {
  const link = appUrl(`/invite/${input.token}`);
  const expires = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(input.expiresAt);
  const intro = `${input.inviterName} invited you to join ${input.orgName} on XeroPulse as ${input.roleLabel}.`;
  const footer = `The link works until ${expires} and only for ${input.to}. If you did not expect it, ignore this email.`;
  const html = await render(
    <EmailLayout preview={intro} heading={`Join ${input.orgName} on XeroPulse`} action={{ label: "Accept the invitation", href: link }} footer={footer}>
      <Text style={paragraph}>{intro}</Text>
    </EmailLayout>,
  );
  return {
    idempotencyKey: `invite/${input.invitationId}/${input.sendCount}`,
    template: "invitation",
    to: input.to,
    subject: `You are invited to ${input.orgName} on XeroPulse`,
    html,
    text: `${intro}\n\nAccept the invitation: ${link}\n\n${footer}`,
  };
}
