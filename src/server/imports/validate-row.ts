import { IMPORT_KEY_FIELD, IMPORT_TEMPLATES, type ImportField, type ImportType } from "@/lib/import-views";
import { displayValue, parseCurrency, parseDate, parseDecimal, parsePoStatus, parseText, type Parsed } from "./parse-cell";
import type { RawCell } from "./xlsx/read-sheet";

/**
 * One data row against its template: every mapped cell parsed, required fields present. Cross-row
 * checks (duplicates in the file, a QS whose PO does not exist) come after, in the validation job.
 */
export interface ValidatedRow {
  rowNumber: number;
  /** The natural key (PO or QS number) when valid. */
  key: string | null;
  /** Fields to write: normalized values; for invalid cells the text the cell showed. */
  values: Record<string, string | null>;
  errors: Record<string, string>;
}

export interface RowContext {
  type: ImportType;
  mapping: Record<string, number | null>;
  date1904: boolean;
  /** Fills an empty Currency cell. */
  orgCurrency: string;
}

const TEXT_LIMITS: Record<string, number> = { poNumber: 100, qsNumber: 100, supplier: 255, description: 2000, jobNumber: 100 };

function parseField(field: ImportField, cell: RawCell, ctx: RowContext): Parsed {
  switch (field.kind) {
    case "text":
      return parseText(cell, TEXT_LIMITS[field.key] ?? 255);
    case "decimal":
      return parseDecimal(cell, { allowNegative: field.key === "amount" });
    case "date":
      return parseDate(cell, ctx.date1904);
    case "currency":
      return parseCurrency(cell);
    case "po_status":
      return parsePoStatus(cell);
  }
}

const EMPTY: RawCell = { t: "empty" };

/** Null for a row whose mapped cells are all empty (skipped, not counted). */
export function validateRow(rowNumber: number, cells: readonly RawCell[], ctx: RowContext): ValidatedRow | null {
  const fields = IMPORT_TEMPLATES[ctx.type].fields;
  const mappedCells = fields.map((f) => (ctx.mapping[f.key] === null || ctx.mapping[f.key] === undefined ? undefined : (cells[ctx.mapping[f.key]!] ?? EMPTY)));
  if (mappedCells.every((c) => c === undefined || c.t === "empty")) return null;

  const values: Record<string, string | null> = {};
  const errors: Record<string, string> = {};
  fields.forEach((field, i) => {
    const cell = mappedCells[i];
    if (cell === undefined) {
      if (field.required) errors[field.key] = `No column is mapped to ${field.header}`;
      return;
    }
    const parsed = parseField(field, cell, ctx);
    if (!parsed.ok) {
      errors[field.key] = parsed.error;
      values[field.key] = displayValue(cell);
      return;
    }
    if (parsed.value === null) {
      if (field.required) errors[field.key] = `${field.header} is required`;
      else if (field.kind === "currency") values[field.key] = ctx.orgCurrency;
      // An empty status keeps the PO's status (a new PO is open).
      else if (field.kind !== "po_status") values[field.key] = null;
      return;
    }
    values[field.key] = parsed.value;
  });
  const keyField = IMPORT_KEY_FIELD[ctx.type];
  return { rowNumber, key: errors[keyField] ? null : (values[keyField] ?? null), values, errors };
}
