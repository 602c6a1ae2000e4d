/**
 * Roles, ranks and the role → permission matrix (DESIGN §5). Mirrors `public.roles` and
 * `public.role_permissions`; tests/integration/permission-matrix.test.ts keeps them equal.
 * Isomorphic: the navigation uses it to show only what a role may use.
 */
export const ROLES = ["admin", "executive", "finance", "operator", "staff"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_RANK: Record<Role, number> = { admin: 50, executive: 40, finance: 30, operator: 30, staff: 10 };

export const PERMISSIONS = [
  "org.manage",
  "integrations.manage",
  "dashboards.manage",
  "members.read",
  "members.manage",
  "audit.read",
  "dashboards.view",
  "finance.read",
  "procurement.read",
  "alerts.read",
  "imports.run",
  "alerts.acknowledge",
  "sync.read",
  "sync.run",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  executive: ["members.read", "members.manage", "audit.read", "dashboards.view", "finance.read", "procurement.read", "alerts.read", "sync.read"],
  finance: ["dashboards.view", "finance.read", "procurement.read", "alerts.read", "imports.run", "alerts.acknowledge", "sync.read"],
  operator: ["dashboards.view", "procurement.read", "alerts.read", "imports.run", "sync.read", "sync.run"],
  staff: ["dashboards.view"],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
