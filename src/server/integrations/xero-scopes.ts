import type { IntegrationProviderName } from "@/lib/integration-schemas";

/** Both providers consent through Xero's OAuth; XPM needs its own scope on top of the configured set. */
export function xeroScopesFor(provider: IntegrationProviderName, configured: string): string {
  const scopes = configured.split(/\s+/).filter(Boolean);
  if (provider === "xpm" && !scopes.includes("practicemanager")) scopes.push("practicemanager");
  return scopes.join(" ");
}

/** The `tenantType` in Xero's /connections that each provider syncs. */
export const TENANT_TYPE: Record<IntegrationProviderName, string> = { xero: "ORGANISATION", xpm: "PRACTICEMANAGER" };
