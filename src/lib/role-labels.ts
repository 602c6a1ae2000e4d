import type { Role } from "@/lib/permissions";

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  executive: "Executive",
  finance: "Finance",
  operator: "Operator",
  staff: "Staff",
};
