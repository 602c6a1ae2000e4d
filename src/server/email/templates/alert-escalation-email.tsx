import { Text } from "@react-email/components";
import { render } from "@react-email/render";
import { config } from "@/server/config";
import { formatUtilization, UTILIZATION_LEVEL_LABELS } from "@/lib/alert-views";
import type { EmailMessage } from "../send-email";
import { EmailLayout, paragraph } from "./email-layout";
import { figuresText, money, riseText, type EscalatedPo } from "./alert-format";

interface AlertEscalationEmailInput {
  to: string;
  userId: string;
  alertId: string;
  orgName: string;
  orgSlug: string;
  po: EscalatedPo;
}

const row = { color: "#374151", fontSize: 14, lineHeight: "22px", margin: 0 } as const;

/** One PO rose into a higher level: what it is, its figures, and a link to it. Sent on the way up only. */
export async function alertEscalationEmail(input: AlertEscalationEmailInput): Promise<EmailMessage> {
  const { po } = input;
  const link = `${config().APP_URL ?? "http://localhost:3000"}/${input.orgSlug}/purchase-orders/${po.poId}`;
  const level = UTILIZATION_LEVEL_LABELS[po.level];
  const intro = `Purchase order ${po.poNumber} (${po.supplier}) in ${input.orgName} ${riseText(po)}: ${figuresText(po)}.`;
  const footer = "You get this because you may acknowledge budget alerts. Turn these emails off on your profile page.";
  const html = await render(
    <EmailLayout preview={intro} heading={`${po.poNumber} is at ${level}`} action={{ label: `Open ${po.poNumber}`, href: link }} footer={footer}>
      <Text style={paragraph}>{intro}</Text>
      <Text style={row}>PO number: {po.poNumber}</Text>
      <Text style={row}>Supplier: {po.supplier}</Text>
      <Text style={row}>Utilization: {formatUtilization(po.utilizationPercent)}</Text>
      <Text style={row}>Order value: {money(po.orderValue, po.currency)}</Text>
      <Text style={row}>Spent: {money(po.spent, po.currency)}</Text>
    </EmailLayout>,
  );
  return {
    // The dedupe key: one email per alert, level and recipient, however often it is sent.
    idempotencyKey: `alert/${input.alertId}/${po.level}/${input.userId}`,
    template: "alert-escalation",
    to: input.to,
    subject: `${po.poNumber} ${riseText(po)} (${formatUtilization(po.utilizationPercent)})`,
    html,
    text: `${intro}\n\nPO number: ${po.poNumber}\nSupplier: ${po.supplier}\nUtilization: ${formatUtilization(po.utilizationPercent)}\nOrder value: ${money(po.orderValue, po.currency)}\nSpent: ${money(po.spent, po.currency)}\n\nOpen ${po.poNumber}: ${link}\n\n${footer}`,
  };
}
