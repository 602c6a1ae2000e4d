import { Badge } from "@/components/ui/badge";
import { ALERT_STATUS_LABELS, type AlertStatus } from "@/lib/alert-views";

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  return (
    <Badge variant={status === "open" ? "default" : status === "acknowledged" ? "secondary" : "outline"} data-status={status}>
      {ALERT_STATUS_LABELS[status]}
    </Badge>
  );
}
