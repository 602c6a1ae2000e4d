import { otherMethods } from "@/server/http/other-methods";
import { acknowledgeAlerts } from "@/server/alerts/acknowledge-alerts";
import { route } from "@/server/http/route";
import { acknowledgeAlertBody, alertParams } from "@/lib/alert-schemas";

/** Idempotent: an acknowledged alert answers as it is; a resolved one 409. */
export const POST = route(
  { auth: "user", permission: "alerts.acknowledge", params: alertParams, body: acknowledgeAlertBody },
  async ({ db, org, params, body }) => (await db((tx) => acknowledgeAlerts(tx, org.id, [params.id], body.note))).items[0]!,
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
