import { otherMethods } from "@/server/http/other-methods";
import { listAlerts } from "@/server/alerts/list-alerts";
import { route } from "@/server/http/route";
import { listAlertsQuery } from "@/lib/alert-schemas";

export const GET = route({ auth: "user", permission: "alerts.read", query: listAlertsQuery }, ({ db, org, query }) =>
  db((tx) => listAlerts(tx, org.id, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
