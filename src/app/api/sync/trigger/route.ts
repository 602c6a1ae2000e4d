import { NextResponse } from "next/server";
import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { triggerSync } from "@/server/sync/trigger-sync";
import { triggerSyncBody } from "@/lib/sync-schemas";

/** 202: the runs are queued (or already were: `created: false`); watch them through /api/sync/status. */
export const POST = route({ auth: "user", permission: "sync.run", body: triggerSyncBody }, async ({ db, org, body }) =>
  NextResponse.json(await triggerSync(db, org.id, body), { status: 202 }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
