import { sql, type Tx } from "@/server/db";
import { AppError, notFound } from "@/server/http/app-error";
import type { Permission, Role } from "@/lib/permissions";
import { effectiveLocale, type OrgLocale } from "@/lib/org-locale";

export interface OrgContext {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  /** How numbers and dates are written: the organization's choice, else its time zone's. */
  locale: OrgLocale;
  role: Role;
  permissions: Permission[];
  /** The organization requires two-factor sign-in of the caller's role (the route wrapper's MFA gate reads it). */
  mfaRequired: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

/**
 * The organization a request acts in, with the caller's role and permissions, in one query under
 * RLS. `idOrSlug` comes from X-Org-Id or the URL; without it, the caller's only organization.
 * An organization the caller is not an active member of is NOT_FOUND: its existence is not revealed.
 */
export async function resolveOrg(tx: Tx, idOrSlug: string | null | undefined): Promise<OrgContext> {
  const key = idOrSlug?.trim() || null;
  if (key !== null && !UUID.test(key) && !SLUG.test(key)) throw notFound("Organization");
  const rows = await tx.query<Omit<OrgContext, "permissions" | "locale"> & { locale: string | null; permissions: Permission[] | null }>(sql`
    select o.id, o.slug, o.name, o.timezone, o.currency, o.locale, m.role,
           (select array_agg(rp.permission order by rp.permission) from public.role_permissions rp where rp.role = m.role) as permissions,
           app_private.caller_mfa_required(o.id) as "mfaRequired"
    from public.organizations o
    join public.org_members m on m.org_id = o.id and m.user_id = (select auth.uid()) and m.status = 'active'
    where ${key === null ? sql`true` : UUID.test(key) ? sql`o.id = ${key}::uuid` : sql`o.slug = ${key}`}
    limit 2`);
  if (key === null && rows.length > 1) {
    throw new AppError("ORG_REQUIRED", "You belong to several organizations: say which one with the X-Org-Id header");
  }
  const row = rows[0];
  if (!row) throw notFound("Organization");
  return { ...row, locale: effectiveLocale(row.locale, row.timezone), permissions: row.permissions ?? [] };
}
