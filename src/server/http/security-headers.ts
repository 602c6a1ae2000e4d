/**
 * Security headers, set once for every response (next.config.ts). Next.js hydrates with inline
 * scripts, so script-src allows 'unsafe-inline' (no nonce plumbing); framing is refused
 * everywhere, and later only METABASE_SITE_URL may be framed by us.
 */
/** Only the configured Metabase origin may be framed, and only when embedding is fully configured. */
function metabaseFrameSource(env: Record<string, string | undefined>): string {
  if (!env.METABASE_SITE_URL || !env.METABASE_SECRET_KEY) return "'none'";
  try {
    return new URL(env.METABASE_SITE_URL).origin;
  } catch {
    return "'none'";
  }
}

export function securityHeaders(env: Record<string, string | undefined> = process.env) {
  const production = env.NODE_ENV === "production";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${production ? "" : " 'unsafe-eval'"}`,
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
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}
