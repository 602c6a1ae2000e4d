/**
 * AES-256-GCM encryption of OAuth tokens at rest with crypto.subtle (Node and Deno alike). The key
 * is 32 bytes given as base64 (from config). Output: `v1.<iv>.<ciphertext+tag>` in base64url; an
 * optional `context` (e.g. the connection id) is bound as additional data, so a ciphertext copied
 * onto another row fails to decrypt.
 */
import { SyncError } from "./sync-errors.ts";

const VERSION = "v1";
const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64(text: string): Uint8Array {
  const normal = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(normal + "=".repeat((4 - (normal.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function importTokenKey(base64Key: string): Promise<CryptoKey> {
  let raw: Uint8Array;
  try {
    raw = fromBase64(base64Key.trim());
  } catch {
    throw new Error("The token encryption key is not valid base64.");
  }
  if (raw.length !== 32) throw new Error("The token encryption key must be 32 bytes (base64 of 32 random bytes).");
  return crypto.subtle.importKey("raw", raw as BufferSource, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
}

export async function encryptToken(key: CryptoKey, plaintext: string, context = ""): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(context) },
    key,
    encoder.encode(plaintext),
  );
  return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

export async function decryptToken(key: CryptoKey, sealed: string, context = ""): Promise<string> {
  const fail = () => new SyncError("token_decrypt_failed", "A stored Xero token could not be decrypted; connect Xero again.", false);
  const parts = sealed.split(".");
  if (parts.length !== 3 || parts[0] !== VERSION) throw fail();
  try {
    const iv = fromBase64(parts[1]!);
    const data = fromBase64(parts[2]!);
    if (iv.length !== 12 || data.length < 16) throw fail();
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: iv as BufferSource, additionalData: encoder.encode(context) },
      key,
      data as BufferSource,
    );
    return new TextDecoder().decode(plain);
  } catch {
    throw fail();
  }
}
