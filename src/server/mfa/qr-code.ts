import QRCode from "qrcode";

/**
 * The otpauth:// URI as an SVG data URL, ready for `<img src>` — the shape Supabase's
 * `mfa.enroll` answers in `totp.qr_code`. Rendered with `qrcode` (the well-kept standard: no
 * native code, ~29M downloads a month) so both auth modes answer the same way.
 */
export async function qrCodeDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;utf-8,${encodeURIComponent(svg)}`;
}
