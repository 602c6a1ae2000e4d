import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { ConnectionStatusKind, SyncRunStatus } from "@/lib/sync-views";

const RUN: Record<SyncRunStatus, { label: string; variant: BadgeProps["variant"] }> = {
  queued: { label: "Queued", variant: "secondary" },
  running: { label: "Running", variant: "default" },
  succeeded: { label: "Succeeded", variant: "success" },
  partial: { label: "Partial", variant: "warning" },
  failed: { label: "Failed", variant: "destructive" },
  cancelled: { label: "Cancelled", variant: "outline" },
};

const CONNECTION: Record<ConnectionStatusKind, { label: string; variant: BadgeProps["variant"] }> = {
  connected: { label: "Connected", variant: "success" },
  reconnect_required: { label: "Reconnect needed", variant: "warning" },
  disconnected: { label: "Disconnected", variant: "outline" },
  currency_mismatch: { label: "Currency to choose", variant: "warning" },
};

export function RunStatusBadge({ status }: { status: SyncRunStatus }) {
  const { label, variant } = RUN[status];
  return <Badge variant={variant} data-status={status}>{label}</Badge>;
}

export function ConnectionStatusBadge({ status }: { status: ConnectionStatusKind }) {
  const { label, variant } = CONNECTION[status];
  return <Badge variant={variant}>{label}</Badge>;
}
