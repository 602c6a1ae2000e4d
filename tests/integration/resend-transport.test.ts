/**
 * The Resend transport of the one email sender, with the official SDK pointed at the fake through
 * RESEND_BASE_URL. sendEmail only stores the message and enqueues an `email.send` job; the job
 * delivers it: success, validation errors, 429 then success, 5xx and non-JSON answers, quotas, a
 * minute-long outage (5xx, 429 or no answer), and one idempotency key per message across retries,
 * job runs and repeated sends.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { reloadConfig } from "@/server/config";
import { sendEmail, type EmailMessage } from "@/server/email/send-email";
import { invitationEmail } from "@/server/email/templates/invitation-email";
import { sql } from "@/server/db/sql";
import { jobDatabase } from "@/server/jobs/job-database";
import { jobRegistry } from "@edge-shared/jobs/shared-job-registry.ts";
import { drainJobs } from "@edge-shared/jobs/worker.ts";
import { startResendFake, type ResendFake } from "../fakes/resend-fake";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();
let fake: ResendFake;
const saved = { ...process.env };

const message = (overrides: Partial<EmailMessage> = {}): EmailMessage => ({
  idempotencyKey: `test/${randomUUID()}`,
  template: "test",
  to: "someone@example.test",
  subject: "Hello",
  html: "<p>Hello</p>",
  text: "Hello",
  ...overrides,
});

const logged = (id: string) =>
  db.engine().transaction((tx) =>
    tx.one<{ status: string; provider_id: string | null; error: string | null; attempts: number; transport: string }>(
      sql`select status, provider_id, error, attempts, transport from app_private.email_messages where id = ${id}`,
    ),
  );

/** What the worker does in a running app: claim and run the due `email.send` jobs. */
const deliver = (workerId = "test-worker") =>
  drainJobs({ db: jobDatabase(db.engine()), registry: jobRegistry, kinds: ["email.send"], workerId, leaseSeconds: 30, deadline: Date.now() + 25_000 });

/** Sends and delivers, as the app does across a request and its worker. */
async function sendAndDeliver(msg: EmailMessage) {
  const queued = await sendEmail(msg);
  await deliver();
  const row = await logged(queued.id);
  return { id: queued.id, status: row.status, providerId: row.provider_id, error: row.error };
}

const emailJobs = (messageId: string) =>
  db.engine().transaction((tx) =>
    tx.query<{ org_id: string | null; status: string; idempotency_key: string; error: string | null }>(
      sql`select org_id, status, idempotency_key, error from public.jobs where kind = 'email.send' and payload ->> 'messageId' = ${messageId}`,
    ),
  );

/** Seconds until the message's job may run again (null once it is settled). */
const secondsUntilDue = async (messageId: string) => {
  const [row] = await db.engine().transaction((tx) =>
    tx.query<{ wait: number }>(sql`
      select extract(epoch from run_after - now())::float as wait from public.jobs
      where kind = 'email.send' and payload ->> 'messageId' = ${messageId} and status = 'queued'`),
  );
  return row ? Number(row.wait) : null;
};

/** Time passes: the job's backoff is over. */
const makeDue = (messageId: string) =>
  db.engine().transaction((tx) =>
    tx.query(sql`update public.jobs set run_after = now() where kind = 'email.send' and payload ->> 'messageId' = ${messageId} and status = 'queued'`),
  );

