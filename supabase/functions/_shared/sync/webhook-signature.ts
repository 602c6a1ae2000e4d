/**
 * Xero webhook signatures: base64(HMAC-SHA256(key as UTF-8, raw body bytes)) in `x-xero-signature`.
 * The body must be the raw bytes as received (hash before any JSON parsing). The comparison is
 * constant-time over the decoded MACs so timing reveals nothing about how much of a forgery matched.
 */
const encoder = new TextEncoder();

async function hmac(key: string, body: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, body as BufferSource));
}

export async function signWebhookBody(key: string, body: Uint8Array | string): Promise<string> {
  const mac = await hmac(key, typeof body === "string" ? encoder.encode(body) : body);
  let s = "";
  for (const b of mac) s += String.fromCharCode(b);
  return btoa(s);
}

function decodeBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  try {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  // Length is not secret (a SHA-256 MAC is always 32 bytes), but loop over a fixed length anyway.
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function verifyWebhookSignature(key: string, rawBody: Uint8Array, signature: string | null | undefined): Promise<boolean> {
  if (!key || !signature) return false;
  const given = decodeBase64(signature.trim());
  if (!given) return false;
  const expected = await hmac(key, rawBody);
  return constantTimeEqual(expected, given);
}
