import { Badge } from "@/components/ui/badge";
import { UTILIZATION_LEVEL_LABELS } from "@/lib/alert-views";
import type { UtilizationLevel } from "@/lib/procurement-views";
import { cn } from "@/lib/utils";

import { LEVEL_BADGE_CLASS } from "./alert-level-style";

export function AlertLevelBadge({ level, className }: { level: UtilizationLevel; className?: string }) {
  return (
    <Badge variant="outline" data-level={level} className={cn(LEVEL_BADGE_CLASS[level], className)}>
      {UTILIZATION_LEVEL_LABELS[level]}
    </Badge>
  );
}
