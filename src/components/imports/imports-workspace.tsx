"use client";

import { Check } from "lucide-react";
import { useEffect, useRef, useState } from "react";

import { useFormat } from "@/components/format-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { Formatter } from "@/lib/formatter";
import type { ImportStatus, ImportView } from "@/lib/import-views";
import { cn } from "@/lib/utils";
import { countsSummary, formatBytes, IMPORT_TYPE_LABELS } from "./import-format";
import { ImportHistory } from "./import-history";
import { ImportMapping } from "./import-mapping";
import { useImport, useImportActions } from "./import-queries";
import { ImportReview } from "./import-review";
import { ImportRun } from "./import-run";
import { ImportUpload } from "./import-upload";

type Step = "upload" | "map" | "review" | "run";
const STEPS: { id: Step; label: string }[] = [
  { id: "upload", label: "Upload" },
  { id: "map", label: "Columns" },
  { id: "review", label: "Review" },
  { id: "run", label: "Import" },
];

const RUN_STATUSES: readonly ImportStatus[] = ["processing", "succeeded", "failed", "reverting", "reverted"];

/** What is announced (and shown for a few seconds) when an import reaches a status. */
function announcement(view: ImportView, format: Formatter): string | null {
  switch (view.status) {
    case "ready":
      return `${view.fileName} checked: ${countsSummary(view.counts, view.status, format)}.`;
    case "succeeded":
      return `Import finished: ${countsSummary(view.counts, view.status, format)}.`;
    case "failed":
      return "The import failed; nothing was changed.";
    case "reverted":
      return "The import was undone.";
    default:
      return null;
  }
}

/**
 * The import wizard (upload → columns → review → import) around one import at a time, and the
 * history below it. The current import is in the URL (?import=…), so a reload or a link from a
 * PO's page comes back to it; the import is polled while a job works on it.
 */
