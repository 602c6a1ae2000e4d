import { route } from "@/server/http/route";
import { importErrorReport } from "@/server/imports/import-error-report";
import { importParams } from "@/lib/import-schemas";

/** The error report as an .xlsx download. */
export const GET = route({ auth: "user", permission: "imports.run", params: importParams }, ({ db, org, params }) =>
  importErrorReport(db, org.id, params.id),
);
