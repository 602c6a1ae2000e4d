import { createHmac, randomInt } from "node:crypto";

/**
 * Recovery codes: 10, each 12 characters from an alphabet without look-alikes (60 bits), shown as
 * `xxxx-xxxx-xxxx`. Only an HMAC-SHA-256 of the normalized code is stored: the codes are random
 * enough that a slow hash adds nothing, and the key keeps a database dump from being checked offline.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no i, l, o, 0, 1
const LENGTH = 12;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

export function hashRecoveryCode(key: Buffer, userId: string, code: string): string {
  return createHmac("sha256", key).update(`${userId}:${normalizeRecoveryCode(code)}`).digest("hex");
}
