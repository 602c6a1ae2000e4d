import { otherMethods } from "@/server/http/other-methods";
import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { createImport } from "@/server/imports/create-import";
import { listImports } from "@/server/imports/list-imports";
import { readUploadForm, uploadBodyLimit } from "@/server/imports/read-upload-form";
import { listImportsQuery, uploadImportBodyDoc } from "@/lib/import-schemas";

export const GET = route({ auth: "user", permission: "imports.run", query: listImportsQuery }, ({ db, org, query }) =>
  db((tx) => listImports(tx, org.id, query)),
);

/** multipart/form-data {file, type} → 201 with the import (validation continues in the background). */
export const POST = route({ auth: "user", permission: "imports.run", form: uploadImportBodyDoc, maxBodyBytes: uploadBodyLimit }, async ({ req, rawBytes, db, org, claims }) =>
  NextResponse.json(await createImport(db, org.id, claims.sub, await readUploadForm(req, rawBytes)), { status: 201 }),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
