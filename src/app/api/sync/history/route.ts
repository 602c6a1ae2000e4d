import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { listSyncHistory } from "@/server/sync/list-sync-history";
import { syncHistoryQuery } from "@/lib/sync-schemas";

export const GET = route({ auth: "user", permission: "sync.read", query: syncHistoryQuery }, ({ db, org, query }) =>
  db((tx) => listSyncHistory(tx, org.id, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
