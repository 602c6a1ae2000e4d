import { otherMethods } from "@/server/http/other-methods";
import { acknowledgeAlerts } from "@/server/alerts/acknowledge-alerts";
import { route } from "@/server/http/route";
import { bulkAcknowledgeBody } from "@/lib/alert-schemas";

/** All or nothing: one unknown id is 404 and one resolved alert 409, and then nothing changes. */
export const POST = route({ auth: "user", permission: "alerts.acknowledge", body: bulkAcknowledgeBody }, ({ db, org, body }) =>
  db((tx) => acknowledgeAlerts(tx, org.id, body.ids, body.note)),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
