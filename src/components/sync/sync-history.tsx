"use client";

import { History } from "lucide-react";
import { useState } from "react";

import { SeriesChart } from "@/components/dashboards/charts";
import { useFormat } from "@/components/format-provider";
import { NewerOlderPager } from "@/components/newer-older-pager";
import { QueryListState } from "@/components/query-list-state";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { SYNC_RUN_STATUSES } from "@/lib/sync-schemas";
import type { SyncConnectionStatus, SyncRunView } from "@/lib/sync-views";
import { RunStatusBadge } from "./sync-badges";
import { useSyncHistory } from "./sync-queries";
import { formatDuration, PROVIDER_LABELS } from "./sync-format";

const PAGE_SIZE = 20;
const TRIGGER_LABELS = { manual: "By hand", schedule: "Schedule", webhook: "Webhook" } as const;
const STATUS_LABELS: Record<(typeof SYNC_RUN_STATUSES)[number], string> = {
  queued: "Queued", running: "Running", succeeded: "Succeeded", partial: "Partial", failed: "Failed", cancelled: "Cancelled",
};

function EntityCounts({ run }: { run: SyncRunView }) {
  const format = useFormat();
  const entries = Object.entries(run.counts);
  if (entries.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <ul className="grid gap-0.5">
      {entries.map(([entity, c]) => (
        <li key={entity} className="whitespace-nowrap" title={`${c.fetched} fetched, ${c.upserted} written, ${c.deleted} deleted`}>
          {entity} <span className="tabular-nums">{format.number(c.upserted)}</span>
          {c.deleted ? <span className="text-muted-foreground"> (−{format.number(c.deleted)})</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** Every run of the organization, newest first, with filters, paging and rows written per run. */
export function SyncHistory({ org, connections, live }: { org: string; connections: SyncConnectionStatus[]; live: boolean }) {
  const format = useFormat();
  const [filters, setFilters] = useState({ connectionId: "", status: "" });
  const [page, setPage] = useState(1);
  const runs = useSyncHistory(org, { ...filters, page, pageSize: PAGE_SIZE }, live);

  const set = (key: keyof typeof filters) => (value: string) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
  };

  const chart = (runs.data?.items ?? [])
    .filter((r) => r.status !== "queued")
    .slice()
    .reverse()
    .map((r) => ({ run: format.date(r.startedAt ?? r.createdAt, "shortDateTime"), rows: r.rows }));

  return (
    <div className="grid gap-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:max-w-2xl" role="search" aria-label="Filter syncs">
        <div className="grid gap-2">
          <Label htmlFor="sync-history-connection">Organization</Label>
          <NativeSelect id="sync-history-connection" value={filters.connectionId} onChange={(e) => set("connectionId")(e.target.value)}>
            <option value="">All</option>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.tenantName ?? c.tenantId} ({PROVIDER_LABELS[c.provider]})
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="sync-history-status">Status</Label>
          <NativeSelect id="sync-history-status" value={filters.status} onChange={(e) => set("status")(e.target.value)}>
            <option value="">Any status</option>
            {SYNC_RUN_STATUSES.map((s) => (
              <option key={s} value={s}>{STATUS_LABELS[s]}</option>
            ))}
          </NativeSelect>
        </div>
      </div>

      <QueryListState
        query={runs}
        loadingLabel="Loading sync history"
        skeletonRows={5}
        skeletonClassName="h-10 w-full"
        errorTitle="The sync history could not be loaded"
        emptyIcon={History}
        emptyText={filters.connectionId || filters.status ? "No syncs match these filters." : "No syncs yet. The first one appears here once it starts."}
      >
        {(items) => (
          <Table>
            <TableCaption>Syncs, newest first</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>Started</TableHead>
                <TableHead>Organization</TableHead>
                <TableHead>Trigger</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Duration</TableHead>
                <TableHead>Rows</TableHead>
                <TableHead numeric>Pages</TableHead>
                <TableHead numeric>API calls</TableHead>
                <TableHead>Error</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((r) => (
                <TableRow key={r.id} className="align-top" data-testid="sync-history-row" data-status={r.status}>
                  <TableCell className="whitespace-nowrap">
                    <time dateTime={r.startedAt ?? r.createdAt}>{format.date(r.startedAt ?? r.createdAt, "dateTime")}</time>
                  </TableCell>
                  <TableCell>{r.tenantName ?? PROVIDER_LABELS[r.provider]}</TableCell>
                  <TableCell className="whitespace-nowrap">
                    {TRIGGER_LABELS[r.trigger]}
                    {r.requestedBy ? <div className="text-xs text-muted-foreground">{r.requestedBy.name ?? r.requestedBy.email}</div> : null}
                    {r.fullResync ? <div className="text-xs text-muted-foreground">Full resync</div> : null}
                  </TableCell>
                  <TableCell><RunStatusBadge status={r.status} /></TableCell>
                  <TableCell className="whitespace-nowrap tabular-nums">{formatDuration(r.durationMs)}</TableCell>
                  <TableCell data-testid="sync-history-rows" data-rows={r.rows}><EntityCounts run={r} /></TableCell>
                  <TableCell numeric>{format.number(r.pages)}</TableCell>
                  <TableCell numeric>{format.number(r.apiCalls)}</TableCell>
                  <TableCell className="max-w-xs text-destructive">
                    {r.error ?? <span className="text-muted-foreground">—</span>}
                    {r.retryAt ? <div className="text-xs text-muted-foreground">Continues after {format.date(r.retryAt, "dateTime")}</div> : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
            </Table>
        )}
      </QueryListState>
      {runs.data ? <NewerOlderPager page={page} hasMore={runs.data.hasMore} onPage={setPage} label="Sync history pages" /> : null}
      {chart.length > 1 ? (
        <SeriesChart
          kind="bars"
          title="Rows written per sync"
          description="Rows written by each sync on this page, oldest to newest"
          data={chart}
          x="run"
          xLabel="Sync"
          series={[{ key: "rows", label: "Rows written" }]}
          formatValue={(value: number) => format.number(value)}
        />
      ) : null}
    </div>
  );
}
