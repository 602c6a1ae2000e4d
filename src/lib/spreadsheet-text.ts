/**
 * Formula-injection defence for every CSV and XLSX the app produces (OWASP "CSV injection"): text a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) gets a leading
 * apostrophe, which spreadsheets show as text. Numbers are left alone: -5 is a number, not a formula,
 * and so is the exact decimal text of an amount ("-250.00", how money travels in this app).
 */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One RFC 4180 CSV field, neutralized. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? String(value) : neutralizeFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
