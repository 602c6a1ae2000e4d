"use client";

import { ArrowDownRight, ArrowLeft, ArrowUpRight, CircleCheck, CirclePlus, Mail, RotateCcw, UserCheck } from "lucide-react";
import Link from "next/link";

import { useFormat } from "@/components/format-provider";
import { PageHeader } from "@/components/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatUtilization, UTILIZATION_LEVEL_LABELS, type AlertDetailView, type AlertEventView } from "@/lib/alert-views";

import { AlertLevelBadge } from "./alert-level-badge";
import { formatAgo } from "./alert-format";
import { useAlert } from "./alert-queries";
import { AlertStatusBadge } from "./alert-status-badge";
import { useAcknowledgeFlow } from "./use-acknowledge-flow";
import { UtilizationBar } from "./utilization-bar";

const ICONS = { opened: CirclePlus, reopened: RotateCcw, escalated: ArrowUpRight, de_escalated: ArrowDownRight, acknowledged: UserCheck, resolved: CircleCheck } as const;

const level = (l: AlertEventView["toLevel"]) => (l ? UTILIZATION_LEVEL_LABELS[l] : "");

function describe(event: AlertEventView): string {
  const at = event.utilizationPercent === null ? "" : ` at ${formatUtilization(event.utilizationPercent)}`;
  switch (event.kind) {
    case "opened":
      return `Opened at ${level(event.toLevel)}${at}`;
    case "reopened":
      return `Reopened at ${level(event.toLevel)}${at}: the PO rose again after its previous alert had resolved`;
    case "escalated":
      return `Escalated from ${level(event.fromLevel)} to ${level(event.toLevel)}${at}`;
    case "de_escalated":
      return event.toLevel === "on_track"
        ? `Back under the warning threshold${at}: resolves if it is still there at the next evaluation`
        : `Eased from ${level(event.fromLevel)} to ${level(event.toLevel)}${at}`;
    case "acknowledged":
      return `Acknowledged by ${event.actor?.name ?? event.actor?.email ?? "a former member"} at ${level(event.toLevel)}`;
    case "resolved":
      return event.detail.reason === "po_closed"
        ? `Resolved: the PO was ${event.detail.poStatus === "cancelled" ? "cancelled" : "closed"}`
        : "Resolved: utilization stayed under the warning threshold for two evaluations";
  }
}

