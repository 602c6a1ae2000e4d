import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { revertImport } from "@/server/imports/revert-import";
import { importParams } from "@/lib/import-schemas";

/** 202: Undo is under way (a second request gets the same job back, created: false). */
export const POST = route({ auth: "user", permission: "imports.run", params: importParams }, async ({ db, org, params }) =>
  NextResponse.json(await revertImport(db, org.id, params.id), { status: 202 }),
);
