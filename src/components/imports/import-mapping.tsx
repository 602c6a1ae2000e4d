"use client";

import { ArrowRight, CircleAlert } from "lucide-react";
import { useState } from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";
import { ApiError } from "@/lib/api-client";
import { IMPORT_TEMPLATES, type ImportView, type MappingSource } from "@/lib/import-views";
import { MAPPING_SOURCE_LABELS } from "./import-format";
import { useImportActions } from "./import-queries";
import { Table } from "@/components/ui/table";

const SOURCE_VARIANT: Record<MappingSource, "success" | "secondary" | "warning" | "outline"> = {
  exact: "success",
  synonym: "secondary",
  remembered: "secondary",
  fuzzy: "warning",
  manual: "outline",
};

/**
 * Step 2: the sheet, and which column holds each field. Columns were matched automatically
 * (exact header, a known synonym, a close spelling, or the organization's last mapping); every
 * choice can be changed, and each change checks the rows again.
 */
export function ImportMapping({ org, view, onReview }: { org: string; view: ImportView; onReview: () => void }) {
  const { update } = useImportActions(org);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const fields = IMPORT_TEMPLATES[view.type].fields;
  const pendingField = update.isPending ? Object.keys(update.variables?.mapping ?? {})[0] : undefined;

  function change(patch: { sheet?: string; mapping?: Record<string, number | null> }, key: string) {
    setErrors((e) => ({ ...e, [key]: "" }));
    update.mutate(
      { id: view.id, ...patch },
      {
        onError: (err) => {
          const details = err instanceof ApiError ? err.fieldErrors : {};
          const message = details[`mapping.${key}`]?.[0] ?? details.mapping?.[0] ?? details.sheet?.[0] ?? err.message;
          setErrors((e) => ({ ...e, [key]: message }));
        },
      },
    );
  }

  const mappedColumns = new Map(Object.entries(view.mapping).filter(([, c]) => c !== null).map(([f, c]) => [c as number, f]));
  const missing = fields.filter((f) => view.missingFields.includes(f.key));

  return (
    <div className="grid min-w-0 grid-cols-1 gap-5">
      {view.sheets.length > 1 ? (
        <div className="grid max-w-sm gap-2">
          <Label htmlFor="import-sheet">Sheet</Label>
          <NativeSelect
            id="import-sheet"
            value={view.sheet ?? ""}
            disabled={update.isPending}
            aria-invalid={errors.sheet ? true : undefined}
            aria-describedby={errors.sheet ? "import-sheet-error" : undefined}
            onChange={(e) => change({ sheet: e.target.value }, "sheet")}
          >
            {view.sheets.map((s) => <option key={s.index} value={s.name}>{s.name}</option>)}
          </NativeSelect>
          {errors.sheet ? <p id="import-sheet-error" className="text-sm text-destructive">{errors.sheet}</p> : null}
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">Sheet <span className="font-medium text-foreground">{view.sheet}</span>{view.headerRow ? `, headers in row ${view.headerRow}` : ""}.</p>
      )}

      <Table label="Columns matched to fields">
          <caption className="sr-only">Which column of the sheet holds each field</caption>
          <thead className="bg-muted/50 text-left text-xs text-muted-foreground uppercase">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Field</th>
              <th scope="col" className="px-3 py-2 font-medium">Column in your sheet</th>
              <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">Match</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => {
              const column = view.mapping[field.key] ?? null;
              const source = column === null ? undefined : view.mappingSources[field.key];
              const id = `map-${field.key}`;
              const error = errors[field.key];
              return (
                <tr key={field.key} className="border-t align-top" data-testid="mapping-row">
                  <td className="px-3 py-2">
                    <Label htmlFor={id} className="font-medium">
                      {field.header}
                      {field.required ? <span className="text-destructive" aria-hidden="true">*</span> : null}
                      {field.required ? <span className="sr-only"> (required)</span> : null}
                    </Label>
                    <p className="mt-0.5 hidden max-w-sm text-xs text-muted-foreground md:block">{field.description}</p>
                  </td>
                  <td className="px-3 py-2">
                    <div className="flex items-center gap-2">
                      <NativeSelect
                        id={id}
                        className="min-w-40"
                        value={column === null ? "" : String(column)}
                        disabled={update.isPending}
                        aria-invalid={error || (field.required && column === null) ? true : undefined}
                        aria-describedby={error ? `${id}-error` : undefined}
                        onChange={(e) => change({ mapping: { [field.key]: e.target.value === "" ? null : Number(e.target.value) } }, field.key)}
                      >
                        <option value="">{field.required ? "— Choose a column —" : "— Not imported —"}</option>
                        {view.columns.map((c) => {
                          const taken = mappedColumns.get(c.index);
                          return (
                            <option key={c.index} value={c.index}>
                              {c.letter} · {c.header}{taken && taken !== field.key ? " (in use)" : ""}
                            </option>
                          );
                        })}
                      </NativeSelect>
                      {pendingField === field.key ? <Spinner label="Saving" /> : null}
                    </div>
                    {error ? <p id={`${id}-error`} className="mt-1 text-xs text-destructive">{error}</p> : null}
                  </td>
                  <td className="hidden px-3 py-2 sm:table-cell">
                    {source ? <Badge variant={SOURCE_VARIANT[source]}>{MAPPING_SOURCE_LABELS[source]}</Badge> : field.required ? <Badge variant="destructive">Not mapped</Badge> : <span className="text-xs text-muted-foreground">Not in the file</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>

      {missing.length ? (
        <Alert variant="destructive">
          <CircleAlert aria-hidden="true" />
          <AlertTitle>Choose a column for {missing.map((f) => f.header).join(", ")}</AlertTitle>
          <AlertDescription>Every row needs {missing.length === 1 ? "it" : "them"}; until then each row counts as invalid.</AlertDescription>
        </Alert>
      ) : null}

      <div className="flex flex-wrap justify-end gap-2">
        <Button onClick={onReview} disabled={update.isPending || missing.length > 0}>
          Review rows
          <ArrowRight aria-hidden="true" />
        </Button>
      </div>
    </div>
  );
}
