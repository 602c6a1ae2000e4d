import { syncConfig } from "@/server/config";
import { verifyWebhookSignature } from "@edge-shared/sync/webhook-signature.ts";

/**
 * Checks `x-xero-signature` over the exact bytes received. Without XERO_WEBHOOK_KEY nothing can be
 * verified, so every delivery is refused (Xero's Intent to Receive then fails, which is the signal
 * that the key is missing).
 */
export function verifyXeroWebhook(rawBytes: Uint8Array, signature: string | null): Promise<boolean> {
  const key = syncConfig().webhookKey;
  if (!key) return Promise.resolve(false);
  return verifyWebhookSignature(key, rawBytes, signature);
}
