"use client";

import { Download, ScrollText } from "lucide-react";
import Link from "next/link";
import { useState } from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useFormat } from "@/components/format-provider";
import { NewerOlderPager } from "@/components/newer-older-pager";
import { QueryListState } from "@/components/query-list-state";
import { auditActionGroups } from "@/lib/audit-action-labels";
import { auditDetails, describeIp } from "@/lib/audit-details";
import type { AuditEventView } from "@/lib/audit-views";
import { describeAuditEvent, type AuditPerson } from "@/lib/describe-audit-event";
import { auditSearchParams, useAuditEvents, type AuditFilters } from "./audit-queries";

const PAGE_SIZE = 50;
/** The Action filter's choices: readable names grouped by area, the codes as values. */
const ACTION_GROUPS = auditActionGroups();

export function AuditLog({ org, actors }: { org: string; actors: { id: string; label: string }[] }) {
  const [filters, setFilters] = useState<AuditFilters>({ actor: "", action: "", from: "", to: "" });
  const [page, setPage] = useState(1);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const events = useAuditEvents(org, filters, page, PAGE_SIZE);

  const set = (key: keyof typeof filters) => (value: string) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
  };

  // The export needs the X-Org-Id header, so it is fetched and handed to the browser as a file.
  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      const csvParams = auditSearchParams(filters);
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
            {ACTION_GROUPS.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.actions.map((a) => <option key={a.value} value={a.value}>{a.label}</option>)}
              </optgroup>
            ))}
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
                <TableHead>What happened</TableHead>
                <TableHead className="hidden md:table-cell">From</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((e) => (
                <AuditRow key={e.id} org={org} event={e} />
              ))}
            </TableBody>
            </Table>
        )}
      </QueryListState>
      {events.data ? <NewerOlderPager page={page} hasMore={events.data.hasMore} onPage={setPage} label="Pages" /> : null}
    </div>
  );
}

/** A person in a sentence links to them on the Users page (by email: ids mean nothing to people). */
function PersonLink({ org, person }: { org: string; person: AuditPerson }) {
  if (!person.email) return <span className="font-medium">{person.label}</span>;
  return (
    <Link href={`/${org}/settings/users?${new URLSearchParams({ search: person.email })}`} className="font-medium underline-offset-4 hover:underline" title={person.email}>
      {person.label}
    </Link>
  );
}

function AuditRow({ org, event: e }: { org: string; event: AuditEventView }) {
  const sentence = describeAuditEvent(e);
  // A fact the sentence already says ("… joined as finance") is not repeated under it.
  const said = sentence.text.toLowerCase();
  const details = auditDetails(e).filter((d) => d.value === undefined || !said.includes(d.value.toLowerCase()));
  const origin = describeIp(e.ip);
  const format = useFormat();
  return (
    <TableRow className="align-top" data-testid="audit-row" data-action={e.action}>
      <TableCell className="sm:whitespace-nowrap">
        <time dateTime={e.createdAt}>{format.date(e.createdAt, "dateTimeSeconds")}</time>
      </TableCell>
      <TableCell>
        <div className="grid gap-1.5">
          <p className="break-words">
            {sentence.parts.map((part, i) => (typeof part === "string" ? <span key={i}>{part}</span> : <PersonLink key={i} org={org} person={part.person} />))}
          </p>
          {details.length ? (
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-muted-foreground">
              {details.map((d, i) => (
                <div key={i} className="contents">
                  <dt>{d.label}</dt>
                  <dd className="break-words text-foreground">
                    {d.value ?? (
                      <>
                        <del className="text-muted-foreground">{d.from}</del> <span aria-hidden="true">→</span>
                        <span className="sr-only"> changed to </span> <ins className="no-underline">{d.to}</ins>
                      </>
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          <details className="text-xs">
            <summary className="w-fit cursor-pointer text-muted-foreground hover:text-foreground">Raw record</summary>
            <pre className="mt-1 max-w-full overflow-x-auto whitespace-pre-wrap break-all rounded-md bg-muted p-2 font-mono">
              {JSON.stringify({ action: e.action, actorUserId: e.actorUserId, actorType: e.actorType, targetType: e.targetType, targetId: e.targetId, metadata: e.metadata, ip: e.ip, userAgent: e.userAgent, requestId: e.requestId, id: e.id }, null, 2)}
            </pre>
          </details>
        </div>
      </TableCell>
      <TableCell className="hidden text-xs text-muted-foreground md:table-cell">{origin ?? "—"}</TableCell>
    </TableRow>
  );
}
