import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A faithful in-memory fake of Resend's email API (reference/integrations.md §7), so the official
 * `resend` SDK runs against it unmodified through its base-URL setting:
 * - POST /emails and POST /emails/batch with Resend's validation (from, to ≤ 50, subject, html or
 *   text; batch ≤ 100 items, no attachments), 200 `{id}` / `{data: [{id}]}`;
 * - errors as `{statusCode, name, message}`; `Authorization: Bearer <key>` checked (401
 *   missing_api_key, 403 invalid_api_key);
 * - Idempotency-Key: same key and payload → the original response, nothing sent; same key and
 *   another payload → 409 invalid_idempotent_request; empty or > 256 chars → 400 invalid_idempotency_key;
 * - ratelimit-* headers on every answer, retry-after on 429;
 * - fault injection: the next N requests answer a chosen status/name (429 rate or quota, 422, 500,
 *   or a non-JSON 502), so retries can be tested; or an outage, every request answering one status
 *   (or never answering) until it ends;
 * - `sent` exposes delivered mail to tests (and GET /_mailbox to humans).
 */
export interface FakeEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  idempotencyKey: string | null;
}

type Fault = { status: number; name: string; message: string; nonJson?: boolean; retryAfter?: number };

const FAULT_MESSAGES: Record<string, string> = {
  rate_limit_exceeded: "Too many requests. You can only make 5 requests per second.",
  daily_quota_exceeded: "You have reached your daily email sending quota.",
  validation_error: "Invalid `to` field.",
  invalid_from_address: "Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.",
  application_error: "An unexpected error occurred.",
  internal_server_error: "An unexpected error occurred.",
};

