import { csvField } from "./spreadsheet-text";

/** One CSV cell: text, a number, a date (ISO) or empty. */
export type CsvValue = string | number | Date | null | undefined;

/**
 * The app's one CSV writer (dashboard tables, the audit log, purchase orders): RFC 4180 quoting,
 * CRLF line ends, and each field neutralized against formula injection by lib/spreadsheet-text.
 */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n");
}

export function csvCell(value: CsvValue): string {
  return csvField(value instanceof Date ? value.toISOString() : value);
}
