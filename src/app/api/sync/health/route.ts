import { route } from "@/server/http/route";
import { syncConfig } from "@/server/config";
import { getSyncHealth } from "@/server/sync/get-sync-health";

export const GET = route({ auth: "user", permission: "sync.read" }, ({ db, org }) =>
  db((tx) => getSyncHealth(tx, org.id, syncConfig().limits)),
);
