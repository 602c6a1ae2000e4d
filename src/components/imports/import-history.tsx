"use client";

import { History } from "lucide-react";
import { useState } from "react";

import { useFormat } from "@/components/format-provider";
import { TotalPager } from "@/components/total-pager";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { Table } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { countsSummary, formatBytes, IMPORT_STATUS_LABELS, IMPORT_STATUS_VARIANT, IMPORT_TYPE_LABELS } from "./import-format";
import { LIVE_IMPORT_STATUSES, useImports } from "./import-queries";

const PAGE_SIZE = 10;

/** Every import of the organization, newest first: type, file, who, when, status and counts. */
export function ImportHistory({ org, currentId, onOpen }: { org: string; currentId: string | null; onOpen: (id: string) => void }) {
  const format = useFormat();
  const [page, setPage] = useState(1);
  const [live, setLive] = useState(false);
  const list = useImports(org, page, PAGE_SIZE, live);
  const anyLive = Boolean(list.data?.items.some((i) => LIVE_IMPORT_STATUSES.includes(i.status)));
  if (anyLive !== live) setLive(anyLive);

  if (list.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading the import history">
        {Array.from({ length: 3 }, (_, i) => <Skeleton key={i} className="h-10 w-full" />)}
      </div>
    );
  }
  if (list.isError) {
    return (
      <Alert variant="destructive">
        <AlertTitle>The import history could not be loaded</AlertTitle>
        <AlertDescription>{list.error.message}</AlertDescription>
      </Alert>
    );
  }
  if (list.data.items.length === 0) {
    return (
      <div className="flex flex-col items-center gap-2 rounded-md border py-8 text-center text-sm text-muted-foreground">
        <History aria-hidden="true" className="size-6" />
        No imports yet. Your first one will be listed here.
      </div>
    );
  }
  return (
    <div className="grid min-w-0 grid-cols-1 gap-3">
      <Table label="Import history">
          <caption className="sr-only">Imports, newest first</caption>
          <thead className="bg-muted/50 text-left text-xs text-muted-foreground uppercase">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">File</th>
              <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">Type</th>
              <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">By</th>
              <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">When</th>
              <th scope="col" className="px-3 py-2 font-medium">Status</th>
              <th scope="col" className="hidden px-3 py-2 font-medium lg:table-cell">Rows</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((imp) => (
              <tr key={imp.id} className={cn("border-t align-top", imp.id === currentId && "bg-accent/60")} data-testid="import-history-row">
                <td className="px-3 py-2">
                  <button
                    type="button"
                    onClick={() => onOpen(imp.id)}
                    className="text-left font-medium break-all underline-offset-4 hover:underline"
                    aria-current={imp.id === currentId ? "true" : undefined}
                  >
                    {imp.fileName}
                  </button>
                  <div className="text-xs text-muted-foreground">
                    {formatBytes(imp.fileSize)}
                    <span className="sm:hidden"> · {IMPORT_TYPE_LABELS[imp.type]}</span>
                    <span className="md:hidden"> · <time dateTime={imp.createdAt}>{format.date(imp.createdAt, "dateTime")}</time></span>
                  </div>
                </td>
                <td className="hidden px-3 py-2 whitespace-nowrap sm:table-cell">{IMPORT_TYPE_LABELS[imp.type]}</td>
                <td className="hidden px-3 py-2 break-all md:table-cell">{imp.createdBy?.name ?? imp.createdBy?.email ?? "—"}</td>
                <td className="hidden px-3 py-2 whitespace-nowrap md:table-cell"><time dateTime={imp.createdAt}>{format.date(imp.createdAt, "dateTime")}</time></td>
                <td className="px-3 py-2"><Badge variant={IMPORT_STATUS_VARIANT[imp.status]}>{IMPORT_STATUS_LABELS[imp.status]}</Badge></td>
                <td className="hidden px-3 py-2 text-muted-foreground lg:table-cell">{countsSummary(imp.counts, imp.status, format)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      <TotalPager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} label="Import history pages" />
    </div>
  );
}
