import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyRateLimitProblem, RateLimiter } from "@edge-shared/sync/rate-limiter.ts";
import { DayLimitReached, SyncError } from "@edge-shared/sync/sync-errors.ts";
import { decryptToken, encryptToken, importTokenKey } from "@edge-shared/sync/token-crypto.ts";
import { constantTimeEqual, signWebhookBody, verifyWebhookSignature } from "@edge-shared/sync/webhook-signature.ts";
import { ifModifiedSinceHeader, parseUtcWithoutZone, parseXeroDate, parseXeroDateOnly, xpmDateOnly } from "@edge-shared/sync/xero-dates.ts";
import { parseXpmResponse, yearWindows } from "@edge-shared/sync/xpm-client.ts";
import { createXeroWebhookSender } from "@tests/fakes/xero-webhook-sender";

const KEY = Buffer.alloc(32, 7).toString("base64");

describe("Xero dates", () => {
  it("reads /Date(ms)/ as UTC milliseconds and never applies the offset again", () => {
    expect(parseXeroDate("/Date(1439434356790)/")?.toISOString()).toBe("2015-08-13T02:52:36.790Z");
    expect(parseXeroDate("/Date(1419937200000+0000)/")?.toISOString()).toBe("2014-12-30T11:00:00.000Z");
    expect(parseXeroDate("/Date(1419937200000+1300)/")?.toISOString()).toBe("2014-12-30T11:00:00.000Z");
    expect(parseXeroDate("/Date(-86400000)/")?.toISOString()).toBe("1969-12-31T00:00:00.000Z");
    for (const bad of ["2015-08-13", "/Date()/", "/Date(abc)/", "Date(1)", ""]) expect(parseXeroDate(bad)).toBeNull();
  });

  it("keeps date-only fields on the calendar day Xero meant (midnight UTC)", () => {
    // 2018-10-20 00:00 UTC: a local-time reading west of Greenwich would give the 19th.
    expect(parseXeroDateOnly("/Date(1539993600000+0000)/")).toBe("2018-10-20");
    expect(parseXeroDateOnly("/Date(1539993600000)/")).toBe("2018-10-20");
  });

  it("reads /connections and webhook timestamps (no Z, up to 7 digits) as UTC", () => {
    expect(parseUtcWithoutZone("2019-12-07T18:46:19.5165400")?.toISOString()).toBe("2019-12-07T18:46:19.516Z");
    expect(parseUtcWithoutZone("2024-06-21T01:15:39.902")?.toISOString()).toBe("2024-06-21T01:15:39.902Z");
    expect(parseUtcWithoutZone("2024-06-21T01:15:39")?.toISOString()).toBe("2024-06-21T01:15:39.000Z");
    expect(parseUtcWithoutZone("21 June 2024")).toBeNull();
  });

  it("sends If-Modified-Since to the second and reads XPM dates as days", () => {
    expect(ifModifiedSinceHeader(new Date("2026-01-02T03:04:05.678Z"))).toBe("2026-01-02T03:04:05Z");
    expect(xpmDateOnly("2008-10-29T00:00:00")).toBe("2008-10-29");
    expect(xpmDateOnly("")).toBeNull();
    expect(xpmDateOnly({})).toBeNull();
  });
});

