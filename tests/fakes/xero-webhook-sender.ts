import { createHmac, randomBytes, randomUUID } from "node:crypto";

/**
 * Xero's webhook delivery (reference/integrations.md §4), pointed at a receiver URL: bodies signed
 * with base64(HMAC-SHA256(key, raw body)) in `x-xero-signature`; Intent to Receive as Xero runs it
 * (empty `events`, sequences 0, random entropy, a mix of correctly and wrongly signed POSTs, each
 * expected to answer 200 with an empty body or 401, within 5 seconds); redelivery on failure; and
 * duplicates and out-of-order events on demand.
 */
export type WebhookCategory = "CONTACT" | "INVOICE" | "CREDITNOTE" | "SUBSCRIPTION";
export interface WebhookEvent {
  resourceUrl: string;
  resourceId: string;
  eventDateUtc: string;
  eventType: "CREATE" | "UPDATE";
  eventCategory: WebhookCategory;
  tenantId: string;
  tenantType: "ORGANISATION" | "APPLICATION";
}
export interface Delivery { status: number; body: string; ms: number; signature: "valid" | "invalid" | "missing"; timedOut: boolean }

/** `2024-06-21T01:15:39.902`: UTC without `Z`, as Xero writes eventDateUtc. */
export const webhookTimestamp = (ms: number) => new Date(ms).toISOString().replace("Z", "");

export function createXeroWebhookSender(options: { url: string; key: string; timeoutMs?: number; apiBaseUrl?: string }) {
  const timeoutMs = options.timeoutMs ?? 5000;
  let sequence = 0;
  const deliveries: Delivery[] = [];
  const sign = (body: string, key = options.key) => createHmac("sha256", key).update(body, "utf8").digest("base64");

  async function post(body: string, signature: Delivery["signature"]): Promise<Delivery> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (signature === "valid") headers["x-xero-signature"] = sign(body);
    // A wrong signature that is still well-formed base64 of the right length, as Xero's ITR sends.
    if (signature === "invalid") headers["x-xero-signature"] = sign(body, randomBytes(32).toString("base64"));
    const started = performance.now();
    try {
      const res = await fetch(options.url, { method: "POST", headers, body, signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text();
      const d = { status: res.status, body: text, ms: performance.now() - started, signature, timedOut: false };
      deliveries.push(d);
      return d;
    } catch {
      const d = { status: 0, body: "", ms: performance.now() - started, signature, timedOut: true };
      deliveries.push(d);
      return d;
    }
  }

  function payload(events: WebhookEvent[]) {
    const first = events.length ? sequence + 1 : 0;
    sequence += events.length;
    return JSON.stringify({ events, firstEventSequence: first, lastEventSequence: events.length ? sequence : 0, entropy: randomBytes(10).toString("hex").toUpperCase() });
  }

  return {
    deliveries,
    sign,
    event(e: { tenantId: string; category: WebhookCategory; resourceId?: string; eventType?: "CREATE" | "UPDATE"; at?: number }): WebhookEvent {
      const resourceId = e.resourceId ?? randomUUID();
      const plural = e.category === "CONTACT" ? "Contacts" : e.category === "INVOICE" ? "Invoices" : e.category === "CREDITNOTE" ? "CreditNotes" : "Subscriptions";
      return {
        resourceUrl: `${options.apiBaseUrl ?? "https://api.xero.com/api.xro/2.0"}/${plural}/${resourceId}`,
        resourceId,
        eventDateUtc: webhookTimestamp(e.at ?? Date.now()),
        eventType: e.eventType ?? "UPDATE",
        eventCategory: e.category,
        tenantId: e.tenantId,
        tenantType: e.category === "SUBSCRIPTION" ? "APPLICATION" : "ORGANISATION",
      };
    },
    /** One delivery of these events (a raw body may be given to replay exact bytes). */
    send(events: WebhookEvent[], opts: { signature?: Delivery["signature"]; rawBody?: string } = {}) {
      return post(opts.rawBody ?? payload(events), opts.signature ?? "valid");
    },
    /** Delivers like Xero: retried (same bytes) until 200 or `attempts` run out. */
    async deliver(events: WebhookEvent[], opts: { attempts?: number; duplicate?: boolean; shuffle?: boolean } = {}) {
      let list = opts.duplicate ? [...events, ...events] : [...events];
      if (opts.shuffle) list = list.reverse();
      const body = payload(list);
      const results: Delivery[] = [];
      for (let i = 0; i < (opts.attempts ?? 3); i++) {
        const d = await post(body, "valid");
        results.push(d);
        if (d.status === 200) break;
      }
      return { body, results };
    },
    /**
     * Intent to Receive: `rounds` POSTs with empty events, alternating good and bad signatures.
     * Passes only when every good one got 200 with an empty body and every bad one 401, each in time.
     */
    async intentToReceive(rounds = 4) {
      const results: Delivery[] = [];
      for (let i = 0; i < rounds; i++) {
        const body = JSON.stringify({ events: [], firstEventSequence: 0, lastEventSequence: 0, entropy: randomBytes(10).toString("hex").toUpperCase() });
        results.push(await post(body, i % 2 === 0 ? "valid" : "invalid"));
      }
      const passed = results.every((r) => !r.timedOut && r.ms < timeoutMs && (r.signature === "valid" ? r.status === 200 && r.body === "" : r.status === 401));
      return { passed, results };
    },
  };
}
