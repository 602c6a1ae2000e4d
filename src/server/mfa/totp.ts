import { Secret, TOTP } from "otpauth";

/**
 * RFC 6238 TOTP: HMAC-SHA-1, 6 digits, 30-second steps, as every authenticator app and GoTrue use.
 * `otpauth` is the library: small, maintained, one dependency (@noble/hashes), and it runs in Node,
 * Deno and browsers alike (otplib went unmaintained for years; see /work/shared/reference).
 */
const PERIOD = 30;
const DIGITS = 6;
/** One step either side: a clock a little off, or a code typed just as it rolled over. */
const DRIFT_STEPS = 1;

function totp(secretBase32: string, label = "", issuer = "XeroPulse"): TOTP {
  return new TOTP({ issuer, label, algorithm: "SHA1", digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

/** A new 160-bit secret, base32 (what the user types when they cannot scan the QR code). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(secretBase32: string, account: string, issuer = "XeroPulse"): string {
  return totp(secretBase32, account, issuer).toString();
}

/**
 * The time step a code belongs to (within ±1 step of `now`), or null. The caller refuses a step at
 * or before the last one accepted for the factor: a code works once (no replay).
 */
export function matchTotpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secretBase32).validate({ token: code, timestamp: now, window: DRIFT_STEPS });
  if (delta === null) return null;
  return TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}
