import { config } from "@/server/config";
import type { Tx } from "@/server/db";
import { forbidden } from "@/server/http/app-error";
import type { OrganizationView } from "@/lib/organization-views";
import { createOrganization, type NewOrganization } from "./create-organization";

type UserDb = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * A signed-in user creates another organization and becomes its admin (the org switcher's "New
 * organization"). ORG_CREATION=none leaves that to setup and the CLI.
 */
export async function createMyOrganization(db: UserDb, input: NewOrganization): Promise<OrganizationView> {
  if (config().ORG_CREATION === "none") {
    throw forbidden("Creating organizations is turned off on this server; ask whoever runs it");
  }
  return db((tx) => createOrganization(tx, input, { metadata: { via: "app" } }));
}
