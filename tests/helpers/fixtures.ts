import { randomUUID } from "node:crypto";
import { sql, type Claims, type Engine } from "@/server/db";
import { provisionMembership } from "@/server/orgs/provision-membership";
import { provisionOrganization } from "@/server/orgs/provision-organization";
import { provisionUser } from "@/server/orgs/provision-user";
import { ROLES, type Role } from "@/lib/permissions";

export const TEST_PASSWORD = "correct-horse-battery";

export interface TestUser {
  id: string;
  email: string;
  claims: Claims;
}

/** Claims as a verified access token would carry them (session id is not checked by RLS). */
export function claimsFor(id: string, email: string, sessionId: string = randomUUID()): Claims {
  return { sub: id, email, role: "authenticated", aud: "authenticated", session_id: sessionId, aal: "aal1", app_metadata: {} };
}

export async function createUser(engine: Engine, email = `${randomUUID().slice(0, 8)}@example.test`, password = TEST_PASSWORD): Promise<TestUser> {
  const id = await engine.transaction((tx) => provisionUser(tx, { email, password }));
  return { id, email, claims: claimsFor(id, email) };
}

/**
 * A test organization requires two-factor sign-in of no role (new organizations require it of
 * admins): tests of other features sign in with a password only. `mfaRequiredRoles` turns it on.
 */
export async function createOrg(engine: Engine, slug = `org-${randomUUID().slice(0, 8)}`, name = "Test Org", mfaRequiredRoles: Role[] = []) {
  const id = await engine.transaction(async (tx) => {
    const orgId = await provisionOrganization(tx, { slug, name });
    await tx.query(sql`update public.organizations set mfa_required_roles = ${mfaRequiredRoles}::text[] where id = ${orgId}`);
    return orgId;
  });
  return { id, slug, name };
}

export async function addMember(engine: Engine, orgId: string, userId: string, role: Role) {
  await engine.transaction((tx) => provisionMembership(tx, orgId, userId, role));
}

/** An organization with one active member per role, e.g. `world.members.admin`. */
export async function createOrgWithMembers(engine: Engine, slug?: string) {
  const org = await createOrg(engine, slug);
  const members = {} as Record<Role, TestUser>;
  for (const role of ROLES) {
    members[role] = await createUser(engine, `${role}-${org.slug}@example.test`);
    await addMember(engine, org.id, members[role].id, role);
  }
  return { org, members };
}