describe("token encryption (AES-256-GCM)", () => {
  it("round-trips and never repeats a ciphertext", async () => {
    const key = await importTokenKey(KEY);
    const a = await encryptToken(key, "refresh-token-value", "conn-1");
    const b = await encryptToken(key, "refresh-token-value", "conn-1");
    expect(a).not.toBe(b);
    expect(a).not.toContain("refresh-token-value");
    expect(await decryptToken(key, a, "conn-1")).toBe("refresh-token-value");
  });

  it("detects tampering, a wrong key and a ciphertext moved to another row", async () => {
    const key = await importTokenKey(KEY);
    const sealed = await encryptToken(key, "secret", "conn-1");
    const [v, iv, data] = sealed.split(".") as [string, string, string];
    const flipped = `${v}.${iv}.${data.slice(0, 5)}${data[5] === "A" ? "B" : "A"}${data.slice(6)}`;
    const code = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof SyncError ? e.code : String(e)));
    expect(await code(decryptToken(key, flipped, "conn-1"))).toBe("token_decrypt_failed");
    expect(await code(decryptToken(key, sealed, "conn-2"))).toBe("token_decrypt_failed");
    expect(await code(decryptToken(await importTokenKey(Buffer.alloc(32, 8).toString("base64")), sealed, "conn-1"))).toBe("token_decrypt_failed");
    expect(await code(decryptToken(key, "v1.garbage", "conn-1"))).toBe("token_decrypt_failed");
    expect(await code(decryptToken(key, `v2.${iv}.${data}`, "conn-1"))).toBe("token_decrypt_failed");
  });

  it("refuses a key that is not 32 bytes", async () => {
    await expect(importTokenKey(Buffer.alloc(16).toString("base64"))).rejects.toThrow(/32 bytes/);
  });
});

describe("webhook signatures", () => {
  const key = "webhook-signing-key-from-xero";
  const body = new TextEncoder().encode('{"events":[],"firstEventSequence":0,"lastEventSequence":0,"entropy":"ABC"}');

  it("accepts base64 HMAC-SHA256 of the raw body and rejects anything else", async () => {
    const good = await signWebhookBody(key, body);
    expect(good).toBe(createHmacBase64(key, body));
    expect(await verifyWebhookSignature(key, body, good)).toBe(true);
    expect(await verifyWebhookSignature(key, body, await signWebhookBody("another-key", body))).toBe(false);
    expect(await verifyWebhookSignature(key, new TextEncoder().encode(" " + new TextDecoder().decode(body)), good)).toBe(false);
    expect(await verifyWebhookSignature(key, body, null)).toBe(false);
    expect(await verifyWebhookSignature(key, body, "not base64!")).toBe(false);
    expect(await verifyWebhookSignature(key, body, good.slice(0, 20))).toBe(false);
    expect(await verifyWebhookSignature("", body, good)).toBe(false);
  });

  it("compares in constant time over different lengths", () => {
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
  });

  describe("Intent to Receive against a receiver", () => {
    let verifying: { url: string; close: () => void };
    let lax: { url: string; close: () => void };
    beforeAll(async () => {
      verifying = await receiver(async (raw, sig) => ((await verifyWebhookSignature(key, raw, sig)) ? 200 : 401));
      lax = await receiver(async () => 200);
    });
    afterAll(() => {
      verifying.close();
      lax.close();
    });

    it("passes when valid deliveries get an empty 200 and forged ones 401", async () => {
      const sender = createXeroWebhookSender({ url: verifying.url, key });
      const itr = await sender.intentToReceive(6);
      expect(itr.results.map((r) => r.status)).toEqual([200, 401, 200, 401, 200, 401]);
      expect(itr.passed).toBe(true);
      const event = sender.event({ tenantId: "t-1", category: "INVOICE" });
      expect(event.eventDateUtc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/);
      expect((await sender.send([event], { signature: "invalid" })).status).toBe(401);
      expect((await sender.send([event], { signature: "missing" })).status).toBe(401);
      const delivered = await sender.deliver([event], { duplicate: true });
      expect(delivered.results.at(-1)?.status).toBe(200);
      expect(JSON.parse(delivered.body).events).toHaveLength(2);
    });

    it("fails a receiver that answers 200 to everything", async () => {
      const itr = await createXeroWebhookSender({ url: lax.url, key }).intentToReceive(4);
      expect(itr.passed).toBe(false);
    });
  });
});

