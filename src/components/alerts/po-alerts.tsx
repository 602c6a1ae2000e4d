"use client";

import { Bell, ChevronRight } from "lucide-react";
import Link from "next/link";

import { useFormat } from "@/components/format-provider";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatUtilization } from "@/lib/alert-views";

import { AlertLevelBadge } from "./alert-level-badge";
import { formatAgo } from "./alert-format";
import { useAlerts } from "./alert-queries";
import { AlertStatusBadge } from "./alert-status-badge";
import { useAcknowledgeFlow } from "./use-acknowledge-flow";

/**
 * A PO's budget alerts for its detail page: the current one (acknowledge it in place) and the
 * earlier ones, each linking to its timeline. Mount it as
 * `<PoAlerts org={org.slug} poId={po.id} canAcknowledge={org.permissions.includes("alerts.acknowledge")} />`
 * for viewers with `alerts.read`.
 */
export function PoAlerts({ org, poId, canAcknowledge }: { org: string; poId: string; canAcknowledge: boolean }) {
  const format = useFormat();
  const alerts = useAlerts(org, { poId, status: undefined, pageSize: 20 });
  const flow = useAcknowledgeFlow(org);
  const items = alerts.data?.items ?? [];
  return (
    <Card data-testid="po-alerts">
      <CardHeader>
        <CardTitle asChild>
          <h2>Budget alerts</h2>
        </CardTitle>
        <CardDescription>Raised when spend reaches the organization&apos;s warning, critical or over-budget threshold.</CardDescription>
      </CardHeader>
      <CardContent>
        {alerts.isPending ? (
          <Skeleton className="h-16 w-full" aria-label="Loading the PO's alerts" />
        ) : alerts.isError ? (
          <p role="alert" className="text-sm text-destructive">The alerts could not be loaded: {alerts.error.message}</p>
        ) : items.length === 0 ? (
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <Bell aria-hidden="true" className="size-4" />
            No alert so far: this PO has stayed under the warning threshold.
          </p>
        ) : (
          <ul className="grid gap-3">
            {items.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md border p-3 text-sm">
                <AlertLevelBadge level={a.level} />
                <AlertStatusBadge status={a.status} />
                <span className="tabular-nums">{formatUtilization(a.utilizationPercent)}</span>
                <span className="text-muted-foreground">
                  opened <time dateTime={a.openedAt} title={format.date(a.openedAt, "dateTime")}>{formatAgo(a.openedAt)}</time>
                  {a.regression ? ", regressed" : ""}
                </span>
                <span className="ml-auto flex gap-2">
                  {canAcknowledge && a.status === "open" ? (
                    <Button size="sm" variant="outline" onClick={() => flow.start([a.id], a.poNumber)}>Acknowledge</Button>
                  ) : null}
                  <Button size="sm" variant="ghost" asChild>
                    <Link href={`/${org}/alerts/${a.id}`}>
                      Timeline
                      <ChevronRight aria-hidden="true" />
                    </Link>
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      {flow.dialog}
    </Card>
  );
}
