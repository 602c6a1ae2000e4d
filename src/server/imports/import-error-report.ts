import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { columnLetter, IMPORT_TEMPLATES } from "@/lib/import-views";
import { neutralizeFormula } from "@/lib/spreadsheet-text";
import { sql, type Tx } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import { logger } from "@/server/http/logger";
import { getImportView } from "./get-import-view";

type Db = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

const PAGE = 5_000;

function attachmentName(fileName: string): string {
  const base = fileName.replace(/\.xlsx$/i, "");
  const ascii = `${base.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_")}-errors.xlsx`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`${base}-errors.xlsx`)}`;
}

/**
 * The error report: one line per invalid cell with the row number in the original sheet, the column
 * (letter and the file's own header), the template field, the value as the file had it and the
 * message. Streamed (exceljs WorkbookWriter) while the invalid rows are read 5,000 at a time, so a
 * 200,000-row report never sits in memory; every text cell is neutralized against formula injection.
 */
export async function importErrorReport(db: Db, orgId: string, importId: string): Promise<Response> {
  const view = await db((tx) => getImportView(tx, orgId, importId));
  if (view.status === "validating") throw new AppError("CONFLICT", "The file is still being validated; the error report is ready once validation finishes");
  if (!view.fileAvailable) throw new AppError("CONFLICT", "This import's rows were deleted after the retention period; its error report is no longer available");
  const fields = new Map(IMPORT_TEMPLATES[view.type].fields.map((f) => [f.key, f]));
  const headerOf = new Map(view.columns.map((c) => [c.index, c.header]));

  const pass = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet("Errors", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: "Row", key: "row", width: 8 },
    { header: "Column", key: "column", width: 24 },
    { header: "Field", key: "field", width: 18 },
    { header: "Value", key: "value", width: 30 },
    { header: "Message", key: "message", width: 80 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  const write = async () => {
    let after = 0;
    for (;;) {
      const rows = await db((tx) =>
        tx.query<{ row_number: number; values: Record<string, string | null>; errors: Record<string, string> }>(sql`
          select row_number, "values", errors from public.import_rows
           where import_id = ${importId} and org_id = ${orgId} and errors is not null and row_number > ${after}
           order by row_number limit ${PAGE}`),
      );
      for (const r of rows) {
        for (const [key, message] of Object.entries(r.errors)) {
          const field = fields.get(key);
          const index = view.mapping[key];
          const column = index === null || index === undefined ? "" : `${columnLetter(index)} (${headerOf.get(index) ?? ""})`;
          const value = r.values[key];
          sheet
            .addRow({
              row: r.row_number,
              column: neutralizeFormula(column),
              field: field?.header ?? key,
              value: value === null || value === undefined ? "" : neutralizeFormula(value),
              message: neutralizeFormula(message),
            })
            .commit();
        }
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.row_number;
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => {
    logger.error({ err, importId }, "error report failed while streaming");
    pass.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return new Response(Readable.toWeb(pass) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachmentName(view.fileName),
    },
  });
}
