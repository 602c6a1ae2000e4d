import { config } from "@/server/config";
import { sql, type Tx } from "@/server/db";
import type { OrgOutboxView } from "@/lib/outbox-views";
import { emailHeldInOutbox } from "./email-held-in-outbox";

/**
 * The organization's messages kept in the outbox (invitations, role changes), for its admins, so
 * an invitation can still be passed on when no mail provider is configured. Goes through
 * app_private.org_outbox, which checks org.manage itself: messages are never readable by table.
 */
export async function listOrgOutbox(tx: Tx, orgId: string, limit = 20): Promise<OrgOutboxView> {
  const rows = await tx.query<{ id: string; template: string; to_email: string; subject: string; text_body: string; created_at: Date }>(sql`
    select id, template, to_email, subject, text_body, created_at from app_private.org_outbox(${orgId}::uuid, ${limit}::integer)`);
  return {
    transport: config().EMAIL_TRANSPORT,
    held: emailHeldInOutbox(),
    messages: rows.map((r) => ({ id: r.id, template: r.template, to: r.to_email, subject: r.subject, text: r.text_body, createdAt: new Date(r.created_at).toISOString() })),
  };
}
