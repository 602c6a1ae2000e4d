/**
 * Security headers. The static ones go on every response (next.config.ts); the Content Security
 * Policy and HSTS depend on the request, so src/proxy.ts sets them on everything it sees (pages and
 * API routes): the CSP carries a fresh nonce per request, and HSTS is sent only over https.
 */
type Env = Record<string, string | undefined>;

/** Only the configured Metabase origin may be framed, and only when embedding is fully configured. */
function metabaseFrameSource(env: Env): string {
  if (!env.METABASE_SITE_URL || !env.METABASE_SECRET_KEY) return "'none'";
  try {
    return new URL(env.METABASE_SITE_URL).origin;
  } catch {
    return "'none'";
  }
}

export function staticSecurityHeaders() {
  return [
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ];
}

/**
 * Scripts run only with this request's nonce: Next.js puts it on its own scripts when it finds it in
 * the request's Content-Security-Policy header, and 'strict-dynamic' lets those load their chunks.
 * No 'unsafe-inline' for scripts, so injected markup cannot run. Styles keep 'unsafe-inline'
 * (React style attributes, Radix positioning). Development adds eval and the HMR socket.
 */
export function contentSecurityPolicy(nonce: string, env: Env = process.env): string {
  const production = env.NODE_ENV === "production";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${production ? "" : " ws: wss:"}`,
    `frame-src ${metabaseFrameSource(env)}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Sent only on responses to https requests: over plain http a browser ignores it anyway (RFC 6797 §8.1). */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** 128 random bits, base64: a new one for every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** Every security header a response to this request gets, from next.config.ts and the proxy together. */
export function securityHeaders(env: Env = process.env, request: { nonce: string; https: boolean } = { nonce: newNonce(), https: false }) {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(request.nonce, env) },
    ...staticSecurityHeaders(),
    ...(request.https ? [{ key: "Strict-Transport-Security", value: STRICT_TRANSPORT_SECURITY }] : []),
  ];
}
