import type { ErrorCode } from "@/lib/error-codes";

/**
 * A workbook we will not read, with the reason in words for the person who uploaded it. `code` is
 * the API error it becomes: not an xlsx at all → 415; an xlsx we refuse (encrypted, a zip bomb, too
 * many rows, an empty sheet, missing columns) → 422; too large → 413.
 */
export class WorkbookRefused extends Error {
  constructor(
    readonly code: Extract<ErrorCode, "UNSUPPORTED_MEDIA_TYPE" | "VALIDATION_FAILED" | "PAYLOAD_TOO_LARGE">,
    message: string,
    /** Per-field details for VALIDATION_FAILED (e.g. the missing columns). */
    readonly details?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "WorkbookRefused";
  }
}

export const notAnXlsx = (why = "This file is not an Excel workbook (.xlsx)") =>
  new WorkbookRefused("UNSUPPORTED_MEDIA_TYPE", `${why}. Save it from Excel as an .xlsx workbook and upload it again.`);

export const unreadable = (why: string) => new WorkbookRefused("VALIDATION_FAILED", why, { file: [why] });
