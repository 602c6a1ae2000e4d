import { config } from "@/server/config";

/**
 * What a request says about its client, under one rule: forwarding headers are believed only
 * from as many reverse proxies as TRUST_PROXY names, and never from the client itself.
 *
 * Next.js exposes no socket address to the proxy or to route handlers (NextRequest.ip is gone
 * since Next.js 15). What it does, in `next start` and `next dev`, is fill in `X-Forwarded-For`,
 * `-Host` and `-Proto` from the socket and the Host header after the proxy ran, but only where the
 * request has none (base-server.ts: `req.headers['x-forwarded-for'] ??= socket.remoteAddress`). So
 * src/proxy.ts moves whatever the client sent to the `x-xeropulse-forwarded-*` headers below and
 * deletes the originals; by the time a route handler or page runs, `X-Forwarded-For` is the socket's
 * peer and `X-Forwarded-Proto` the socket's scheme, and the client's own claims sit apart, to be
 * believed for TRUST_PROXY hops only.
 */
export const CLIENT_FORWARDED = {
  for: "x-xeropulse-forwarded-for",
  host: "x-xeropulse-forwarded-host",
  proto: "x-xeropulse-forwarded-proto",
} as const;

const ORIGINAL = { for: "x-forwarded-for", host: "x-forwarded-host", proto: "x-forwarded-proto" } as const;

/**
 * For src/proxy.ts: moves the client's X-Forwarded-For/-Host/-Proto aside (and drops any copy the
 * client forged), so that Next.js writes the socket's values into the originals.
 */
export function setAsideClientForwarding(headers: Headers): void {
  for (const key of Object.keys(ORIGINAL) as (keyof typeof ORIGINAL)[]) {
    const value = headers.get(ORIGINAL[key]);
    headers.delete(CLIENT_FORWARDED[key]);
    if (value !== null) headers.set(CLIENT_FORWARDED[key], value);
    headers.delete(ORIGINAL[key]);
  }
}

const list = (value: string | null) => (value ?? "").split(",").map((p) => p.trim()).filter(Boolean);

function normalizeIp(candidate: string | undefined): string | null {
  if (!candidate) return null;
  const ip = candidate.replace(/^\[(.*)\]$/, "$1").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  return /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : null;
}

/**
 * The client's address. Without a trusted proxy it is the socket's peer; behind N proxies it is the
 * address N hops in along X-Forwarded-For (each proxy appends the address it received from, so the
 * entry our nearest proxy appended is the last one; entries further left are the client's word).
 * Null when it cannot be told.
 */
export function clientIp(headers: Headers, hops: number = config().TRUST_PROXY): string | null {
  const peer = list(headers.get(ORIGINAL.for)).at(-1);
  if (hops === 0) return normalizeIp(peer);
  const chain = [...list(headers.get(CLIENT_FORWARDED.for)), ...(peer ? [peer] : [])];
  return normalizeIp(chain[Math.max(0, chain.length - 1 - hops)]);
}

export interface RequestOrigin {
  protocol: "http:" | "https:";
  host: string;
  origin: string;
}

/**
 * The origin the client addressed: the Host header and the socket's scheme, or behind a trusted
 * proxy the X-Forwarded-Host and -Proto it passed on. `url` (the URL Next.js built) fills gaps
 * when a header is absent, as in route handlers called in-process.
 */
export function requestOrigin(headers: Headers, url: URL, hops: number = config().TRUST_PROXY): RequestOrigin {
  let host = headers.get("host") ?? url.host;
  let scheme = list(headers.get(ORIGINAL.proto))[0];
  if (scheme === undefined) {
    // In the proxy, before Next.js records the socket's scheme, the URL it built says https when
    // the socket is TLS or when the client sent X-Forwarded-Proto: https; the client's word does
    // not count, so a claimed https is taken as http here.
    const claimed = list(headers.get(CLIENT_FORWARDED.proto)).some((p) => p.toLowerCase() === "https");
    scheme = url.protocol === "https:" && !claimed ? "https" : "http";
  }
  if (hops > 0) {
    host = list(headers.get(CLIENT_FORWARDED.host))[0] ?? host;
    scheme = list(headers.get(CLIENT_FORWARDED.proto))[0] ?? scheme;
  }
  const protocol = scheme.toLowerCase() === "https" ? "https:" : "http:";
  return { protocol, host: host.toLowerCase(), origin: `${protocol}//${host.toLowerCase()}` };
}

/**
 * Whether cookies get `Secure` and responses HSTS: the request came over https (by the rules
 * above) or the app's public URL is https. A plain-http address (a LAN IP, a test box) therefore
 * gets cookies a browser keeps; production belongs behind https.
 */
export function isHttps(headers: Headers, url: URL): boolean {
  if (config().APP_URL?.startsWith("https:")) return true;
  return requestOrigin(headers, url).protocol === "https:";
}
