"use client";

import { ArrowLeft, CircleAlert, Download, Upload } from "lucide-react";
import { useState } from "react";

import { downloadFile } from "@/components/download-file";
import { useFormat } from "@/components/format-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { IMPORT_TEMPLATES, type ImportDetailView, type ImportRowAction } from "@/lib/import-views";
import { cn } from "@/lib/utils";
import { IMPORT_TYPE_LABELS } from "./import-format";
import { ImportCount } from "./import-count";
import { ImportProgressBar } from "./import-progress-bar";
import { useImportActions } from "./import-queries";
import { Table } from "@/components/ui/table";

const ACTION_LABELS: Record<ImportRowAction, string> = { create: "New", update: "Update", unchanged: "Unchanged", invalid: "Error" };
const ACTION_VARIANT: Record<ImportRowAction, "success" | "secondary" | "outline" | "destructive"> = { create: "success", update: "secondary", unchanged: "outline", invalid: "destructive" };

/**
 * Step 3: the counts of what confirming will do, the first rows with every invalid cell marked and
 * its message (or only the rows with errors), then Confirm. Invalid rows are skipped; the error
 * report lists them for fixing the file.
 */
export function ImportReview({
  org,
  view,
  errorsOnly,
  onErrorsOnly,
  onBack,
  onRestart,
  onConfirmed,
}: {
  org: string;
  view: ImportDetailView;
  errorsOnly: boolean;
  onErrorsOnly: (value: boolean) => void;
  onBack: () => void;
  onRestart: () => void;
  onConfirmed: () => void;
}) {
  const format = useFormat();
  const { confirm } = useImportActions(org);
  const [reportError, setReportError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const fields = IMPORT_TEMPLATES[view.type].fields.filter((f) => view.mapping[f.key] !== null);
  const { counts } = view;

  if (view.status === "validating") {
    return (
      <div className="grid gap-4" aria-live="polite">
        <ImportProgressBar
          label={`Checking the rows of ${view.fileName}`}
          percent={view.progress.percent}
          detail={view.progress.total ? `Checking rows: ${format.number(view.progress.done)} of ${format.number(view.progress.total)}` : "Checking every row…"}
        />
        <div><Button variant="outline" onClick={onBack}><ArrowLeft aria-hidden="true" />Back to the columns</Button></div>
      </div>
    );
  }

  if (view.status === "failed") {
    return (
      <div className="grid gap-4">
        <Alert variant="destructive">
          <CircleAlert aria-hidden="true" />
          <AlertTitle>The rows could not be checked</AlertTitle>
          <AlertDescription>{view.error ?? "Validation stopped."} Nothing was imported.</AlertDescription>
        </Alert>
        <div><Button onClick={onRestart}><Upload aria-hidden="true" />Upload a file</Button></div>
      </div>
    );
  }

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

  const invalidShare = counts.total ? counts.invalid / counts.total : 0;
  return (
    <div className="grid min-w-0 grid-cols-1 gap-5">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="What importing will do" data-testid="import-counts">
        <ImportCount label="To create" value={counts.created} />
        <ImportCount label="To update" value={counts.updated} />
        <ImportCount label="Unchanged" value={counts.unchanged} />
        <ImportCount label="Skipped: errors" value={counts.invalid} tone={counts.invalid ? "destructive" : undefined} />
      </dl>

      {counts.invalid ? (
        <Alert variant={invalidShare === 1 ? "destructive" : "default"}>
          <CircleAlert aria-hidden="true" />
          <AlertTitle>
            {format.number(counts.invalid)} of {format.number(counts.total)} rows have errors {invalidShare === 1 ? "— nothing can be imported" : "and will be skipped"}
          </AlertTitle>
          <AlertDescription>
            <p>Fix them in your file and upload it again, or import the valid rows now and fix the rest later. The error report lists every problem with its row and column.</p>
            <div className="flex flex-wrap gap-2">
              <Button size="sm" variant="outline" onClick={downloadReport} disabled={downloading}>
                {downloading ? <Spinner label="" /> : <Download aria-hidden="true" />}
                Download the error report
              </Button>
            </div>
            {reportError ? <p role="alert" className="text-destructive">{reportError}</p> : null}
          </AlertDescription>
        </Alert>
      ) : null}

      <div className="grid min-w-0 grid-cols-1 gap-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 className="text-sm font-medium">
            {errorsOnly ? "Rows with errors" : "Rows"}
            <span className="font-normal text-muted-foreground">
              {" "}— {view.preview.rows.length < view.preview.matching ? `the first ${format.number(view.preview.rows.length)} of ${format.number(view.preview.matching)}` : `${format.number(view.preview.matching)}`}
            </span>
          </h3>
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" checked={errorsOnly} onChange={(e) => onErrorsOnly(e.target.checked)} className="size-4 accent-current" disabled={!counts.invalid && !errorsOnly} />
            Only rows with errors ({format.number(counts.invalid)})
          </label>
        </div>
        <Table containerClassName="max-h-[32rem] overflow-y-auto" data-testid="import-preview" label="Rows of the sheet">
            <caption className="sr-only">Preview of {view.fileName}: each row as it will be imported; invalid cells are marked with their message</caption>
            <thead className="sticky top-0 bg-muted text-left text-xs text-muted-foreground uppercase">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Row</th>
                <th scope="col" className="px-3 py-2 font-medium">Action</th>
                {fields.map((f) => <th key={f.key} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">{f.header}</th>)}
              </tr>
            </thead>
            <tbody>
              {view.preview.rows.length === 0 ? (
                <tr><td colSpan={fields.length + 2} className="px-3 py-8 text-center text-muted-foreground">{errorsOnly ? "No row has an error." : "The sheet has no data rows."}</td></tr>
              ) : (
                view.preview.rows.map((row) => (
                  <tr key={row.rowNumber} className="border-t align-top" data-testid="preview-row" data-action={row.action}>
                    <th scope="row" className="px-3 py-2 font-normal tabular-nums text-muted-foreground">{row.rowNumber}</th>
                    <td className="px-3 py-2">
                      <Badge variant={ACTION_VARIANT[row.action]}>{ACTION_LABELS[row.action]}</Badge>
                      {row.errors._row ? <p className="mt-1 max-w-48 text-xs text-destructive">{row.errors._row}</p> : null}
                    </td>
                    {fields.map((f) => {
                      const message = row.errors[f.key];
                      const value = row.values[f.key];
                      return (
                        <td
                          key={f.key}
                          className={cn("max-w-56 px-3 py-2", f.kind === "text" ? "min-w-36" : "whitespace-nowrap", message && "bg-destructive/10")}
                          data-invalid={message ? "true" : undefined}
                          aria-invalid={message ? true : undefined}
                        >
                          <span className={cn("break-words", !value && "text-muted-foreground")}>{value || (message ? "(empty)" : "—")}</span>
                          {message ? (
                            <span className="mt-0.5 flex items-start gap-1 text-xs text-destructive">
                              <CircleAlert aria-hidden="true" className="mt-0.5 size-3 shrink-0" />
                              <span className="min-w-36 whitespace-normal"><span className="sr-only">Error: </span>{message}</span>
                            </span>
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                ))
              )}
            </tbody>
          </Table>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button variant="outline" onClick={onBack}><ArrowLeft aria-hidden="true" />Back to the columns</Button>
        <div className="flex flex-wrap items-center gap-2">
          {confirm.isError ? <p role="alert" className="text-sm text-destructive">{confirm.error.message}</p> : null}
          <Button
            onClick={() => confirm.mutate(view.id, { onSuccess: onConfirmed })}
            disabled={!view.canConfirm || confirm.isPending}
          >
            {confirm.isPending ? <Spinner label="" /> : null}
            Import {format.number(counts.valid)} {IMPORT_TYPE_LABELS[view.type].toLowerCase()}
          </Button>
        </div>
      </div>
    </div>
  );
}
