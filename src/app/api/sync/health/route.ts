import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { syncConfig } from "@/server/config";
import { getSyncHealth } from "@/server/sync/get-sync-health";

export const GET = route({ auth: "user", permission: "sync.read" }, ({ db, org }) =>
  db((tx) => getSyncHealth(tx, org.id, syncConfig().limits)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
