import { asService, sql, type RequestMeta } from "@/server/db";
import { config } from "@/server/config";
import { logger } from "@/server/http/logger";
import { deliverWithResend } from "./resend-transport";

export interface EmailMessage {
  /** One message per key: sending the same key twice is a no-op (e.g. `password-reset/<user>/<n>`). */
  idempotencyKey: string;
  template: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface SentEmail {
  id: string;
  status: "queued" | "sent" | "failed";
  providerId: string | null;
  error: string | null;
}

/**
 * The one email sender, with two transports. Every message is first logged in
 * app_private.email_messages under its idempotency key (a second send of the same key is a no-op
 * and returns the first outcome). The outbox transport (default) stops there: /dev/mailbox shows it
 * outside production. The resend transport then delivers it, with retries, and records the status,
 * the provider id or the error on the same row.
 */
export async function sendEmail(message: EmailMessage, meta?: RequestMeta): Promise<SentEmail> {
  const transport = config().EMAIL_TRANSPORT;
  const inserted = await asService(
    (tx) =>
      tx.maybeOne<{ id: string }>(sql`
        insert into app_private.email_messages
          (idempotency_key, template, to_email, subject, html, text_body, transport, status, sent_at)
        values (${message.idempotencyKey}, ${message.template}, ${message.to}, ${message.subject},
                ${message.html}, ${message.text}, ${transport},
                ${transport === "outbox" ? "sent" : "queued"}, ${transport === "outbox" ? new Date() : null})
        on conflict (idempotency_key) do nothing
        returning id`),
    meta,
  );
  if (!inserted) {
    const existing = await asService((tx) =>
      tx.one<SentEmail>(sql`
        select id, status, provider_id as "providerId", error from app_private.email_messages
        where idempotency_key = ${message.idempotencyKey}`),
    );
    return existing;
  }
  if (transport === "outbox") {
    logger.info({ requestId: meta?.requestId, template: message.template, transport }, "email queued");
    return { id: inserted.id, status: "sent", providerId: null, error: null };
  }
  const result = await deliverWithResend(message);
  await asService((tx) =>
    tx.query(sql`
      update app_private.email_messages
      set status = ${result.status}, provider_id = ${result.providerId}, error = ${result.error},
          attempts = ${result.attempts}, updated_at = now(),
          sent_at = case when ${result.status} = 'sent' then now() else null end
      where id = ${inserted.id}`),
  );
  const log = { requestId: meta?.requestId, template: message.template, transport, attempts: result.attempts, providerId: result.providerId };
  if (result.status === "sent") logger.info(log, "email sent");
  else logger.warn({ ...log, error: result.error }, "email failed");
  return { id: inserted.id, status: result.status, providerId: result.providerId, error: result.error };
}

export interface OutboxMessage {
  id: string;
  template: string;
  to_email: string;
  subject: string;
  html: string;
  text_body: string;
  created_at: Date;
}

/** Newest first; for the development mailbox and tests. */
export async function listOutbox(options: { to?: string; limit?: number } = {}): Promise<OutboxMessage[]> {
  return asService((tx) =>
    tx.query<OutboxMessage>(sql`
      select id, template, to_email, subject, html, text_body, created_at
      from app_private.email_messages
      where transport = 'outbox' and (${options.to ?? null}::text is null or lower(to_email) = lower(${options.to ?? null}::text))
      order by created_at desc limit ${options.limit ?? 50}`),
  );
}
