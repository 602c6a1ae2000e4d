import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { config } from "@/server/config";
import { asAuthAdmin } from "@/server/db";
import { instanceSecret } from "@/server/db/instance-secret";

/**
 * Keys for two-factor data, derived (HKDF-SHA-256) from the instance key: AUTH_JWT_SECRET when set,
 * otherwise a secret the installation made for itself (app_private.instance_secrets), so the
 * embedded default needs no configuration. Changing AUTH_JWT_SECRET makes the stored TOTP secrets
 * and recovery codes unreadable: users then enroll again.
 */
let material: Promise<string> | undefined;

function instanceKey(): Promise<string> {
  const configured = config().AUTH_JWT_SECRET;
  if (configured) return Promise.resolve(configured);
  material ??= asAuthAdmin((tx) => instanceSecret(tx, "mfa_encryption_key", () => randomBytes(32).toString("base64url"))).catch((error) => {
    material = undefined;
    throw error;
  });
  return material;
}

export async function mfaKey(purpose: "totp-secret" | "recovery-code"): Promise<Buffer> {
  return Buffer.from(hkdfSync("sha256", await instanceKey(), "xeropulse-mfa", purpose, 32));
}

const PREFIX = "v1:";

/** AES-256-GCM; the stored form is `v1:<iv|tag|ciphertext in base64url>`. */
export async function encryptTotpSecret(secret: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", await mfaKey("totp-secret"), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

export async function decryptTotpSecret(stored: string): Promise<string> {
  if (!stored.startsWith(PREFIX)) throw new Error("mfa: unknown secret format");
  const raw = Buffer.from(stored.slice(PREFIX.length), "base64url");
  const decipher = createDecipheriv("aes-256-gcm", await mfaKey("totp-secret"), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

export function resetMfaKeysForTests(): void {
  material = undefined;
}
