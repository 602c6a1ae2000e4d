"use client";

import { PlugZap, RefreshCw } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toaster";
import { ConnectionCard } from "./connection-card";
import { SyncHistory } from "./sync-history";
import { hasActiveRun, useRefreshSyncAfterRun, useSyncHealth, useSyncStatus, useTriggerSync } from "./sync-queries";

const ALL = "all";

export function SyncPanel({ org, canRun, canManageIntegrations }: { org: string; canRun: boolean; canManageIntegrations: boolean }) {
  const status = useSyncStatus(org);
  const live = hasActiveRun(status.data);
  const health = useSyncHealth(org, live);
  const refreshAfterRun = useRefreshSyncAfterRun(org);

  // Runs this page has seen queued or running; when one finishes its bar stays, showing the outcome.
  const [watched, setWatched] = useState<string[]>([]);
  const activeIds = status.data?.connections.flatMap((c) => (c.activeRun ? [c.activeRun.id] : [])) ?? [];
  const unseen = activeIds.filter((id) => !watched.includes(id));
  if (unseen.length > 0) setWatched([...watched, ...unseen]);
  const finished = (status.data?.connections ?? [])
    .filter((c) => !c.activeRun && c.lastRun && watched.includes(c.lastRun.id))
    .map((c) => c.lastRun!.id)
    .join(",");
  useEffect(() => {
    if (finished) refreshAfterRun();
  }, [finished, refreshAfterRun]);

  const toast = useToast();
  const [startErrors, setStartErrors] = useState<Record<string, string | null>>({});
  const trigger = useTriggerSync(org);
  const start = (connectionId: string | undefined) => {
    setStartErrors((e) => ({ ...e, [connectionId ?? ALL]: null }));
    trigger.mutate(connectionId, {
      onError: (error) => setStartErrors((e) => ({ ...e, [connectionId ?? ALL]: error.message })),
      onSuccess: ({ runs }) => {
        toast({ title: runs.length === 1 ? "Sync started" : `${runs.length} syncs started`, description: "The figures update when it finishes." });
        setWatched((w) => [...w, ...runs.map((r) => r.runId).filter((id) => !w.includes(id))]);
      },
    });
  };
  const startingFor = (key: string) => trigger.isPending && (trigger.variables ?? ALL) === key;

  if (status.isPending) {
    return (
      <div className="grid gap-6 md:grid-cols-2" aria-busy="true" aria-label="Loading connections">
        <Skeleton className="h-80 w-full rounded-xl" />
        <Skeleton className="h-80 w-full rounded-xl" />
      </div>
    );
  }
  if (status.isError) {
    return (
      <Alert variant="destructive">
        <AlertTitle>The sync status could not be loaded</AlertTitle>
        <AlertDescription>
          <p>{status.error.message}</p>
          <div>
            <Button size="sm" variant="outline" onClick={() => void status.refetch()}>Try again</Button>
          </div>
        </AlertDescription>
      </Alert>
    );
  }

  const { connections } = status.data;
  const now = Date.parse(status.data.now);
  const healthBy = new Map((health.data?.connections ?? []).map((h) => [h.connectionId, h]));
  const connectedCount = connections.filter((c) => c.status === "connected").length;

  if (connections.length === 0) {
    return (
      <Card>
        <CardContent className="flex flex-col items-center gap-3 py-10 text-center">
          <PlugZap aria-hidden="true" className="size-8 text-muted-foreground" />
          <h2 className="text-lg font-semibold">No Xero or XPM organization is connected</h2>
          {canManageIntegrations ? (
            <>
              <p className="max-w-md text-sm text-muted-foreground">Connect Xero Accounting or Xero Practice Manager and its data syncs here, by schedule and on demand.</p>
              <Button asChild>
                <Link href={`/${org}/settings/integrations`}>Connect in Settings › Integrations</Link>
              </Button>
            </>
          ) : (
            <p className="max-w-md text-sm text-muted-foreground">
              Ask an admin of this organization to connect Xero or XPM in Settings › Integrations; its syncs then show here.
            </p>
          )}
        </CardContent>
      </Card>
    );
  }

  return (
    <div className="grid gap-6">
      {canRun && connectedCount > 1 ? (
        <div className="flex flex-wrap items-center justify-end gap-3">
          {startErrors[ALL] ? <p role="alert" className="text-sm text-destructive">{startErrors[ALL]}</p> : null}
          <Button variant="outline" onClick={() => start(undefined)} disabled={startingFor(ALL) || connections.every((c) => c.activeRun || c.status !== "connected")}>
            {startingFor(ALL) ? <Spinner label="" /> : <RefreshCw aria-hidden="true" />}
            Sync all
          </Button>
        </div>
      ) : null}
      {health.isError ? (
        <Alert variant="destructive">
          <AlertTitle>The health figures could not be loaded</AlertTitle>
          <AlertDescription>{health.error.message}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-6 md:grid-cols-2">
        {connections.map((c) => (
          <ConnectionCard
            key={c.id}
            org={org}
            connection={c}
            health={healthBy.get(c.id)}
            now={now}
            canRun={canRun}
            canManageIntegrations={canManageIntegrations}
            showFinished={Boolean(c.lastRun && watched.includes(c.lastRun.id))}
            starting={startingFor(c.id)}
            startError={startErrors[c.id] ?? null}
            onSync={() => start(c.id)}
          />
        ))}
      </div>
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>History</h2>
          </CardTitle>
          <CardDescription>Every sync of this organization: what started it, how long it took and what it wrote.</CardDescription>
        </CardHeader>
        <CardContent>
          <SyncHistory org={org} connections={connections} live={live} />
        </CardContent>
      </Card>
    </div>
  );
}
