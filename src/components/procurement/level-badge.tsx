import { Badge } from "@/components/ui/badge";
import type { PurchaseOrderStatus, UtilizationLevel } from "@/lib/procurement-views";
import { LEVEL_LABELS, STATUS_LABELS } from "./procurement-format";

const LEVEL_VARIANT = { on_track: "success", warning: "warning", critical: "destructive", over_budget: "destructive" } as const;

export function LevelBadge({ level }: { level: UtilizationLevel }) {
  return <Badge variant={LEVEL_VARIANT[level]}>{LEVEL_LABELS[level]}</Badge>;
}

export function PoStatusBadge({ status }: { status: PurchaseOrderStatus }) {
  return <Badge variant={status === "open" ? "outline" : "secondary"}>{STATUS_LABELS[status]}</Badge>;
}
