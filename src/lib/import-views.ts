/**
 * The wire contract of the import API (/api/imports…): what the services return and the wizard reads.
 * Dates are ISO strings; decimals and dates inside staged rows are strings as validation normalized
 * them (`"1234.50"`, `"2026-01-31"`). The templates below are the one list of columns per template,
 * shared by header matching, validation, the error report and the downloadable templates.
 */

export const IMPORT_TYPES = ["purchase_orders", "quantity_surveys"] as const;
export type ImportType = (typeof IMPORT_TYPES)[number];

/**
 * validating → ready → processing → succeeded → reverting → reverted; processing → failed (whatever
 * it had applied is reverted first). A new sheet or mapping sends a ready import back to validating.
 */
export const IMPORT_STATUSES = ["validating", "ready", "processing", "succeeded", "failed", "reverting", "reverted"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** What confirming will do (or did) with a staged row. */
export const IMPORT_ROW_ACTIONS = ["create", "update", "unchanged", "invalid"] as const;
export type ImportRowAction = (typeof IMPORT_ROW_ACTIONS)[number];

export type ImportFieldKind = "text" | "decimal" | "date" | "currency" | "po_status";

export interface ImportField {
  /** Key in `mapping`, staged `values` and cell `errors`. */
  key: string;
  /** The template's header, exactly. */
  header: string;
  required: boolean;
  kind: ImportFieldKind;
  /** For the template's explanation sheet and the mapping step. */
  description: string;
  example: string;
}

export interface ImportTemplate {
  type: ImportType;
  title: string;
  /** Under public/templates/. */
  fileName: string;
  fields: readonly ImportField[];
}

export const PURCHASE_ORDER_FIELDS = [
  { key: "poNumber", header: "PO Number", required: true, kind: "text", description: "Your purchase order number, unique in the organization. An existing number updates that PO.", example: "PO-1001" },
  { key: "supplier", header: "Supplier", required: true, kind: "text", description: "Who the order is placed with.", example: "Fitout Partners Ltd" },
  { key: "description", header: "Description", required: false, kind: "text", description: "What the order covers.", example: "Level 3 partitioning" },
  { key: "orderValue", header: "Order Value", required: true, kind: "decimal", description: "The committed budget, excluding tax: 12500, 12,500.00, $12,500.00.", example: "12500.00" },
  { key: "currency", header: "Currency", required: false, kind: "currency", description: "Three-letter ISO code; empty means the organization's currency.", example: "NZD" },
  { key: "orderDate", header: "Order Date", required: false, kind: "date", description: "A date cell, or text as 2026-01-31.", example: "2026-01-31" },
  { key: "jobNumber", header: "Job Number", required: false, kind: "text", description: "The XPM job the order is for; linked when the job exists.", example: "J000123" },
  { key: "status", header: "Status", required: false, kind: "po_status", description: "open, closed or cancelled; empty means open.", example: "open" },
] as const satisfies readonly ImportField[];

export const QUANTITY_SURVEY_FIELDS = [
  { key: "qsNumber", header: "QS Number", required: true, kind: "text", description: "Your quantity survey (valuation) number, unique in the organization. An existing number updates it.", example: "QS-2001" },
  { key: "poNumber", header: "PO Number", required: true, kind: "text", description: "The purchase order it values; it must already exist in XeroPulse.", example: "PO-1001" },
  { key: "valuationDate", header: "Valuation Date", required: true, kind: "date", description: "A date cell, or text as 2026-02-28.", example: "2026-02-28" },
  { key: "amount", header: "Amount", required: true, kind: "decimal", description: "The value of work done, excluding tax; negative for a credit: -250 or (250.00).", example: "4200.00" },
  { key: "description", header: "Description", required: false, kind: "text", description: "What was valued.", example: "Framing, stage 1" },
] as const satisfies readonly ImportField[];

export type PurchaseOrderFieldKey = (typeof PURCHASE_ORDER_FIELDS)[number]["key"];
export type QuantitySurveyFieldKey = (typeof QUANTITY_SURVEY_FIELDS)[number]["key"];
export type ImportFieldKey = PurchaseOrderFieldKey | QuantitySurveyFieldKey;

export const IMPORT_TEMPLATES: Record<ImportType, ImportTemplate> = {
  purchase_orders: { type: "purchase_orders", title: "Purchase orders", fileName: "purchase-orders.xlsx", fields: PURCHASE_ORDER_FIELDS },
  quantity_surveys: { type: "quantity_surveys", title: "Quantity surveys", fileName: "quantity-surveys.xlsx", fields: QUANTITY_SURVEY_FIELDS },
};

/** The field that identifies a row (the upsert key). */
export const IMPORT_KEY_FIELD: Record<ImportType, ImportFieldKey> = { purchase_orders: "poNumber", quantity_surveys: "qsNumber" };

export interface ImportCounts {
  /** Data rows in the sheet (the header row and empty rows excluded). */
  total: number;
  valid: number;
  invalid: number;
  /** Before processing: what confirming will do. From processing on: what it did so far. */
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportProgress {
  phase: "validating" | "processing" | "reverting" | null;
  done: number;
  total: number | null;
  /** 0–100, null while the total is unknown. */
  percent: number | null;
}

/** How a column was matched to a field: the wizard shows confidence from this. */
export type MappingSource = "exact" | "synonym" | "fuzzy" | "remembered" | "manual";

export interface ImportSheet {
  name: string;
  /** 0-based position in the workbook. */
  index: number;
}

/** A non-empty header cell of the chosen sheet. */
export interface ImportColumn {
  /** 0-based column index (the value `mapping` uses). */
  index: number;
  /** A, B, … AA */
  letter: string;
  header: string;
}

export interface ImportKeptRow {
  table: "purchase_orders" | "quantity_surveys";
  /** The PO or QS number. */
  key: string;
  reason: "edited_since" | "has_quantity_surveys" | "deleted_since";
}

/** What Undo (or the revert of a failed import) did. */
export interface ImportRevertResult {
  deleted: number;
  restored: number;
  /** Rows left as they are, with the reason (at most 1,000 listed; `keptTotal` counts all). */
  kept: ImportKeptRow[];
  keptTotal: number;
}

export interface ImportPerson {
  id: string;
  email: string | null;
  name: string | null;
}

export interface ImportView {
  id: string;
  type: ImportType;
  status: ImportStatus;
  fileName: string;
  fileSize: number;
  /** False once the file was deleted after IMPORT_RETENTION_DAYS. */
  fileAvailable: boolean;
  sheet: string | null;
  sheets: ImportSheet[];
  /** 1-based row number of the header row in the sheet. */
  headerRow: number | null;
  columns: ImportColumn[];
  /** field key → column index (null: not mapped). Every field of the template is present. */
  mapping: Record<string, number | null>;
  mappingSources: Record<string, MappingSource>;
  /** Required fields that no column is mapped to: every row is invalid until they are. */
  missingFields: string[];
  counts: ImportCounts;
  progress: ImportProgress;
  /** field key → number of invalid cells. */
  errorSummary: Record<string, number>;
  /** Why validation or processing failed, in words. */
  error: string | null;
  result: ImportRevertResult | null;
  /** The job doing the current phase (GET /api/jobs/{id} has its attempts). */
  jobId: string | null;
  canConfirm: boolean;
  canRevert: boolean;
  createdAt: string;
  createdBy: ImportPerson | null;
  validatedAt: string | null;
  confirmedAt: string | null;
  confirmedBy: ImportPerson | null;
  finishedAt: string | null;
  revertRequestedAt: string | null;
  revertRequestedBy: ImportPerson | null;
  revertedAt: string | null;
}

/** A staged row as the preview shows it. */
export interface ImportPreviewRow {
  /** The row's number in the sheet (as Excel shows it). */
  rowNumber: number;
  action: ImportRowAction;
  /** field key → normalized value of a valid cell, or the original text of an invalid one. */
  values: Record<string, string | null>;
  /** field key → message, for each invalid cell (`_row` for a row-level problem). */
  errors: Record<string, string>;
}

export interface ImportPreview {
  rows: ImportPreviewRow[];
  errorsOnly: boolean;
  /** At most this many rows are returned. */
  limit: number;
  /** Rows matching the filter over the whole sheet. */
  matching: number;
}

export interface ImportDetailView extends ImportView {
  preview: ImportPreview;
}

export interface ImportListView {
  items: ImportView[];
  total: number;
}

/** Column letters as Excel shows them: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