export function AlertDetail({ org, id, canAcknowledge }: { org: string; id: string; canAcknowledge: boolean }) {
  const format = useFormat();
  const alert = useAlert(org, id);
  const flow = useAcknowledgeFlow(org);

  if (alert.isPending) {
    return (
      <div className="grid gap-4" aria-busy="true" aria-label="Loading the alert">
        <Skeleton className="h-10 w-64" />
        <Skeleton className="h-48 w-full rounded-xl" />
        <Skeleton className="h-64 w-full rounded-xl" />
      </div>
    );
  }
  if (alert.isError) {
    return (
      <Alert variant="destructive">
        <AlertTitle>{alert.error.message === "Alert not found" ? "This alert does not exist here" : "The alert could not be loaded"}</AlertTitle>
        <AlertDescription>
          <p>{alert.error.message}</p>
          <Link href={`/${org}/alerts`} className="underline underline-offset-4">Back to the alerts</Link>
        </AlertDescription>
      </Alert>
    );
  }
  const a: AlertDetailView = alert.data;
  return (
    <>
      <div className="mb-2">
        <Link href={`/${org}/alerts`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft aria-hidden="true" className="size-4" />
          Alerts
        </Link>
      </div>
      <PageHeader
        title={`Alert on ${a.poNumber}`}
        description={a.supplier}
        actions={
          canAcknowledge && a.status === "open" ? (
            <Button onClick={() => flow.start([a.id], a.poNumber)}>Acknowledge</Button>
          ) : null
        }
      />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2 className="flex flex-wrap items-center gap-2">
                <AlertLevelBadge level={a.level} className="text-sm" />
                <AlertStatusBadge status={a.status} />
                {a.regression ? <span className="text-sm font-normal text-muted-foreground">Regressed</span> : null}
              </h2>
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-5">
            <UtilizationBar percent={a.utilizationPercent} level={a.level} label={`Utilization of ${a.poNumber}`} className="max-w-xl" />
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
              <dt className="font-medium text-muted-foreground">Purchase order</dt>
              <dd>
                <Link href={`/${org}/purchase-orders/${a.poId}`} className="font-medium underline underline-offset-4">{a.poNumber}</Link>
                {a.poStatus !== "open" ? <span className="text-muted-foreground"> ({a.poStatus})</span> : null}
              </dd>
              <dt className="font-medium text-muted-foreground">Spent of order value</dt>
              <dd className="tabular-nums">
                {format.money(a.spent, a.currency)} of {format.money(a.orderValue, a.currency)}
              </dd>
              <dt className="font-medium text-muted-foreground">Opened</dt>
              <dd>
                <time dateTime={a.openedAt}>{format.date(a.openedAt, "dateTime")}</time> at {formatUtilization(a.openedUtilizationPercent)}
              </dd>
              <dt className="font-medium text-muted-foreground">Highest level</dt>
              <dd>{UTILIZATION_LEVEL_LABELS[a.peakLevel]}</dd>
              {a.acknowledgedAt ? (
                <>
                  <dt className="font-medium text-muted-foreground">Acknowledged</dt>
                  <dd>
                    {a.acknowledgedBy?.name ?? a.acknowledgedBy?.email ?? "A former member"},{" "}
                    <time dateTime={a.acknowledgedAt}>{format.date(a.acknowledgedAt, "dateTime")}</time>
                    {a.note ? <blockquote className="mt-1 border-l-2 pl-3 text-muted-foreground">{a.note}</blockquote> : null}
                  </dd>
                </>
              ) : null}
              {a.resolvedAt ? (
                <>
                  <dt className="font-medium text-muted-foreground">Resolved</dt>
                  <dd>
                    <time dateTime={a.resolvedAt}>{format.date(a.resolvedAt, "dateTime")}</time>
                    {a.resolvedReason === "po_closed" ? " (PO closed)" : " (back on track)"}
                  </dd>
                </>
              ) : null}
            </dl>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2>Timeline</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <ol className="grid gap-4" aria-label="Timeline, oldest first">
              {a.events.map((event) => {
                const Icon = ICONS[event.kind];
                return (
                  <li key={event.id} className="grid grid-cols-[1.5rem_1fr] gap-3" data-testid="alert-event" data-kind={event.kind}>
                    <Icon aria-hidden="true" className="mt-0.5 size-5 text-muted-foreground" />
                    <div className="grid gap-0.5 text-sm">
                      <p>{describe(event)}</p>
                      {event.note ? <p className="text-muted-foreground">“{event.note}”</p> : null}
                      <p className="text-xs text-muted-foreground">
                        <time dateTime={event.createdAt} title={format.date(event.createdAt, "dateTime")}>{formatAgo(event.createdAt)}</time>
                      </p>
                    </div>
                  </li>
                );
              })}
            </ol>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2>Emails</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            {a.notifications.length === 0 ? (
              <p className="text-sm text-muted-foreground">No email went out for this alert (nobody who may acknowledge alerts has them turned on).</p>
            ) : (
              <ul className="grid gap-2 text-sm">
                {a.notifications.map((n) => (
                  <li key={n.level} className="flex items-start gap-2">
                    <Mail aria-hidden="true" className="mt-0.5 size-4 text-muted-foreground" />
                    <span>
                      {UTILIZATION_LEVEL_LABELS[n.level]}: {n.sent === n.recipients ? `emailed ${n.recipients}` : `${n.sent} of ${n.recipients} emailed so far`}{" "}
                      {n.recipients === 1 ? "person" : "people"}
                      {n.digest ? " (in a digest)" : ""}, {formatAgo(n.createdAt)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
      {flow.dialog}
    </>
  );
}
