import { z } from "zod";

/**
 * Shared zod schemas of the integrations API (routes and OpenAPI use the same).
 */
export const INTEGRATION_PROVIDERS = ["xero", "xpm"] as const;
export type IntegrationProviderName = (typeof INTEGRATION_PROVIDERS)[number];

/** A browser navigation cannot send X-Org-Id, so the connect link names the organization in `org`. */
export const connectQuerySchema = z
  .object({
    provider: z.enum(INTEGRATION_PROVIDERS).default("xero"),
    org: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

/** What Xero appends to the redirect URI: `code` and `state`, or `error` when consent was refused. */
export const callbackQuerySchema = z.object({
  code: z.string().min(1).max(2048).optional(),
  state: z.string().min(1).max(256).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(1024).optional(),
});

export const integrationIdParams = z.object({ id: z.uuid() });
