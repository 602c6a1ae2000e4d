"use client";

import { Download, FileSpreadsheet, Upload } from "lucide-react";
import { useId, useRef, useState, type DragEvent } from "react";

import { Spinner } from "@/components/ui/spinner";
import { ApiError } from "@/lib/api-client";
import { IMPORT_TEMPLATES, IMPORT_TYPES, type ImportType, type ImportView } from "@/lib/import-views";
import { cn } from "@/lib/utils";
import { IMPORT_TYPE_LABELS, isXlsxName } from "./import-format";
import { useImportActions } from "./import-queries";

const TYPE_HINTS: Record<ImportType, string> = {
  purchase_orders: "PO number, supplier, order value…",
  quantity_surveys: "QS number, PO number, valuation date, amount…",
};

/**
 * Step 1: what the file holds, then the file itself, dropped or picked (.xlsx only), with both
 * templates and Acme's example to download. The upload answers at once; rows are checked after.
 */
export function ImportUpload({ org, onUploaded }: { org: string; onUploaded: (view: ImportView) => void }) {
  const [type, setType] = useState<ImportType>("purchase_orders");
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const { upload } = useImportActions(org);
  const errorId = useId();

  function send(file: File | undefined) {
    if (!file) return;
    setFileName(file.name);
    if (!isXlsxName(file.name)) {
      setError(`“${file.name}” is not an Excel workbook. Save it as .xlsx (Excel Workbook) and try again.`);
      return;
    }
    setError(null);
    upload.mutate(
      { file, type },
      {
        onSuccess: (view) => onUploaded(view),
        onError: (err) => {
          const fields = err instanceof ApiError ? err.fieldErrors : {};
          const detail = Object.values(fields).flat();
          setError(detail.length && !detail.includes(err.message) ? `${err.message}: ${detail.join(" ")}` : err.message);
        },
      },
    );
    if (input.current) input.current.value = "";
  }

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!upload.isPending) send(event.dataTransfer.files[0]);
  };

  return (
    <div className="grid gap-6">
      <fieldset className="grid gap-3">
        <legend className="mb-2 text-sm font-medium">What does the file hold?</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {IMPORT_TYPES.map((t) => (
            <label
              key={t}
              className={cn(
                "flex cursor-pointer items-start gap-3 rounded-lg border p-3 text-sm transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                type === t ? "border-primary bg-accent" : "hover:bg-accent/50",
              )}
            >
              <input type="radio" name="import-type" value={t} checked={type === t} onChange={() => setType(t)} className="mt-0.5 accent-current" disabled={upload.isPending} />
              <span className="grid gap-0.5">
                <span className="font-medium">{IMPORT_TYPE_LABELS[t]}</span>
                <span className="text-muted-foreground">{TYPE_HINTS[t]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-2">
        <label
          htmlFor="import-file"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="import-dropzone"
          className={cn(
            "flex min-h-40 cursor-pointer flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed p-6 text-center text-sm transition-colors",
            "has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
            dragging ? "border-primary bg-accent" : "border-input hover:bg-accent/50",
            error && "border-destructive",
            upload.isPending && "pointer-events-none opacity-70",
          )}
        >
          {upload.isPending ? (
            <>
              <Spinner label="" className="size-6" />
              <span className="font-medium">Uploading and opening {fileName}…</span>
            </>
          ) : (
            <>
              <Upload aria-hidden="true" className="size-6 text-muted-foreground" />
              <span className="font-medium">Drop your {IMPORT_TYPE_LABELS[type].toLowerCase()} workbook here, or choose a file</span>
              <span className="text-muted-foreground">Excel .xlsx, up to 20 MB. Nothing is saved until you confirm.</span>
            </>
          )}
          <input
            ref={input}
            id="import-file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="sr-only"
            aria-describedby={error ? errorId : undefined}
            aria-invalid={error ? true : undefined}
            disabled={upload.isPending}
            onChange={(e) => send(e.target.files?.[0])}
          />
        </label>
        {error ? <p id={errorId} role="alert" className="text-sm text-destructive">{error}</p> : null}
      </div>

      <div className="grid gap-2 text-sm">
        <p className="font-medium">Start from a template</p>
        <ul className="flex flex-wrap gap-x-5 gap-y-2">
          {IMPORT_TYPES.map((t) => (
            <li key={t}>
              <a href={`/templates/${IMPORT_TEMPLATES[t].fileName}`} download className="inline-flex items-center gap-1.5 text-primary underline-offset-4 hover:underline">
                <Download aria-hidden="true" className="size-4" />
                {IMPORT_TYPE_LABELS[t]} template
              </a>
            </li>
          ))}
          <li>
            <a href="/templates/examples/acme-purchase-orders.xlsx" download className="inline-flex items-center gap-1.5 text-primary underline-offset-4 hover:underline">
              <FileSpreadsheet aria-hidden="true" className="size-4" />
              Example with a few mistakes to try
            </a>
          </li>
        </ul>
      </div>
    </div>
  );
}
