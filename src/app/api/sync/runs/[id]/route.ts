import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { getSyncRun } from "@/server/sync/get-sync-run";
import { syncRunParams } from "@/lib/sync-schemas";

export const GET = route({ auth: "user", permission: "sync.read", params: syncRunParams }, ({ db, org, params }) =>
  db((tx) => getSyncRun(tx, org.id, params.id)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
