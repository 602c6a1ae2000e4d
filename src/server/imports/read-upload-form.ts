import type { NextRequest } from "next/server";
import { uploadImportFields } from "@/lib/import-schemas";
import type { ImportType } from "@/lib/import-views";
import { config } from "@/server/config";
import { AppError } from "@/server/http/app-error";

export interface UploadForm {
  type: ImportType;
  fileName: string;
  bytes: Buffer;
}

/** Multipart parts besides the file are tiny; the whole request is bounded by this. */
export const uploadBodyLimit = () => config().IMPORT_MAX_BYTES + 64 * 1024;

/** POST /api/imports's multipart/form-data: `file` (one .xlsx) and `type`. */
export async function readUploadForm(req: NextRequest, rawBytes: Uint8Array): Promise<UploadForm> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\b/i.test(contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the file as multipart/form-data with the fields file and type");
  }
  let form: FormData;
  try {
    form = await new Request("http://upload.invalid/", { method: "POST", headers: { "content-type": contentType }, body: rawBytes as BodyInit }).formData();
  } catch {
    throw new AppError("BAD_REQUEST", "The multipart body could not be read");
  }
  const fields = uploadImportFields.safeParse({ type: form.get("type") ?? undefined });
  const file = form.get("file");
  const details: Record<string, string[]> = {};
  if (!fields.success) details.type = [`Choose purchase_orders or quantity_surveys`];
  if (!(file instanceof Blob)) details.file = ["Attach the .xlsx file as the form field file"];
  if (Object.keys(details).length > 0 || !fields.success || !(file instanceof Blob)) throw new AppError("VALIDATION_FAILED", "Some fields are invalid", details);
  const max = config().IMPORT_MAX_BYTES;
  if (file.size > max) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${(max / 1024 / 1024).toFixed(0)} MB. Split it into several files.`);
  }
  if (file.size === 0) throw new AppError("VALIDATION_FAILED", "The file is empty", { file: ["The file is empty"] });
  const rawName = file instanceof File && file.name ? file.name : "upload.xlsx";
  // Path parts and control characters never reach storage or the UI.
  const fileName = rawName.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 255) || "upload.xlsx";
  return { type: fields.data.type, fileName, bytes: Buffer.from(await file.arrayBuffer()) };
}
