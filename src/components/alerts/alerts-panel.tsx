"use client";

import { BellOff, Check, ChevronRight, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useState } from "react";

import { useFormat } from "@/components/format-provider";
import { QueryListState } from "@/components/query-list-state";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { ALERT_STATUS_FILTERS, type AlertStatusFilter } from "@/lib/alert-schemas";
import { UTILIZATION_LEVEL_LABELS, type AlertView } from "@/lib/alert-views";
import { UTILIZATION_LEVELS, type UtilizationLevel } from "@/lib/procurement-views";

import { AlertLevelBadge } from "./alert-level-badge";
import { formatAgo } from "./alert-format";
import { useAlerts } from "./alert-queries";
import { AlertStatusBadge } from "./alert-status-badge";
import { useAcknowledgeFlow } from "./use-acknowledge-flow";
import { UtilizationBar } from "./utilization-bar";

const PAGE_SIZE = 25;
const STATUS_FILTER_LABELS: Record<AlertStatusFilter, string> = {
  active: "Not resolved",
  open: "Open",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
};

export interface AlertsPanelFilters {
  level?: UtilizationLevel;
  status: AlertStatusFilter | "all";
  page: number;
}

/** The filters live in the URL too, so a filtered list can be shared and Back returns to it. */
function writeUrl(filters: AlertsPanelFilters) {
  const params = new URLSearchParams();
  if (filters.level) params.set("level", filters.level);
  if (filters.status !== "active") params.set("status", filters.status);
  if (filters.page > 1) params.set("page", String(filters.page));
  const search = params.toString();
  window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
}