describe("Resend transport", () => {
  beforeAll(async () => {
    fake = await startResendFake();
    // No EMAIL_TRANSPORT: a key alone must select Resend.
    delete process.env.EMAIL_TRANSPORT;
    Object.assign(process.env, {
      RESEND_API_KEY: fake.apiKey,
      RESEND_BASE_URL: fake.url,
      EMAIL_FROM: "XeroPulse <no-reply@xeropulse.test>",
      EMAIL_RETRY_BASE_MS: "5",
      EMAIL_MAX_ATTEMPTS: "3",
      EMAIL_TIMEOUT_MS: "300",
    });
    reloadConfig();
  });
  afterAll(async () => {
    process.env = saved;
    reloadConfig();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  it("returns before the provider is called: the message and its email.send job are stored, the job delivers it", async () => {
    fake.failNext(429, "rate_limit_exceeded", { retryAfter: 2 });
    const msg = message();
    const queued = await sendEmail(msg);
    // Answered without calling the provider (which would answer 429, then make it wait 2 s).
    expect(queued).toMatchObject({ status: "queued", transport: "resend", providerId: null, error: null });
    expect(fake.requests).toHaveLength(0);
    // Committed, so a restart before delivery loses nothing: a fresh worker picks the job up.
    expect(await emailJobs(queued.id)).toEqual([{ org_id: null, status: "queued", idempotency_key: msg.idempotencyKey, error: null }]);
    expect(await logged(queued.id)).toMatchObject({ status: "queued", transport: "resend", attempts: 0 });

    expect(await deliver("a-worker-after-a-restart")).toMatchObject({ succeeded: 1, failed: 0 });
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(await logged(queued.id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(await emailJobs(queued.id)).toEqual([expect.objectContaining({ status: "succeeded" })]);
  });

  it("delivers through the SDK and logs the provider id; the same key never sends twice", async () => {
    const msg = message();
    const result = await sendAndDeliver(msg);
    expect(result).toMatchObject({ status: "sent", error: null });
    expect(fake.sent).toEqual([expect.objectContaining({ id: result.providerId, to: ["someone@example.test"], subject: "Hello", from: "XeroPulse <no-reply@xeropulse.test>", idempotencyKey: msg.idempotencyKey })]);
    expect(await logged(result.id)).toEqual({ status: "sent", provider_id: result.providerId, error: null, attempts: 1, transport: "resend" });
    const again = await sendEmail(msg);
    expect(again).toMatchObject({ id: result.id, status: "sent", providerId: result.providerId });
    expect(await deliver()).toMatchObject({ succeeded: 0 });
    expect(await emailJobs(result.id)).toHaveLength(1);
    expect(fake.requests).toHaveLength(1);
  });

  it("does not retry a 422 and logs the error", async () => {
    fake.failNext(422, "validation_error");
    const result = await sendAndDeliver(message());
    expect(result.status).toBe("failed");
    expect(await logged(result.id)).toMatchObject({ status: "failed", provider_id: null, attempts: 1, error: expect.stringContaining("422 validation_error") });
    expect(fake.requests).toHaveLength(1);
    expect(fake.sent).toHaveLength(0);
  });

  it("answers the fake's real validation errors (bad recipient) without retrying", async () => {
    const result = await sendAndDeliver(message({ to: "not-an-address" }));
    expect(result).toMatchObject({ status: "failed", error: expect.stringContaining("validation_error") });
    expect(fake.requests).toHaveLength(1);
  });

  it("retries a 429 after Retry-After with the same idempotency key, then succeeds", async () => {
    fake.failNext(429, "rate_limit_exceeded", { retryAfter: 1 });
    const started = Date.now();
    const msg = message();
    const result = await sendAndDeliver(msg);
    expect(result.status).toBe("sent");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.requests.map((r) => [r.status, r.idempotencyKey])).toEqual([[429, msg.idempotencyKey], [200, msg.idempotencyKey]]);
    expect(await logged(result.id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("retries 5xx and non-JSON gateway errors with backoff; after EMAIL_MAX_ATTEMPTS the message waits for the job's next run", async () => {
    fake.failNext(502, "bad_gateway", { nonJson: true });
    fake.failNext(500, "internal_server_error");
    expect((await sendAndDeliver(message())).status).toBe("sent");
    expect(fake.requests.map((r) => r.status)).toEqual([502, 500, 200]);

    fake.reset();
    fake.failNext(500, "application_error", { times: 5 });
    const later = await sendAndDeliver(message());
    // Three quick tries fail: the message waits for the job's next run instead of being given up.
    expect(await logged(later.id)).toMatchObject({ status: "queued", attempts: 3, error: expect.stringContaining("500 application_error") });
    expect(fake.requests).toHaveLength(3);
    expect(await emailJobs(later.id)).toEqual([expect.objectContaining({ status: "queued" })]);
    expect(await secondsUntilDue(later.id)).toBeGreaterThan(0);
    await makeDue(later.id);
    await deliver();
    // The next run: two more 500s, then Resend takes it, once, under the same key.
    expect(await logged(later.id)).toMatchObject({ status: "sent", attempts: 6 });
    expect(fake.sent).toHaveLength(1);
    expect(new Set(fake.requests.map((r) => r.idempotencyKey)).size).toBe(1);
  });

  it("gives up only after the job's last run, with the reason, when Resend never recovers", async () => {
    fake.startOutage({ status: 500, name: "internal_server_error" });
    const msg = await sendEmail(message());
    for (let run = 1; run <= 10; run++) {
      await deliver();
      await makeDue(msg.id);
    }
    expect(await logged(msg.id)).toMatchObject({ status: "failed", attempts: 30, error: expect.stringContaining("500 internal_server_error") });
    expect(await emailJobs(msg.id)).toEqual([expect.objectContaining({ status: "failed", error: expect.stringContaining("500 internal_server_error") })]);
    expect(fake.sent).toHaveLength(0);
  });

  it.each([
    ["answering 500s", { status: 500, name: "internal_server_error" }],
    ["answering 429s", { status: 429, name: "rate_limit_exceeded" }],
    ["not answering at all", "hang"],
  ] as const)("keeps mail through a minute of Resend %s, and delivers it once when Resend recovers", async (_, mode) => {
    fake.startOutage(mode);
    const msg = message();
    const queued = await sendEmail(msg);
    // The queue's backoff between runs is skipped, and counted: a virtual minute of outage.
    let elapsedMs = 0;
    for (let run = 1; run <= 10 && (await logged(queued.id)).status === "queued"; run++) {
      if (elapsedMs >= 60_000) fake.endOutage();
      await deliver();
      const wait = await secondsUntilDue(queued.id);
      if (wait === null) break;
      elapsedMs += wait * 1000;
      await makeDue(queued.id);
    }
    expect(elapsedMs).toBeGreaterThanOrEqual(60_000);
    expect(await logged(queued.id)).toMatchObject({ status: "sent" });
    expect(fake.sent.filter((m) => m.idempotencyKey === msg.idempotencyKey)).toHaveLength(1);
  });

  it("never retries a quota 429 quickly", async () => {
    fake.failNext(429, "daily_quota_exceeded");
    const result = await sendAndDeliver(message());
    expect(result).toMatchObject({ status: "failed", error: expect.stringContaining("daily_quota_exceeded") });
    expect(fake.requests).toHaveLength(1);
  });

  it("sends the React Email invitation with its link in HTML and text", async () => {
    const token = "t".repeat(43);
    const msg = await invitationEmail({ to: "invitee@example.test", token, invitationId: randomUUID(), sendCount: 1, orgName: "Acme <Advisory>", roleLabel: "Finance", inviterName: "admin@acme.test", expiresAt: new Date("2026-12-01T00:00:00Z") });
    expect(msg.html).toContain(`/invite/${token}`);
    expect(msg.html).toContain("Acme &lt;Advisory&gt;");
    expect(msg.text).toContain(`/invite/${token}`);
    expect((await sendAndDeliver(msg)).status).toBe("sent");
    expect(fake.sent[0]?.html).toContain("Accept the invitation");
  });
});
