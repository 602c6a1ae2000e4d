import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { getSyncStatus } from "@/server/sync/get-sync-status";

/** Connections with their active run (progress) and last finished run; the panel polls this. */
export const GET = route({ auth: "user", permission: "sync.read" }, ({ db, org }) => db((tx) => getSyncStatus(tx, org.id)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
