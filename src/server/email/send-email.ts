import { asService, sql, type RequestMeta } from "@/server/db";
import { logger } from "@/server/http/logger";

export interface EmailMessage {
  /** One message per key: sending the same key twice is a no-op (e.g. `password-reset/<user>/<n>`). */
  idempotencyKey: string;
  template: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

/**
 * The one email sender. Today it has one transport, the outbox: the message is stored and shown at
 * /dev/mailbox outside production. Real delivery (Resend) is added as a second transport here.
 */
export async function sendEmail(message: EmailMessage, meta?: RequestMeta): Promise<void> {
  await asService(async (tx) => {
    await tx.query(sql`
      insert into app_private.email_messages
        (idempotency_key, template, to_email, subject, html, text_body, transport, status, sent_at)
      values (${message.idempotencyKey}, ${message.template}, ${message.to}, ${message.subject},
              ${message.html}, ${message.text}, 'outbox', 'sent', now())
      on conflict (idempotency_key) do nothing`);
  }, meta);
  logger.info({ requestId: meta?.requestId, template: message.template, transport: "outbox" }, "email queued");
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
