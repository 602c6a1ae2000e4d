"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Download, ScrollText } from "lucide-react";
import { useState } from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { NewerOlderPager } from "@/components/newer-older-pager";
import { QueryListState } from "@/components/query-list-state";
import { api } from "@/lib/api-client";
import { AUDIT_ACTIONS } from "@/lib/audit-actions";
import { formatDate } from "@/lib/format-date";

interface AuditEvent {
  id: number;
  createdAt: string;
  actorUserId: string | null;
  actorEmail: string | null;
  actorType: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  metadata: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

const PAGE_SIZE = 50;

export function AuditLog({ org, actors }: { org: string; actors: { id: string; label: string }[] }) {
  const [filters, setFilters] = useState({ actor: "", action: "", from: "", to: "" });
  const [page, setPage] = useState(1);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  const list = new URLSearchParams(params);
  list.set("page", String(page));
  list.set("pageSize", String(PAGE_SIZE));

  const events = useQuery({
    queryKey: ["audit", org, list.toString()],
    queryFn: ({ signal }) => api.get<{ items: AuditEvent[]; hasMore: boolean }>(`/api/audit?${list}`, { orgId: org, signal }),
    placeholderData: keepPreviousData,
  });

  const set = (key: keyof typeof filters) => (value: string) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
  };

  // The export needs the X-Org-Id header, so it is fetched and handed to the browser as a file.
  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      const csvParams = new URLSearchParams(params);
      csvParams.set("format", "csv");
      const res = await fetch(`/api/audit?${csvParams}`, { headers: { "X-Org-Id": org }, credentials: "same-origin" });
      if (!res.ok) throw new Error(((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `The server answered ${res.status}`);
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "audit.csv";
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setExportError(error instanceof Error ? error.message : "The export failed");
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="grid gap-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_10rem_10rem_auto] lg:items-end" role="search">
        <div className="grid gap-2">
          <Label htmlFor="audit-actor">Actor</Label>
          <NativeSelect id="audit-actor" value={filters.actor} onChange={(e) => set("actor")(e.target.value)}>
            <option value="">Anyone</option>
            {actors.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
          </NativeSelect>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="audit-action">Action</Label>
          <NativeSelect id="audit-action" value={filters.action} onChange={(e) => set("action")(e.target.value)}>
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((a) => <option key={a} value={a}>{a}</option>)}
          </NativeSelect>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="audit-from">From</Label>
          <Input id="audit-from" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set("from")(e.target.value)} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="audit-to">To</Label>
          <Input id="audit-to" type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => set("to")(e.target.value)} />
        </div>
        <Button variant="outline" onClick={exportCsv} disabled={exporting}>
          {exporting ? <Spinner label="" /> : <Download aria-hidden="true" />}
          Export CSV
        </Button>
      </div>
      {exportError ? (
        <Alert variant="destructive">
          <AlertTitle>The export failed</AlertTitle>
          <AlertDescription>{exportError}</AlertDescription>
        </Alert>
      ) : null}

      <QueryListState
        query={events}
        loadingLabel="Loading events"
        skeletonRows={5}
        skeletonClassName="h-10 w-full"
        errorTitle="The audit log could not be loaded"
        emptyIcon={ScrollText}
        emptyText="No events match these filters."
      >
        {(items) => (
          <Table>
            <TableCaption>Audit events, newest first</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead>Actor</TableHead>
                <TableHead>Action</TableHead>
                <TableHead>Target</TableHead>
                <TableHead className="hidden lg:table-cell">Details</TableHead>
                <TableHead className="hidden md:table-cell">IP / request</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((e) => (
                <TableRow key={e.id} className="align-top" data-testid="audit-row">
                  <TableCell className="whitespace-nowrap"><time dateTime={e.createdAt}>{formatDate(e.createdAt, "dateTimeSeconds")}</time></TableCell>
                  <TableCell className="break-all">{actorLabel(e)}</TableCell>
                  <TableCell><code className="text-xs">{e.action}</code></TableCell>
                  <TableCell className="break-all text-muted-foreground">{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : "—"}</TableCell>
                  <TableCell className="hidden lg:table-cell"><code className="text-xs break-all">{JSON.stringify(e.metadata)}</code></TableCell>
                  <TableCell className="hidden text-xs text-muted-foreground md:table-cell">
                    <div>{e.ip ?? "—"}</div>
                    <div className="break-all" title={e.userAgent ?? undefined}>{e.requestId}</div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
            </Table>
        )}
      </QueryListState>
      {events.data ? <NewerOlderPager page={page} hasMore={events.data.hasMore} onPage={setPage} label="Pages" /> : null}
    </div>
  );
}

/** Who did it; an anonymous sign-in attempt names the address it tried. */
function actorLabel(e: { actorEmail: string | null; actorType: string; actorUserId: string | null; metadata: Record<string, unknown> }): string {
  if (e.actorEmail) return e.actorEmail;
  if (e.actorType === "user") return e.actorUserId ?? "user";
  return typeof e.metadata.email === "string" ? `${e.actorType} (as ${e.metadata.email})` : e.actorType;
}
