import { csvField } from "@/lib/spreadsheet-text";

/** RFC 4180 CSV; text a spreadsheet would run as a formula is neutralized (lib/spreadsheet-text). */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n");
}
