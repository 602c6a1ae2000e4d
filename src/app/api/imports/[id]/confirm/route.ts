import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { confirmImport } from "@/server/imports/confirm-import";
import { importParams } from "@/lib/import-schemas";

/** 202: the import is processing (a second confirm gets the same job back, created: false). */
export const POST = route({ auth: "user", permission: "imports.run", params: importParams }, async ({ db, org, params }) =>
  NextResponse.json(await confirmImport(db, org.id, params.id), { status: 202 }),
);
