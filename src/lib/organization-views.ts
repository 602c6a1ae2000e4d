import type { Role } from "./permissions";

/** What the /api/organizations and /api/organization lifecycle routes answer (timestamps as ISO strings). */

/** An organization the caller belongs to (created, restored). */
export interface OrganizationView {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  role: Role;
  createdAt: string;
}

/** A deleted organization: hidden from its members until restored or purged. */
export interface DeletedOrganizationView {
  id: string;
  slug: string;
  name: string;
  deletedAt: string;
  /** After this the org.purge job removes it and everything it held; restorable until then. */
  purgeAfter: string;
  deletedByEmail: string | null;
}

/** The 409 of a taken slug: `details` of the CONFLICT error. */
export interface SlugConflictDetails {
  field: "slug";
  suggestion: string;
}

/** manifest.json at the root of an organization export. */
export interface ExportManifest {
  format: "xeropulse-organization-export";
  version: 1;
  organization: { id: string; slug: string; name: string };
  exportedAt: string;
  exportedBy: { id: string; email: string };
  /** One entry per table, with the files that hold it (CSV and JSON, the same rows). */
  tables: { table: string; rows: number; columns: string[]; files: string[] }[];
  /** Held for the organization but not exported, and why. */
  notExported: { table: string; reason: string }[];
}
