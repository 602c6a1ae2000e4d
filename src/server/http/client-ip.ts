import { config } from "@/server/config";

/**
 * The caller's IP from X-Forwarded-For. Behind a trusted proxy (TRUST_PROXY=true, e.g. Vercel) the
 * leftmost entry is the client; otherwise only the entry appended by the nearest hop can be trusted.
 */
export function clientIp(headers: Headers): string | null {
  const parts = (headers.get("x-forwarded-for") ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  const candidate = (config().TRUST_PROXY ? parts[0] : parts.at(-1)) ?? headers.get("x-real-ip");
  if (!candidate) return null;
  const ip = candidate.replace(/^::ffff:/, "");
  return /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : null;
}
