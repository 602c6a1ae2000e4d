import { afterEach, describe, expect, it } from "vitest";
import { reloadConfig } from "@/server/config";
import { clientIp, isHttps, requestOrigin, setAsideClientForwarding } from "@/server/http/forwarded";

/**
 * The headers a route handler sees in `next start`: what the client sent, set aside by the proxy,
 * then X-Forwarded-For/-Proto/-Host filled in by Next.js from the socket and the Host header.
 */
function asServed(client: Record<string, string>, socket: { address: string; https?: boolean; host: string }) {
  const headers = new Headers(client);
  headers.set("host", socket.host);
  setAsideClientForwarding(headers);
  if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", socket.address);
  if (!headers.has("x-forwarded-proto")) headers.set("x-forwarded-proto", socket.https ? "https" : "http");
  if (!headers.has("x-forwarded-host")) headers.set("x-forwarded-host", socket.host);
  return headers;
}

const URL_NEXT_BUILT = new URL("http://localhost:3000/api/auth/login");

afterEach(() => {
  delete process.env.APP_URL;
  reloadConfig();
});

describe("client IP", () => {
  it("is the socket's peer without a trusted proxy, whatever X-Forwarded-For the client sends", () => {
    const headers = asServed({ "x-forwarded-for": "1.2.3.4", "x-real-ip": "5.6.7.8" }, { address: "::ffff:192.0.2.7", host: "localhost:3000" });
    expect(clientIp(headers, 0)).toBe("192.0.2.7");
    expect(clientIp(asServed({}, { address: "2001:db8::1", host: "x" }), 0)).toBe("2001:db8::1");
  });

  it("behind N proxies is the address N hops in; a shorter chain yields its leftmost entry", () => {
    // client 198.51.100.1 → proxy A (appends 198.51.100.1) → proxy B (appends A's 10.0.0.1) → us (peer: B, 10.0.0.2)
    const headers = asServed({ "x-forwarded-for": "6.6.6.6, 198.51.100.1, 10.0.0.1" }, { address: "10.0.0.2", host: "app" });
    expect(clientIp(headers, 1)).toBe("10.0.0.1");
    expect(clientIp(headers, 2)).toBe("198.51.100.1");
    expect(clientIp(headers, 3)).toBe("6.6.6.6");
    expect(clientIp(headers, 9)).toBe("6.6.6.6");
    // A client that bypasses the proxy and sends nothing is its own socket address.
    expect(clientIp(asServed({}, { address: "203.0.113.5", host: "app" }), 1)).toBe("203.0.113.5");
  });

  it("is null when the address is not an address", () => {
    expect(clientIp(asServed({ "x-forwarded-for": "<script>" }, { address: "10.0.0.2", host: "app" }), 1)).toBeNull();
  });

  it("cannot be forged through the set-aside header itself", () => {
    const headers = asServed({ "x-xeropulse-forwarded-for": "6.6.6.6" }, { address: "10.0.0.2", host: "app" });
    expect(headers.get("x-xeropulse-forwarded-for")).toBeNull();
    expect(clientIp(headers, 1)).toBe("10.0.0.2");
  });
});

describe("request origin and https", () => {
  it("is the Host and the socket's scheme without a trusted proxy; the client's X-Forwarded-* are ignored", () => {
    const headers = asServed({ "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }, { address: "127.0.0.1", host: "127.0.0.1:4101" });
    expect(requestOrigin(headers, URL_NEXT_BUILT, 0).origin).toBe("http://127.0.0.1:4101");
    expect(isHttps(headers, URL_NEXT_BUILT)).toBe(false);
  });

  it("is what the trusted proxy passed on behind one", () => {
    const headers = asServed({ "x-forwarded-host": "portal.example.com", "x-forwarded-proto": "https" }, { address: "10.0.0.2", host: "app:3000" });
    expect(requestOrigin(headers, URL_NEXT_BUILT, 1).origin).toBe("https://portal.example.com");
    expect(requestOrigin(asServed({}, { address: "10.0.0.2", host: "app:3000" }), URL_NEXT_BUILT, 1).origin).toBe("http://app:3000");
  });

  it("in the proxy (before Next.js records the socket) does not take the client's X-Forwarded-Proto for https", () => {
    // Next.js builds the proxy's URL as https when the client claims X-Forwarded-Proto: https.
    const headers = new Headers({ host: "127.0.0.1:4101", "x-forwarded-proto": "https" });
    setAsideClientForwarding(headers);
    const urlFromClaim = new URL("https://localhost:4101/login");
    expect(requestOrigin(headers, urlFromClaim, 0).protocol).toBe("http:");
    expect(isHttps(headers, urlFromClaim)).toBe(false);
    expect(requestOrigin(headers, urlFromClaim, 1).protocol).toBe("https:");
    // A TLS socket with no claim stays https.
    expect(requestOrigin(new Headers({ host: "a" }), new URL("https://localhost/"), 0).protocol).toBe("https:");
  });

  it("falls back to the URL Next.js built when there is no Host header (handlers called in-process)", () => {
    expect(requestOrigin(new Headers(), URL_NEXT_BUILT, 0).origin).toBe("http://localhost:3000");
  });

  it("counts as https when APP_URL is https, whatever the request", () => {
    process.env.APP_URL = "https://portal.example.com";
    reloadConfig();
    expect(isHttps(asServed({}, { address: "127.0.0.1", host: "127.0.0.1:3000" }), URL_NEXT_BUILT)).toBe(true);
  });
});
