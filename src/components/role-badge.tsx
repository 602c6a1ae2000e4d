import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { Role } from "@/lib/permissions";

import { ROLE_LABELS } from "@/lib/role-labels";

export function RoleBadge({ role, variant = "secondary", ...props }: Omit<BadgeProps, "children"> & { role: Role }) {
  return (
    <Badge variant={variant} {...props}>
      {ROLE_LABELS[role]}
    </Badge>
  );
}
