import { z } from "zod";
import { text } from "./text-schema";

/**
 * Shared zod schemas of the integrations API (routes and OpenAPI use the same).
 */
export const INTEGRATION_PROVIDERS = ["xero", "xpm"] as const;
export type IntegrationProviderName = (typeof INTEGRATION_PROVIDERS)[number];

/** A browser navigation cannot send X-Org-Id, so the connect link names the organization in `org`. */
export const xeroConnectQuery = z
  .object({
    provider: z.enum(INTEGRATION_PROVIDERS).default("xero"),
    org: text().trim().min(1).max(64).optional(),
  })
  .strict();

/** What Xero appends to the redirect URI: `code` and `state`, or `error` when consent was refused. */
export const xeroCallbackQuery = z.object({
  code: text().min(1).max(2048).optional(),
  state: text().min(1).max(256).optional(),
  error: text().max(256).optional(),
  error_description: text().max(1024).optional(),
});

export const integrationIdParams = z.object({ id: z.uuid() });