class ResendError extends Error {
  constructor(readonly status: number, readonly name: string, message: string, readonly retryAfter?: number) {
    super(message);
  }
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const FROM = /^(?:[^<>]*<\s*([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)\s*>|([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+))$/;

export async function startResendFake(options: { apiKey?: string; rateLimit?: number } = {}) {
  const apiKey = options.apiKey ?? `re_test_${randomUUID().replace(/-/g, "")}`;
  const rateLimit = options.rateLimit ?? 5;
  const sent: FakeEmail[] = [];
  const requests: { path: string; idempotencyKey: string | null; status: number }[] = [];
  const idempotency = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  const faults: Fault[] = [];
  let outage: { status: number; name: string } | "hang" | null = null;
  const hung = new Set<ServerResponse>();

  function validate(raw: unknown): Omit<FakeEmail, "id" | "idempotencyKey"> {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ResendError(422, "validation_error", "The request body is not a valid email object.");
    const body = raw as Record<string, unknown>;
    if (body.from === undefined) throw new ResendError(422, "missing_required_field", "Missing `from` field.");
    if (typeof body.from !== "string" || !FROM.test(body.from.trim())) throw new ResendError(422, "invalid_from_address", FAULT_MESSAGES.invalid_from_address!);
    if (body.to === undefined) throw new ResendError(422, "missing_required_field", "Missing `to` field.");
    const to = Array.isArray(body.to) ? body.to : [body.to];
    if (to.length === 0 || to.length > 50) throw new ResendError(422, "validation_error", "The `to` field must contain between 1 and 50 addresses.");
    if (!to.every((t) => typeof t === "string" && EMAIL.test(t))) throw new ResendError(422, "validation_error", "Invalid `to` field. The email address needs to follow the `email@example.com` format.");
    if (body.subject === undefined && body.template === undefined) throw new ResendError(422, "missing_required_field", "Missing `subject` field.");
    if (body.html === undefined && body.text === undefined && body.react === undefined && body.template === undefined) {
      throw new ResendError(422, "missing_required_field", "Missing `html` or `text` field.");
    }
    return { from: body.from, to: to as string[], subject: String(body.subject ?? ""), html: body.html as string | undefined, text: body.text as string | undefined };
  }

  async function readJson(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      return JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
    } catch {
      throw new ResendError(422, "validation_error", "Invalid JSON body.");
    }
  }

  function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
    res.writeHead(status, {
      "content-type": "application/json",
      "ratelimit-limit": String(rateLimit),
      "ratelimit-remaining": String(Math.max(0, rateLimit - 1)),
      "ratelimit-reset": "1",
      ...extra,
    });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const auth = req.headers.authorization;
    if (!auth) throw new ResendError(401, "missing_api_key", "Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY");
    if (auth !== `Bearer ${apiKey}`) throw new ResendError(403, "invalid_api_key", "API key is invalid");
    const fault = faults.shift();
    if (fault) throw Object.assign(new ResendError(fault.status, fault.name, fault.message, fault.retryAfter), { nonJson: fault.nonJson });
    if (req.method !== "POST") throw new ResendError(405, "method_not_allowed", "Method not allowed");
    if (path !== "/emails" && path !== "/emails/batch") throw new ResendError(404, "not_found", "The requested endpoint does not exist.");

    const key = req.headers["idempotency-key"];
    const idempotencyKey = typeof key === "string" ? key : null;
    if (idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > 256)) {
      throw new ResendError(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
    }
    const payload = await readJson(req);
    const fingerprint = createHash("sha256").update(path + JSON.stringify(payload)).digest("hex");
    if (idempotencyKey !== null) {
      const previous = idempotency.get(`${path}:${idempotencyKey}`);
      if (previous) {
        if (previous.fingerprint !== fingerprint) throw new ResendError(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload. Change your idempotency key or payload.");
        return { status: previous.status, body: previous.body };
      }
    }
    let body: unknown;
    if (path === "/emails") {
      const email = { id: randomUUID(), ...validate(payload), idempotencyKey };
      sent.push(email);
      body = { id: email.id };
    } else {
      if (!Array.isArray(payload) || payload.length === 0 || payload.length > 100) throw new ResendError(422, "validation_error", "A batch holds between 1 and 100 emails.");
      if (payload.some((item) => typeof item === "object" && item !== null && "attachments" in item)) {
        throw new ResendError(422, "invalid_attachment", "Attachments are not supported in batch emails.");
      }
      const emails = payload.map((item) => ({ id: randomUUID(), ...validate(item), idempotencyKey }));
      sent.push(...emails);
      body = { data: emails.map((e) => ({ id: e.id })) };
    }
    if (idempotencyKey !== null) idempotency.set(`${path}:${idempotencyKey}`, { fingerprint, status: 200, body });
    return { status: 200, body };
  }

  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/_mailbox") return send(res, 200, { data: sent });
    if (outage === "hang") {
      // Accepts the connection and never answers, as a provider in trouble can.
      requests.push({ path: req.url ?? "", idempotencyKey: (req.headers["idempotency-key"] as string) ?? null, status: 0 });
      hung.add(res);
      return;
    }
    if (outage) {
      requests.push({ path: req.url ?? "", idempotencyKey: (req.headers["idempotency-key"] as string) ?? null, status: outage.status });
      return send(res, outage.status, { statusCode: outage.status, name: outage.name, message: FAULT_MESSAGES[outage.name] ?? outage.name }, outage.status === 429 ? { "retry-after": "1" } : {});
    }
    handle(req)
      .then(({ status, body }) => {
        requests.push({ path: req.url ?? "", idempotencyKey: (req.headers["idempotency-key"] as string) ?? null, status });
        send(res, status, body);
      })
      .catch((error: unknown) => {
        const e = error instanceof ResendError ? error : new ResendError(500, "internal_server_error", "An unexpected error occurred.");
        requests.push({ path: req.url ?? "", idempotencyKey: (req.headers["idempotency-key"] as string) ?? null, status: e.status });
        if ((e as ResendError & { nonJson?: boolean }).nonJson) {
          res.writeHead(e.status, { "content-type": "text/html" });
          return res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
        }
        send(res, e.status, { statusCode: e.status, name: e.name, message: e.message }, e.retryAfter !== undefined ? { "retry-after": String(e.retryAfter) } : {});
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiKey,
    sent,
    requests,
    /** The next `times` requests fail with this status and error name (Resend's message for it). */
    failNext(status: number, name: string, options: { times?: number; retryAfter?: number; nonJson?: boolean } = {}) {
      for (let i = 0; i < (options.times ?? 1); i++) {
        faults.push({ status, name, message: FAULT_MESSAGES[name] ?? name, retryAfter: options.retryAfter ?? (status === 429 ? 1 : undefined), nonJson: options.nonJson });
      }
    },
    /** Every request answers this status (or, with "hang", is never answered) until `endOutage`. */
    startOutage(mode: { status: number; name: string } | "hang") {
      outage = mode;
    },
    endOutage() {
      outage = null;
      for (const res of hung) res.destroy();
      hung.clear();
    },
    reset() {
      outage = null;
      for (const res of hung) res.destroy();
      hung.clear();
      sent.length = 0;
      requests.length = 0;
      faults.length = 0;
      idempotency.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hung) res.destroy();
        server.close(() => resolve());
      }),
  };
}

export type ResendFake = Awaited<ReturnType<typeof startResendFake>>;
