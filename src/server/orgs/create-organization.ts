import { sql, type Tx } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import { slugFromName } from "@/lib/organization-schemas";
import type { OrganizationView, SlugConflictDetails } from "@/lib/organization-views";

export interface NewOrganization {
  name: string;
  /** Chosen by the caller: a taken one is a 409 with a suggestion. Absent: made from the name, and made unique. */
  slug?: string;
  timezone?: string;
  currency?: string;
}

interface CreatedRow {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  created_at: Date;
}

const isUniqueViolation = (error: unknown) => typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";

/**
 * Creates an organization with its first admin through app_private.create_organization (the
 * organization, the admin membership and the `org.created` event together). Under asUser the
 * caller becomes the admin; as the service role (setup, sign-up, CLI) `adminUserId` does. A taken
 * slug rolls back to a savepoint, so the caller's transaction stays usable for the suggestion.
 */
export async function createOrganization(
  tx: Tx,
  input: NewOrganization,
  options: { adminUserId?: string; metadata?: Record<string, unknown> } = {},
): Promise<OrganizationView> {
  let slug = input.slug ?? slugFromName(input.name);
  for (let attempt = 0; ; attempt++) {
    await tx.query(sql`savepoint create_organization`);
    try {
      const row = await tx.one<CreatedRow>(sql`
        select id, slug, name, timezone, currency, created_at
        from app_private.create_organization(${input.name}, ${slug}, ${input.timezone ?? null}, ${input.currency ?? null},
                                             ${options.adminUserId ?? null}::uuid, ${JSON.stringify(options.metadata ?? {})}::jsonb)`);
      await tx.query(sql`release savepoint create_organization`);
      return { id: row.id, slug: row.slug, name: row.name, timezone: row.timezone, currency: row.currency, role: "admin", createdAt: new Date(row.created_at).toISOString() };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await tx.query(sql`rollback to savepoint create_organization`);
      const { suggestion } = await tx.one<{ suggestion: string }>(sql`select app_private.suggest_org_slug(${slug}) as suggestion`);
      // A slug made from the name is ours to change; one the caller chose is theirs to decide.
      if (input.slug === undefined && attempt < 3) {
        slug = suggestion;
        continue;
      }
      const details: SlugConflictDetails = { field: "slug", suggestion };
      throw new AppError("CONFLICT", `The URL name "${slug}" is taken; try "${suggestion}"`, details);
    }
  }
}
