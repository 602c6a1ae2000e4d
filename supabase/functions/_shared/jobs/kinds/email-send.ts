import { z } from "zod";
import { resendSettingsFromEnv } from "../../email/email-settings.ts";
import { deliverWithResend } from "../../email/resend-delivery.ts";
import { sql } from "../../db/sql.ts";
import { runtimeEnv } from "../../sync/sync-settings.ts";
import { JobStopped, PermanentJobError } from "../errors.ts";
import { defineJobKind } from "../job-kind.ts";

interface StoredMessage {
  idempotency_key: string;
  to_email: string;
  subject: string;
  html: string;
  text_body: string;
  status: "queued" | "sent" | "failed";
  provider_id: string | null;
  attempts: number;
}

/**
 * Delivers one message of app_private.email_messages through Resend. The request that sent it
 * stored the rendered message (React Email renders in Node) and enqueued this job in the same
 * transaction; the payload names the message only, because jobs are readable by members and a
 * message carries invitation and reset links. Resend's retries (EMAIL_MAX_ATTEMPTS, backoff,
 * Retry-After) happen here, off the request; the message's idempotency key goes with every call,
 * so a job rerun after a crash never sends twice. A message already settled is not sent again.
 */
export const emailSend = defineJobKind({
  kind: "email.send",
  runner: "email-send",
  // Deployment-level (no organization), so no member's GET /api/jobs/{id} reaches one anyway.
  readPermission: "org.manage",
  // Each run retries quickly (EMAIL_MAX_ATTEMPTS); when the provider is still down, the job runs
  // again with the queue's backoff (5 s doubling, ~20 minutes over ten runs), so an outage of
  // Resend delays mail rather than losing it. Reruns also cover a worker that died mid-delivery.
  maxAttempts: 10,
  payload: z.object({ messageId: z.uuid() }).strict(),
  async run(ctx) {
    const message = await ctx.db.transaction((tx) =>
      tx.maybeOne<StoredMessage>(sql`
        select idempotency_key, to_email, subject, html, text_body, status, provider_id, attempts
        from app_private.email_messages where id = ${ctx.payload.messageId}`),
    );
    if (!message) throw new PermanentJobError("The message to deliver no longer exists");
    if (message.status !== "queued") return { status: message.status, providerId: message.provider_id, alreadySettled: true };

    const settings = resendSettingsFromEnv(runtimeEnv);
    const outgoing = { idempotencyKey: message.idempotency_key, to: message.to_email, subject: message.subject, html: message.html, text: message.text_body };
    const result = await deliverWithResend(settings, outgoing, ctx.signal).catch((error: unknown) => {
      if (ctx.signal.aborted) throw new JobStopped("shutdown");
      throw error;
    });
    // A provider still failing in a way it may get over leaves the message queued for the next run;
    // the last run, or a refusal (validation, quota), settles it as failed.
    const tryLater = result.status === "failed" && result.retryable && ctx.job.attempt < ctx.job.maxAttempts;
    const status = tryLater ? "queued" : result.status;
    await ctx.batch((tx) =>
      tx.query(sql`
        update app_private.email_messages
        set status = ${status}, provider_id = ${result.providerId}, error = ${result.error},
            attempts = attempts + ${result.attempts}, updated_at = now(),
            sent_at = case when ${status} = 'sent' then now() else null end
        where id = ${ctx.payload.messageId}`),
    );
    if (tryLater) throw new Error(`Resend is not accepting messages yet (${result.error}); trying again later`);
    if (result.status === "failed") throw new PermanentJobError(`Resend did not accept the message after ${result.attempts} attempt(s): ${result.error}`);
    return { status: result.status, providerId: result.providerId, attempts: result.attempts };
  },
});
