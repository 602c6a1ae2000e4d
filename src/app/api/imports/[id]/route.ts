import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { getImportDetail } from "@/server/imports/get-import-detail";
import { updateImport } from "@/server/imports/update-import";
import { importDetailQuery, importParams, updateImportBody } from "@/lib/import-schemas";

export const GET = route({ auth: "user", permission: "imports.run", params: importParams, query: importDetailQuery }, ({ db, org, params, query }) =>
  db((tx) => getImportDetail(tx, org.id, params.id, query.errorsOnly)),
);

export const PATCH = route({ auth: "user", permission: "imports.run", params: importParams, body: updateImportBody }, ({ db, org, params, body }) =>
  updateImport(db, org.id, params.id, body),
);

export const { POST, PUT, DELETE, OPTIONS } = otherMethods({ GET, PATCH });