export function AlertsPanel({ org, canAcknowledge, initial }: { org: string; canAcknowledge: boolean; initial: AlertsPanelFilters }) {
  const [filters, setFilters] = useState<AlertsPanelFilters>(initial);
  const [selected, setSelected] = useState<string[]>([]);
  const alerts = useAlerts(org, {
    level: filters.level,
    status: filters.status === "all" ? undefined : filters.status,
    page: filters.page,
    pageSize: PAGE_SIZE,
  });
  const flow = useAcknowledgeFlow(org, () => setSelected([]));

  const update = (patch: Partial<AlertsPanelFilters>) => {
    const next = { ...filters, page: 1, ...patch };
    setFilters(next);
    setSelected([]);
    writeUrl(next);
  };

  const items = alerts.data?.items ?? [];
  const selectable = items.filter((a) => a.status === "open");
  const allSelected = selectable.length > 0 && selectable.every((a) => selected.includes(a.id));
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const total = alerts.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Boolean(filters.level) || filters.status !== "active";

  return (
    <div className="grid gap-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="grid gap-3 sm:grid-cols-2 sm:min-w-[28rem]" role="search" aria-label="Filter alerts">
          <div className="grid gap-2">
            <Label htmlFor="alerts-level">Level</Label>
            <NativeSelect id="alerts-level" value={filters.level ?? ""} onChange={(e) => update({ level: (e.target.value || undefined) as UtilizationLevel | undefined })}>
              <option value="">Any level</option>
              {UTILIZATION_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {UTILIZATION_LEVEL_LABELS[level]}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid gap-2">
            <Label htmlFor="alerts-status">Status</Label>
            <NativeSelect id="alerts-status" value={filters.status} onChange={(e) => update({ status: e.target.value as AlertsPanelFilters["status"] })}>
              {ALERT_STATUS_FILTERS.map((s) => (
                <option key={s} value={s}>
                  {STATUS_FILTER_LABELS[s]}
                </option>
              ))}
              <option value="all">Any status</option>
            </NativeSelect>
          </div>
        </div>
        {filtered ? (
          <Button variant="ghost" size="sm" onClick={() => update({ level: undefined, status: "active" })}>
            <RotateCcw aria-hidden="true" />
            Reset filters
          </Button>
        ) : null}
      </div>

      {canAcknowledge && selectable.length > 0 ? (
        <div className="flex flex-wrap items-center gap-3 rounded-md border bg-muted/40 px-3 py-2 text-sm" aria-label="Bulk actions" role="group">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              className="size-4 accent-primary"
              checked={allSelected}
              onChange={() => setSelected(allSelected ? [] : selectable.map((a) => a.id))}
            />
            Select all open on this page
          </label>
          <span className="text-muted-foreground" aria-live="polite">
            {selected.length} selected
          </span>
          <Button size="sm" className="ml-auto" disabled={selected.length === 0} onClick={() => flow.start(selected, `${selected.length} alert${selected.length === 1 ? "" : "s"}`)}>
            <Check aria-hidden="true" />
            Acknowledge selected
          </Button>
        </div>
      ) : null}

      <QueryListState
        query={alerts}
        loadingLabel="Loading alerts"
        skeletonRows={4}
        skeletonClassName="h-24 w-full"
        errorTitle="The alerts could not be loaded"
        emptyIcon={BellOff}
        emptyText={
          filtered
            ? "No alerts match these filters."
            : "No open alerts. When a purchase order's spend reaches the warning threshold, its alert appears here."
        }
      >
        {(list) => (
          <ul className="grid gap-3" aria-label="Alerts, newest escalation first">
            {list.map((alert) => (
              <AlertRow
                key={alert.id}
                org={org}
                alert={alert}
                selectable={canAcknowledge && alert.status === "open"}
                selected={selected.includes(alert.id)}
                onToggle={() => toggle(alert.id)}
                onAcknowledge={canAcknowledge && alert.status === "open" ? () => flow.start([alert.id], alert.poNumber) : undefined}
              />
            ))}
          </ul>
        )}
      </QueryListState>

      {pages > 1 ? (
        <nav aria-label="Alert pages" className="flex items-center justify-end gap-2 text-sm">
          <span className="mr-auto text-muted-foreground">
            Page {filters.page} of {pages} · {total} alerts
          </span>
          <Button size="sm" variant="outline" disabled={filters.page <= 1} onClick={() => update({ page: filters.page - 1 })}>
            Previous
          </Button>
          <Button size="sm" variant="outline" disabled={filters.page >= pages} onClick={() => update({ page: filters.page + 1 })}>
            Next
          </Button>
        </nav>
      ) : null}
      {flow.dialog}
    </div>
  );
}

function AlertRow({
  org,
  alert,
  selectable,
  selected,
  onToggle,
  onAcknowledge,
}: {
  org: string;
  alert: AlertView;
  selectable: boolean;
  selected: boolean;
  onToggle: () => void;
  onAcknowledge?: () => void;
}) {
  const format = useFormat();
  const recovering = alert.status !== "resolved" && alert.level === "on_track";
  return (
    <li
      className="grid gap-3 rounded-lg border bg-card p-4 md:grid-cols-[minmax(0,1.3fr)_minmax(0,1fr)_auto] md:items-center md:gap-4"
      data-testid="alert-row"
      data-level={alert.level}
      data-status={alert.status}
    >
      <div className="grid min-w-0 gap-1.5">
        <div className="flex flex-wrap items-center gap-2">
          {selectable ? (
            <input type="checkbox" className="size-4 accent-primary" checked={selected} onChange={onToggle} aria-label={`Select ${alert.poNumber}`} />
          ) : null}
          <Link href={`/${org}/purchase-orders/${alert.poId}`} className="font-semibold underline-offset-4 hover:underline">
            {alert.poNumber}
          </Link>
          <AlertLevelBadge level={alert.level} />
          <AlertStatusBadge status={alert.status} />
          {alert.regression ? (
            <span className="text-xs font-medium text-muted-foreground" title="Its previous alert had resolved">
              Regressed
            </span>
          ) : null}
        </div>
        <p className="truncate text-sm text-muted-foreground">{alert.supplier}</p>
        <p className="text-xs text-muted-foreground">
          {alert.lastEscalatedAt === alert.openedAt ? "Opened" : "Escalated"}{" "}
          <time dateTime={alert.lastEscalatedAt} title={format.date(alert.lastEscalatedAt, "dateTime")}>
            {formatAgo(alert.lastEscalatedAt)}
          </time>
          {recovering ? " · back under the warning threshold; resolves at the next evaluation if it stays there" : null}
          {alert.status === "acknowledged" && alert.acknowledgedBy ? ` · acknowledged by ${alert.acknowledgedBy.name ?? alert.acknowledgedBy.email}` : null}
        </p>
      </div>
      <div className="grid gap-1">
        <UtilizationBar percent={alert.utilizationPercent} level={alert.level} label={`Utilization of ${alert.poNumber}`} />
        <p className="text-xs text-muted-foreground tabular-nums">
          {format.money(alert.spent, alert.currency)} of {format.money(alert.orderValue, alert.currency)}
        </p>
      </div>
      <div className="flex flex-wrap gap-2 md:justify-end">
        {onAcknowledge ? (
          <Button size="sm" variant="outline" onClick={onAcknowledge}>
            Acknowledge
            <span className="sr-only"> {alert.poNumber}</span>
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" asChild>
          <Link href={`/${org}/alerts/${alert.id}`}>
            Details
            <span className="sr-only"> of the {alert.poNumber} alert</span>
            <ChevronRight aria-hidden="true" />
          </Link>
        </Button>
      </div>
    </li>
  );
}
