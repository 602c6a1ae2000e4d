/**
 * One CSV cell: RFC 4180 quoting, and a leading apostrophe on cells a spreadsheet would run as a
 * formula (= + - @ tab CR), since emails, names and user agents are attacker-controlled. Shared by
 * every CSV the server writes (the audit log, organization exports).
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
