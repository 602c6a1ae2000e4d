import { AppError } from "@/server/http/app-error";
import { WorkbookRefused } from "./xlsx/workbook-refused";

/** A workbook the reader refused, as the API's error (its code, message and per-field details). */
export function refusalToAppError(error: unknown): unknown {
  return error instanceof WorkbookRefused ? new AppError(error.code, error.message, error.details ?? { file: [error.message] }) : error;
}
