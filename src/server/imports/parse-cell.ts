import type { RawCell } from "./xlsx/read-sheet";

/**
 * Cell parsing for imports. Each parser turns a raw cell into a normalized string (what is staged
 * and compared with the database) or an error message for the person fixing the file. Money stays a
 * decimal string from the first character to the database: never a float in between.
 */
export type Parsed = { ok: true; value: string | null } | { ok: false; error: string };

const ok = (value: string | null): Parsed => ({ ok: true, value });
const fail = (error: string): Parsed => ({ ok: false, error });

/** What a cell showed, for error messages and the preview of invalid cells. */
export function displayValue(cell: RawCell): string | null {
  switch (cell.t) {
    case "empty":
      return null;
    case "string":
      return cell.v;
    case "number":
      return String(cell.v);
    case "boolean":
      return cell.v ? "TRUE" : "FALSE";
    case "date":
      return cell.v.toISOString().slice(0, 10);
    case "error":
      return null;
  }
}

export function parseText(cell: RawCell, maxLength: number): Parsed {
  switch (cell.t) {
    case "empty":
      return ok(null);
    case "error":
      return fail(cell.message);
    case "number":
      // A PO number typed as 1001 arrives as the number 1001.
      return ok(String(cell.v));
    default: {
      const text = (displayValue(cell) ?? "").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "").trim();
      if (text === "") return ok(null);
      if (text.length > maxLength) return fail(`Too long: at most ${maxLength} characters`);
      return ok(text);
    }
  }
}

// numeric(14,2): 12 digits before the point.
const MAX_INTEGER_DIGITS = 12;

/** A decimal string "digits[.digits]" with sign → normalized to 2 places, or an error. */
function normalizeDecimal(negative: boolean, whole: string, fraction: string): Parsed {
  const digits = whole.replace(/^0+(?=\d)/, "");
  if (digits.length > MAX_INTEGER_DIGITS) return fail("Too large: at most 999,999,999,999.99");
  if (fraction.length > 2 && /[1-9]/.test(fraction.slice(2))) return fail("Use at most 2 decimal places");
  const cents = `${digits || "0"}.${(fraction + "00").slice(0, 2)}`;
  return ok(negative && /[1-9]/.test(cents) ? `-${cents}` : cents);
}

const CURRENCY_MARK = /^(?:[A-Z]{3}\s*|[$€£¥]|[A-Z]{1,3}\$)/i;

/**
 * Numbers as people type them: 1234.5, 1,234.50, $1,234.50, NZD 1,234.50, (1,234.50) and -1,234.50
 * (negative), 1 234.50. Grouping must be in threes; a comma decimal (1.234,50) is refused rather
 * than guessed.
 */
export function parseDecimal(cell: RawCell, options: { allowNegative: boolean }): Parsed {
  let parsed: Parsed;
  switch (cell.t) {
    case "empty":
      return ok(null);
    case "error":
      return fail(cell.message);
    case "boolean":
    case "date":
      return fail("Not a number");
    case "number": {
      if (!Number.isFinite(cell.v)) return fail("Not a number");
      const cents = Math.round(cell.v * 100);
      // Float noise from a formula (0.1 + 0.2) is rounded; a real third decimal is refused.
      if (Math.abs(cell.v * 100 - cents) > 1e-6 * Math.max(1, Math.abs(cell.v))) return fail("Use at most 2 decimal places");
      if (Math.abs(cents) >= 1e14) return fail("Too large: at most 999,999,999,999.99");
      const abs = Math.abs(cents);
      parsed = ok(`${cents < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`);
      break;
    }
    case "string": {
      let text = cell.v.trim().replace(/[\u00a0\u202f\u2009]/g, " ");
      let negative = false;
      const paren = /^\((.*)\)$/.exec(text);
      if (paren) {
        negative = true;
        text = paren[1]!.trim();
      }
      // One minus sign, before or after the currency mark; none inside parentheses.
      const minus = /^[-\u2212]\s*/;
      if (!paren && minus.test(text)) {
        negative = true;
        text = text.replace(minus, "");
      }
      text = text.replace(CURRENCY_MARK, "").trim();
      if (!paren && !negative && minus.test(text)) {
        negative = true;
        text = text.replace(minus, "");
      }
      const m = /^(\d{1,3}(?:([, ])\d{3})*|\d+)(?:\.(\d+))?$/.exec(text);
      if (!m || (m[2] && !new RegExp(`^\\d{1,3}(?:${m[2] === " " ? " " : ","}\\d{3})*$`).test(m[1]!))) {
        return fail(`"${cell.v}" is not a number (write it as 1234.50 or 1,234.50)`);
      }
      parsed = normalizeDecimal(negative, m[1]!.replace(/[, ]/g, ""), m[3] ?? "");
      break;
    }
  }
  if (parsed.ok && parsed.value?.startsWith("-") && !options.allowNegative) return fail("Must not be negative");
  return parsed;
}

const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
// 9999-12-31 in the 1900 system.
const MAX_SERIAL = 2_958_465;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** An Excel serial day number (the fractional part is the time of day, ignored). */
export function excelSerialToIsoDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_SERIAL) return null;
  const day = Math.floor(serial);
  if (date1904) return isoDate(EPOCH_1904 + day * MS_PER_DAY);
  // Excel's 1900 system counts a 29 February 1900 that never was (serial 60): before it, one day less.
  if (day === 60) return null;
  return isoDate((day < 60 ? EPOCH_1900 + MS_PER_DAY : EPOCH_1900) + day * MS_PER_DAY);
}

/** Date cells, Excel serials (what a streaming reader sees for a date cell) and ISO text. */
export function parseDate(cell: RawCell, date1904 = false): Parsed {
  switch (cell.t) {
    case "empty":
      return ok(null);
    case "error":
      return fail(cell.message);
    case "boolean":
      return fail("Not a date");
    case "date":
      return ok(isoDate(cell.v.getTime()));
    case "number": {
      const iso = excelSerialToIsoDate(cell.v, date1904);
      return iso ? ok(iso) : fail(`${cell.v} is not a date`);
    }
    case "string": {
      const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(cell.v.trim());
      if (!m) return fail(`"${cell.v}" is not a date: use a date cell or YYYY-MM-DD`);
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const ms = Date.UTC(y, mo - 1, d);
      const back = new Date(ms);
      if (y < 1900 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
        return fail(`"${cell.v}" is not a real date`);
      }
      return ok(isoDate(ms));
    }
  }
}

export function parseCurrency(cell: RawCell): Parsed {
  const text = parseText(cell, 10);
  if (!text.ok || text.value === null) return text;
  const code = text.value.toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? ok(code) : fail(`"${text.value}" is not a currency code (three letters, such as NZD)`);
}

const PO_STATUS_WORDS: Record<string, "open" | "closed" | "cancelled"> = {
  open: "open",
  active: "open",
  closed: "closed",
  complete: "closed",
  completed: "closed",
  cancelled: "cancelled",
  canceled: "cancelled",
};

export function parsePoStatus(cell: RawCell): Parsed {
  const text = parseText(cell, 40);
  if (!text.ok || text.value === null) return text;
  const status = PO_STATUS_WORDS[text.value.toLowerCase()];
  return status ? ok(status) : fail(`"${text.value}" is not a status: use open, closed or cancelled`);
}
