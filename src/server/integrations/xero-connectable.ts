import { syncConfig } from "@/server/config";

/** Whether "Connect Xero" can work here: a Xero app (client id and secret) and its redirect URI. */
export function xeroConnectable(): boolean {
  const settings = syncConfig();
  return settings.oauthConfigured && Boolean(settings.oauth.redirectUri);
}