describe("XPM responses", () => {
  it("detects an error inside an HTTP 200 and malformed XML", () => {
    const codeOf = (xml: string) => {
      try {
        parseXpmResponse(xml);
        return "parsed";
      } catch (e) {
        return e instanceof SyncError ? `${e.code}: ${e.message}` : String(e);
      }
    };
    expect(codeOf("<Response><Status>ERROR</Status><ErrorDescription>Access denied</ErrorDescription></Response>")).toBe("xpm_error: XPM reported an error: Access denied.");
    expect(codeOf("<Response><ErrorDescription>No status</ErrorDescription></Response>")).toMatch(/^xpm_error/);
    for (const bad of ["<Response><Status>OK</Status><Clients>", "not xml at all", "<Other/>"]) {
      expect(() => parseXpmResponse(bad)).toThrow(SyncError);
    }
    expect(parseXpmResponse("<Response><Status>OK</Status></Response>").Status).toBe("OK");
  });

  it("splits long ranges into windows of at most a year", () => {
    const windows = yearWindows(new Date("2024-11-01T00:00:00Z"), new Date("2026-10-31T00:00:00Z"));
    expect(windows.length).toBe(2);
    for (const w of windows) expect(w.to.getTime() - w.from.getTime()).toBeLessThanOrEqual(366 * 86_400_000);
    expect(windows[0]!.from.toISOString().slice(0, 10)).toBe("2024-11-01");
    expect(windows.at(-1)!.to.toISOString().slice(0, 10)).toBe("2026-10-31");
  });
});

describe("rate limiter", () => {
  it("holds calls to the minute allowance and the concurrency cap (virtual clock)", async () => {
    let t = 0;
    const clock = { now: () => t, sleep: async (ms: number) => void (t += ms) };
    const limiter = new RateLimiter({ perMinute: 3, concurrent: 2, perDay: 100 }, clock);
    const releases = [await limiter.acquire("a"), await limiter.acquire("a")];
    expect(limiter.snapshot("a").inFlight).toBe(2);
    const third = limiter.acquire("a");
    let got = false;
    void third.then(() => (got = true));
    await Promise.resolve();
    expect(got).toBe(false); // two in flight: the third waits
    releases[0]!();
    (await third)();
    releases[1]!();
    expect(limiter.snapshot("a").minuteUsed).toBe(3);
    const before = t;
    (await limiter.acquire("a"))();
    expect(t - before).toBeGreaterThanOrEqual(60_000); // the fourth call waited for the window
    // Another tenant is not held back.
    const start = t;
    (await limiter.acquire("b"))();
    expect(t).toBe(start);
  });

  it("reports a spent day allowance as a distinct outcome and obeys day pauses", async () => {
    const limiter = new RateLimiter({ perDay: 2 });
    (await limiter.acquire("a"))();
    (await limiter.acquire("a"))();
    await expect(limiter.acquire("a")).rejects.toBeInstanceOf(DayLimitReached);
    limiter.pause("b", "day", 3_600_000);
    const error = await limiter.acquire("b").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DayLimitReached);
    expect((error as DayLimitReached).code).toBe("rate_limited_day");
    expect((error as DayLimitReached).details.retryAt).toBeGreaterThan(Date.now() + 3_500_000);
  });

  it("classifies X-Rate-Limit-Problem spellings", () => {
    expect(classifyRateLimitProblem("minute")).toBe("minute");
    expect(classifyRateLimitProblem("MinuteLimit")).toBe("minute");
    expect(classifyRateLimitProblem("Day")).toBe("day");
    expect(classifyRateLimitProblem("appminute")).toBe("app");
    expect(classifyRateLimitProblem("Concurrent")).toBe("concurrent");
    expect(classifyRateLimitProblem(null)).toBe("other");
  });
});

/** Node's own HMAC as the reference implementation. */
function createHmacBase64(key: string, body: Uint8Array) {
  return createHmac("sha256", key).update(body).digest("base64");
}

async function receiver(decide: (raw: Uint8Array, signature: string | null) => Promise<number>) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const sig = req.headers["x-xero-signature"];
      void decide(new Uint8Array(Buffer.concat(chunks)), typeof sig === "string" ? sig : null).then((status) => {
        res.writeHead(status);
        res.end();
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/xero`, close: () => server.close() };
}
