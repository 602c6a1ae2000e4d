import { config } from "@/server/config";

/**
 * The one place that builds absolute links to the app (emails, OAuth redirects, token issuer):
 * APP_URL, which defaults to http://localhost:<PORT>. `path` starts with "/".
 */
export function appUrl(path = "/"): string {
  if (!path.startsWith("/")) throw new Error(`appUrl needs an absolute path, got "${path}"`);
  return `${config().APP_URL}${path}`;
}