export function ImportsWorkspace({ org, initialImportId, canReadProcurement }: { org: string; initialImportId: string | null; canReadProcurement: boolean }) {
  const format = useFormat();
  const [currentId, setCurrentId] = useState<string | null>(initialImportId);
  const [stage, setStage] = useState<"map" | "review">(initialImportId ? "review" : "map");
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const current = useImport(org, currentId, errorsOnly);
  const { procurementChanged, historyChanged } = useImportActions(org);
  const view = current.data;
  const wizardTop = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const url = new URL(window.location.href);
    if (currentId) url.searchParams.set("import", currentId);
    else url.searchParams.delete("import");
    window.history.replaceState(window.history.state, "", url);
  }, [currentId]);

  // Each status the current import reaches is announced once (not the one it had when opened).
  const [seenKey, setSeenKey] = useState<string | null>(null);
  const statusKey = view ? `${view.id}:${view.status}` : null;
  if (view && statusKey !== seenKey) {
    const opened = !seenKey?.startsWith(`${view.id}:`);
    setSeenKey(statusKey);
    const text = opened ? null : announcement(view, format);
    if (text) setNotice(text);
  }
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 6_000);
    return () => clearTimeout(timer);
  }, [notice]);
  // The history shows the same import: it follows each status at once instead of at its next poll.
  useEffect(() => {
    if (statusKey) historyChanged();
  }, [statusKey, historyChanged]);
  // A finished or undone import has changed the POs and QSs: their lists are refreshed.
  const changedProcurement = view && (view.status === "succeeded" || view.status === "reverted") ? statusKey : null;
  useEffect(() => {
    if (changedProcurement) procurementChanged();
  }, [changedProcurement, procurementChanged]);

  const open = (id: string | null, nextStage: "map" | "review" = "review") => {
    setCurrentId(id);
    setStage(nextStage);
    setErrorsOnly(false);
    wizardTop.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  };

  const step: Step = !currentId ? "upload" : view && RUN_STATUSES.includes(view.status) ? "run" : stage;

  return (
    <div className="grid grid-cols-1 gap-6">
      <div role="status" aria-live="polite" className={cn("fixed top-16 right-4 left-4 z-50 sm:left-auto sm:max-w-sm", !notice && "sr-only")}>
        {notice ? (
          <div className="rounded-lg border bg-card px-4 py-3 text-sm shadow-lg" data-testid="import-notice">{notice}</div>
        ) : null}
      </div>

      <Card ref={wizardTop} className="min-w-0 scroll-mt-20">
        <CardHeader>
          <CardTitle asChild><h2>{view ? view.fileName : "Import from Excel"}</h2></CardTitle>
          <CardDescription>
            {view
              ? `${IMPORT_TYPE_LABELS[view.type]} · ${formatBytes(view.fileSize)}${view.createdBy ? ` · uploaded by ${view.createdBy.name ?? view.createdBy.email}` : ""}`
              : "Purchase orders or quantity surveys from a spreadsheet: each row is checked before anything is saved, and a finished import can be undone."}
          </CardDescription>
          <ol className="mt-3 flex flex-wrap gap-x-2 gap-y-1 text-sm" aria-label="Steps">
            {STEPS.map((s, i) => {
              const index = STEPS.findIndex((x) => x.id === step);
              const done = i < index;
              return (
                <li key={s.id} className="flex items-center gap-2" aria-current={s.id === step ? "step" : undefined}>
                  <span
                    className={cn(
                      "inline-flex size-6 items-center justify-center rounded-full border text-xs",
                      s.id === step && "border-primary bg-primary text-primary-foreground",
                      done && "border-success text-success",
                    )}
                  >
                    {done ? <Check aria-hidden="true" className="size-3.5" /> : i + 1}
                  </span>
                  <span className={cn(s.id === step ? "font-medium" : "text-muted-foreground")}>
                    {s.label}
                    {done ? <span className="sr-only"> (done)</span> : null}
                  </span>
                  {i < STEPS.length - 1 ? <span aria-hidden="true" className="mx-1 h-px w-4 bg-border sm:w-8" /> : null}
                </li>
              );
            })}
          </ol>
        </CardHeader>
        <CardContent>
          {step === "upload" ? (
            <ImportUpload org={org} onUploaded={(v) => open(v.id, "map")} />
          ) : current.isPending ? (
            <div className="grid gap-2" aria-busy="true" aria-label="Loading the import">
              <Skeleton className="h-8 w-64" />
              <Skeleton className="h-40 w-full" />
            </div>
          ) : current.isError || !view ? (
            <Alert variant="destructive">
              <AlertTitle>This import could not be loaded</AlertTitle>
              <AlertDescription>
                <p>{current.error?.message ?? "It may have been removed."}</p>
                <div><Button size="sm" variant="outline" onClick={() => open(null)}>Start a new import</Button></div>
              </AlertDescription>
            </Alert>
          ) : step === "map" ? (
            <ImportMapping org={org} view={view} onReview={() => setStage("review")} />
          ) : step === "review" ? (
            <ImportReview
              org={org}
              view={view}
              errorsOnly={errorsOnly}
              onErrorsOnly={setErrorsOnly}
              onBack={() => setStage("map")}
              onRestart={() => open(null)}
              onConfirmed={() => setNotice(`Importing ${format.number(view.counts.valid)} rows of ${view.fileName}…`)}
            />
          ) : (
            <ImportRun org={org} view={view} canReadProcurement={canReadProcurement} onRestart={() => open(null)} />
          )}
        </CardContent>
      </Card>

      <Card className="min-w-0">
        <CardHeader>
          <CardTitle asChild><h2>History</h2></CardTitle>
          <CardDescription>Every import of this organization: what, who, when and how it went. Open one to see its rows, its result or to undo it.</CardDescription>
        </CardHeader>
        <CardContent>
          <ImportHistory org={org} currentId={currentId} onOpen={(id) => open(id)} />
        </CardContent>
      </Card>
    </div>
  );
}
