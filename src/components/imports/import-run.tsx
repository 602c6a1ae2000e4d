"use client";

import { CircleAlert, CircleCheck, Download, ExternalLink, Undo2, Upload } from "lucide-react";
import Link from "next/link";
import { useState } from "react";

import { downloadFile } from "@/components/download-file";
import { useFormat } from "@/components/format-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Spinner } from "@/components/ui/spinner";
import type { ImportView } from "@/lib/import-views";
import { IMPORT_TYPE_LABELS, KEPT_REASON_LABELS } from "./import-format";
import { ImportCount } from "./import-count";
import { ImportProgressBar } from "./import-progress-bar";
import { useImportActions } from "./import-queries";

/**
 * Step 4: the import applying its rows (a live bar), then what it did — counts, where to see the
 * result, the error report of skipped rows — and Undo, which puts everything back as it was (rows
 * changed since are kept and listed).
 */
export function ImportRun({ org, view, canReadProcurement, onRestart }: { org: string; view: ImportView; canReadProcurement: boolean; onRestart: () => void }) {
  const format = useFormat();
  const { revert } = useImportActions(org);
  const [reportError, setReportError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const { counts, status } = view;
  const listPath = view.type === "purchase_orders" ? "purchase-orders" : "quantity-surveys";
  const noun = IMPORT_TYPE_LABELS[view.type].toLowerCase();

  async function downloadReport() {
    setDownloading(true);
    setReportError(null);
    try {
      await downloadFile(`/api/imports/${view.id}/errors`, org, "import-errors.xlsx");
    } catch (error) {
      setReportError(error instanceof Error ? error.message : "The report could not be downloaded");
    } finally {
      setDownloading(false);
    }
  }

  const bar =
    status === "processing" ? (
      <ImportProgressBar
        label={`Import of ${view.fileName}`}
        percent={view.progress.percent ?? 0}
        detail={view.progress.total ? `Importing: ${format.number(view.progress.done)} of ${format.number(view.progress.total)} rows` : "Waiting for a worker to start…"}
      />
    ) : status === "reverting" ? (
      <ImportProgressBar
        label={`Undo of ${view.fileName}`}
        percent={view.progress.percent}
        detail={view.progress.total ? `Undoing: ${format.number(view.progress.done)} of ${format.number(view.progress.total)} rows` : "Undoing the import…"}
      />
    ) : status === "succeeded" ? (
      <ImportProgressBar label={`Import of ${view.fileName}`} percent={100} detail="Finished" tone="success" />
    ) : null;

  return (
    <div className="grid gap-5" aria-live="polite">
      {bar}

      {status === "succeeded" || status === "reverting" || status === "reverted" ? (
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="What the import did" data-testid="import-result">
          <ImportCount label="Created" value={counts.created} />
          <ImportCount label="Updated" value={counts.updated} />
          <ImportCount label="Unchanged" value={counts.unchanged} />
          <ImportCount label="Skipped: errors" value={counts.invalid} tone={counts.invalid ? "destructive" : undefined} />
        </dl>
      ) : null}

      {status === "succeeded" ? (
        <Alert variant="success">
          <CircleCheck aria-hidden="true" />
          <AlertTitle>Imported {format.number(counts.created + counts.updated)} {noun}{counts.unchanged ? `; ${format.number(counts.unchanged)} were already up to date` : ""}</AlertTitle>
          <AlertDescription>{counts.invalid ? `${format.number(counts.invalid)} rows with errors were skipped: the error report lists them.` : "Every row of the file was valid."}</AlertDescription>
        </Alert>
      ) : null}

      {status === "failed" ? (
        <Alert variant="destructive">
          <CircleAlert aria-hidden="true" />
          <AlertTitle>The import failed</AlertTitle>
          <AlertDescription>
            <p>{view.error ?? "It stopped before it finished."}</p>
            <p>Whatever it had applied was undone: your {noun} are as they were before.</p>
          </AlertDescription>
        </Alert>
      ) : null}

      {status === "reverted" && view.result ? (
        <Alert>
          <Undo2 aria-hidden="true" />
          <AlertTitle>The import was undone</AlertTitle>
          <AlertDescription>
            <p>
              {format.number(view.result.deleted)} created {view.result.deleted === 1 ? "row was" : "rows were"} deleted and {format.number(view.result.restored)} updated{" "}
              {view.result.restored === 1 ? "row has" : "rows have"} its previous values back.
              {view.result.keptTotal ? ` ${format.number(view.result.keptTotal)} ${view.result.keptTotal === 1 ? "row was" : "rows were"} kept:` : ""}
            </p>
            {view.result.kept.length ? (
              <ul className="list-disc pl-5" data-testid="kept-rows">
                {view.result.kept.map((k) => <li key={`${k.table}:${k.key}`}><span className="font-medium">{k.key}</span> {KEPT_REASON_LABELS[k.reason]}</li>)}
              </ul>
            ) : null}
          </AlertDescription>
        </Alert>
      ) : null}

      {reportError ? <p role="alert" className="text-sm text-destructive">{reportError}</p> : null}

      {status !== "processing" && status !== "reverting" ? (
        <div className="flex flex-wrap gap-2">
          {status === "succeeded" && canReadProcurement ? (
            <Button asChild>
              <Link href={`/${org}/${listPath}`}>
                See the {noun}
                <ExternalLink aria-hidden="true" />
              </Link>
            </Button>
          ) : null}
          {counts.invalid && (status === "succeeded" || status === "reverted" || status === "failed") ? (
            <Button variant="outline" onClick={downloadReport} disabled={downloading}>
              {downloading ? <Spinner label="" /> : <Download aria-hidden="true" />}
              Error report
            </Button>
          ) : null}
          {view.canRevert ? (
            <ConfirmDialog
              trigger={
                <Button variant="outline" disabled={revert.isPending}>
                  {revert.isPending ? <Spinner label="" /> : <Undo2 aria-hidden="true" />}
                  Undo…
                </Button>
              }
              title="Undo this import?"
              description={`Undo deletes the ${format.number(counts.created)} ${noun} this import created and puts back the previous values of the ${format.number(counts.updated)} it updated. Rows changed since the import are kept.`}
              confirmLabel="Undo the import"
              onConfirm={() => revert.mutate(view.id)}
            />
          ) : null}
          <Button variant="ghost" onClick={onRestart}>
            <Upload aria-hidden="true" />
            Import another file
          </Button>
        </div>
      ) : null}
    </div>
  );
}
