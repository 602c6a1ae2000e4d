import type { Formatter } from "@/lib/formatter";
import type { ImportCounts, ImportKeptRow, ImportStatus, ImportType, MappingSource } from "@/lib/import-views";

/** How the wizard and the history name statuses, types and match sources. */
export const IMPORT_TYPE_LABELS: Record<ImportType, string> = { purchase_orders: "Purchase orders", quantity_surveys: "Quantity surveys" };

export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  validating: "Checking rows",
  ready: "Ready to import",
  processing: "Importing",
  succeeded: "Imported",
  failed: "Failed",
  reverting: "Undoing",
  reverted: "Undone",
};

export const IMPORT_STATUS_VARIANT: Record<ImportStatus, "secondary" | "outline" | "success" | "destructive" | "warning"> = {
  validating: "secondary",
  ready: "outline",
  processing: "secondary",
  succeeded: "success",
  failed: "destructive",
  reverting: "secondary",
  reverted: "warning",
};

export const MAPPING_SOURCE_LABELS: Record<MappingSource, string> = {
  exact: "Matched",
  synonym: "Matched by name",
  fuzzy: "Close match: check it",
  remembered: "As last time",
  manual: "Set by you",
};

export const KEPT_REASON_LABELS: Record<ImportKeptRow["reason"], string> = {
  edited_since: "changed since the import, kept as it is now",
  has_quantity_surveys: "has quantity surveys, so it was kept",
  deleted_since: "deleted since the import",
};

/** "8 created, 1 updated, 2 unchanged, 3 skipped": the parts that are not zero, in the organization's number format. */
export function countsSummary(counts: ImportCounts, status: ImportStatus, format: Formatter): string {
  if (status === "validating") return counts.total ? `${format.number(counts.total)} rows` : "—";
  const parts: string[] = [];
  const done = status === "succeeded" || status === "reverted" || status === "reverting" || status === "failed";
  const verb = (word: string) => (done ? word : `to ${word === "created" ? "create" : word === "updated" ? "update" : word}`);
  if (counts.created) parts.push(`${format.number(counts.created)} ${verb("created")}`);
  if (counts.updated) parts.push(`${format.number(counts.updated)} ${verb("updated")}`);
  if (counts.unchanged) parts.push(`${format.number(counts.unchanged)} unchanged`);
  if (counts.invalid) parts.push(`${format.number(counts.invalid)} ${done ? "skipped" : "with errors"}`);
  return parts.join(", ") || `${format.number(counts.total)} rows`;
}

/** Only .xlsx workbooks: checked by name before anything is sent (the server checks the content). */
export function isXlsxName(name: string): boolean {
  return /\.xlsx$/i.test(name.trim());
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
