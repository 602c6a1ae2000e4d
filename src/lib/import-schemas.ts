import { text } from "@/lib/text-schema";
import { z } from "zod";
import { IMPORT_STATUSES, IMPORT_TEMPLATES, IMPORT_TYPES } from "./import-views";

/** Shared by the /api/imports routes, the OpenAPI description and the wizard. */
export const importTypeSchema = z.enum(IMPORT_TYPES, { message: `Choose one of: ${IMPORT_TYPES.join(", ")}` });

/**
 * POST /api/imports is multipart/form-data: `file` (the .xlsx) and `type`. The file part is checked
 * by the service (size, container, sheets); this is the rest of the form.
 */
export const uploadImportFields = z.object({ type: importTypeSchema });

/** Described for OpenAPI only (multipart bodies are parsed by the service, not as JSON). */
export const uploadImportBodyDoc = z.object({
  file: text().describe("The .xlsx workbook (binary form part)"),
  type: importTypeSchema,
});

export const importParams = z.object({ id: z.uuid() });

export const PREVIEW_LIMIT = 100;

export const importDetailQuery = z.object({
  /** Only rows with at least one invalid cell. */
  errorsOnly: z
    .enum(["true", "false"], { message: "Send true or false" })
    .optional()
    .transform((v) => v === "true"),
});

export const listImportsQuery = z.object({
  type: importTypeSchema.optional(),
  status: z.enum(IMPORT_STATUSES, { message: `Choose one of: ${IMPORT_STATUSES.join(", ")}` }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const ALL_FIELD_KEYS = [...new Set(Object.values(IMPORT_TEMPLATES).flatMap((t) => t.fields.map((f) => f.key)))] as [string, ...string[]];

/**
 * A new sheet and/or mapping; the import is validated again. `mapping` may be partial: fields it
 * names get that column (null unmaps), the others keep theirs. A new sheet without a mapping is
 * matched automatically. Whether a key belongs to the import's template is checked by the service.
 */
export const updateImportBody = z
  .object({
    sheet: text({ message: "Name a sheet of the workbook" }).min(1).max(200).optional(),
    mapping: z
      .partialRecord(
        z.enum(ALL_FIELD_KEYS, { message: "Not a column of the import templates" }),
        z.number({ message: "A column index (0 = column A) or null" }).int().min(0).max(16_383).nullable(),
      )
      .optional(),
  })
  .strict()
  .refine((v) => v.sheet !== undefined || v.mapping !== undefined, { message: "Send a sheet, a mapping, or both" });
