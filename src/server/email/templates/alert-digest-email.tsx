import { Link, Text } from "@react-email/components";
import { render } from "@react-email/render";
import { config } from "@/server/config";
import { UTILIZATION_LEVEL_LABELS } from "@/lib/alert-views";
import type { EmailMessage } from "../send-email";
import { EmailLayout, paragraph } from "./email-layout";
import { figuresText, riseText, type EscalatedPo } from "./alert-format";

/** A digest lists this many POs; the alerts page has the rest. */
const LISTED = 50;

interface AlertDigestEmailInput {
  to: string;
  userId: string;
  evaluationId: string;
  orgName: string;
  orgSlug: string;
  pos: EscalatedPo[];
}

/** One evaluation escalated many POs: one email per recipient instead of one per PO. */
export async function alertDigestEmail(input: AlertDigestEmailInput): Promise<EmailMessage> {
  const base = config().APP_URL ?? "http://localhost:3000";
  const alertsLink = `${base}/${input.orgSlug}/alerts`;
  const pos = [...input.pos].sort((a, b) => Number(b.utilizationPercent ?? Infinity) - Number(a.utilizationPercent ?? Infinity));
  const counts = (["over_budget", "critical", "warning"] as const)
    .map((level) => [level, pos.filter((p) => p.level === level).length] as const)
    .filter(([, n]) => n > 0)
    .map(([level, n]) => `${n} ${UTILIZATION_LEVEL_LABELS[level]}`)
    .join(", ");
  const intro = `${pos.length} purchase orders in ${input.orgName} rose into a higher budget level (${counts}).`;
  const listed = pos.slice(0, LISTED);
  const more = pos.length - listed.length;
  const footer = "You get this because you may acknowledge budget alerts. Turn these emails off on your profile page.";
  const poLink = (po: EscalatedPo) => `${base}/${input.orgSlug}/purchase-orders/${po.poId}`;
  const html = await render(
    <EmailLayout preview={intro} heading={`${pos.length} purchase orders need attention`} action={{ label: "Open the alerts", href: alertsLink }} footer={footer}>
      <Text style={paragraph}>{intro}</Text>
      {listed.map((po) => (
        <Text key={po.poId} style={{ ...paragraph, fontSize: 14, margin: "4px 0" }}>
          <Link href={poLink(po)}>{po.poNumber}</Link> ({po.supplier}) {riseText(po)}: {figuresText(po)}
        </Text>
      ))}
      {more > 0 ? <Text style={paragraph}>…and {more} more on the alerts page.</Text> : null}
    </EmailLayout>,
  );
  const lines = listed.map((po) => `- ${po.poNumber} (${po.supplier}) ${riseText(po)}: ${figuresText(po)} — ${poLink(po)}`);
  return {
    idempotencyKey: `alert-digest/${input.evaluationId}/${input.userId}`,
    template: "alert-digest",
    to: input.to,
    subject: `${pos.length} purchase orders rose into a higher budget level`,
    html,
    text: `${intro}\n\n${lines.join("\n")}${more > 0 ? `\n…and ${more} more.` : ""}\n\nOpen the alerts: ${alertsLink}\n\n${footer}`,
  };
}
