import { Text } from "@react-email/components";
import { render } from "@react-email/render";
import type { EmailMessage } from "../send-email";
import { EmailLayout, paragraph } from "./email-layout";
import { appUrl } from "@/server/app-url";

export async function roleChangedEmail(input: {
  to: string;
  userId: string;
  orgName: string;
  orgSlug: string;
  fromLabel: string;
  toLabel: string;
  auditEventId: string;
}): Promise<EmailMessage> {
  const link = appUrl(`/${input.orgSlug}`);
  const body = `Your role in ${input.orgName} changed from ${input.fromLabel} to ${input.toLabel}. What you can see and do there changes with it.`;
  const footer = "If this looks wrong, ask an admin of the organization.";
  const html = await render(
    <EmailLayout preview={body} heading="Your role changed" action={{ label: `Open ${input.orgName}`, href: link }} footer={footer}>
      <Text style={paragraph}>{body}</Text>
    </EmailLayout>,
  );
  return {
    idempotencyKey: `role-changed/${input.userId}/${input.auditEventId}`,
    template: "role-changed",
    to: input.to,
    subject: `Your role in ${input.orgName} is now ${input.toLabel}`,
    html,
    text: `${body}\n\nOpen ${input.orgName}: ${link}\n\n${footer}`,
  };
}
