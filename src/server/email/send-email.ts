import { asService, sql, type RequestMeta } from "@/server/db";
import { config } from "@/server/config";
import { logger } from "@/server/http/logger";
import { dispatchJob } from "@/server/jobs/dispatch-job";
import { enqueueJob, type EnqueuedJob } from "@/server/jobs/enqueue-job";

export interface EmailMessage {
  /** One message per key: sending the same key twice is a no-op (e.g. `password-reset/<user>/<n>`). */
  idempotencyKey: string;
  template: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The organization it is sent for (invitations, role changes): its admins may read it in the outbox. */
  orgId?: string | null;
}

export interface SentEmail {
  id: string;
  /** `queued`: Resend delivers it from the job queue; `sent`: kept in the outbox (or delivered earlier). */
  status: "queued" | "sent" | "failed";
  transport: "outbox" | "resend";
  providerId: string | null;
  error: string | null;
}

/**
 * The one email sender. It stores the rendered message in app_private.email_messages under its
 * idempotency key (a second send of the same key is a no-op and returns the first message) and
 * returns at once. The outbox transport stops there (/dev/mailbox outside production; the
 * organization's admins on Settings › Users in production). With Resend, the same transaction
 * enqueues an `email.send` job that delivers it with retries (supabase/functions/_shared/jobs/kinds/
 * email-send.ts): no request waits on the provider, and a queued message survives a restart.
 */
export async function sendEmail(message: EmailMessage, meta?: RequestMeta): Promise<SentEmail> {
  const transport = config().EMAIL_TRANSPORT;
  const stored = await asService(async (tx) => {
    const inserted = await tx.maybeOne<{ id: string }>(sql`
      insert into app_private.email_messages
        (idempotency_key, org_id, template, to_email, subject, html, text_body, transport, status, sent_at)
      values (${message.idempotencyKey}, ${message.orgId ?? null}, ${message.template}, ${message.to}, ${message.subject},
              ${message.html}, ${message.text}, ${transport},
              ${transport === "outbox" ? "sent" : "queued"}, ${transport === "outbox" ? new Date() : null})
      on conflict (idempotency_key) do nothing
      returning id`);
    if (!inserted) {
      const existing = await tx.one<SentEmail>(sql`
        select id, status, transport, provider_id as "providerId", error from app_private.email_messages
        where idempotency_key = ${message.idempotencyKey}`);
      return { email: existing, job: undefined };
    }
    let job: EnqueuedJob | undefined;
    if (transport === "resend") {
      job = await enqueueJob(tx, { orgId: null, kind: "email.send", payload: { messageId: inserted.id }, idempotencyKey: message.idempotencyKey });
    }
    const email: SentEmail = { id: inserted.id, status: transport === "outbox" ? "sent" : "queued", transport, providerId: null, error: null };
    return { email, job };
  }, meta);
  if (stored.job) await dispatchJob(stored.job);
  if (stored.job || stored.email.transport === "outbox") {
    const held = transport === "outbox" && config().NODE_ENV === "production";
    const log = { requestId: meta?.requestId, template: message.template, transport, emailId: stored.email.id };
    if (held) logger.warn(log, "email kept in the outbox: no mail provider is configured (set RESEND_API_KEY)");
    else logger.info(log, transport === "outbox" ? "email kept in the outbox" : "email queued for delivery");
  }
  return stored.email;
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
