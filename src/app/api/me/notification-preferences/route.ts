import { otherMethods } from "@/server/http/other-methods";
import { getAlertEmailPreference } from "@/server/alerts/get-alert-email-preference";
import { setAlertEmailPreference } from "@/server/alerts/set-alert-email-preference";
import { route } from "@/server/http/route";
import { alertEmailPreferenceBody } from "@/lib/alert-schemas";

export const GET = route({ auth: "user", org: true }, ({ db, org }) =>
  db((tx) => getAlertEmailPreference(tx, org.id, org.permissions.includes("alerts.acknowledge"))),
);

export const PUT = route({ auth: "user", org: true, body: alertEmailPreferenceBody }, ({ db, org, body }) =>
  db((tx) => setAlertEmailPreference(tx, org.id, body.alertEmails, org.permissions.includes("alerts.acknowledge"))),
);

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods({ GET, PUT });
