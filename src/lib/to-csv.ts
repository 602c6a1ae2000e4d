/** One CSV cell: text, a number, a date (ISO) or empty. */
export type CsvValue = string | number | Date | null | undefined;

/**
 * The app's one CSV writer (dashboard tables, the audit log, purchase orders): RFC 4180 quoting,
 * CRLF line ends, and text a spreadsheet would run as a formula (starting with = + - @, tab or CR)
 * prefixed with an apostrophe. A plain number such as "-250.00" is not a formula and stays as it is.
 */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n");
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
