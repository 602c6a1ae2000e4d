/**
 * Row types of the tables in `public`, written to match supabase/migrations. A test
 * (tests/integration/row-types.test.ts) compares TABLE_COLUMNS with the live catalog, so a migration
 * that adds, drops or retypes a column fails until this file follows.
 */
import type { Role } from "@/lib/permissions";
import type { AuditAction } from "@/lib/audit-actions";

export interface RoleRow {
  role: Role;
  rank: number;
  label: string;
}

export interface RolePermissionRow {
  role: Role;
  permission: string;
}

export interface AuditActionRow {
  action: AuditAction;
  description: string;
}

export interface OrganizationRow {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  created_at: Date;
  updated_at: Date;
}

export interface OrgMemberRow {
  org_id: string;
  user_id: string;
  role: Role;
  status: "active" | "deactivated";
  created_at: Date;
  updated_at: Date;
}

export interface UserProfileRow {
  user_id: string;
  email: string;
  full_name: string;
  last_sign_in_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface AuditEventRow {
  id: number;
  org_id: string | null;
  actor_user_id: string | null;
  actor_type: "user" | "system" | "job" | "anonymous";
  action: AuditAction;
  target_type: string | null;
  target_id: string | null;
  metadata: Record<string, unknown>;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  created_at: Date;
}

type Columns<Row> = Record<keyof Row, string>;

/** Column → Postgres type (format_type) of every table above. */
export const TABLE_COLUMNS = {
  roles: { role: "text", rank: "integer", label: "text" } satisfies Columns<RoleRow>,
  role_permissions: { role: "text", permission: "text" } satisfies Columns<RolePermissionRow>,
  audit_actions: { action: "text", description: "text" } satisfies Columns<AuditActionRow>,
  organizations: {
    id: "uuid", slug: "text", name: "text", timezone: "text", currency: "text",
    created_at: "timestamp with time zone", updated_at: "timestamp with time zone",
  } satisfies Columns<OrganizationRow>,
  org_members: {
    org_id: "uuid", user_id: "uuid", role: "text", status: "text",
    created_at: "timestamp with time zone", updated_at: "timestamp with time zone",
  } satisfies Columns<OrgMemberRow>,
  user_profiles: {
    user_id: "uuid", email: "text", full_name: "text", last_sign_in_at: "timestamp with time zone",
    created_at: "timestamp with time zone", updated_at: "timestamp with time zone",
  } satisfies Columns<UserProfileRow>,
  audit_events: {
    id: "bigint", org_id: "uuid", actor_user_id: "uuid", actor_type: "text", action: "text",
    target_type: "text", target_id: "text", metadata: "jsonb", ip: "inet", user_agent: "text",
    request_id: "text", created_at: "timestamp with time zone",
  } satisfies Columns<AuditEventRow>,
} as const;
